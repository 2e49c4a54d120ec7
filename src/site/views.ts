// Listings narrowed for the "finding programs" pages: by audience, category or location,
// and the quick views (today, this week, this weekend). Pure functions of the upcoming
// listings and the build's "now", so the pages can be tested without a build.
import type { DateTime } from "luxon";
import type { Listing, Program, Term } from "../content/model.ts";
import { placeOf } from "../content/assemble.ts";
import { firstDayOfWeek } from "./calendar.ts";
import { english, t, type Language } from "../i18n/strings.ts";

export type Facet = "audience" | "category" | "location";

/** Whether `program` belongs under `facet` = `id`. */
export function programHas(program: Program, facet: Facet, id: string): boolean {
  if (facet === "audience") return program.audiences.includes(id);
  if (facet === "category") return program.categories.includes(id);
  return placeOf(program) === id;
}

/** Upcoming listings of programs under `facet` = `id`, in the given (start) order. */
export function listingsFor(listings: Listing[], facet: Facet, id: string): Listing[] {
  return listings.filter((l) => programHas(l.program, facet, id));
}

export interface FacetCount {
  /** Programs with at least one upcoming occurrence. */
  programs: number;
  /** Upcoming occurrences, cancelled ones included (they are listed, marked). */
  occurrences: number;
}

/** Counts per id for an index page; every id in `terms` gets an entry, zero when empty. */
export function facetCounts(
  listings: Listing[],
  facet: Facet,
  terms: Pick<Term, "id">[],
): Map<string, FacetCount> {
  // One pass over the listings, not one a term: the index pages are rendered on every
  // `npm start` rebuild, and a catalogue has thousands of listings.
  const tally = new Map(terms.map((t) => [t.id, { programs: new Set<string>(), occurrences: 0 }]));
  for (const { program } of listings) {
    const place = facet === "location" ? placeOf(program) : undefined;
    const values =
      facet === "audience"
        ? program.audiences
        : facet === "category"
          ? program.categories
          : place === undefined
            ? []
            : [place];
    values.forEach((id, i) => {
      const term = tally.get(id);
      // A value named twice counts the listing once, as `listingsFor` finds it once.
      if (!term || values.indexOf(id) !== i) return;
      term.programs.add(program.id);
      term.occurrences++;
    });
  }
  const counts = new Map<string, FacetCount>();
  for (const [id, t] of tally)
    counts.set(id, { programs: t.programs.size, occurrences: t.occurrences });
  return counts;
}

export interface QuickView {
  /** `today`, `this-week` or `this-weekend`: the URL slug under `/programs/`. */
  id: "today" | "this-week" | "this-weekend";
  title: string;
  url: string;
  /** Start of the window (inclusive) in the library's zone. */
  from: DateTime;
  /** End of the window (exclusive). */
  to: DateTime;
  /** The window's last day (midnight), for "Saturday to Sunday". */
  last: DateTime;
  readonly listings: Listing[];
}

/**
 * Today, this week and this weekend as seen at `now` in the library's zone. A listing is
 * in a window when it is still upcoming and starts before the window ends (something that
 * began this morning and runs all day is "today"). The week starts on the locale's first
 * day; the weekend is the coming Saturday and Sunday (today included when it is one).
 */
export function quickViews(
  listings: Listing[],
  now: DateTime,
  zone: string,
  locale: string,
  lang: Language = english(locale),
): QuickView[] {
  const local = now.setZone(zone);
  const today = local.startOf("day");
  const first = firstDayOfWeek(locale);
  const weekStart = today.minus({ days: (today.weekday - first + 7) % 7 });
  const weekEnd = weekStart.plus({ days: 7 });
  const saturday =
    today.weekday === 7 ? today.minus({ days: 1 }) : today.plus({ days: 6 - today.weekday });
  const nowMs = local.toMillis();
  const window = (id: QuickView["id"], from: DateTime, to: DateTime): QuickView => {
    let within: Listing[] | undefined;
    return {
      id,
      title: t(`quickView.${id}`, lang),
      url: `/programs/${id}/`,
      from,
      to,
      last: to.minus({ days: 1 }),
      // Made when first read: the links to the views (on every listing page) need none.
      get listings() {
        if (within) return within;
        const [fromMs, toMs] = [from.toMillis(), to.toMillis()];
        const after = Math.max(fromMs, nowMs);
        return (within = listings.filter(
          (l) => l.occurrence.start.toMillis() < toMs && l.occurrence.end.toMillis() > after,
        ));
      },
    };
  };
  return [
    window("today", today, today.plus({ days: 1 })),
    window("this-week", weekStart, weekEnd),
    window("this-weekend", saturday, saturday.plus({ days: 2 })),
  ];
}

/** Distinct `YYYY-MM` months (library zone) of the upcoming occurrences of `program`. */
export function monthsOf(listings: Listing[], zone: string): string[] {
  const months = new Set<string>();
  for (const { occurrence } of listings) {
    const { start } = occurrence;
    const local = start.zoneName === zone ? start : start.setZone(zone);
    // `local.toFormat("yyyy-MM")`, without formatting (a long series has a hundred dates).
    months.add(`${local.year}-${String(local.month).padStart(2, "0")}`);
  }
  return [...months];
}
