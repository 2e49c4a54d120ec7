// Registers what lets a program travel beyond its page: the head tags of
// `layouts/includes/meta.njk` (canonical URL, Open Graph, JSON-LD), the share block's links,
// and four output steps: the data files (every `.ics` calendar and `/programs.json`, see
// src/outputs/data-files.ts, again under `/<code>/` for each other of `site_languages`), `/feed.xml` (Atom), `/robots.txt`, and `/sitemap.xml` from the
// pages actually written.
//
// The data files are not Eleventy templates: they are most of a large site's files and
// bytes, and Eleventy keeps every rendered page in memory until the build ends. Written
// after the pages, they are on disk before the build resolves (so before `src/build/build.ts`
// swaps the staging folder in), and while Pagefind indexes the pages in its own process.
//
// Filters are pure functions of their arguments (the page passes `site`): Eleventy shares
// compiled layouts between the builds of one process, so a filter must not hold on to one.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Library, Occurrence, Program } from "../src/content/model.ts";
import type { Site } from "../src/site/site.ts";
import type { Build } from "../src/build/context.ts";
import type { BuildEvent, WrittenResult } from "../src/build/stages.ts";
import { atomFeed } from "../src/outputs/feed.ts";
import { writeDataFiles } from "../src/outputs/data-files.ts";
import type { IcsWords } from "../src/outputs/ics-vevent.ts";
import { jsonLdScript, libraryJsonLd, programJsonLd } from "../src/site/json-ld.ts";
import { robotsTxt, sitemapXml } from "../src/outputs/sitemap.ts";
import { feedbackUrl, googleCalendarUrl, shareLinks } from "../src/site/share.ts";
import { absoluteUrl } from "../src/text/xml.ts";
import { pluginOptions } from "./options.ts";
import {
  canonicalUrl,
  googleSubscribeUrl,
  sitemapUrls,
  withLanguageAlternates,
  webcalUrl,
  type WrittenPage,
} from "../src/outputs/routes.ts";
import { addNunjucksFilter } from "./njk-filters.ts";

export interface FeedsOptions {
  /** The build this configuration renders (required). */
  build?: Build;
  /**
   * Absolute URL of the Open Graph / Twitter image for a page (`program` is set on program
   * pages). A page's own `socialImage` data wins over this. Default: the library's `image`
   * (relative to `content/`) under the library URL, else none. This is the hook for the
   * image pipeline's social cards (`/social/<hash>.png` or `.jpg`).
   */
  socialImage?: (library: Library, program?: Program) => string | undefined;
  /** Write `/sitemap.xml` after each build. Default: true. */
  sitemap?: boolean;
}

