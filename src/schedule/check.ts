// Checking a program's schedule fields for mistakes staff can fix: each problem is a plain
// sentence naming what to write instead (`"2026-1-5" is not in the expected form; write
// 2026-01-05`, `"tues" is not a weekday (did you mean "tue"?)`), for the
// `file:line: field: message` lines of `npm run check` and the build. Values are read by
// ./rules.ts, as ./schedule.ts reads them to expand the schedule: what passes here expands.
import { IANAZone } from "luxon";
import type { Repeat, ScheduleSpec } from "../content/model.ts";
import { editDistance } from "../text/edit-distance.ts";
import { amPmAdvice, YEARS } from "./time.ts";
import {
  DAY_MS,
  ORDINALS,
  WEEKDAYS,
  daysInMonth,
  isoDate,
  parseOnRule,
  parseValue,
  yearOutOfRange,
  type Clock,
} from "./rules.ts";

const WEEKDAY_NAMES = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];
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
    const toName = editDistance(w, WEEKDAY_NAMES[i], 2);
    const toShort = editDistance(w, WEEKDAYS[i], 1);
    const score = Math.min(toName <= 2 ? toName : Infinity, toShort <= 1 ? toShort : Infinity);
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
  /**
   * The program schema checks the same value (a number of minutes, an interval, a count):
   * where it already reported the field, this problem would say it twice.
   */
  schemaChecked?: true;
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
 * year when all day). Empty when fine. Whether a `cancelled` or `except` value matches an
 * occurrence needs the horizon, so `expandSchedule` says (`ScheduleResult.unmatched`). An
 * invalid `zone` gives no problems here: the library's own check reports it.
 */
export function checkSchedule(spec: ScheduleSpec, zone: string): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const addValue = (field: string, message: string) =>
    problems.push({ field, message, schemaChecked: true });
  const warn = (field: string, message: string) =>
    problems.push({ field, message, severity: "warning" });
  const lib = IANAZone.create(zone);
  if (!lib.isValid) return problems;

  const start = parseValue(spec.start, zone, lib);
  if (!start) add("start", describeBad(spec.start, FORMS));
  const startDate = start ? isoDate(start.day) : DATE_EXAMPLE;
  /** The value read, or undefined with a problem that names `form`, what to write. */
  const read = (field: string, text: string, form: string) => {
    const value = parseValue(text, zone, lib);
    if (!value) add(field, describeBad(text, form, startDate));
    return value;
  };
  const dateForm = `write the date as YYYY-MM-DD, e.g. ${startDate}`;

  if (spec.end !== undefined) {
    const end = read(
      "end",
      spec.end,
      start?.dateOnly ? `write the last day, e.g. ${startDate}` : FORMS,
    );
    if (end && start) {
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
      addValue("duration", `must be a positive number of minutes (got ${JSON.stringify(d)})`);
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
      addValue(
        "repeat.interval",
        `must be a whole number, 1 or more (got ${JSON.stringify(repeat.interval)})`,
      );
    }
    checkOn(repeat, add);
    if (repeat.until !== undefined && repeat.count !== undefined) {
      add("repeat.count", "give either until or count, not both");
    }
    if (repeat.until !== undefined) {
      const until = read(
        "repeat.until",
        repeat.until,
        `write the last date as YYYY-MM-DD, e.g. ${startDate}`,
      );
      if (until && !until.dateOnly) {
        add(
          "repeat.until",
          `"${until.text}" has a time; write the last date alone, e.g. ${isoDate(until.day)}`,
        );
      } else if (until && start && until.day < start.day) {
        add("repeat.until", `the series ends before it starts (${until.text} < ${startDate})`);
      }
    }
    if (repeat.count !== undefined && !wholeAtLeastOne(repeat.count)) {
      addValue(
        "repeat.count",
        `must be a whole number, 1 or more (got ${JSON.stringify(repeat.count)})`,
      );
    }
    for (const text of repeat.except ?? []) read("repeat.except", text, dateForm);
  }

  for (const text of spec.dates ?? []) {
    const p = read("dates", text, start?.dateOnly ? `write a date, e.g. ${startDate}` : FORMS);
    if (p && start?.dateOnly && !p.dateOnly) {
      add(
        "dates",
        `"${p.text}" has a time but start is a date alone (all day); write the date alone, ${isoDate(p.day)}`,
      );
    }
  }
  for (const text of spec.cancelled ?? []) read("cancelled", text, dateForm);
  return problems;
}
