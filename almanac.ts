// Almanac's programmatic entry: a build of a library with Almanac's own Eleventy
// configuration. The command line (`cli/`), the benchmark and the tests build through
// `buildSite`; the logic lives in `src/` (which imports neither this file nor the config
// nor `plugins/`), the wiring in `plugins/` and `eleventy.config.ts`.
import almanacConfig, { config } from "./eleventy.config.ts";
import { runBuild, type BuildOptions, type BuildResult } from "./src/build/build.ts";

export { APP_DIR, type BuildOptions, type BuildResult } from "./src/build/build.ts";

/** Builds the library at `options.root` (default: the current folder) into its output. */
export function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  return runBuild({ configure: almanacConfig, ...config }, options);
}
