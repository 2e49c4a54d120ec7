// What the print brochure (`/print/YYYY-MM/`) and the lobby screens (`/signage/<location>/`)
// list, as plain functions of the upcoming listings, so the layouts only print values.
import type { DateTime } from "luxon";
import type { ClosedDay, Listing, Location, Program } from "../content/model.ts";
import { dayZoneOf, placeOf } from "../content/assemble.ts";

/** One closure on a day: `name` is the location, or undefined when every location is closed. */
export interface Closure {
  name?: string;
  reason?: string;
}

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
    const own = dayZoneOf(listing.program, zone);
    const { start } = listing.occurrence;
    const local = start.zoneName === own ? start : start.setZone(own);
    // `local.toFormat("yyyy-MM")`, without formatting (a month has many listings).
    const key = `${local.year}-${String(local.month).padStart(2, "0")}`;
    byKey.get(key)?.listings.push(listing);
  }
  return months;
}

/**
 * One program in a month's brochure, with its dates there: the brochure lists a program
 * once rather than once a date (issue 16: a weekly program was four or five entries).
 */
export interface PrintEntry {
  program: Program;
  /** Its listings in the month, by start (cancelled dates included). */
  listings: Listing[];
  /** The same listings by the time they show ("6:00 PM – 7:30 PM"), in order of first use. */
  times: { label: string; listings: Listing[] }[];
}

/**
 * `listings` (sorted by start) as one entry a program, in the order of each program's
 * first date, its dates grouped by `label` (the shown time of day). Linear in `listings`.
 */
export function printEntries(listings: Listing[], label: (l: Listing) => string): PrintEntry[] {
  const entries = new Map<Program, PrintEntry>();
  for (const listing of listings) {
    let entry = entries.get(listing.program);
    if (!entry) {
      entry = { program: listing.program, listings: [], times: [] };
      entries.set(listing.program, entry);
    }
    entry.listings.push(listing);
    const text = label(listing);
    const slot = entry.times.find((t) => t.label === text);
    if (slot) slot.listings.push(listing);
    else entry.times.push({ label: text, listings: [listing] });
  }
  return [...entries.values()];
}

export interface SignageClosure {
  /** ISO date. */
  date: string;
  /** Midnight of that day in the library's zone. */
  day: DateTime;
  /** The next midnight: the screen drops the notice then (`data-ends`). */
  ends: DateTime;
  reason?: string;
}

export interface SignageScreen {
  location: Location;
  /** Listings at the location that start today (or began earlier and have not ended). */
  today: Listing[];
  /**
   * The next listings after today, at most `SIGNAGE_NEXT`: more than a landscape screen
   * holds, so a portrait one is filled; the screen shows those that fit whole.
   */
  next: Listing[];
  /** Days the location is closed, from today to `SIGNAGE_CLOSURE_DAYS` ahead. */
  closures: SignageClosure[];
}

/** How many "next" listings a lobby screen is given after today's (it shows what fits). */
export const SIGNAGE_NEXT = 12;

/** How many days ahead a lobby screen announces the location's closed days. */
export const SIGNAGE_CLOSURE_DAYS = 14;

/**
 * The days `location` is closed from `today` (a midnight) for `days` days, in order: the
 * library's closed days (every location) and the location's own.
 */
export function closuresAhead(
  location: Location,
  libraryClosed: ClosedDay[],
  today: DateTime,
  days = SIGNAGE_CLOSURE_DAYS,
): SignageClosure[] {
  const out: SignageClosure[] = [];
  for (let i = 0; i < days; i++) {
    const day = today.plus({ days: i });
    const date = day.toISODate()!;
    const closed =
      libraryClosed.find((c) => c.date === date) ?? location.closed.find((c) => c.date === date);
    if (closed)
      out.push({
        date,
        day,
        ends: day.plus({ days: 1 }),
        ...(closed.reason && { reason: closed.reason }),
      });
  }
  return out;
}

/**
 * A lobby screen for each location: what is on today there, then what comes next, and the
 * days it is closed soon. In-person and hybrid programs only (a program without a location
 * is not in the building).
 */
export function signageScreens(
  upcoming: Listing[],
  locations: Location[],
  now: DateTime,
  zone: string,
  next = SIGNAGE_NEXT,
  libraryClosed: ClosedDay[] = [],
): SignageScreen[] {
  const today = now.setZone(zone).startOf("day");
  const tomorrow = today.plus({ days: 1 }).toMillis();
  const screens = new Map(
    locations.map((location) => [
      location.id,
      {
        location,
        today: [],
        next: [],
        closures: closuresAhead(location, libraryClosed, today),
      } as SignageScreen,
    ]),
  );
  for (const listing of upcoming) {
    const place = placeOf(listing.program);
    const screen = place ? screens.get(place) : undefined;
    if (!screen) continue;
    if (listing.occurrence.start.toMillis() < tomorrow) screen.today.push(listing);
    else if (screen.next.length < next) screen.next.push(listing);
  }
  return [...screens.values()];
}
