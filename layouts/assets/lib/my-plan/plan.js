// A patron's plan against the explorer's data (data.js `decodeData`): each entry kept,
// cancelled, moved, past or gone; and the share links of a plan (`/my-plan/?p=...`).
import { MAX_ENTRIES, parseKey, validKey } from "../plan-store.js";

/** The keys of a share link's query (`?p=a@20261202T000000Z,b`): valid ones, once each. */
export function sharedKeys(search) {
  const value = new URLSearchParams(search).get("p");
  if (value === null) return undefined;
  return [...new Set(value.split(",").filter(validKey))].slice(0, MAX_ENTRIES);
}

/**
 * The share link of `keys` on `page`, the address of the My plan page it is made on
 * (origin and path: a plan shared from `/es/my-plan/` opens in Spanish, and a site
 * published under a folder keeps it). `@` and `,` need no escaping in a query.
 */
export function shareUrl(page, keys) {
  return `${page}?p=${keys.join(",")}`;
}

/**
 * One row of the page per entry, in date order (then title):
 * - `state`: `ok`, `cancelled` (the date, or the whole program), `moved` (the saved date
 *   is not in the data any more, but is still ahead: `next` is the program's next date),
 *   `past` (it has ended), `gone` (the program has no upcoming date in the data: removed,
 *   or over);
 * - `date`: the saved date (one date) or the next one (a whole program, `more` after it);
 * - `dates`: what the calendar file gets (the date; every upcoming date of a program).
 * Without `model` (the data did not load) every row is `unchecked`.
 */
export function resolvePlan(entries, model, nowMs, tr) {
  const now = Math.floor(nowMs / 60_000);
  const rows = entries.map((entry) => {
    const { id, start } = parseKey(entry.k);
    const startMin = start === undefined ? undefined : Math.floor(start / 60_000);
    const base = { key: entry.k, id, title: entry.t, saved: entry.w, whole: start === undefined };
    const sortBy = (minute) => ({ ...base, sort: minute ?? Infinity });
    if (!model) return { ...sortBy(startMin), state: "unchecked", dates: [] };
    const program = model.programs.get(id);
    if (!program) {
      const state = startMin !== undefined && startMin < now ? "past" : "gone";
      return { ...sortBy(startMin), state, dates: [] };
    }
    const named = { ...base, title: program.title, program };
    const upcoming = program.dates.filter((d) => d.end > now);
    const cancelledProgram = program.badge === tr("badge.cancelled");
    if (start === undefined) {
      const next = upcoming.find((d) => !d.cancelled) || upcoming[0];
      if (!next) return { ...named, sort: Infinity, state: "gone", dates: [] };
      return {
        ...named,
        sort: next.start,
        state: cancelledProgram ? "cancelled" : "ok",
        date: next,
        more: upcoming.length - 1,
        dates: upcoming,
      };
    }
    const date = program.dates.find((d) => d.start === startMin);
    if (date && date.end <= now) return { ...named, sort: startMin, state: "past", dates: [] };
    if (date) {
      const state = date.cancelled || cancelledProgram ? "cancelled" : "ok";
      return { ...named, sort: startMin, state, date, dates: [date] };
    }
    if (startMin < now) return { ...named, sort: startMin, state: "past", dates: [] };
    const next = upcoming.find((d) => !d.cancelled);
    return { ...named, sort: startMin, state: "moved", next, dates: [] };
  });
  return rows.sort(
    (a, b) => a.sort - b.sort || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
}
