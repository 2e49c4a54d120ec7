// What the build hands Pagefind, and in which order. Pages go to Pagefind while Eleventy
// renders (plugins/search.ts), trimmed to what Pagefind reads, in an order fixed by the
// content, so the index does not depend on render order and stays byte-identical to
// indexing the whole pages.
import { cp, readFile } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, it, expect } from "vitest";
import {
  IndexFeed,
  indexLanguage,
  indexOrder,
  indexSite,
  searchableHtml,
} from "../src/search/indexer.ts";
import { searchElement } from "../src/search/page-data.ts";
import { indexedText } from "../src/search/words.ts";
import { Site } from "../src/site/site.ts";
import { buildFixture, DEMO_ROOT } from "./helpers/site.ts";
import { listFiles } from "./helpers/walk.ts";

const body = (title: string) => `<main data-pagefind-body><h1>${title}</h1></main>`;

describe("IndexFeed", () => {
  it("sends pages in the expected order whatever order they arrive in", () => {
    const sent: string[] = [];
    const feed = new IndexFeed(["/a/", "/b/", "/c/"], (p) => sent.push(p.url));
    feed.arrive("/c/", body("C"));
    feed.arrive("/programs/", "<main><h1>A listing</h1></main>");
    expect(sent).toEqual([]);
    feed.arrive("/a/", body("A"));
    expect(sent).toEqual(["/a/"]);
    feed.arrive("/b/", body("B"));
    expect(sent).toEqual(["/a/", "/b/", "/c/"]);
    expect(feed.finish()).toBe(3);
  });

  it("skips expected pages that never came or carry no data-pagefind-body; unexpected ones go last, by URL", () => {
    const sent: { url: string; content: string }[] = [];
    const feed = new IndexFeed(["/a/", "/b/", "/c/", "/d/"], (p) => sent.push(p));
    feed.arrive("/z-extra/", body("Z"));
    feed.arrive("/d/", body("D"));
    feed.arrive("/b/", "<main>no body attribute</main>");
    feed.arrive("/m-extra/", body("M"));
    feed.arrive("/listing/", "<main>not indexed</main>");
    expect(sent).toEqual([]); // waiting for /a/
    expect(feed.finish()).toBe(3);
    expect(sent.map((p) => p.url)).toEqual(["/d/", "/m-extra/", "/z-extra/"]);
    expect(sent[0]!.content).toBe(searchableHtml(body("D")));
  });

  it("hands Pagefind only the page from its data-pagefind-body element on, with lang and title", () => {
    const page = [
      '<!doctype html>\n<html lang="es-MX">\n<head>\n<title>Lego · Library</title>',
      '<script type="application/ld+json">{"big":"json-ld"}</script>\n</head>',
      "<body><header><nav>Menu</nav></header>",
      '<main><article data-pagefind-body data-pagefind-sort="date:x"><h1>Lego</h1></article></main>',
      "<footer>Footer</footer></body></html>",
    ].join("\n");
    expect(searchableHtml(page)).toBe(
      [
        "<!doctype html>",
        '<html lang="es-MX">',
        "<head><title>Lego · Library</title></head>",
        "<body>",
        '<article data-pagefind-body data-pagefind-sort="date:x"><h1>Lego</h1></article></main>',
        "<footer>Footer</footer></body></html>",
      ].join("\n"),
    );
    expect(searchableHtml("<main><h1>Listing</h1></main>")).toBeUndefined();
  });

  it("indexes in the library's language", () => {
    expect(indexLanguage("en-US")).toBe("en");
    expect(indexLanguage("de")).toBe("de");
    expect(indexLanguage("es_MX")).toBe("es");
    expect(indexLanguage("")).toBe("en");
  });
});

/** The files of a Pagefind index, by path. */
async function indexFiles(pages: { url: string; content: string }[]): Promise<Map<string, Buffer>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "almanac-pagefind-filters-"));
  await indexSite({ dir, pages, language: "en" });
  const out = path.join(dir, "pagefind");
  const files = new Map<string, Buffer>();
  for (const file of listFiles(out)) files.set(file, await readFile(path.join(out, file)));
  return files;
}