export default function feedsPlugin(eleventyConfig: UserConfig, options: FeedsOptions = {}): void {
  const opts = pluginOptions("feeds", options, {
    build: undefined as Build | undefined,
    socialImage: (library: Library, _program?: Program): string | undefined =>
      library.image ? absoluteUrl(library.url, library.image) : undefined,
    sitemap: true,
  });
  const build = opts.build;
  if (!build) throw new Error("[almanac/feeds] the build option is required");

  // Head tags: JSON-LD text safe inside <script type="application/ld+json">, or "" for none.
  addNunjucksFilter(eleventyConfig, "programJsonLd", (program: Program, site: Site) => {
    const largest = program.image ? site.images?.largest(program.image) : undefined;
    const events = programJsonLd(program, site.catalogue, {
      imageUrl: largest ? () => site.absolute(largest) : undefined,
      ...(site.prefix && { prefix: site.prefix }),
    });
    return events.length ? jsonLdScript(events.length === 1 ? events[0] : events) : "";
  });
  addNunjucksFilter(eleventyConfig, "libraryJsonLd", (site: Site) =>
    jsonLdScript(libraryJsonLd(site.catalogue)),
  );
  addNunjucksFilter(eleventyConfig, "canonicalUrl", (pageUrl: string, site: Site) =>
    canonicalUrl(site.library.url, pageUrl),
  );
  addNunjucksFilter(eleventyConfig, "socialImage", (site: Site, program?: Program) =>
    opts.socialImage(site.library, program),
  );

  // Links: share, add to calendar, subscribe, feedback. Shared links lead to the page in
  // the language it is read in (`site.prefix`: /es for the site in Spanish).
  const inLanguage = (program: Program, site: Site): Program =>
    site.prefix ? { ...program, url: site.prefix + program.url } : program;
  addNunjucksFilter(eleventyConfig, "shareLinks", (program: Program, site: Site) =>
    shareLinks(inLanguage(program, site), site.catalogue, site.lang),
  );
  addNunjucksFilter(eleventyConfig, "feedbackUrl", (program: Program, site: Site) =>
    feedbackUrl(program, site.library),
  );
  addNunjucksFilter(
    eleventyConfig,
    "googleCalendarUrl",
    (occurrence: Occurrence, program: Program, site: Site) =>
      googleCalendarUrl(inLanguage(program, site), occurrence, site.catalogue),
  );
  addNunjucksFilter(eleventyConfig, "absoluteUrl", (urlPath: string, site: Site) =>
    absoluteUrl(site.library.url, urlPath),
  );
  addNunjucksFilter(eleventyConfig, "webcalUrl", (urlPath: string, site: Site) =>
    webcalUrl(site.library.url, urlPath),
  );
  addNunjucksFilter(eleventyConfig, "googleSubscribeUrl", (urlPath: string, site: Site) =>
    googleSubscribeUrl(site.library.url, urlPath),
  );

  // Written by every build that writes files (`npm start` rebuilds included), not by
  // `--to=json`. Not in `results`, so the sitemap and the search index never see them.
  const writes = (event: BuildEvent) => event.outputMode === undefined || event.outputMode === "fs";
  const write = (event: BuildEvent, file: string, text: string) =>
    writeFile(path.join(event.directories.output, file), text);

  build.outputStep("data-files", async (event) => {
    if (!writes(event)) return;
    // An `npm start` rebuild writes them after its pages, with its own views.
    const site = event.rebuild?.site ?? build.site!;
    const sites = event.rebuild?.sites ?? build.sites;
    const options = { programs: event.rebuild?.calendars, signal: event.rebuild?.signal };
    // The words a calendar adds, from the language's string table: the first language's
    // too (a library whose first language is not English).
    const wordsOf = (view: Site): IcsWords => {
      const say = (key: string, values: Record<string, string>) => view.t(key, values);
      return {
        cancelled: (title) => say("myPlanScript.calendarCancelled", { title }),
        postponed: (title) => say("myPlanScript.calendarPostponed", { title }),
        room: (room) => say("myPlanScript.calendarRoom", { room }),
        online: (url) => say("calendarFile.online", { url }),
      };
    };
    const report = await writeDataFiles(site.catalogue, event.directories.output, {
      ...options,
      language: { words: wordsOf(site) },
    });
    // Each other language's, in its folder (src/site/languages.ts): its titles and texts,
    // the first language's UIDs.
    for (const { code, prefix } of site.siteLanguages.slice(1)) {
      const view = sites.get(code)!;
      const other = await writeDataFiles(view.catalogue, event.directories.output, {
        ...options,
        language: { prefix, words: wordsOf(view) },
      });
      report.files += other.files;
      report.bytes += other.bytes;
    }
    build.stats.dataFiles = report;
  });
  build.outputStep("feed", async (event) => {
    if (!writes(event)) return;
    await write(
      event,
      "feed.xml",
      atomFeed(build.site!.catalogue, {
        html: (p) => build.site!.html(p),
        title: build.site!.t("meta.feed", { library: build.site!.library.name }),
      }),
    );
    // Each other language's own, in its folder (src/site/languages.ts).
    for (const { code, prefix } of build.site!.siteLanguages.slice(1)) {
      const site = build.sites.get(code)!;
      const feed = atomFeed(site.catalogue, {
        html: (p) => site.html(p),
        language: { code, prefix },
        title: site.t("meta.feed", { library: site.library.name }),
      });
      await write(event, `${code}/feed.xml`, feed);
    }
  });
  build.outputStep(
    "robots",
    (event) => writes(event) && write(event, "robots.txt", robotsTxt(build.site!.library.url)),
  );

  if (opts.sitemap) {
    // Eleventy copies this data value into each written page's result, so the sitemap
    // knows which pages opted out.
    const selectors = eleventyConfig.dataFilterSelectors;
    if (!selectors)
      throw new Error("[almanac/feeds] this Eleventy has no dataFilterSelectors; use Eleventy 3.1");
    selectors.add("noindex");
    build.outputStep("sitemap", (event) => {
      if (!writes(event) || !event.results) return;
      const pages = event.results as (WrittenResult & WrittenPage)[];
      const site = build.site!;
      const urls = withLanguageAlternates(
        sitemapUrls(pages, site.library.url),
        site.siteLanguages,
        site.library.url,
      );
      return write(event, "sitemap.xml", sitemapXml(urls));
    });
  }
}
