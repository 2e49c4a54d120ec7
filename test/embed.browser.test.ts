// The embeds in Chromium, on a host page served from ANOTHER origin (a second local server)
// under a strict Content-Security-Policy that allows only the library's origin
// (`script-src <ours>; connect-src <ours>`): `<almanac-programs>` with filters lists exactly
// the first occurrences programs.json gives for them (ids and starts), in the library's
// time zone whatever the browser's, never downloading programs.json; keyboard focus reaches
// its links; axe finds nothing in its shadow root. The staff page writes the snippets, and
// its iframe snippet, pasted on the foreign host, frames `/embed/`, which sizes itself;
// any other page of the site refuses to be framed. The library's server sends the headers
// the build wrote in `_headers`.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgramsJson } from "../src/outputs/programs-json.ts";
import { axe } from "./helpers/axe.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { headersFile, serveStatic, type StaticServer } from "./helpers/serve.ts";
import { buildFixture, DEMO_ROOT, type BuiltSite } from "./helpers/site.ts";
import { makeSantiagoSite, SANTIAGO_NOW } from "./helpers/santiago.ts";

const NOW = "2026-11-28T10:00";
const LIBRARY_URL = "https://library.example.org";

interface Case {
  attrs: Record<string, string>;
  /** Occurrences programs.json lists for the filters, as `id start`. */
  expected: string[];
}

