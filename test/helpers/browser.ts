// Launches the system Chromium through playwright-core (no browser download). When it is
// missing the test fails with how to install it: browser tests never skip silently.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { serveStatic, type StaticServer } from "./serve.ts";

export const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROME_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROME_PATH}. Browser tests need it: install it with ` +
        "`sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROME_PATH to a Chrome/Chromium binary.",
    );
  }
  return chromium.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * For the enclosing `describe`: before its tests, serves the folder `output()` resolves to
 * (a built site) and opens Chromium; after them, closes both. Read `served.server` and
 * `served.browser` inside the tests.
 */
export function servedInChromium(output: () => Promise<string>): {
  server: StaticServer;
  browser: Browser;
} {
  const served = {} as { server: StaticServer; browser: Browser };
  beforeAll(async () => {
    served.server = await serveStatic(await output());
    served.browser = await launchBrowser();
  });
  afterAll(async () => {
    await served.browser?.close();
    await served.server?.close();
  });
  return served;
}

/** Opens `url` and waits until the service worker has installed and controls the page. */
export async function visitAndInstall(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/**
 * The results of `query` on the search page at `url` (an absolute address, e.g.
 * `${server.url}/es/search/`), as the page lists them: `title href` each. `params`: the
 * form's other fields in the address (`{ languages: "all" }`).
 */
export async function searchResults(
  page: Page,
  url: string,
  query: string,
  params: Record<string, string> = {},
): Promise<string[]> {
  await page.goto(`${url}?${new URLSearchParams({ q: query, ...params })}`);
  await page.waitForSelector("[data-search-form][data-ready]");
  const links = page.locator(".search-result h2 a");
  return (await links.evaluateAll((as) =>
    as.map((a) => `${a.textContent} ${a.getAttribute("href")}`),
  )) as string[];
}
