// Registers the search index step: Pagefind (its Node API, a separate process) indexes each
// program, partner, guide and free page as Eleventy renders it, and writes `/pagefind/` when
// the site is written (so `npm run build` and `npm start` both get it, with no separate
// step, and the indexer works on the second core while the first renders). Also registers
// the `search` global data layouts read: `search.cacheTag(site)`, the value the search page
// hands to Pagefind's `metaCacheTag`, and the `search.program(site, program)` /
// `search.item(type)` data for the `data-pagefind-*` attributes.
import type UserConfig from "@11ty/eleventy/UserConfig";
import {
  indexLanguage,
  indexOrder,
  indexSite,
  indexTag,
  itemSearchData,
  programSearchData,
  startIndex,
  type IndexRun,
} from "../src/search/indexer.ts";
import type { Program } from "../src/content/model.ts";
import { buildState } from "../src/build/build-state.ts";
import { siteImages } from "./images.ts";
import type { Site } from "../src/site/site.ts";

export interface SearchOptions {
  /** Build the index. Default: true; `ALMANAC_SEARCH=off` turns it off for quick previews. */
  enabled?: boolean;
  /** Index language (ISO 639-1). Default: the primary subtag of the library's locale. */
  language?: string;
}

/** This build's index, started by the first page rendered. */
let run: IndexRun | undefined;
let indexing: Promise<void> = Promise.resolve();
let arrived = 0;
const YIELD_EVERY = 4;

export default function searchPlugin(
  eleventyConfig: UserConfig,
  options: SearchOptions = {},
): void {
  const enabled = options.enabled ?? process.env.ALMANAC_SEARCH !== "off";
  if (options.language !== undefined && !/^[a-z]{2,3}$/.test(options.language)) {
    throw new Error(
      `[almanac/search] language must be an ISO 639-1 code such as "en", not "${options.language}".`,
    );
  }
  eleventyConfig.addGlobalData("search", () => ({
    cacheTag: (site: Site) => indexTag(site),
    program: (site: Site, program: Program) =>
      programSearchData(site, program, (src) => siteImages()?.thumbnail(src)),
    item: (type: "partner" | "guide" | "page", audiences?: string[]) =>
      itemSearchData(type, audiences),
  }));
  if (!enabled) return;
  const languageOf = (site: Site | undefined) =>
    options.language ?? indexLanguage(site?.library.locale ?? "");

  eleventyConfig.on("eleventy.before", async () => {
    // A previous build that failed before writing (npm start) may have left one running.
    await abortSearchIndex();
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
      if (!run) {
        const site = buildState().site;
        if (!site) throw new Error("[almanac/search] no site to index: is the content plugin on?");
        run = startIndex({
          language: languageOf(site),
          expected: indexOrder(site),
        });
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

  eleventyConfig.on(
    "eleventy.after",
    ({
      directories,
      incremental,
      outputMode,
    }: {
      directories: { output: string };
      incremental?: boolean;
      outputMode?: string;
    }) => {
      const dir = directories.output;
      const current = run;
      run = undefined;
      indexing = (async () => {
        if (outputMode !== undefined && outputMode !== "fs") {
          await current?.abort(); // --to=json: no files
        } else if (incremental) {
          // A partial rebuild rendered only some pages: index the whole output instead.
          await current?.abort();
          await indexSite({ dir, language: languageOf(buildState().site) });
        } else if (current) {
          await current.finish(dir);
        }
      })();
      return indexing;
    },
  );
}

/** Stops this build's indexer without writing (the build failed). */
export async function abortSearchIndex(): Promise<void> {
  const current = run;
  run = undefined;
  await current?.abort();
}

/**
 * This build's index run: `eleventy.after` listeners start together, and a later step that
 * lists `/pagefind/` files (the offline service worker) awaits this first.
 */
export function searchIndexed(): Promise<void> {
  return indexing;
}
