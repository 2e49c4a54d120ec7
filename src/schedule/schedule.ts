// The schedule engine: turns a program's `start`, `end`/`duration`, `repeat`, `dates` and
// `cancelled` (strings as staff wrote them) into concrete occurrences. Everything
// date-related goes through luxon; calendar stepping is done on plain day numbers
// (./rules.ts) so a long daily series stays cheap. Checking those fields for mistakes staff
// can fix is ./check.ts.
//
// Rules a user-facing doc should state (each is pinned by test/schedule.test.ts):
// - Wall-clock values (`2026-10-20 18:00`) are in the library zone. A series repeats the
//   WALL-CLOCK time on each local date, so a weekly 18:00 stays 18:00 across daylight saving.
// - A time that does not exist on a given day (the spring-forward gap, e.g. 02:30) moves
//   forward by the gap (03:30); a time that happens twice (fall-back, e.g. 01:30) means the
//   first of the two. This is RFC 5545's rule, so calendar apps reading the .ics agree.
// - A value written with an offset (`2026-10-20T18:00-05:00`, `...Z`) keeps that offset; a
//   series started that way repeats at that fixed offset (what staff wrote), not in a zone.
// - Length: `end - start` as an exact duration (like an iCalendar DTEND), else `duration`
//   minutes, else 60 minutes. An all-day program (start is a date alone) lasts from midnight
//   to the midnight after `end`, its last day (inclusive), or one day.
// - `repeat.count` counts the series' occurrences including `start`, before `except`,
//   `cancelled` and closed days are applied (RFC 5545 COUNT with EXDATE); `dates` do not count.
// - `start` and `dates` are always listed, even past the horizon; the series stops there.
// - `except` and `cancelled` match an occurrence by the date of its start as written (its own
//   zone or offset), or exactly when given as a date and time. Closed days match by the date
//   in the library zone, where the building is. An excepted day is never reported as closed;
//   a closed-day report names the date `except` needs when the two dates differ.
// - A date alone in `dates` of a timed program means that date at the start's time.
import { DateTime, IANAZone, type Zone } from "luxon";
import type { Occurrence, ScheduleSpec } from "../content/model.ts";
import {
  MIDNIGHT,
  atWallClock,
  dayOf,
  isoDate,
  parseValue,
  seriesDays,
  type Day,
  type Parsed,
} from "./rules.ts";

export type { ScheduleSpec } from "../content/model.ts";

export interface ScheduleContext {
  /** The library's IANA zone. */
  zone: string;
  /** Repeat-generated occurrences starting after this are not produced. */
  horizon: DateTime;
  /** ISO date -> reason: days the program's location (or the whole library) is closed. */
  closed: Map<string, string | undefined>;
}

export interface ScheduleResult {
  /** Sorted by start, deduplicated. */
  occurrences: Occurrence[];
  /**
   * Days whose occurrences were left out because the day is closed (one entry a day).
   * `ownDate`: the date `except` and `cancelled` know the occurrence by (its start's date in
   * its own offset), when a series written with an explicit offset puts it on another day.
   */
  closedDropped: { date: string; reason?: string; ownDate?: string }[];
  /**
   * `cancelled` and `repeat.except` values that match none of the program's dates (before
   * closed days and `except` are applied: an `except` on a closed day matches) although
   * they lie within them: from the first date to the last, or for a series without `until`
   * or `count`, to the horizon. Past the horizon a series' dates are not made, so nothing
   * is known there.
   */
  unmatched: Unmatched[];
}

/** A `cancelled` or `repeat.except` value that matches no date of the program. */
export interface Unmatched {
  field: "cancelled" | "repeat.except";
  /** The value as written (trimmed). */
  text: string;
  /** Its date, `YYYY-MM-DD`. */
  date: string;
  /** Why it matches nothing, with the dates near it, for `field: message`. */
  message: string;
}

/** How long each occurrence lasts: whole days (all-day) or an exact duration. */
type Length = { days: number } | { ms: number };

function lengthOf(start: Parsed, spec: ScheduleSpec, zoneName: string, lib: Zone): Length {
  const end = spec.end === undefined ? undefined : parseValue(spec.end, zoneName, lib);
  if (start.dateOnly) {
    return { days: end?.dateOnly && end.day >= start.day ? end.day - start.day + 1 : 1 };
  }
  if (end && !end.dateOnly && end.instant > start.instant) {
    return { ms: end.instant.toMillis() - start.instant.toMillis() };
  }
  const minutes = spec.duration;
  if (typeof minutes === "number" && Number.isFinite(minutes) && minutes > 0) {
    return { ms: minutes * 60_000 };
  }
  return { ms: 60 * 60_000 };
}

