// The schedule engine: turns a program's `start`, `end`/`duration`, `repeat`, `dates` and
// `cancelled` (strings as staff wrote them) into concrete occurrences, and checks those fields
// for mistakes staff can fix. Everything date-related goes through luxon; calendar stepping is
// done on plain day numbers so a long daily series stays cheap.
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
import type { Occurrence, Repeat, ScheduleSpec } from "../content/model.ts";
import { amPmAdvice, parseWhen, YEARS } from "./time.ts";

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
}

/** A weekday rule from `repeat.on`. */
export interface OnRule {
  /** 1 = Monday ... 7 = Sunday (ISO, as luxon). */
  weekday: number;
  /** Monthly only: 1..5 counts from the month's start, -1..-5 from its end (`last` = -1). */
  nth?: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEKDAY_NAMES = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];
const ORDINALS = ["1st", "2nd", "3rd", "4th", "5th"];
const ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

// ---------------------------------------------------------------------------------------------
// Calendar days as integers (days since 1970-01-01), free of any zone.

type Day = number;
interface Clock {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}
const MIDNIGHT: Clock = { hour: 0, minute: 0, second: 0, millisecond: 0 };

function toDay(year: number, month: number, day: number): Day {
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

function isoDate(n: Day): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayOf(dt: DateTime): Day {
  return toDay(dt.year, dt.month, dt.day);
}

/**
 * The instant a wall-clock time on `day` names in `zone`, by RFC 5545's rule: in a
 * spring-forward gap use the offset from before the gap (so the time moves forward by the gap);
 * when the time happens twice, the first. Luxon alone picks differently in different zones.
 */
function atWallClock(day: Day, clock: Clock, zone: Zone): DateTime {
  const local = day * DAY_MS + ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000;
  const ms = local + clock.millisecond;
  // Offsets of IANA zones are memoised process-wide by src/zone-cache.ts.
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

interface Parsed {
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
function yearOutOfRange(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  // UTC: no gaps there, so this is the year as written.
  const year = parseWhen(text, "UTC")?.value.year;
  return year !== undefined && (year < YEARS.first || year > YEARS.last) ? year : undefined;
}

/**
 * Reads one value with `parseWhen`, keeping the written wall-clock fields for repeating.
 * Undefined for values that do not parse or fall outside {@link YEARS}.
 */
function parse(text: string, zoneName: string, lib: Zone): Parsed | undefined {
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

// ---------------------------------------------------------------------------------------------
// Expanding.

/** How long each occurrence lasts: whole days (all-day) or an exact duration. */
type Length = { days: number } | { ms: number };

function lengthOf(start: Parsed, spec: ScheduleSpec, zoneName: string, lib: Zone): Length {
  const end = spec.end === undefined ? undefined : parse(spec.end, zoneName, lib);
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

/**
 * Days after `startDay` (ascending, each once, at most `limit`) on which the series falls.
 * The caller stops pulling when it has enough.
 */
function* seriesDays(repeat: Repeat, startDay: Day, limit: Day): Generator<Day> {
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

/** Date-only values match a start's date; date-times match the start instant exactly. */
function matcher(values: readonly string[], zoneName: string, lib: Zone) {
  const dates = new Set<string>();
  const instants = new Set<number>();
  for (const v of values) {
    const p = parse(v, zoneName, lib);
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
export function expandSchedule(spec: ScheduleSpec, ctx: ScheduleContext): ScheduleResult {
  const none: ScheduleResult = { occurrences: [], closedDropped: [] };
  const lib = IANAZone.create(ctx.zone);
  if (!lib.isValid) return none;
  const start = parse(spec.start, ctx.zone, lib);
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
  if (repeat && ctx.horizon.isValid) {
    const horizonMs = ctx.horizon.toMillis();
    let limit = dayOf(ctx.horizon.setZone(start.zone));
    const until = repeat.until === undefined ? undefined : parse(repeat.until, ctx.zone, lib);
    if (until) limit = Math.min(limit, until.day);
    const count =
      typeof repeat.count === "number" && Number.isFinite(repeat.count)
        ? Math.max(1, Math.floor(repeat.count))
        : Infinity;
    let made = 1; // start is the series' first occurrence
    if (made < count) {
      for (const day of seriesDays(repeat, start.day, limit)) {
        const begin = atWallClock(day, start.clock, start.zone);
        if (begin.toMillis() > horizonMs) break;
        add(make(begin, day, start.zone));
        if (++made >= count) break;
      }
    }
  }

  for (const text of spec.dates) {
    const p = parse(text, ctx.zone, lib);
    if (!p) continue;
    if (allDay) {
      if (p.dateOnly) add(make(p.instant, p.day, lib));
    } else if (p.dateOnly) {
      add(make(atWallClock(p.day, start.clock, start.zone), p.day, start.zone));
    } else {
      add(make(p.instant, p.day, p.zone));
    }
  }

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
  return { occurrences, closedDropped };
}

// ---------------------------------------------------------------------------------------------
// Checking.

const DATE_EXAMPLE = "2026-10-20";
const FORMS = `write ${DATE_EXAMPLE} for all day or ${DATE_EXAMPLE} 18:00 (24-hour, in the library's time zone)`;

const pad = (s: string | number) => String(s).padStart(2, "0");

/**
 * Why `text` is not a readable value, as a sentence naming the expected form and, when the
 * intent is clear (`2026-1-5`, `6pm`, `2026-02-30`), what to write instead.
 */
function describeBad(text: unknown, form: string, dateForExample = DATE_EXAMPLE): string {
  if (typeof text !== "string") return `${JSON.stringify(text)} is not a date or time; ${form}`;
  const t = text.trim();
  const year = yearOutOfRange(t);
  if (year !== undefined) {
    return `"${t}" is in the year ${String(year).padStart(4, "0")}; dates must fall in the years ${YEARS.first} to ${YEARS.last} (is the year a typo?)`;
  }
  if (t === "") return `is empty; ${form}`;
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(t)) {
    const [h, m] = t.split(":");
    return `"${t}" has no date; write the date too, e.g. ${dateForExample} ${pad(h)}:${m}`;
  }
  const ampm = amPmAdvice(t, dateForExample);
  if (ampm) return ampm;
  const loose =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      t,
    );
  if (loose) {
    const [, y, mo, d, sep, h, mi, s, frac, offset] = loose;
    const month = Number(mo);
    const year = Number(y);
    if (month < 1 || month > 12) return `"${t}" is not a real date: there is no month ${month}`;
    const dim = daysInMonth(year, month);
    if (Number(d) < 1 || Number(d) > dim) {
      return `"${t}" is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${dim} days`;
    }
    if (sep && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) {
      return `"${t}" is not a real time: hours go from 00 to 23, minutes and seconds from 00 to 59`;
    }
    const fixed =
      `${y}-${pad(mo)}-${pad(d)}` +
      (sep
        ? `${sep}${pad(h)}:${mi}${s ? `:${s}` : ""}${frac ? frac.slice(0, 4) : ""}${offset ?? ""}`
        : "");
    if (fixed !== t) return `"${t}" is not in the expected form; write ${fixed}`;
  }
  return `"${t}" is not a date or time; ${form}`;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The weekday a typo most likely means (`tues`, `Thursday`, `wendsday`), if any. */
function guessWeekday(word: string): string | undefined {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (WEEKDAYS.includes(w)) return w;
  if (w.length >= 2) {
    const prefixed = WEEKDAY_NAMES.filter((name) => name.startsWith(w));
    if (prefixed.length === 1) return WEEKDAYS[WEEKDAY_NAMES.indexOf(prefixed[0])];
  }
  let best: string | undefined;
  let bestScore = Infinity;
  for (let i = 0; i < 7; i++) {
    const score = Math.min(
      levenshtein(w, WEEKDAY_NAMES[i]) <= 2 ? levenshtein(w, WEEKDAY_NAMES[i]) : Infinity,
      levenshtein(w, WEEKDAYS[i]) <= 1 ? levenshtein(w, WEEKDAYS[i]) : Infinity,
    );
    if (score < bestScore) {
      bestScore = score;
      best = WEEKDAYS[i];
    }
  }
  return best;
}

/** What a mistyped monthly rule most likely means (`second tuesday` -> `2nd tue`), if any. */
function guessMonthRule(text: string): string | undefined {
  const words = text
    .trim()
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  if (words.length < 2 || words.length > 3) return undefined;
  const weekday = guessWeekday(words[words.length - 1]);
  if (!weekday) return undefined;
  const ordinal = (w: string): string | undefined => {
    const n = /^([1-5])(st|nd|rd|th)?$/.exec(w)?.[1];
    if (n) return ORDINALS[Number(n) - 1];
    const i = ORDINAL_WORDS.indexOf(w);
    return i >= 0 ? ORDINALS[i] : undefined;
  };
  const [a, b] = words;
  if (words.length === 2) {
    if (a === "last") return `last ${weekday}`;
    const o = ordinal(a);
    return o ? `${o} ${weekday}` : undefined;
  }
  const o = ordinal(a);
  if (o && b === "last") return o === "1st" ? `last ${weekday}` : `${o}-last ${weekday}`;
  return undefined;
}

function checkOn(repeat: Repeat, add: (field: string, message: string) => void): void {
  const on = repeat.on;
  if (on === undefined) return;
  if (repeat.every === "day") {
    add(
      "repeat.on",
      "only applies to every: week or every: month; to pick weekdays use every: week with on: [mon, wed]",
    );
    return;
  }
  if (!Array.isArray(on) || on.length === 0) {
    add("repeat.on", "lists no days; name at least one, or leave on out");
    return;
  }
  const WEEK_FORMS = "use mon, tue, wed, thu, fri, sat or sun";
  const MONTH_FORMS =
    'write which one and the weekday, e.g. "2nd tue", "last fri" or "2nd-last wed"';
  for (const entry of on) {
    const shown = typeof entry === "string" ? entry : JSON.stringify(entry);
    if (repeat.every === "week") {
      if (parseOnRule("week", entry)) continue;
      if (parseOnRule("month", entry) || guessMonthRule(String(entry))) {
        add(
          "repeat.on",
          `"${shown}" is a monthly rule; use every: month, or the weekday alone for every week`,
        );
        continue;
      }
      const guess = typeof entry === "string" ? guessWeekday(entry.trim()) : undefined;
      add(
        "repeat.on",
        guess
          ? `"${shown}" is not a weekday (did you mean "${guess}"?)`
          : `"${shown}" is not a weekday; ${WEEK_FORMS}`,
      );
    } else if (repeat.every === "month") {
      if (parseOnRule("month", entry)) continue;
      const weekday = typeof entry === "string" ? guessWeekday(entry.trim()) : undefined;
      if (weekday && !/\s/.test(String(entry).trim())) {
        add(
          "repeat.on",
          `"${shown}" needs which one in the month, e.g. "1st ${weekday}" or "last ${weekday}"`,
        );
        continue;
      }
      const guess = typeof entry === "string" ? guessMonthRule(entry) : undefined;
      add(
        "repeat.on",
        guess
          ? `"${shown}" is not a monthly rule (did you mean "${guess}"?)`
          : `"${shown}" is not a monthly rule; ${MONTH_FORMS}`,
      );
    }
  }
}

const clockMs = (c: Clock) => ((c.hour * 60 + c.minute) * 60 + c.second) * 1000 + c.millisecond;

const wholeAtLeastOne = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 1;

/** A problem `checkSchedule` finds: an error unless `severity` says it is a warning. */
export interface ScheduleProblem {
  /** Dotted path relative to the program (`end`, `repeat.on`, ...). */
  field: string;
  message: string;
  severity?: "warning";
}

/**
 * Beyond these lengths (days) an occurrence is probably a typo in `end` (`2062` for
 * `2026`), and is warned about. A timed occurrence runs without a break from start to end,
 * so more than a month is unlikely; an all-day one may be a season (a summer reading
 * challenge), so only more than a year is.
 */
const LONG_TIMED = 31;
const LONG_ALL_DAY = 366;

function longMessage(spec: ScheduleSpec, days: number, from: string, to: string): string {
  const each = spec.repeat || spec.dates?.length ? "each occurrence" : "this occurrence";
  return `${each} lasts ${days.toLocaleString("en-US")} days, from ${from} to ${to}; is end a typo?`;
}

/**
 * Semantic checks of a program's schedule fields, for validation. `field` is a dotted path
 * relative to the program (`end`, `repeat.on`, ...); messages are plain sentences for
 * `file:line: field: message`; a few are warnings (an occurrence longer than a month, or a
 * year when all day). Empty when fine. A `cancelled` or `except` value that matches no
 * occurrence is fine (it may lie past the horizon). An invalid `zone` gives no problems here:
 * the library's own check reports it.
 */
export function checkSchedule(spec: ScheduleSpec, zone: string): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const warn = (field: string, message: string) =>
    problems.push({ field, message, severity: "warning" });
  const lib = IANAZone.create(zone);
  if (!lib.isValid) return problems;

  const start = parse(spec.start, zone, lib);
  if (!start) add("start", describeBad(spec.start, FORMS));
  const startDate = start ? isoDate(start.day) : DATE_EXAMPLE;

  if (spec.end !== undefined) {
    const end = parse(spec.end, zone, lib);
    if (!end) {
      add(
        "end",
        describeBad(
          spec.end,
          start?.dateOnly ? `write the last day, e.g. ${startDate}` : FORMS,
          startDate,
        ),
      );
    } else if (start) {
      const endDate = isoDate(end.day);
      if (start.dateOnly && !end.dateOnly) {
        add(
          "end",
          `"${end.text}" has a time but start is a date alone (all day); write the last day alone, e.g. ${endDate}`,
        );
      } else if (!start.dateOnly && end.dateOnly) {
        add(
          "end",
          `"${end.text}" is a date alone but start has a time; write when it ends as a date and time (${endDate} HH:MM)`,
        );
      } else if (start.dateOnly) {
        if (end.day < start.day) add("end", `ends before it starts (${end.text} < ${start.text})`);
        else if (end.day - start.day + 1 > LONG_ALL_DAY) {
          warn("end", longMessage(spec, end.day - start.day + 1, start.text, end.text));
        }
      } else if (end.instant < start.instant) {
        const nextDay =
          // Only when the next day gives a plausible evening-into-night length (12 h at most).
          end.day === start.day &&
          !end.hasOffset &&
          !start.hasOffset &&
          clockMs(start.clock) - clockMs(end.clock) >= 12 * 3_600_000
            ? `; if it runs past midnight, write the next day's date: ${isoDate(start.day + 1)}${end.text.slice(10)}`
            : "";
        add("end", `ends before it starts (${end.text} < ${start.text})${nextDay}`);
      } else if (end.instant.toMillis() === start.instant.toMillis()) {
        add(
          "end",
          `ends when it starts (${end.text}); give a later end, or leave end out for 60 minutes`,
        );
      } else {
        // Whole days, so a daylight-saving hour does not tip a month over the limit.
        const days = Math.round((end.instant.toMillis() - start.instant.toMillis()) / DAY_MS);
        if (days > LONG_TIMED) warn("end", longMessage(spec, days, start.text, end.text));
      }
    }
  }

  if (spec.duration !== undefined) {
    const d = spec.duration;
    if (spec.end !== undefined) add("duration", "give either end or duration, not both");
    if (!(typeof d === "number" && Number.isFinite(d) && d > 0)) {
      add("duration", `must be a positive number of minutes (got ${JSON.stringify(d)})`);
    } else if (start?.dateOnly) {
      add(
        "duration",
        "start is a date alone (all day), so there is no time to count minutes from; give start a time, or use end for the last day",
      );
    }
  }

  const repeat = spec.repeat;
  if (repeat) {
    if (repeat.interval !== undefined && !wholeAtLeastOne(repeat.interval)) {
      add(
        "repeat.interval",
        `must be a whole number, 1 or more (got ${JSON.stringify(repeat.interval)})`,
      );
    }
    checkOn(repeat, add);
    if (repeat.until !== undefined && repeat.count !== undefined) {
      add("repeat.count", "give either until or count, not both");
    }
    if (repeat.until !== undefined) {
      const until = parse(repeat.until, zone, lib);
      if (!until) {
        add(
          "repeat.until",
          describeBad(
            repeat.until,
            `write the last date as YYYY-MM-DD, e.g. ${startDate}`,
            startDate,
          ),
        );
      } else if (!until.dateOnly) {
        add(
          "repeat.until",
          `"${until.text}" has a time; write the last date alone, e.g. ${isoDate(until.day)}`,
        );
      } else if (start && until.day < start.day) {
        add("repeat.until", `the series ends before it starts (${until.text} < ${startDate})`);
      }
    }
    if (repeat.count !== undefined && !wholeAtLeastOne(repeat.count)) {
      add(
        "repeat.count",
        `must be a whole number, 1 or more (got ${JSON.stringify(repeat.count)})`,
      );
    }
    checkMatchList("repeat.except", repeat.except ?? [], zone, lib, startDate, add);
  }

  for (const text of spec.dates ?? []) {
    const p = parse(text, zone, lib);
    if (!p) {
      add(
        "dates",
        describeBad(text, start?.dateOnly ? `write a date, e.g. ${startDate}` : FORMS, startDate),
      );
    } else if (start?.dateOnly && !p.dateOnly) {
      add(
        "dates",
        `"${p.text}" has a time but start is a date alone (all day); write the date alone, ${isoDate(p.day)}`,
      );
    }
  }
  checkMatchList("cancelled", spec.cancelled ?? [], zone, lib, startDate, add);
  return problems;
}

function checkMatchList(
  field: string,
  values: readonly string[],
  zone: string,
  lib: Zone,
  example: string,
  add: (field: string, message: string) => void,
): void {
  for (const text of values) {
    if (!parse(text, zone, lib)) {
      add(field, describeBad(text, `write the date as YYYY-MM-DD, e.g. ${example}`, example));
    }
  }
}
