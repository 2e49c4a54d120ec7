// My plan in real Chromium, on the demo library (America/Chicago) and on a second library
// (Europe/London): Save from a listing (static and built by the explorer) by mouse and by
// keyboard and from a program page (next date, all dates); after a reload /my-plan/ lists
// them in date order; the calendar file downloaded from the page (a Blob, under the strict
// CSP) holds exactly the saved dates at the times /programs.json gives, with the site's
// UIDs; a saved date the data no longer has is flagged with the next date, and gone,
// cancelled and past ones are flagged; the share link opens read-only in another browser
// and adds to its plan; print shows the list alone; offline after one visit; nothing
// without JavaScript; axe-clean. The browser's clock is the build's "now". A Spanish
// library's My plan, Save buttons and /embed/ page speak Spanish.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Catalogue, Listing, Program } from "../src/content/model.ts";
import type { ProgramsJson } from "../src/outputs/programs-json.ts";
import { axe } from "./helpers/axe.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { expandCalendar } from "./helpers/ical.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";
import { buildFixture, DEMO_ROOT, REPO, type BuiltSite } from "./helpers/site.ts";
import { DEFAULT_LIBRARY, makeSite, programFile } from "./helpers/fixture.ts";

const NOW = "2026-11-28T10:00";
const STORE = "almanac:my-plan";

// As in offline.browser.test.ts: Playwright's inspection of service workers can hang them.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = "1";

/** `20261202T000000Z` of an instant. */
const basic = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
const dateKey = (l: Listing) => `${l.program.id}@${basic(l.occurrence.start.toMillis())}`;

const LIBRARIES = [
  // `cancelledDate`: the library's content has a cancelled date (the demo's does).
  { name: "the demo library (America/Chicago)", root: DEMO_ROOT, cancelledDate: true },
  {
    name: "a second library (Europe/London)",
    root: `${REPO}/test/fixtures/second-library`,
    cancelledDate: false,
  },
];

/** The keys of the rows /my-plan/ shows, in order, once it has drawn them. */
async function planKeys(page: Page): Promise<string[]> {
  await page.locator("[data-plan][data-ready]").waitFor({ timeout: 15_000 });
  return page
    .locator("[data-plan-list] > li")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-plan-key")!));
}

async function openPlan(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  return planKeys(page);
}

/** Opens `site`'s /my-plan/ with `entries` as the plan kept in the browser. */
async function openWithPlan(page: Page, site: string, entries: object[]): Promise<string[]> {
  await page.goto(`${site}/`);
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key!, value!),
    [STORE, JSON.stringify({ v: 1, items: entries })],
  );
  return openPlan(page, `${site}/my-plan/`);
}