/** Date-only values match a start's date; date-times match the start instant exactly. */
function matcher(values: readonly string[], zoneName: string, lib: Zone) {
  const dates = new Set<string>();
  const instants = new Set<number>();
  for (const v of values) {
    const p = parseValue(v, zoneName, lib);
    if (!p) continue;
    if (p.dateOnly) dates.add(isoDate(p.day));
    else instants.add(p.instant.toMillis());
  }
  return (o: Occurrence): boolean =>
    (dates.size > 0 && dates.has(o.start.toISODate() ?? "")) ||
    (instants.size > 0 && instants.has(o.start.toMillis()));
}

/**
 * A program's occurrences: `start`, the `repeat` series up to `ctx.horizon`, and `dates`, minus
 * `except` and closed days, with `cancelled` ones marked. Values that do not parse are skipped
 * (checkSchedule reports them); an unreadable `start` gives no occurrences at all.
 * Linear in the number of occurrences (plus the final sort).
 */
/**
 * The occurrences as patrons read them: every start and end in the library's zone. A time
 * written with an explicit offset (`2027-01-05T18:00-05:00`) keeps its instant, and the
 * engine keeps its offset to repeat and match it (rules above); shown in that offset, its
 * "6:00 PM" would be 5:00 PM on the library's clocks in January, which is what its calendar
 * says. The same array when every occurrence is in the zone already (nearly always).
 */
export function inLibraryZone(occurrences: Occurrence[], zone: string): Occurrence[] {
  if (occurrences.every((o) => o.start.zoneName === zone)) return occurrences;
  return occurrences.map((o) =>
    o.start.zoneName === zone && o.end.zoneName === zone
      ? o
      : { ...o, start: o.start.setZone(zone), end: o.end.setZone(zone) },
  );
}

export function expandSchedule(spec: ScheduleSpec, ctx: ScheduleContext): ScheduleResult {
  const none: ScheduleResult = { occurrences: [], closedDropped: [], unmatched: [] };
  const lib = IANAZone.create(ctx.zone);
  if (!lib.isValid) return none;
  const start = parseValue(spec.start, ctx.zone, lib);
  if (!start) return none;
  const length = lengthOf(start, spec, ctx.zone, lib);
  const allDay = start.dateOnly;

  const make = (begin: DateTime, day: Day, zone: Zone): Occurrence => ({
    start: begin,
    end:
      "days" in length
        ? atWallClock(day + length.days, MIDNIGHT, zone)
        : DateTime.fromMillis(begin.toMillis() + length.ms, { zone: begin.zone }),
    allDay,
    cancelled: false,
  });

  const byStart = new Map<number, Occurrence>();
  const add = (o: Occurrence) => {
    const key = o.start.toMillis();
    if (!byStart.has(key)) byStart.set(key, o);
  };

  add(make(start.instant, start.day, start.zone));

  const repeat = spec.repeat;
  /** The last date the series' rule covers (`until`, its count's last, or the horizon). */
  let seriesEnd: string | undefined;
  if (repeat && ctx.horizon.isValid) {
    const horizonMs = ctx.horizon.toMillis();
    let limit = dayOf(ctx.horizon.setZone(start.zone));
    const until = repeat.until === undefined ? undefined : parseValue(repeat.until, ctx.zone, lib);
    if (until) limit = Math.min(limit, until.day);
    const count =
      typeof repeat.count === "number" && Number.isFinite(repeat.count)
        ? Math.max(1, Math.floor(repeat.count))
        : Infinity;
    let made = 1; // start is the series' first occurrence
    let lastDay = start.day;
    if (made < count) {
      for (const day of seriesDays(repeat, start.day, limit)) {
        const begin = atWallClock(day, start.clock, start.zone);
        if (begin.toMillis() > horizonMs) break;
        add(make(begin, day, start.zone));
        lastDay = day;
        if (++made >= count) break;
      }
    }
    seriesEnd = isoDate(made >= count ? lastDay : limit);
  }

  for (const text of spec.dates) {
    const p = parseValue(text, ctx.zone, lib);
    if (!p) continue;
    if (allDay) {
      if (p.dateOnly) add(make(p.instant, p.day, lib));
    } else if (p.dateOnly) {
      add(make(atWallClock(p.day, start.clock, start.zone), p.day, start.zone));
    } else {
      add(make(p.instant, p.day, p.zone));
    }
  }

  const unmatched = ctx.horizon.isValid
    ? unmatchedDates(spec, [...byStart.values()], seriesEnd, ctx, lib)
    : [];
  const excepted = matcher(repeat?.except ?? [], ctx.zone, lib);
  const cancelled = matcher(spec.cancelled, ctx.zone, lib);
  const occurrences: Occurrence[] = [];
  const dropped = new Map<string, { date: string; reason?: string; ownDate?: string }>();
  for (const o of byStart.values()) {
    if (excepted(o)) continue;
    if (ctx.closed.size > 0) {
      const inLib = o.start.zone.equals(lib);
      const date = (inLib ? o.start : o.start.setZone(lib)).toISODate() ?? "";
      if (ctx.closed.has(date)) {
        const own = inLib ? date : (o.start.toISODate() ?? "");
        const reason = ctx.closed.get(date);
        dropped.set(`${date} ${own}`, {
          date,
          ...(reason === undefined ? {} : { reason }),
          ...(own === date ? {} : { ownDate: own }),
        });
        continue;
      }
    }
    if (cancelled(o)) o.cancelled = true;
    occurrences.push(o);
  }
  occurrences.sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const closedDropped = [...dropped.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, entry]) => entry);
  return { occurrences, closedDropped, unmatched };
}

