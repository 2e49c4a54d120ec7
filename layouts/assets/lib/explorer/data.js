// The explorer's data file (src/outputs/explorer-data.ts), expanded once: one row per
// occurrence, sorted by start then title (as the static pages sort), in typed arrays kept
// out of the garbage collector's way.
import { forEachDate, zoneClock } from "../time.js";

/** Flags of an occurrence. */
export const CANCELLED = 1;
export const FIXED = 2;

/**
 * The data, expanded: `data` (the file; each program's dates are dropped once read, its
 * facts are all the page keeps of it), `clock` (the library's zone), `minOffset`, the
 * columns `START`, `END` (UTC minutes), `START_LOCAL`, `END_LOCAL` (library-zone wall
 * clock), `OWN_START`, `OWN_END`, `OWN_OFFSET`, `END_OFFSET` (its own zone's wall clock
 * and offsets: its program's), `PROGRAM` (index), `FLAGS`, and `index` (id -> position of
 * each audience, category, location, language and access feature).
 */
export function expandData(json) {
  const clock = zoneClock(json.offsets);
  const n = json.programs.reduce((sum, p) => sum + p.o.length, 0);
  const raw = Array.from({ length: 8 }, () => new Float64Array(n));
  const [start0, end0, startLocal0, endLocal0, ownStart0, ownEnd0, ownOffset0, endOffset0] = raw;
  const program0 = new Int32Array(n);
  const flags0 = new Uint8Array(n);
  let row = 0;
  json.programs.forEach((p, pi) => {
    forEachDate(p, clock, (start, end, ownOffset, endOffset, cancelled, fixed) => {
      start0[row] = start;
      end0[row] = end;
      startLocal0[row] = clock.toLocal(start);
      endLocal0[row] = clock.toLocal(end);
      ownStart0[row] = start + ownOffset;
      ownEnd0[row] = end + endOffset;
      ownOffset0[row] = ownOffset;
      endOffset0[row] = endOffset;
      program0[row] = pi;
      flags0[row] = (cancelled ? CANCELLED : 0) | (fixed ? FIXED : 0);
      row++;
    });
    delete p.o;
  });
  // Start, then the program's place in the (title-sorted) list, as the static pages sort.
  const SPAN = 2 ** 21;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = start0[i] * SPAN + i;
  keys.sort();
  const order = Int32Array.from(keys, (key) => key % SPAN);
  const sorted = (column, Type = Float64Array) => Type.from(order, (i) => column[i]);
  const [START, END, START_LOCAL, END_LOCAL, OWN_START, OWN_END, OWN_OFFSET, END_OFFSET] = raw.map(
    (c) => sorted(c),
  );
  const ids = (list) => new Map(list.map((item, i) => [item.id ?? item[0], i]));
  return {
    data: json,
    clock,
    minOffset: Math.min(...json.offsets.map((o) => o[1])),
    START,
    END,
    START_LOCAL,
    END_LOCAL,
    OWN_START,
    OWN_END,
    OWN_OFFSET,
    END_OFFSET,
    PROGRAM: sorted(program0, Int32Array),
    FLAGS: sorted(flags0, Uint8Array),
    index: {
      audience: ids(json.audiences),
      category: ids(json.categories),
      location: ids(json.locations),
      language: ids(json.languages),
      access: ids(json.access),
    },
  };
}

/** Occurrence `i` of `ex` (`expandData`) as the listing prints it. */
export function occurrence(ex, i) {
  return {
    p: ex.PROGRAM[i],
    startLocal: ex.START_LOCAL[i],
    ownStart: ex.OWN_START[i],
    ownEnd: ex.OWN_END[i],
    ownOffset: ex.OWN_OFFSET[i],
    endOffset: ex.END_OFFSET[i],
    cancelled: (ex.FLAGS[i] & CANCELLED) !== 0,
    fixed: (ex.FLAGS[i] & FIXED) !== 0,
  };
}
