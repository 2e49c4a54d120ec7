// Silences Eleventy's benchmark warnings (`[11ty] Benchmark 120ms 12% 60× (Configuration)
// "x" Nunjucks Filter`): Eleventy prints one whenever a filter or shortcode takes more than
// 8% of a build, which on a slow or busy machine any of them can. To staff such a line reads
// like a fault. Quiet mode does not reach them: the configuration's benchmarks get their own
// logger, made before quiet mode applies. Reaches into Eleventy's internals
// (`benchmarkManager`): test/library-patches.test.ts fails if an upgrade moves them. The
// benchmarks are still there for a developer: `DEBUG=Eleventy:Benchmark npm run build`.
import type UserConfig from "@11ty/eleventy/UserConfig";

interface BenchmarkManager {
  getAll(): Record<string, { setIsVerbose(verbose: boolean): void }>;
  setVerboseOutput(verbose: boolean): void;
}

export default function quietBenchmarksPlugin(eleventyConfig: UserConfig): void {
  const manager = (eleventyConfig as unknown as { benchmarkManager?: BenchmarkManager })
    .benchmarkManager;
  if (typeof manager?.getAll !== "function" || typeof manager.setVerboseOutput !== "function") {
    throw new Error(
      "[almanac/quiet-benchmarks] this Eleventy has no benchmarkManager with getAll and setVerboseOutput: update plugins/quiet-benchmarks.ts for it",
    );
  }
  // The groups made so far (the configuration's), and those made later.
  for (const group of Object.values(manager.getAll())) group.setIsVerbose(false);
  manager.setVerboseOutput(false);
}
