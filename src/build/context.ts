// One build, as an object: the library root, the build's "now", the catalogue and the site
// view over it, the images, the search index, and the steps plugins register for the two
// ordered pipelines of src/build/stages.ts (what is prepared before Eleventy renders, and
// what is written after the pages). `buildSite` makes one per build and hands it to every
// plugin as its `build` option; under `npm start` the Eleventy config makes one for the
// session and each rebuild starts a new run of it. Nothing about a build lives in module
// state, so builds in one process (tests, the benchmark) never see each other's data.
//
// A preview session (`npm start`, src/build/preview.ts) is one Build for many runs. Its
// first run, and any run after library.yaml, a picture or a layout changed, renders the
// whole site into a fresh folder; the others re-render, in the output folder as it is,
// only the pages src/build/page-plan.ts picks (in two Eleventy passes, `RebuildPass`: the
// edited items' own pages first, then the others), load the content through a cache, keep the
// listing rows they render (src/site/fragment-cache.ts), remove the pages of items that
// are gone, and leave the slow outputs that hold every program (DEFERRED_OUTPUTS) to run
// after the pages are shown (src/build/preview-outputs.ts).
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { loadCatalogue, type LoadResult } from "../content/catalogue.ts";
import type { Catalogue } from "../content/model.ts";
import { formatProblems } from "../content/problems.ts";
import type { ImageStats, SiteImages } from "../images/site-images.ts";
import type { PrecachePlan } from "../offline/service-worker.ts";
import type { DataFilesReport } from "../outputs/data-files.ts";
import { Site } from "../site/site.ts";
import { catalogueIn, siteLanguages } from "../site/languages.ts";
import { language } from "../i18n/strings.ts";
import { ContentError } from "../content/problems.ts";
import { pageInputs, planRun, type RunPlan } from "./page-plan.ts";
import type { PreviewSession } from "./preview-session.ts";
import { writeInPreview } from "./preview-outputs.ts";
import { Progress } from "./progress.ts";
import { collectGarbageIfLarge } from "./memory.ts";
import {
  OUTPUT_STAGES,
  PREPARE_STAGES,
  register,
  runStage,
  type BuildEvent,
  type BuildStep,
  type OutputStepName,
  type PrepareStepName,
  type RebuildPass,
} from "./stages.ts";

/** Figures of the last run, for the CLI, tests and the benchmark. */
export interface BuildStats {
  /** Image work (`plugins/images.ts`). */
  images?: ImageStats;
  /** Calendars and `programs.json` written (`plugins/feeds.ts`). */
  dataFiles?: DataFilesReport;
  /** What `/sw.js` precaches (`plugins/offline.ts`). */
  precache?: PrecachePlan & { buildId: string };
  /** Pages Eleventy rendered and wrote in this run. */
  pages?: number;
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
  /**
   * The preview session (`npm start`) this build is one configuration of: content loaded
   * through its cache, rebuilds that render only what changed (see the header). Default:
   * none, a build.
   */
  session?: PreviewSession;
  /** Where the phases of a run are reported (src/build/progress.ts). Default: nowhere. */
  progress?: Progress;
}

export class Build {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly session?: PreviewSession;
  progress: Progress;
  /**
   * This run renders only some pages, into the output folder as the last run left it (a
   * preview rebuild): steps that list every page read the event's `results`, which then
   * hold every page on disk, not only this run's.
   */
  partial = false;
  /**
   * This run writes into the output folder as the last run left it (a preview rebuild,
   * partial or not) rather than into a fresh folder: the search index is then written
   * beside it and swapped in, and the DEFERRED_OUTPUTS run after the pages are shown.
   */
  inPlace = false;
  /**
   * Set by the preview for each of the two Eleventy passes of a rebuild in place (see
   * `RebuildPass`); undefined: the run renders its pages in one pass.
   */
  pass?: RebuildPass;
  /** The current run's site view: set by `prepare`, read by global data and steps. */
  site?: Site;
  /**
   * The current run's view in each of `site_languages` by code (the first is `site`), set
   * by `prepare`: the pages of each other language are rendered from its own.
   */
  sites = new Map<string, Site>();
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
  readonly #now?: DateTime;
  #versions?: Map<string, string>;
  #run?: RunPlan;

  constructor(init: BuildInit) {
    this.root = path.resolve(init.root);
    // Switches (ALMANAC_SEARCH, ALMANAC_OFFLINE) and ALMANAC_NOW: the process environment,
    // with what the caller passes over it.
    this.env = { ...process.env, ...init.env };
    this.#now = init.now;
    this.#preloaded = init.catalogue;
    this.session = init.session;
    this.progress = init.progress ?? Progress.silent();
  }

  /** A preview session's build. */
  get preview(): boolean {
    return this.session !== undefined;
  }

  /** The build's "now": given, the session's, else ALMANAC_NOW or the clock (undefined). */
  get now(): DateTime | undefined {
    return this.#now ?? this.session?.now;
  }

  /**
   * Loads and checks the content (through the session's cache in a preview). Problems are
   * returned, not printed; `catalogue` is undefined when one is an error.
   */
  async load(): Promise<LoadResult> {
    this.progress.phase("Checking content");
    const loaded = await loadCatalogue({
      root: this.root,
      env: this.env,
      now: this.now,
      cache: this.session?.cache,
    });
    this.#versions = loaded.versions;
    return loaded;
  }

