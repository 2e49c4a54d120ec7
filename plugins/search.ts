// Registers the search index: Pagefind (its Node API, a separate process) indexes each
// program, partner, guide and free page as Eleventy renders it (a transform feeds it), and
// the `search-index` output step writes `/pagefind/` when the site is written (so
// `npm run build` and `npm start` both get it, with no separate step, and the indexer works
// on the second core while the first renders). Also registers the `search` global data
// layouts read: `search.cacheTag(site)`, the value the search page hands to Pagefind's
// `metaCacheTag`, and the `search.program(site, program)` / `search.item(site, type, item)`
// data for the `data-pagefind-*` attributes.
import type UserConfig from "@11ty/eleventy/UserConfig";
import {
  indexLanguage,
  indexOrder,
  indexSite,
  indexTag,
  startIndex,
  type IndexRun,
} from "../src/search/indexer.ts";
import { itemSearchData, programSearchData } from "../src/search/page-data.ts";
import type { Guide, Page, Partner, Program } from "../src/content/model.ts";
import { readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Build } from "../src/build/context.ts";
import type { InPlaceRebuild, WrittenResult } from "../src/build/stages.ts";
import type { Site } from "../src/site/site.ts";
import { pluginOptions } from "./options.ts";
import { byReference } from "./global-data.ts";

export interface SearchOptions {
  /** The build this configuration renders (required). */
  build?: Build;
  /** Build the index. Default: true; `ALMANAC_SEARCH=off` turns it off for quick previews. */
  enabled?: boolean;
  /** Index language (ISO 639-1). Default: the primary subtag of the library's locale. */
  language?: string;
}

/** Rendered pages between two turns of the event loop (see the transform). */
const YIELD_EVERY = 4;

export default function searchPlugin(
  eleventyConfig: UserConfig,
  options: SearchOptions = {},
): void {
  const opts = pluginOptions("search", options, {
    build: undefined as Build | undefined,
    enabled: undefined as boolean | undefined,
    language: undefined as string | undefined,
  });
  const build = opts.build;
  if (!build) throw new Error("[almanac/search] the build option is required");
  const enabled = opts.enabled ?? build.env.ALMANAC_SEARCH !== "off";
  if (opts.language !== undefined && !/^[a-z]{2,3}$/.test(opts.language)) {
    throw new Error(
      `[almanac/search] language must be an ISO 639-1 code such as "en", not "${opts.language}".`,
    );
  }
  eleventyConfig.addGlobalData("search", () =>
    byReference({
      cacheTag: (site: Site) => indexTag(site),
      program: (site: Site, program: Program) =>
        programSearchData(site, program, (src) => site.images?.thumbnail(src)),
      item: (site: Site, type: "partner" | "guide" | "page", item: Partner | Guide | Page) =>
        itemSearchData(site, type, item),
    }),
  );
  if (!enabled) return;
  // A site in several languages: one index per language, as each page's <html lang> says
  // (each language's /search/ loads its own); else one index in the site's language.
  const languageOf = (site: Site | undefined) =>
    opts.language ??
    ((site?.siteLanguages.length ?? 1) > 1 ? undefined : indexLanguage(site?.library.locale ?? ""));
  // Pages in the order they are indexed: each language's after the first's.
  const orderOf = (site: Site) => {
    const order = indexOrder(site);
    return [
      ...order,
      ...site.siteLanguages.slice(1).flatMap(({ prefix }) => order.map((url) => prefix + url)),
    ];
  };

  // This run's index, started by the first page rendered.
  let run: IndexRun | undefined;
  let arrived = 0;
  build.onAbort(async () => {
    const current = run;
    run = undefined;
    await current?.abort();
  });

  // Every rendered HTML page passes by; the feed keeps those with data-pagefind-body.
  eleventyConfig.addTransform(
    "almanac-search-index",
    async function (
      this: { page: { url?: string | false; outputPath?: string | false } },
      content: unknown,
    ) {
      const { url, outputPath } = this.page;
      if (typeof url !== "string" || typeof outputPath !== "string") return content;
      if (!outputPath.endsWith(".html") || typeof content !== "string") return content;
      if (build.inPlace) return content; // an `npm start` rebuild indexes every page after
      if (!run) {
        const site = build.site;
        if (!site) throw new Error("[almanac/search] no site to index: is the content plugin on?");
        run = startIndex({ language: languageOf(site), expected: orderOf(site) });
      }
      run.feed.arrive(url, content);
      // Rendering runs as one long chain of promises that rarely lets Node's event loop
      // reach its I/O phase, so pages would pile up unsent (and Pagefind's answers unread)
      // until the end. A turn of the loop every few pages keeps the indexer busy while
      // Eleventy renders: at 2,000 programs the wait for Pagefind after the last page went
      // from about 2.3 s to nothing.
      if (++arrived % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      return content;
    },
  );

  build.outputStep("search-index", async (event) => {
    const { directories, incremental, outputMode, results, rebuild } = event;
    const current = run;
    run = undefined;
    if (outputMode !== undefined && outputMode !== "fs") {
      await current?.abort(); // --to=json: no files
    } else if (rebuild && results) {
      // An `npm start` rebuild: every page on disk, as a build would index it, written
      // beside the old index and swapped in (so no old index file is left behind).
      await current?.abort();
      await reindexInPlace(rebuild, directories.output, results, languageOf(rebuild.site));
    } else if (incremental) {
      // Eleventy's own --incremental rendered only some pages: index the whole output.
      await current?.abort();
      await indexSite({ dir: directories.output, language: languageOf(build.site) });
    } else if (current) {
      await current.finish(directories.output);
    }
  });
}

/**
 * Indexes every HTML page in `results` (read from disk, in the build's order, so the index
 * is the one a build makes) into a folder beside the output's `pagefind/`, then swaps it in.
 * Gives up without touching `pagefind/` when a newer rebuild has started meanwhile.
 */
async function reindexInPlace(
  { site, signal }: InPlaceRebuild,
  output: string,
  results: WrittenResult[],
  language: string | undefined,
): Promise<void> {
  const next = path.join(output, `.pagefind-next-${process.pid}`);
  await rm(next, { recursive: true, force: true });
  const index = startIndex({ language, expected: indexOrder(site) });
  try {
    for (const page of results) {
      if (signal?.aborted) return;
      if (typeof page.url !== "string" || typeof page.outputPath !== "string") continue;
      if (!page.outputPath.endsWith(".html")) continue;
      const html = await readFile(page.outputPath, "utf8").catch(() => undefined);
      if (html !== undefined) index.feed.arrive(page.url, html);
    }
    if (signal?.aborted) return;
    await index.finish(next);
    if (signal?.aborted) return;
    const live = path.join(output, "pagefind");
    const old = path.join(output, `.pagefind-old-${process.pid}`);
    await rm(old, { recursive: true, force: true });
    await rename(live, old).catch(() => undefined);
    await rename(path.join(next, "pagefind"), live);
    await rm(old, { recursive: true, force: true });
  } finally {
    await index.abort();
    await rm(next, { recursive: true, force: true });
  }
}