describe.each(LIBRARIES)("My plan on $name", (library) => {
  let site: BuiltSite;
  let c: Catalogue;
  let json: ProgramsJson;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  /** What the first test saved, in the order /my-plan/ must list it. */
  let saved: string[] = [];

  /** A context on the build's clock; its pages' errors and CSP reports go to `problems`. */
  async function newContext(options: Parameters<Browser["newContext"]>[0] = {}) {
    const ctx = await browser.newContext({ serviceWorkers: "block", ...options });
    await ctx.clock.setFixedTime(new Date(c.now.toMillis()));
    ctx.on("page", (p) => {
      p.on("pageerror", (e) => problems.push(e.message));
      p.on("console", (m) => {
        if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
      });
    });
    return ctx;
  }

  beforeAll(async () => {
    process.env.ALMANAC_SEARCH = "off";
    site = await buildFixture(library.root, NOW);
    delete process.env.ALMANAC_SEARCH;
    expect(site.ok).toBe(true);
    c = site.catalogue!;
    json = JSON.parse(await site.read("/programs.json")) as ProgramsJson;
    server = await serveStatic(site.output);
    browser = await launchBrowser();
    context = await newContext({ acceptDownloads: true });
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A program with at least three dates to come, and one with a single date in all. */
  const programs = () => {
    const count = new Map<Program, number>();
    for (const l of c.upcoming) count.set(l.program, (count.get(l.program) ?? 0) + 1);
    const next = (p: Program) => c.upcoming.find((l) => l.program === p && !l.occurrence.cancelled);
    const series = [...count].find(([p, n]) => n >= 3 && p.status === "scheduled" && next(p))![0];
    const oneOff = [...count].find(
      ([p]) => p.occurrences.length === 1 && p.status === "scheduled" && next(p) && p !== series,
    )![0];
    return { series, oneOff, next };
  };

  it("saves from listings and program pages, and lists them in date order after a reload", async () => {
    // From /programs/'s own listing: the third date by mouse, the first by keyboard.
    await page.goto(`${server.url}/programs/`);
    await page.locator("[data-explorer][data-ready]").waitFor({ timeout: 15_000 });
    const items = page.locator("[data-explorer-results] li.listing");
    const keyOfItem = async (i: number) =>
      items
        .nth(i)
        .evaluate(
          (li) =>
            `${li.getAttribute("data-program") ?? /\/programs\/(.+)\/$/.exec(li.querySelector(":scope > a")!.getAttribute("href")!)![1]}@${new Date(Date.parse((li.getAttribute("data-start") ?? li.querySelector(".when time")!.getAttribute("datetime"))!)).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`,
        );
    const third = items.nth(2).locator("button.plan-save");
    await expect(third.getAttribute("aria-pressed")).resolves.toBe("false");
    await third.click();
    await expect(third.getAttribute("aria-pressed")).resolves.toBe("true");
    const title = await items.nth(2).locator(":scope > a").textContent();
    await expect
      .poll(() => page.locator("main [role=status]").last().textContent())
      .toContain(`Saved to your plan: ${title}`);
    // The button's name says which date; its words do not change when pressed.
    await expect(third.textContent()).resolves.toMatch(new RegExp(`^Save ${title}, `));
    const first = items.nth(0).locator("button.plan-save");
    await first.focus();
    await page.keyboard.press("Space");
    await expect(first.getAttribute("aria-pressed")).resolves.toBe("true");
    const fromListing = [await keyOfItem(0), await keyOfItem(2)];

    // From results the explorer built (the last month, far past the static listing's
    // dates): they get buttons too.
    const later = c.upcoming
      .at(-1)!
      .occurrence.start.setZone(c.library.timezone)
      .toFormat("yyyy-MM");
    await page.goto(`${server.url}/programs/?when=${later}`);
    await page.locator("[data-explorer][data-ready]").waitFor({ timeout: 15_000 });
    const built = page.locator("[data-explorer-results] li.listing").first();
    await built.locator("button.plan-save").click();
    fromListing.push(
      await built.evaluate(
        (li) =>
          `${li.getAttribute("data-program") ?? /\/programs\/(.+)\/$/.exec(li.querySelector(":scope > a")!.getAttribute("href")!)![1]}@${new Date(Date.parse((li.getAttribute("data-start") ?? li.querySelector(".when time")!.getAttribute("datetime"))!)).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`,
      ),
    );

    // From program pages: all the dates of a series, the next date of a one-off.
    const { series, oneOff, next } = programs();
    await page.goto(`${server.url}${series.url}`);
    await page.getByRole("button", { name: /^Save all dates/ }).click();
    await page.goto(`${server.url}${oneOff.url}`);
    const saveNext = page.getByRole("button", { name: /^Save next date/ });
    await saveNext.click();
    await expect(saveNext.getAttribute("aria-pressed")).resolves.toBe("true");

    // Reload: the buttons remember, and /my-plan/ lists it all by date.
    await page.goto(`${server.url}/programs/`);
    await page.locator("[data-explorer][data-ready]").waitFor({ timeout: 15_000 });
    await expect(
      items.nth(2).locator("button.plan-save").getAttribute("aria-pressed"),
    ).resolves.toBe("true");
    await expect(
      items.nth(1).locator("button.plan-save").getAttribute("aria-pressed"),
    ).resolves.toBe("false");
    const startOf = (key: string) => {
      const [id, at] = key.split("@");
      if (at)
        return Date.parse(
          at.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"),
        );
      return next(c.programs.find((p) => p.id === id)!)!.occurrence.start.toMillis();
    };
    const all = [...new Set([...fromListing, series.id, dateKey(next(oneOff)!)])];
    saved = all.sort((a, b) => startOf(a) - startOf(b));
    expect(await openPlan(page, `${server.url}/my-plan/`)).toEqual(saved);
    await expect(page.locator("h1").textContent()).resolves.toBe("My plan");
    await expect(page.getByText("Nothing is sent to").isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
  }, 120_000);

  it("downloads a calendar of exactly the saved dates, at the times programs.json gives", async () => {
    expect(await openPlan(page, `${server.url}/my-plan/`)).toEqual(saved);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("[data-plan-ics]").click(),
    ]);
    expect(download.suggestedFilename()).toBe("my-plan.ics");
    expect(download.url()).toMatch(/^blob:/);
    const ics = await readFile((await download.path())!, "utf8");
    const events = expandCalendar(ics);
    const host = new URL(c.library.url).host;
    const wanted = json.occurrences.filter((o) =>
      saved.some((key) => {
        const [id, at] = key.split("@");
        if (o.id !== id) return false;
        if (!at) return true;
        const start = o.allDay
          ? c.upcoming
              .find((l) => l.program.id === id && l.occurrence.start.toISODate() === o.start)!
              .occurrence.start.toMillis()
          : Date.parse(o.start);
        return basic(start) === at;
      }),
    );
    expect(wanted.length).toBeGreaterThan(saved.length); // a whole series among them
    const times = (o: ProgramsJson["occurrences"][number]) => {
      if (!o.allDay) return `T:${Date.parse(o.start)}..T:${Date.parse(o.end)}`;
      const after = new Date(Date.parse(`${o.end}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      return `D:${o.start}..D:${after}`;
    };
    const status = (s: string) =>
      s === "cancelled" ? "CANCELLED" : s === "postponed" ? "TENTATIVE" : "CONFIRMED";
    expect(events.map((e) => `${e.url} ${e.key}..${e.end} ${e.status}`).sort()).toEqual(
      wanted.map((o) => `${o.url} ${times(o)} ${status(o.status)}`).sort(),
    );
    for (const e of events)
      expect(e.uid).toMatch(
        new RegExp(`^[a-z0-9-]+-\\d{8}T\\d{6}Z@${host.replace(/\./g, "\\.")}$`),
      );
    // A one-off's date: the very UID of the site's own calendar for it.
    const { oneOff } = programs();
    const own = events.find((e) => e.url.endsWith(`/programs/${oneOff.id}/`))!;
    expect(await site.read(`/programs/${oneOff.id}.ics`)).toContain(`UID:${own.uid}`);
    expect(problems).toEqual([]);
  });

  it("flags a saved date the data no longer has, and cancelled, past and gone ones", async () => {
    const { series, next } = programs();
    const first = next(series)!;
    // A date an hour after the series' next one: never a date of it.
    const moved = `${series.id}@${basic(first.occurrence.start.toMillis() + 3_600_000)}`;
    const cancelled = c.upcoming.find((l) => l.occurrence.cancelled);
    expect(!!cancelled).toBe(library.cancelledDate);
    const past = c.programs
      .flatMap((p) => p.occurrences.map((o) => ({ program: p, occurrence: o })))
      .find((l) => l.occurrence.end < c.now)!;
    const entries = [
      { k: moved, t: series.title, w: "the old date" },
      {
        k: "no-such-program@20261215T180000Z",
        t: "A program that was removed",
        w: "Tuesday, December 15",
      },
      { k: dateKey(past), t: past.program.title },
      ...(cancelled ? [{ k: dateKey(cancelled), t: cancelled.program.title }] : []),
    ];
    const fresh = await newContext();
    try {
      const p = await fresh.newPage();
      await openWithPlan(p, server.url, entries);
      const row = (key: string) => p.locator(`[data-plan-list] > li[data-plan-key="${key}"]`);
      await expect(row(moved).getAttribute("class")).resolves.toContain("is-moved");
      await expect(row(moved).locator(".plan-note").textContent()).resolves.toContain(
        "This date is no longer on the calendar. Next date:",
      );
      await expect(row(moved).locator(".plan-note time").getAttribute("datetime")).resolves.toBe(
        first.occurrence.start.toISO({ suppressSeconds: true, suppressMilliseconds: true }),
      );
      await expect(
        row("no-such-program@20261215T180000Z").getAttribute("class"),
      ).resolves.toContain("is-gone");
      await expect(row("no-such-program@20261215T180000Z").textContent()).resolves.toContain(
        "A program that was removed",
      );
      await expect(row(dateKey(past)).getAttribute("class")).resolves.toContain("is-past");
      if (cancelled)
        await expect(row(dateKey(cancelled)).locator(".badge").textContent()).resolves.toBe(
          "Cancelled",
        );
      // "Save the next date instead" replaces the moved date with the next one.
      await row(moved)
        .getByRole("button", { name: /^Save the next date instead/ })
        .click();
      await expect.poll(() => planKeys(p)).toContain(dateKey(first));
      expect(await planKeys(p)).not.toContain(moved);
      // Only the cancelled date (when there is one) goes in the calendar file.
      await expect(p.locator("[data-plan-ics-note]").textContent()).resolves.toMatch(
        new RegExp(`^${cancelled ? 2 : 1} date`),
      );
      // Remove, then Clear: nothing left on the device.
      await row(dateKey(past))
        .getByRole("button", { name: /^Remove/ })
        .click();
      await expect.poll(() => planKeys(p)).not.toContain(dateKey(past));
      p.once("dialog", (d) => void d.accept());
      await p.getByRole("button", { name: "Clear my plan" }).click();
      await expect.poll(() => p.evaluate((key) => localStorage.getItem(key), STORE)).toBeNull();
      await expect(p.locator("[data-plan-empty]").isVisible()).resolves.toBe(true);
    } finally {
      await fresh.close();
    }
    expect(problems).toEqual([]);
  });

  it("counts each date once for the calendar file, and names a whole program's Remove by it", async () => {
    const { series, next } = programs();
    const first = next(series)!;
    // All the series' dates, and its next date saved on its own too.
    const entries = [
      { k: series.id, t: series.title },
      { k: dateKey(first), t: series.title },
    ];
    const fresh = await newContext({ acceptDownloads: true });
    try {
      const p = await fresh.newPage();
      await openWithPlan(p, server.url, entries);
      const [download] = await Promise.all([
        p.waitForEvent("download"),
        p.locator("[data-plan-ics]").click(),
      ]);
      const events = expandCalendar(await readFile((await download.path())!, "utf8"));
      expect(events.length).toBeGreaterThanOrEqual(3);
      expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
      // The note counted the date saved twice twice (one more than the file had).
      await expect(p.locator("[data-plan-ics-note]").textContent()).resolves.toMatch(
        new RegExp(`^${events.length} dates`),
      );
      const whole = p.locator(`[data-plan-list] > li[data-plan-key="${series.id}"]`);
      await expect(
        whole.getByRole("button", { name: /^Remove/ }).getAttribute("aria-label"),
      ).resolves.toBeNull();
      await expect(whole.getByRole("button", { name: /^Remove/ }).textContent()).resolves.toBe(
        `Remove ${series.title}, all dates`,
      );
    } finally {
      await fresh.close();
    }
    expect(problems).toEqual([]);
  });

  it("shares: the link opens read-only elsewhere and adds to that plan when asked", async () => {
    await openPlan(page, `${server.url}/my-plan/`);
    const link = await page.locator("[data-plan-share]").getAttribute("href");
    expect(link).toBe(`${server.url}/my-plan/?p=${saved.join(",")}`);
    if (library.root === DEMO_ROOT) {
      // The demo is also in Spanish: a plan shared from /es/my-plan/ opens there.
      await openPlan(page, `${server.url}/es/my-plan/`);
      await expect(page.locator("[data-plan-share]").getAttribute("href")).resolves.toBe(
        `${server.url}/es/my-plan/?p=${saved.join(",")}`,
      );
    }
    const other = await newContext();
    try {
      const p = await other.newPage();
      expect(await openPlan(p, link!)).toEqual(saved);
      await expect(p.locator("h1").textContent()).resolves.toBe("A shared plan");
      await expect(p.getByRole("button", { name: /^Remove/ }).count()).resolves.toBe(0);
      expect(await p.evaluate((key) => localStorage.getItem(key), STORE)).toBeNull();
      await p.getByRole("button", { name: "Add these to my plan" }).click();
      await expect(p.locator("h1").textContent()).resolves.toBe("My plan");
      expect(new URL(p.url()).search).toBe("");
      const stored = await p.evaluate((key) => JSON.parse(localStorage.getItem(key)!), STORE);
      expect(stored.items.map((e: { k: string }) => e.k)).toEqual(saved);
      expect(await openPlan(p, `${server.url}/my-plan/`)).toEqual(saved);
    } finally {
      await other.close();
    }
  });

  it("prints the list alone, under the library's name", async () => {
    await openPlan(page, `${server.url}/my-plan/`);
    await page.emulateMedia({ media: "print" });
    try {
      const shown = await page
        .locator("[data-plan-list] > li")
        .evaluateAll((items) => items.filter((li) => li.checkVisibility()).length);
      expect(shown).toBe(saved.length);
      for (const hidden of [".plan-actions", ".plan-privacy", ".site-header", ".plan-item-actions"])
        await expect(page.locator(hidden).first().isVisible(), hidden).resolves.toBe(false);
      // Whose plan it is, on paper only.
      await expect(page.locator(".plan-print-only").textContent()).resolves.toBe(
        `${c.library.name}, ${c.library.url}`,
      );
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });

  it("shows nothing of it without JavaScript but a plain sentence", async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: "block" });
    try {
      const p = await noJs.newPage();
      await p.goto(`${server.url}/programs/`);
      expect(await p.locator("li.listing").count()).toBeGreaterThan(0);
      expect(await p.locator("button.plan-save, .plan-save-program:visible").count()).toBe(0);
      await p.goto(`${server.url}${programs().series.url}`);
      expect(await p.locator(".plan-save-program").isVisible()).toBe(false);
      await p.goto(`${server.url}/my-plan/`);
      await expect(p.locator("[data-plan-nojs]").isVisible()).resolves.toBe(true);
      await expect(p.locator("[data-plan]").isVisible()).resolves.toBe(false);
    } finally {
      await noJs.close();
    }
  });

  it("has no axe violations with a plan shown", async () => {
    const ctx = await newContext({ bypassCSP: true });
    try {
      const p = await ctx.newPage();
      await openPlan(p, `${server.url}/my-plan/?p=${saved.join(",")}`);
      expect(await axe(p)).toEqual([]);
      await p.getByRole("button", { name: "Add these to my plan" }).click();
      await planKeys(p);
      expect(await axe(p)).toEqual([]);
      await p.goto(`${server.url}${programs().series.url}`);
      expect(await axe(p)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it("opens offline after one visit, checked against the precached data", async () => {
    const ctx = await newContext({ serviceWorkers: "allow" });
    try {
      const p = await ctx.newPage();
      await p.goto(`${server.url}/`);
      await p.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await p.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await p.evaluate(
        ([key, value]) => localStorage.setItem(key!, value!),
        [STORE, JSON.stringify({ v: 1, items: saved.map((k) => ({ k, t: k })) })],
      );
      await ctx.setOffline(true);
      const offline = await ctx.newPage();
      expect(await openPlan(offline, `${server.url}/my-plan/`)).toEqual(saved);
      // Titles from the data, not the stored words: the data was read.
      const titles = await offline.locator(".plan-title a").allTextContents();
      expect(titles).toHaveLength(saved.length);
      for (const t of titles) expect(saved).not.toContain(t);
      await expect(offline.locator(".is-unchecked").count()).resolves.toBe(0);
    } finally {
      await ctx.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe("My plan on a library whose main language is Spanish", () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    // Spanish first, the locale left at en-US: the words follow the language.
    const library = DEFAULT_LIBRARY.replace(
      "languages: { en: English, es: Español }",
      "languages: { es: Español, en: English }",
    );
    const root = await makeSite({
      "_data/library.yaml": library,
      "content/programs/club.md": programFile(
        { title: "Club de lectura", summary: "Leemos y conversamos." },
        "",
        { start: "2026-12-02 18:00", end: "2026-12-02 19:30" },
      ),
    });
    process.env.ALMANAC_SEARCH = "off";
    const site = await buildFixture(root, NOW);
    delete process.env.ALMANAC_SEARCH;
    expect(site.problems.filter((p) => p.severity === "error")).toEqual([]);
    server = await serveStatic(site.output);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows Spanish words on /my-plan/, on the Save buttons plan.js makes, and on /embed/", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    await context.clock.setFixedTime(new Date("2026-11-28T16:00:00Z"));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    /** A Save button's own words (its name adds which date, for screen readers). */
    const words = (selector: string) =>
      page.locator(selector).evaluateAll((bs) => bs.map((b) => b.firstChild!.textContent));

    await page.goto(`${server.url}/programs/`);
    const save = page.locator("li.listing button.plan-save").first();
    await save.waitFor();
    expect(await words("li.listing button.plan-save")).toContain("Guardar");
    await save.click();
    await expect
      .poll(() => page.locator("main [role=status]").last().textContent())
      .toMatch(/^Guardado en su plan: Club de lectura, /);

    await page.goto(`${server.url}/programs/club/`);
    await page.locator("[data-plan-program]:not([hidden])").waitFor();
    expect(await words("[data-plan-program] button.plan-save")).toEqual([
      "Guardar la próxima fecha",
      "Guardar todas las fechas",
    ]);
    await expect(page.locator("[data-plan-program] a").textContent()).resolves.toBe("Mi plan");
    await expect(
      page.getByRole("button", { name: /^Guardar todas las fechas de Club de lectura$/ }).count(),
    ).resolves.toBe(1);

    await page.goto(`${server.url}/my-plan/`);
    await page.locator("[data-plan][data-ready]").waitFor({ timeout: 15_000 });
    await expect(page.locator("h1").textContent()).resolves.toBe("Mi plan");
    await expect(page.locator(".lead").textContent()).resolves.toMatch(
      /^Fechas y actividades que guardó con los botones Guardar /,
    );
    await expect(
      page.locator("[data-plan-list] .plan-item-actions button").textContent(),
    ).resolves.toMatch(/^Quitar Club de lectura, /);
    await expect(page.locator("[data-plan-ics]").textContent()).resolves.toBe(
      "Descargar para mi calendario (.ics)",
    );
    await expect(page.locator("[data-plan-ics-note]").textContent()).resolves.toBe(
      "1 fecha, para su aplicación de calendario. Las fechas pasadas o cambiadas no se incluyen.",
    );
    await expect(page.locator("#plan-privacy-heading").textContent()).resolves.toBe(
      "Guardado solo en este dispositivo",
    );

    // The embed's iframe page: its title, and the widget's words in the site's language.
    await page.goto(`${server.url}/embed/`);
    await expect(page.title()).resolves.toBe("Próximas actividades · Riverside Public Library");
    // The widget learns the library's language from its data: read it once drawn.
    await page.locator("almanac-programs li a").first().waitFor();
    await expect(page.locator("almanac-programs h2").textContent()).resolves.toBe(
      "Próximas actividades",
    );
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
