// The dates a program page lists (issue 16). A long series (four days a week for six
// months) has about a hundred upcoming dates, 140 bytes each on the page: listing them all
// put such pages over the 30 KB page budget. The page lists the next 14 (two weeks of a
// daily series, a season of a weekly one) and every
// cancelled date after them (a patron must see those), says how many more there are, and
// links the month calendars that hold them; the program's `.ics`, `/programs.json` and the
// explorer's data keep every date.
import { DateTime } from "luxon";
import type { Occurrence } from "../content/model.ts";
import type { LaterMonth } from "./listing-pages.ts";

/** How many upcoming dates a program page lists (cancelled ones after them are added). */
export const PAGE_DATES = 14;

/** How many of a page's dates show before its "more dates" disclosure. */
export const FIRST_DATES = 6;

export interface ProgramDates {
  /** Shown at once: the first `FIRST_DATES`. */
  first: Occurrence[];
  /** Behind "more dates": the rest of the next `PAGE_DATES`, then every later cancelled one. */
  more: Occurrence[];
  /** Upcoming dates the page does not list (none cancelled). */
  unlisted: number;
  /** The month calendars (`/calendar/YYYY/MM/`) that hold the unlisted dates, in order. */
  months: LaterMonth[];
}

/**
 * What a program page lists of `upcoming` (in order): see above. `zone` is the library's,
 * whose months the calendar pages are.
 */
export function programDates(
  upcoming: readonly Occurrence[],
  zone: string,
  limit = PAGE_DATES,
): ProgramDates {
  const listed = upcoming.filter((o, i) => i < limit || o.cancelled);
  const months = new Map<string, LaterMonth>();
  for (const o of upcoming.slice(limit)) {
    if (o.cancelled) continue;
    const local = o.start.zoneName === zone ? o.start : o.start.setZone(zone);
    const key = local.toFormat("yyyy-MM");
    if (months.has(key)) continue;
    const first = DateTime.fromObject({ year: local.year, month: local.month }, { zone });
    months.set(key, { key, url: `/calendar/${first.toFormat("yyyy/MM")}/`, first });
  }
  return {
    first: listed.slice(0, FIRST_DATES),
    more: listed.slice(FIRST_DATES),
    unlisted: upcoming.length - listed.length,
    months: [...months.values()],
  };
}
