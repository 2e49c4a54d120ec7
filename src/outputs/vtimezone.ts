// VTIMEZONE components built from luxon's zone data. Calendar apps need the zone rules of
// every TZID an .ics uses; rather than shipping a copy of the tz database we ask luxon for
// the zone's UTC offset and find where it changes over the span the events cover. Each
// change becomes one STANDARD or DAYLIGHT observance with an explicit DTSTART, which every
// client reads the same way (no RRULE to interpret).
import { DateTime, IANAZone } from "luxon";

/** One change of a zone's UTC offset. */
export interface OffsetTransition {
  /** The instant of the change, in UTC milliseconds. */
  at: number;
  /** Offsets in minutes east of UTC before and after. */
  from: number;
  to: number;
  /** True when the new offset is daylight-saving time. */
  daylight: boolean;
}

const DAY = 86_400_000;
/**
 * How far before the first event to look for a transition. A year is enough to find the
 * observance in force at the first event in any zone that changes offset yearly, which is
 * what clients need to read the first DTSTART.
 */
const LOOK_BEHIND = 366 * DAY;

function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

/**
 * Every offset change of `zone` in (fromMs, toMs]. A site writes one calendar per program,
 * audience, category and location over overlapping spans, so each zone's changes are found
 * once per calendar year (`yearTransitions`) and picked from there.
 */
export function offsetTransitions(zone: string, fromMs: number, toMs: number): OffsetTransition[] {
  const out: OffsetTransition[] = [];
  const last = new Date(toMs).getUTCFullYear();
  for (let year = new Date(fromMs).getUTCFullYear(); year <= last; year++) {
    for (const t of yearTransitions(zone, year)) {
      if (t.at > fromMs && t.at <= toMs) out.push({ ...t });
    }
  }
  return out;
}

const years = new Map<string, OffsetTransition[]>();

/** The offset changes of `zone` in (1 January, next 1 January], UTC. */
function yearTransitions(zone: string, year: number): OffsetTransition[] {
  const key = `${zone} ${year}`;
  let found = years.get(key);
  if (!found) years.set(key, (found = scan(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1))));
  return found;
}

/**
 * Scans from `fromMs` to `toMs` day by day (zones never change twice within a day), then
 * bisects each change to the second, so the result is exact and depends only on the
 * arguments and the tz data.
 */
function scan(zone: string, fromMs: number, toMs: number): OffsetTransition[] {
  const out: OffsetTransition[] = [];
  let prevMs = fromMs;
  let prev = offsetAt(zone, prevMs);
  for (let ms = prevMs + DAY; prevMs < toMs; ms += DAY) {
    const t = Math.min(ms, toMs);
    const cur = offsetAt(zone, t);
    if (cur !== prev) out.push(bisect(zone, prevMs, t, prev, cur));
    prev = cur;
    prevMs = t;
  }
  return out;
}

function bisect(
  zone: string,
  prevMs: number,
  t: number,
  prev: number,
  cur: number,
): OffsetTransition {
  // Bisect on whole seconds: the offset at `lo` is `prev`, at `hi` it is `cur`.
  let lo = Math.floor(prevMs / 1000);
  let hi = Math.ceil(t / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid * 1000) === prev) lo = mid;
    else hi = mid;
  }
  const at = hi * 1000;
  return { at, from: prev, to: cur, daylight: DateTime.fromMillis(at, { zone }).isInDST };
}

