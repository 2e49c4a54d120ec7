// A patron's plan as this browser keeps it (localStorage, `almanac:my-plan`): the Save
// buttons (plan.js) write it, the My plan page (my-plan.js) reads and edits it. Nothing is
// sent anywhere.
//
// Entries are keyed `<program id>@<start in UTC, 20261202T000000Z>` for one date (the
// middle of the UID the site's calendars give that date) and `<program id>` for a whole
// program.
import { utcBasic } from "./time.js";

export const STORE = "almanac:my-plan";
/** More than anyone plans; keeps a runaway store (or a hostile share link) small. */
export const MAX_ENTRIES = 500;
const KEY = /^[a-z0-9][a-z0-9-]{0,99}(@\d{8}T\d{6}Z)?$/;

/** The key of a date (`startMs` given) or of a whole program. */
export function keyOf(id, startMs) {
  return startMs === undefined ? id : `${id}@${utcBasic(startMs)}`;
}

export const validKey = (key) => typeof key === "string" && KEY.test(key);

/** `{ id, start }` of a key: `start` in ms, undefined for a whole program. */
export function parseKey(key) {
  const [id, basic] = key.split("@");
  if (!basic) return { id, start: undefined };
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(basic);
  return { id, start: Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) };
}

/**
 * The saved entries, `{ k, t, w? }` (key, title, and the date as the page showed it),
 * in the order they were saved. Anything unreadable counts as nothing saved.
 */
export function readPlan(storage) {
  try {
    const data = JSON.parse(storage.getItem(STORE) || "null");
    if (!data || data.v !== 1 || !Array.isArray(data.items)) return [];
    return data.items
      .filter((e) => e && validKey(e.k) && typeof e.t === "string")
      .slice(0, MAX_ENTRIES)
      .map((e) => ({
        k: e.k,
        t: e.t.slice(0, 300),
        ...(typeof e.w === "string" && { w: e.w.slice(0, 200) }),
      }));
  } catch {
    return [];
  }
}

/** Stores `entries` (none: removes the key). False when the browser refused. */
export function writePlan(storage, entries) {
  try {
    if (!entries.length) storage.removeItem(STORE);
    else storage.setItem(STORE, JSON.stringify({ v: 1, items: entries.slice(0, MAX_ENTRIES) }));
    return true;
  } catch {
    return false;
  }
}

/** This browser's localStorage, or undefined when there is none or it is turned off. */
export function planStorage() {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
