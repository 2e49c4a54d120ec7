// What the search index knows about each page, and the indexing step itself. Pages say
// what they are with `data-pagefind-*` attributes that layouts print from
// `programSearchData()` / `itemSearchData()` (filters, sort key, and metadata such as the
// `keywords` patrons' words are found by); `indexSite()` then runs Pagefind inside the
// build (no separate step) over the pages Eleventy has just rendered, and writes the
// index's vocabulary beside it (`/pagefind/almanac-words.json`, see ./words.ts).
// Only pages with `data-pagefind-body` (program, partner, guide and free pages) are
// indexed; listing pages carry none, and unpublished items have no page at all.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Guide, Listing, Page, Partner, Program } from "../content/model.ts";
import type { Site } from "../site/site.ts";
import { longDate, timeOfDay } from "../site/format.ts";
import { monthsOf } from "../site/views.ts";
import { createIndex, releaseIndex } from "./service.ts";
import {
  BUILT_IN_SYNONYMS,
  equivalentsIn,
  htmlText,
  indexedText,
  Vocabulary,
  VOCABULARY_FILE,
  vocabularyJson,
} from "./words.ts";

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
 * Separates the parts of the `keywords` metadata. Not a word character, so Pagefind indexes
 * the words on either side and nothing for it.
 */
const SEPARATOR = " · ";

/**
 * The groups of equivalent words a site's pages are indexed with: the built-in ones of the
 * index language (English only, today) and the library's `search.synonyms`.
 */
export function synonymGroupsOf(site: Site): readonly (readonly string[])[] {
  return memoBySite(groupCache, site, () => [
    ...(BUILT_IN_SYNONYMS[indexLanguage(site.lang.locale)] ?? []),
    ...site.library.search.synonyms,
  ]);
}
const groupCache = new WeakMap<Site, readonly (readonly string[])[]>();

function memoBySite<T>(cache: WeakMap<Site, T>, site: Site, make: () => T): T {
  let value = cache.get(site);
  if (value === undefined) cache.set(site, (value = make()));
  return value;
}

/** `keywords`: the words, then the equivalents of everything the page says (`equivalentsIn`). */
function keywords(site: Site, words: (string | undefined)[], text: string[]): string {
  const own = [...new Set(words.filter((w): w is string => !!w))];
  const also = equivalentsIn([...text, ...own].join(" \n "), synonymGroupsOf(site));
  return [...own, ...also].join(SEPARATOR);
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** Names of a language: the library's own (`Español`) and in the library's locale (`Spanish`). */
function languageNames(site: Site, code: string): string[] {
  const { locale } = site.lang;
  if (!displayNames.has(locale)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: "language" });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  let local: string | undefined;
  try {
    local = displayNames.get(locale)?.of(code);
  } catch {
    local = undefined; // not a code Intl knows
  }
  return [site.languageName(code), local].filter((n): n is string => !!n && n !== code);
}

// Formatters by locale: Intl formatters are slow to make, and every program page asks.
const whenFormats = new Map<
  string,
  { weekday: Intl.DateTimeFormat; period: Intl.DateTimeFormat }
>();

/**
 * Weekdays and parts of the day of the upcoming occurrences, in the library's locale
 * (`Saturday`, `in the morning`), so "saturday storytime" or "evening yoga" find them.
 */
function whenWords(upcoming: Listing[], locale: string): string[] {
  let formats = whenFormats.get(locale);
  if (!formats) {
    formats = {
      weekday: new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }),
      period: new Intl.DateTimeFormat(locale, {
        hour: "numeric",
        hour12: true, // 24-hour locales name no part of the day otherwise
        dayPeriod: "long",
        timeZone: "UTC",
      }),
    };
    whenFormats.set(locale, formats);
  }
  // Each weekday and hour once: a long series has dozens of occurrences.
  const weekdays = new Set<number>();
  const hours = new Set<number>();
  for (const { occurrence } of upcoming) {
    weekdays.add(occurrence.start.weekday);
    if (!occurrence.allDay) hours.add(occurrence.start.hour);
  }
  const out = new Set<string>();
  // 2024-01-01 was a Monday (luxon's weekday 1).
  for (const day of [...weekdays].sort()) out.add(formats.weekday.format(Date.UTC(2024, 0, day)));
  for (const hour of [...hours].sort((a, b) => a - b)) {
    const parts = formats.period.formatToParts(Date.UTC(2024, 0, 1, hour));
    const part = parts.find((p) => p.type === "dayPeriod")?.value;
    if (part) out.add(part);
  }
  return [...out];
}

