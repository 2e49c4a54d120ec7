// The library's closed days as listings show them: the whole library's and each
// location's, by date (`Site.closuresOn`, `Site.closedDays`).
import type { Library } from "../content/model.ts";
import type { Closure } from "./day-groups.ts";
import type { Site } from "./site.ts";

/** Every closure by ISO date: the whole library's (no `name`), and each location's own. */
export function closuresByDate(library: Library): Map<string, Closure[]> {
  const byDate = new Map<string, Closure[]>();
  const add = (day: string, entry: Closure) => {
    let list = byDate.get(day);
    if (!list) byDate.set(day, (list = []));
    list.push(entry);
  };
  for (const c of library.closed) add(c.date, { reason: c.reason });
  for (const loc of library.locations) {
    for (const c of loc.closed) {
      if (!library.closed.some((all) => all.date === c.date)) {
        add(c.date, { name: loc.name, reason: c.reason });
      }
    }
  }
  return byDate;
}

/**
 * Closed days by date, sorted: every closure (the whole library's and each location's),
 * or, for one location, the library's and that location's own.
 */
export function closedDays(site: Site, location?: string): { date: string; closures: Closure[] }[] {
  const dates = new Set(site.library.closed.map((c) => c.date));
  for (const loc of site.library.locations)
    if (!location || loc.id === location) for (const c of loc.closed) dates.add(c.date);
  return [...dates].sort().map((date) => ({
    date,
    closures: site
      .closuresOn(date)
      .filter((c) => !location || c.name === undefined || c.name === site.location(location)?.name),
  }));
}
