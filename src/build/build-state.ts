// What a build is working on, shared between the CLI that starts Eleventy and the plugins
// Eleventy loads from `eleventy.config.ts` in the same process.
import path from "node:path";
import type { Catalogue } from "../content/model.ts";
import type { Site } from "../site/site.ts";

export interface BuildState {
  /** Folder holding the library's `content/` and `_data/library.yaml`. */
  root: string;
  /** A catalogue already loaded and validated by the CLI, used once instead of reloading. */
  preloaded?: Catalogue;
  /** The site being built, once the content plugin has made it (the search index reads it). */
  site?: Site;
}

const state: BuildState = { root: path.resolve(process.env.ALMANAC_ROOT ?? process.cwd()) };

export function buildState(): BuildState {
  return state;
}

export function setBuildState(next: Partial<BuildState>): void {
  Object.assign(state, next);
}
