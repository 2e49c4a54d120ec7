// The arithmetic under the schedule engine: calendar days as plain integers (free of any
// zone, so a long daily series stays cheap), wall-clock times placed in a zone by RFC 5545's
// rule, reading one value as staff wrote it, and the days a `repeat` rule falls on (every
// n days, weeks or months; weekdays; the nth or nth-last weekday of a month). Expanding a
// schedule (./schedule.ts) and checking one (./check.ts) are built on these.
import { DateTime, type Zone } from "luxon";
import type { Repeat } from "../content/model.ts";
import { parseWhen, YEARS } from "./time.ts";

export const DAY_MS = 86_400_000;
/** Weekdays as `repeat.on` writes them, Monday first (index + 1 is the ISO weekday). */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** How `repeat.on` counts a weekday within a month (`2nd tue`). */
export const ORDINALS = ["1st", "2nd", "3rd", "4th", "5th"];

// ---------------------------------------------------------------------------------------------
// Calendar days as integers (days since 1970-01-01), free of any zone.

export type Day = number;
export interface Clock {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}
export const MIDNIGHT: Clock = { hour: 0, minute: 0, second: 0, millisecond: 0 };

export function toDay(year: number, month: number, day: number): Day {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function fromDay(n: Day): { year: number; month: number; day: number } {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 1 = Monday ... 7 = Sunday; 1970-01-01 was a Thursday. */
function weekdayOf(n: Day): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function isoDate(n: Day): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dayOf(dt: DateTime): Day {
  return toDay(dt.year, dt.month, dt.day);
}

/**
 * The instant a wall-clock time on `day` names in `zone`, by RFC 5545's rule: in a
 * spring-forward gap use the offset from before the gap (so the time moves forward by the gap);
 * when the time happens twice, the first. Luxon alone picks differently in different zones.
 */
export function atWallClock(day: Day, clock: Clock, zone: Zone): DateTime {
  const local = day * DAY_MS + ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000;
  const ms = local + clock.millisecond;
  // Offsets of IANA zones are memoised process-wide by src/schedule/zone-cache.ts.
  const before = zone.offset(ms - DAY_MS);
  const after = zone.offset(ms + DAY_MS);
  let instant = ms - before * 60_000;
  if (before !== after) {
    const t2 = ms - after * 60_000;
    const ok1 = zone.offset(instant) === before;
    const ok2 = zone.offset(t2) === after;
    if (ok1 && ok2) instant = Math.min(instant, t2);
    else if (ok2) instant = t2;
  }
  return DateTime.fromMillis(instant, { zone });
}

// ---------------------------------------------------------------------------------------------
// Reading values.

export interface Parsed {
  /** Trimmed, as written. */
  text: string;
  dateOnly: boolean;
  hasOffset: boolean;
  /** The written date and time, untouched by any zone rule. */
  day: Day;
  clock: Clock;
  /** Where it lives: the library zone, or the fixed offset written. */
  zone: Zone;
  instant: DateTime;
}

/** The written year of a readable value outside {@link YEARS}, else undefined. */
export function yearOutOfRange(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  // UTC: no gaps there, so this is the year as written.
  const year = parseWhen(text, "UTC")?.value.year;
  return year !== undefined && (year < YEARS.first || year > YEARS.last) ? year : undefined;
}

/**
 * Reads one value with `parseWhen`, keeping the written wall-clock fields for repeating.
 * Undefined for values that do not parse or fall outside {@link YEARS}.
 */
export function parseValue(text: string, zoneName: string, lib: Zone): Parsed | undefined {
  if (typeof text !== "string") return undefined;
  const when = parseWhen(text, zoneName);
  // Read again in UTC: no gaps there, so these are exactly the fields written.
  const written = when && parseWhen(text, "UTC");
  if (!when || !written) return undefined;
  const w = written.value;
  if (w.year < YEARS.first || w.year > YEARS.last) return undefined;
  const day = toDay(w.year, w.month, w.day);
  const clock = when.dateOnly
    ? MIDNIGHT
    : { hour: w.hour, minute: w.minute, second: w.second, millisecond: w.millisecond };
  const zone = when.hasOffset ? when.value.zone : lib;
  return {
    text: text.trim(),
    dateOnly: when.dateOnly,
    hasOffset: when.hasOffset,
    day,
    clock,
    zone,
    instant: when.hasOffset ? when.value : atWallClock(day, clock, lib),
  };
}

// ---------------------------------------------------------------------------------------------
// Repeat rules.

/** A weekday rule from `repeat.on`. */
export interface OnRule {
  /** 1 = Monday ... 7 = Sunday (ISO, as luxon). */
  weekday: number;
  /** Monthly only: 1..5 counts from the month's start, -1..-5 from its end (`last` = -1). */
  nth?: number;
}

/**
 * Reads one `repeat.on` entry. Weekly: `mon`..`sun`. Monthly: `1st`..`5th`, `last` or
 * `2nd-last`..`5th-last` followed by a weekday, e.g. `2nd tue`, `last fri`. Case-insensitive.
 */
export function parseOnRule(every: "week" | "month", text: string): OnRule | undefined {
  if (typeof text !== "string") return undefined;
  const s = text.trim().toLowerCase();
  if (every === "week") {
    const i = WEEKDAYS.indexOf(s);
    return i < 0 ? undefined : { weekday: i + 1 };
  }
  const m = /^(?:(1st|2nd|3rd|4th|5th)|last|(2nd|3rd|4th|5th)-last)\s+([a-z]+)$/.exec(s);
  if (!m) return undefined;
  const weekday = WEEKDAYS.indexOf(m[3]) + 1;
  if (weekday === 0) return undefined;
  const nth = m[1] ? ORDINALS.indexOf(m[1]) + 1 : m[2] ? -(ORDINALS.indexOf(m[2]) + 1) : -1;
  return { weekday, nth };
}

/**
 * Days after `startDay` (ascending, each once, at most `limit`) on which the series falls.
 * The caller stops pulling when it has enough.
 */
export function* seriesDays(repeat: Repeat, startDay: Day, limit: Day): Generator<Day> {
  const interval = Number.isInteger(repeat.interval) && repeat.interval >= 1 ? repeat.interval : 1;
  if (repeat.every === "day") {
    for (let d = startDay + interval; d <= limit; d += interval) yield d;
    return;
  }
  if (repeat.every === "week") {
    const rules = (repeat.on ?? [])
      .map((t) => parseOnRule("week", t))
      .filter((r) => r !== undefined);
    const weekdays = rules.length
      ? [...new Set(rules.map((r) => r.weekday))].sort((a, b) => a - b)
      : [weekdayOf(startDay)];
    const monday = startDay - (weekdayOf(startDay) - 1);
    for (let base = monday; base <= limit; base += 7 * interval) {
      for (const wd of weekdays) {
        const d = base + wd - 1;
        if (d <= startDay) continue;
        if (d > limit) return;
        yield d;
      }
    }
    return;
  }
  if (repeat.every === "month") {
    const rules = (repeat.on ?? [])
      .map((t) => parseOnRule("month", t))
      .filter((r) => r !== undefined);
    const s = fromDay(startDay);
    for (let index = s.year * 12 + s.month - 1; ; index += interval) {
      const year = Math.floor(index / 12);
      const month = (index % 12) + 1;
      const first = toDay(year, month, 1);
      if (first > limit) return;
      const dim = daysInMonth(year, month);
      let days: number[];
      if (rules.length === 0) {
        // Same day of month as start; months without it are skipped (RFC 5545).
        days = s.day <= dim ? [s.day] : [];
      } else {
        const firstWd = weekdayOf(first);
        const lastWd = weekdayOf(first + dim - 1);
        const set = new Set<number>();
        for (const { weekday, nth = 1 } of rules) {
          const dd =
            nth > 0
              ? 1 + ((weekday - firstWd + 7) % 7) + 7 * (nth - 1)
              : dim - ((lastWd - weekday + 7) % 7) - 7 * (-nth - 1);
          if (dd >= 1 && dd <= dim) set.add(dd);
        }
        days = [...set].sort((a, b) => a - b);
      }
      for (const dd of days) {
        const d = first + dd - 1;
        if (d <= startDay) continue;
        if (d > limit) return;
        yield d;
      }
    }
  }
}
