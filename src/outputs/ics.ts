// iCalendar (RFC 5545) files for one program (`/programs/<id>.ics`) and for sets of
// programs (`/calendar.ics`, `/audiences/<id>/calendar.ics`, ...). A small generator of our
// own: ical-generator needs Node 22, and what we write is narrow.
//
// A repeating program is one VEVENT with an RRULE (and EXDATE for the dates the site drops),
// plus an override (RECURRENCE-ID, same UID) for each date that reads differently: cancelled,
// another length, or a wall-clock time that RFC 5545 readers and ical.js read differently (a
// repeated hour, a spring-forward gap, a duration across a change of offset), which the
// override states in UTC. What a series is, and when a program is instead written one VEVENT
// a date (one-offs, `dates` off the rule, rules RRULE cannot state), is decided in
// src/outputs/ics-series.ts, which checks the rule against the site's own occurrences, so a calendar
// app shows exactly the dates the site lists. UIDs: `<program id>@<host>` for a series and its
// overrides, `<program id>-<start in UTC>@<host>` for a date of its own. Everything is a pure
// function of its arguments: the only timestamp (DTSTAMP) is `catalogue.now`.
//
// A site writes one calendar per program plus one per audience, category and location, and
// the same program appears in several of them. `IcsWriter` holds what those calendars share
// for one catalogue (the text of each program's recent VEVENTs, each program's fixed lines,
// the recent entries in calendar order), so a build computes each once; drop the writer and
// they go with it. `programIcs` and `calendarIcs` are the one-off forms.
import type { DateTime } from "luxon";
import type { Catalogue, Occurrence, Program } from "../content/model.ts";
import {
  BYDAY_CODES,
  planSeries,
  seriesEnd,
  seriesParts,
  type SeriesEnd,
  type SeriesParts,
  type SeriesPlan,
} from "./ics-series.ts";
import { isWallClockSafe, localMsOf, vtimezoneLines } from "./vtimezone.ts";
import { absoluteUrl } from "../text/xml.ts";

/** How often subscribed clients should refetch (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const ICS_REFRESH = "PT12H";
/** Aggregated calendars keep occurrences that ended at most this many days before `now`. */
export const ICS_KEEP_PAST_DAYS = 30;

