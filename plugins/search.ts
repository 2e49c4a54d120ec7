// Registers the search index step: after Eleventy has written the site, Pagefind indexes
// it through its Node API into `/pagefind/` (so `npm run build` and `npm start` both get
// it, with no separate step). Also registers the `search` global data layouts read:
// `search.cacheTag(site)`, the value the search page hands to Pagefind's `metaCacheTag`, and the
// `search.program(site, program)` / `search.item(type)` data for the `data-pagefind-*` attributes.
import type UserConfig from "@11ty/eleventy/UserConfig";
import {
  indexSite,
  indexedPages,
  indexTag,
  siteLanguage,
  itemSearchData,
  programSearchData,
  type RenderedPage,
} from "../src/search.ts";
import type { Program } from "../src/model.ts";
import { siteImages } from "./images.ts";
import type { Site } from "../src/site.ts";

export interface SearchOptions {
  /** Build the index. Default: true; `ALMANAC_SEARCH=off` turns it off for quick previews. */
  enabled?: boolean;
  /** Index language (ISO 639-1). Default: the language of the built home page's `<html lang>`. */
  language?: string;
}

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

  eleventyConfig.on(
    "eleventy.after",
    ({
      directories,
      results,
      incremental,
    }: {
      directories: { output: string };
      results?: RenderedPage[];
      incremental?: boolean;
    }) => {
      if (!enabled) {
        indexing = Promise.resolve();
        return;
      }
      const dir = directories.output;
      // Only the pages that carry `data-pagefind-body`, from what Eleventy just rendered (no
      // re-read, no parsing of listing pages). An incremental build renders only some pages,
      // so it falls back to reading the whole output.
      const pages = results && !incremental ? indexedPages(results) : undefined;
      indexing = (async () => {
        await indexSite({ dir, pages, language: options.language ?? (await siteLanguage(dir)) });
      })();
      return indexing;
    },
  );
}

let indexing: Promise<void> = Promise.resolve();

/**
 * This build's index run: `eleventy.after` listeners start together, and a later step that
 * lists `/pagefind/` files (the offline service worker) awaits this first.
 */
export function searchIndexed(): Promise<void> {
  return indexing;
}