/** As Nunjucks escapes. */
const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");

/** The element of `searchElement`, as layouts/includes/search-data.njk prints it. */
function oneElement(filters: [string, string][], meta: [string, string][] = []): string {
  const { filter, meta: metaSpec, values } = searchElement(filters, meta);
  const attrs = values.map(([n, v]) => ` data-${n}="${escapeHtml(v)}"`).join("");
  return `<span data-pagefind-filter="${escapeHtml(filter)}"${metaSpec ? ` data-pagefind-meta="${metaSpec}"` : ""}${attrs}></span>`;
}

/** One element a filter or metadata value, as the layouts printed them before (session 7). */
function elementPerValue(filters: [string, string][], meta: [string, string][] = []): string {
  return (
    filters
      .map(([name, value]) =>
        /^[A-Za-z0-9_-]+$/.test(value)
          ? `<span data-pagefind-filter="${name}:${value}"></span>`
          : `<span data-pagefind-filter="${name}[data-value]" data-value="${escapeHtml(value)}"></span>`,
      )
      .join("") +
    meta
      .map(
        ([name, value]) =>
          `<span data-pagefind-meta="${name}[data-value]" data-value="${escapeHtml(value)}"></span>`,
      )
      .join("")
  );
}

describe("a page's filters and metadata on one element", () => {
  it("names each value by an attribute, the last filter's token inline", () => {
    expect(
      searchElement(
        [
          ["type", "program"],
          ["age", "4"],
          ["dates", "upcoming"],
        ],
        [["place", "Main: 2nd floor"]],
      ),
    ).toEqual({
      filter: "type[data-0],age[data-1],dates:upcoming",
      meta: "place[data-2]",
      values: [
        ["0", "program"],
        ["1", "4"],
        ["2", "Main: 2nd floor"],
      ],
    });
    expect(searchElement([["type", "a, b: c"]])).toEqual({
      filter: "type[data-0]",
      meta: "",
      values: [["0", "a, b: c"]],
    });
    expect(searchElement([])).toEqual({ filter: "", meta: "", values: [] });
  });

  it("gives Pagefind the same index as one element a value, commas, colons and quotes included", async () => {
    const pages: [[string, string][], [string, string][]][] = [
      [
        [
          ["type", "program"],
          ["category", 'Arts, crafts: "making" & <more>'],
          ["age", "4"],
          ["age", "5"],
          ["dates", "upcoming"],
        ],
        [
          ["date", "Thursday, October 8, 2026, 4:30 PM"],
          ["image", "/img/a.webp"],
          ["image_alt", ""],
          ["keywords", 'Kids · "quoted", & more: yes'],
        ],
      ],
      [
        [
          ["type", "program"],
          ["age", "5"],
          ["location", "Main, 2nd floor: room 3"],
        ],
        [["place", "Main, 2nd floor"]],
      ],
      [[["type", "guide"]], []],
    ];
    const page = (i: number, data: string) => ({
      url: `/p${i}/`,
      content: `<!doctype html><html lang="en"><head><title>P${i}</title></head><body><article data-pagefind-body><div class="search-data">${data}</div><h1>Page ${i}</h1></article></body></html>`,
    });
    const before = await indexFiles(pages.map(([f, m], i) => page(i, elementPerValue(f, m))));
    const after = await indexFiles(pages.map(([f, m], i) => page(i, oneElement(f, m))));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of after) expect(bytes.equals(before.get(file)!), file).toBe(true);
  }, 60_000);

  it("gives Pagefind the same index and vocabulary as one element a value on the demo site's pages", async () => {
    const site = await buildFixture(DEMO_ROOT);
    expect(site.ok).toBe(true);
    const order = indexOrder(new Site(site.catalogue!));
    const ELEMENT =
      /<span(?: data-pagefind-filter="([^"]*)")?(?: data-pagefind-meta="([^"]*)")?((?: data-\d+="[^"]*")*)><\/span>/;
    const unescape = (s: string) =>
      s
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    const now: { url: string; content: string }[] = [];
    const then: { url: string; content: string }[] = [];
    let values = 0;
    for (const url of order) {
      const content = await site.read(url);
      now.push({ url, content });
      const m = ELEMENT.exec(content);
      expect(m, url).not.toBeNull();
      const attrs = new Map(
        [...m![3]!.matchAll(/ data-(\d+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)]),
      );
      const pairs = (spec: string | undefined) =>
        (spec ? unescape(spec).split(",") : []).map((chunk): [string, string] => {
          const ref = /^(.+)\[data-(\d+)\]$/.exec(chunk);
          if (ref) return [ref[1]!, attrs.get(ref[2]!)!];
          const at = chunk.indexOf(":");
          return [chunk.slice(0, at), chunk.slice(at + 1)];
        });
      const [filters, meta] = [pairs(m![1]), pairs(m![2])];
      values += filters.length + meta.length;
      then.push({ url, content: content.replace(m![0], elementPerValue(filters, meta)) });
    }
    expect(values).toBeGreaterThan(order.length * 4);
    const [before, after] = [await indexFiles(then), await indexFiles(now)];
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [file, bytes] of after) expect(bytes.equals(before.get(file)!), file).toBe(true);
    // The vocabulary (`indexedText`, the metadata values included) too.
    const words = (pages: { content: string }[]) => pages.map((p) => indexedText(p.content));
    expect(words(now)).toEqual(words(then));
    expect(words(now).join(" ")).toContain("wheelchair");
  }, 180_000);
});

