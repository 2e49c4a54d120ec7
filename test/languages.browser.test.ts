// Search in each language of a site in English and Spanish, in real Chromium: each
// language's /search/ searches its own Pagefind index (the one of its `<html lang>`) and
// links results to that language's pages; each language's program explorer lists from its
// own data, linking to that language's pages.
import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { Page } from "playwright-core";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";
import { searchResults, servedInChromium } from "./helpers/browser.ts";
import { switcherSeen } from "./helpers/language-switcher.ts";

// One build of the bilingual library, served and opened in Chromium for both blocks.
let site: BuiltSite;
const served = servedInChromium(async () => {
  site = await buildFixture(path.join(REPO, "test/fixtures/bilingual"));
  return site.output;
});

describe("search in each language", () => {
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    page = await served.browser.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  });

  /** The titles and links of the results of `query` on the search page at `url`. */
  const search = (url: string, query: string) =>
    searchResults(page, `${served.server.url}${url}`, query);

  it("finds the Spanish title on /es/search/, linking to the Spanish page", async () => {
    // The program, and the partner page that lists it.
    expect((await search("/es/search/", "programación")).sort()).toEqual([
      "City Makerspace /es/partners/city-makerspace/",
      "Club de programación /es/programs/coding-club/",
    ]);
    // The English pages are not in the Spanish index (whatever a word only they have finds).
    for (const found of await search("/es/search/", "laptop")) expect(found).toMatch(/ \/es\//);
    expect(errors).toEqual([]);
  });

  // A word only the English pages have passed /es/search/'s check against one word list for
  // the whole site, and the Spanish index listed the pages with `la` ("laptop").
  it("names and drops a word only the other language's pages have, listing no page by its first letters", async () => {
    expect(await search("/es/search/", "laptop")).toEqual([]);
    expect(await page.locator("[data-search-status]").textContent()).toBe(
      "No hay resultados para “laptop”.",
    );
    // The program, and the partner page that lists it.
    expect((await search("/es/search/", "club laptop")).sort()).toEqual([
      "City Makerspace /es/partners/city-makerspace/",
      "Club de programación /es/programs/coding-club/",
    ]);
    expect(await page.locator("[data-search-help]").textContent()).toContain("“laptop”");
    // And the other way round; an English page shown untranslated on /es/ is in its index.
    expect(await search("/search/", "portátil")).toEqual([]);
    expect(await search("/es/search/", "taxes")).toEqual(["Tax Help /es/programs/tax-help/"]);
    expect(errors).toEqual([]);
  });

  it("finds the English title on /search/, and no Spanish page", async () => {
    expect((await search("/search/", "coding")).sort()).toEqual([
      "City Makerspace /partners/city-makerspace/",
      "Coding Club /programs/coding-club/",
    ]);
    for (const found of await search("/search/", "programación"))
      expect(found).not.toMatch(/ \/es\//);
  });
});

