// RFC 5545 text primitives for the calendars: escaping TEXT values, folding content lines
// at 75 octets, the basic date-time forms (`20261020T180000Z`, `20261020`), durations, and
// the DTSTART/DTEND lines of a date written as a VEVENT of its own. Pure functions, no
// catalogue: the VEVENTs are written by src/outputs/ics-vevent.ts, the calendars by
// src/outputs/ics.ts.
import type { DateTime } from "luxon";
import type { Occurrence } from "../content/model.ts";
import { isWallClockSafe, localMsOf } from "./vtimezone.ts";

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
export function serialise(lines: string[]): string {
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
export function localDate(dt: DateTime): string {
  return pad4(dt.year) + pad2(dt.month) + pad2(dt.day);
}

/** `yyyyMMdd'T'HHmmss` of a wall-clock time held as UTC ms (no `Z`: it is local). */
export function localBasic(localMs: number): string {
  return utcBasic(localMs).slice(0, -1);
}

/** `yyyyMMdd` of a day number (days since 1970-01-01). */
export function dayBasic(day: number): string {
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
export function dayNumber(dt: DateTime): number {
  return Math.floor(Date.UTC(dt.year, dt.month - 1, dt.day) / DAY);
}

/** True when `dt` is in a real tz-database zone, so it can be written with a TZID. */
export function hasIanaZone(dt: DateTime): boolean {
  return dt.zone.type === "iana";
}

/**
 * DTSTART and DTEND (or DURATION) of a date of its own, as serialised lines. All day: dates.
 * In a tz-database zone: wall-clock times with its TZID, unless a reader could read them
 * otherwise (a start or end in a repeated hour or a gap, a change of offset in between):
 * then the start in UTC and an exact DURATION, which every reader reads alike. Explicit
 * offsets (`...-05:00`) are luxon fixed-offset zones, not tz-database ids: UTC.
 */
export function occurrenceTiming(occurrence: Occurrence): string {
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