describe("the embed on another site", () => {
  let site: BuiltSite;
  let json: ProgramsJson;
  let ours: StaticServer;
  let host: StaticServer;
  let hostDir: string;
  let browser: Browser;
  const hostHeaders = new Map<string, Record<string, string>>();

  /** The first `limit` occurrences of programs.json that match, as `id start`. */
  function expected(f: { audience?: string; category?: string; location?: string }, limit = 5) {
    return json.occurrences
      .filter(
        (o) =>
          (!f.audience || o.audiences.includes(f.audience)) &&
          (!f.category || o.categories.includes(f.category)) &&
          (!f.location || o.location?.id === f.location),
      )
      .slice(0, limit)
      .map((o) => `${o.id} ${o.start}`);
  }

  /** Writes a page on the host, served with `headers`. */
  async function hostPage(name: string, body: string, headers: Record<string, string>) {
    await writeFile(
      path.join(hostDir, name),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A school's page</title><link rel="icon" href="data:,"></head><body><main><h1>Our school</h1>${body}</main></body></html>`,
    );
    hostHeaders.set(`/${name}`, headers);
    return `${host.url}/${name}`;
  }

  const strict = () => ({
    "Content-Security-Policy": `script-src ${ours.url}; connect-src ${ours.url}`,
  });

  /** Waits until every widget on the page has drawn, and reads what each lists. */
  async function rendered(page: Page) {
    await page.waitForFunction(() =>
      [...document.querySelectorAll("almanac-programs")].every((el) =>
        el.shadowRoot?.querySelector("section > p.note:last-child a"),
      ),
    );
    return page.evaluate(() =>
      [...document.querySelectorAll("almanac-programs")].map((el) => ({
        items: [...el.shadowRoot!.querySelectorAll("li")].map(
          (li) =>
            `${(li as HTMLElement).dataset.id} ${li.querySelector("time")!.getAttribute("datetime")}`,
        ),
        times: [...el.shadowRoot!.querySelectorAll("li time")].map((t) => t.textContent),
        heading: el.shadowRoot!.querySelector("h2")!.textContent,
        status: el.shadowRoot!.querySelector("[role=status]")?.textContent ?? null,
      })),
    );
  }

  beforeAll(async () => {
    process.env.ALMANAC_SEARCH = "off";
    site = await buildFixture(DEMO_ROOT, NOW);
    delete process.env.ALMANAC_SEARCH;
    expect(site.ok).toBe(true);
    json = JSON.parse(await site.read("/programs.json")) as ProgramsJson;
    ours = await serveStatic(site.output, headersFile(await site.read("/_headers")));
    hostDir = await mkdtemp(path.join(os.tmpdir(), "almanac-host-"));
    host = await serveStatic(hostDir, (p) => hostHeaders.get(p) ?? {});
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await ours?.close();
  });

  async function open(url: string, options: { bypassCSP?: boolean } = {}) {
    // Another zone than the library's: times must still be the library's.
    const context = await browser.newContext({
      timezoneId: "Asia/Tokyo",
      serviceWorkers: "block",
      ...options,
    });
    await context.clock.setFixedTime(new Date(json.generated));
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      // The site's own pages try to register the service worker, which the context blocks.
      if (/Service Worker|Offline support/.test(m.text())) return;
      if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
    });
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(url);
    return { page, errors, requests, close: () => context.close() };
  }

  it("lists what programs.json says for each set of filters, under the host's strict CSP", async () => {
    const cases: Case[] = [
      {
        attrs: { audience: "teens", location: "central", limit: "5" },
        expected: expected({ audience: "teens", location: "central" }),
      },
      {
        attrs: { category: "technology", limit: "8" },
        expected: expected({ category: "technology" }, 8),
      },
      { attrs: {}, expected: expected({}) },
      {
        attrs: { audience: "kids", category: "storytime", location: "eastside", limit: "20" },
        expected: expected({ audience: "kids", category: "storytime", location: "eastside" }, 20),
      },
    ];
    for (const c of cases) expect(c.expected.length, JSON.stringify(c)).toBeGreaterThan(0);
    const widgets = cases
      .map(
        (c) =>
          `<almanac-programs${Object.entries(c.attrs)
            .map(([k, v]) => ` ${k}="${v}"`)
            .join("")}></almanac-programs>`,
      )
      .join("\n");
    const url = await hostPage(
      "strict.html",
      `<p><a href="#top">Before the list</a></p>${widgets}<script src="${ours.url}/embed.js" async></script>`,
      strict(),
    );
    const { page, errors, requests, close } = await open(url);
    try {
      const got = await rendered(page);
      expect(got.map((g) => g.items)).toEqual(cases.map((c) => c.expected));
      expect(got[0]!.heading).toBe("Upcoming programs");
      // Times in the library's zone (America/Chicago), not the browser's (Tokyo).
      const first = json.occurrences.find((o) => `${o.id} ${o.start}` === cases[0]!.expected[0])!;
      const time = new Intl.DateTimeFormat("en-US", {
        timeZone: "America/Chicago",
        hour: "numeric",
        minute: "2-digit",
      }).format(new Date(first.start));
      expect(got[0]!.times[0]).toContain(time.replace(/\s/g, " ").split(" ")[0]);
      expect(got[0]!.times[0]).toMatch(/\b(AM|PM)\b/);
      expect(errors).toEqual([]);
      // The element keeps what every element has (a method of its own named `matches` once
      // hid Element.matches, and axe's contrast check failed on it).
      expect(
        await page.evaluate(() => document.querySelector("almanac-programs")!.matches("main *")),
      ).toBe(true);
      // Small files only: never the whole programs.json, never another origin but ours.
      const data = requests.filter((r) => r.startsWith(ours.url) && !r.endsWith("/embed.js"));
      expect(data.length).toBeGreaterThan(0);
      for (const r of data)
        expect(r).toMatch(/\/embed\/data\/(all|audience|category|location)[/.]/);
      expect(requests.some((r) => r.endsWith("programs.json"))).toBe(false);
      // Each file once, however many widgets read it.
      expect(new Set(data).size).toBe(data.length);
      // Links go back to the program pages, absolute.
      const hrefs = await page.evaluate(() =>
        [...document.querySelector("almanac-programs")!.shadowRoot!.querySelectorAll("li a")].map(
          (a) => a.getAttribute("href"),
        ),
      );
      const ids = cases[0]!.expected.map((e) => e.split(" ")[0]);
      expect(hrefs).toEqual(ids.map((id) => `${LIBRARY_URL}/programs/${id}/`));
    } finally {
      await close();
    }
  });

  it("speaks the host's language with lang, keeping the library's zone", async () => {
    const url = await hostPage(
      "spanish.html",
      `<almanac-programs audience="kids" limit="3" lang="es"></almanac-programs><script src="${ours.url}/embed.js" async></script>`,
      strict(),
    );
    const { page, errors, close } = await open(url);
    try {
      const [got] = await rendered(page);
      expect(got!.items).toEqual(expected({ audience: "kids" }, 3));
      expect(got!.heading).toBe("Próximas actividades");
      const first = json.occurrences.find((o) => `${o.id} ${o.start}` === got!.items[0])!;
      const weekday = new Intl.DateTimeFormat("es", {
        timeZone: "America/Chicago",
        weekday: "short",
      }).format(new Date(first.start));
      expect(got!.times[0]).toContain(weekday);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("speaks Arabic right to left, and marks English words in a language it has none in", async () => {
    // A review: lang="ar" gave English words inside a section marked lang="ar", no dir.
    const url = await hostPage(
      "arabic.html",
      `<almanac-programs audience="kids" limit="2" lang="ar"></almanac-programs><almanac-programs audience="kids" limit="2" lang="vi"></almanac-programs><script src="${ours.url}/embed.js" async></script>`,
      strict(),
    );
    const { page, errors, close } = await open(url);
    try {
      await rendered(page);
      const marks = await page.evaluate(() =>
        [...document.querySelectorAll("almanac-programs")].map((el) => {
          const section = el.shadowRoot!.querySelector("section")!;
          const heading = section.querySelector("h2")!;
          const more = section.querySelector<HTMLElement>("p.note a")!;
          return {
            lang: section.lang,
            dir: section.dir,
            heading: heading.textContent,
            headingLang: heading.lang,
            moreLang: more.lang,
          };
        }),
      );
      expect(marks[0]).toEqual({
        lang: "ar",
        dir: "rtl",
        heading: "الأنشطة القادمة",
        headingLang: "",
        moreLang: "",
      });
      expect(marks[1]).toEqual({
        lang: "vi",
        dir: "",
        heading: "Upcoming programs",
        headingLang: "en",
        moreLang: "en",
      });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("is reached by the keyboard, its links visibly focused", async () => {
    const url = await hostPage(
      "keyboard.html",
      `<p><a href="#top">Before the list</a></p><almanac-programs audience="teens" limit="3"></almanac-programs><script src="${ours.url}/embed.js" async></script>`,
      strict(),
    );
    const { page, close } = await open(url);
    try {
      const [got] = await rendered(page);
      const titles = await page.evaluate(() =>
        [...document.querySelector("almanac-programs")!.shadowRoot!.querySelectorAll("a")].map(
          (a) => a.textContent,
        ),
      );
      const focused: (string | null)[] = [];
      for (let i = 0; i < titles.length + 1; i++) {
        await page.keyboard.press("Tab");
        focused.push(
          await page.evaluate(() => {
            const el = document.activeElement;
            const inner = el?.shadowRoot?.activeElement;
            if (!inner) return el?.textContent ?? null;
            return getComputedStyle(inner).outlineStyle === "solid"
              ? inner.textContent
              : "unmarked";
          }),
        );
      }
      expect(got!.items.length).toBe(3);
      expect(focused).toEqual(["Before the list", ...titles]);
    } finally {
      await close();
    }
  });

  it("has nothing axe objects to, shadow root included", async () => {
    const url = await hostPage(
      "axe.html",
      `<almanac-programs audience="teens" limit="5"></almanac-programs><almanac-programs audience="no-such-audience"></almanac-programs><script src="${ours.url}/embed.js" async></script>`,
      strict(),
    );
    // axe is injected as a script, which the host's policy would refuse.
    const { page, close } = await open(url, { bypassCSP: true });
    try {
      const got = await rendered(page);
      // An id the library does not have: the empty state, which axe checks too.
      expect(got[1]!.items).toEqual([]);
      expect(got[1]!.status).toBe("No upcoming programs match.");
      // axe sees into the shadow root: it finds an item's link there.
      const seen = await page.evaluate(async () => {
        const root = document.querySelector("almanac-programs")!.shadowRoot!;
        return !!root.querySelector("li a");
      });
      expect(seen).toBe(true);
      expect(await axe(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it("makes both snippets on the staff page; the iframe, on another site, sizes itself", async () => {
    // The staff page, on our origin: choose teens, 3 programs.
    const staff = await open(`${ours.url}/staff/embed/`);
    let scriptSnippet: string;
    let iframeSnippet: string;
    try {
      await staff.page.selectOption("#embed-audience", "teens");
      await staff.page.fill("#embed-limit", "3");
      const [preview] = await rendered(staff.page);
      expect(preview!.items).toEqual(expected({ audience: "teens" }, 3));
      scriptSnippet = await staff.page.inputValue("[data-snippet=script]");
      iframeSnippet = await staff.page.inputValue("[data-snippet=iframe]");
      expect(staff.errors).toEqual([]);
    } finally {
      await staff.close();
    }
    expect(scriptSnippet).toBe(
      `<script src="${LIBRARY_URL}/embed.js" async></script>\n<almanac-programs audience="teens" limit="3"></almanac-programs>`,
    );
    expect(iframeSnippet).toContain(
      `<iframe src="${LIBRARY_URL}/embed/?audience=teens&amp;limit=3"`,
    );
    const local = (snippet: string) => snippet.replaceAll(LIBRARY_URL, ours.url);

    // The script snippet as pasted, under the strict policy.
    const pasted = await open(await hostPage("pasted.html", local(scriptSnippet), strict()));
    try {
      const [got] = await rendered(pasted.page);
      expect(got!.items).toEqual(expected({ audience: "teens" }, 3));
      expect(pasted.errors).toEqual([]);
    } finally {
      await pasted.close();
    }

    // The iframe snippet, with its resizing script, beside a frame of an ordinary page.
    const url = await hostPage(
      "framed.html",
      `${local(iframeSnippet)}\n<iframe src="${ours.url}/programs/" title="Programs" data-ordinary></iframe>`,
      {
        "Content-Security-Policy": `default-src 'none'; frame-src ${ours.url}; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:`,
      },
    );
    const framed = await open(url);
    try {
      const iframe = framed.page.locator("iframe[data-almanac-embed]");
      const fixed = Number(/ height="(\d+)"/.exec(iframeSnippet)![1]);
      expect(fixed).toBeGreaterThan(100);
      const frame = framed.page.frames().find((f) => f.url().startsWith(`${ours.url}/embed/`))!;
      expect(frame).toBeDefined();
      await frame.waitForFunction(() =>
        document.querySelector("almanac-programs")?.shadowRoot?.querySelector("li"),
      );
      const items = await frame.evaluate(() =>
        [...document.querySelector("almanac-programs")!.shadowRoot!.querySelectorAll("li")].map(
          (li) => `${li.dataset.id} ${li.querySelector("time")!.getAttribute("datetime")}`,
        ),
      );
      expect(items).toEqual(expected({ audience: "teens" }, 3));
      // The host set the iframe's height to the page's, which then fits without scrolling.
      await framed.page.waitForFunction(
        (f) => document.querySelector("iframe[data-almanac-embed]")!.getAttribute("height") !== f,
        String(fixed),
      );
      const body = await frame.evaluate(() =>
        Math.ceil(document.body.getBoundingClientRect().height),
      );
      expect(Number(await iframe.getAttribute("height"))).toBe(body);
      const fits = await frame.evaluate(
        () => document.documentElement.scrollHeight <= window.innerHeight,
      );
      expect(fits).toBe(true);
      // Its links leave the frame for the top window.
      const targets = await frame.evaluate(() =>
        [...document.querySelector("almanac-programs")!.shadowRoot!.querySelectorAll("a")].map(
          (a) => a.target,
        ),
      );
      expect(targets).toEqual(Array(targets.length).fill("_top"));
      expect(targets.length).toBe(4);
      // Any other page of the site refuses to be framed (frame-ancestors 'none').
      const ordinary = framed.page
        .frames()
        .find((f) => f !== frame && f !== framed.page.mainFrame());
      expect(ordinary?.url()).not.toBe(`${ours.url}/programs/`);
      expect(framed.errors.filter((e) => !/frame-ancestors 'none'/.test(e))).toEqual([]);
      expect(framed.errors.some((e) => /frame-ancestors 'none'/.test(e))).toBe(true);
    } finally {
      await framed.close();
    }
  });
});

describe("the embed on the night the clocks go back (America/Santiago)", () => {
  it("names the zone after a time in the repeated hour, as the library's pages do", async () => {
    process.env.ALMANAC_SEARCH = "off";
    const site = await buildFixture(await makeSantiagoSite(), SANTIAGO_NOW);
    delete process.env.ALMANAC_SEARCH;
    expect(site.ok).toBe(true);
    const server = await serveStatic(site.output, headersFile(await site.read("/_headers")));
    const browser = await launchBrowser();
    try {
      // Another zone than the library's: the times are still the library's.
      const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
      await context.clock.setFixedTime(new Date(`${SANTIAGO_NOW}:00-03:00`));
      const page = await context.newPage();
      await page.goto(`${server.url}/embed/?limit=4`);
      const widget = page.locator("almanac-programs");
      await widget.locator("li time").nth(3).waitFor();
      const times = await widget.locator("li time").allTextContents();
      expect(times.map((t) => t.replace(/\s/g, " "))).toEqual([
        "sáb, 3 abr, 11:00 p. m. CLST – 11:30 p. m. CLT",
        "sáb, 3 abr, 11:30 p. m. CLST – dom, 4 abr, 12:30 a. m.",
        expect.not.stringContaining("CL"),
        expect.not.stringContaining("CL"),
      ]);
      await context.close();
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