/** `-0500`, `+1300`, `+0545` */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${sign}${hh}${mm}`;
}

/** Local wall-clock time of a UTC instant seen with `offset`, in iCalendar basic format. */
function localBasic(ms: number, offset: number): string {
  return DateTime.fromMillis(ms + offset * 60_000, { zone: "UTC" }).toFormat("yyyyMMdd'T'HHmmss");
}

/** True for a zone id that luxon (and so the tz database) knows. */
export function isIanaZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The VTIMEZONE lines (without CRLF, unfolded) for `zone` covering events from `fromMs` to
 * `toMs`. Zones with no offset change in that span (no DST, or DST abolished) get a single
 * STANDARD observance starting a year before the first event.
 */
export function vtimezoneLines(zone: string, fromMs: number, toMs: number): string[] {
  const start = fromMs - LOOK_BEHIND;
  const transitions = offsetTransitions(zone, start, toMs);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  if (transitions.length === 0) {
    const offset = offsetAt(zone, start);
    lines.push(
      "BEGIN:STANDARD",
      `DTSTART:${localBasic(start, offset)}`,
      `TZOFFSETFROM:${formatOffset(offset)}`,
      `TZOFFSETTO:${formatOffset(offset)}`,
      "END:STANDARD",
    );
  }
  for (const t of transitions) {
    const kind = t.daylight ? "DAYLIGHT" : "STANDARD";
    lines.push(
      `BEGIN:${kind}`,
      // RFC 5545: an observance's DTSTART is local time in the offset in force before it.
      `DTSTART:${localBasic(t.at, t.from)}`,
      `TZOFFSETFROM:${formatOffset(t.from)}`,
      `TZOFFSETTO:${formatOffset(t.to)}`,
      `END:${kind}`,
    );
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Wall-clock times: which instants a local time names. RFC 5545 readers and ical.js agree on a
// local time that happens exactly once; they disagree in a spring-forward gap (RFC 5545 moves
// it forward by the gap, ical.js back) and in a repeated hour (RFC 5545 takes the first copy,
// ical.js the second). Calendars write such instants in UTC (see src/outputs/ics-series.ts), and pages
// name the zone there (src/format.ts).

const zones = new Map<string, IANAZone>();

function ianaZone(zone: string): IANAZone {
  let z = zones.get(zone);
  if (!z) zones.set(zone, (z = IANAZone.create(zone)));
  return z;
}

/**
 * The instants (UTC ms, ascending) whose wall-clock time in `zone` is `localMs` (the local
 * date and time written as if it were UTC): none in a spring-forward gap, two in a repeated
 * hour, else one. Assumes at most one offset change within a day of it, as in every zone.
 */
export function wallClockInstants(zone: string, localMs: number): number[] {
  const z = ianaZone(zone);
  const before = z.offset(localMs - DAY);
  const after = z.offset(localMs + DAY);
  const out: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const t = localMs - offset * 60_000;
    if (z.offset(t) === offset) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The instant a wall-clock time names by RFC 5545's rule (3.3.5): the first of two in a
 * repeated hour; in a gap, the offset from before the gap (so the time moves forward).
 * The schedule engine (src/schedule/rules.ts `atWallClock`) uses the same rule.
 */
export function rfcInstant(zone: string, localMs: number): number {
  const found = wallClockInstants(zone, localMs);
  return found.length ? found[0] : localMs - ianaZone(zone).offset(localMs - DAY) * 60_000;
}

/** The wall-clock time (as UTC ms) of instant `ms` in `zone`. */
export function localMsOf(zone: string, ms: number): number {
  return ms + ianaZone(zone).offset(ms) * 60_000;
}

/** True when the wall-clock time of instant `ms` in `zone` also names another instant. */
export function isAmbiguousInstant(zone: string, ms: number): boolean {
  return wallClockInstants(zone, localMsOf(zone, ms)).length > 1;
}

/**
 * True when an event from `startMs` lasting `durationMs` reads the same in every iCalendar
 * reader when written in `zone`'s wall-clock time: its start and end times each name one
 * instant, and the offset does not change in between (ical.js adds a duration to the
 * wall-clock time, RFC 5545 to the instant; they agree only then).
 */
export function isWallClockSafe(zone: string, startMs: number, durationMs: number): boolean {
  const z = ianaZone(zone);
  if (!z.isValid) return false;
  const endMs = startMs + durationMs;
  const offset = z.offset(startMs);
  if (z.offset(endMs) !== offset) return false;
  if (wallClockInstants(zone, startMs + offset * 60_000).length !== 1) return false;
  if (wallClockInstants(zone, endMs + offset * 60_000).length !== 1) return false;
  // Zones never change offset twice within a day; a longer event may hold two changes.
  return durationMs <= DAY || offsetTransitions(zone, startMs, endMs).length === 0;
}
