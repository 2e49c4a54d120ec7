// Reading the times staff write. Everything here goes through luxon, in the library's zone,
// so a wall-clock `2026-10-20 18:00` means 18:00 in that zone whatever the machine's zone.
import { DateTime } from "luxon";
import { installLocaleCache } from "./locale-cache.ts";
import { installZoneOffsetCache } from "./zone-cache.ts";

installZoneOffsetCache();
installLocaleCache();

export interface When {
  /** In `zone`, or in the explicit offset written. */
  value: DateTime;
  /** Written as a date alone: an all-day value at midnight. */
  dateOnly: boolean;
  /** Written with `Z` or `±hh:mm`. */
  hasOffset: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses `2026-10-20`, `2026-10-20 18:00`, `2026-10-20T18:00:30`, `2026-10-20T18:00-05:00`
 * or `...Z`. Wall-clock values are read in `zone`. Returns `undefined` for anything else,
 * including impossible dates such as `2026-02-30`.
 */
export function parseWhen(text: string, zone: string): When | undefined {
  const s = text.trim();
  if (DATE.test(s)) {
    const value = DateTime.fromISO(s, { zone });
    return value.isValid ? { value, dateOnly: true, hasOffset: false } : undefined;
  }
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const [, date, time, offset] = m;
  if (offset) {
    const value = DateTime.fromISO(`${date}T${time}${offset}`, { setZone: true });
    return value.isValid ? { value, dateOnly: false, hasOffset: true } : undefined;
  }
  const value = DateTime.fromISO(`${date}T${time}`, { zone });
  return value.isValid ? { value, dateOnly: false, hasOffset: false } : undefined;
}

const pad = (n: number | string) => String(n).padStart(2, "0");

/** `6`, `30`, `p` -> `18:30`; undefined for an hour am/pm cannot have (`13 pm`). */
function clock24(hour: string, minute: string, half: string | undefined): string | undefined {
  const h = Number(hour);
  if (!half) return h <= 23 ? `${pad(h)}:${minute}` : undefined;
  if (h < 1 || h > 12) return undefined;
  return `${pad((h % 12) + (half.toLowerCase() === "p" ? 12 : 0))}:${minute}`;
}

const TIME = String.raw`(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s?m\.?)`;
const AM_PM_WITH_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})[T ]\s*${TIME}$`, "i");
const AM_PM_ALONE = new RegExp(String.raw`^${TIME}$`, "i");
const SLASH_DATE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):?(\d{2})?\s*(?:([ap])\.?\s?m\.?)?)?$/i;

/**
 * What to write instead of a time in am/pm or a date written with slashes, the ways a
 * calendar app or a person writes them: `2026-10-20 6:30 pm`, `5:00 pm` (no date; the
 * example takes `exampleDate`), `12/10/2026 4:00 PM` (month/day or day/month: both readings
 * are given when both are possible). A sentence starting with the quoted value, or
 * undefined when `text` is none of these.
 */
export function amPmAdvice(text: string, exampleDate: string): string | undefined {
  const t = text.trim();
  const dated = AM_PM_WITH_DATE.exec(t);
  if (dated) {
    const [, y, mo, d, h, mi = "00", half] = dated;
    const clock = clock24(h!, mi, half);
    if (clock) return `"${t}" uses am/pm; write 24-hour time: ${y}-${pad(mo!)}-${pad(d!)} ${clock}`;
  }
  const alone = AM_PM_ALONE.exec(t);
  if (alone) {
    const clock = clock24(alone[1]!, alone[2] ?? "00", alone[3]);
    if (clock) {
      return `"${t}" uses am/pm and has no date; write the date and 24-hour time, e.g. ${exampleDate} ${clock}`;
    }
  }
  const slashed = SLASH_DATE.exec(t);
  if (slashed) {
    const [, a, b, y, h, mi = "00", half] = slashed;
    const clock = h === undefined ? "" : clock24(h, mi, half);
    if (clock === undefined) return undefined;
    const time = clock ? ` ${clock}` : "";
    // As a US calendar writes it (month/day), and as most of the world does (day/month).
    const readings = [
      [Number(a), Number(b)],
      [Number(b), Number(a)],
    ]
      .filter(([m, d]) => isIsoDate(`${y}-${pad(m!)}-${pad(d!)}`))
      .map(([m, d]) => `${y}-${pad(m!)}-${pad(d!)}${time}`);
    if (readings.length === 0) return undefined;
    const what = [half ? "am/pm" : "", "a date with slashes"].filter(Boolean).join(" and ");
    const how = half ? "year-month-day and 24-hour time" : "the date as year-month-day";
    const either =
      readings[1] && readings[1] !== readings[0]
        ? `${readings[0]} (${Number(a)} as the month) or ${readings[1]} (${Number(b)} as the month)`
        : readings[0];
    return `"${t}" uses ${what}; write ${how}: ${either}`;
  }
  return undefined;
}

/**
 * The years a program's dates may fall in (`start`, `end`, `dates`, `repeat.until`,
 * `repeat.except`, `cancelled`), inclusive. Wide enough for any archive or long-range
 * plan; narrow enough that a typo such as `0000-01-01` or `9999-12-31` is caught rather
 * than listed, or spelled out in every calendar's time-zone rules for millennia.
 */
export const YEARS = { first: 1900, last: 2200 } as const;

/** An ISO date `YYYY-MM-DD` that exists in the calendar. */
export function isIsoDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text).isValid;
}

/**
 * The build's "now": `ALMANAC_NOW` (any ISO 8601 value; wall-clock is read in `zone`)
 * when set, else the clock. Throws a plain sentence when `ALMANAC_NOW` is unreadable.
 */
export function resolveNow(zone: string, env: NodeJS.ProcessEnv = process.env): DateTime {
  const raw = env.ALMANAC_NOW?.trim();
  if (!raw) return DateTime.now().setZone(zone);
  const parsed = DateTime.fromISO(raw, { zone, setZone: false });
  if (!parsed.isValid) {
    throw new Error(
      `ALMANAC_NOW="${raw}" is not an ISO 8601 date or time (e.g. 2026-10-20T09:00).`,
    );
  }
  return parsed.setZone(zone);
}
