// Gate: accessibility. axe-core finds zero WCAG 2.2 A/AA violations on every kind of page
// (PAGE_KINDS in page-kinds.ts: add an entry to cover a new kind), for the demo library and
// another library; and a keyboard-only walk works: the skip link comes first and moves focus
// to the main content, a search filter can be changed from the keyboard and the results
// follow, and a calendar's next-month link is reached with Tab and followed with Enter.
//
// axe is injected as a script, which the site's own CSP would block, so the axe runs use a
// `bypassCSP` context; the CSP itself is checked by csp.browser.test.ts in a strict one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { axe } from "../helpers/axe.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { serveStatic, type StaticServer } from "../helpers/serve.ts";
import { DEMO_ROOT } from "../helpers/site.ts";
import {
  ARABIC_ROOT,
  BILINGUAL_ROOT,
  BRANDED_ROOT,
  buildOnce,
  OTHER_LIBRARY_ROOT,
  type SharedBuild,
} from "./build-once.ts";
import { pagesOfKinds } from "./page-kinds.ts";

/** Presses Tab until `test` holds for the focused element; returns the number of presses. */
async function tabTo(page: Page, test: string, max = 150): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press("Tab");
    const found = await page.evaluate((expr) => {
      const el = document.activeElement;
      return !!el && el.matches(expr);
    }, test);
    if (found) return i;
  }
  throw new Error(`Tab never reached ${test} in ${max} presses`);
}

/**
 * Each page of `kinds` opened on `base` and checked with axe: one line a violation, or a
 * page that did not load (a 404 only where the kind is the 404 page).
 */
async function violationsOf(
  page: Page,
  base: string,
  kinds: readonly { name: string; url: string; ready?: string }[],
): Promise<string[]> {
  const found: string[] = [];
  for (const kind of kinds) {
    const response = await page.goto(`${base}${kind.url}`, { waitUntil: "load" });
    if (!response || (response.status() >= 400 && kind.name !== "not found (404)")) {
      found.push(`${kind.name} ${kind.url}: HTTP ${response?.status()}`);
      continue;
    }
    if (kind.ready) await page.locator(kind.ready).first().waitFor({ timeout: 15_000 });
    const started = Date.now();
    found.push(...(await axe(page)).map((v) => `${kind.name} ${kind.url}: ${v}`));
    if (process.env.ALMANAC_A11Y_TIMES) console.log(kind.name, Date.now() - started);
  }
  return found;
}

