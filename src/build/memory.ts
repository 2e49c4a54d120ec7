// A full garbage collection on demand, for the one moment a build knows most of its heap is
// garbage: every page is written (plugins/release-pages.ts let each go), and the outputs
// and Pagefind's index writing, the peak of the build's process tree, are about to start.
// V8 collects when its heap reaches a limit it sets at a few times what was live at the last
// collection, so without this Node still holds the garbage of rendering (at 5,000 programs
// about 900 MiB of RSS for some 300 MiB live) while Pagefind's process grows from about
// 130 to 450-550 MiB to write the index (docs/performance.md, "Peak memory at 5,000 programs").
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let gc: (() => void) | undefined;

/**
 * Runs a full collection now, whether or not Node was started with `--expose-gc` (the flag,
 * set at run time, gives a new context its `gc` function), and compacts the heap while at
 * it: what stays alive (the catalogue, Eleventy's page data) is spread over pages that are
 * mostly garbage, and V8 moves objects off a page, so that it can give the page back to the
 * system, only for the few pages its heuristics pick. Compacting them all gives back most of
 * what the collection freed (in a small test, RSS 450 MiB after a plain collection, 160
 * after a compacting one, 70 MiB live). At 5,000 programs both collections took 3.2 s
 * of wall time on a busy machine (load 10).
 */
export function collectGarbage(): void {
  if (!gc) {
    const global = globalThis as { gc?: () => void };
    if (typeof global.gc === "function") {
      gc = global.gc;
    } else {
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc") as () => void;
    }
  }
  // A plain collection first: the pages it empties go back before the compacting one
  // needs room to move what is alive (in the test, 64 MiB more at the peak instead of 131).
  gc();
  setFlagsFromString("--compact-on-every-full-gc");
  try {
    gc();
  } finally {
    setFlagsFromString("--no-compact-on-every-full-gc");
  }
}

/**
 * Above this resident size (Node's own), the pages' garbage is collected before the outputs
 * start. Below it the process tree stays far from 1 GiB whatever Pagefind adds while it
 * writes (its process reaches about 200 MiB at 2,000 programs, where Node is at about
 * 330 MiB here and the tree peaks near 510), and the collection only costs time: at 2,000
 * programs 0.27 to 0.28 s on the outputs' critical path, and Node's RSS after it was *higher*
 * (334 -> 422, 332 -> 388 MiB: compacting needs room). At 5,000 programs Node is at 470 to
 * 490 MiB, and without the collection the tree peaked at 1,061 MiB against 947 to 949 with
 * it (docs/performance.md, "gc12").
 */
export const COLLECT_ABOVE_BYTES = 400 * 2 ** 20;

/**
 * `collectGarbage()` when Node's resident size is over `limit`; says whether it collected.
 */
export function collectGarbageIfLarge(limit = COLLECT_ABOVE_BYTES): boolean {
  if (process.memoryUsage.rss() <= limit) return false;
  collectGarbage();
  return true;
}

/** Builds running now in this process (tests, a library's own scripts run several). */
let growing = 0;

/**
 * Runs `work` with V8 growing its heap by half of what was live at the last collection,
 * where it otherwise picks up to four times: a build allocates fast and keeps little, so
 * V8 let its heap reach about 1 GiB of RSS at 5,000 programs for some 300 MiB live. With
 * 1.5 times, the same build peaked at 640 MiB before its pages were all written, for the
 * same CPU time within the noise (docs/performance.md, "Peak memory at 5,000 programs").
 * Only more collections, never a limit: a larger catalogue gets the heap it needs. Back to
 * V8's own choice when the last build running ends.
 */
export async function withSmallHeapGrowth<T>(work: () => Promise<T>): Promise<T> {
  if (growing++ === 0) setFlagsFromString("--heap-growing-percent=50");
  try {
    return await work();
  } finally {
    if (--growing === 0) setFlagsFromString("--heap-growing-percent=0");
  }
}
