// Registers what lets a program travel beyond its page: the filters the feed and robots
// routes in `layouts/pages/feed.njk` and `robots.njk` print (Atom, robots.txt), the head tags
// of `layouts/includes/meta.njk` (canonical URL, Open Graph, JSON-LD), the share block's
// links, and two `eleventy.after` steps: one writes the data files (every `.ics` calendar and
// `/programs.json`, see src/outputs/data-files.ts), the other `/sitemap.xml` from the pages actually
// written.
//
// The data files are not Eleventy templates: they are most of a large site's files and
// bytes, and Eleventy keeps every rendered page in memory until the build ends. Written
// after the pages, they are on disk before the build resolves (so before `src/build/build.ts`
// swaps the staging folder in), and while Pagefind, a separate process started by the
// search plugin's `eleventy.after` step at the same moment, indexes the pages.
//
// Every text filter here returns a complete document built by a generator in `src/` that
// escapes for its own format; the routes print it with `| safe` so Nunjucks does not
// HTML-escape it.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Library, Occurrence, Program } from "../src/content/model.ts";
import type { Site } from "../src/site/site.ts";
import { atomFeed } from "../src/outputs/feed.ts";
import { writeDataFiles, type DataFilesReport } from "../src/outputs/data-files.ts";
import { jsonLdScript, libraryJsonLd, programJsonLd } from "../src/site/json-ld.ts";
import { robotsTxt, sitemapXml } from "../src/outputs/sitemap.ts";
import { feedbackUrl, googleCalendarUrl, shareLinks } from "../src/site/share.ts";
import { absoluteUrl } from "../src/text/xml.ts";
import { siteImages } from "./images.ts";
import {
  canonicalUrl,
  googleSubscribeUrl,
  sitemapUrls,
  webcalUrl,
  type WrittenPage,
} from "../src/outputs/routes.ts";

export interface FeedsOptions {
  /**
   * Absolute URL of the Open Graph / Twitter image for a page (`program` is set on program
   * pages). A page's own `socialImage` data wins over this. Default: the library's `image`
   * (relative to `content/`) under the library URL, else none. This is the hook for the
   * image pipeline's social cards (`/social/<program id>.jpg`).
   */
  socialImage?: (library: Library, program?: Program) => string | undefined;
  /** Write `/sitemap.xml` after each build. Default: true. */
  sitemap?: boolean;
}

/** What the last build in this process wrote as data files (tests, benchmark). */
export let lastDataFiles: DataFilesReport | undefined;

/** One written page in `eleventy.after`'s `results`, with the data the selectors below copy. */
type Result = WrittenPage & { data?: { site?: Site } };

const defaults: Required<FeedsOptions> = {
  socialImage: (library) => (library.image ? absoluteUrl(library.url, library.image) : undefined),
  sitemap: true,
};

export default function feedsPlugin(eleventyConfig: UserConfig, options: FeedsOptions = {}): void {
  for (const key of Object.keys(options)) {
    if (!(key in defaults))
      throw new Error(
        `[almanac/feeds] unknown option "${key}"; known options: ${Object.keys(defaults).join(", ")}`,
      );
  }
  const opts = { ...defaults, ...options };

  // Documents: each returns the whole file.
  eleventyConfig.addFilter("atomFeed", (site: Site) => atomFeed(site.catalogue));
  eleventyConfig.addFilter("robotsTxt", (site: Site) => robotsTxt(site.library.url));

  // Head tags: JSON-LD text safe inside <script type="application/ld+json">, or "" for none.
  eleventyConfig.addFilter("programJsonLd", (program: Program, site: Site) => {
    const largest = program.image ? siteImages()?.largest(program.image) : undefined;
    const events = programJsonLd(program, site.catalogue, {
      imageUrl: largest ? () => site.absolute(largest) : undefined,
    });
    return events.length ? jsonLdScript(events.length === 1 ? events[0] : events) : "";
  });
  eleventyConfig.addFilter("libraryJsonLd", (site: Site) =>
    jsonLdScript(libraryJsonLd(site.catalogue)),
  );
  eleventyConfig.addFilter("canonicalUrl", (pageUrl: string, site: Site) =>
    canonicalUrl(site.library.url, pageUrl),
  );
  eleventyConfig.addFilter("socialImage", (site: Site, program?: Program) =>
    opts.socialImage(site.library, program),
  );

  // Links: share, add to calendar, subscribe, feedback.
  eleventyConfig.addFilter("shareLinks", (program: Program, site: Site) =>
    shareLinks(program, site.catalogue),
  );
  eleventyConfig.addFilter("feedbackUrl", (program: Program, site: Site) =>
    feedbackUrl(program, site.library),
  );
  eleventyConfig.addFilter(
    "googleCalendarUrl",
    (occurrence: Occurrence, program: Program, site: Site) =>
      googleCalendarUrl(program, occurrence, site.catalogue),
  );
  eleventyConfig.addFilter("absoluteUrl", (urlPath: string, site: Site) =>
    absoluteUrl(site.library.url, urlPath),
  );
  eleventyConfig.addFilter("webcalUrl", (urlPath: string, site: Site) =>
    webcalUrl(site.library.url, urlPath),
  );
  eleventyConfig.addFilter("googleSubscribeUrl", (urlPath: string, site: Site) =>
    googleSubscribeUrl(site.library.url, urlPath),
  );

  // Eleventy copies these data values into each written page's result, so the steps below
  // find this build's `site` (a class instance, copied by reference) and which pages opted
  // out of the sitemap, without loading the catalogue again.
  const selectors = eleventyConfig.dataFilterSelectors;
  if (!selectors)
    throw new Error("[almanac/feeds] this Eleventy has no dataFilterSelectors; use Eleventy 3.1");
  selectors.add("site");
  const siteOf = (results: Result[] | undefined) => results?.find((r) => r.data?.site)?.data?.site;

  // The data files: every `.ics` and `/programs.json`, written by every build (`npm start`
  // rebuilds included). Not in `results`, so the sitemap and the search index never see them.
  eleventyConfig.on(
    "eleventy.after",
    async ({
      directories,
      results,
      outputMode,
    }: {
      directories: { output: string };
      results?: Result[];
      outputMode?: string;
    }) => {
      lastDataFiles = undefined;
      if (outputMode !== undefined && outputMode !== "fs") return; // --to=json: no files
      const site = siteOf(results);
      if (!site) return; // nothing was written (e.g. a dry run)
      lastDataFiles = await writeDataFiles(site.catalogue, directories.output);
    },
  );

  if (opts.sitemap) {
    selectors.add("noindex");
    eleventyConfig.on(
      "eleventy.after",
      async ({ directories, results }: { directories: { output: string }; results: Result[] }) => {
        const libraryUrl = siteOf(results)?.library.url;
        if (!libraryUrl) return; // nothing was written (e.g. a dry run)
        await writeFile(
          path.join(directories.output, "sitemap.xml"),
          sitemapXml(sitemapUrls(results, libraryUrl)),
        );
      },
    );
  }
}