describe("search in all languages", () => {
  /** `title href lang` of each result on the page, once the search has run. */
  async function results(page: Page): Promise<string[]> {
    return (await page
      .locator(".search-result")
      .evaluateAll((items) =>
        items.map(
          (li) =>
            `${li.querySelector("h2 a")?.textContent} ${li.querySelector("h2 a")?.getAttribute("href")} ${li.getAttribute("lang") ?? "-"}`,
        ),
      )) as string[];
  }

  it('/search/ with "All languages" finds a title only the Spanish page has, marked es; without, it does not', async () => {
    const page = await served.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${served.server.url}/search/?q=${encodeURIComponent("programación")}`);
    await page.waitForSelector("[data-search-form][data-ready]");
    expect(await results(page)).not.toContainEqual(expect.stringContaining(" /es/"));
    // Ticked: the Spanish index is merged in and searched.
    await page.locator("#search-all-languages").check();
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".search-result h2 a")].some((a) =>
        a.getAttribute("href")!.startsWith("/es/"),
      ),
    );
    expect(await results(page)).toContain("Club de programación /es/programs/coding-club/ es");
    expect(page.url()).toContain("languages=all");
    // From the address, as a shared link opens it; English results carry no mark.
    await page.goto(`${served.server.url}/search/?q=club&languages=all`);
    await page.waitForSelector("[data-search-form][data-ready]");
    const both = await results(page);
    expect(both).toContain("Coding Club /programs/coding-club/ -");
    expect(both).toContain("Club de programación /es/programs/coding-club/ es");
    expect(await page.isChecked("#search-all-languages")).toBe(true);
    // Unticked: the page's own index alone again.
    await page.locator("#search-all-languages").uncheck();
    await page.waitForURL((url) => !url.search.includes("languages="));
    await page.waitForSelector("[data-search-form][data-ready]");
    const own = await results(page);
    expect(own).toContain("Coding Club /programs/coding-club/ -");
    expect(own).not.toContainEqual(expect.stringContaining(" /es/"));
    // And from the Spanish page, the English one, marked en.
    await page.goto(`${served.server.url}/es/search/?q=laptop&languages=all`);
    await page.waitForSelector("[data-search-form][data-ready]");
    expect(await results(page)).toContainEqual(
      expect.stringMatching(/ \/programs\/coding-club\/ en$/),
    );
    await page.close();
    expect(errors).toEqual([]);
  });

  it("marks a result with no translation into the page's language with the one it is in", async () => {
    const page = await served.browser.newPage();
    // Tax Help has no Spanish file: its /es/ page is in English, and so is its result.
    await page.goto(`${served.server.url}/es/search/?q=tax`);
    await page.waitForSelector("[data-search-form][data-ready]");
    await page.waitForSelector(".search-result");
    expect(await results(page)).toContain("Tax Help /es/programs/tax-help/ en");
    // A translated one carries no mark on its own language's page.
    await page.goto(`${served.server.url}/es/search/?q=${encodeURIComponent("programación")}`);
    await page.waitForSelector("[data-search-form][data-ready]");
    await page.waitForSelector(".search-result");
    expect(await results(page)).toContain("Club de programación /es/programs/coding-club/ -");
    await page.close();
  });
});

describe("My plan in each language", () => {
  it("marks a saved program with no translation with the language its title is in", async () => {
    const context = await served.browser.newContext({ serviceWorkers: "block" });
    await context.clock.setFixedTime(new Date("2026-11-28T16:00:00Z"));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    for (const id of ["tax-help", "coding-club"]) {
      await page.goto(`${served.server.url}/es/programs/${id}/`);
      const save = page.locator("[data-plan-program]:not([hidden]) button.plan-save").first();
      await save.click();
      await expect.poll(() => save.getAttribute("aria-pressed")).toBe("true");
    }
    await page.goto(`${served.server.url}/es/my-plan/`);
    await page.locator("[data-plan][data-ready]").waitFor();
    const titles = await page
      .locator("[data-plan-list] .plan-title a")
      .evaluateAll((links) =>
        links.map((a) => `${a.textContent} ${a.getAttribute("lang") ?? "-"}`),
      );
    expect(titles.sort()).toEqual(["Club de programación -", "Tax Help en"]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the program explorer in each language", () => {
  /**
   * `title href lang` of each listing the explorer drew on the page at `url` (a filter in
   * it, so the listing is the script's, not the page's own).
   */
  async function listings(url: string): Promise<string[]> {
    const context = await served.browser.newContext({ serviceWorkers: "block" });
    await context.clock.setFixedTime(new Date(site.catalogue!.now.toMillis()));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${served.server.url}${url}`);
    await page.locator("[data-explorer][data-ready]").waitFor({ timeout: 15_000 });
    const found = (await page
      .locator("[data-explorer-results] li.listing > a")
      .evaluateAll((as) =>
        as.map((a) => `${a.textContent} ${a.getAttribute("href")} ${a.getAttribute("lang")}`),
      )) as string[];
    await context.close();
    expect(errors).toEqual([]);
    return [...new Set(found)].sort();
  }

  it("lists the Spanish titles on /es/programs/, linking to the Spanish pages", async () => {
    expect(await listings("/es/programs/?when=2026-12")).toEqual([
      "Club de programación /es/programs/coding-club/ null",
      "Hora del cuento /es/programs/story-time/ null",
      "Tax Help /es/programs/tax-help/ en",
    ]);
    expect(await listings("/programs/?when=2026-12")).toEqual([
      "Coding Club /programs/coding-club/ null",
      "Story Time /programs/story-time/ null",
      "Tax Help /programs/tax-help/ null",
    ]);
  });
});

