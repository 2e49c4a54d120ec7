// Time as the explorer's data file writes it (src/outputs/explorer-data.ts): minutes since
// 1970 UTC, and wall-clock minutes in the library's zone ("local") through the zone's
// offsets the file carries. The explorer and the My plan page read the same file.

/** Minutes in a day. */
export const DAY = 1440;

const pad = (n) => String(n).padStart(2, "0");

/** `20261202T000000Z` of an instant (ms), as the site's calendar UIDs write it. */
export function utcBasic(ms) {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}

/** Day number -> "YYYY-MM-DD". */
export const isoDay = (day) => new Date(day * 86_400_000).toISOString().slice(0, 10);
/** "YYYY-MM-DD" -> day number. */
export const dayNumber = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** ISO 8601 of a wall-clock time with its offset, as the static pages write it (no seconds). */
export function isoTime(local, offset, zulu) {
  const date = new Date(local * 60_000).toISOString().slice(0, 16);
  if (zulu && offset === 0) return `${date}Z`;
  const abs = Math.abs(offset);
  return `${date}${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const HOURS_MINUTES = /^(\d{4}-\d\d-\d\dT)(\d\d:\d\d)(Z|[+-]\d\d:\d\d)$/;

/** A row's `data-ends` from its start's and end's `isoTime`s, as src/site/format.ts
 *  `isoEnd` writes it: "HH:MM" alone when the end is on the start's date at its offset. */
export function isoEnd(start, end) {
  const s = HOURS_MINUTES.exec(start);
  const e = HOURS_MINUTES.exec(end);
  return s && e && s[1] === e[1] && s[3] === e[3] ? e[2] : end;
}

/**
 * The library's zone from the file's `offsets` (`[from UTC minute, offset]`, sorted):
 * `offsetAt(utc)`, `toLocal(utc)`, `fromLocal(local)`.
 */
export function zoneClock(offsets) {
  const offsetAt = (utc) => {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid][0] <= utc) lo = mid;
      else hi = mid - 1;
    }
    return offsets[lo][1];
  };
  return {
    offsetAt,
    toLocal: (utc) => utc + offsetAt(utc),
    fromLocal: (local) => local - offsetAt(local - offsetAt(local)),
  };
}

/**
 * Calls `visit(start, end, ownOffset, endOffset, cancelled, fixed, i)` for each date of a
 * program of the file (`p.o` start deltas, `p.d` length, `p.dd` other lengths, `p.zo` dates
 * written with an offset of their own, `p.k` cancelled, `p.ad` all day): start and end in
 * UTC minutes, the offsets of its own zone (the library's unless `fixed`) at each.
 */
export function forEachDate(p, clock, visit) {
  const cancelled = new Set(p.k || []);
  const lengths = new Map(p.dd || []);
  const own = new Map(p.zo || []);
  let start = 0;
  p.o.forEach((delta, i) => {
    start = i === 0 ? delta : start + delta;
    const length = lengths.has(i) ? lengths.get(i) : p.d;
    const fixed = own.get(i);
    const ownOffset = fixed === undefined ? clock.offsetAt(start) : fixed;
    let end = start + length;
    if (p.ad) {
      const endOwn = start + ownOffset + length * DAY;
      end = fixed === undefined ? clock.fromLocal(endOwn) : endOwn - fixed;
    }
    const endOffset = fixed === undefined ? clock.offsetAt(end) : fixed;
    visit(start, end, ownOffset, endOffset, cancelled.has(i), fixed !== undefined, i);
  });
}
