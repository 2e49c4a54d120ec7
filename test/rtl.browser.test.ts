// A library whose main language is Arabic (issue 17, right-to-left scripts), in real
// Chromium: pages say `<html lang="ar" dir="rtl">` and, with the logical CSS properties of
// layouts/assets, the month calendar, listings and the explorer's filters mirror (the first
// weekday on the right, text starting on the right); axe finds nothing in Arabic. The same
// site under /mi/ is in te reo Māori, a language Almanac ships no table for: its pages
// carry lang="mi", read the library's partial table and show the rest in Arabic, key by key.
import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { axe } from "./helpers/axe.ts";
import { searchResults, servedInChromium } from "./helpers/browser.ts";
import { switcherSeen } from "./helpers/language-switcher.ts";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";

const ROOT = path.join(REPO, "test/fixtures/arabic");

describe("a library in Arabic, right to left", () => {
  let site: BuiltSite;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const served = servedInChromium(async () => {
    site = await buildFixture(ROOT);
    return site.output;
  });

  beforeAll(async () => {
    // Wide enough for the calendar's grid and the explorer's row of filters; axe is
    // injected as a script, which the site's CSP would block.
    context = await served.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      serviceWorkers: "block",
    });
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  });

  /** The bounding box of the first element matching `selector` (it must be shown). */
  async function box(selector: string) {
    const found = await page.locator(selector).first().boundingBox();
    if (!found) throw new Error(`${selector} is not shown`);
    return found;
  }

  it("builds with no problem but the words te reo Māori's table leaves to Arabic", () => {
    const others = site.problems.filter(
      (p) =>
        !(
          p.file === "_data/strings/mi.yaml" &&
          p.severity === "warning" &&
          p.message === "missing: pages show it in the default language (ar)"
        ),
    );
    expect(others).toEqual([]);
  });

  it("marks every Arabic page lang=ar dir=rtl, and the Māori pages lang=mi", async () => {
    for (const url of ["/", "/programs/", "/programs/story-time/", "/calendar/2026/12/"])
      expect(await site.read(url), url).toContain('<html lang="ar" dir="rtl">');
    // The pages with a layout of their own: the lobby screen, the brochure, the embed.
    for (const url of ["/signage/central/", "/print/2026-12/", "/embed/"])
      expect(await site.read(url), url).toContain('<html lang="ar" dir="rtl">');
    for (const url of ["/mi/", "/mi/programs/", "/mi/programs/story-time/"])
      expect(await site.read(url), url).toContain('<html lang="mi">');
  });

  it("shows the Māori table's messages on /mi/ and Arabic, key by key, for the rest", async () => {
    const home = await site.read("/mi/");
    // In _data/strings/mi.yaml.
    expect(home).toContain('href="#main">Peke ki te ihirangi matua</a>');
    expect(home).toContain('<nav class="site-nav" aria-label="Kāinga">');
    // Not in it: the site's main language, as the build's warning says (not English).
    expect(home).toContain('<nav class="language-switcher" aria-label="اللغات">');
    expect(home).not.toContain('aria-label="Languages"');
    // A translated program, and a label by language.
    const program = await site.read("/mi/programs/story-time/");
    expect(program).toContain("<h1>Te Wā Kōrero</h1>");
    expect(program).toContain("Tamariki");
  });

  it("puts the month calendar's first weekday in the rightmost column", async () => {
    await page.goto(`${served.server.url}/calendar/2026/12/`);
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe("rtl");
    const first = await box(".calendar thead th:first-child");
    const last = await box(".calendar thead th:last-child");
    expect(first.x).toBeGreaterThan(last.x + last.width - 1);
    // The first week's first cell (a Saturday, Arabic's first weekday) is the rightmost too.
    const cells = await page
      .locator(".calendar tbody tr:first-child td")
      .evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().x));
    expect(cells).toEqual([...cells].sort((a, b) => b - a));
    const caption = await box(".calendar caption");
    const table = await box(".calendar");
    const captionText = await page.locator(".calendar caption").evaluate((c) => {
      const range = document.createRange();
      range.selectNodeContents(c);
      const r = range.getBoundingClientRect();
      return { x: r.x, width: r.width };
    });
    // The caption's text starts at the table's right edge.
    expect(table.x + table.width - (captionText.x + captionText.width)).toBeLessThan(2);
    expect(caption.width).toBeGreaterThan(captionText.width);
  });

  it("puts the link to the next month at the left, where the reading goes on", async () => {
    await page.goto(`${served.server.url}/calendar/2026/11/`); // the first month: no previous one
    const nav = await box(".month-nav");
    const next = await box('.month-nav a[rel="next"]');
    expect(next.x - nav.x).toBeLessThan(2);
    // Its arrow points that way too.
    expect(await page.locator('.month-nav a[rel="next"]').first().textContent()).toBe(
      "ديسمبر 2026 ←",
    );
    expect(await site.read("/calendar/2026/12/")).toContain(
      '<a rel="prev" href="/calendar/2026/11/">&rarr; نوفمبر 2026</a>',
    );
  });

  it("starts a listing's text on the right, its icon at the right edge", async () => {
    await page.goto(`${served.server.url}/programs/`);
    await page.waitForSelector("[data-explorer][data-ready]");
    // The icon is the row's `::before` (its tile), placed against the row's start edge.
    // A row on show (the page also holds rows the explorer keeps hidden: measuring one of
    // those gave no box), measured in one step in the page.
    const row = page.locator('.listing[class*="icon-"]:visible').first();
    const { listing, title, icon, text } = await row.evaluate((li) => {
      const r = li.getBoundingClientRect();
      const a = li.querySelector(":scope > a")!.getBoundingClientRect();
      const tile = getComputedStyle(li, "::before");
      const own = getComputedStyle(li);
      return {
        listing: { x: r.x, width: r.width },
        title: { x: a.x, width: a.width },
        icon: { x: r.x + parseFloat(tile.left), width: parseFloat(tile.width) },
        // The box the title and facts are set in: the row less its padding.
        text: {
          x: r.x + parseFloat(own.paddingLeft),
          right: r.right - parseFloat(own.paddingRight),
        },
      };
    });
    expect(icon.width).toBeGreaterThan(40);
    expect(icon.x + icon.width).toBeCloseTo(listing.x + listing.width, 0);
    expect(title.x + title.width).toBeLessThan(icon.x);
    // The title's text is set against the text's right edge, not its left.
    expect(text.right).toBeLessThan(icon.x);
    expect(text.right - (title.x + title.width)).toBeLessThan(2);
    expect(title.x - text.x).toBeGreaterThan(10);
    // A closed day's bar is on its right, where its text starts.
    const bar = await page
      .locator(".day-closed")
      .first()
      .evaluate((el) => [
        getComputedStyle(el).borderRightWidth,
        getComputedStyle(el).borderLeftWidth,
      ]);
    expect(bar).toEqual(["4px", "0px"]);
  });

  it("mirrors the explorer's filters: the first at the right, the next to its left", async () => {
    await page.goto(`${served.server.url}/programs/`);
    await page.waitForSelector("[data-explorer][data-ready]");
    const when = await box("#explorer-when");
    const age = await box("#explorer-age");
    expect(Math.abs(when.y - age.y)).toBeLessThan(when.height);
    expect(when.x).toBeGreaterThan(age.x + age.width - 1);
    const fields = await box(".explorer-fields");
    expect(fields.x + fields.width - (when.x + when.width)).toBeLessThan(2);
    // A label sits over its control's right edge.
    const label = await page.locator('label[for="explorer-when"]').evaluate((l) => {
      const range = document.createRange();
      range.selectNodeContents(l);
      const r = range.getBoundingClientRect();
      return r.x + r.width;
    });
    expect(Math.abs(label - (when.x + when.width))).toBeLessThan(2);
    expect(errors).toEqual([]);
  });

  it("mirrors the lobby screen: the library's name at the right, the clock at the left", async () => {
    await page.goto(`${served.server.url}/signage/central/`);
    const header = await box(".sign-header");
    const name = await box(".sign-library");
    const clock = await page
      .locator(".sign-clock time")
      .evaluate((t) => t.getBoundingClientRect().x);
    expect(header.x + header.width - (name.x + name.width)).toBeLessThan(2);
    expect(clock - header.x).toBeLessThan(2);
  });

  // `4 سنوات` was searched as the text "4" and listed programs for adults: the search page
  // knew the words of ages in English, Spanish, French and German only.
  it("reads an age asked in Arabic, in either digits, as the programs for that age", async () => {
    for (const q of [
      "4 سنوات",
      "طفل عمره 4 سنوات",
      "٤ سنوات",
      "من 3 إلى 5 سنوات",
      "أقل من 5 سنوات",
    ]) {
      const found = await searchResults(page, `${served.server.url}/search/`, q);
      expect(found, q).toEqual(["ساعة الحكايات /programs/story-time/"]);
      expect(await page.locator("[data-search-help]").textContent(), q).toBe("");
    }
    // An age no audience has: no program, rather than pages with the number.
    expect(await searchResults(page, `${served.server.url}/search/`, "40 سنة")).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("has zero axe violations on the Arabic home, listing, program and calendar pages", async () => {
    const found: string[] = [];
    for (const url of ["/", "/programs/", "/programs/story-time/", "/calendar/2026/12/", "/mi/"]) {
      await page.goto(`${served.server.url}${url}`, { waitUntil: "load" });
      if (url.endsWith("programs/")) await page.waitForSelector("[data-explorer][data-ready]");
      found.push(...(await axe(page)).map((v) => `${url}: ${v}`));
    }
    expect(found).toEqual([]);
  }, 120_000);

  it.each([320, 1280])(
    "has the language switcher in the header at %i px, mirrored, usable by keyboard",
    async (width) => {
      for (const [url, links, to] of [
        ["/programs/", ["ar ar true", "mi mi -"], "/mi/programs/"],
        ["/mi/programs/", ["ar ar -", "mi mi true"], "/programs/"],
      ] as const) {
        const seen = await switcherSeen(served.browser, `${served.server.url}${url}`, width);
        expect(seen, url).toEqual({
          scrolls: false,
          links,
          inHeader: true,
          looksLikeHeader: true,
          currentMarked: true,
          tabbed: ["ar", "mi"],
          enterLeadsTo: to,
        });
      }
      // Te reo Māori on an Arabic page reads left to right, and Arabic on a Māori page right
      // to left.
      expect(await site.read("/")).toMatch(/<a href="\/mi\/" hreflang="mi" lang="mi" dir="ltr">/);
      expect(await site.read("/mi/")).toMatch(/<a href="\/" hreflang="ar" lang="ar" dir="rtl">/);
    },
  );
});