describe("offline in each language", () => {
  it("answers an unsaved /es/ page with the Spanish offline page, and an unsaved / page with the English one", async () => {
    const context = await served.browser.newContext({ serviceWorkers: "allow" });
    // The build's clock, so the short versions list what the full pages list.
    await context.clock.install({ time: new Date(site.catalogue!.now.toMillis()) });
    const errors: string[] = [];
    /** `<html lang>`, `dir` and the first visible `<h1>` of `url`, opened in a new tab. */
    const open = async (url: string) => {
      const tab = await context.newPage();
      tab.on("pageerror", (e) => errors.push(e.message));
      await tab.goto(`${served.server.url}${url}`);
      await tab.waitForFunction(() => !!document.body.dataset.offlineDrawn);
      const shown = await tab.evaluate(() => ({
        lang: document.documentElement.lang,
        dir: document.documentElement.getAttribute("dir"),
        h1: [...document.querySelectorAll("h1")].find((h) => h.checkVisibility())?.textContent,
        h1Lang: [...document.querySelectorAll("h1")]
          .find((h) => h.checkVisibility())
          ?.getAttribute("lang"),
        links: [...document.querySelectorAll("[data-offline-view] a[href^='/']")].map((a) =>
          a.getAttribute("href"),
        ),
      }));
      await tab.close();
      return shown;
    };
    try {
      const first = await context.newPage();
      await first.goto(`${served.server.url}/es/`);
      await first.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await first.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await context.setOffline(true);

      // A page no patron saved, of a kind the offline page has no short version of.
      expect(await open("/es/partners/city-makerspace/")).toMatchObject({
        lang: "es",
        dir: null,
        h1: "No tiene conexión",
      });
      expect(await open("/partners/city-makerspace/")).toMatchObject({
        lang: "en-US",
        h1: "You are offline",
      });
      // A program and a month: drawn from the Spanish data, in Spanish, linking in Spanish.
      const program = await open("/es/programs/coding-club/");
      expect(program).toMatchObject({ lang: "es", h1: "Club de programación" });
      expect(program.links.length).toBeGreaterThan(0);
      for (const link of program.links) expect(link).toMatch(/^\/es\//);
      // An untranslated program, drawn offline, says it is in English.
      expect(await open("/es/programs/tax-help/")).toMatchObject({ h1: "Tax Help", h1Lang: "en" });
      const month = await open("/es/calendar/2026/12/");
      expect(month.h1).toMatch(/^Calendario: diciembre/);
      for (const link of month.links) expect(link).toMatch(/^\/es\//);
      expect((await open("/calendar/2026/12/")).h1).toBe("Calendar: December 2026");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("the language switcher, left to right", () => {
  it.each([320, 1280])(
    "is part of the header at %i px, usable by keyboard, and wraps",
    async (width) => {
      const seen = await switcherSeen(
        served.browser,
        `${served.server.url}/es/programs/coding-club/`,
        width,
      );
      expect(seen).toEqual({
        scrolls: false,
        links: ["en en -", "es es true"],
        inHeader: true,
        looksLikeHeader: true,
        currentMarked: true,
        tabbed: ["en", "es"],
        enterLeadsTo: "/programs/coding-club/",
      });
    },
  );
});