/**
 * Oldest age the search index files programs under: children's and teens' ages are what
 * patrons type ("a 4 year old"); an adults' `ages: [18, 120]` as one filter value a year
 * would add a hundred elements to every adult program's page (the explorer matches any age).
 */
export const MAX_SEARCHED_AGE = 18;

/** Whole years (up to MAX_SEARCHED_AGE) from the program's audiences' `ages`, ascending, each once. */
export function agesOf(site: Site, program: Program): number[] {
  const ages = new Set<number>();
  for (const id of program.audiences) {
    const range = site.audience(id)?.ages;
    if (range) {
      for (let a = range[0]; a <= Math.min(range[1], MAX_SEARCHED_AGE); a++) ages.add(a);
    }
  }
  return [...ages].sort((a, b) => a - b);
}

/**
 * Filters, sort key and metadata of a program page. `imageUrl` maps the front-matter image
 * to a published variant (a thumbnail); without it no image is listed.
 *
 * Besides what the page shows, the program is found by `keywords` (metadata: searched,
 * weighed by the search page, never shown): its audiences' labels and `terms`, its
 * categories, room and access features, the names of its languages (when it is not in the
 * library's main language only), the weekdays and parts of day it meets, and the
 * equivalents (`synonymGroupsOf`) of all that and of its title, summary and description.
 * Its location is in `place`, also searched. The filters `age` (each year of its audiences'
 * `ages`) and `access` narrow a search; `dates` (`upcoming` or `past`) lets the search page
 * rank programs that still take place above those that do not.
 */
export function programSearchData(
  site: Site,
  program: Program,
  imageUrl: (src: string) => string | undefined = () => undefined,
): SearchData {
  const timezone = site.library.timezone;
  const locale = site.lang.locale;
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
  for (const age of agesOf(site, program)) filters.push(["age", String(age)]);
  for (const id of program.access) filters.push(["access", id]);
  filters.push(["dates", next ? "upcoming" : "past"]);
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
  const where = [place?.name, program.online ? site.t("listing.online") : undefined]
    .filter(Boolean)
    .join(" · ");
  if (where) meta.push(["place", where]);
  const image = program.image ? imageUrl(program.image) : undefined;
  if (image) {
    meta.push(["image", image]);
    meta.push(["image_alt", program.imageAlt ?? ""]);
  }
  const mainOnly = program.languages.length === 1 && program.languages[0] === site.library.language;
  const words = keywords(
    site,
    [
      ...program.audiences.flatMap((id) => {
        const a = site.audience(id);
        return a ? [a.label, ...(a.terms ?? [])] : [];
      }),
      ...program.categories.map((id) => site.category(id)?.label),
      program.room,
      ...program.access.map((id) => site.library.access.find((a) => a.id === id)?.label),
      ...(mainOnly ? [] : program.languages.flatMap((code) => languageNames(site, code))),
      ...whenWords(upcoming, locale),
    ],
    [
      program.title,
      program.summary,
      htmlText(site.html(program)),
      program.accessibility ?? "",
      place?.name ?? "",
    ],
  );
  if (words) meta.push(["keywords", words]);
  return {
    filters,
    sortDate: next ? next.start.toUTC().toISO({ suppressMilliseconds: true })! : NO_DATE,
    meta,
  };
}

/**
 * Filters, sort key and metadata of a partner, guide or free page: its type, guides'
 * audiences, and `keywords` with the equivalents of what it says (see `programSearchData`).
 */
