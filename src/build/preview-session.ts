// What a preview session (`npm start`, src/build/preview.ts) keeps from run to run, and the
// parts of a rebuild in place that work on the output folder as the last run left it:
// removing the pages of items that are gone, and the DEFERRED_OUTPUTS written after the
// pages are shown. The `Build` of each run (./context.ts) calls them.
import { readFile, rmdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { ContentCache } from "../content/cache.ts";
import type { SiteImages } from "../images/site-images.ts";
import { programCalendarUrl } from "../outputs/data-files.ts";
import { FragmentCache } from "../site/fragment-cache.ts";
import type { Site } from "../site/site.ts";
import type { BuildEvent, WrittenResult } from "./stages.ts";
import type { PageInputs, RenderPlan, RunPlan } from "./page-plan.ts";

/**
 * What a preview session (`npm start`) keeps from run to run. Each Eleventy of the session
 * (the one of each complete build, the long-lived one of the rebuilds in place) has its own
 * `Build`, with its own steps; they share this.
 */
export class PreviewSession {
  readonly cache = new ContentCache();
  readonly fragments = new FragmentCache();
  /** The session's "now" (read once a day); undefined: ALMANAC_NOW or the clock. */
  now?: DateTime;
  /** Inputs of the item pages on disk (the last finished run's). */
  onDisk?: PageInputs;
  /** The next run writes into a fresh folder. */
  fresh = true;
  /** Every page on disk, by URL, as Eleventy reported it (its path relative to the folder). */
  readonly pages = new Map<string, WrittenResult>();
  /** The last finished run's images, for a rebuild in place to reuse (plugins/images.ts). */
  images?: SiteImages;
  /** The DEFERRED_OUTPUTS of the last rebuild in place, and how to stop them. */
  deferred: Promise<void> = Promise.resolve();
  deferredStop?: AbortController;
  /** Programs whose calendar no finished run wrote yet; undefined: every program's. */
  calendarsDue?: Set<string> = new Set();
  /** Lets the last rebuild's deferred outputs start (the preview calls it once pages show). */
  beginDeferred: () => void = () => {};
  /**
   * A rebuild in place calls it once its pages, and the files they read (the explorer's
   * data, the scripts' messages), are on disk and gone pages are removed, before its other
   * outputs, with the pages it wrote or removed (paths relative to the output folder, with
   * `/`): the preview reloads the browsers showing them then.
   */
  pagesReady: (written: readonly string[]) => void = () => {};
  /**
   * Output files the session wrote into the folder as it is (`Build.writeOutput`), by path
   * relative to it: what was written (the same object is the same contents) and its hash.
   */
  readonly written = new Map<string, { contents: string | Uint8Array; hash: string }>();

  /**
   * The next run renders every page into a fresh folder (the first run, and after
   * library.yaml, a picture or a layout changed); kept rows are forgotten when `forget`.
   */
  renderAllNext(forget = false): void {
    this.fresh = true;
    this.written.clear();
    this.fragments.explorer.clear();
    if (forget) this.fragments.clear();
  }

  /** Resolves when the outputs the last rebuild left for later are written (or failed). */
  async settled(): Promise<void> {
    this.beginDeferred();
    await this.deferred;
  }

  async stopDeferred(): Promise<void> {
    this.deferredStop?.abort();
    this.beginDeferred();
    await this.deferred;
  }

  /**
   * Starts the DEFERRED_OUTPUTS of a rebuild in place in the background (`settled()`):
   * `write` runs them, once the pages are shown, with the run's own view in `event.rebuild`.
   */
  startDeferred(
    event: BuildEvent,
    run: {
      changed: RenderPlan["programs"] | undefined;
      partial: boolean;
      site: Site;
      sites: ReadonlyMap<string, Site>;
      write: (event: BuildEvent) => Promise<void>;
    },
  ): void {
    const session = this;
    const previous = session.deferred;
    const stop = new AbortController();
    session.deferredStop = stop;
    // Programs whose own calendar is still to write: this run's changes, and those of runs
    // whose deferred outputs were cut short (all of them after a rebuild of every page).
    const { changed } = run;
    if (!run.partial || !changed) session.calendarsDue = undefined;
    else if (session.calendarsDue) for (const id of changed) session.calendarsDue.add(id);
    const calendars = session.calendarsDue && new Set(session.calendarsDue);
    event = {
      ...event,
      rebuild: { site: run.site, sites: run.sites, calendars, signal: stop.signal },
    };
    const begin = new Promise<void>((resolve) => (session.beginDeferred = resolve));
    session.deferred = (async () => {
      await previous;
      // Not before the pages are shown (`beginDeferred()`): on the same core, they would
      // slow the end of the rebuild down.
      await begin;
      if (stop.signal.aborted) return; // a newer run writes them
      try {
        await run.write(event);
        if (!stop.signal.aborted) session.calendarsDue = new Set();
      } catch (error) {
        console.error(
          `preview: writing the calendars and search index failed (the next rebuild tries again): ${(error as Error).message}`,
        );
      }
    })();
  }
}

/**
 * Removes the pages (and a program's calendar) of items that are gone, and the social
 * cards no page uses any more.
 */
export async function removeGone(
  output: string,
  gone: { kind: string; id: string; file?: string }[],
  images: SiteImages | undefined,
): Promise<void> {
  const files: string[] = [];
  for (const item of gone) {
    if (item.file) files.push(item.file);
    if (item.kind === "programs") {
      files.push(path.join(output, ...programCalendarUrl(item.id).split("/")));
    }
  }
  for (const card of images?.staleCards() ?? []) {
    files.push(path.join(output, ...card.split("/")));
  }
  for (const file of files) {
    await rm(file, { force: true });
    // A page's own folder (`programs/<id>/`) goes with it when nothing else is left in it.
    await rmdir(path.dirname(file)).catch(() => undefined);
  }
}

/**
 * Gives the pages on disk that were not rendered again the explorer data file's new
 * address, the one thing in them that changed (`RunPlan.readdress`, src/build/page-plan.ts).
 * `pages` is every page on disk, by URL, its path relative to `output`.
 */
export async function readdress(
  output: string,
  pages: ReadonlyMap<string, WrittenResult>,
  change: NonNullable<ReturnType<RunPlan["readdress"]>>,
): Promise<void> {
  await Promise.all(
    change.urls.map(async (url) => {
      const written = pages.get(url)?.outputPath;
      const html =
        typeof written === "string"
          ? await readFile(path.join(output, written), "utf8").catch(() => undefined)
          : undefined;
      if (html?.includes(change.from)) {
        await writeFile(
          path.join(output, written as string),
          html.replaceAll(change.from, change.to),
        );
      } else if (!html?.includes(change.to)) {
        // Not what the last run left (a run cut short in between has given it the new one).
        throw new Error(`[almanac/preview] ${url} is not on disk as the last run left it`);
      }
    }),
  );
}
