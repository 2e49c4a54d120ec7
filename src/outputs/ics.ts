// iCalendar (RFC 5545) files for one program (`/programs/<id>.ics`) and for sets of
// programs (`/calendar.ics`, `/audiences/<id>/calendar.ics`, ...). A small generator of our
// own: ical-generator needs Node 22, and what we write is narrow.
//
// Each occurrence is written as its own VEVENT (no RRULE): a calendar app then shows exactly
// the occurrences the site lists, with closed days, `except` and `dates` already applied,
// and a cancelled date carries its own STATUS:CANCELLED. Everything is a pure function of
// its arguments: the only timestamp (DTSTAMP) is `catalogue.now`.
//
// A site writes one calendar per program plus one per audience, category and location, and
// the same occurrence appears in several of them. `IcsWriter` holds what those calendars
// share for one catalogue (the VEVENT text of each recent occurrence, each program's fixed
// lines, the recent occurrences in calendar order), so a build computes each once; drop the
// writer and they go with it. `programIcs` and `calendarIcs` are the one-off forms.
import type { DateTime } from "luxon";
import type { Catalogue, Occurrence, Program } from "../content/model.ts";
import { vtimezoneLines } from "./vtimezone.ts";
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

/** `yyyyMMdd` of `dt`'s own (wall-clock) date. */
function localDate(dt: DateTime): string {
  return pad4(dt.year) + pad2(dt.month) + pad2(dt.day);
}

/** `yyyyMMdd'T'HHmmss` of `dt`'s own wall-clock time. */
function localDateTime(dt: DateTime): string {
  return localDate(dt) + "T" + pad2(dt.hour) + pad2(dt.minute) + pad2(dt.second);
}

/** True when `dt` is in a real tz-database zone, so it can be written with a TZID. */
function hasIanaZone(dt: DateTime): boolean {
  return dt.zone.type === "iana";
}

/** The DTSTART/DTEND property for one value, with its TZID when it has one. */
function dateProperty(name: string, dt: DateTime, allDay: boolean): string {
  if (allDay) return `${name};VALUE=DATE:${localDate(dt)}`;
  if (hasIanaZone(dt)) return `${name};TZID=${dt.zoneName}:${localDateTime(dt)}`;
  // Explicit offsets (`...-05:00`) are luxon fixed-offset zones, not tz-database ids: UTC.
  return `${name}:${utcBasic(dt.toMillis())}`;
}

