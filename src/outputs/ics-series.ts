// How a program's occurrences become one recurring VEVENT (RRULE, EXDATE, overrides) in its
// calendars, or why they cannot. The text is written by src/outputs/ics-vevent.ts; this file
// decides what it says, from the program's schedule as staff wrote it and the occurrences the
// site lists.
//
// The rule is not trusted to reproduce the site: the schedule's rule is expanded here, the
// way RFC 5545 expands the RRULE we write, and compared with `program.occurrences`, instant
// by instant. Rule dates the site does not list (except, closed days, anything else) become
// EXDATEs; the site's dates the rule does not give (`dates`, a start off the rule) become
// VEVENTs of their own; a listed date that reads differently from the rule's (cancelled,
// another length, a wall-clock time that readers disagree on) becomes an override
// (RECURRENCE-ID). When the rule explains less than half of what it covers, or cannot be
// written at all (a monthly series with an explicit offset that moves it to another UTC
// day), the program is written one VEVENT a date, as before. So a calendar app shows exactly
// the dates the site shows, whatever the schedule says.
import type { Occurrence, Program, Repeat } from "../content/model.ts";
import { parseOnRule } from "../schedule/rules.ts";
import { parseWhen } from "../schedule/time.ts";
import { rfcInstant, wallClockInstants } from "./vtimezone.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const BYDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/**
 * Where the rule is evaluated: wall-clock time in the library zone (written with its TZID),
 * UTC (a series written with an explicit offset: a fixed offset is a fixed UTC time, so it
 * repeats exactly in UTC, DST or not), or dates (all day).
 */
export type Frame = { kind: "zone"; zone: string } | { kind: "utc" } | { kind: "date" };

export interface Rule {
  freq: "DAILY" | "WEEKLY" | "MONTHLY";
  interval: number;
  /** WEEKLY: ISO weekdays (1 = Monday) in frame days; empty = the weekday of DTSTART. */
  weekdays: number[];
  /** MONTHLY: the nth (1..5, -1..-5) weekday of the month. */
  monthly: { weekday: number; nth: number }[];
  /** MONTHLY without weekday rules: the day of the month. */
  monthDay?: number;
  /** ISO weekday a week starts on, in frame days (Monday, moved with a UTC-shifted series). */
  weekStart: number;
  /** Staff gave `count`: write COUNT, else UNTIL. */
  counted: boolean;
}

/** One date the rule gives. */
export interface Instance {
  /** Frame day (days since 1970-01-01). */
  day: number;
  /** Frame wall-clock date and time, as UTC ms: what RRULE, EXDATE and RECURRENCE-ID name. */
  local: number;
  /** The instant an RFC 5545 reader gives it (timed), or `local` (all day). */
  start: number;
}

export interface SeriesPlan {
  frame: Frame;
  rule: Rule;
  /** The rule's dates from the schedule's start to one past the last occurrence. */
  instances: Instance[];
  /** Each occurrence the rule gives, with the index of its instance. */
  match: Map<Occurrence, number>;
}

/** Days since 1970-01-01 of a date's own (wall-clock) fields. */
function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY);
}

/** 1 = Monday ... 7 = Sunday; 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday `wd` moved by `shift` days. */
const shiftWeekday = (wd: number, shift: number) => ((((wd - 1 + shift) % 7) + 7) % 7) + 1;

/** An occurrence's key in the plan's frame: its start instant, or its day (all day). */
function keyOf(o: Occurrence, frame: Frame): number {
  return frame.kind === "date"
    ? dayOf(o.start.year, o.start.month, o.start.day)
    : o.start.toMillis();
}

