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
//
// This file assembles calendars (the header, the VTIMEZONEs, the entries in order) and
// keeps what they share; the VEVENTs are written by src/outputs/ics-vevent.ts, with the
// RFC 5545 text primitives of src/outputs/ics-text.ts.
import type { Catalogue, Occurrence, Program } from "../content/model.ts";
import { planSeries, seriesParts, type SeriesParts, type SeriesPlan } from "./ics-series.ts";
import { escapeIcsText, hasIanaZone, serialise } from "./ics-text.ts";
import { VeventWriter, type IcsLanguage } from "./ics-vevent.ts";
import { vtimezoneLines } from "./vtimezone.ts";
import { absoluteUrl } from "../text/xml.ts";

/** How often subscribed clients should refetch (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const ICS_REFRESH = "PT12H";
/** Aggregated calendars keep occurrences that ended at most this many days before `now`. */
export const ICS_KEEP_PAST_DAYS = 30;

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

/**
 * Writes the calendars of one catalogue, sharing work between them (see the file comment).
 * Every method returns exactly what `programIcs`/`calendarIcs` return for the same input.
 */
export class IcsWriter {
  /** Aggregated calendars keep occurrences that end after this instant (ms). */
  readonly cutoff: number;
  readonly #catalogue: Catalogue;
  readonly #vevents: VeventWriter;
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
  readonly #prefix: string;

  /**
   * `language`: when `catalogue` is the site in another of `site_languages`
   * (src/site/languages.ts), its prefix (`/es`) and words: the calendars link to that
   * language's pages, with the UIDs of the first language's, so a subscriber's events stay
   * the same events.
   */
  constructor(catalogue: Catalogue, language: IcsLanguage = {}) {
    this.#catalogue = catalogue;
    this.#prefix = language.prefix ?? "";
    this.cutoff = catalogue.now.minus({ days: ICS_KEEP_PAST_DAYS }).toMillis();
    this.#vevents = new VeventWriter(catalogue, language);
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
      `URL:${absoluteUrl(library.url, url.startsWith("/") ? this.#prefix + url : url)}`,
      `REFRESH-INTERVAL;VALUE=DURATION:${ICS_REFRESH}`,
      `X-PUBLISHED-TTL:${ICS_REFRESH}`,
    ];
    for (const zone of [...spans.keys()].sort()) {
      const [from, to] = spans.get(zone)!;
      lines.push(...vtimezoneLines(zone, from, to));
    }
    return serialise(lines);
  }

  /** A date of its own, its text kept while an aggregated calendar may hold it too. */
  #vevent(program: Program, occurrence: Occurrence, endMs: number): string {
    const memo = endMs > this.cutoff;
    if (memo) {
      const cached = this.#events.get(occurrence);
      if (cached?.text !== undefined && cached.program === program) return cached.text;
    }
    const text = this.#vevents.vevent(program, occurrence);
    if (memo) this.#events.set(occurrence, { program, text });
    return text;
  }

  /** A program's series, its text kept in the aggregated calendars' form. */
  #seriesText(program: Program, series: NonNullable<IcsEntry["series"]>): string {
    const { plan, parts, recent } = series;
    if (recent) {
      const cached = this.#series.get(program);
      if (cached?.text !== undefined) return cached.text;
    }
    const text = this.#vevents.series(program, plan, parts);
    if (recent) this.#series.set(program, { text });
    return text;
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