describe("the build's search index", () => {
  it("is byte for byte what indexing the whole pages in content order gives (demo library)", async () => {
    const site = await buildFixture(DEMO_ROOT);
    expect(site.ok).toBe(true);
    // The demo is in English and Spanish: each language's pages after the first's, each in
    // the index of its <html lang> (no one language given).
    const view = new Site(site.catalogue!);
    const first = indexOrder(view);
    const order = [
      ...first,
      ...view.siteLanguages.slice(1).flatMap(({ prefix }) => first.map((url) => prefix + url)),
    ];
    expect(order).toContain("/es/programs/homework-help/");
    const whole: { url: string; content: string }[] = [];
    for (const url of order) {
      const content = await site.read(url);
      expect(content, url).toContain("data-pagefind-body");
      whole.push({ url, content });
    }
    expect(whole.length).toBeGreaterThan(60);
    const dir = await mkdtemp(path.join(os.tmpdir(), "almanac-pagefind-whole-"));
    await indexSite({ dir, pages: whole, language: undefined });
    const built = path.join(site.output, "pagefind");
    const fresh = path.join(dir, "pagefind");
    expect(listFiles(built)).toEqual(listFiles(fresh));
    for (const file of listFiles(fresh)) {
      const [a, b] = await Promise.all([
        readFile(path.join(built, file)),
        readFile(path.join(fresh, file)),
      ]);
      expect(a.equals(b), file).toBe(true);
    }

    // The vocabulary beside the index: the words of every indexed page, also when a partial
    // rebuild indexes the whole output folder instead of the pages as they render.
    const words = JSON.parse(await readFile(path.join(built, "almanac-words.json"), "utf8"));
    expect(words.words.length).toBeGreaterThan(1000);
    for (const w of ["storytime", "toddler", "eastside", "wheelchair", "spanish", "saturday"])
      expect(words.words, w).toContain(w);
    expect(words.words).not.toContain("xylophone");
    const again = await mkdtemp(path.join(os.tmpdir(), "almanac-pagefind-again-"));
    await cp(site.output, again, { recursive: true });
    await indexSite({ dir: again, language: undefined });
    expect(await readFile(path.join(again, "pagefind/almanac-words.json"), "utf8")).toBe(
      await readFile(path.join(built, "almanac-words.json"), "utf8"),
    );
  }, 180_000);
});
