// One benchmark build in a fresh process, so each build's memory is its own and builds do not
// warm each other's caches. `bench/run.ts` compiles it as `npm run build` is compiled
// (scripts/bundle.mjs: plain Node, no tsx loader) and starts it, for ours and the baseline:
//   node <bundle of bench/child.ts> ours <root> <output>
//   node <bundle of bench/child.ts> baseline <input> <output>
// and reads the last stdout line, `BENCH_RESULT {json}`. (`node --import tsx bench/child.ts`
// runs it from source, for profiling.)
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Eleventy from "@11ty/eleventy";
import { buildBaseline, runPagefind } from "./baseline.ts";

export interface ChildResult {
  mode: "ours" | "baseline";
  totalMs: number;
  /** Reading and validating the content before Eleventy starts (ours only). */
  loadMs?: number;
  /** Eleventy rendering and writing. */
  eleventyMs: number;
  /** Pagefind (for ours: the `eleventy.after` phase, or a bench-run Pagefind, see pagefindBy). */
  pagefindMs: number;
  /** `plugin`: Pagefind ran inside the build; `bench`: the build had none, the bench ran it. */
  pagefindBy: "plugin" | "bench";
  /** This node process's own peak RSS, KiB. */
  maxRssKiB: number;
}

/**
 * Records when Eleventy starts and when its `eleventy.after` handlers start, without touching
 * the build code: `afterBuild` is emitted right before `eleventy.after`.
 */
function instrumentEleventy(marks: { init?: number; after?: number }): void {
  const proto = (Eleventy as unknown as { prototype: Record<string, unknown> }).prototype;
  const init = proto.init as (this: unknown, ...a: unknown[]) => Promise<unknown>;
  proto.init = async function (
    this: { config: { events: NodeJS.EventEmitter } },
    ...args: unknown[]
  ) {
    marks.init ??= performance.now();
    const out = await init.apply(this, args);
    this.config.events.on("afterBuild", () => {
      marks.after = performance.now();
    });
    return out;
  };
}

async function ours(root: string, output: string): Promise<ChildResult> {
  const marks: { init?: number; after?: number } = {};
  instrumentEleventy(marks);
  const t0 = performance.now();
  // Imported here so the instrumentation is in place first.
  const { buildSite } = await import("../almanac.ts");
  const tImport = performance.now();
  const result = await buildSite({ root, output });
  const t1 = performance.now();
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result.problems.slice(0, 5))}`);
  const errors = result.problems.filter((p) => p.severity === "error");
  if (errors.length) throw new Error(`build reported errors`);
  const init = marks.init ?? tImport;
  const after = marks.after ?? t1;
  let pagefindMs = t1 - after;
  let pagefindBy: ChildResult["pagefindBy"] = "plugin";
  let totalMs = t1 - t0;
  if (!existsSync(path.join(output, "pagefind"))) {
    // No search plugin in this build yet: index the output the same way the baseline does,
    // so the totals compare like with like.
    const p0 = performance.now();
    await runPagefind(output);
    pagefindMs = performance.now() - p0;
    pagefindBy = "bench";
    totalMs += pagefindMs;
  }
  return {
    mode: "ours",
    totalMs,
    loadMs: init - tImport,
    eleventyMs: after - init,
    pagefindMs,
    pagefindBy,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
}

async function baseline(input: string, output: string): Promise<ChildResult> {
  const t0 = performance.now();
  const times = await buildBaseline(input, output);
  return {
    mode: "baseline",
    totalMs: performance.now() - t0,
    eleventyMs: times.eleventyMs,
    pagefindMs: times.pagefindMs,
    pagefindBy: "bench",
    maxRssKiB: process.resourceUsage().maxRSS,
  };
}

const [mode, dir, output] = process.argv.slice(2);
if (!dir || !output || (mode !== "ours" && mode !== "baseline")) {
  console.error("usage: child.ts ours|baseline <root-or-input> <output>");
  process.exit(2);
}
const result = mode === "ours" ? await ours(dir, output) : await baseline(dir, output);
console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
