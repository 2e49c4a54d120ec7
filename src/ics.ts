// iCalendar (RFC 5545) files for one program (`/programs/<id>.ics`) and for sets of
// programs (`/calendar.ics`, `/audiences/<id>/calendar.ics`, ...). A small generator of our
// own: ical-generator needs Node 22, and what we write is narrow.
//
// Each occurrence is written as its own VEVENT (no RRULE): a calendar app then shows exactly
// the occurrences the site lists, with closed days, `except` and `dates` already applied,
// and a cancelled date carries its own STATUS:CANCELLED. Everything is a pure function of
// its arguments: the only timestamp (DTSTAMP) is `catalogue.now`.
import type { DateTime } from "luxon";
import type { Catalogue, Library, Occurrence, Program } from "./model.ts";
import { vtimezoneLines } from "./vtimezone.ts";
import { absoluteUrl } from "./xml.ts";

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

/**
 * Folds one content line so that no physical line exceeds 75 octets (RFC 5545 3.1).
 * Splits only between code points, so a multi-byte UTF-8 character (accents, emoji) is
 * never cut in half; continuation lines start with one space, which counts toward the 75.
 */
export function foldLine(line: string): string {
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

/** Joins content lines into a file: folded, CRLF after every line, as RFC 5545 requires. */
function serialise(lines: string[]): string {
  return lines.map((l) => foldLine(l) + "\r\n").join("");
}

function utcBasic(dt: DateTime): string {
  return dt.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
}

/** True when `dt` is in a real tz-database zone, so it can be written with a TZID. */
function hasIanaZone(dt: DateTime): boolean {
  return dt.zone.type === "iana";
}

/** The DTSTART/DTEND property for one value, plus the TZID it uses (if any). */
function dateProperty(name: string, dt: DateTime, allDay: boolean): string {
  if (allDay) return `${name};VALUE=DATE:${dt.toFormat("yyyyMMdd")}`;
  if (hasIanaZone(dt)) return `${name};TZID=${dt.zoneName}:${dt.toFormat("yyyyMMdd'T'HHmmss")}`;
  // Explicit offsets (`...-05:00`) are luxon fixed-offset zones, not tz-database ids: UTC.
  return `${name}:${utcBasic(dt)}`;
}

function libraryHost(library: Library): string {
  try {
    return new URL(library.url).host;
  } catch {
    return library.url.replace(/^[a-z]+:\/\//i, "").replace(/\/.*$/, "");
  }
}

/** Stable across builds: the program id and the occurrence's start instant. */
export function occurrenceUid(program: Program, occurrence: Occurrence, library: Library): string {
  return `${program.id}-${utcBasic(occurrence.start)}@${libraryHost(library)}`;
}

function statusOf(
  program: Program,
  occurrence: Occurrence,
): "CANCELLED" | "TENTATIVE" | "CONFIRMED" {
  if (occurrence.cancelled || program.status === "cancelled") return "CANCELLED";
  if (program.status === "postponed") return "TENTATIVE";
  return "CONFIRMED";
}

function veventLines(program: Program, occurrence: Occurrence, catalogue: Catalogue): string[] {
  const { library } = catalogue;
  const url = absoluteUrl(library.url, program.url);
  const place = program.location
    ? library.locations.find((l) => l.id === program.location)
    : undefined;
  const status = statusOf(program, occurrence);
  const prefix =
    status === "CANCELLED" ? "Cancelled: " : program.status === "postponed" ? "Postponed: " : "";
  const movedOnline = program.status === "moved-online";

  const description = [program.summary];
  if (program.room && place && !movedOnline) description.push(`Room: ${program.room}`);
  if (program.online) description.push(`Online: ${program.online}`);
  description.push(url);

  let location: string | undefined;
  if (place && !movedOnline) location = `${place.name}, ${place.address}`;
  else if (program.online) location = program.online;

  const categories = program.categories.map(
    (id) => library.categories.find((c) => c.id === id)?.label ?? id,
  );

  const lines = [
    "BEGIN:VEVENT",
    `UID:${occurrenceUid(program, occurrence, library)}`,
    `DTSTAMP:${utcBasic(catalogue.now)}`,
    dateProperty("DTSTART", occurrence.start, occurrence.allDay),
    dateProperty("DTEND", occurrence.end, occurrence.allDay),
    `SUMMARY:${escapeIcsText(prefix + program.title)}`,
    `DESCRIPTION:${escapeIcsText(description.join("\n\n"))}`,
    `URL:${url}`,
  ];
  if (location) lines.push(`LOCATION:${escapeIcsText(location)}`);
  if (place?.geo && !movedOnline) lines.push(`GEO:${place.geo[0]};${place.geo[1]}`);
  lines.push(`STATUS:${status}`);
  if (categories.length) lines.push(`CATEGORIES:${categories.map(escapeIcsText).join(",")}`);
  lines.push("END:VEVENT");
  return lines;
}

interface Entry {
  program: Program;
  occurrence: Occurrence;
}

/**
 * Serialised VEVENTs by occurrence. One occurrence appears in up to a dozen calendars (its
 * program's, `/calendar.ics`, each audience, category and location), so it is written once
 * per build; a new build loads new occurrence objects, so nothing stale is reused.
 */
const veventCache = new WeakMap<
  Occurrence,
  { program: Program; catalogue: Catalogue; text: string }
>();

function veventText(program: Program, occurrence: Occurrence, catalogue: Catalogue): string {
  const cached = veventCache.get(occurrence);
  if (cached && cached.program === program && cached.catalogue === catalogue) return cached.text;
  const text = serialise(veventLines(program, occurrence, catalogue));
  veventCache.set(occurrence, { program, catalogue, text });
  return text;
}

function calendarText(entries: Entry[], catalogue: Catalogue, name: string, url: string): string {
  const { library } = catalogue;
  const sorted = [...entries].sort(
    (a, b) =>
      a.occurrence.start.toMillis() - b.occurrence.start.toMillis() ||
      (a.program.id < b.program.id ? -1 : a.program.id > b.program.id ? 1 : 0),
  );

  // The span each zone must cover, from the earliest start to the latest end using it.
  const spans = new Map<string, [number, number]>();
  for (const { occurrence } of sorted) {
    if (occurrence.allDay || !hasIanaZone(occurrence.start)) continue;
    const zone = occurrence.start.zoneName!;
    const [from, to] = spans.get(zone) ?? [Infinity, -Infinity];
    spans.set(zone, [
      Math.min(from, occurrence.start.toMillis()),
      Math.max(to, occurrence.end.toMillis()),
    ]);
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
  const events = sorted.map(({ program, occurrence }) =>
    veventText(program, occurrence, catalogue),
  );
  return serialise(lines) + events.join("") + "END:VCALENDAR\r\n";
}

/**
 * `/programs/<id>.ics`: every occurrence in `program.occurrences` (past ones included, so a
 * subscriber's history stays intact), named after the program.
 */
export function programIcs(program: Program, catalogue: Catalogue): string {
  const entries = program.occurrences.map((occurrence) => ({ program, occurrence }));
  return calendarText(entries, catalogue, program.title, program.url);
}

/**
 * A subscribable calendar of several programs (`/calendar.ics`, `/audiences/<id>/calendar.ics`,
 * ...). Keeps occurrences that end after `now - 30 days`: recent history stays visible in
 * subscribers' calendars, old history does not grow the file forever. `url` is the page the
 * calendar belongs to (site path or absolute URL).
 */
export function calendarIcs(
  programs: Program[],
  catalogue: Catalogue,
  options: { name: string; url: string },
): string {
  const cutoff = catalogue.now.minus({ days: ICS_KEEP_PAST_DAYS }).toMillis();
  const entries = programs.flatMap((program) =>
    program.occurrences
      .filter((occurrence) => occurrence.end.toMillis() > cutoff)
      .map((occurrence) => ({ program, occurrence })),
  );
  return calendarText(entries, catalogue, options.name, options.url);
}
