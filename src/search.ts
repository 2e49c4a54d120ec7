// What the search index knows about each page, and the indexing step itself. Pages say
// what they are with `data-pagefind-*` attributes that layouts print from `searchData()`;
// `indexSite()` then runs Pagefind inside the build (no separate step) over the pages
// Eleventy has just rendered.
// Only pages with `data-pagefind-body` (program, partner, guide and free pages) are
// indexed; listing pages carry none, and unpublished items have no page at all.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Listing, Program } from "./model.ts";
import type { Site } from "./site.ts";
import { longDate, timeOfDay } from "./format.ts";
import { monthsOf } from "./views.ts";

/** Sort key of items with no upcoming date: after every real date. */
export const NO_DATE = "9999-12-31T00:00:00Z";

export type SearchType = "program" | "partner" | "guide" | "page";

export interface SearchData {
  /** `[name, value]` pairs, printed as `data-pagefind-filter="name[data-value]" data-value="value"`. */
  filters: [string, string][];
  /** `data-pagefind-sort="date:..."`: UTC ISO so that strings sort in time order. */
  sortDate: string;
  /** `[name, value]` pairs, printed like the filters (so commas in values need no escaping). */
  meta: [string, string][];
}

/**
 * Filters, sort key and metadata of a program page. `imageUrl` maps the front-matter image
 * to a published variant (a thumbnail); without it no image is listed.
 */
export function programSearchData(
  site: Site,
  program: Program,
  imageUrl: (src: string) => string | undefined = () => undefined,
): SearchData {
  const { timezone, locale } = site.library;
  const upcoming: Listing[] = site
    .upcomingOf(program)
    .map((occurrence) => ({ program, occurrence }));
  const next = site.nextOf(program);
  const filters: [string, string][] = [["type", "program"]];
  for (const id of program.audiences) filters.push(["audience", id]);
  for (const id of program.categories) filters.push(["category", id]);
  if (program.location) filters.push(["location", program.location]);
  if (program.online) filters.push(["location", "online"]);
  for (const code of program.languages) filters.push(["language", code]);
  for (const month of monthsOf(upcoming, timezone)) filters.push(["month", month]);
  const meta: [string, string][] = [];
  if (next) {
    const start = next.start;
    meta.push([
      "date",
      next.allDay
        ? longDate(start, locale)
        : `${longDate(start, locale)}, ${timeOfDay(start, locale)}`,
    ]);
  }
  const place = site.location(program.location);
  const where = [place?.name, program.online ? "Online" : undefined].filter(Boolean).join(" · ");
  if (where) meta.push(["place", where]);
  const image = program.image ? imageUrl(program.image) : undefined;
  if (image) {
    meta.push(["image", image]);
    meta.push(["image_alt", program.imageAlt ?? ""]);
  }
  return {
    filters,
    sortDate: next ? next.start.toUTC().toISO({ suppressMilliseconds: true })! : NO_DATE,
    meta,
  };
}

/** Filters and sort key of a partner, guide or free page: a type, and guides' audiences. */
export function itemSearchData(
  type: Exclude<SearchType, "program">,
  audiences: string[] = [],
): SearchData {
  return {
    filters: [["type", type], ...audiences.map((id): [string, string] => ["audience", id])],
    sortDate: NO_DATE,
    meta: [],
  };
}

const tags = new WeakMap<Site, string>();

/**
 * A short tag that changes whenever what the index holds may change: a hash of the build's
 * "now" (upcoming dates, months and sort keys follow it) and every published item. The
 * search page hands it to Pagefind's `metaCacheTag`, so Pagefind asks for
 * `/pagefind/pagefind-entry.json?ts=<tag>` and a cache may keep that file for as long as
 * the content stays the same. Same content and "now", same tag: builds stay byte-identical.
 */
export function indexTag(site: Site): string {
  let tag = tags.get(site);
  if (!tag) {
    const { catalogue } = site;
    const hash = createHash("sha256");
    hash.update(catalogue.now.toISO() ?? "");
    for (const list of [
      catalogue.programs,
      catalogue.partners,
      catalogue.guides,
      catalogue.pages,
    ]) {
      hash.update(JSON.stringify(list));
    }
    tag = hash.digest("hex").slice(0, 12);
    tags.set(site, tag);
  }
  return tag;
}

/**
 * The primary language subtag of the built home page's `<html lang>` (the library's
 * locale), e.g. `en` for `en-US`; `en` when there is none.
 */
