// Registration on program pages, in Chromium: the page says what was true at build time
// (with or without JavaScript), and corrects itself by the patron's clock when it is read
// later, Register button included: shown only while registration is open. The clock is
// Playwright's (`page.clock`). For the demo library and another library in Pacific/Auckland.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";
import { DEMO_ROOT } from "./helpers/site.ts";
import { buildOnce, OTHER_LIBRARY_ROOT, QUALITY_NOW } from "./quality/build-once.ts";

/**
 * What the registration box shows: its visible text (without the Register link's) and
 * whether the Register link shows.
 */
async function registration(page: Page): Promise<{ text: string; register: boolean }> {
  const box = page.locator("section.registration");
  return {
    text: (await box.innerText())
      .replace(/\s+/g, " ")
      .trim()
      .replace(/ Register$/, ""),
    register: await box.getByRole("link", { name: "Register" }).isVisible(),
  };
}

describe.each([
  ["the demo library", DEMO_ROOT],
  ["another library (Pacific/Auckland)", OTHER_LIBRARY_ROOT],
])("registration on %s", (name, root) => {
  let server: StaticServer;
  let browser: Browser;
  const demo = name.startsWith("the demo");

  beforeAll(async () => {
    const build = await buildOnce(root);
    expect(build.ok).toBe(true);
    expect(QUALITY_NOW).toBe("2026-11-28T10:00");
    server = await serveStatic(build.output);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `url` with the browser's clock at `time` (an instant); JavaScript on or off. */
  async function open(url: string, time?: string, javaScriptEnabled = true) {
    const context = await browser.newContext({ serviceWorkers: "block", javaScriptEnabled });
    const page = await context.newPage();
    if (time) await page.clock.install({ time: new Date(time) });
    await page.goto(`${server.url}${url}`);
    return { page, close: () => context.close() };
  }

  // Each case: a program page, a moment, and what the box must say then. The build's own
  // moment is given too, as the machine's clock may be any day.
  const built = demo ? "2026-11-28T10:00:00-06:00" : "2026-11-28T10:00:00+13:00";
  const cases = demo
    ? [
        // Built on 28 November; registration opened on 25 August: no stale "opens" line.
        {
          url: "/programs/teen-coding-club/",
          time: built,
          text: "Registration Registration is required (16 places). Registration is open.",
          register: true,
        },
        // Opens on 1 December: as built, and with no script, it is not open yet.
        {
          url: "/programs/job-search-bootcamp/",
          time: built,
          text: "Registration Registration is required (14 places). Registration opens Tuesday, December 1, 2026.",
          register: false,
        },
        // Read on 2 December (the page is from 28 November): open now.
        {
          url: "/programs/job-search-bootcamp/",
          time: "2026-12-02T09:00:00-06:00",
          text: "Registration Registration is required (14 places). Registration is open until Tuesday, January 12, 2027.",
          register: true,
        },
        {
          url: "/programs/job-search-bootcamp/",
          time: "2027-01-11T09:00:00-06:00",
          text: "Registration Registration is required (14 places). Registration closes soon: Tuesday, January 12, 2027.",
          register: true,
        },
        {
          url: "/programs/job-search-bootcamp/",
          time: "2027-01-13T00:00:00-06:00",
          text: "Registration Registration is required (14 places). Registration has closed.",
          register: false,
        },
        // Full: no Register button, and closed once the camp has begun its last day.
        {
          url: "/programs/winter-break-maker-camp/",
          time: built,
          text: "Registration Registration is required (20 places). This program is full.",
          register: false,
        },
        {
          url: "/programs/winter-break-maker-camp/",
          time: "2027-01-02T10:00:00-06:00",
          text: "Registration Registration is required (20 places). Registration has closed.",
          register: false,
        },
      ]
    : [
        // A webinar on 3 Dec, 21 Jan and 18 Feb, 13:00 in Auckland (UTC+13 in summer).
        {
          url: "/programs/online-safety-webinar/",
          time: built,
          text: "Registration Registration is required (50 places). Registration is open.",
          register: true,
        },
        {
          url: "/programs/online-safety-webinar/",
          time: "2027-02-16T09:00:00+13:00",
          text: "Registration Registration is required (50 places). Registration closes soon: Thursday, 18 February 2027, 1:00 pm.",
          register: true,
        },
        // 14:00 in Auckland is 01:00 UTC: read in UTC it would still be open.
        {
          url: "/programs/online-safety-webinar/",
          time: "2027-02-18T01:00:00Z",
          text: "Registration Registration is required (50 places). Registration has closed.",
          register: false,
        },
      ];

  it.each(cases)("$url at $time", async ({ url, time, text, register }) => {
    const { page, close } = await open(url, time);
    expect(await registration(page)).toEqual({ text, register });
    await close();
  });

  it("says what was true at build time without JavaScript, whatever the clock", async () => {
    const asBuilt = cases.find((c) => c.time === built && !c.register) ?? cases[0]!;
    const { page, close } = await open(asBuilt.url, "2030-01-01T00:00:00Z", false);
    expect(await registration(page)).toEqual({ text: asBuilt.text, register: asBuilt.register });
    await close();
  });

  it("switches while the page stays open", async () => {
    const [url, before, after] = demo
      ? ["/programs/job-search-bootcamp/", "2026-11-30T23:59:00-06:00", "Registration is open"]
      : ["/programs/online-safety-webinar/", "2027-02-15T12:59:00+13:00", "closes soon"];
    const { page, close } = await open(url, before);
    expect((await registration(page)).text).not.toContain(after);
    await page.clock.runFor(2 * 60_000);
    await expect.poll(async () => (await registration(page)).text).toContain(after);
    await close();
  });
});
