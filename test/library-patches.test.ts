// Almanac patches two libraries for speed: Nunjucks' template compilation and macro imports
// (plugins/njk-compile-cache.ts) and luxon's zone offset look-up (src/schedule/zone-cache.ts),
// shares luxon's Locales for memory (src/schedule/locale-cache.ts),
// silences Eleventy's benchmark warnings (plugins/quiet-benchmarks.ts), and lets Eleventy
// render each page's content only when it writes the page and drop the page once written
// (plugins/release-pages.ts). All four reach into internals no
// semver promises. These tests fail loudly when an upgrade of
// Eleventy, Nunjucks or luxon moves what they patch, instead of the patch silently doing
// nothing (a slower build) or, worse, something else.
import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { DateTime, IANAZone, Settings } from "luxon";
import nunjucks from "nunjucks";
import { afterEach, describe, expect, it, vi } from "vitest";
import njkCompileCachePlugin from "../plugins/njk-compile-cache.ts";
import quietBenchmarksPlugin from "../plugins/quiet-benchmarks.ts";
import releasePagesPlugin from "../plugins/release-pages.ts";
import { installLocaleCache, luxonLocale } from "../src/schedule/locale-cache.ts";
import { installZoneOffsetCache } from "../src/schedule/zone-cache.ts";

afterEach(() => vi.restoreAllMocks());

describe("the Nunjucks compile cache", () => {
  it("patches methods that this Nunjucks still has", () => {
    const proto = nunjucks.Template.prototype as unknown as Record<string, unknown>;
    expect(typeof proto._compile, "nunjucks Template#_compile is gone").toBe("function");
    expect(typeof proto.getExported, "nunjucks Template#getExported is gone").toBe("function");
    expect(typeof nunjucks.compiler.compile).toBe("function");
  });

  it("compiles a paginated template and an imported macro file once for many pages", async () => {
    const input = await mkdtemp(path.join(os.tmpdir(), "almanac-njk-"));
    await mkdir(path.join(input, "_includes"));
    await writeFile(
      path.join(input, "_includes/macros.njk"),
      "{% macro shout(x) %}{{ x | upper }}!{% endmacro %}",
    );
    await writeFile(
      path.join(input, "page.njk"),
      [
        "---",
        "pagination: { data: items, size: 1, alias: item }",
        "items: [a, b, c, d, e, f, g, h, i, j, k, l]",
        'permalink: "/{{ item }}/"',
        "---",
        '{% from "macros.njk" import shout %}{{ shout(item) }}',
      ].join("\n"),
    );
    const compile = vi.spyOn(nunjucks.compiler, "compile");
    const exported = vi.spyOn(nunjucks.Template.prototype, "getExported");
    let engineEvent = false;
    const eleventy = new Eleventy(input, path.join(input, "_site"), {
      quietMode: true,
      configPath: false as unknown as string,
      config: (config: Parameters<typeof njkCompileCachePlugin>[0]) => {
        config.on("eleventy.engine.njk", () => (engineEvent = true));
        config.addPlugin(njkCompileCachePlugin);
      },
    });
    const pages = (await eleventy.toJSON()) as unknown as { url: string; content: string }[];
    expect(
      engineEvent,
      "Eleventy no longer emits eleventy.engine.njk: the cache is never installed",
    ).toBe(true);
    expect(pages.map((p) => p.content.trim()).sort()).toEqual(
      "abcdefghijkl".split("").map((x) => `${x.toUpperCase()}!`),
    );
    const macroRuns = exported.mock.contexts.filter(
      (t: unknown) => (t as { path?: string }).path?.endsWith("macros.njk") ?? false,
    ).length;
    // Without the cache Eleventy 3.1.8 compiles 25 times here (the body once a page, the
    // permalink once a page, and more) and runs the macro file's top level on each of the
    // 12 imports; with it, 3 compiles and 1 run.
    expect(compile.mock.calls.length, "templates are compiled once per page again").toBeLessThan(8);
    expect(macroRuns, "imported macros are collected on every import again").toBeLessThanOrEqual(2);
  });
});