/** `Tue 2026-12-15`. */
const shortDay = (o: Occurrence) => o.start.setLocale("en").toFormat("ccc yyyy-MM-dd");

/** See `ScheduleResult.unmatched`; `all` is every date the program has, none left out. */
function unmatchedDates(
  spec: ScheduleSpec,
  all: Occurrence[],
  seriesEnd: string | undefined,
  ctx: ScheduleContext,
  lib: Zone,
): Unmatched[] {
  if (all.length === 0 || (spec.cancelled.length === 0 && !spec.repeat?.except.length)) return [];
  const sorted = [...all].sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const dateOf = (o: Occurrence) => o.start.toISODate() ?? "";
  const first = sorted.map(dateOf).reduce((a, b) => (b < a ? b : a));
  let last = sorted.map(dateOf).reduce((a, b) => (b > a ? b : a));
  if (seriesEnd && seriesEnd > last) last = seriesEnd;
  const horizon = ctx.horizon.setZone(lib).toISODate() ?? "";
  if (horizon < last) last = horizon;
  const found: Unmatched[] = [];
  const fields = [
    ["cancelled", spec.cancelled, "so nothing is marked cancelled"],
    ["repeat.except", spec.repeat?.except ?? [], "so nothing is left out"],
  ] as const;
  for (const [field, values, effect] of fields) {
    for (const value of values) {
      const p = parseValue(value, ctx.zone, lib);
      if (!p) continue; // checkSchedule reports it
      const date = isoDate(p.day);
      if (date < first || date > last) continue;
      const sameDay = sorted.filter((o) => dateOf(o) === date);
      if (
        p.dateOnly
          ? sameDay.length > 0
          : all.some((o) => o.start.toMillis() === p.instant.toMillis())
      ) {
        continue;
      }
      let why: string;
      if (sameDay.length > 0) {
        const times = sameDay.map((o) => o.start.toFormat("HH:mm"));
        why = `the session on ${date} starts at ${times.join(" and ")}; write ${date} ${times[0]}, or the date alone`;
      } else {
        const weekday = DateTime.fromISO(date, { zone: "UTC" }).setLocale("en").toFormat("cccc");
        const before = sorted.filter((o) => dateOf(o) < date).at(-1);
        const after = sorted.find((o) => dateOf(o) > date);
        const near =
          before && after
            ? `the sessions near it are ${shortDay(before)} and ${shortDay(after)}`
            : `the nearest session is ${shortDay((before ?? after)!)}`;
        why = `${date} is a ${weekday}; ${near}`;
      }
      found.push({
        field,
        text: p.text,
        date,
        message: `"${p.text}" matches none of the program's dates, ${effect}: ${why}`,
      });
    }
  }
  return found;
}
