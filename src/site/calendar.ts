// Month grids for the `/calendar/YYYY/MM/` pages, built from the listings alone so a
// layout only prints them. Days are the library's days: an occurrence belongs to the day
// it starts on in the library's zone (a program crossing midnight shows on its start day
// only), whatever offset it was written with.
import { DateTime } from "luxon";
import type { Listing } from "../content/model.ts";
import { dayKey, monthLabel } from "./format.ts";
import { dayZoneOf } from "../content/assemble.ts";

export interface CalendarDay {
  /** ISO date `YYYY-MM-DD` in the library's zone. */
  date: string;
  /** Midnight of that day in the library's zone. */
  day: DateTime;
  /** Occurrences starting on that day, in start order. */
  listings: Listing[];
}

export interface Weekday {
  /** "Mon" */
  short: string;
  /** "Monday" */
  long: string;
}

/** A month from the current one to the horizon's, without its grid (menus, links). */
export interface MonthChoice {
  /** `YYYY-MM` */
  key: string;
  /** `/calendar/YYYY/MM/` */
  url: string;
  /** The first of the month at midnight in the library's zone. */
  first: DateTime;
  /** "November 2026", in the library's locale. */
  title: string;
}

export interface CalendarMonth extends MonthChoice {
  /** Rows of seven cells; `null` pads the days before the 1st and after the last day. */
  weeks: (CalendarDay | null)[][];
  /** Column headers in the locale's week order. */
  weekdays: Weekday[];
  /** Number of occurrences in the month. */
  count: number;
  /** Neighbouring months, only when they are in range. */
  prev?: { key: string; url: string; first: DateTime };
  next?: { key: string; url: string; first: DateTime };
}

/** Regions whose calendars start the week on Sunday, for runtimes without `Intl.Locale` week info. */
const SUNDAY_REGIONS = new Set(
  "US CA MX BR JP KR TW HK IL PH ZA AU SA AE EG IN PK BD GT HN NI PA PE PR PY SV VE CO DO JM".split(
    " ",
  ),
);

/**
 * The first day of the week for `locale` as a luxon weekday (1 = Monday, 7 = Sunday).
 * Uses the runtime's CLDR week data when it has it (`Intl.Locale#getWeekInfo` or the
 * older `weekInfo` getter), else a small rule: Sunday in the regions above, Monday elsewhere.
 */
export function firstDayOfWeek(locale: string): number {
  try {
    const loc = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = loc.getWeekInfo?.() ?? loc.weekInfo;
    if (info && info.firstDay >= 1 && info.firstDay <= 7) return info.firstDay;
    const region = loc.maximize().region;
    return region && SUNDAY_REGIONS.has(region) ? 7 : 1;
  } catch {
    return 1;
  }
}

const weekdayFormatters = new Map<string, [Intl.DateTimeFormat, Intl.DateTimeFormat]>();

/** Weekday names in the locale's week order, starting on its first day. */
export function weekdays(locale: string): Weekday[] {
  let formatters = weekdayFormatters.get(locale);
  if (!formatters) {
    formatters = [
      new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }),
      new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }),
    ];
    weekdayFormatters.set(locale, formatters);
  }
  const [short, long] = formatters;
  const first = firstDayOfWeek(locale);
  // 2024-01-01 was a Monday (luxon weekday 1).
  return Array.from({ length: 7 }, (_, i) => {
    const weekday = ((first - 1 + i) % 7) + 1;
    const instant = Date.UTC(2024, 0, weekday);
    return { short: short.format(instant), long: long.format(instant) };
  });
}

function monthRef(first: DateTime) {
  const key = first.toFormat("yyyy-MM");
  return { key, url: `/calendar/${first.toFormat("yyyy")}/${first.toFormat("MM")}/`, first };
}

/** Each month from `now`'s month to `horizon`'s month (inclusive), in the library's zone. */
export function monthChoices(options: {
  now: DateTime;
  horizon: DateTime;
  zone: string;
  locale: string;
}): MonthChoice[] {
  const { zone, locale } = options;
  const start = options.now.setZone(zone).startOf("month");
  const last = options.horizon.setZone(zone).startOf("month");
  const months: MonthChoice[] = [];
  for (let first = start; first <= last; first = first.plus({ months: 1 })) {
    months.push({ ...monthRef(first), title: monthLabel(first, locale) });
  }
  return months;
}

/**
 * One calendar month for each month from `now`'s month to `horizon`'s month (inclusive),
 * with `listings` (sorted by start) placed on the library-zone day they start on.
 * Listings outside that range are ignored.
 */
export function calendarMonths(
  listings: Listing[],
  options: { now: DateTime; horizon: DateTime; zone: string; locale: string },
): CalendarMonth[] {
  const { zone, locale } = options;
  const byDay = new Map<string, Listing[]>();
  for (const listing of listings) {
    const { start } = listing.occurrence;
    const own = dayZoneOf(listing.program, zone);
    const date = dayKey(start.zoneName === own ? start : start.setZone(own));
    let list = byDay.get(date);
    if (!list) byDay.set(date, (list = []));
    list.push(listing);
  }
  const firstDay = firstDayOfWeek(locale);
  const names = weekdays(locale);
  const months: CalendarMonth[] = [];
  for (const choice of monthChoices(options)) {
    const { first } = choice;
    const lead = (first.weekday - firstDay + 7) % 7;
    const cells: (CalendarDay | null)[] = Array.from({ length: lead }, () => null);
    let count = 0;
    for (let d = 1; d <= first.daysInMonth!; d++) {
      const day = first.set({ day: d });
      const date = day.toISODate()!;
      const dayListings = byDay.get(date) ?? [];
      count += dayListings.length;
      cells.push({ date, day, listings: dayListings });
    }
    while (cells.length % 7) cells.push(null);
    const weeks: (CalendarDay | null)[][] = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    months.push({
      ...choice,
      weeks,
      weekdays: names,
      count,
    });
  }
  months.forEach((month, i) => {
    if (i > 0) month.prev = monthRef(months[i - 1].first);
    if (i < months.length - 1) month.next = monthRef(months[i + 1].first);
  });
  return months;
}
