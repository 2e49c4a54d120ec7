// Reading the times staff write. Everything here goes through luxon, in the library's zone,
// so a wall-clock `2026-10-20 18:00` means 18:00 in that zone whatever the machine's zone.
import { DateTime } from "luxon";
import { installZoneOffsetCache } from "./zone-cache.ts";

installZoneOffsetCache();

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