export function itemSearchData(
  site: Site,
  type: Exclude<SearchType, "program">,
  item: Partner | Guide | Page,
): SearchData {
  const audiences = "audiences" in item ? item.audiences : [];
  const title = "name" in item ? item.name : item.title;
  const words = keywords(site, [], [title, item.summary ?? "", htmlText(site.html(item))]);
  return {
    filters: [["type", type], ...audiences.map((id): [string, string] => ["audience", id])],
    sortDate: NO_DATE,
    meta: words ? [["keywords", words]] : [],
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
 * The index language: the primary subtag of the library's locale (`en` for `en-US`), which
 * is also every page's `<html lang>`; `en` when it is not a language code.
 */
export function indexLanguage(locale: string): string {
  const lang = /^([A-Za-z]{2,3})(?:[-_]|$)/.exec(locale)?.[1];
  return lang ? lang.toLowerCase() : "en";
}

/**
 * The order the site's searchable pages go to Pagefind: free pages, guides, partners, then
 * programs, each in the catalogue's order. Pagefind's files depend on the order pages are
 * added, so the order is fixed by the content, not by when Eleventy happens to render a page:
 * the same content gives the same index, build after build.
 */
export function indexOrder(site: Site): string[] {
  return [...site.pages, ...site.guides, ...site.partners, ...site.programs].map((i) => i.url);
}

/**
 * Hands rendered pages to Pagefind while the site is still rendering, in a fixed order.
 * Pagefind runs in its own process, so it indexes on the second core while Eleventy renders
 * on the first, instead of starting when every page is written. Pages arrive in Eleventy's
 * order; each goes to `add` as soon as every page before it in `expected` has arrived (or,
 * at `finish()`, been given up on), so the index is the same whatever the arrival order.
 * Pages with `data-pagefind-body` that are not in `expected` go last, by URL.
 */
export class IndexFeed {
  readonly #expected: string[];
  readonly #position = new Map<string, number>();
  readonly #arrived = new Map<string, string | undefined>();
  readonly #extras = new Map<string, string>();
  #next = 0;
  #count = 0;

  /**
   * `prepare` turns a rendered page into what Pagefind gets, or `undefined` to skip it
   * (default: `searchableHtml`).
   */
  constructor(
    expected: string[],
    private readonly add: (page: { url: string; content: string }) => void,
    private readonly prepare: (html: string) => string | undefined = searchableHtml,
  ) {
    this.#expected = expected;
    expected.forEach((url, i) => this.#position.set(url, i));
  }

  /** A page Eleventy rendered (any URL; pages without `data-pagefind-body` are skipped). */
  arrive(url: string, html: string): void {
    const content = this.prepare(html);
    if (!this.#position.has(url)) {
      if (content !== undefined) this.#extras.set(url, content);
      return;
    }
    this.#arrived.set(url, content);
    this.#drain(false);
  }

  /** Sends what is left (expected pages that never came are skipped); returns the count sent. */
  finish(): number {
    this.#drain(true);
    for (const url of [...this.#extras.keys()].sort()) this.#send(url, this.#extras.get(url));
    this.#extras.clear();
    return this.#count;
  }

  #drain(final: boolean): void {
    while (this.#next < this.#expected.length) {
      const url = this.#expected[this.#next]!;
      if (!this.#arrived.has(url) && !final) return;
      this.#send(url, this.#arrived.get(url));
      this.#arrived.delete(url);
      this.#next++;
    }
  }

  #send(url: string, content: string | undefined): void {
    if (content === undefined) return;
    this.add({ url, content });
    this.#count++;
  }
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
  /**
   * ISO 639-1 code: the whole site is one index in this language; undefined for a site in
   * several `site_languages`, whose pages go to the index of their `<html lang>`.
   */
  language: string | undefined;
  /**
   * The pages to index, already rendered: whole pages or `searchableHtml` of them. Without
   * it, Pagefind reads every HTML file under `dir`.
   */
  pages?: { url: string; content: string }[];
}

export interface IndexReport {
  pages: number;
  outputPath: string;
}

/** A Pagefind index being fed while the site renders (see `startIndex`). */
export interface IndexRun {
  /** Where rendered pages go (`feed.arrive(url, html)`). */
  feed: IndexFeed;
  /** Sends what is left, waits for Pagefind and writes `<dir>/pagefind/`. Throws on any error. */
  finish(dir: string): Promise<IndexReport>;
  /** Stops Pagefind without writing anything (the build failed). */
  abort(): Promise<void>;
}

/**
 * Starts Pagefind (its Node API runs the indexer as a separate process) with one forced
 * language, so a multilingual catalogue stays one index (filters and "soonest first" then
 * work across languages), and returns the feed to hand it pages in `expected` order.
 */
export function startIndex(options: {
  language: string | undefined;
  expected: string[];
  prepare?: (html: string) => string | undefined;
}): IndexRun {
  const ready = createIndex(options.language).then((index) => ({ index }));
  // Reported by finish(); until then a failure must not surface as an unhandled rejection.
  ready.catch(() => undefined);
  const added: Promise<string[]>[] = [];
  const vocabulary = new Vocabulary();
  const feed = new IndexFeed(
    options.expected,
    (page) => {
      // `then` callbacks run in the order they were added, so Pagefind gets pages in feed order.
      const result = ready.then(({ index }) => index.addHTMLFile(page)).then((r) => r.errors);
      result.catch(() => undefined);
      added.push(result);
      vocabulary.add(indexedText(page.content));
    },
    options.prepare,
  );
  return {
    feed,
    async finish(dir) {
      const { index } = await ready;
      try {
        const count = feed.finish();
        const failures = (await Promise.all(added)).flat();
        if (failures.length)
          throw new Error(`[almanac/search] indexing failed: ${failures.join("; ")}`);
        const outputPath = path.join(dir, "pagefind");
        const written = await index.writeFiles({ outputPath });
        if (written.errors.length)
          throw new Error(
            `[almanac/search] writing the index failed: ${written.errors.join("; ")}`,
          );
        await writeFile(path.join(dir, VOCABULARY_FILE), vocabularyJson(vocabulary));
        return { pages: count, outputPath };
      } finally {
        await releaseIndex(index);
      }
    },
    async abort() {
      const started = await ready.catch(() => undefined);
      if (started) await releaseIndex(started.index);
    },
  };
}

/**
 * Indexes a built site with Pagefind and writes the bundle to `<dir>/pagefind/`: the given
 * `pages`, in the order given, else every HTML file under `dir` (a partial rebuild).
 * Throws on any Pagefind error.
 */
export async function indexSite(options: IndexOptions): Promise<IndexReport> {
  if (options.pages) {
    const run = startIndex({
      language: options.language,
      expected: options.pages.map((p) => p.url),
      prepare: (html) => html,
    });
    for (const page of options.pages) run.feed.arrive(page.url, page.content);
    return run.finish(options.dir);
  }
  const index = await createIndex(options.language);
  try {
    const added = await index.addDirectory({ path: options.dir });
    if (added.errors.length)
      throw new Error(`[almanac/search] indexing failed: ${added.errors.join("; ")}`);
    const outputPath = path.join(options.dir, "pagefind");
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length)
      throw new Error(`[almanac/search] writing the index failed: ${written.errors.join("; ")}`);
    await writeFile(
      path.join(options.dir, VOCABULARY_FILE),
      vocabularyJson(await vocabularyOf(options.dir)),
    );
    return { pages: added.page_count, outputPath };
  } finally {
    await releaseIndex(index);
  }
}

/** The vocabulary of the pages Pagefind indexes in a built site (every HTML file's `indexedText`). */
async function vocabularyOf(dir: string): Promise<Vocabulary> {
  const vocabulary = new Vocabulary();
  const files = (await readdir(dir, { recursive: true }))
    .filter((f) => f.endsWith(".html") && !f.startsWith(`pagefind${path.sep}`))
    .sort();
  for (const file of files)
    vocabulary.add(indexedText(await readFile(path.join(dir, file), "utf8")));
  return vocabulary;
}
