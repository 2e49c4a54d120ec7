import { describe, it, expect, beforeAll } from "vitest";
import { buildFixture, DEMO_ROOT, listedStarts, type BuiltSite } from "./helpers/site.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic } from "./helpers/serve.ts";

describe("building the demo library", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture(DEMO_ROOT, "2026-11-28T10:00");
  });

  it("writes the core pages", async () => {
    expect(site.ok).toBe(true);
    for (const url of [
      "/",
      "/programs/",
      "/partners/",
      "/guides/",
      "/programs/teen-coding-club/",
      "/404.html",
    ]) {
      expect(site.exists(url), url).toBe(true);
    }
  });

  it("shows wall-clock times with their offset in <time datetime>", async () => {
    const html = await site.read("/programs/teen-coding-club/");
    // A Tuesday/Thursday 18:00 series in America/Chicago: CST after 2026-11-01.
    expect(html).toMatch(/<time datetime="2026-12-01T18:00-06:00">/);
  });

  it("marks closed days in the month calendar, library-wide and per location", async () => {
    const html = await site.read("/calendar/2026/12/");
    const cell = (date: string) => html.split(`datetime="${date}"`)[1]!.split("</td>")[0]!;
    expect(cell("2026-12-25")).toContain("Library closed: Christmas Day");
    expect(cell("2026-12-26")).toContain("Eastside Branch closed");
    expect(cell("2026-12-23")).not.toContain("closed");
  });

  it("offers Subscribe links (webcal and https) on every listing page, to calendars that exist", async () => {
    for (const [page, ics] of [
      ["/programs/", "/calendar.ics"],
      ["/audiences/kids/", "/audiences/kids/calendar.ics"],
      ["/categories/technology/", "/categories/technology/calendar.ics"],
      ["/locations/central/", "/locations/central/calendar.ics"],
    ]) {
      const html = await site.read(page!);
      expect(html, page).toContain(`href="webcal://library.example.org${ics}"`);
      expect(html, page).toContain(`href="https://library.example.org${ics}"`);
      expect(site.exists(ics!), ics).toBe(true);
    }
  });

  it("shows two weeks on /programs/ when the library sets no listing_weeks, the next on a later page, the rest on month calendars", async () => {
    const html = await site.read("/programs/");
    const days = (page: string) => [...page.matchAll(/data-day="([^"]+)"/g)].map((m) => m[1]);
    expect(days(html).at(0)).toBe("2026-11-28");
    expect(days(html).at(-1)).toBe("2026-12-11");
    expect(html).not.toContain('data-day="2027-04-16"'); // the book festival, months ahead
    expect(html).toContain('<a href="/programs/page/2/">Sat, Dec 12 &ndash; Fri, Dec 25</a>');
    expect(html).toContain('<a href="/calendar/2027/04/">April 2027</a>');
    const second = await site.read("/programs/page/2/");
    expect(second).toContain("<h1>Upcoming programs</h1>");
    expect(second).toContain('<a rel="prev" href="/programs/">');
    expect(second).not.toContain('rel="next"');
    // PROGRAMS_LATER_PAGES later page (src/site/listing-pages.ts), not one to the horizon.
    expect(site.exists("/programs/page/3/")).toBe(false);
    expect(second).toContain('<a href="/calendar/2027/04/">April 2027</a>');
    // Every upcoming occurrence is on exactly one of the pages, in order, until the end of
    // the last; every later one on the month calendar of its month, which the pages link.
    const listed = [html, second].flatMap(listedStarts);
    const upcoming = site.catalogue!.upcoming.map(
      (l) =>
        `${l.program.id} ${l.occurrence.start.toISO({ suppressSeconds: true, suppressMilliseconds: true })}`,
    );
    expect(listed).toEqual(upcoming.slice(0, listed.length));
    const later = site.catalogue!.upcoming.slice(listed.length);
    expect(later.length).toBeGreaterThan(100);
    for (const l of later) {
      const month = l.occurrence.start
        .setZone(site.catalogue!.library.timezone)
        .toFormat("yyyy/MM");
      expect(second).toContain(`<a href="/calendar/${month}/">`);
      const calendar = await site.read(`/calendar/${month}/`);
      expect(calendar, `${l.program.id} ${month}`).toContain(
        l.occurrence.allDay
          ? `<a href="${l.program.url}">`
          : `<time datetime="${l.occurrence.start.toISO({ suppressSeconds: true, suppressMilliseconds: true })}">`,
      );
    }
  });

  it("leaves drafts out entirely", async () => {
    expect(site.exists("/programs/teen-podcasting-workshop/")).toBe(false);
    const listing = await site.read("/programs/");
    expect(listing).not.toContain("teen-podcasting-workshop");
  });

  it("renders in Chromium with no console errors", async () => {
    const server = await serveStatic(site.output);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on(
        "console",
        (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`),
      );
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.url}/programs/`);
      await expect(page.locator("h1").textContent()).resolves.toBe("Upcoming programs");
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  // A listed date carries its end once, as `data-ends` (its `.when` says it as text):
  // site.js reads it there. Today's three dates (built at 10:00) end at 11:30 (Lego
  // Club), 12:00 and 17:00.
  it("hides, by the patron's clock, the listed dates that have ended since the build", async () => {
    const server = await serveStatic(site.output);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const ended = async (at: string) => {
        await page.clock.setFixedTime(new Date(at));
        await page.goto(`${server.url}/programs/today/`);
        return page
          .locator("li.listing")
          .evaluateAll((items) =>
            items.map(
              (li) =>
                `${/\/programs\/(.+)\/$/.exec(li.querySelector(":scope > a")!.getAttribute("href")!)![1]} ${li.classList.contains("has-ended")}`,
            ),
          );
      };
      await expect(ended("2026-11-28T11:45:00-06:00")).resolves.toEqual([
        "citizenship-prep-class false",
        "saturday-lego-club true",
        "maker-lab-open-hours false",
      ]);
      expect(await page.locator('[data-day="2026-11-28"].has-ended').count()).toBe(0);
      await ended("2026-11-28T17:00:00-06:00");
      expect(await page.locator('[data-day="2026-11-28"].has-ended').count()).toBe(1);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe("image URLs published in structured data and search metadata", () => {
  it("point at files that exist in the build", async () => {
    const site = await buildFixture(DEMO_ROOT, "2026-11-28T10:00");
    const html = await site.read("/programs/teen-coding-club/");
    const ld = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
      (m) => JSON.parse(m[1]!),
    );
    const events = ld.flat().filter((e) => e["@type"] === "Event");
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      const url = new URL(e.image[0]);
      expect(site.exists(url.pathname), url.pathname).toBe(true);
    }
    const tag = /<[^>]*data-pagefind-meta="[^"]*"[^>]*>/.exec(html)?.[0] ?? "";
    const ref = /(?:^|,)image\[([\w-]+)\]/.exec(/data-pagefind-meta="([^"]*)"/.exec(tag)![1]!);
    const image = new RegExp(`\\s${ref?.[1]}="([^"]+)"`).exec(tag)?.[1];
    expect(image, "pagefind image meta").toBeTruthy();
    expect(site.exists(image!), image).toBe(true);
  });
});
