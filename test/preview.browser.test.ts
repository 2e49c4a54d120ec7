// `npm start` in real Chromium: the command started on a copy of the demo on a free port;
// an edit shows in the open page (in several tabs, edit after edit); a deleted program's
// page answers 404 and leaves the listing; a content mistake shows in the browser, naming
// file, line and field, and is printed once without a stack trace, until it is fixed; and
// no offline worker runs in the preview, not even where a build's worker was registered on
// the same address before (as `npm start` used to register one).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildFixture, DEMO_ROOT, REPO } from "./helpers/site.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic } from "./helpers/serve.ts";
import { freePort } from "./helpers/serve.ts";

const NOW = "2026-11-28T10:00";
const TIMEOUT = 30_000;

// As in test/offline.browser.test.ts: Playwright's inspection of worker traffic can hang a
// restarted worker.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = "1";

async function until(test: () => boolean, what: string, ms = TIMEOUT): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first `<h1>`'s text, "" while the page is between two loads. */
const h1 = (page: Page) =>
  page
    .locator("h1")
    .first()
    .textContent({ timeout: 1000 })
    .then((t) => (t ?? "").trim())
    .catch(() => "");

describe("npm start", () => {
  let root: string;
  let url: string;
  let child: ChildProcess;
  let stdout = "";
  let stderr = "";
  let browser: Browser;
  let context: BrowserContext;
  const file = (rel: string) => path.join(root, "content", rel);
  const edit = async (rel: string, from: RegExp, to: string) =>
    writeFile(file(rel), (await readFile(file(rel), "utf8")).replace(from, to));

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "almanac-start-"));
    await cp(path.join(DEMO_ROOT, "content"), path.join(root, "content"), { recursive: true });
    await cp(path.join(DEMO_ROOT, "_data"), path.join(root, "_data"), { recursive: true });
    const port = await freePort();
    url = `http://localhost:${port}`;
    browser = await launchBrowser();
    context = await browser.newContext();

    // An earlier visit of this address installed a build's offline worker.
    const built = await buildFixture(DEMO_ROOT, NOW);
    const server = await serveStatic(built.output, {}, port);
    const before = await context.newPage();
    await before.goto(`${url}/`);
    await before.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await before.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await before.close();
    await server.close();

    child = spawn(
      process.execPath,
      ["scripts/cli.mjs", "start", "--root", root, "--port", String(port)],
      {
        cwd: REPO,
        env: { ...process.env, ALMANAC_NOW: NOW, ALMANAC_SEARCH: "off" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    await until(
      () => /(Preview|Server) at http/.test(stdout + stderr),
      "the preview to start",
      300_000,
    );
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("serves at the address it prints, with no offline worker left running", async () => {
    const page = await context.newPage();
    await page.goto(`${url}/programs/chess-club/`);
    // The worker registered before is replaced by the retired one, which removes itself.
    await expect
      .poll(
        () => page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)),
        {
          timeout: TIMEOUT,
        },
      )
      .toBe(0);
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller === null)).toBe(true);
    expect(await page.locator('script[src*="register-sw"]').count()).toBe(0);
    expect(await h1(page)).toBe("Eastside Chess Club");
    await page.close();
    expect(stdout).toContain(`Preview at ${url}/`);
  });

  it("shows each edit in every open tab, edit after edit", async () => {
    const open = async (u: string) => {
      const page = await context.newPage();
      await page.goto(url + u);
      return page;
    };
    const pages = await Promise.all(["/programs/chess-club/", "/programs/chess-club/"].map(open));
    // Listings are rendered after the program's page has been shown (a second reload): a
    // tab reloaded by the first must still get the second.
    const listings = await Promise.all(["/programs/", "/programs/"].map(open));
    const listed = (page: Page) =>
      page
        .locator("main")
        .textContent({ timeout: 1000 })
        .catch(() => "");
    for (let k = 1; k <= 3; k++) {
      await edit("programs/chess-club.md", /^title: .*$/m, `title: Chess Club ${k}`);
      for (const page of pages) {
        await expect.poll(() => h1(page), { timeout: TIMEOUT }).toBe(`Chess Club ${k}`);
      }
      for (const page of listings) {
        await expect.poll(() => listed(page), { timeout: TIMEOUT }).toContain(`Chess Club ${k}`);
      }
    }
    // The calendars, written once the reloaded pages are served, follow.
    await expect
      .poll(async () => (await context.request.get(`${url}/programs/chess-club.ics`)).text(), {
        timeout: TIMEOUT,
      })
      .toContain("SUMMARY:Chess Club 3");
    await Promise.all([...pages, ...listings].map((p) => p.close()));
  });

  it("a deleted program's page answers 404 and leaves the listing", async () => {
    const listing = await context.newPage();
    await listing.goto(`${url}/programs/`);
    expect(await listing.locator('a[href="/programs/gentle-yoga/"]').count()).toBeGreaterThan(0);
    await rm(file("programs/gentle-yoga.md"));
    await expect
      .poll(
        () =>
          listing
            .locator('a[href="/programs/gentle-yoga/"]')
            .count()
            .catch(() => -1),
        {
          timeout: TIMEOUT,
        },
      )
      .toBe(0);
    const gone = await context.newPage();
    const response = await gone.goto(`${url}/programs/gentle-yoga/`);
    expect(response?.status()).toBe(404);
    await Promise.all([listing.close(), gone.close()]);
  });

  it("a content mistake shows in the browser and is printed once, until it is fixed", async () => {
    const page = await context.newPage();
    await page.goto(`${url}/programs/chess-club/`);
    const printed = stderr.length;
    await edit("programs/chess-club.md", /^audiences: .*$/m, "audiences: [astronauts]");
    const problem = page.locator(".problems li").first();
    await expect
      .poll(() => problem.textContent({ timeout: 1000 }).catch(() => ""), { timeout: TIMEOUT })
      .toMatch(/^content\/programs\/chess-club\.md:4: audiences: unknown audience "astronauts"/);
    expect(await h1(page)).toBe("The site was not rebuilt: fix the content");
    // Any page the browser opens shows it too, not the old page.
    const other = await context.newPage();
    await other.goto(`${url}/programs/`);
    expect(await other.locator(".problems li").count()).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    const said = stderr.slice(printed);
    expect(said.split('unknown audience "astronauts"').length - 1).toBe(1);
    expect(said).not.toMatch(/node_modules|^\s+at /m);

    await edit("programs/chess-club.md", /^audiences: .*$/m, "audiences: [kids, teens, adults]");
    await expect.poll(() => h1(page), { timeout: TIMEOUT }).toBe("Chess Club 3");
    await expect.poll(() => h1(other), { timeout: TIMEOUT }).toBe("Upcoming programs");
    await Promise.all([page.close(), other.close()]);
  });
});
