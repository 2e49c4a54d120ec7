// The demo library in English and Spanish (issue 17), in real Chromium: the language
// switcher of a translated program, hreflang alternates in the head and in the sitemap,
// search in each language (the Spanish title found by a Spanish word on /es/search/ only),
// an untranslated program marked as English on its Spanish page, and the Spanish site
// offline after one visit of /es/.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { buildFixture, DEMO_ROOT, type BuiltSite } from "./helpers/site.ts";
import { searchResults, servedInChromium, visitAndInstall } from "./helpers/browser.ts";
import { serveStatic } from "./helpers/serve.ts";

// As in test/offline.browser.test.ts: a worker restarted under Playwright's network
// inspection was seen to hang; offline, the worker's requests fail as the server is stopped.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = "1";

const PROGRAM = "/programs/citizenship-prep-class/";
const SPANISH_TITLE = "Preparación para el examen de ciudadanía estadounidense";

let site: BuiltSite;
const served = servedInChromium(async () => {
  site = await buildFixture(DEMO_ROOT);
  expect(site.problems.filter((p) => p.severity === "error")).toEqual([]);
  return site.output;
});

/** A new tab that collects the page's script errors into `errors`. */
async function tab(errors: string[]): Promise<Page> {
  const page = await served.browser.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  return page;
}

describe("the demo library in English and Spanish", () => {
  it("leads from a translated program to its Spanish page and back with the switcher", async () => {
    const errors: string[] = [];
    const page = await tab(errors);
    await page.goto(`${served.server.url}${PROGRAM}`);
    expect(await page.locator("h1").first().textContent()).toBe(
      "U.S. Citizenship Test Preparation",
    );
    await page.locator(".language-switcher a[hreflang=es]").click();
    await page.waitForURL(`${served.server.url}/es${PROGRAM}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await page.locator("h1").first().textContent()).toBe(SPANISH_TITLE);
    // The label maps of library.yaml, in the Spanish page's details.
    await expect(page.locator("main").textContent()).resolves.toContain("Sucursal Northwood");
    await page.locator(".language-switcher a[hreflang=en]").click();
    await page.waitForURL(`${served.server.url}${PROGRAM}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en-US");
    await page.close();
    expect(errors).toEqual([]);
  });

  it("names each page's languages with hreflang, in its head and in the sitemap", async () => {
    const page = await tab([]);
    const expected = [
      `en ${site.catalogue!.library.url}${PROGRAM}`,
      `es ${site.catalogue!.library.url}/es${PROGRAM}`,
      `x-default ${site.catalogue!.library.url}${PROGRAM}`,
    ];
    for (const url of [PROGRAM, `/es${PROGRAM}`]) {
      await page.goto(`${served.server.url}${url}`);
      const head = await page
        .locator("head link[rel=alternate][hreflang]")
        .evaluateAll((links) =>
          links.map((l) => `${l.getAttribute("hreflang")} ${l.getAttribute("href")}`),
        );
      expect(head.sort(), url).toEqual(expected);
    }
    // The sitemap as the browser parses it: each language's address lists both.
    const sitemap = (await page.evaluate(async () => {
      const xml = new DOMParser().parseFromString(
        await (await fetch("/sitemap.xml")).text(),
        "application/xml",
      );
      return [...xml.getElementsByTagName("url")].map((u) => ({
        loc: u.getElementsByTagName("loc")[0]!.textContent,
        alternates: [...u.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link")].map(
          (l) => `${l.getAttribute("hreflang")} ${l.getAttribute("href")}`,
        ),
      }));
    })) as { loc: string; alternates: string[] }[];
    for (const url of [PROGRAM, `/es${PROGRAM}`]) {
      const entry = sitemap.find((u) => u.loc === `${site.catalogue!.library.url}${url}`);
      expect(entry?.alternates.sort(), url).toEqual(expected.slice(0, 2));
    }
    await page.close();
  });

  it("finds a program by a word of its Spanish title on /es/search/ only, with that title", async () => {
    const errors: string[] = [];
    const page = await tab(errors);
    expect(await searchResults(page, `${served.server.url}/es/search/`, "ciudadanía")).toContain(
      `${SPANISH_TITLE} /es${PROGRAM}`,
    );
    const english = await searchResults(page, `${served.server.url}/search/`, "ciudadanía");
    expect(english.filter((r) => r.includes(SPANISH_TITLE) || r.includes(" /es/"))).toEqual([]);
    expect(await searchResults(page, `${served.server.url}/search/`, "citizenship")).toContain(
      `U.S. Citizenship Test Preparation ${PROGRAM}`,
    );
    await page.close();
    expect(errors).toEqual([]);
  });

  it("marks an untranslated program's English text on its Spanish page", async () => {
    const page = await tab([]);
    await page.goto(`${served.server.url}/es/programs/teen-coding-club/`);
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    const h1 = page.locator("h1").first();
    expect(await h1.textContent()).toBe("Teen Coding Club");
    expect(await h1.getAttribute("lang")).toBe("en");
    expect(await page.locator("p.lead").first().getAttribute("lang")).toBe("en");
    // Where the program is held is a label map: in Spanish, not marked.
    await expect(page.locator("main").textContent()).resolves.toContain("Biblioteca Central");
    await page.close();
  });

  it("keeps the Spanish search and pages working offline after one visit of /es/", async () => {
    // A server of its own, stopped to go offline (the shared one serves the other tests).
    const server = await serveStatic(site.output);
    const context = await served.browser.newContext({ serviceWorkers: "allow" });
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(e.message));
      await visitAndInstall(page, `${server.url}/es/`);
      await context.setOffline(true);
      await server.close();

      const offline = await context.newPage();
      offline.on("pageerror", (e) => errors.push(e.message));
      expect(await searchResults(offline, `${server.url}/es/search/`, "ciudadanía")).toContain(
        `${SPANISH_TITLE} /es${PROGRAM}`,
      );
      await offline.goto(`${server.url}/es/categories/languages-esl/`);
      expect(await offline.locator("html").getAttribute("lang")).toBe("es");
      expect(await offline.locator("h1").first().textContent()).toContain("Idiomas e inglés (ESL)");
      await expect(offline.locator("main").textContent()).resolves.toContain(SPANISH_TITLE);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await server.close().catch(() => undefined);
    }
  });
});