describe("the luxon Locale cache", () => {
  const locOf = (dt: DateTime) => (dt as unknown as { loc: object }).loc;

  it("patches a method that this luxon still has: DateTimes made apart share one Locale", () => {
    installLocaleCache();
    const Locale = luxonLocale() as unknown as Record<symbol, unknown>;
    expect(Locale[Symbol.for("almanac.localeCache")], "the cache is not installed").toBe(true);
    const zone = "America/Chicago";
    const a = DateTime.fromMillis(Date.UTC(2026, 9, 1), { zone });
    const b = DateTime.fromISO("2026-10-20T18:00", { zone });
    const c = DateTime.fromObject({ year: 2027, month: 1 }, { zone: "Europe/Paris" });
    expect(locOf(a), "luxon no longer makes its Locales through Locale.create").toBe(locOf(b));
    expect(locOf(c)).toBe(locOf(a));
    // Formatting reads only the Locale's own values: the same text as a Locale of its own.
    const own = DateTime.fromMillis(a.toMillis(), { zone, locale: "en-US" });
    expect(a.toFormat("cccc d LLLL yyyy, h:mm a")).toBe(own.toFormat("cccc d LLLL yyyy, h:mm a"));
  });

  it("keeps Locales apart that luxon makes apart: another locale, another default", () => {
    installLocaleCache();
    const en = DateTime.fromMillis(0, { locale: "en-US" });
    const es = DateTime.fromMillis(0, { locale: "es" });
    expect(locOf(es)).not.toBe(locOf(en));
    expect(es.toFormat("LLLL")).toBe("enero");
    expect(locOf(DateTime.fromMillis(0, { locale: "es" }))).toBe(locOf(es));
    const before = Settings.defaultLocale;
    try {
      Settings.defaultLocale = "fr";
      expect(DateTime.fromMillis(0).toFormat("LLLL")).toBe("janvier");
    } finally {
      Settings.defaultLocale = before;
    }
    expect(DateTime.fromMillis(0, { zone: "UTC" }).toFormat("LLLL")).toBe(
      DateTime.fromMillis(0, { zone: "UTC", locale: before || undefined }).toFormat("LLLL"),
    );
  });
});

describe("the luxon zone offset cache", () => {
  it("patches a method that this luxon still has, and luxon still calls it", () => {
    installZoneOffsetCache();
    const proto = IANAZone.prototype as unknown as Record<symbol | string, unknown>;
    expect(proto[Symbol.for("almanac.zoneOffsetCache")], "the cache is not installed").toBe(true);
    const zone = IANAZone.create("Pacific/Chatham");
    const offset = vi.spyOn(zone, "offset");
    DateTime.fromObject({ year: 2027, month: 4, day: 4, hour: 3 }, { zone });
    expect(
      offset,
      "luxon no longer asks IANAZone#offset: the cache does nothing",
    ).toHaveBeenCalled();
  });

  it("asks Intl once per 15-minute bucket: later look-ups in the bucket come from the cache", () => {
    installZoneOffsetCache();
    const formatToParts = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    const zone = "America/St_Johns";
    const base = Date.UTC(2031, 6, 1, 12, 0); // a bucket no other test has asked about
    DateTime.fromMillis(base, { zone }).offset;
    const first = formatToParts.mock.calls.length;
    expect(first, "luxon no longer reads offsets through formatToParts").toBeGreaterThan(0);
    for (let m = 1; m < 15; m++) DateTime.fromMillis(base + m * 60_000, { zone }).offset;
    expect(formatToParts.mock.calls.length, "offsets in one bucket are looked up again").toBe(
      first,
    );
  });
});

describe("Eleventy's benchmark warnings", () => {
  /** What a quiet build with one slow filter prints, with the plugin or without. */
  async function printed(quiet: boolean): Promise<string[]> {
    const input = await mkdtemp(path.join(os.tmpdir(), "almanac-bench-"));
    await writeFile(
      path.join(input, "page.njk"),
      [
        "---",
        "pagination: { data: items, size: 1, alias: item }",
        "items: [a, b, c, d, e, f]",
        'permalink: "/{{ item }}/"',
        "---",
        "{{ item | slow }}",
      ].join("\n"),
    );
    const lines: string[] = [];
    for (const type of ["log", "info", "warn", "error"] as const) {
      vi.spyOn(console, type).mockImplementation((...args: unknown[]) => {
        lines.push(args.join(" "));
      });
    }
    const eleventy = new Eleventy(input, path.join(input, "_site"), {
      quietMode: true,
      configPath: false as unknown as string,
      config: (config: Parameters<typeof quietBenchmarksPlugin>[0]) => {
        config.setQuietMode(true);
        if (quiet) config.addPlugin(quietBenchmarksPlugin);
        // 40 ms a call: far above the 8% and 50 ms that make Eleventy warn.
        config.addFilter("slow", (x: string) => {
          const until = Date.now() + 40;
          while (Date.now() < until);
          return x;
        });
      },
    });
    await eleventy.toJSON();
    vi.restoreAllMocks();
    return lines.filter((l) => l.includes("Benchmark"));
  }

  it("prints none, where Eleventy would print one for a slow filter even in quiet mode", async () => {
    const without = await printed(false);
    expect(
      without.join("\n"),
      "Eleventy no longer warns about a slow filter in quiet mode: plugins/quiet-benchmarks.ts may go",
    ).toMatch(/Benchmark .*\(Configuration\).*"slow" Nunjucks Filter/);
    expect(await printed(true)).toEqual([]);
  });
});