function libraryHost(libraryUrl: string): string {
  try {
    return new URL(libraryUrl).host;
  } catch {
    return libraryUrl.replace(/^[a-z]+:\/\//i, "").replace(/\/.*$/, "");
  }
}

/** Stable across builds: the program id and the occurrence's start instant. */
export function occurrenceUid(
  program: Program,
  occurrence: Occurrence,
  library: { url: string },
): string {
  return `${program.id}-${utcBasic(occurrence.start.toMillis())}@${libraryHost(library.url)}`;
}

type Status = "CANCELLED" | "TENTATIVE" | "CONFIRMED";

function statusOf(program: Program, occurrence: Occurrence): Status {
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

/** One occurrence in a calendar, with its instants read once for sorting and zone spans. */
export interface IcsEntry {
  program: Program;
  occurrence: Occurrence;
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

function entriesOf(program: Program, after = -Infinity): IcsEntry[] {
  const out: IcsEntry[] = [];
  for (const occurrence of program.occurrences) {
    const endMs = occurrence.end.toMillis();
    if (endMs > after) {
      const { start, allDay } = occurrence;
      const zone = !allDay && hasIanaZone(start) ? start.zoneName! : undefined;
      out.push({ program, occurrence, startMs: start.toMillis(), endMs, zone });
    }
  }
  return out;
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
  /**
   * VEVENT text (or its UTF-8 bytes) by occurrence, for occurrences an aggregated calendar
   * may hold (ended after `cutoff`): each is in its program's calendar, `/calendar.ics` and
   * each audience, category and location calendar, and is written once. Older ones are in
   * one file only, so they are not kept.
   */
  readonly #events = new Map<Occurrence, { program: Program; text?: string; bytes?: Buffer }>();
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
    return this.#chunks(entriesOf(program).sort(byStart), program.title, program.url);
  }

  /**
   * `programIcs` as UTF-8 pieces. A recent VEVENT is encoded once and the same bytes go in
   * every file that holds it: encoding the aggregated calendars again and again was a
   * large part of writing them.
   */
  programBytes(program: Program): Iterable<Uint8Array> {
    return this.#byteChunks(entriesOf(program).sort(byStart), program.title, program.url);
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

  /**
   * The recent entries of `programs` in calendar order. The catalogue's recent entries are
   * sorted once; a subset is a filter of that list, which is the order sorting the subset
   * would give: program ids are unique, so the only ties are dates of one program, and a
   * stable sort keeps their own order either way. Programs not in the catalogue, or listed
   * twice, are sorted on their own.
   */
  #recentOf(programs: Program[]): IcsEntry[] {
    const catalogue = this.#catalogue;
    this.#members ??= new Set(catalogue.programs);
    const members = this.#members;
    const wanted = new Set(programs);
    if (wanted.size !== programs.length || programs.some((p) => !members.has(p))) {
      return programs.flatMap((p) => entriesOf(p, this.cutoff)).sort(byStart);
    }
    this.#recent ??= catalogue.programs.flatMap((p) => entriesOf(p, this.cutoff)).sort(byStart);
    if (wanted.size === members.size) return this.#recent;
    return this.#recent.filter((e) => wanted.has(e.program));
  }

  #join(chunks: Iterable<string>): string {
    let out = "";
    for (const chunk of chunks) out += chunk;
    return out;
  }

  /** The calendar's header and VTIMEZONEs, then one piece per VEVENT, then its end. */
  *#chunks(sorted: IcsEntry[], name: string, url: string): Generator<string> {
    yield this.#header(sorted, name, url);
    for (const { program, occurrence, endMs } of sorted) {
      yield this.#vevent(program, occurrence, endMs);
    }
    yield END;
  }

  /** `#chunks`, encoded; recent VEVENTs are encoded once per writer. */
  *#byteChunks(sorted: IcsEntry[], name: string, url: string): Generator<Uint8Array> {
    yield Buffer.from(this.#header(sorted, name, url), "utf8");
    for (const { program, occurrence, endMs } of sorted) {
      if (endMs > this.cutoff) {
        const cached = this.#events.get(occurrence);
        if (cached?.bytes && cached.program === program) {
          yield cached.bytes;
          continue;
        }
        const bytes = Buffer.from(this.#vevent(program, occurrence, endMs), "utf8");
        this.#events.set(occurrence, { program, bytes }); // the text is not needed again
        yield bytes;
      } else {
        yield Buffer.from(this.#vevent(program, occurrence, endMs), "utf8");
      }
    }
    yield END_BYTES;
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

  #vevent(program: Program, occurrence: Occurrence, endMs: number): string {
    const memo = endMs > this.cutoff;
    if (memo) {
      const cached = this.#events.get(occurrence);
      if (cached?.text !== undefined && cached.program === program) return cached.text;
    }
    const parts = this.#parts(program);
    const status = statusOf(program, occurrence);
    const text =
      "BEGIN:VEVENT\r\n" +
      foldLine(`UID:${program.id}-${utcBasic(occurrence.start.toMillis())}@${this.#host}`) +
      "\r\n" +
      this.#dtstamp +
      foldLine(dateProperty("DTSTART", occurrence.start, occurrence.allDay)) +
      "\r\n" +
      foldLine(dateProperty("DTEND", occurrence.end, occurrence.allDay)) +
      "\r\n" +
      (status === "CANCELLED" ? parts.cancelledSummary : parts.summary) +
      parts.middle +
      `STATUS:${status}\r\n` +
      parts.tail;
    if (memo) this.#events.set(occurrence, { program, text });
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
