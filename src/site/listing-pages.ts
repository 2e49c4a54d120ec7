// The pages of a listing (`/programs/` and its later pages, each audience's, category's and
// location's page) in windows of `listing_weeks` weeks, and the month calendars that hold
// the dates after the window (`Site.listingPages`, `Site.laterMonths`).
import { DateTime } from "luxon";
import type { Listing } from "../content/model.ts";
import { dayZoneOf } from "../content/assemble.ts";
import { groupByDay, withClosures, type DayGroup } from "./day-groups.ts";
import { dayKey, shortDate } from "./format.ts";
import type { Site } from "./site.ts";
import type { Facet } from "./views.ts";

/** A month calendar page that lists dates beyond the listing window. */
export interface LaterMonth {
  /** `YYYY-MM` */
  key: string;
  /** `/calendar/YYYY/MM/` */
  url: string;
  /** The first of the month at midnight in the library's zone. */
  first: DateTime;
}

/**
 * Weeks of dates a listing page shows when the library sets no `listing_weeks`: the first
 * page of `/programs/` (and of each audience, category and location) shows the next two
 * weeks, and numbered pages after it the weeks after those, so no page is endless.
 */
export const DEFAULT_LISTING_WEEKS = 2;

/**
 * How many later pages `/programs/` has on a library's own site: the next `listing_weeks`
 * weeks with dates after the first page's, for browsers without JavaScript. The dates after
 * them are on the month calendars its "Later dates" links (and in the explorer, the
 * calendar files and `programs.json`): later pages to the horizon held every date once more
 * in full rows, up to 13 MiB at 2,000 programs (issue 16). A consortium's site pages every
 * listing to its last date (CONSORTIUM_PAGE_LISTINGS).
 */
export const PROGRAMS_LATER_PAGES = 1;

/** One page of a listing: the first (`/programs/`) or a later one (`/programs/page/2/`). */
export interface ListingPage {
  /** 1 for the first page, then 2, 3, ... (windows without dates get no page). */
  number: number;
  url: string;
  /** URL of the first page of the same listing (`/programs/`, `/audiences/kids/`). */
  firstUrl: string;
  facet?: Facet;
  id?: string;
  /** First day of the window, midnight in the library's zone (today for the first page). */
  from: DateTime;
  /** End of the window (exclusive midnight). */
  to: DateTime;
  /** The window's last day. */
  last: DateTime;
  /** Its listings by day, with the closures of those days. */
  days: DayGroup[];
  /** What the listing is: "Upcoming programs", "Programs for Kids", "Eastside Branch". */
  heading: string;
  /** The audience's, category's or location's own name ("Kids"); empty for all programs. */
  label: string;
  /** The page's title: the heading, and the window for a later page ("..., Dec 12 – Dec 25"). */
  title: string;
}

/** `/programs/`, `/audiences/<id>/`, `/categories/<id>/`, `/locations/<id>/`. */
export function listingUrl(facet?: Facet, id?: string): string {
  if (!facet || !id) return "/programs/";
  const folder =
    facet === "audience" ? "audiences" : facet === "category" ? "categories" : "locations";
  return `/${folder}/${id}/`;
}

/**
 * Where a listing falls in listing windows (whole days of the library's zone), in ms: its
 * start, or for a consortium member's program in another zone its wall-clock start read
 * in the library's zone, so it is in the window of the day it is listed under.
 */
function windowMillis({ program, occurrence }: Listing, zone: string): number {
  const own = program.member ? dayZoneOf(program, zone) : zone;
  if (own === zone) return occurrence.start.toMillis();
  const { year, month, day, hour, minute, second } = occurrence.start.setZone(own);
  return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }).toMillis();
}

/**
 * Most dates a consortium's listing page holds. Its members' programs make a listing of
 * `listingWeeks` weeks hold thousands of dates (20 members of 1,000 programs: 2,000 and
 * more on two weeks of `/programs/`); a window with more is cut into pages of this many,
 * about what a busy library's own two weeks hold.
 */
export const CONSORTIUM_PAGE_LISTINGS = 200;

/** A listing page's window: from midnight `from` to midnight `to`, and its listings. */
interface ListingWindow {
  from: DateTime;
  to: DateTime;
  listings: Listing[];
}

/**
 * A window of a consortium's listing as pages of at most CONSORTIUM_PAGE_LISTINGS dates,
 * each from the day of its first date to the end of the day of its last (a day with more
 * dates than a page goes on over the next one, under the same day's heading).
 */
