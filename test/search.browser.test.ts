// Search in real Chromium on a built fixture site: Pagefind's index made inside the build,
// the /search/ page's filters, soonest-first sort, state in the URL, diacritics, and the
// browse links that stand in for search without JavaScript.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildFixture, type BuiltSite } from "./helpers/site.ts";
import { makeSite } from "./helpers/fixture.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";

const program = (fields: string, body: string) => `---\n${fields.trim()}\n---\n${body}\n`;

function fixture(): Promise<string> {
  return makeSite({
    "content/programs/lego-club.md": program(
      `
title: Lego Club
summary: Build with Lego bricks every week.
audiences: [kids]
categories: [technology]
location: central
start: 2026-12-05 10:00
repeat: { every: week, count: 4 }
`,
      "Bring your ideas; we bring the Lego.",
    ),
    "content/programs/lego-for-grown-ups.md": program(
      `
title: Lego for Grown-ups
summary: Relaxing Lego building for adults.
audiences: [adults]
categories: [technology]
location: eastside
start: 2026-12-01 19:00
`,
      "An evening of Lego, tea and quiet building.",
    ),
    "content/programs/lego-robotics.md": program(
      `
title: Lego Robotics
summary: Program Lego robots.
audiences: [teens, kids]
categories: [technology]
location: central
start: 2027-01-12 16:00
`,
      "Motors, sensors and Lego.",
    ),
    "content/programs/korero-maori.md": program(
      `
title: Kōrero Māori
summary: Conversation in te reo Māori for every level.
audiences: [adults]
categories: [media-literacy]
location: central
start: 2026-12-03 18:00
`,
      "Practise kōrero with other learners.",
    ),
    "content/programs/te-reo-basics.md": program(
      `
title: Te reo basics
summary: First words of te reo Maori.
audiences: [adults]
categories: [media-literacy]
location: eastside
start: 2026-12-10 18:00
`,
      "Korero and waiata for beginners.",
    ),
    "content/partners/brick-builders.md": program(
      `
name: Brick Builders Guild
kind: community
summary: Volunteers who love Lego.
programs: [lego-club]
`,
      "We run Lego Club with the library.",
    ),
  });
}

describe("search in Chromium", () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    site = await buildFixture(await fixture(), "2026-11-28T10:00");
    server = await serveStatic(site.output);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `/search/<query>` and waits for the results of the last search. */
  async function open(query: string): Promise<void> {
    await page.goto(`${server.url}/search/${query}`);
    await page.waitForSelector("[data-search-form][data-ready]");
  }
  const titles = () => page.locator(".search-result h2 a").allTextContents();
  const status = () => page.locator("[data-search-status]").textContent();

  it("writes the Pagefind bundle inside the build", () => {
    expect(site.ok).toBe(true);
    for (const file of ["pagefind/pagefind.js", "pagefind/pagefind-entry.json"]) {
      expect(existsSync(path.join(site.output, file)), file).toBe(true);
    }
  });

  it("finds programs and partners for a word, with date and place, and announces the count", async () => {
    await open("?q=lego");
    const found = await titles();
    expect(found.sort()).toEqual([
      "Brick Builders Guild",
      "Lego Club",
      "Lego Robotics",
      "Lego for Grown-ups",
    ]);
    expect(await status()).toBe("4 results for “lego”.");
    await expect(page.locator("[data-search-status]").getAttribute("role")).resolves.toBe("status");
    const club = page.locator(".search-result", { hasText: "Lego Club" }).first();
    expect(await club.locator(".search-meta").textContent()).toBe(
      "Saturday, December 5, 2026, 10:00 AM · Central Library",
    );
    expect(await club.locator(".search-excerpt mark").first().textContent()).toMatch(/lego/i);
    expect(await club.locator("a").getAttribute("href")).toBe("/programs/lego-club/");
    expect(errors).toEqual([]);
  });

  it("narrows by audience and keeps the state in the URL", async () => {
    await open("?q=lego");
    await page.selectOption("#search-audience", "kids");
    await page.waitForFunction(() => document.querySelectorAll(".search-result").length === 2);
    expect((await titles()).sort()).toEqual(["Lego Club", "Lego Robotics"]);
    expect(new URL(page.url()).search).toBe("?q=lego&audience=kids");
    // The shared URL gives the same search.
    await open("?q=lego&audience=kids&type=program");
    expect(await page.inputValue("#search-audience")).toBe("kids");
    expect((await titles()).sort()).toEqual(["Lego Club", "Lego Robotics"]);
  });

  it("sorts soonest first", async () => {
    await open("?q=lego&type=program&sort=date");
    expect(await titles()).toEqual(["Lego for Grown-ups", "Lego Club", "Lego Robotics"]);
    expect(await status()).toBe("3 results for “lego”, soonest first.");
  });

  it("lists filtered results with an empty query", async () => {
    await open("?location=eastside&sort=date");
    expect(await titles()).toEqual(["Lego for Grown-ups", "Te reo basics"]);
    await open("?month=2027-01");
    expect(await titles()).toEqual(["Lego Robotics"]);
  });

  it("matches diacritics both ways", async () => {
    await open("?q=korero");
    expect((await titles()).sort()).toEqual(["Kōrero Māori", "Te reo basics"]);
    await open("?q=m%C4%81ori");
    expect((await titles()).sort()).toEqual(["Kōrero Māori", "Te reo basics"]);
  });

  it("offers the listing pages in the HTML, for browsers without JavaScript", async () => {
    const html = await site.read("/search/");
    expect(html).toMatch(
      /<form class="search-form" role="search" action="\/search\/" method="get"/,
    );
    expect(html).toContain('<input type="search" id="search-q" name="q"');
    for (const href of [
      "/programs/",
      "/calendar/",
      "/audiences/kids/",
      "/categories/technology/",
      "/locations/central/",
    ]) {
      expect(html).toContain(`href="${href}"`);
    }
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)/);
    expect(errors).toEqual([]);
  });
});
