// Reading .ics files back as calendar apps do, for tests: every VEVENT expanded into its
// occurrences with ical.js (RRULE, RDATE, EXDATE and RECURRENCE-ID overrides), and the same
// files read a second way, as a strict RFC 5545 reader does, to check that both agree.
//
// - `ical.js`: Thunderbird's engine as it is, with the file's VTIMEZONEs registered in
//   `ICAL.TimezoneService`. It reads a wall-clock time in a repeated hour as the second copy
//   and one in a spring-forward gap with the offset after it, and adds a DURATION to the
//   wall-clock time (so 00:30 + PT90M across a fall-back ends an hour late).
// - `rfc`: RFC 5545 3.3.5 and 3.3.6: a repeated-hour time is its first copy, a gap time moves
//   forward by the gap, and a duration of hours and minutes is exact. The recurrence set still
//   comes from ical.js's iterator (so the rule expansion is not ours), with the zone rules
//   from the tz database (luxon) in place of the VTIMEZONE.
import ICAL from "ical.js";
import { IANAZone } from "luxon";
import type { Occurrence, Program } from "../../src/content/model.ts";

export type Reader = "ical.js" | "rfc";

export interface CalendarEvent {
  uid: string;
  summary: string;
  status: string;
  url: string;
  allDay: boolean;
  /** `D:2027-06-25` for all-day, `T:<epoch ms>` for timed. */
  key: string;
  /** The end the same way (exclusive). */
  end: string;
  startMs: number;
  endMs: number;
  /** Start as written (wall clock) in its zone, e.g. `2027-03-09T18:30:00`. */
  wall: string;
  /** True for a date taken from an override (RECURRENCE-ID). */
  override: boolean;
}

const DAY = 86_400_000;

/** RFC 5545's reading of a wall-clock time in `zone`, written here apart from src/. */
function rfcOffsetSeconds(zone: string, local: number): number {
  const z = IANAZone.create(zone);
  const candidates = [z.offset(local - DAY), z.offset(local + DAY)];
  const valid = candidates
    .map((offset) => local - offset * 60_000)
    .filter((t) => z.offset(t) === (local - t) / 60_000)
    .sort((a, b) => a - b);
  // First copy of a repeated time; in a gap, the offset in force before it.
  const instant = valid.length ? valid[0] : local - candidates[0] * 60_000;
  return (local - instant) / 1000;
}

/** How many instants the wall-clock time `yyyyMMddTHHmmss` names in `zone` (0, 1 or 2). */
export function wallClockCount(zone: string, value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(value)!;
  const local = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const z = IANAZone.create(zone);
  const offsets = new Set([z.offset(local - DAY), z.offset(local + DAY)]);
  return [...offsets].filter((o) => z.offset(local - o * 60_000) === o).length;
}

type TimezoneProto = { utcOffset(this: ICAL.Timezone, tt: ICAL.Time): number };

function withReader<T>(reader: Reader, run: () => T): T {
  if (reader === "ical.js") return run();
  const proto = ICAL.Timezone.prototype as unknown as TimezoneProto;
  const original = proto.utcOffset;
  proto.utcOffset = function (tt) {
    if (this === ICAL.Timezone.utcTimezone || this === ICAL.Timezone.localTimezone) return 0;
    const local = Date.UTC(tt.year, tt.month - 1, tt.day, tt.hour, tt.minute, tt.second);
    return rfcOffsetSeconds(this.tzid, local);
  };
  try {
    return run();
  } finally {
    proto.utcOffset = original;
  }
}

function utcTime(seconds: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(seconds * 1000), true);
}

const ms = (t: ICAL.Time) => t.toUnixTime() * 1000;
const keyOf = (t: ICAL.Time) => (t.isDate ? `D:${t.toString()}` : `T:${ms(t)}`);

/**
 * Every occurrence of every event in `ics`, as `reader` reads it. Overrides are related to
 * their series by UID (as apps do; ical.js alone would relate every override in the file).
 * A recurring event without an end (no UNTIL or COUNT) is an error here: the site never
 * writes one, and expanding it would not stop.
 */
