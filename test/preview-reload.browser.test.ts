// The preview's reload (src/build/reload-clients.ts) in real Chromium: with three tabs open
// (the edited program's page, a guide the edit does not touch, `/programs/`), an edit
// reloads the two whose page it changed and leaves the third as it was (the same document,
// a marker set in it still there); a tab on a missing page reloads once a page is written
// there; a content mistake shows the error page in every tab,
// and its fix brings every tab back to the site. The pages' own policy (`script-src
// 'self'`) stays: the reload client is a same-origin module.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { previewSite, type Preview } from "../almanac.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { demoCopy } from "./helpers/preview.ts";

const ENV = { ALMANAC_NOW: "2026-11-28T10:00", ALMANAC_SEARCH: "off" };
const TIMEOUT = 30_000;
const quiet = { log: () => {}, error: () => {} };

/** The first `<h1>`'s text, "" while the page is between two loads. */
const h1 = (page: Page) =>
  page
    .locator("h1")
    .first()
    .textContent({ timeout: 1000 })
    .then((t) => (t ?? "").trim())
    .catch(() => "");
const main = (page: Page) =>
  page
    .locator("main")
    .textContent({ timeout: 1000 })
    .catch(() => "");

/** The document's start and the marker set in it ("" once it is another document). */
const identity = (page: Page) =>
  page
    .evaluate(() => ({
      origin: performance.timeOrigin,
      marker: (window as unknown as { almanacMarker?: string }).almanacMarker ?? "",
    }))
    .catch(() => ({ origin: 0, marker: "" }));

describe("npm start reloads only the tabs whose page changed", () => {
  let root: string;
  let preview: Preview;
  let browser: Browser;
  let program: Page;
  let guide: Page;
  let listing: Page;
  let guideTitle: string;
  const errors: string[] = [];
  const file = (rel: string) => path.join(root, "content", rel);
  const edit = async (rel: string, from: RegExp, to: string) =>
    writeFile(file(rel), (await readFile(file(rel), "utf8")).replace(from, to));

  beforeAll(async () => {
    root = await demoCopy();
    preview = await previewSite({ root, port: 0, env: ENV, print: quiet });
    browser = await launchBrowser();
    const context = await browser.newContext();
    const open = async (url: string) => {
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`${url}: ${m.text()}`);
      });
      const socket = page.waitForEvent("websocket", {
        predicate: (ws) => ws.url().includes("/.almanac/reload?"),
      });
      await page.goto(new URL(url, preview.url).href);
      await socket;
      await page.evaluate(
        (name) => ((window as unknown as { almanacMarker: string }).almanacMarker = name),
        url,
      );
      return page;
    };
    program = await open("/programs/chess-club/");
    guide = await open("/guides/lateral-reading/");
    listing = await open("/programs/");
    guideTitle = await h1(guide);
    // The last socket opened is connected (the first edit would otherwise not reach it).
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  it("reloads the edited program's page and /programs/, not a guide the edit leaves as it was", async () => {
    const guideFile = path.join(preview.output, "guides/lateral-reading/index.html");
    const guideWritten = (await stat(guideFile)).mtimeMs;
    const before = await identity(guide);
    expect(before.marker).toBe("/guides/lateral-reading/");
    const loads = { program: 0, listing: 0, guide: 0 };
    program.on("load", () => loads.program++);
    listing.on("load", () => loads.listing++);
    guide.on("load", () => loads.guide++);
    const next = preview.nextRun();
    await edit("programs/chess-club.md", /^title: .*$/m, "title: Chess for Everyone");
    expect((await next).kind).toBe("rebuilt");
    await expect.poll(() => h1(program), { timeout: TIMEOUT }).toBe("Chess for Everyone");
    await expect.poll(() => main(listing), { timeout: TIMEOUT }).toContain("Chess for Everyone");
    // Both passes' reloads have been sent by then, the calendars and index written after.
    await preview.settled();
    expect((await identity(program)).marker, "the program's tab reloaded").toBe("");
    expect((await identity(listing)).marker, "the listing's tab reloaded").toBe("");
    // The guide's page was not written, and its tab is the same document it was.
    expect((await stat(guideFile)).mtimeMs).toBe(guideWritten);
    expect(await identity(guide), "the guide's tab was not reloaded").toEqual(before);
    expect(await h1(guide)).toBe(guideTitle);
    // Both pages are the first pass's: the second pass's reload reaches neither.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(loads, "each changed tab loaded once, the guide's not at all").toEqual({
      program: 1,
      listing: 1,
      guide: 0,
    });
    expect(errors).toEqual([]);
  });

  it("reloads a tab on a missing page once a new program's page is written there", async () => {
    const context = program.context();
    const missing = await context.newPage();
    const socket = missing.waitForEvent("websocket", {
      predicate: (ws) => ws.url().includes("/.almanac/reload?"),
    });
    const response = await missing.goto(new URL("/programs/seed-library/", preview.url).href);
    expect(response?.status()).toBe(404);
    await socket;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = await identity(guide);
    await writeFile(
      file("programs/seed-library.md"),
      "---\ntitle: Seed Library Opening\nsummary: Take seeds, leave seeds.\naudiences: [adults]\ncategories: [technology]\nlocation: central\nstart: 2026-12-10 18:00\n---\nBring seeds to share.\n",
    );
    await expect.poll(() => h1(missing), { timeout: TIMEOUT }).toBe("Seed Library Opening");
    await preview.settled();
    expect(await identity(guide), "the guide's tab was not reloaded").toEqual(before);
    await missing.close();
  });

  it("shows a content mistake in every tab, and every tab comes back once it is fixed", async () => {
    await edit("programs/chess-club.md", /^audiences: .*$/m, "audiences: [astronauts]");
    const problem = (page: Page) =>
      page
        .locator("#almanac-preview-error")
        .count()
        .catch(() => 0);
    for (const page of [program, guide, listing])
      await expect.poll(() => problem(page), { timeout: TIMEOUT }).toBe(1);
    expect(await program.locator(".problems li").first().textContent()).toMatch(
      /^content\/programs\/chess-club\.md:\d+: audiences: unknown audience "astronauts"/,
    );
    await edit("programs/chess-club.md", /^audiences: .*$/m, "audiences: [kids, teens, adults]");
    await expect.poll(() => h1(program), { timeout: TIMEOUT }).toBe("Chess for Everyone");
    await expect.poll(() => h1(guide), { timeout: TIMEOUT }).toBe(guideTitle);
    await expect.poll(() => main(listing), { timeout: TIMEOUT }).toContain("Chess for Everyone");
    for (const page of [program, guide, listing]) expect(await problem(page)).toBe(0);
  });
});