/** Escapes a TEXT value: backslash, `;`, `,` and newlines (RFC 5545 3.3.11). */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** UTF-8 length of one code point, without allocating (this runs once per character). */
function utf8Length(ch: string): number {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Folds one content line so that no physical line exceeds 75 octets (RFC 5545 3.1).
 * Splits only between code points, so a multi-byte UTF-8 character (accents, emoji) is
 * never cut in half; continuation lines start with one space, which counts toward the 75.
 *
 * Most lines are short ASCII (dates, UIDs, STATUS), and in ASCII one UTF-16 unit is one
 * octet, so those are answered from `length` without counting bytes; a UTF-16 unit is at
 * most 3 octets, so a line of 25 units or fewer always fits whatever it holds.
 */
export function foldLine(line: string): string {
  if (line.length <= 25) return line;
  if (!NON_ASCII.test(line)) {
    if (line.length <= 75) return line;
    let out = line.slice(0, 75);
    for (let i = 75; i < line.length; i += 74) out += "\r\n " + line.slice(i, i + 74);
    return out;
  }
  if (Buffer.byteLength(line, "utf8") <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch);
    if (size + n > limit) {
      parts.push(current);
      current = "";
      size = 0;
      limit = 74; // the leading space of the continuation line takes one octet
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** Joins content lines into text: folded, CRLF after every line, as RFC 5545 requires. */
function serialise(lines: string[]): string {
  let out = "";
  for (const line of lines) out += foldLine(line) + "\r\n";
  return out;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad4(n: number): string {
  return n >= 1000 ? `${n}` : `${n}`.padStart(4, "0");
}

/**
 * `yyyyMMdd'T'HHmmss'Z'` of an instant. Built from the UTC fields of `Date` rather than
 * luxon's `toFormat`, which parses its format string on every call: this runs for every
 * UID, and it was a visible part of writing a large site's calendars.
 */
export function utcBasic(ms: number): string {
  const d = new Date(ms);
  return (
    pad4(d.getUTCFullYear()) +
    pad2(d.getUTCMonth() + 1) +
    pad2(d.getUTCDate()) +
    "T" +
    pad2(d.getUTCHours()) +
    pad2(d.getUTCMinutes()) +
    pad2(d.getUTCSeconds()) +
    "Z"
  );
}

const DAY = 86_400_000;

/** `yyyyMMdd` of `dt`'s own (wall-clock) date. */
function localDate(dt: DateTime): string {
  return pad4(dt.year) + pad2(dt.month) + pad2(dt.day);
}

/** `yyyyMMdd'T'HHmmss` of a wall-clock time held as UTC ms (no `Z`: it is local). */
function localBasic(localMs: number): string {
  return utcBasic(localMs).slice(0, -1);
}

/** `yyyyMMdd` of a day number (days since 1970-01-01). */
function dayBasic(day: number): string {
  return utcBasic(day * DAY).slice(0, 8);
}

/** An exact length as an RFC 5545 dur-time (`PT1H30M`): hours, never nominal days. */
export function durationValue(ms: number): string {
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `PT${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || (!h && !m) ? `${s}S` : ""}`;
}

/** Days since 1970-01-01 of `dt`'s own (wall-clock) date. */
function dayNumber(dt: DateTime): number {
  return Math.floor(Date.UTC(dt.year, dt.month - 1, dt.day) / DAY);
}

/** True when `dt` is in a real tz-database zone, so it can be written with a TZID. */
function hasIanaZone(dt: DateTime): boolean {
  return dt.zone.type === "iana";
}

/**
 * DTSTART and DTEND (or DURATION) of a date of its own, as serialised lines. All day: dates.
 * In a tz-database zone: wall-clock times with its TZID, unless a reader could read them
 * otherwise (a start or end in a repeated hour or a gap, a change of offset in between):
 * then the start in UTC and an exact DURATION, which every reader reads alike. Explicit
 * offsets (`...-05:00`) are luxon fixed-offset zones, not tz-database ids: UTC.
 */
function timing(occurrence: Occurrence): string {
  const { start, end } = occurrence;
  if (occurrence.allDay) {
    return `DTSTART;VALUE=DATE:${localDate(start)}\r\nDTEND;VALUE=DATE:${localDate(end)}\r\n`;
  }
  const startMs = start.toMillis();
  const endMs = end.toMillis();
  if (hasIanaZone(start)) {
    const zone = start.zoneName!;
    if (isWallClockSafe(zone, startMs, endMs - startMs)) {
      return (
        foldLine(`DTSTART;TZID=${zone}:${localBasic(localMsOf(zone, startMs))}`) +
        "\r\n" +
        foldLine(`DTEND;TZID=${zone}:${localBasic(localMsOf(zone, endMs))}`) +
        "\r\n"
      );
    }
    return `DTSTART:${utcBasic(startMs)}\r\nDURATION:${durationValue(endMs - startMs)}\r\n`;
  }
  return `DTSTART:${utcBasic(startMs)}\r\nDTEND:${utcBasic(endMs)}\r\n`;
}

function libraryHost(libraryUrl: string): string {
  try {
    return new URL(libraryUrl).host;
  } catch {
    return libraryUrl.replace(/^[a-z]+:\/\//i, "").replace(/\/.*$/, "");
  }
}

/** UID of a date written as a VEVENT of its own: the program id and its start instant. */
export function occurrenceUid(
  program: Program,
  occurrence: Occurrence,
  library: { url: string },
): string {
  return `${program.id}-${utcBasic(occurrence.start.toMillis())}@${libraryHost(library.url)}`;
}

/**
 * UID of a program's series and its overrides: the program id. Ids are lowercase, so it never
 * equals an occurrence UID (whose start ends in uppercase `T...Z`).
 */
export function seriesUid(program: Program, library: { url: string }): string {
  return `${program.id}@${libraryHost(library.url)}`;
}

type Status = "CANCELLED" | "TENTATIVE" | "CONFIRMED";

function statusOf(program: Program, occurrence: { cancelled: boolean }): Status {
  if (occurrence.cancelled || program.status === "cancelled") return "CANCELLED";
  if (program.status === "postponed") return "TENTATIVE";
  return "CONFIRMED";
}

/**
 * The serialised lines of a program's VEVENTs that do not depend on the occurrence: its
 * SUMMARY (for a cancelled and a not-cancelled date), then DESCRIPTION to GEO, then
 * CATEGORIES. Folding is per line, so joining pieces folded apart gives the same bytes.
 */
interface ProgramParts {
  summary: string;
  cancelledSummary: string;
  /** DESCRIPTION, URL, LOCATION and GEO lines. */
  middle: string;
  /** CATEGORIES (if any) and END:VEVENT. */
  tail: string;
}

const END = "END:VCALENDAR\r\n";
const END_BYTES = Buffer.from(END, "utf8");

/**
 * One piece of a calendar: a date written as a VEVENT of its own, or a program's series
 * (its VEVENT and overrides), with its instants read once for sorting and zone spans.
 */
export interface IcsEntry {
  program: Program;
  /** A date of its own. */
  occurrence?: Occurrence;
  /** A series: what this calendar holds of it. `recent`: the aggregated calendars' form. */
  series?: { plan: SeriesPlan; parts: SeriesParts; recent: boolean };
  /** First start and last end (ms). */
  startMs: number;
  endMs: number;
  /** The tz-database zone the times are written in, or undefined (all day, fixed offset). */
  zone: string | undefined;
}

/** Calendar order: by start, then program id (stable, so a program's own order is kept). */
function byStart(a: IcsEntry, b: IcsEntry): number {
  return (
    a.startMs - b.startMs ||
    (a.program.id < b.program.id ? -1 : a.program.id > b.program.id ? 1 : 0)
  );
}

/** The RRULE line of a series ending as `end`. */
function rruleLine(plan: SeriesPlan, end: SeriesEnd): string {
  const { rule } = plan;
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.freq === "WEEKLY" && rule.weekdays.length) {
    parts.push(`BYDAY=${rule.weekdays.map((wd) => BYDAY_CODES[wd - 1]).join(",")}`);
  }
  if (rule.freq === "MONTHLY") {
    if (rule.monthly.length) {
      parts.push(
        `BYDAY=${rule.monthly.map((m) => `${m.nth}${BYDAY_CODES[m.weekday - 1]}`).join(",")}`,
      );
    } else parts.push(`BYMONTHDAY=${rule.monthDay}`);
  }
  // The week start only matters to a weekly rule on several days every other week or more.
  if (rule.freq === "WEEKLY" && rule.interval > 1 && rule.weekdays.length > 1) {
    parts.push(`WKST=${BYDAY_CODES[rule.weekStart - 1]}`);
  }
  if ("count" in end) parts.push(`COUNT=${end.count}`);
  else if ("untilDay" in end) parts.push(`UNTIL=${dayBasic(end.untilDay)}`);
  else parts.push(`UNTIL=${utcBasic(end.until)}`);
  return `RRULE:${parts.join(";")}`;
}

/**
 * Writes the calendars of one catalogue, sharing work between them (see the file comment).
 * Every method returns exactly what `programIcs`/`calendarIcs` return for the same input.
 */
export class IcsWriter {
  /** Aggregated calendars keep occurrences that end after this instant (ms). */
  readonly cutoff: number;
  readonly #catalogue: Catalogue;
  readonly #host: string;
  readonly #dtstamp: string;
  readonly #places: Map<string, Catalogue["library"]["locations"][number]>;
  readonly #categoryLabels: Map<string, string>;
  readonly #programs = new Map<Program, ProgramParts>();
  readonly #plans = new Map<Program, SeriesPlan | null>();
  /**
   * VEVENT text (or its UTF-8 bytes) by occurrence, for dates of their own an aggregated
   * calendar may hold (ended after `cutoff`): each is in its program's calendar,
   * `/calendar.ics` and each audience, category and location calendar, and is written once.
   * Older ones are in one file only, so they are not kept.
   */
  readonly #events = new Map<Occurrence, { program: Program; text?: string; bytes?: Buffer }>();
  /** The same for each program's series as the aggregated calendars hold it. */
  readonly #series = new Map<Program, { text?: string; bytes?: Buffer }>();
  #recent: IcsEntry[] | undefined;
  #members: Set<Program> | undefined;

  constructor(catalogue: Catalogue) {
    const { library } = catalogue;
    this.#catalogue = catalogue;
    this.cutoff = catalogue.now.minus({ days: ICS_KEEP_PAST_DAYS }).toMillis();
    this.#host = libraryHost(library.url);
    this.#dtstamp = foldLine(`DTSTAMP:${utcBasic(catalogue.now.toMillis())}`) + "\r\n";
    // First match wins, as `Array.find` did.
    this.#places = new Map();
    for (const place of [...library.locations].reverse()) this.#places.set(place.id, place);
    this.#categoryLabels = new Map();
    for (const c of [...library.categories].reverse()) this.#categoryLabels.set(c.id, c.label);
  }

  /**
   * `/programs/<id>.ics`: every occurrence in `program.occurrences` (past ones included, so
   * a subscriber's history stays intact), named after the program.
   */
  programIcs(program: Program): string {
    return this.#join(this.programChunks(program));
  }

  /** `programIcs` as pieces to write one after another (their concatenation is the file). */
  programChunks(program: Program): Iterable<string> {
    return this.#chunks(
      this.#entriesOf(program, -Infinity).sort(byStart),
      program.title,
      program.url,
    );
  }

  /**
   * `programIcs` as UTF-8 pieces. A recent VEVENT is encoded once and the same bytes go in
   * every file that holds it: encoding the aggregated calendars again and again was a
   * large part of writing them.
   */
  programBytes(program: Program): Iterable<Uint8Array> {
    return this.#byteChunks(
      this.#entriesOf(program, -Infinity).sort(byStart),
      program.title,
      program.url,
    );
  }

  /**
   * A subscribable calendar of several programs (`/calendar.ics`, `/audiences/<id>/calendar.ics`,
   * ...). Keeps occurrences that end after `now - 30 days`: recent history stays visible in
   * subscribers' calendars, old history does not grow the file forever. `url` is the page
   * the calendar belongs to (site path or absolute URL).
   */
  calendarIcs(programs: Program[], options: { name: string; url: string }): string {
    return this.#join(this.calendarChunks(programs, options));
  }

  /** `calendarIcs` as pieces to write one after another (their concatenation is the file). */
  calendarChunks(programs: Program[], options: { name: string; url: string }): Iterable<string> {
    return this.#chunks(this.#recentOf(programs), options.name, options.url);
  }

  /** `calendarIcs` as UTF-8 pieces (see `programBytes`). */
  calendarBytes(programs: Program[], options: { name: string; url: string }): Iterable<Uint8Array> {
    return this.#byteChunks(this.#recentOf(programs), options.name, options.url);
  }

  #planOf(program: Program): SeriesPlan | undefined {
    let plan = this.#plans.get(program);
    if (plan === undefined) {
      plan = planSeries(program, this.#catalogue.library.timezone) ?? null;
      this.#plans.set(program, plan);
    }
    return plan ?? undefined;
  }

  /**
   * The entries of `program` for the occurrences that end after `after`: its series (when it
   * has one and the calendar holds any of its rule's dates), then its dates of their own.
   */
  #entriesOf(program: Program, after: number): IcsEntry[] {
    const all = program.occurrences;
    const target = after === -Infinity ? all : all.filter((o) => o.end.toMillis() > after);
    const out: IcsEntry[] = [];
    let singles: readonly Occurrence[] = target;
    const plan = target.length ? this.#planOf(program) : undefined;
    if (plan) {
      const parts = seriesParts(plan, target);
      singles = parts.extras;
      if (parts.kept.length) {
        // The same as the aggregated calendars' when nothing ended before the cutoff.
        const recent = after === this.cutoff || all.every((o) => o.end.toMillis() > this.cutoff);
        let endMs = -Infinity;
        for (const { occurrence } of parts.kept) endMs = Math.max(endMs, occurrence.end.toMillis());
        out.push({
          program,
          series: { plan, parts, recent },
          startMs: parts.kept[0].occurrence.start.toMillis(),
          endMs,
          zone: plan.frame.kind === "zone" ? plan.frame.zone : undefined,
        });
      }
    }
    for (const occurrence of singles) {
      const { start, allDay } = occurrence;
      const zone = !allDay && hasIanaZone(start) ? start.zoneName! : undefined;
      out.push({
        program,
        occurrence,
        startMs: start.toMillis(),
        endMs: occurrence.end.toMillis(),
        zone,
      });
    }
    return out;
  }

  /**
   * The recent entries of `programs` in calendar order. The catalogue's recent entries are
   * sorted once; a subset is a filter of that list, which is the order sorting the subset
   * would give: program ids are unique, so the only ties are entries of one program, and a
   * stable sort keeps their own order either way. Programs not in the catalogue, or listed
   * twice, are sorted on their own.
   */
  #recentOf(programs: Program[]): IcsEntry[] {
    const catalogue = this.#catalogue;
    this.#members ??= new Set(catalogue.programs);
    const members = this.#members;
    const wanted = new Set(programs);
    if (wanted.size !== programs.length || programs.some((p) => !members.has(p))) {
      return programs.flatMap((p) => this.#entriesOf(p, this.cutoff)).sort(byStart);
    }
    this.#recent ??= catalogue.programs
      .flatMap((p) => this.#entriesOf(p, this.cutoff))
      .sort(byStart);
    if (wanted.size === members.size) return this.#recent;
    return this.#recent.filter((e) => wanted.has(e.program));
  }

  #join(chunks: Iterable<string>): string {
    let out = "";
    for (const chunk of chunks) out += chunk;
    return out;
  }

  /** The calendar's header and VTIMEZONEs, then one piece per entry, then its end. */
  *#chunks(sorted: IcsEntry[], name: string, url: string): Generator<string> {
    yield this.#header(sorted, name, url);
    for (const entry of sorted) yield this.#entryText(entry);
    yield END;
  }

  /** `#chunks`, encoded; recent entries are encoded once per writer. */
  *#byteChunks(sorted: IcsEntry[], name: string, url: string): Generator<Uint8Array> {
    yield Buffer.from(this.#header(sorted, name, url), "utf8");
    for (const entry of sorted) yield this.#entryBytes(entry);
    yield END_BYTES;
  }

  /** An entry's UTF-8 bytes, kept (instead of its text) when other calendars hold it too. */
  #entryBytes(entry: IcsEntry): Uint8Array {
    const { program, occurrence, series } = entry;
    if (series) {
      if (!series.recent) return Buffer.from(this.#entryText(entry), "utf8");
      const cached = this.#series.get(program);
      if (cached?.bytes) return cached.bytes;
      const bytes = Buffer.from(this.#entryText(entry), "utf8");
      this.#series.set(program, { bytes }); // the text is not needed again
      return bytes;
    }
    if (entry.endMs <= this.cutoff) return Buffer.from(this.#entryText(entry), "utf8");
    const cached = this.#events.get(occurrence!);
    if (cached?.bytes && cached.program === program) return cached.bytes;
    const bytes = Buffer.from(this.#entryText(entry), "utf8");
    this.#events.set(occurrence!, { program, bytes });
    return bytes;
  }

  #entryText(entry: IcsEntry): string {
    if (entry.series) return this.#seriesText(entry.program, entry.series);
    return this.#vevent(entry.program, entry.occurrence!, entry.endMs);
  }

  /** BEGIN:VCALENDAR to the VTIMEZONEs: the zones are those `sorted` uses, over its span. */
  #header(sorted: IcsEntry[], name: string, url: string): string {
    const { library } = this.#catalogue;
    // The span each zone must cover, from the earliest start to the latest end using it.
    const spans = new Map<string, [number, number]>();
    for (const { zone, startMs, endMs } of sorted) {
      if (zone === undefined) continue;
      const span = spans.get(zone);
      if (span) {
        if (startMs < span[0]) span[0] = startMs;
        if (endMs > span[1]) span[1] = endMs;
      } else spans.set(zone, [startMs, endMs]);
    }
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      `PRODID:-//Almanac//${escapeIcsText(library.name)}//EN`,
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      `NAME:${escapeIcsText(name)}`,
      `X-WR-CALNAME:${escapeIcsText(name)}`,
      `X-WR-TIMEZONE:${library.timezone}`,
      `URL:${absoluteUrl(library.url, url)}`,
      `REFRESH-INTERVAL;VALUE=DURATION:${ICS_REFRESH}`,
      `X-PUBLISHED-TTL:${ICS_REFRESH}`,
    ];
    for (const zone of [...spans.keys()].sort()) {
      const [from, to] = spans.get(zone)!;
      lines.push(...vtimezoneLines(zone, from, to));
    }
    return serialise(lines);
  }

  /** A date of its own. */
  #vevent(program: Program, occurrence: Occurrence, endMs: number): string {
    const memo = endMs > this.cutoff;
    if (memo) {
      const cached = this.#events.get(occurrence);
      if (cached?.text !== undefined && cached.program === program) return cached.text;
    }
    const text =
      "BEGIN:VEVENT\r\n" +
      foldLine(`UID:${program.id}-${utcBasic(occurrence.start.toMillis())}@${this.#host}`) +
      "\r\n" +
      this.#dtstamp +
      timing(occurrence) +
      this.#body(program, statusOf(program, occurrence));
    if (memo) this.#events.set(occurrence, { program, text });
    return text;
  }

  /** SUMMARY to END:VEVENT for a VEVENT of `program` with `status`. */
  #body(program: Program, status: Status): string {
    const parts = this.#parts(program);
    return (
      (status === "CANCELLED" ? parts.cancelledSummary : parts.summary) +
      parts.middle +
      `STATUS:${status}\r\n` +
      parts.tail
    );
  }

  /**
   * A program's series: the VEVENT with DTSTART (its first kept date), DURATION, RRULE and
   * EXDATE, then an override for each date that reads differently from the rule.
   */
  #seriesText(program: Program, series: NonNullable<IcsEntry["series"]>): string {
    const { plan, parts, recent } = series;
    if (recent) {
      const cached = this.#series.get(program);
      if (cached?.text !== undefined) return cached.text;
    }
    const { frame, instances } = plan;
    const { kept, excluded } = parts;
    const first = kept[0];
    const anchor = instances[first.index];
    const uid = foldLine(`UID:${program.id}@${this.#host}`) + "\r\n";
    const master = statusOf(program, { cancelled: false });
    // The rule's length is its first date's; a date of another length is an override.
    const o0 = first.occurrence;
    const length =
      frame.kind === "date"
        ? dayNumber(o0.end) - dayNumber(o0.start)
        : o0.end.toMillis() - o0.start.toMillis();
    /** A rule date as DTSTART, EXDATE and RECURRENCE-ID name it (value only). */
    const value = (i: { local: number; day: number }) =>
      frame.kind === "date"
        ? dayBasic(i.day)
        : frame.kind === "utc"
          ? utcBasic(i.local)
          : localBasic(i.local);
    const params =
      frame.kind === "date" ? ";VALUE=DATE" : frame.kind === "zone" ? `;TZID=${frame.zone}` : "";

    let text =
      "BEGIN:VEVENT\r\n" +
      uid +
      this.#dtstamp +
      foldLine(`DTSTART${params}:${value(anchor)}`) +
      "\r\n" +
      (frame.kind === "date"
        ? `DTEND;VALUE=DATE:${dayBasic(anchor.day + length)}\r\n`
        : `DURATION:${durationValue(length)}\r\n`) +
      foldLine(rruleLine(plan, seriesEnd(plan, first.index, kept[kept.length - 1].index))) +
      "\r\n";
    if (excluded.length) {
      text += foldLine(`EXDATE${params}:${excluded.map(value).join(",")}`) + "\r\n";
    }
    text += this.#body(program, master);

    for (const { occurrence: o, index } of kept) {
      const status = statusOf(program, o);
      const startMs = o.start.toMillis();
      const own =
        frame.kind === "date" ? dayNumber(o.end) - dayNumber(o.start) : o.end.toMillis() - startMs;
      // The rule's wall-clock time must name this very instant (not so in a gap), once, and
      // its end must read alike in every reader.
      const safe =
        frame.kind !== "zone" ||
        (localMsOf(frame.zone, startMs) === instances[index].local &&
          isWallClockSafe(frame.zone, startMs, own));
      if (status === master && own === length && safe) continue;
      let when: string;
      if (frame.kind === "date") {
        when = `DTSTART;VALUE=DATE:${localDate(o.start)}\r\nDTEND;VALUE=DATE:${localDate(o.end)}\r\n`;
      } else {
        const start =
          frame.kind === "zone" && safe
            ? `DTSTART;TZID=${frame.zone}:${localBasic(localMsOf(frame.zone, startMs))}`
            : `DTSTART:${utcBasic(startMs)}`;
        when = foldLine(start) + "\r\n" + `DURATION:${durationValue(own)}\r\n`;
      }
      text +=
        "BEGIN:VEVENT\r\n" +
        uid +
        foldLine(`RECURRENCE-ID${params}:${value(instances[index])}`) +
        "\r\n" +
        this.#dtstamp +
        when +
        this.#body(program, status);
    }
    if (recent) this.#series.set(program, { text });
    return text;
  }

  #parts(program: Program): ProgramParts {
    let parts = this.#programs.get(program);
    if (parts) return parts;
    const { library } = this.#catalogue;
    const url = absoluteUrl(library.url, program.url);
    const place = program.location ? this.#places.get(program.location) : undefined;
    const movedOnline = program.status === "moved-online";

    const description = [program.summary];
    if (program.room && place && !movedOnline) description.push(`Room: ${program.room}`);
    if (program.online) description.push(`Online: ${program.online}`);
    description.push(url);

    let location: string | undefined;
    if (place && !movedOnline) location = `${place.name}, ${place.address}`;
    else if (program.online) location = program.online;

    const middle = [`DESCRIPTION:${escapeIcsText(description.join("\n\n"))}`, `URL:${url}`];
    if (location) middle.push(`LOCATION:${escapeIcsText(location)}`);
    if (place?.geo && !movedOnline) middle.push(`GEO:${place.geo[0]};${place.geo[1]}`);

    const categories = program.categories.map((id) => this.#categoryLabels.get(id) ?? id);
    const tail = categories.length
      ? [`CATEGORIES:${categories.map(escapeIcsText).join(",")}`, "END:VEVENT"]
      : ["END:VEVENT"];

    // The prefix follows the STATUS: "Cancelled: " with CANCELLED, else "Postponed: " for a
    // postponed program (TENTATIVE).
    const notCancelled =
      program.status === "cancelled"
        ? "Cancelled: "
        : program.status === "postponed"
          ? "Postponed: "
          : "";
    parts = {
      summary: serialise([`SUMMARY:${escapeIcsText(notCancelled + program.title)}`]),
      cancelledSummary: serialise([`SUMMARY:${escapeIcsText("Cancelled: " + program.title)}`]),
      middle: serialise(middle),
      tail: serialise(tail),
    };
    this.#programs.set(program, parts);
    return parts;
  }
}

/**
 * `/programs/<id>.ics`: every occurrence in `program.occurrences` (past ones included, so a
 * subscriber's history stays intact), named after the program. For many calendars of one
 * catalogue, use one `IcsWriter`.
 */
export function programIcs(program: Program, catalogue: Catalogue): string {
  return new IcsWriter(catalogue).programIcs(program);
}

/**
 * A subscribable calendar of several programs (`/calendar.ics`, `/audiences/<id>/calendar.ics`,
 * ...): occurrences that end after `now - 30 days`. See `IcsWriter.calendarIcs`.
 */
export function calendarIcs(
  programs: Program[],
  catalogue: Catalogue,
  options: { name: string; url: string },
): string {
  return new IcsWriter(catalogue).calendarIcs(programs, options);
}