export function expandCalendar(ics: string, reader: Reader = "ical.js"): CalendarEvent[] {
  return withReader(reader, () => {
    ICAL.TimezoneService.reset();
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const vtz of calendar.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(vtz);
    }
    const vevents = calendar.getAllSubcomponents("vevent");
    const overrides = new Map<string, ICAL.Component[]>();
    for (const v of vevents) {
      if (!v.hasProperty("recurrence-id")) continue;
      const uid = String(v.getFirstPropertyValue("uid"));
      overrides.set(uid, [...(overrides.get(uid) ?? []), v]);
    }
    const out: CalendarEvent[] = [];
    for (const v of vevents) {
      if (v.hasProperty("recurrence-id")) continue;
      const uid = String(v.getFirstPropertyValue("uid"));
      const event = new ICAL.Event(v, { exceptions: overrides.get(uid) ?? [] });
      const add = (item: ICAL.Event, start: ICAL.Time, icalEnd: ICAL.Time, override: boolean) => {
        // An RFC 5545 reader adds a dur-time exactly; ical.js adds it to the wall clock.
        const end =
          reader === "rfc" && !start.isDate
            ? utcTime(start.toUnixTime() + item.duration.toSeconds())
            : icalEnd;
        out.push({
          uid,
          summary: item.summary,
          status: String(item.component.getFirstPropertyValue("status") ?? ""),
          url: String(item.component.getFirstPropertyValue("url") ?? ""),
          allDay: start.isDate,
          key: keyOf(start),
          end: keyOf(end),
          startMs: ms(start),
          endMs: ms(end),
          wall: start.toString(),
          override,
        });
      };
      if (!event.isRecurring()) {
        add(event, event.startDate, event.endDate, false);
        continue;
      }
      const rules = v.getAllProperties("rrule").map((p) => p.getFirstValue() as ICAL.Recur);
      if (rules.some((r) => !r.until && !r.count)) throw new Error(`${uid}: a rule without end`);
      const iterator = event.iterator();
      let guard = 0;
      for (let next = iterator.next(); next; next = iterator.next()) {
        if (++guard > 50_000) throw new Error(`${uid}: more than 50,000 dates`);
        const details = event.getOccurrenceDetails(next);
        add(details.item, details.startDate, details.endDate, details.item !== event);
      }
    }
    return out;
  });
}

/** What a calendar must show of one occurrence: the same fields as `CalendarEvent` keys. */
export function expectedEvent(program: Program, occurrence: Occurrence, libraryUrl: string) {
  const status =
    occurrence.cancelled || program.status === "cancelled"
      ? "CANCELLED"
      : program.status === "postponed"
        ? "TENTATIVE"
        : "CONFIRMED";
  const prefix =
    status === "CANCELLED" ? "Cancelled: " : status === "TENTATIVE" ? "Postponed: " : "";
  const at = (dt: Occurrence["start"]) =>
    occurrence.allDay ? `D:${dt.toISODate()}` : `T:${dt.toMillis()}`;
  return {
    url: libraryUrl + program.url,
    key: at(occurrence.start),
    end: at(occurrence.end),
    status,
    summary: prefix + program.title,
  };
}

/** One line per occurrence, sorted, for comparing a calendar with the site. */
export function eventLines(
  events: { url: string; key: string; end: string; status: string; summary: string }[],
): string[] {
  return events.map((e) => `${e.url} ${e.key}..${e.end} ${e.status} ${e.summary}`).sort();
}

/** The site's own dates of `programs` ending after `after` (ms), as `eventLines`. */
export function siteLines(programs: Program[], libraryUrl: string, after = -Infinity): string[] {
  return eventLines(
    programs.flatMap((p) =>
      p.occurrences
        .filter((o) => o.end.toMillis() > after)
        .map((o) => expectedEvent(p, o, libraryUrl)),
    ),
  );
}
