// Registers what lets a program travel beyond its page: the filters the calendar, feed,
// JSON and robots routes in `layouts/pages/*-ics.njk`, `feed.njk`, `programs-json.njk` and
// `robots.njk` print (iCalendar, Atom, `/programs.json`), the head tags of
// `layouts/includes/meta.njk` (canonical URL, Open Graph, JSON-LD), the share block's links,
// and an `eleventy.after` step that writes `/sitemap.xml` from the pages actually written.
//
// Every text filter here returns a complete document built by a generator in `src/` that
// escapes for its own format; the routes print it with `| safe` so Nunjucks does not
// HTML-escape an .ics or a JSON file.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Library, Occurrence, Program } from "../src/model.ts";
import type { Site } from "../src/site.ts";
import { calendarIcs, programIcs } from "../src/ics.ts";
import { atomFeed } from "../src/feed.ts";
import { programsJson } from "../src/programs-json.ts";
import { jsonLdScript, libraryJsonLd, programJsonLd } from "../src/json-ld.ts";
import { robotsTxt, sitemapXml } from "../src/sitemap.ts";
import { feedbackUrl, googleCalendarUrl, shareLinks } from "../src/share.ts";
import { absoluteUrl } from "../src/xml.ts";
import { siteImages } from "./images.ts";
import {
  calendarSelection,
  canonicalUrl,
  googleSubscribeUrl,
  sitemapUrls,
  webcalUrl,
  type CalendarKind,
  type WrittenPage,
} from "../src/feed-routes.ts";

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

const defaults: Required<FeedsOptions> = {
  socialImage: (library) => (library.image ? absoluteUrl(library.url, library.image) : undefined),
  sitemap: true,
};

const KINDS = new Set<CalendarKind>(["audiences", "categories", "locations"]);

export default function feedsPlugin(eleventyConfig: UserConfig, options: FeedsOptions = {}): void {
  for (const key of Object.keys(options)) {
    if (!(key in defaults))
      throw new Error(
        `[almanac/feeds] unknown option "${key}"; known options: ${Object.keys(defaults).join(", ")}`,
      );
  }
  const opts = { ...defaults, ...options };

  // Documents: each returns the whole file.
  eleventyConfig.addFilter("programIcs", (program: Program, site: Site) =>
    programIcs(program, site.catalogue),
  );
  eleventyConfig.addFilter("calendarIcs", (site: Site, kind?: CalendarKind, id?: string) => {
    if (kind !== undefined && !KINDS.has(kind))
      throw new Error(`[almanac/feeds] calendarIcs: unknown kind "${kind}"`);
    const { programs, name, url } = calendarSelection(site.catalogue, kind, id);
    return calendarIcs(programs, site.catalogue, { name, url });
  });
  eleventyConfig.addFilter("atomFeed", (site: Site) => atomFeed(site.catalogue));
  eleventyConfig.addFilter(
    "programsJson",
    (site: Site) => JSON.stringify(programsJson(site.catalogue), null, 2) + "\n",
  );
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

  if (opts.sitemap) {
    // Eleventy copies these data values into each written page's result, so the sitemap
    // knows the base URL and which pages opted out, without reading the catalogue again.
    const selectors = eleventyConfig.dataFilterSelectors;
    if (!selectors)
      throw new Error("[almanac/feeds] this Eleventy has no dataFilterSelectors; use Eleventy 3.1");
    selectors.add("site.library.url");
    selectors.add("noindex");
    eleventyConfig.on(
      "eleventy.after",
      async ({
        directories,
        results,
      }: {
        directories: { output: string };
        results: (WrittenPage & { data?: { site?: { library?: { url?: string } } } })[];
      }) => {
        const libraryUrl = results.find((r) => r.data?.site?.library?.url)?.data?.site?.library
          ?.url;
        if (!libraryUrl) return; // nothing was written (e.g. a dry run)
        await writeFile(
          path.join(directories.output, "sitemap.xml"),
          sitemapXml(sitemapUrls(results, libraryUrl)),
        );
      },
    );
  }
}
