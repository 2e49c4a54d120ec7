// Search in each language of a site in English and Spanish, in real Chromium: each
// language's /search/ searches its own Pagefind index (the one of its `<html lang>`) and
// links results to that language's pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";

describe("search in each language", () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    site = await buildFixture(path.join(REPO, "test/fixtures/bilingual"));
    server = await serveStatic(site.output);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The titles and links of the results of `query` on the search page at `url`. */
  async function search(url: string, query: string): Promise<string[]> {
    await page.goto(`${server.url}${url}?q=${encodeURIComponent(query)}`);
    await page.waitForSelector("[data-search-form][data-ready]");
    const links = page.locator(".search-result h2 a");
    return (await links.evaluateAll((as) =>
      as.map((a) => `${a.textContent} ${a.getAttribute("href")}`),
    )) as string[];
  }

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

  it("finds the English title on /search/, and no Spanish page", async () => {
    expect((await search("/search/", "coding")).sort()).toEqual([
      "City Makerspace /partners/city-makerspace/",
      "Coding Club /programs/coding-club/",
    ]);
    for (const found of await search("/search/", "programación"))
      expect(found).not.toMatch(/ \/es\//);
  });
});
