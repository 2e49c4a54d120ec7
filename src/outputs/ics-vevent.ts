// The VEVENTs of a program's calendars: one for a date of its own, or a series (the VEVENT
// with its RRULE and EXDATE, then an override, RECURRENCE-ID with the same UID, for each date
// that reads differently from the rule). What a series holds is decided by
// src/outputs/ics-series.ts; the calendars around the VEVENTs, and which VEVENT text is
// shared between them, are src/outputs/ics.ts.
import { placeOf } from "../content/assemble.ts";
import type { Catalogue, Occurrence, Program } from "../content/model.ts";
import {
  BYDAY_CODES,
  seriesEnd,
  type SeriesEnd,
  type SeriesParts,
  type SeriesPlan,
} from "./ics-series.ts";
import {
  dayBasic,
  dayNumber,
  durationValue,
  escapeIcsText,
  foldLine,
  localBasic,
  localDate,
  occurrenceTiming,
  serialise,
  utcBasic,
} from "./ics-text.ts";
import { isWallClockSafe, localMsOf } from "./vtimezone.ts";
import { absoluteUrl } from "../text/xml.ts";

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

/** The words a calendar adds to a program's own text, in the calendar's language. */
export interface IcsWords {
  /** The SUMMARY of a cancelled program or date. */
  cancelled: (title: string) => string;
  /** The SUMMARY of a postponed program. */
  postponed: (title: string) => string;
  /** The room, in the DESCRIPTION. */
  room: (room: string) => string;
  /** The online address, in the DESCRIPTION. */
  online: (url: string) => string;
}

/** The first language's words (as the calendars have always said them). */
export const ENGLISH_ICS_WORDS: IcsWords = {
  cancelled: (title) => `Cancelled: ${title}`,
  postponed: (title) => `Postponed: ${title}`,
  room: (room) => `Room: ${room}`,
  online: (url) => `Online: ${url}`,
};

/** The calendars of the site in another of `site_languages`. Default: the first language's. */
export interface IcsLanguage {
  /** Where its pages are (`/es`). Default `""`. */
  prefix?: string;
  /** Default: ENGLISH_ICS_WORDS. */
  words?: IcsWords;
}

/**
 * Writes the VEVENTs of one catalogue's programs. What does not change from one date to the
 * next (the DTSTAMP, the host in UIDs, each program's SUMMARY to END:VEVENT) is made once.
 */
export class VeventWriter {
  readonly #catalogue: Catalogue;
  readonly #host: string;
  readonly #dtstamp: string;
  readonly #places: Map<string, Catalogue["library"]["locations"][number]>;
  readonly #categoryLabels: Map<string, string>;
  readonly #programs = new Map<Program, ProgramParts>();
  readonly #prefix: string;
  readonly #words: IcsWords;

  /**
   * `language`: for the calendars of the site in another of `site_languages`
   * (src/site/languages.ts), its prefix (`/es`: links lead to its pages) and the words the
   * calendars add in it. UIDs do not change with it.
   */
  constructor(catalogue: Catalogue, language: IcsLanguage = {}) {
    const { library } = catalogue;
    this.#catalogue = catalogue;
    this.#prefix = language.prefix ?? "";
    this.#words = language.words ?? ENGLISH_ICS_WORDS;
    this.#host = libraryHost(library.url);
    this.#dtstamp = foldLine(`DTSTAMP:${utcBasic(catalogue.now.toMillis())}`) + "\r\n";
    // First match wins, as `Array.find` did.
    this.#places = new Map();
    for (const place of [...library.locations].reverse()) this.#places.set(place.id, place);
    this.#categoryLabels = new Map();
    for (const c of [...library.categories].reverse()) this.#categoryLabels.set(c.id, c.label);
  }

  /** A date of its own. */
  vevent(program: Program, occurrence: Occurrence): string {
    return (
      "BEGIN:VEVENT\r\n" +
      foldLine(`UID:${program.id}-${utcBasic(occurrence.start.toMillis())}@${this.#host}`) +
      "\r\n" +
      this.#dtstamp +
      occurrenceTiming(occurrence) +
      this.#body(program, statusOf(program, occurrence))
    );
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
  series(program: Program, plan: SeriesPlan, parts: SeriesParts): string {
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
    return text;
  }

  #parts(program: Program): ProgramParts {
    let parts = this.#programs.get(program);
    if (parts) return parts;
    const { library } = this.#catalogue;
    // A consortium member's program links to its page on the member's site, as it is.
    const url = absoluteUrl(library.url, program.member ? program.url : this.#prefix + program.url);
    const at = placeOf(program);
    const place = at ? this.#places.get(at) : undefined;

    const description = [program.summary];
    if (program.room && place) description.push(this.#words.room(program.room));
    if (program.online) description.push(this.#words.online(program.online));
    description.push(url);

    let location: string | undefined;
    if (place) location = `${place.name}, ${place.address}`;
    else if (program.online) location = program.online;

    const middle = [`DESCRIPTION:${escapeIcsText(description.join("\n\n"))}`, `URL:${url}`];
    if (location) middle.push(`LOCATION:${escapeIcsText(location)}`);
    if (place?.geo) middle.push(`GEO:${place.geo[0]};${place.geo[1]}`);

    const categories = program.categories.map((id) => this.#categoryLabels.get(id) ?? id);
    const tail = categories.length
      ? [`CATEGORIES:${categories.map(escapeIcsText).join(",")}`, "END:VEVENT"]
      : ["END:VEVENT"];

    // The prefix follows the STATUS: "Cancelled: " with CANCELLED, else "Postponed: " for a
    // postponed program (TENTATIVE).
    const words = this.#words;
    const title =
      program.status === "cancelled"
        ? words.cancelled(program.title)
        : program.status === "postponed"
          ? words.postponed(program.title)
          : program.title;
    parts = {
      summary: serialise([`SUMMARY:${escapeIcsText(title)}`]),
      cancelledSummary: serialise([`SUMMARY:${escapeIcsText(words.cancelled(program.title))}`]),
      middle: serialise(middle),
      tail: serialise(tail),
    };
    this.#programs.set(program, parts);
    return parts;
  }
}
