// A consortium's /search/ in Chromium: one search over two member builds in different
// zones (the demo, America/Chicago, and the second library, Europe/London), each served
// from its own origin with the CORS header docs/consortium.md asks members to send, merged
// in the browser with Pagefind's mergeIndex. Results come from both, the Library menu
// narrows to one, results link to the member's own pages, and a member whose server is
// stopped leaves a note and the other's results.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./helpers/browser.ts";
import { axe } from "./helpers/axe.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";
import { buildConsortium, buildMembers, type MemberBuild } from "./helpers/consortium.ts";
import type { ProgramsJson } from "../src/outputs/programs-json.ts";

const MAPLE = "Maple Hollow Public Library";
const KETTLEBY = "Kettleby Libraries";

describe("a consortium's search across its members", () => {
  let browser: Browser;
  let consortium: StaticServer;
  let maple: StaticServer;
  let kettleby: StaticServer;
  /** Each member program's `free` as its member's programs.json says, by its consortium id. */
  const free = new Map<string, boolean | undefined>();
  const errors: string[] = [];

  beforeAll(async () => {
    const built = await buildMembers();
    // Members allow the consortium's pages to read their index (any origin, in the test).
    const cors = { "access-control-allow-origin": "*" };
    maple = await serveStatic(built.maple.output, cors);
    kettleby = await serveStatic(built.kettleby.output, cors);
    const members: MemberBuild[] = [
      { id: "maple", name: MAPLE, url: maple.url, site: built.maple },
      { id: "kettleby", name: KETTLEBY, url: kettleby.url, site: built.kettleby },
    ];
    for (const m of members) {
      const json = JSON.parse(await m.site.read("/programs.json")) as ProgramsJson;
      for (const o of json.occurrences) free.set(`${m.id}/${o.id}`, o.free);
    }
    const site = await buildConsortium(members);
    consortium = await serveStatic(site.output);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([consortium, maple, kettleby].map((s) => s?.close()));
  });

  async function search(query: string): Promise<Page> {
    const page = await browser.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !/Failed to (load|fetch)|ERR_CONNECTION_REFUSED/.test(m.text()))
        errors.push(m.text());
    });
    await page.goto(`${consortium.url}/search/${query}`);
    await page.waitForSelector("[data-consortium-search-form][data-ready]", { timeout: 30_000 });
    return page;
  }

  /** axe's violations on a page of the consortium once `ready` shows (axe is an inline script: CSP bypassed). */
  async function axeOf(url: string, ready: string): Promise<string[]> {
    const context = await browser.newContext({ bypassCSP: true, serviceWorkers: "block" });
    try {
      const page = await context.newPage();
      await page.goto(`${consortium.url}${url}`);
      await page.waitForSelector(ready, { timeout: 30_000 });
      return await axe(page);
    } finally {
      await context.close();
    }
  }

  /** Each result: its link and the library its facts name. */
  const resultsOf = (page: Page) =>
    page.locator(".search-result").evaluateAll((items) =>
      items.map((li) => ({
        href: li.querySelector("a")?.getAttribute("href") ?? "",
        facts: li.querySelector(".search-meta")?.textContent ?? "",
      })),
    );

  it("finds programs of both members, each linking to its member's page", async () => {
    // "club": LEGO and coding clubs at Maple Hollow, Code Club and Job Club at Kettleby.
    const page = await search("?q=club");
    const found = await resultsOf(page);
    const at = (server: StaticServer) => found.filter((r) => r.href.startsWith(`${server.url}/`));
    expect(at(maple).length).toBeGreaterThan(0);
    expect(at(kettleby).length).toBeGreaterThan(0);
    expect(at(maple).length + at(kettleby).length).toBe(found.length);
    for (const r of at(maple)) expect(r.facts).toContain(MAPLE);
    for (const r of at(kettleby)) expect(r.facts).toContain(KETTLEBY);
    expect(await page.locator("[data-search-members]").textContent()).toBe("");
    await page.close();
    expect(await axeOf("/search/?q=club", "[data-consortium-search-form][data-ready]")).toEqual([]);
  });

  it("the Library menu narrows to one member", async () => {
    const page = await search(`?q=club&library=${encodeURIComponent(KETTLEBY)}`);
    const found = await resultsOf(page);
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r.href.startsWith(`${kettleby.url}/`)).toBe(true);
    // Chosen in the form: the results follow.
    await page.selectOption("#search-library", MAPLE);
    await page.waitForFunction(
      (url) =>
        [...document.querySelectorAll(".search-result h2 a")].every((a) =>
          a.getAttribute("href")!.startsWith(url),
        ) && document.querySelectorAll(".search-result").length > 0,
      `${maple.url}/`,
    );
    expect(page.url()).toContain(`library=${encodeURIComponent(MAPLE).replace(/%20/g, "+")}`);
    await page.close();
  });

  it("the explorer links a member's program to its member's page, with its zone and library", async () => {
    const page = await browser.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${consortium.url}/programs/?when=week`);
    await page.locator("[data-explorer][data-ready]").waitFor({ timeout: 15_000 });
    const rows = page.locator("[data-explorer-results] li.listing[data-member]");
    await rows.first().waitFor({ timeout: 15_000 });
    const seen = await rows.evaluateAll((items) =>
      items.map((li) => ({
        href: li.querySelector(":scope > a")!.getAttribute("href")!,
        zone: li.querySelector(".zone")?.textContent ?? "",
        library: li.querySelector(".library")?.textContent ?? "",
      })),
    );
    const maples = seen.filter((r) => r.href.startsWith(`${maple.url}/programs/`));
    const kettlebys = seen.filter((r) => r.href.startsWith(`${kettleby.url}/programs/`));
    expect(maples.length).toBeGreaterThan(0);
    expect(kettlebys.length).toBeGreaterThan(0);
    expect(maples.length + kettlebys.length).toBe(seen.length);
    for (const r of maples)
      expect([r.library, /^(CST|UTC-05:00)$/.test(r.zone)]).toEqual([MAPLE, true]);
    for (const r of kettlebys) expect([r.library, r.zone]).toEqual([KETTLEBY, "GMT"]);
    await page.close();
    expect(
      await axeOf("/programs/?when=week", "[data-explorer-results] li.listing[data-member]"),
    ).toEqual([]);
  });

  it("the explorer's \"free\" filter keeps members' free programs, as their programs.json says", async () => {
    const page = await browser.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${consortium.url}/programs/?free=1`);
    await page.locator("[data-explorer][data-ready]").waitFor({ timeout: 15_000 });
    const rows = page.locator("[data-explorer-results] li.listing[data-member]");
    await rows.first().waitFor({ timeout: 15_000 });
    const ids = await rows.evaluateAll((items) =>
      items.map((li) => (li as HTMLElement).dataset.program!),
    );
    expect(ids.some((id) => id.startsWith("maple/"))).toBe(true);
    for (const id of ids) expect([id, free.get(id)]).toEqual([id, true]);
    // Some of the members' programs are not free, and left out.
    expect([...free.values()].some((f) => f === false)).toBe(true);
    await page.close();
  });

  const NOTE = `Results from ${KETTLEBY} are missing: its site did not answer. The other libraries' results are shown; try again later.`;

  it("a member that stops answering while the page is open: a note, and the other's results", async () => {
    const page = await search("?q=club");
    expect((await resultsOf(page)).some((r) => r.href.startsWith(`${kettleby.url}/`))).toBe(true);
    await kettleby.close();
    // Words whose index chunks the page has not fetched yet: Kettleby's cannot come.
    await page.fill("#search-q", "story");
    await page.waitForFunction(
      (note) => document.querySelector("[data-search-members]")?.textContent === note,
      NOTE,
    );
    const found = await resultsOf(page);
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r.href.startsWith(`${maple.url}/`)).toBe(true);
    await page.close();
  });

  it("a member that is down when the page opens: a note, and the other's results", async () => {
    const page = await search("?q=club");
    const found = await resultsOf(page);
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r.href.startsWith(`${maple.url}/`)).toBe(true);
    expect(await page.locator("[data-search-members]").textContent()).toBe(NOTE);
    await page.close();
    expect(await axeOf("/search/?q=club", "[data-search-members] p")).toEqual([]);
    expect(errors).toEqual([]);
  });
});