export async function siteLanguage(dir: string): Promise<string> {
  const html = await readFile(path.join(dir, "index.html"), "utf8").catch(() => "");
  const lang = /<html[^>]*\slang="([A-Za-z]{2,3})/.exec(html)?.[1];
  return lang ? lang.toLowerCase() : "en";
}

/** A page Eleventy rendered: its URL and HTML (Eleventy's `eleventy.after` results). */
export interface RenderedPage {
  url: string | false;
  content: string;
}

/**
 * The pages Pagefind would index: those that mark their body with `data-pagefind-body`
 * (program, partner, guide and free pages), sorted by URL. Listing pages, calendars and
 * feeds carry none, and Pagefind skips them anyway once any page has that attribute, so
 * handing it only these gives the same index without parsing megabytes of listings.
 */
export function indexedPages(results: RenderedPage[]): { url: string; content: string }[] {
  const pages: { url: string; content: string }[] = [];
  for (const r of results) {
    if (typeof r.url !== "string" || typeof r.content !== "string") continue;
    if (!r.url.endsWith("/") && !r.url.endsWith(".html")) continue;
    const content = searchableHtml(r.content);
    if (content !== undefined) pages.push({ url: r.url, content });
  }
  return pages.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * The part of a page Pagefind reads, or `undefined` when the page has no
 * `data-pagefind-body`: the `<html>` tag (its `lang`), the `<title>`, and the page from the
 * element carrying `data-pagefind-body` to the end. Pagefind ignores everything outside
 * that element once a site uses it, and every `data-pagefind-filter`/`-meta`/`-sort` of
 * ours sits inside it, so the index is byte-for-byte the same (test/search-index.test.ts
 * builds both); Pagefind just parses half the bytes (the head's JSON-LD, the site header).
 */
export function searchableHtml(html: string): string | undefined {
  const at = html.indexOf("data-pagefind-body");
  if (at === -1) return undefined;
  const start = html.lastIndexOf("<", at);
  const htmlTag = /<html\b[^>]*>/i.exec(html);
  if (start === -1 || !htmlTag || htmlTag.index > start) return html;
  const title = /<title>[^<]*<\/title>/i.exec(html.slice(0, start))?.[0] ?? "";
  return `<!doctype html>\n${htmlTag[0]}\n<head>${title}</head>\n<body>\n${html.slice(start)}`;
}

export interface IndexOptions {
  /** The built site folder; the index goes to `<dir>/pagefind/`. */
  dir: string;
  /** ISO 639-1 code: the whole site is one index in this language. */
  language: string;
  /**
   * The pages to index, already rendered (see `indexedPages`). Without it, Pagefind reads
   * every HTML file under `dir`.
   */
  pages?: { url: string; content: string }[];
}

export interface IndexReport {
  pages: number;
  outputPath: string;
}

/** Files handed to Pagefind at once: enough to keep its process busy, bounded in memory. */
const BATCH = 64;

/**
 * Indexes the built site with Pagefind's Node API and writes the bundle to
 * `<dir>/pagefind/`: the given `pages` when there are, else every HTML file under `dir`.
 * One language is forced so a multilingual catalogue stays one index (filters and
 * "soonest first" then work across languages). Throws on any Pagefind error.
 */
export async function indexSite(options: IndexOptions): Promise<IndexReport> {
  const pagefind = await import("pagefind");
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: options.language });
    if (!index) throw new Error(`[almanac/search] Pagefind could not start: ${errors.join("; ")}`);
    let count = 0;
    const failures: string[] = [];
    if (options.pages) {
      for (let i = 0; i < options.pages.length; i += BATCH) {
        const added = await Promise.all(
          options.pages.slice(i, i + BATCH).map((page) => index.addHTMLFile(page)),
        );
        for (const a of added) {
          failures.push(...a.errors);
          if (!a.errors.length) count++;
        }
      }
    } else {
      const added = await index.addDirectory({ path: options.dir });
      failures.push(...added.errors);
      count = added.page_count;
    }
    if (failures.length)
      throw new Error(`[almanac/search] indexing failed: ${failures.join("; ")}`);
    const outputPath = path.join(options.dir, "pagefind");
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length)
      throw new Error(`[almanac/search] writing the index failed: ${written.errors.join("; ")}`);
    return { pages: count, outputPath };
  } finally {
    await pagefind.close();
  }
}
