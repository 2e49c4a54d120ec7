// What the print brochure (`/print/YYYY-MM/`) and the lobby screens (`/signage/<location>/`)
// list, as plain functions of the upcoming listings, so the layouts only print values.
import type { DateTime } from "luxon";
import type { Listing, Location } from "../content/model.ts";

export interface PrintMonth {
  /** `2026-11`: the URL part. */
  key: string;
  /** First day of the month, midnight in the library's zone. */
  month: DateTime;
  /** Upcoming listings starting in this month, by start (cancelled ones included, marked). */
  listings: Listing[];
}

/**
 * One entry per calendar month from the month of `now` to the month of `horizon`, each
 * with the listings that start in it, so every month a program can be listed in has a
 * brochure (an empty month still gets a page that says so). Linear in `upcoming`.
 */
export function printMonths(
  upcoming: Listing[],
  now: DateTime,
  horizon: DateTime,
  zone: string,
): PrintMonth[] {
  const months: PrintMonth[] = [];
  const last = horizon.setZone(zone).startOf("month");
  for (let m = now.setZone(zone).startOf("month"); m <= last; m = m.plus({ months: 1 })) {
    months.push({ key: m.toFormat("yyyy-MM"), month: m, listings: [] });
  }
  const byKey = new Map(months.map((m) => [m.key, m]));
  for (const listing of upcoming) {
    byKey.get(listing.occurrence.start.setZone(zone).toFormat("yyyy-MM"))?.listings.push(listing);
  }
  return months;
}

export interface SignageScreen {
  location: Location;
  /** Listings at the location that start today (or began earlier and have not ended). */
  today: Listing[];
  /** The next listings after today, at most `SIGNAGE_NEXT`. */
  next: Listing[];
}

/** How many "next" listings a lobby screen shows after today's. */
export const SIGNAGE_NEXT = 6;

/**
 * A lobby screen for each location: what is on today there, then what comes next. In-person
 * and hybrid programs only (a program without a location is not in the building).
 */
export function signageScreens(
  upcoming: Listing[],
  locations: Location[],
  now: DateTime,
  zone: string,
  next = SIGNAGE_NEXT,
): SignageScreen[] {
  const tomorrow = now.setZone(zone).startOf("day").plus({ days: 1 }).toMillis();
  const screens = new Map(
    locations.map((location) => [location.id, { location, today: [], next: [] } as SignageScreen]),
  );
  for (const listing of upcoming) {
    const screen = listing.program.location ? screens.get(listing.program.location) : undefined;
    if (!screen) continue;
    if (listing.occurrence.start.toMillis() < tomorrow) screen.today.push(listing);
    else if (screen.next.length < next) screen.next.push(listing);
  }
  return [...screens.values()];
}