// The third column: the library's site is in a second language (`/es/`), whose kinds of
// page must then be among those checked.
describe.each([
  ["the demo library", DEMO_ROOT, true],
  ["another library (Pacific/Auckland)", OTHER_LIBRARY_ROOT, false],
  ["a library in English and Spanish", BILINGUAL_ROOT, true],
])("accessibility of %s", (_name, root, bilingual) => {
  let build: SharedBuild;
  let server: StaticServer;
  let browser: Browser;
  let axeContext: BrowserContext;
  let kinds: { name: string; url: string; ready?: string }[];

  beforeAll(async () => {
    build = await buildOnce(root);
    kinds = await pagesOfKinds(root, build.output);
    server = await serveStatic(build.output);
    browser = await launchBrowser();
    axeContext = await browser.newContext({ bypassCSP: true, serviceWorkers: "block" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("has an example of the core kinds of page", () => {
    const names = kinds.map((k) => k.name);
    for (const kind of [
      "home",
      "all programs",
      "month calendar",
      "normal program",
      "partner",
      "guide",
      "free page",
      "search with results",
      "offline page",
    ]) {
      expect(names).toContain(kind);
    }
    const inSpanish = kinds.filter((k) => k.url.startsWith("/es/")).map((k) => k.name);
    expect(inSpanish).toEqual(
      bilingual
        ? [
            "home in another language",
            "listing in another language",
            "translated program",
            "month calendar in another language",
            "explorer in another language",
            "search with results in another language",
            "guide in another language",
            "free page in another language",
            "partner in another language",
            "my plan in another language",
            "offline page in another language",
            "untranslated program in another language",
            "translated guide",
            "filtered explorer in another language",
          ]
        : [],
    );
  });

  it("has zero axe violations (WCAG 2.2 A/AA) on every kind of page", async () => {
    const page = await axeContext.newPage();
    const found = await violationsOf(page, server.url, kinds);
    await page.close();
    expect(found).toEqual([]);
  }, 300_000);

  it("would catch a violation (axe really runs)", async () => {
    const page = await axeContext.newPage();
    await page.goto(`${server.url}/`, { waitUntil: "load" });
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.src = "/favicon-32.png";
      document.querySelector("main")?.append(img);
    });
    expect((await axe(page)).join("\n")).toMatch(/^image-alt/m);
    await page.close();
  });

  it("lets keyboard users skip to the main content first", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${server.url}/`, { waitUntil: "load" });
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim(),
      href: document.activeElement?.getAttribute("href"),
    }));
    expect(first.href).toBe("#main");
    expect(first.text).toMatch(/skip/i);
    // Visible when focused (a skip link hidden from sighted keyboard users helps nobody).
    const box = await page.locator(":focus").boundingBox();
    expect(box && box.width > 1 && box.height > 1).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await context.close();
  });

  it("follows a calendar's next-month link with Tab and Enter", async () => {
    const month = kinds.find((k) => k.name === "month calendar")!;
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${server.url}${month.url}`, { waitUntil: "load" });
    await tabTo(page, 'a[rel="next"]');
    const target = await page.evaluate(() => document.activeElement?.getAttribute("href"));
    expect(target).toMatch(/^\/calendar\/\d{4}\/\d{2}\/$/);
    await Promise.all([page.waitForURL(`**${target}`), page.keyboard.press("Enter")]);
    expect(new URL(page.url()).pathname).toBe(target);
    await context.close();
  });

  it("searches and changes a filter with the keyboard only; the results follow", async () => {
    const search = kinds.find((k) => k.name === "search with results")!;
    const query = new URL(search.url, "http://x").searchParams.get("q")!;
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${server.url}/search/`, { waitUntil: "load" });
    await tabTo(page, "input[type=search]");
    await page.keyboard.type(query);
    await page.keyboard.press("Enter");
    const results = page.locator("[data-search-results] a");
    await results.first().waitFor({ timeout: 15_000 });
    const before = await page.locator("[data-search-results]").innerText();
    const status = page.locator("[role=status]");
    const statusBefore = await status.innerText();

    // Tab to the "Kind" filter and choose the next option with the arrow key.
    await tabTo(page, "select");
    const filter = await page.evaluate(() => (document.activeElement as HTMLSelectElement).name);
    await page.keyboard.press("ArrowDown");
    const value = await page.evaluate(() => (document.activeElement as HTMLSelectElement).value);
    expect(value).not.toBe("");
    await page.waitForFunction(
      ([b, s]) =>
        document.querySelector("[data-search-results]")?.textContent !== b ||
        document.querySelector("[role=status]")?.textContent !== s,
      [before, statusBefore] as const,
      { timeout: 15_000 },
    );
    // The filter is in the URL, so the search can be shared.
    await page.waitForFunction((name) => new URL(location.href).searchParams.has(name), filter, {
      timeout: 5_000,
    });
    expect(new URL(page.url()).searchParams.get(filter)).toBe(value);
    await context.close();
  });
});

/**
 * Every kind of page of the library at `root` axe-clean, with `required` among the kinds
 * found (so a fixture that lost a kind fails rather than checking less).
 */
function everyKindAxeClean(title: string, root: string, required: string[], timeout: number) {
  describe(title, () => {
    let server: StaticServer;
    let browser: Browser;
    let kinds: { name: string; url: string; ready?: string }[];

    beforeAll(async () => {
      const build = await buildOnce(root);
      kinds = await pagesOfKinds(root, build.output);
      server = await serveStatic(build.output);
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it(
      "has zero axe violations (WCAG 2.2 A/AA) on every kind of page",
      async () => {
        expect(kinds.map((k) => k.name)).toEqual(expect.arrayContaining(required));
        const context = await browser.newContext({ bypassCSP: true, serviceWorkers: "block" });
        const page = await context.newPage();
        const found = await violationsOf(page, server.url, kinds);
        await context.close();
        expect(found).toEqual([]);
      },
      timeout,
    );
  });
}

// Right to left (Arabic at /) and a language with a partial table of its own (te reo Māori
// under /mi/): every kind of page of both, axe-clean as the others.
everyKindAxeClean(
  "accessibility of a library in Arabic and te reo Māori",
  ARABIC_ROOT,
  [
    "home",
    "normal program",
    "all programs",
    "month calendar",
    "search with results",
    "filtered explorer",
    "guide",
    "my plan (empty)",
    "home in another language",
    "translated program",
    "untranslated program in another language",
    "month calendar in another language",
    "search with results in another language",
    "explorer in another language",
    "guide in another language",
    "my plan in another language",
  ],
  600_000,
);

// The library's own logo and colours (brand.css) must keep every page accessible: the
// header, buttons and lobby screens in its colours, the logo's alt text.
everyKindAxeClean(
  "accessibility of a branded library (logo and brand colours)",
  BRANDED_ROOT,
  ["home", "normal program", "lobby screen"],
  300_000,
);
