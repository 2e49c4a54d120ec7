// The two ordered pipelines of a build, declared once (not by the order plugins happen to
// be registered in), and what their steps are given. Plugins register named steps on the
// `Build` (src/build/context.ts):
//
//   prepare  content -> marker -> images, assets   (before Eleventy reads its data)
//   outputs  social-cards (drawn while the pages render: awaited here), data-files,
//            explorer-data, embed, feed, robots, manifest, sitemap, headers, search-index,
//            editor
//            -> service-worker
//
// Steps of one stage run at once; a stage starts when the one before it has finished. A
// preview rebuild in place writes them in its own order (src/build/preview-outputs.ts).
import type { Site } from "../site/site.ts";

/** What is prepared before rendering, stage by stage (`content` is the build's own). */
export const PREPARE_STAGES = [["marker"], ["images", "assets"]] as const;

/**
 * What is written after the pages, stage by stage. The service worker comes last: it lists
 * and hashes the files of all the others (Pagefind's names change with every index).
 */
export const OUTPUT_STAGES = [
  [
    "social-cards",
    "data-files",
    "explorer-data",
    "script-strings",
    "embed",
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

/**
 * Outputs a preview rebuild writes after the pages are shown, not before: each holds every
 * program (calendars, `programs.json`, the embed's data, the search index), so each costs
 * about as much after one edit as in a full build, and no page the browser reloads reads
 * them. The next rebuild may start while they run: it waits for them before writing its
 * own. A preview writes no offline worker (the retired one), so nothing else lists the
 * files they write.
 */
export const DEFERRED_OUTPUTS: readonly OutputStepName[] = ["data-files", "embed", "search-index"];

/**
 * Outputs the pages read (the explorer's data file, the scripts' messages): a preview
 * rebuild in place writes them before it reloads the browser, and the other outputs after.
 */
export const PAGE_OUTPUTS: readonly OutputStepName[] = ["explorer-data", "script-strings"];

/**
 * A preview rebuild in place runs Eleventy twice (src/build/preview.ts): `first` renders,
 * of the pages the plan names, the edited items' own pages and the listings a patron
 * browses (`/programs/`, which every edit changes as it names the explorer's data file;
 * the audience, topic and location pages; today, this week, this weekend), writes the
 * explorer's data, removes the pages of items that are gone and reloads the browser;
 * `rest` renders the other pages the plan names (later listing pages, month calendars,
 * print months, lobby screens, index pages, home) from the same catalogue, site view and
 * plan, then writes the outputs as a one-pass rebuild does.
 */
export type RebuildPass = "first" | "rest";

/** The templates (under `config.dir.input`) of the `first` pass. */
export const FIRST_PASS_TEMPLATES = [
  "program.njk",
  "partner.njk",
  "guide.njk",
  "page.njk",
  "programs.njk",
  "audience.njk",
  "category.njk",
  "location.njk",
  "quick-views.njk",
] as const;

/** What Eleventy tells `eleventy.before` and `eleventy.after` listeners (the parts we read). */
export interface BuildEvent {
  directories: { output: string };
  /** `eleventy.after`: every page written, with the data values selected for it. */
  results?: WrittenResult[];
  /** `fs` for a build that writes files; `json` or `ndjson` for `--to=json`. */
  outputMode?: string;
  /** Eleventy's own `--incremental` rebuild (only some pages were rendered). */
  incremental?: boolean;
  /**
   * Given to the DEFERRED_OUTPUTS of a preview rebuild in place, which run after the pages
   * are shown, possibly while the next rebuild prepares: the run's own view and settings.
   */
  rebuild?: InPlaceRebuild;
}

export interface InPlaceRebuild {
  /** The run's site view (`build.site` may be the next run's by now). */
  site: Site;
  /** The run's view in each of `site_languages` (as `build.sites` was for it). */
  sites: ReadonlyMap<string, Site>;
  /** The programs whose own calendar changed; undefined: every program. */
  calendars?: ReadonlySet<string>;
  /** Aborted when a newer rebuild makes this one's work pointless (it redoes it). */
  signal: AbortSignal;
}

export interface WrittenResult {
  url?: string | false;
  outputPath?: string | false;
  /** Undefined in a build: plugins/release-pages.ts lets it go once the page is written. */
  content?: string;
  data?: Record<string, unknown>;
}

export type BuildStep = (event: BuildEvent) => Promise<unknown> | unknown;

export function register<K extends string>(
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

export async function runStage<K extends string>(
  stage: readonly K[],
  steps: Map<K, BuildStep>,
  event: BuildEvent,
): Promise<void> {
  await Promise.all(stage.map((name) => steps.get(name)?.(event)));
}