function ruleOf(repeat: Repeat, startDay: number, shift: number): Rule | undefined {
  const interval = Number.isInteger(repeat.interval) && repeat.interval >= 1 ? repeat.interval : 1;
  const counted = typeof repeat.count === "number" && Number.isFinite(repeat.count);
  const base = { interval, weekdays: [], monthly: [], weekStart: shiftWeekday(1, shift), counted };
  if (repeat.every === "day") return { ...base, freq: "DAILY" };
  if (repeat.every === "week") {
    const rules = (repeat.on ?? [])
      .map((t) => parseOnRule("week", t))
      .filter((r) => r !== undefined);
    const weekdays = [...new Set(rules.map((r) => shiftWeekday(r.weekday, shift)))].sort(
      (a, b) => a - b,
    );
    return { ...base, freq: "WEEKLY", weekdays };
  }
  if (repeat.every === "month") {
    // "2nd tue" at an offset that lands on another UTC day is no weekday rule in UTC.
    if (shift !== 0) return undefined;
    const monthly: Rule["monthly"] = [];
    for (const text of repeat.on ?? []) {
      const r = parseOnRule("month", text);
      if (!r) continue;
      const nth = r.nth ?? 1;
      if (!monthly.some((m) => m.weekday === r.weekday && m.nth === nth)) {
        monthly.push({ weekday: r.weekday, nth });
      }
    }
    const d = new Date(startDay * DAY);
    return monthly.length
      ? { ...base, freq: "MONTHLY", monthly }
      : { ...base, freq: "MONTHLY", monthDay: d.getUTCDate() };
  }
  return undefined;
}

/** The rule's days from `startDay` on (RFC 5545 expansion of FREQ/INTERVAL/BYDAY/BYMONTHDAY). */
function* ruleDays(rule: Rule, startDay: number): Generator<number> {
  const { interval } = rule;
  if (rule.freq === "DAILY") {
    for (let d = startDay; ; d += interval) yield d;
  }
  if (rule.freq === "WEEKLY") {
    const ws = rule.weekStart;
    const offsets = (rule.weekdays.length ? rule.weekdays : [weekdayOf(startDay)])
      .map((wd) => (wd - ws + 7) % 7)
      .sort((a, b) => a - b);
    const first = startDay - ((weekdayOf(startDay) - ws + 7) % 7);
    for (let week = first; ; week += 7 * interval) {
      for (const k of offsets) if (week + k >= startDay) yield week + k;
    }
  }
  const s = new Date(startDay * DAY);
  for (let index = s.getUTCFullYear() * 12 + s.getUTCMonth(); ; index += interval) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const first = dayOf(year, month, 1);
    const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const days = new Set<number>();
    if (rule.monthDay !== undefined) {
      if (rule.monthDay <= dim) days.add(rule.monthDay); // months without it are skipped
    } else {
      const firstWd = weekdayOf(first);
      const lastWd = weekdayOf(first + dim - 1);
      for (const { weekday, nth } of rule.monthly) {
        const dd =
          nth > 0
            ? 1 + ((weekday - firstWd + 7) % 7) + 7 * (nth - 1)
            : dim - ((lastWd - weekday + 7) % 7) - 7 * (-nth - 1);
        if (dd >= 1 && dd <= dim) days.add(dd);
      }
    }
    for (const dd of [...days].sort((a, b) => a - b)) {
      if (first + dd - 1 >= startDay) yield first + dd - 1;
    }
  }
}

/** Generating more rule dates than this for one program means something is wrong: give up. */
const MAX_INSTANCES = 20_000;

/**
 * The series a program is written as, or undefined when it is written one VEVENT a date:
 * no `repeat`, a rule RRULE cannot state in its frame, fewer than two dates from the rule,
 * or more rule dates the site drops than it keeps.
 */
