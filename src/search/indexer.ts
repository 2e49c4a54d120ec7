// The indexing step: `indexSite()` runs Pagefind inside the build (no separate step) over
// the pages Eleventy has just rendered, and writes the index's vocabulary beside it
// (`/pagefind/almanac-words.json`, and one a language index on a site in several
// languages, see ./words.ts `IndexVocabularies`). What each page tells the index is
// ./page-data.ts.
// Only pages with `data-pagefind-body` (program, partner, guide and free pages) are
// indexed; listing pages carry none, and unpublished items have no page at all.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Site } from "../site/site.ts";
import { createIndex, releaseIndex } from "./service.ts";
import { IndexVocabularies } from "./words.ts";

const tags = new WeakMap<Site, string>();

/**
 * The JSON of a program's occurrences, by the array itself: a preview session's loads reuse
 * an unchanged program's expanded schedule (src/content/cache.ts), whose array no one
 * changes once expanded, so `indexTag` writes its dates (a Luxon ISO string each, most of
 * the tag's time) once per session, not on every rebuild.
 */
const occurrencesJson = new WeakMap<object, string>();

/**
 * `JSON.stringify(item)`, exactly, for a plain object, with its `occurrences` (when an
 * array) from `occurrencesJson`.
 */
function itemJson(item: object): string {
  const occurrences = (item as { occurrences?: unknown }).occurrences;
  if (!Array.isArray(occurrences) || typeof (item as { toJSON?: unknown }).toJSON === "function")
    return JSON.stringify(item);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(item)) {
    let json: string | undefined;
    if (key === "occurrences") {
      json = occurrencesJson.get(occurrences);
      if (json === undefined) occurrencesJson.set(occurrences, (json = JSON.stringify(value)));
    } else {
      json = JSON.stringify(value);
    }
    // As JSON.stringify: a property whose value has no JSON (undefined, a function) is left out.
    if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(",")}}`;
}

/**
 * A short tag that changes whenever what the index holds may change: a hash of the build's
 * "now" (upcoming dates, months and sort keys follow it) and every published item (the
 * JSON of each list). The search page hands it to Pagefind's `metaCacheTag`, so Pagefind
 * asks for `/pagefind/pagefind-entry.json?ts=<tag>` and a cache may keep that file for as
 * long as the content stays the same. Same content and "now", same tag: builds stay
 * byte-identical.
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
      // `JSON.stringify(list)`, an item at a time.
      hash.update("[");
      list.forEach((item, i) => hash.update((i ? "," : "") + itemJson(item)));
      hash.update("]");
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
  const vocabularies = new IndexVocabularies(options.language === undefined);
  const feed = new IndexFeed(
    options.expected,
    (page) => {
      // `then` callbacks run in the order they were added, so Pagefind gets pages in feed order.
      const result = ready.then(({ index }) => index.addHTMLFile(page)).then((r) => r.errors);
      result.catch(() => undefined);
      added.push(result);
      vocabularies.addPage(page.content);
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
        await writeVocabularies(dir, vocabularies);
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
    await writeVocabularies(
      options.dir,
      await vocabulariesOf(options.dir, options.language === undefined),
    );
    return { pages: added.page_count, outputPath };
  } finally {
    await releaseIndex(index);
  }
}

/**
 * The vocabularies of the pages Pagefind indexes in a built site (every HTML file), by
 * language index when `byLanguage` (see `IndexVocabularies`).
 */
async function vocabulariesOf(dir: string, byLanguage: boolean): Promise<IndexVocabularies> {
  const vocabularies = new IndexVocabularies(byLanguage);
  const files = (await readdir(dir, { recursive: true }))
    .filter((f) => f.endsWith(".html") && !f.startsWith(`pagefind${path.sep}`))
    .sort();
  for (const file of files) vocabularies.addPage(await readFile(path.join(dir, file), "utf8"));
  return vocabularies;
}

/** Writes the vocabularies beside the index in `<dir>/pagefind/`. */
async function writeVocabularies(dir: string, vocabularies: IndexVocabularies): Promise<void> {
  for (const [file, json] of vocabularies.files()) await writeFile(path.join(dir, file), json);
}
