// Listings grouped by the day they fall on, with the closures of those days: what listing
// pages, calendars and print months print day by day.
import { DateTime } from "luxon";
import type { Listing } from "../content/model.ts";
import { dayZoneOf } from "../content/assemble.ts";
import { dayKey } from "./format.ts";

/** A day a building is closed, as listings show it: the location's name, or none for all. */
export interface Closure {
  /** The location's name; undefined when the whole library is closed. */
  name?: string;
  reason?: string;
  /**
   * The languages `name` and `reason` are in, when the page is in another (a label without
   * a value in its language: src/site/languages.ts); the page marks them with `lang`.
   */
  nameLang?: string;
  reasonLang?: string;
}

export interface DayGroup {
  /** ISO date in the library's zone. */
  date: string;
  /** Midnight of that day in the library's zone. */
  day: DateTime;
  listings: Listing[];
  /** Closures on that day (listing pages show them; a closed day may have no listings). */
  closures: Closure[];
}

/**
 * Groups listings (already sorted by start) by the library-zone day they start on (a
 * consortium member's program: by the day in its own library's zone, `dayZoneOf`).
 */
export function groupByDay(listings: Listing[], zone: string): DayGroup[] {
  const groups: DayGroup[] = [];
  let current: DayGroup | undefined;
  for (const listing of listings) {
    const start = listing.occurrence.start;
    const own = listing.program.member ? dayZoneOf(listing.program, zone) : zone;
    const local = start.zoneName === own ? start : start.setZone(own);
    const date = dayKey(local);
    if (!current || current.date !== date) {
      const day = own === zone ? local.startOf("day") : DateTime.fromISO(date, { zone });
      current = { date, day, listings: [], closures: [] };
      groups.push(current);
    }
    current.listings.push(listing);
  }
  return groups;
}

/**
 * `days` with the closures of `closed` (sorted by date) from `from` (inclusive) to `to`
 * (exclusive) added: to the day they fall on, or as a day of their own, in date order.
 */
export function withClosures(
  days: DayGroup[],
  closed: readonly { date: string; closures: Closure[] }[],
  from: string,
  to: string,
  zone: string,
): DayGroup[] {
  const inRange = closed.filter((c) => c.date >= from && c.date < to);
  if (!inRange.length) return days;
  const byDate = new Map(days.map((d) => [d.date, d] as const));
  const out = [...days];
  for (const c of inRange) {
    const day = byDate.get(c.date);
    if (day) day.closures = c.closures;
    else
      out.push({
        date: c.date,
        day: DateTime.fromISO(c.date, { zone }),
        listings: [],
        closures: c.closures,
      });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