  /**
   * The site's languages as the catalogue the next run renders names them (known before
   * Eleventy reads its configuration when `runBuild` loaded it; else the first language
   * only): the configuration adds each other language's pages (plugins/languages.ts).
   */
  get siteLanguages(): readonly string[] {
    return (this.#preloaded ?? this.catalogue)?.library.siteLanguages ?? [];
  }

  /** The catalogue the next run renders, loaded and checked already (by `runBuild`). */
  useCatalogue(catalogue: Catalogue): void {
    this.#preloaded = catalogue;
  }

  /** Which item pages the current run renders and which it removes (a preview run). */
  get runPlan(): RunPlan | undefined {
    return this.#run;
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
    // The second pass of a rebuild in place renders from what the first prepared.
    if (this.pass === "rest" && this.inPlace && this.site) return;
    await this.abort(); // what a failed run before this one (npm start) left running
    this.site = undefined;
    this.sites = new Map();
    this.catalogue = undefined;
    this.images = undefined;
    this.stats = {};
    this.partial = false;
    const session = this.session;
    this.inPlace = session !== undefined && !session.fresh;
    this.#run = undefined;
    // The last rebuild's calendars and index would be out of date: this run writes them
    // again. A fresh folder is swapped in whole: nothing may still write into the old one.
    session?.deferredStop?.abort();
    session?.beginDeferred(); // to see the abort and end
    if (session?.fresh) await session.stopDeferred();
    let catalogue = this.#preloaded;
    this.#preloaded = undefined;
    if (!catalogue) {
      const loaded = await this.load();
      if (loaded.problems.length) console.error(formatProblems(loaded.problems));
      if (!loaded.catalogue) throw new ContentError(loaded.problems);
      catalogue = loaded.catalogue;
    }
    this.catalogue = catalogue;
    this.progress.phase("Preparing images");
    for (const stage of PREPARE_STAGES) await runStage(stage, this.#prepare, event);
    const site = new Site(catalogue, this.images, {
      fragments: session?.fragments,
      versions: this.#versions,
    });
    if (session) {
      this.#run = planRun(
        session.fresh ? undefined : session.onDisk,
        pageInputs(site, this.#versions ?? new Map(), session.onDisk),
      );
      this.partial = this.inPlace && this.#run.plan !== undefined;
      if (this.#run.globalChanged) session.fragments.clear();
      site.renderOnly(this.#run.plan);
    }
    this.site = site;
    this.sites = new Map([[catalogue.library.siteLanguages[0]!, site]]);
    const all = siteLanguages(catalogue.library);
    for (const { code, locale } of all.slice(1)) {
      this.sites.set(
        code,
        new Site(catalogueIn(catalogue, code), this.images, {
          languages: { all, code },
          // A message the language lacks shows in the library's main language (the one
          // `_data/strings/` warnings name), not in Almanac's English.
          language: language(code, {
            locale,
            own: catalogue.strings,
            fallback: catalogue.library.language,
          }),
        }),
      );
    }
  }

  /**
   * Writes every output, stage by stage. In a preview, the outputs that list every page get
   * every page on disk as `results` (a partial run renders only some); a rebuild in place
   * removes the pages of items that are gone and starts the DEFERRED_OUTPUTS in the
   * background (`settled()`).
   */
  async writeOutputs(event: BuildEvent): Promise<void> {
    const rendered = event.results?.length ?? 0;
    this.stats.pages = this.pass === "rest" ? (this.stats.pages ?? 0) + rendered : rendered;
    this.progress.phase("Writing calendars, feeds and the search index");
    const session = this.session;
    if (!session) {
      // The pages are written and let go: in a large build, collect them before the outputs
      // and Pagefind's writing (the process tree's peak) add theirs. Not in a preview, whose
      // rebuilds are timed in milliseconds and render a few pages.
      collectGarbageIfLarge();
      for (const stage of OUTPUT_STAGES) await runStage(stage, this.#outputs, event);
      return;
    }
    await writeInPreview(this, session, event, (stage, e) => runStage(stage, this.#outputs, e));
  }

  /**
   * Writes one output file, `rel` under the output folder `dir` (folders made as needed).
   * In a preview session, a file whose contents are those the session last wrote there is
   * left as it is: after a title edit, the browser editor's files and the embed data of
   * the facets the program is not in are what they were.
   */
  async writeOutput(dir: string, rel: string, contents: string | Uint8Array): Promise<void> {
    const session = this.session;
    const known = session?.written.get(rel);
    let digest: string | undefined;
    if (known) {
      if (known.contents === contents) return;
      digest = contentHash(contents);
      if (known.hash === digest) return;
    }
    const file = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, contents);
    session?.written.set(rel, { contents, hash: digest ?? contentHash(contents) });
  }

  /** Stops what a failed run left running. */
  async abort(): Promise<void> {
    await Promise.all(this.#aborts.map((stop) => stop()));
  }
}

const contentHash = (contents: string | Uint8Array) =>
  createHash("sha1").update(contents).digest("hex");
