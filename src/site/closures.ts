// The library's closed days as listings show them: the whole library's and each
// location's, by date (`Site.closuresOn`, `Site.closedDays`).
import type { ClosedDay, Library, Location } from "../content/model.ts";
import type { Closure } from "./day-groups.ts";
import type { Site } from "./site.ts";

/**
 * A closed place as listings name it: its name, and on a consortium's site a member's place
 * with its library's ("Central Library (Maple Hollow Public Library)"): members' places
 * often share names.
 */
function closureName(loc: Location | undefined): string | undefined {
  return loc?.member ? `${loc.name} (${loc.member.name})` : loc?.name;
}

/** Every closure by ISO date: the whole library's (no `name`), and each location's own. */
export function closuresByDate(library: Library): Map<string, Closure[]> {
  const byDate = new Map<string, Closure[]>();
  const add = (day: string, entry: Closure) => {
    let list = byDate.get(day);
    if (!list) byDate.set(day, (list = []));
    list.push(entry);
  };
  const reason = (c: ClosedDay): Closure => ({
    reason: c.reason,
    ...(c.lang && { reasonLang: c.lang }),
  });
  for (const c of library.closed) add(c.date, reason(c));
  for (const loc of library.locations) {
    for (const c of loc.closed) {
      if (!library.closed.some((all) => all.date === c.date)) {
        add(c.date, {
          name: closureName(loc),
          ...(loc.lang && { nameLang: loc.lang }),
          ...reason(c),
        });
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
      .filter(
        (c) => !location || c.name === undefined || c.name === closureName(site.location(location)),
      ),
  }));
}
