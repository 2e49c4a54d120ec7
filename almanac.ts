// Almanac's programmatic entry: a build of a library with Almanac's own Eleventy
// configuration. The command line (`cli/`), the benchmark and the tests build through
// `buildSite`; the logic lives in `src/` (which imports neither this file nor the config
// nor `plugins/`), the wiring in `plugins/` and `eleventy.config.ts`.
import almanacConfig, { config } from "./eleventy.config.ts";
import { runBuild, type BuildOptions, type BuildResult } from "./src/build/build.ts";
import { startPreview, type Preview, type PreviewOptions } from "./src/build/preview.ts";

export { APP_DIR, type BuildOptions, type BuildResult } from "./src/build/build.ts";
export type { Preview, PreviewOptions, RunReport } from "./src/build/preview.ts";

/** Builds the library at `options.root` (default: the current folder) into its output. */
export function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  return runBuild({ configure: almanacConfig, ...config }, options);
}

/** `npm start`: builds, serves and rebuilds the library at `options.root` until closed. */
export function previewSite(options: PreviewOptions = {}): Promise<Preview> {
  return startPreview({ configure: almanacConfig, ...config }, options);
}
