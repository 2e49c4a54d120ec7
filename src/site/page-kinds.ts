// The paginated page kinds (`site.render.*`), and how a run that renders only some pages
// (src/build/page-plan.ts) names one page of each.
import type { CalendarMonth } from "./calendar.ts";
import type { PrintMonth, SignageScreen } from "../staff/staff-pages.ts";

/**
 * The paginated page kinds, each by the list its template paginates over (`site.render.*`)
 * and the id of one page in it. A run may render only some pages of each
 * (src/build/page-plan.ts).
 */
export const PAGE_KINDS = [
  "programs",
  "partners",
  "guides",
  "pages",
  "audiences",
  "categories",
  "locations",
  "calendarMonths",
  "printMonths",
  "quickViews",
  "signageScreens",
] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** Which pages a run renders, by kind, as ids (`pageId`); a kind left out: every page. */
export type RenderedItems = Partial<Record<PageKind, ReadonlySet<string>>>;

/** The id of one page of a kind, as `RenderedItems` name it. */
export function pageId(kind: PageKind, page: unknown): string {
  switch (kind) {
    case "calendarMonths":
      return (page as CalendarMonth).url;
    case "printMonths":
      return (page as PrintMonth).key;
    case "signageScreens":
      return (page as SignageScreen).location.id;
    default:
      return (page as { id: string }).id;
  }
}
