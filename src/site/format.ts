// How dates, times and occurrences read on the page. Layouts call these through filters;
// every value is formatted in the occurrence's own zone with the library's locale.
import type { DateTime } from "luxon";
import type { Occurrence } from "../content/model.ts";
import { parseWhen } from "../schedule/time.ts";
import { isAmbiguousInstant } from "../outputs/vtimezone.ts";
import { english, listSeparator, t, type Language } from "../i18n/strings.ts";

/**
 * Strings already made from each DateTime, by kind and locale. A listing occurrence is
 * printed on up to six pages (its program, the month calendar, the print brochure, its
 * audience, category and location pages), so each of its dates is formatted once per build
 * rather than six times; new builds load new DateTime objects, so nothing stale is reused.
 * A build of 2,000 programs asks about half a million times, mostly for strings already
 * made: each DateTime has one record, its strings by kind in an array, for the first locale
 * asked (other locales beside it), so a look-up joins no key. One weak map entry a
 * DateTime: a weak map a kind and locale held twice as many, and made the build's
 * compacting collection (src/build/memory.ts) twice as long.
 */
const made = new WeakMap<DateTime, Made>();

class Made {
  readonly strings: (string | undefined)[] = [];
  private locale: string | undefined = undefined;
  private others: Map<string, Made> | undefined = undefined;

  /** The record of the same DateTime's strings in `locale`. */
  in(locale: string): Made {
    this.locale ??= locale;
    if (this.locale === locale) return this;
    this.others ??= new Map();
    let other = this.others.get(locale);
    if (!other) this.others.set(locale, (other = new Made()));
    return other;
  }
}

let kinds = 0;

/** One kind of string made from a DateTime (in a locale, unless `localised` is false). */
class Remembered {
  private readonly slot = kinds++;

  constructor(
    private readonly make: (value: DateTime, locale: string) => string,
    private readonly localised = true,
  ) {}

  of(value: DateTime, locale = ""): string {
    let record = made.get(value);
    if (!record) made.set(value, (record = new Made()));
    if (this.localised) record = record.in(locale);
    let text = record.strings[this.slot];
    if (text === undefined) record.strings[this.slot] = text = this.make(value, locale);
    return text;
  }
}

const isoDates = new Remembered((value) => value.toISODate()!, false);
const isoTimes = new Remembered(
  (value) => value.toISO({ suppressSeconds: true, suppressMilliseconds: true })!,
  false,
);

/**
 * The `datetime` attribute: ISO with offset, or the date alone for all-day values. Seconds
 * only when there are some ("2026-10-01T09:30-05:00" is a valid HTML date-time and what
 * Date.parse reads): six bytes a time, two or three times on each listed row (issue 16).
 */
export function isoAttr(value: DateTime, allDay = false): string {
  return allDay ? isoDates.of(value) : isoTimes.of(value);
}

const HOURS_MINUTES = /^(\d{4}-\d\d-\d\dT)(\d\d:\d\d)(Z|[+-]\d\d:\d\d)$/;

/**
 * A listed row's `data-ends`: the end's `isoAttr`, or only its "HH:MM" when the end is on
 * the start's date at the start's offset, which the row's start (its `<time datetime>` or
 * `data-start`) then supplies: 17 bytes on nearly every row and calendar item (issue 16).
 * site.js `endOf` reads both; layouts/assets/lib/time.js `isoEnd` is the same rule.
 */
export function isoEnd(start: DateTime, end: DateTime): string {
  const ends = isoAttr(end);
  const s = HOURS_MINUTES.exec(isoAttr(start));
  const e = HOURS_MINUTES.exec(ends);
  return s && e && s[1] === e[1] && s[3] === e[3] ? e[2]! : ends;
}

/**
 * Formats a DateTime's wall-clock fields with one Intl formatter a locale. Luxon's
 * `toLocaleString` builds a new formatter per call, which dominated render time at scale;
 * reading the local fields and formatting them as UTC also works for fixed-offset zones,
 * which Intl does not accept.
 */
function wallClock(
  options: Intl.DateTimeFormatOptions,
): (value: DateTime, locale: string) => string {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  return (value, locale) => {
    let formatter = formatters.get(locale);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
      formatters.set(locale, formatter);
    }
    const wall = Date.UTC(
      value.year,
      value.month - 1,
      value.day,
      value.hour,
      value.minute,
      value.second,
    );
    return formatter.format(wall);
  };
}

const longDates = new Remembered(
  wallClock({ weekday: "long", month: "long", day: "numeric", year: "numeric" }),
);
const shortDates = new Remembered(wallClock({ weekday: "short", month: "short", day: "numeric" }));
const monthLabels = new Remembered(wallClock({ month: "long", year: "numeric" }));
/** A time of day; `timeOfDay` keeps what it makes of it. */
const clockTime = wallClock({ hour: "numeric", minute: "2-digit" });
/** A date as written in front matter, read anew each time (`readableDate`). */
const readableDay = wallClock({ month: "long", day: "numeric", year: "numeric" });

/** "Tuesday, October 20, 2026" */
export function longDate(value: DateTime, locale: string): string {
  return longDates.of(value, locale);
}

/** "Tue, Oct 20" */
export function shortDate(value: DateTime, locale: string): string {
  return shortDates.of(value, locale);
}

const zoneNames = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at `value` ("CDT", "MEZ", "GMT+13"), as the locale writes it. */
export function zoneName(value: DateTime, locale: string): string {
  const key = `${value.zoneName}|${locale}`;
  let formatter = zoneNames.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone: value.zoneName!,
      timeZoneName: "short",
    });
    zoneNames.set(key, formatter);
  }
  const part = formatter.formatToParts(value.toMillis()).find((p) => p.type === "timeZoneName");
  return part?.value ?? value.toFormat("ZZ");
}