export function planSeries(program: Program, zone: string): SeriesPlan | undefined {
  const { schedule, occurrences } = program;
  const repeat = schedule.repeat;
  if (!repeat || occurrences.length < 2) return undefined;
  const when = parseWhen(schedule.start, zone);
  // Read again in UTC: exactly the fields written (no gaps there).
  const written = parseWhen(schedule.start, "UTC");
  if (!when || !written) return undefined;
  const w = written.value;
  let day = dayOf(w.year, w.month, w.day);
  let clock = when.dateOnly ? 0 : ((w.hour * 60 + w.minute) * 60 + w.second) * 1000 + w.millisecond;
  let frame: Frame;
  let shift = 0;
  if (when.dateOnly) frame = { kind: "date" };
  else if (when.hasOffset) {
    const utc = day * DAY + clock - when.value.offset * 60_000;
    shift = Math.floor(utc / DAY) - day;
    day += shift;
    clock = utc - day * DAY;
    frame = { kind: "utc" };
  } else frame = { kind: "zone", zone };
  const rule = ruleOf(repeat, day, shift);
  if (!rule) return undefined;

  const allDay = frame.kind === "date";
  const byKey = new Map<number, Occurrence>();
  for (const o of occurrences) {
    if (o.allDay !== allDay) continue;
    const key = keyOf(o, frame);
    if (!byKey.has(key)) byKey.set(key, o);
  }
  const lastKey = keyOf(occurrences[occurrences.length - 1], frame);
  const instances: Instance[] = [];
  const match = new Map<Occurrence, number>();
  for (const d of ruleDays(rule, day)) {
    const local = d * DAY + clock;
    const start = frame.kind === "zone" ? rfcInstant(frame.zone, local) : local;
    const instance = { day: d, local, start };
    const key = allDay ? d : start;
    const o = byKey.get(key);
    if (o) match.set(o, instances.length);
    instances.push(instance);
    if (key > lastKey || instances.length > MAX_INSTANCES) break;
  }
  if (match.size < 2 || instances.length > MAX_INSTANCES) return undefined;
  const indexes = [...match.values()];
  const covered = Math.max(...indexes) - Math.min(...indexes) + 1;
  if (covered - match.size > match.size) return undefined;
  return { frame, rule, instances, match };
}

/** What one calendar writes of a planned series, for the occurrences it holds. */
export interface SeriesParts {
  /** The occurrences the rule gives, in order, with their instance indexes (may be empty). */
  kept: { occurrence: Occurrence; index: number }[];
  /** Rule dates between the first and last kept that the calendar does not hold: EXDATE. */
  excluded: Instance[];
  /** Occurrences the rule does not give: a VEVENT each. */
  extras: Occurrence[];
}

/**
 * Splits `target` (some or all of the program's occurrences, in order) into the series'
 * kept dates, its EXDATEs and the dates of their own. The series starts at the first kept
 * date (DTSTART is always a date the site lists) and ends at the last.
 */
export function seriesParts(plan: SeriesPlan, target: readonly Occurrence[]): SeriesParts {
  const kept: SeriesParts["kept"] = [];
  const extras: Occurrence[] = [];
  for (const occurrence of target) {
    const index = plan.match.get(occurrence);
    if (index === undefined) extras.push(occurrence);
    else kept.push({ occurrence, index });
  }
  kept.sort((a, b) => a.index - b.index);
  const excluded: Instance[] = [];
  if (kept.length) {
    const held = new Set(kept.map((k) => k.index));
    for (let i = kept[0].index; i <= kept[kept.length - 1].index; i++) {
      if (!held.has(i)) excluded.push(plan.instances[i]);
    }
  }
  return { kept, excluded, extras };
}

/** How the RRULE ends. */
export type SeriesEnd = { count: number } | { until: number } | { untilDay: number };

/**
 * COUNT when staff gave a count, else UNTIL: a date for all-day series, else an instant in
 * UTC (RFC 5545 requires UTC with a TZID'd DTSTART). The instant is the end of the last
 * date's day, which is how apps show "until <date>", unless a reader's reading of the last
 * or next date (an hour off in a gap or a repeated hour, in ical.js) could cross it; then
 * it is 12 hours after the last start, far from both (dates are a day or more apart).
 */
export function seriesEnd(plan: SeriesPlan, first: number, last: number): SeriesEnd {
  if (plan.rule.counted) return { count: last - first + 1 };
  const { frame } = plan;
  const end = plan.instances[last];
  if (frame.kind === "date") return { untilDay: end.day };
  if (frame.kind === "utc") return { until: (end.day + 1) * DAY - 1000 };
  const endOfDay = rfcInstant(frame.zone, (end.day + 1) * DAY) - 1000;
  const next = plan.instances[last + 1];
  // A wall-clock time that names one instant reads alike everywhere; otherwise allow for
  // a reading an hour (at most a few) off.
  const alike = (i: Instance) => wallClockInstants(frame.zone, i.local).length === 1;
  const margin = alike(end) && (!next || alike(next)) ? 0 : 3 * HOUR;
  if (end.start <= endOfDay - margin && (!next || next.start > endOfDay + margin)) {
    return { until: endOfDay };
  }
  return { until: end.start + 12 * HOUR };
}
