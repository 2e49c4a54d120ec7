// The build collects its garbage once every page is written (src/build/memory.ts), so the
// memory rendering used is back before Pagefind writes its index: the collection must be
// real whether or not Node was started with --expose-gc.
import { GCProfiler } from "node:v8";
import { describe, expect, it } from "vitest";
import { COLLECT_ABOVE_BYTES, collectGarbage, collectGarbageIfLarge } from "../src/build/memory.ts";

/** A turn of the event loop: a WeakRef's target is kept alive until the job that made it ends. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("collectGarbage", () => {
  it("collects an object nothing refers to, now", async () => {
    const refs = Array.from({ length: 8 }, () => new WeakRef({ payload: "x".repeat(1_000) }));
    await nextTurn();
    collectGarbage();
    expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  });

  it("gives back the pages it frees, even when what stays alive is spread over all of them", () => {
    // One object in six stays: every heap page keeps some live object, so a collection
    // that does not compact frees the garbage but keeps nearly every page (about 5.7 times
    // the live heap here, against 1.5 times after compacting).
    const kept: object[] = [];
    let junk: object[] | undefined = [];
    for (let i = 0; i < 1_500_000; i++) {
      const o = { a: `x${i}`, b: [i, i + 1] };
      if (i % 6 === 0) kept.push(o);
      else junk.push(o);
    }
    junk = undefined;
    collectGarbage();
    const { heapTotal, heapUsed } = process.memoryUsage();
    expect(heapTotal / heapUsed).toBeLessThan(2.5);
    expect(kept).toHaveLength(250_000);
  });

  it("keeps what is still referred to", async () => {
    const kept = { payload: "kept" };
    const ref = new WeakRef(kept);
    await nextTurn();
    collectGarbage();
    collectGarbage(); // a second call reuses the function it found
    expect(ref.deref()).toBe(kept);
  });
});

describe("collectGarbageIfLarge", () => {
  /** The kinds of collection V8 ran during `work`. */
  function collectionsDuring(work: () => void): string[] {
    const profiler = new GCProfiler();
    profiler.start();
    work();
    return profiler.stop().statistics.map((s: { gcType: string }) => s.gcType);
  }

  it("collects when Node's resident size is over the limit, and not under it", () => {
    const rss = process.memoryUsage.rss();
    let collected: boolean | undefined;
    // Half of it, not a byte under: the resident size can shrink between the two reads (the
    // earlier tests' freed pages go back to the system by themselves), and did in a CI run.
    expect(collectionsDuring(() => (collected = collectGarbageIfLarge(rss / 2)))).toContain(
      "MarkSweepCompact",
    );
    expect(collected).toBe(true);
    expect(
      collectionsDuring(() => (collected = collectGarbageIfLarge(rss + 2 ** 30))),
    ).not.toContain("MarkSweepCompact");
    expect(collected).toBe(false);
  });
});
