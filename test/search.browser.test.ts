// Search in real Chromium on a built fixture site: Pagefind's index made inside the build,
// the /search/ page's filters, soonest-first sort, state in the URL, diacritics, the browse
// links that stand in for search without JavaScript, and how the page reads patrons' words
// (ages, audience words, access features, synonyms, typos, words that match nothing) and
// ranks what it finds. test/search-quality.browser.test.ts measures it on whole libraries.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";
import { DEFAULT_LIBRARY, makeSite } from "./helpers/fixture.ts";
import { launchBrowser, searchResults, servedInChromium } from "./helpers/browser.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";

const program = (fields: string, body: string) => `---\n${fields.trim()}\n---\n${body}\n`;

const LIBRARY = DEFAULT_LIBRARY.replace(
  "  - { id: kids, label: Kids }\n  - { id: teens, label: Teens }",
  "  - { id: kids, label: Kids, ages: [0, 11], terms: [toddler] }\n  - { id: teens, label: Teens, ages: [12, 18] }",
).concat(
  "access:\n  - { id: asl, label: ASL interpretation }\n",
  'search:\n  synonyms: { "build club": [lego club] }\n',
);

function fixture(): Promise<string> {
  return makeSite({
    "_data/library.yaml": LIBRARY,
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
      "Bring your ideas; we bring the Lego. Meet at door X.",
    ),
    "content/programs/lego-day.md": program(
      `
title: Lego Day
summary: A whole day of building.
audiences: [kids]
categories: [technology]
location: central
start: 2026-10-03 10:00
`,
      "It took place in October: Lego everywhere.",
    ),
    "content/programs/family-build-night.md": program(
      `
title: Family Build Night
summary: Build together after dinner.
audiences: [adults]
categories: [technology]
location: central
start: 2026-12-08 18:00
`,
      "Bring the family: Lego, Duplo and cardboard.",
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
access: [asl]
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
  /** The kids' Lego programs, upcoming ones first (in score order), the ended Lego Day last. */
  const kidsFirst = (found: string[]) =>
    found.length === 3 &&
    found.slice(0, 2).sort().join() === "Lego Club,Lego Robotics" &&
    found[2] === "Lego Day";

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
      "Family Build Night",
      "Lego Club",
      "Lego Day",
      "Lego Robotics",
      "Lego for Grown-ups",
    ]);
    expect(await status()).toBe("6 results for “lego”.");
    await expect(page.locator("[data-search-status]").getAttribute("role")).resolves.toBe("status");
    const club = page.locator(".search-result", { hasText: "Lego Club" }).first();
    expect(await club.locator(".search-meta").textContent()).toBe(
      "Saturday, December 5, 2026, 10:00 AM · Central Library",
    );
    expect(await club.locator(".search-excerpt mark").first().textContent()).toMatch(/lego/i);
    expect(await club.locator("a").getAttribute("href")).toBe("/programs/lego-club/");
    expect(errors).toEqual([]);
  });

  it("ranks programs whose title matches first, then text-only matches, partners after programs, ended programs last", async () => {
    await open("?q=lego");
    const found = await titles();
    expect(found.slice(0, 3).sort()).toEqual(["Lego Club", "Lego Robotics", "Lego for Grown-ups"]);
    expect(found.slice(3)).toEqual(["Family Build Night", "Brick Builders Guild", "Lego Day"]);
  });

  it("narrows by audience and keeps the state in the URL", async () => {
    await open("?q=lego");
    await page.selectOption("#search-audience", "kids");
    await page.waitForFunction(() => document.querySelectorAll(".search-result").length === 3);
    expect(kidsFirst(await titles())).toBe(true);
    expect(new URL(page.url()).search).toBe("?q=lego&audience=kids");
    // The shared URL gives the same search.
    await open("?q=lego&audience=kids&type=program");
    expect(await page.inputValue("#search-audience")).toBe("kids");
    expect(kidsFirst(await titles())).toBe(true);
  });

  it("sorts soonest first", async () => {
    await open("?q=lego&type=program&sort=date");
    expect(await titles()).toEqual([
      "Lego for Grown-ups",
      "Lego Club",
      "Family Build Night",
      "Lego Robotics",
      "Lego Day",
    ]);
    expect(await status()).toBe("5 results for “lego”, soonest first.");
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

  it("finds nothing for a word that matches nothing, never a page with a word it starts with", async () => {
    // Pagefind alone matches `xylophone` to the `X` of "door X".
    await open("?q=xylophone");
    expect(await titles()).toEqual([]);
    expect(await status()).toBe("No results for “xylophone”.");
    const help = page.locator("[data-search-help]");
    expect(
      await help.getByRole("link", { name: "explore all upcoming programs" }).getAttribute("href"),
    ).toBe("/programs/");
    await open("?q=legoo&audience=kids");
    expect(kidsFirst(await titles())).toBe(true);
    expect(await help.textContent()).toBe("Showing results for “lego”: nothing matched “legoo”.");
    await open("?q=lego%20xylophone");
    expect(await titles()).toHaveLength(6);
    expect(await help.textContent()).toBe("Nothing matched “xylophone”, so it was left out.");
    await open("?q=zqxvbn");
    expect(await titles()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("suggests the closest indexed words as searches when nothing is found", async () => {
    await open("?q=roboticz%20xylophone");
    // `roboticz` is corrected; `xylophone` is left out; the rest is found.
    expect(await titles()).toEqual(["Lego Robotics"]);
    await open("?q=brickzz");
    expect(await titles()).toEqual([]);
    const links = page.locator("[data-search-help] a");
    expect(await links.allTextContents()).toContain("brick");
    expect(await links.first().getAttribute("href")).toMatch(/^\?q=\w+$/);
  });

  it("finds programs by their audiences' words and ages, access features and the library's synonyms", async () => {
    await open("?q=toddler");
    expect(kidsFirst(await titles())).toBe(true);
    await open("?q=lego%20for%20my%2013%20year%20old");
    expect(await titles()).toEqual(["Lego Robotics"]);
    await open("?q=4%20year%20old");
    expect(await titles()).toEqual(["Lego Club", "Lego Robotics", "Lego Day"]);
    expect(await status()).toBe("3 results for “4 year old”, soonest first.");
    await open("?q=sign%20language");
    expect(await titles()).toEqual(["Kōrero Māori"]);
    await open("?q=build%20club");
    expect((await titles())[0]).toBe("Lego Club");
    await open("?q=eastside");
    expect((await titles()).sort()).toEqual(["Lego for Grown-ups", "Te reo basics"]);
    expect(errors).toEqual([]);
  });

  it("passes a phrase in quotes to Pagefind's exact search", async () => {
    await open("?q=%22lego%20club%22");
    expect((await titles()).sort()).toEqual(["Brick Builders Guild", "Lego Club"]);
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

// With "All languages", Pagefind searches every language's index for the same words, and
// in an index that has no word a query word is or starts, it matches the longest indexed
// word the query word starts: `ajedrez` (Spanish only) listed the Arabic copy of the
// untranslated pottery workshop for its Spanish `a`, from both languages' search pages.
describe("search in all languages of a site in Spanish and Arabic", () => {
  const served = servedInChromium(
    async () => (await buildFixture(path.join(REPO, "test/fixtures/search-es-ar"))).output,
  );
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    page = await served.browser.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  });

  /** `title href` of each result of `query` in all languages, from the search page at `url`. */
  const everywhere = (url: string, query: string) =>
    searchResults(page, `${served.server.url}${url}`, query, { languages: "all" });
  const status = () => page.locator("[data-search-status]").textContent();
  const CHESS = "Club de ajedrez /programs/club-ajedrez/";

  it("finds a word only one language's pages have there alone, with no first-letter match from the other", async () => {
    expect(await everywhere("/search/", "ajedrez")).toEqual([CHESS]);
    expect(await status()).toBe("1 resultado para “ajedrez”.");
    expect(await everywhere("/ar/search/", "ajedrez")).toEqual([CHESS]);
    // Nor a page of the other index that has the other words: `club` is not Arabic either.
    expect(await everywhere("/search/", "club ajedrez")).toEqual([CHESS]);
    expect(await everywhere("/ar/search/", "club ajedrez")).toEqual([CHESS]);
    // And the other way round.
    expect(await everywhere("/search/", "شطرنج")).toEqual([
      "نادي الشطرنج /ar/programs/club-ajedrez/",
    ]);
    expect(errors).toEqual([]);
  });

  it("finds a word both languages' pages have in both", async () => {
    expect((await everywhere("/search/", "scratch")).sort()).toEqual([
      "Programación con Scratch /programs/scratch/",
      "البرمجة بلغة Scratch /ar/programs/scratch/",
    ]);
    // The untranslated workshop is on the Arabic pages in Spanish: in both indexes.
    expect((await everywhere("/ar/search/", "cerámica")).sort()).toEqual([
      "Taller de cerámica /ar/programs/taller-ceramica/",
      "Taller de cerámica /programs/taller-ceramica/",
    ]);
    // One word of each language: no page has both; each is found by its own language's word.
    expect((await everywhere("/search/", "ajedrez شطرنج")).sort()).toEqual([
      CHESS,
      "نادي الشطرنج /ar/programs/club-ajedrez/",
    ]);
    expect(await status()).toBe(
      "Ningún resultado con todas las palabras para “ajedrez شطرنج”; 2 resultados con algunas de las palabras.",
    );
    expect(errors).toEqual([]);
  });
});