describe("releasing written pages", () => {
  interface Page {
    url: string;
    _templateContent?: unknown;
    template: Record<string, unknown>;
    data?: unknown;
  }

  /**
   * Builds 12 paginated pages and a plain one; what Eleventy still holds of them after, and
   * when each paginated page's content was rendered (`content:c`) and written (`write:/c/`).
   */
  async function build(release: boolean) {
    const input = await mkdtemp(path.join(os.tmpdir(), "almanac-release-"));
    await mkdir(path.join(input, "_includes"));
    await writeFile(path.join(input, "_includes/base.njk"), "<main>{{ content | safe }}</main>");
    await writeFile(
      path.join(input, "page.njk"),
      [
        "---",
        "layout: base.njk",
        "pagination: { data: items, size: 1, alias: item }",
        "items: [a, b, c, d, e, f, g, h, i, j, k, l]",
        'permalink: "/{{ item }}/index.html"',
        "---",
        "<p>{{ item | rendered }}</p>",
      ].join("\n"),
    );
    await writeFile(path.join(input, "one.njk"), "---\nlayout: base.njk\n---\n<p>one</p>");
    const output = path.join(input, "_site");
    let results: { url: string; content?: unknown }[] = [];
    const events: string[] = [];
    const eleventy = new Eleventy(input, output, {
      quietMode: true,
      configPath: false as unknown as string,
      config: (config: Parameters<typeof releasePagesPlugin>[0]) => {
        if (release) config.addPlugin(releasePagesPlugin);
        config.addFilter("rendered", (item: string) => {
          events.push(`content:${item}`);
          return item;
        });
        // Transforms run on the finished page, right before Eleventy writes it.
        config.addTransform("written", function (this: { page: { url: string } }, html: string) {
          if (this.page.url !== "/one/") events.push(`write:${this.page.url}`);
          return html;
        });
        config.on("eleventy.after", (event: { results: typeof results }) => {
          results = event.results;
        });
      },
    });
    await eleventy.write();
    const writer = (eleventy as unknown as { writer: { templateMap: { getMap(): unknown[] } } })
      .writer;
    const map = writer.templateMap.getMap() as {
      template: Record<string, unknown>;
      _pages: Page[];
    }[];
    const pages = map.flatMap((entry) => entry._pages);
    return { output, results, pages, events, templates: map.map((entry) => entry.template) };
  }

  it("keeps nothing of a page once written, where Eleventy keeps it four times over", async () => {
    const kept = await build(false);
    // Without the plugin: what the patch releases is where Eleventy keeps it. If one of
    // these fails, an upgrade moved it: update plugins/release-pages.ts.
    expect(kept.pages).toHaveLength(13);
    for (const page of kept.pages) {
      expect(page._templateContent, "pageEntry._templateContent").toMatch(/^<p>/);
      expect(page.data, "pageEntry.data").toBeTypeOf("object");
      for (const field of ["_cacheRenderedPromise", "_cacheRenderedTransformsAndLayoutsPromise"])
        expect(page.template[field], `Template#${field}`).toBeInstanceOf(Promise);
    }
    expect(kept.results.every((r) => typeof r.content === "string")).toBe(true);

    const released = await build(true);
    expect(released.pages).toHaveLength(13);
    for (const page of released.pages) {
      expect(page._templateContent).toBeUndefined();
      // The page's data and its template (a paginated page's own copy) go too.
      expect(page.template).toBeUndefined();
      expect(page.data).toBeUndefined();
    }
    // The templates the pages came from keep no rendered page either.
    const templates = new Set(released.templates);
    expect(templates.size).toBe(2);
    for (const template of templates) {
      expect(template._cacheRenderedPromise).toBeUndefined();
      expect(template._cacheRenderedTransformsAndLayoutsPromise).toBeUndefined();
    }
    expect(released.results).toHaveLength(13);
    expect(released.results.every((r) => r.content === undefined)).toBe(true);
    // The pages themselves are written as before.
    expect(await readFile(path.join(released.output, "c/index.html"), "utf8")).toBe(
      "<main><p>c</p></main>",
    );
    expect(await readFile(path.join(released.output, "one/index.html"), "utf8")).toBe(
      "<main><p>one</p></main>",
    );
  });

  it("renders a page's content right before writing it, where Eleventy renders every page's first", async () => {
    const items = "abcdefghijkl".split("");
    // Without the plugin: Eleventy renders all 12 contents (TemplateMap#populateContentDataInMap)
    // before the first layout. If this fails, an upgrade changed that: the patch may go.
    const eager = await build(false);
    expect(eager.events).toEqual([
      ...items.map((x) => `content:${x}`),
      ...items.map((x) => `write:/${x}/`),
    ]);
    // With it, one page's content at a time, each written before the next is rendered.
    const lazy = await build(true);
    expect(lazy.events).toEqual(items.flatMap((x) => [`content:${x}`, `write:/${x}/`]));
    for (const x of items)
      expect(await readFile(path.join(lazy.output, `${x}/index.html`), "utf8")).toBe(
        `<main><p>${x}</p></main>`,
      );
  });
});