/**
 * Whether `value`'s wall-clock time names two instants (an hour the clocks going back
 * repeat), so that pages print the zone's name after it (`timeOfDay`).
 */
export function isRepeatedTime(value: DateTime): boolean {
  return value.zone.type === "iana" && isAmbiguousInstant(value.zoneName!, value.toMillis());
}

const timesOfDay = new Remembered((value, locale) => {
  const time = clockTime(value, locale);
  return isRepeatedTime(value) ? `${time} ${zoneName(value, locale)}` : time;
});

/**
 * "6:00 PM"; in an hour that happens twice (the clocks going back) with the zone's name,
 * "1:30 AM CDT" and "1:30 AM CST", so the two are told apart.
 */
export function timeOfDay(value: DateTime, locale: string): string {
  return timesOfDay.of(value, locale);
}

/** The last day of an all-day occurrence (its end is exclusive midnight). */
export function lastDay(occ: Occurrence): DateTime {
  return occ.end.minus({ days: 1 }).startOf("day");
}

/**
 * "6:00 – 7:30 PM", "All day", "All day, until Thu, Oct 22", or "10:00 PM – Wed, Oct 21,
 * 1:00 AM", in `lang` (a locale alone: English words).
 */
export function timeRange(occ: Occurrence, lang: Language | string): string {
  const language = typeof lang === "string" ? english(lang) : lang;
  const locale = language.locale;
  if (occ.allDay) {
    const last = lastDay(occ);
    return sameDay(last, occ.start)
      ? t("time.allDay", language)
      : t("time.allDayUntil", language, { date: shortDate(last, locale) });
  }
  return `${timeOfDay(occ.start, locale)} – ${endLabel(occ, language)}`;
}

/**
 * The time of a date in a list of dates that each say their day (a month's print
 * brochure): as `timeRange`, but an end after midnight less than a day after the start is
 * its time alone ("10:00 PM – 1:00 AM"), so a weekly late-night series is one time for all
 * its dates. An end whose clock reads later than the start's, or a day or more on, keeps
 * its date; a time in a repeated hour keeps its zone's name (`timeOfDay`).
 */
export function listedTimeRange(occ: Occurrence, lang: Language | string): string {
  const late =
    !occ.allDay &&
    !sameDay(occ.start, occ.end) &&
    clockBefore(occ.end, occ.start) &&
    isNextDay(occ.start, occ.end);
  if (!late) return timeRange(occ, lang);
  const locale = (typeof lang === "string" ? english(lang) : lang).locale;
  return `${timeOfDay(occ.start, locale)} – ${timeOfDay(occ.end, locale)}`;
}

/** Whether `b`'s date (in `a`'s zone) is the day after `a`'s. */
function isNextDay(a: DateTime, b: DateTime): boolean {
  const next = a.startOf("day").plus({ days: 1 });
  return sameDay(next, b.setZone(a.zone));
}

/** Whether `a`'s wall-clock time of day is earlier than `b`'s. */
function clockBefore(a: DateTime, b: DateTime): boolean {
  return a.hour * 60 + a.minute < b.hour * 60 + b.minute;
}

/**
 * Whether two values fall on the same calendar day. Same zone (the usual case: an occurrence's
 * end is its start plus its length): compares the wall-clock fields luxon already holds.
 * luxon's `hasSame` re-zones and builds start- and end-of-day values, each a time-zone offset
 * lookup; called for every occurrence on every listing page it was a third of a large build.
 */
export function sameDay(a: DateTime, b: DateTime): boolean {
  if (!a.zone.equals(b.zone)) return a.hasSame(b, "day");
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/**
 * The end of a timed occurrence: "7:30 PM", or "Wed, Oct 21, 1:00 AM" past midnight, its
 * date and time joined as `lang` joins them (Arabic "، "; a locale alone: ", ").
 */
export function endLabel(occ: Occurrence, lang: Language | string): string {
  const language = typeof lang === "string" ? english(lang) : lang;
  const locale = language.locale;
  return sameDay(occ.end, occ.start)
    ? timeOfDay(occ.end, locale)
    : `${shortDate(occ.end, locale)}${listSeparator(language)}${timeOfDay(occ.end, locale)}`;
}

/** ISO date key (`YYYY-MM-DD`) of the day an occurrence starts on, in its own zone. */
export function dayKey(value: DateTime): string {
  return isoDates.of(value);
}

/** "October 2026" */
export function monthLabel(value: DateTime, locale: string): string {
  return monthLabels.of(value, locale);
}

/**
 * A date or date-time as written in front matter, for reading: "October 1, 2026" (with its
 * time when given, joined as `lang` joins them; a locale alone: ", ").
 */
export function readableDate(text: string, zone: string, lang: Language | string): string {
  const when = parseWhen(String(text), zone);
  if (!when) return String(text);
  const language = typeof lang === "string" ? english(lang) : lang;
  const date = readableDay(when.value, language.locale);
  return when.dateOnly
    ? date
    : `${date}${listSeparator(language)}${timeOfDay(when.value, language.locale)}`;
}

/** The `datetime` attribute for a date or date-time as written in front matter. */
export function whenAttr(text: string, zone: string): string {
  const when = parseWhen(String(text), zone);
  return when ? isoAttr(when.value, when.dateOnly) : String(text);
}
