// One build, as an object: the library root, the build's "now", the catalogue and the site
// view over it, the images, the search index, and the two ordered pipelines (what is
// prepared before Eleventy renders, and what is written after the pages). `buildSite`
// makes one per build and hands it to every plugin as its `build` option; under
// `npm start` the Eleventy config makes one for the session and each rebuild starts a new
// run of it. Nothing about a build lives in module state, so builds in one process (tests,
// the benchmark) never see each other's data.
//
// Plugins register named steps; the order they run in is declared here, once, and not by
// the order plugins happen to be registered in:
//
//   prepare  content -> marker -> images, assets   (before Eleventy reads its data)
//   outputs  data-files, explorer-data, feed, robots, manifest, sitemap, headers, search-index
//            -> service-worker
//
// Steps of one stage run at once; a stage starts when the one before it has finished.
import path from "node:path";
import type { DateTime } from "luxon";
import { loadCatalogue } from "../content/catalogue.ts";
import type { Catalogue } from "../content/model.ts";
import { formatProblems } from "../content/problems.ts";
import type { ImageStats, SiteImages } from "../images/site-images.ts";
import type { PrecachePlan } from "../offline/service-worker.ts";
import type { DataFilesReport } from "../outputs/data-files.ts";
import { Site } from "../site/site.ts";
import { ContentError } from "../content/problems.ts";

/** What is prepared before rendering, stage by stage (`content` is the build's own). */
export const PREPARE_STAGES = [["marker"], ["images", "assets"]] as const;

/**
 * What is written after the pages, stage by stage. The service worker comes last: it lists
 * and hashes the files of all the others (Pagefind's names change with every index).
 */
export const OUTPUT_STAGES = [
  [
    "data-files",
    "explorer-data",
    "feed",
    "robots",
    "manifest",
    "sitemap",
    "headers",
    "search-index",
    "editor",
  ],
  ["service-worker"],
] as const;

export type PrepareStepName = (typeof PREPARE_STAGES)[number][number];
export type OutputStepName = (typeof OUTPUT_STAGES)[number][number];

/** What Eleventy tells `eleventy.before` and `eleventy.after` listeners (the parts we read). */
export interface BuildEvent {
  directories: { output: string };
  /** `eleventy.after`: every page written, with the data values selected for it. */
  results?: WrittenResult[];
  /** `fs` for a build that writes files; `json` or `ndjson` for `--to=json`. */
  outputMode?: string;
  /** A partial rebuild under `npm start` (only some pages were rendered). */
  incremental?: boolean;
}

export interface WrittenResult {
  url?: string | false;
  outputPath?: string | false;
  content?: string;
  data?: Record<string, unknown>;
}

export type BuildStep = (event: BuildEvent) => Promise<unknown> | unknown;

/** Figures of the last run, for the CLI, tests and the benchmark. */
export interface BuildStats {
  /** Image work (`plugins/images.ts`). */
  images?: ImageStats;
  /** Calendars and `programs.json` written (`plugins/feeds.ts`). */
  dataFiles?: DataFilesReport;
  /** What `/sw.js` precaches (`plugins/offline.ts`). */
  precache?: PrecachePlan & { buildId: string };
}

export interface BuildInit {
  /** Folder holding the library's `content/` and `_data/library.yaml`. */
  root: string;
  /** Environment over `process.env` (`ALMANAC_NOW`, `ALMANAC_SEARCH`, `ALMANAC_OFFLINE`). */
  env?: NodeJS.ProcessEnv;
  /** The build's "now"; overrides `ALMANAC_NOW` (tests). */
  now?: DateTime;
  /** A catalogue already loaded and checked (by `buildSite`), used by the first run. */
  catalogue?: Catalogue;
}

export class Build {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now?: DateTime;
  /** The current run's site view: set by `prepare`, read by global data and steps. */
  site?: Site;
  /** The current run's catalogue (set at the start of `prepare`). */
  catalogue?: Catalogue;
  /** The current run's images (`plugins/images.ts` sets them in its prepare step). */
  images?: SiteImages;
  /** Figures of the current run, by step (`images`, `dataFiles`, `precache`, ...). */
  stats: BuildStats = {};
  #preloaded?: Catalogue;
  readonly #prepare = new Map<PrepareStepName, BuildStep>();
  readonly #outputs = new Map<OutputStepName, BuildStep>();
  readonly #aborts: (() => Promise<unknown> | unknown)[] = [];

  constructor(init: BuildInit) {
    this.root = path.resolve(init.root);
    // Switches (ALMANAC_SEARCH, ALMANAC_OFFLINE) and ALMANAC_NOW: the process environment,
    // with what the caller passes over it.
    this.env = { ...process.env, ...init.env };
    this.now = init.now;
    this.#preloaded = init.catalogue;
  }

  /** A step to run before rendering, in its place in `PREPARE_STAGES`. */
  prepareStep(name: PrepareStepName, run: BuildStep): void {
    register(this.#prepare, name, run, "prepare");
  }

  /** An output to write after the pages, in its place in `OUTPUT_STAGES`. */
  outputStep(name: OutputStepName, run: BuildStep): void {
    register(this.#outputs, name, run, "output");
  }

  /** Work to stop when a run fails midway (the search indexer). */
  onAbort(stop: () => Promise<unknown> | unknown): void {
    this.#aborts.push(stop);
  }

  /**
   * Starts a run: the catalogue (the preloaded one the first time, else read again, which
   * is what `npm start` does on every edit), then the prepare steps, then the site view.
   * Content problems are printed once and thrown as a `ContentError`.
   */
  async prepare(event: BuildEvent): Promise<void> {
    await this.abort(); // what a failed run before this one (npm start) left running
    this.site = undefined;
    this.catalogue = undefined;
    this.images = undefined;
    this.stats = {};
    let catalogue = this.#preloaded;
    this.#preloaded = undefined;
    if (!catalogue) {
      const loaded = await loadCatalogue({ root: this.root, env: this.env, now: this.now });
      if (loaded.problems.length) console.error(formatProblems(loaded.problems));
      if (!loaded.catalogue) throw new ContentError(loaded.problems);
      catalogue = loaded.catalogue;
    }
    this.catalogue = catalogue;
    for (const stage of PREPARE_STAGES) await runStage(stage, this.#prepare, event);
    this.site = new Site(catalogue, this.images);
  }

  /** Writes every output, stage by stage. */
  async writeOutputs(event: BuildEvent): Promise<void> {
    for (const stage of OUTPUT_STAGES) await runStage(stage, this.#outputs, event);
  }

  /** Stops what a failed run left running. */
  async abort(): Promise<void> {
    await Promise.all(this.#aborts.map((stop) => stop()));
  }
}

function register<K extends string>(
  steps: Map<K, BuildStep>,
  name: K,
  run: BuildStep,
  kind: string,
): void {
  if (steps.has(name)) {
    throw new Error(`[almanac/build] the ${kind} step "${name}" is registered twice`);
  }
  steps.set(name, run);
}

async function runStage<K extends string>(
  stage: readonly K[],
  steps: Map<K, BuildStep>,
  event: BuildEvent,
): Promise<void> {
  await Promise.all(stage.map((name) => steps.get(name)?.(event)));
}