function splitWindow(w: ListingWindow, zone: string): ListingWindow[] {
  const size = CONSORTIUM_PAGE_LISTINGS;
  if (w.listings.length <= size) return [w];
  const dayOf = (l: Listing) => DateTime.fromMillis(windowMillis(l, zone), { zone }).startOf("day");
  const out: ListingWindow[] = [];
  for (let i = 0; i < w.listings.length; i += size) {
    const listings = w.listings.slice(i, i + size);
    const last = i + size >= w.listings.length;
    out.push({
      from: i === 0 ? w.from : dayOf(listings[0]!),
      to: last ? w.to : dayOf(listings[listings.length - 1]!).plus({ days: 1 }),
      listings,
    });
  }
  return out;
}

export function listingPages(
  site: Site,
  listings: Listing[],
  facet?: Facet,
  id?: string,
): ListingPage[] {
  const zone = site.library.timezone;
  const weeks = site.listingWeeks;
  const consortium = !!site.library.consortium;
  const today = site.now.setZone(zone).startOf("day");
  // Listings into windows of `weeks` weeks (wall-clock, so DST never shifts a boundary).
  let windows: ListingWindow[] = [{ from: today, to: today.plus({ weeks }), listings: [] }];
  let current = windows[0]!;
  let end = current.to.toMillis();
  for (const listing of listings) {
    const start = windowMillis(listing, zone);
    if (start >= end) {
      if (facet && !consortium) break; // one page
      if (!consortium && windows.length > PROGRAMS_LATER_PAGES) break; // the rest: months
      // Jump over empty windows without making them (a date years ahead is one step).
      const skip = Math.max(0, Math.floor((start - end) / (weeks * 7 * 86_400_000)) - 1);
      let from = current.to.plus({ weeks: weeks * skip });
      let to = from.plus({ weeks });
      while (start >= to.toMillis()) {
        from = to;
        to = from.plus({ weeks });
      }
      current = { from, to, listings: [] };
      windows.push(current);
      end = to.toMillis();
    }
    current.listings.push(listing);
  }
  if (consortium) windows = windows.flatMap((w) => splitWindow(w, zone));
  const closed = site.closedDays(facet === "location" ? id : undefined);
  const first = listingUrl(facet, id);
  const heading = listingHeading(site, facet, id);
  const locale = site.lang.locale;
  const label =
    facet === "audience"
      ? (site.audience(id!)?.label ?? "")
      : facet === "category"
        ? (site.category(id!)?.label ?? "")
        : facet === "location"
          ? (site.location(id)?.name ?? "")
          : "";
  return windows.map((w, i) => ({
    heading,
    label,
    title:
      i === 0
        ? heading
        : site.t("listing.pageTitle", {
            heading,
            from: shortDate(w.from, locale),
            to: shortDate(w.to.minus({ days: 1 }), locale),
          }),
    number: i + 1,
    url: i === 0 ? first : `${first}page/${i + 1}/`,
    firstUrl: first,
    ...(facet && id && { facet, id }),
    from: w.from,
    to: w.to,
    last: w.to.minus({ days: 1 }),
    days: withClosures(groupByDay(w.listings, zone), closed, dayKey(w.from), dayKey(w.to), zone),
  }));
}

/** What a listing is: "Upcoming programs", "Programs for Kids", "Eastside Branch". */
export function listingHeading(site: Site, facet?: Facet, id?: string): string {
  if (facet === "audience")
    return site.t("listing.forAudience", { label: site.audience(id!)?.label ?? id });
  if (facet === "category")
    return site.t("listing.forCategory", { label: site.category(id!)?.label ?? id });
  if (facet === "location") return site.location(id)?.name ?? id!;
  return site.t("title.programs");
}

/**
 * The months (`/calendar/YYYY/MM/` pages) that hold `listings` after the listing window
 * (which ends at `listingEnd`), in order.
 */
export function laterMonths(listings: Listing[], listingEnd: DateTime, zone: string): LaterMonth[] {
  const end = listingEnd.toMillis();
  const months = new Map<string, LaterMonth>();
  for (const listing of listings) {
    const { program, occurrence } = listing;
    if (windowMillis(listing, zone) < end) continue;
    // Occurrences are already in the library's zone (unless written with an offset):
    // reading their fields costs nothing, a setZone/startOf per listing would cost an
    // Intl offset look-up each, thousands of times per page.
    const start = occurrence.start;
    const own = program.member ? dayZoneOf(program, zone) : zone;
    const local = start.zoneName === own ? start : start.setZone(own);
    const key = `${local.year}-${String(local.month).padStart(2, "0")}`;
    if (!months.has(key)) {
      const first = DateTime.fromObject({ year: local.year, month: local.month }, { zone });
      months.set(key, { key, url: `/calendar/${first.toFormat("yyyy/MM")}/`, first });
    }
  }
  return [...months.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}
