// The program explorer in real Chromium, on the demo library (America/Chicago) and on
// another library (Pacific/Auckland, other ids): every filter and some combinations against
// an independent reading of the catalogue, the state in the URL both ways, "Show more",
// the count in a status element, the page without JavaScript (two weeks and links to the
// rest), offline after one visit, nearest first with a mocked position, and the opt-in
// "remember my filters". The browser's clock is the build's "now".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { DateTime } from "luxon";
import type { Catalogue, Listing } from "../src/content/model.ts";
import { forAge, isDropIn } from "../src/site/program-facts.ts";
import { placeOf } from "../src/content/assemble.ts";
import { programHas, type Facet } from "../src/site/views.ts";
import { buildFixture, DEMO_ROOT, REPO, type BuiltSite } from "./helpers/site.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";
import { makeSantiagoSite, SANTIAGO_NOW } from "./helpers/santiago.ts";

const OTHER_LIBRARY = `${REPO}/test/fixtures/other-library`;
const NOW = "2026-11-28T10:00";
/** Dates the explorer shows at first, and adds on each "Show more" (lib/explorer/results.js BATCH). */
const BATCH = 20;

// Playwright's inspection of service workers was seen to hang a restarted worker (see
// offline.browser.test.ts); the offline check does not need it.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = "1";

/** `<program id> <ISO start>` of one listing (`rowKey` reads it from a row). */
const keyOf = ({ program, occurrence }: Listing) =>
  `${program.id} ${occurrence.start.toISO({ suppressSeconds: true, suppressMilliseconds: true })}`;

/**
 * `<program id> <ISO start>` of a listed row, in the page: its program (its title's
 * `/programs/<id>/`, or `data-program` where it links elsewhere) and its start (the first
 * `<time>` of its `.when`, or an all-day row's `data-start`). Self-contained: Playwright
 * runs it in the page.
 */
function rowKeys(items: Element[]): string[] {
  return items.map((li) => {
    const id =
      li.getAttribute("data-program") ??
      /\/programs\/(.+)\/$/.exec(li.querySelector(":scope > a")!.getAttribute("href")!)![1];
    const start =
      li.getAttribute("data-start") ?? li.querySelector(".when time")!.getAttribute("datetime");
    return `${id} ${start}`;
  });
}

/**
 * What a filtered view must list, read from the catalogue the site was built from (not
 * from the explorer's data file): upcoming occurrences whose window and program match.
 */
function expected(c: Catalogue, query: string, scope?: [Facet, string]): string[] {
  const q = new URLSearchParams(query);
  const zone = c.library.timezone;
  const today = c.now.setZone(zone).startOf("day");
  const when = q.get("when") ?? "";
  let window: [DateTime, DateTime] | undefined;
  if (when === "today") window = [today, today.plus({ days: 1 })];
  else if (when === "tomorrow") window = [today.plus({ days: 1 }), today.plus({ days: 2 })];
  else if (when === "week") window = [today, today.plus({ days: 7 })];
  else if (when === "weekend") {
    const saturday =
      today.weekday === 7 ? today.minus({ days: 1 }) : today.plus({ days: 6 - today.weekday });
    window = [saturday, saturday.plus({ days: 2 })];
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(when)) {
    const day = today.set({
      year: Number(when.slice(0, 4)),
      month: Number(when.slice(5, 7)),
      day: Number(when.slice(8)),
    });
    window = [day, day.plus({ days: 1 })];
  } else if (/^\d{4}-\d{2}$/.test(when)) {
    const first = today.set({
      year: Number(when.slice(0, 4)),
      month: Number(when.slice(5)),
      day: 1,
    });
    window = [first, first.plus({ months: 1 })];
  }
  const audiences = new Map(c.library.audiences.map((a) => [a.id, a]));
  const access = q.getAll("access");
  return c.upcoming
    .filter(({ program: p, occurrence: o }) => {
      if (window && !(o.start < window[1] && o.end > window[0])) return false;
      if (scope && !programHas(p, scope[0], scope[1])) return false;
      if (q.has("age") && !forAge(p, audiences, Number(q.get("age")))) return false;
      if (q.has("audience") && !p.audiences.includes(q.get("audience")!)) return false;
      if (q.has("category") && !p.categories.includes(q.get("category")!)) return false;
      const place = q.get("location");
      if (place === "online" ? !p.online : place && placeOf(p) !== place) return false;
      if (q.has("language") && !p.languages.includes(q.get("language")!)) return false;
      if (!access.every((a) => p.access.includes(a))) return false;
      if (q.get("free") === "1" && !p.free) return false;
      if (q.get("dropin") === "1" && !isDropIn(p)) return false;
      return true;
    })
    .map(keyOf);
}

/** Opens `url` and waits until the explorer has shown its results. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator("[data-explorer][data-ready]").waitFor({ timeout: 15_000 });
}

/** Every listed occurrence, after pressing "Show more" until it is gone. */
async function listed(page: Page): Promise<string[]> {
  const more = page.locator(".explorer-more");
  while (await more.isVisible()) await more.click();
  return page.locator("[data-explorer-results] li.listing:not(.has-ended)").evaluateAll(rowKeys);
}

const statusText = (page: Page) => page.locator("[data-explorer-status]").textContent();

/** Opens "More filters" (access, cost and booking, nearest place) unless it is open. */
async function openMore(page: Page): Promise<void> {
  if (!(await page.locator("[data-explorer-more]").evaluate((d) => (d as HTMLDetailsElement).open)))
    await page.locator("summary", { hasText: "More filters" }).click();
}

/** The first program of `c` with an upcoming date, to pick facets that have results. */
function someFacet(c: Catalogue, pick: (l: Listing) => string | undefined): string {
  for (const l of c.upcoming) {
    const v = pick(l);
    if (v) return v;
  }
  throw new Error("no listing to pick a facet from");
}

interface Library {
  name: string;
  root: string;
  /** A combination whose result the test states in words, and that result. */
  combination: { query: string; titles: string[] };
  /** A position near one location, and the order "nearest first" gives. */
  near: { at: [number, number]; order: string[] };
  /** A filter with more dates than two batches, when the catalogue has one. */
  batches?: string;
}

const LIBRARIES: Library[] = [
  {
    name: "the demo library (America/Chicago)",
    root: DEMO_ROOT,
    // "A storytime for my 4-year-old this Saturday at the nearest branch": Eastside's.
    combination: {
      query: "when=weekend&age=4&location=eastside",
      titles: ["Saturday LEGO Club"],
    },
    near: { at: [41.791, -87.975], order: ["eastside", "central", "northwood", "online"] },
    batches: "dropin=1",
  },
  {
    name: "another library (Pacific/Auckland)",
    root: OTHER_LIBRARY,
    combination: {
      query: "when=2026-12&age=16&free=1&dropin=1",
      titles: ["Kōrero Māori", "Harbour History Walk", "Summer Reading Hākari"],
    },
    near: { at: [-36.85, 174.76], order: ["waterfront", "hillcrest", "online"] },
  },
];

describe.each(LIBRARIES)("the explorer on $name", (library) => {
  let site: BuiltSite;
  let c: Catalogue;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    process.env.ALMANAC_SEARCH = "off";
    site = await buildFixture(library.root, NOW);
    delete process.env.ALMANAC_SEARCH;
    expect(site.ok).toBe(true);
    c = site.catalogue!;
    server = await serveStatic(site.output);
    browser = await launchBrowser();
    context = await browser.newContext({ serviceWorkers: "block" });
    await context.clock.setFixedTime(new Date(c.now.toMillis()));
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !/Service Worker|Offline support/.test(m.text()))
        errors.push(m.text());
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("applies each filter on its own, listing exactly the matching dates", async () => {
    const lib = c.library;
    const later = c.upcoming.at(-1)!.occurrence.start.setZone(lib.timezone);
    const queries = [
      "",
      "when=today",
      "when=tomorrow",
      "when=weekend",
      "when=week",
      `when=${someFacet(c, (l) => (l.occurrence.start.weekday === 3 ? l.occurrence.start.toISODate()! : undefined))}`,
      `when=${later.toFormat("yyyy-MM")}`,
      "age=4",
      "age=70",
      `audience=${lib.audiences[1]!.id}`,
      `category=${someFacet(c, (l) => l.program.categories[0])}`,
      `location=${lib.locations[0]!.id}`,
      "location=online",
      `language=${someFacet(c, (l) => l.program.languages.find((g) => g !== lib.language))}`,
      `access=${someFacet(c, (l) => l.program.access[0])}`,
      "free=1",
      "dropin=1",
    ];
    for (const query of queries) {
      await open(page, `${server.url}/programs/${query ? `?${query}` : ""}`);
      const want = expected(c, query);
      expect(await listed(page), query).toEqual(want);
      const programs = new Set(want.map((k) => k.split(" ")[0])).size;
      const count = `${want.length.toLocaleString("en-US")} date${want.length === 1 ? "" : "s"}`;
      if (want.length)
        expect(await statusText(page), query).toMatch(
          new RegExp(`^${count} of ${programs} programs? (match|coming up)\\.$`),
        );
      else expect(await statusText(page), query).toMatch(/^No dates match/);
    }
    expect(errors).toEqual([]);
  }, 180_000);

  it("builds each row as the static pages print it (src/site/listing-html.ts), byte for byte", async () => {
    // Rows the explorer built (a filter rebuilds the list), against the rows of the same
    // dates in /programs/ and its later page as the server wrote them, parsed (no script).
    await open(page, `${server.url}/programs/?when=week`);
    const { compared, differ, icons, thumbs } = await page.evaluate(async () => {
      const key = (li: Element) =>
        `${li.querySelector(":scope > a")!.getAttribute("href")} ${li.getAttribute("data-start") ?? li.querySelector(".when time")!.getAttribute("datetime")}`;
      const printed = new Map<string, string>();
      for (const url of ["/programs/", "/programs/page/2/"]) {
        const html = await (await fetch(url)).text();
        const doc = new DOMParser().parseFromString(html, "text/html");
        for (const li of doc.querySelectorAll("li.listing")) printed.set(key(li), li.outerHTML);
      }
      const differ: string[][] = [];
      let compared = 0;
      let icons = 0;
      let thumbs = 0;
      for (const built of document.querySelectorAll("[data-explorer-results] li.listing")) {
        // What the page's scripts add to a row once it is in the page: plan.js's Save button.
        const li = built.cloneNode(true) as HTMLElement;
        li.removeAttribute("data-plan-ready");
        li.querySelector(".plan-save-row")?.remove();
        const want = printed.get(key(li));
        if (want === undefined) continue;
        compared++;
        if (li.querySelector(":scope > img")) thumbs++;
        else icons++;
        if (li.outerHTML !== want) differ.push([li.outerHTML, want]);
      }
      return { compared, differ, icons, thumbs };
    });
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(2);
    expect(icons).toBeGreaterThan(0);
    if (library.root === DEMO_ROOT) expect(thumbs).toBeGreaterThan(0);
  });

  it("combines filters, on /programs/ and within an audience, topic or location page", async () => {
    const { query, titles } = library.combination;
    await open(page, `${server.url}/programs/?${query}`);
    const found = await listed(page);
    expect(found).toEqual(expected(c, query));
    const shown = await page.locator("[data-explorer-results] li.listing > a").allTextContents();
    expect([...new Set(shown)]).toEqual(titles);
    const audience = c.library.audiences[0]!.id;
    const location = c.library.locations[0]!.id;
    for (const [facet, id, url] of [
      ["audience", audience, `/audiences/${audience}/?when=week`],
      ["location", location, `/locations/${location}/?free=1&age=8`],
      [
        "category",
        c.upcoming[0]!.program.categories[0]!,
        `/categories/${c.upcoming[0]!.program.categories[0]}/?dropin=1`,
      ],
    ] as [Facet, string, string][]) {
      await open(page, `${server.url}${url}`);
      expect(await listed(page), url).toEqual(expected(c, url.split("?")[1]!, [facet, id]));
    }
    // Two access features: programs with both.
    const both = c.programs.find((p) => p.access.length >= 2);
    if (both) {
      const query2 = both.access.map((a) => `access=${a}`).join("&");
      await open(page, `${server.url}/programs/?${query2}`);
      expect(await listed(page)).toEqual(expected(c, query2));
    }
    expect(errors).toEqual([]);
  }, 120_000);

  it("round-trips the URL: a shared link sets the filters, changing them rewrites it", async () => {
    const { query } = library.combination;
    await open(page, `${server.url}/programs/?${query}`);
    const q = new URLSearchParams(query);
    const when = q.get("when")!;
    if (/^\d{4}-\d{2}-\d{2}$/.test(when)) {
      expect(await page.inputValue("#explorer-when")).toBe("date");
      expect(await page.inputValue("#explorer-date")).toBe(when);
    } else expect(await page.inputValue("#explorer-when")).toBe(when);
    if (q.has("age")) expect(await page.inputValue("#explorer-age")).toBe(q.get("age"));
    if (q.has("location"))
      expect(await page.inputValue("#explorer-location")).toBe(q.get("location"));
    if (q.has("free")) expect(await page.isChecked("input[name=free]")).toBe(true);
    expect(new URL(page.url()).search).toBe(`?${query}`);

    // Change filters in the form: the URL follows, with these parameter names, in order.
    await page.locator("#explorer-when").selectOption("today");
    await page.locator("#explorer-age").fill("7");
    await page.locator("#explorer-location").selectOption(c.library.locations[0]!.id);
    await openMore(page);
    await page.locator("input[name=dropin]").check();
    const access = c.library.access[0]!.id;
    await page.locator(`input[name=access][value=${access}]`).check();
    const want = `when=today&age=7&location=${c.library.locations[0]!.id}&access=${access}${q.has("free") ? "&free=1" : ""}&dropin=1`;
    await page.waitForFunction((w) => location.search === `?${w}`, want);
    expect(await listed(page)).toEqual(expected(c, want));
    // The shared URL gives the same view in a new page.
    const other = await context.newPage();
    await open(other, page.url());
    expect(await listed(other)).toEqual(await listed(page));
    await other.close();
    // A date chosen in the date field: `when=YYYY-MM-DD`.
    await page.locator("#explorer-when").selectOption("date");
    const day = c.upcoming.at(-1)!.occurrence.start.setZone(c.library.timezone).toISODate()!;
    await page.locator("#explorer-date").fill(day);
    await page.waitForFunction((d) => new URLSearchParams(location.search).get("when") === d, day);
    // Clear filters: the bare URL and every upcoming date.
    await page.locator("[data-explorer-clear]").click();
    await page.waitForFunction(() => location.search === "");
    expect(await listed(page)).toEqual(expected(c, ""));
    // Values the form does not offer are dropped from the URL.
    await open(page, `${server.url}/programs/?when=someday&age=old&audience=nobody&free=yes`);
    expect(new URL(page.url()).search).toBe("");
    expect(errors).toEqual([]);
  }, 120_000);

  it("announces the number of matches in a status element as filters change", async () => {
    await open(page, `${server.url}/programs/`);
    const status = page.locator("[data-explorer-status]");
    expect(await status.getAttribute("role")).toBe("status");
    const before = await status.textContent();
    await page.locator("#explorer-when").selectOption("week");
    await expect.poll(() => status.textContent()).not.toBe(before);
    const want = expected(c, "when=week");
    expect(await status.textContent()).toContain(`${want.length} date`);
  });

  it("shows more dates after the page's own weeks, then in batches, focus on the first new one", async () => {
    // No filter: the page's own two weeks stay as built; "Show more" continues after them.
    await open(page, `${server.url}/programs/`);
    const end = c.now.setZone(c.library.timezone).startOf("day").plus({ weeks: 2 });
    const items = page.locator("[data-explorer-results] li.listing");
    const own = c.upcoming.filter((l) => l.occurrence.start < end).length;
    expect(await items.count()).toBe(own);
    const later = c.upcoming.filter((l) => l.occurrence.start >= end).map(keyOf);
    expect(later.length).toBeGreaterThan(0);
    await page.locator(".explorer-more").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => items.count()).toBe(own + Math.min(BATCH, later.length));
    expect(
      await page.evaluate(() => {
        const li = document.activeElement?.closest("li");
        return li?.dataset.start ?? li?.querySelector(".when time")?.getAttribute("datetime");
      }),
    ).toBe(later[0]!.split(" ")[1]);
    if (!library.batches) return;
    // A filter with more than two batches: one batch at first, another on "Show more".
    const query = library.batches;
    const all = expected(c, query);
    expect(all.length).toBeGreaterThan(2 * BATCH);
    await open(page, `${server.url}/programs/?${query}`);
    expect(await items.count()).toBe(BATCH);
    await page.locator(".explorer-more").click();
    await expect.poll(() => items.count()).toBe(2 * BATCH);
    expect(await listed(page)).toEqual(all);
  });

  it("works without JavaScript: two weeks of dates and links to the rest", async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: "block" });
    try {
      const plain = await noJs.newPage();
      await plain.goto(`${server.url}/programs/`);
      expect(await plain.locator("[data-explorer]").isVisible()).toBe(false);
      const end = c.now.setZone(c.library.timezone).startOf("day").plus({ weeks: 2 });
      const listedKeys = await plain.locator("li.listing").evaluateAll(rowKeys);
      expect(listedKeys).toEqual(c.upcoming.filter((l) => l.occurrence.start < end).map(keyOf));
      // The rest: the later page (the next dates with dates, PROGRAMS_LATER_PAGES in
      // src/site/listing-pages.ts) and the month calendars, which hold every later date.
      const pages = await plain
        .locator(".later-dates .listing-pages a")
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      expect(pages[0]).toBe("/programs/");
      let rest: string[] = [];
      for (const href of pages.slice(1)) {
        await plain.goto(`${server.url}${href}`);
        rest = rest.concat(await plain.locator("li.listing").evaluateAll(rowKeys));
      }
      const later = c.upcoming.filter((l) => l.occurrence.start >= end);
      expect(pages).toHaveLength(2);
      expect(rest.length).toBeGreaterThan(0);
      expect(rest).toEqual(later.slice(0, rest.length).map(keyOf));
      await plain.goto(`${server.url}/programs/`);
      const months = await plain
        .locator(".later-months a")
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(months.length).toBeGreaterThan(0);
      for (const href of months) expect(site.exists(href!), href!).toBe(true);
      // Each date after the later page: /programs/ links the month calendar of its month.
      for (const l of later.slice(rest.length)) {
        const month = l.occurrence.start.setZone(c.library.timezone).toFormat("yyyy/MM");
        expect(months, keyOf(l)).toContain(`/calendar/${month}/`);
      }
    } finally {
      await noJs.close();
    }
  }, 120_000);

  it("sorts places nearest first from a mocked position, computed in the page", async () => {
    const near = await browser.newContext({
      serviceWorkers: "block",
      permissions: ["geolocation"],
      geolocation: { latitude: library.near.at[0], longitude: library.near.at[1] },
    });
    await near.clock.setFixedTime(new Date(c.now.toMillis()));
    const requests: string[] = [];
    try {
      const p = await near.newPage();
      await open(p, `${server.url}/programs/`);
      p.on("request", (r) => requests.push(r.url()));
      await openMore(p);
      await expect
        .poll(() => p.locator(".explorer-near .explorer-hint").first().textContent())
        .toMatch("your location is not sent anywhere");
      await p.locator("[data-explorer-near]").click();
      await expect
        .poll(() => p.locator("[data-explorer-near-status]").textContent())
        .toMatch("Nearest first");
      const options = await p
        .locator("#explorer-location option")
        .evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
      expect(options.map((o) => o[0])).toEqual(["", ...library.near.order]);
      const nearest = c.library.locations.find((l) => l.id === library.near.order[0])!;
      expect(options[1]![1]).toMatch(new RegExp(`^${nearest.name} \\(\\d+(\\.\\d)? (mi|km)\\)$`));
      // Listings at that place show their distance.
      await p.locator("#explorer-location").selectOption(nearest.id);
      const row = p.locator("[data-explorer-results] li.listing").first();
      if (await row.count())
        await expect
          .poll(() => row.locator(".distance").textContent())
          .toMatch(/\(\d+(\.\d)? (mi|km)\)/);
      // Nothing left the page: no request carried the position.
      const [lat] = library.near.at;
      expect(requests.filter((u) => u.includes(String(lat)) || u.includes("geo"))).toEqual([]);
    } finally {
      await near.close();
    }
  });

  it("remembers the filters on this device only when asked, and forgets them when told", async () => {
    const fresh = await browser.newContext({ serviceWorkers: "block" });
    await fresh.clock.setFixedTime(new Date(c.now.toMillis()));
    try {
      const p = await fresh.newPage();
      const stored = () => p.evaluate(() => ({ ...localStorage }));
      await open(p, `${server.url}/programs/?age=5`);
      expect(await stored()).toEqual({}); // not asked: nothing kept
      await open(p, `${server.url}/programs/`);
      expect(await p.inputValue("#explorer-age")).toBe("");

      await open(p, `${server.url}/programs/?age=5&free=1`);
      await expect
        .poll(() => p.locator(".explorer-remember").textContent())
        .toMatch(/in this browser, on this device only.*nothing is sent anywhere/);
      await p.locator("[data-explorer-remember]").check();
      await p.locator("#explorer-when").selectOption("week");
      await expect.poll(stored).toEqual({ "almanac:explorer-filters": "when=week&age=5&free=1" });
      // Coming back without parameters sets them again, and says so in the URL.
      await open(p, `${server.url}/programs/`);
      expect(new URL(p.url()).search).toBe("?when=week&age=5&free=1");
      expect(await p.isChecked("[data-explorer-remember]")).toBe(true);
      expect(await listed(p)).toEqual(expected(c, "when=week&age=5&free=1"));
      // An audience page has no "For" field: what is remembered for it stays.
      await p.locator("#explorer-audience").selectOption(c.library.audiences[0]!.id);
      await expect.poll(stored).toEqual({
        "almanac:explorer-filters": `when=week&age=5&audience=${c.library.audiences[0]!.id}&free=1`,
      });
      await open(p, `${server.url}/audiences/${c.library.audiences[1]!.id}/`);
      expect(new URL(p.url()).search).toBe("?when=week&age=5&free=1");
      await p.locator("#explorer-age").fill("6");
      await expect.poll(stored).toEqual({
        "almanac:explorer-filters": `when=week&age=6&audience=${c.library.audiences[0]!.id}&free=1`,
      });
      await open(p, `${server.url}/programs/`);
      expect(new URL(p.url()).search).toBe(
        `?when=week&age=6&audience=${c.library.audiences[0]!.id}&free=1`,
      );
      // A shared link wins over what is remembered, and leaves it as it was.
      await open(p, `${server.url}/programs/?when=today`);
      expect(await p.inputValue("#explorer-age")).toBe("");
      expect(await stored()).toEqual({
        "almanac:explorer-filters": `when=week&age=6&audience=${c.library.audiences[0]!.id}&free=1`,
      });
      // Untick: forgotten.
      await p.locator("[data-explorer-remember]").uncheck();
      await expect.poll(stored).toEqual({});
      await open(p, `${server.url}/programs/`);
      expect(new URL(p.url()).search).toBe("");
    } finally {
      await fresh.close();
    }
  });

  it("shows status badges as wide as their word, and strikes a cancelled date start to end", async () => {
    const cancelled = c.upcoming.find((l) => l.occurrence.cancelled)!;
    const month = cancelled.occurrence.start.setZone(c.library.timezone).toFormat("yyyy-MM");
    let badges = 0;
    let struck = 0;
    for (const url of [
      "/",
      "/programs/",
      "/programs/page/2/",
      `/programs/?when=${month}`,
      cancelled.program.url,
    ]) {
      await page.goto(`${server.url}${url}`);
      if (url.includes("?")) await page.locator("[data-explorer][data-ready]").waitFor();
      const found = await page.evaluate(() => {
        const main = document.querySelector("main")!;
        const wide = [...main.querySelectorAll<HTMLElement>(".badge")]
          .filter((b) => b.offsetParent)
          .map((b) => {
            const own = b.getBoundingClientRect().width;
            const row = b.closest("li")!.getBoundingClientRect().width;
            return { text: b.textContent, own, row };
          });
        // In a cancelled item, the text of its time (a listing's `.when`, a date line's
        // whole text but the badge) must all be struck through, the end as much as the start.
        const unstruck: string[] = [];
        let checked = 0;
        for (const li of main.querySelectorAll<HTMLElement>("li.is-cancelled")) {
          if (!li.offsetParent) continue;
          checked++;
          const scope = li.querySelector(".when") ?? li;
          const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = n.textContent!.trim();
            if (!text || n.parentElement!.closest(".badge")) continue;
            let el: Element | null = n.parentElement;
            let through = false;
            for (; el && !through; el = el === li ? null : el.parentElement)
              through = getComputedStyle(el).textDecorationLine.includes("line-through");
            if (!through) unstruck.push(`${li.textContent!.trim().slice(0, 60)}: "${text}"`);
          }
        }
        return { wide, unstruck, checked };
      });
      badges += found.wide.length;
      struck += found.checked;
      for (const b of found.wide)
        expect(
          b.own,
          `${url}: badge "${b.text}" is ${b.own}px wide in a ${b.row}px row`,
        ).toBeLessThan(Math.min(160, b.row / 2));
      expect(found.unstruck, url).toEqual([]);
    }
    expect(badges).toBeGreaterThan(0);
    expect(struck).toBeGreaterThan(1);
  });

  it("keeps filtering offline after one visit, with the server stopped", async () => {
    const own = await serveStatic(site.output);
    const offline = await browser.newContext({ serviceWorkers: "allow" });
    await offline.clock.setFixedTime(new Date(c.now.toMillis()));
    try {
      const p = await offline.newPage();
      await p.goto(`${own.url}/`);
      await p.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await p.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const query = library.combination.query;
      await open(p, `${own.url}/programs/?${query}`);
      const online = await listed(p);
      await offline.setOffline(true);
      await own.close();
      const again = await offline.newPage();
      for (const url of [`/programs/?${query}`, `/programs/?when=week&age=8`]) {
        await open(again, `${own.url}${url}`);
        expect(await listed(again), url).toEqual(expected(c, url.split("?")[1]!));
      }
      await open(again, `${own.url}/programs/?${query}`);
      expect(await listed(again)).toEqual(online);
      const audience = c.library.audiences[0]!.id;
      await open(again, `${own.url}/audiences/${audience}/?when=week`);
      expect(await listed(again)).toEqual(expected(c, "when=week", ["audience", audience]));
    } finally {
      await offline.close();
      await own.close().catch(() => undefined);
    }
  }, 120_000);
});

describe("the explorer on the night the clocks go back (America/Santiago)", () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    process.env.ALMANAC_SEARCH = "off";
    site = await buildFixture(await makeSantiagoSite(), SANTIAGO_NOW);
    delete process.env.ALMANAC_SEARCH;
    expect(site.ok).toBe(true);
    server = await serveStatic(site.output);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("names the zone after a time in the repeated hour on that date only, as the static rows do", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    await context.clock.setFixedTime(new Date(site.catalogue!.now.toMillis()));
    const page = await context.newPage();
    try {
      await open(page, `${server.url}/programs/?when=2027-04`);
      const rows = await page.evaluate(async () => {
        const key = (li: Element) =>
          `${li.querySelector(":scope > a")!.getAttribute("href")} ${li.querySelector(".when time")!.getAttribute("datetime")}`;
        // /programs/ and its later page (every date here), as the server wrote them.
        const printed = new Map<string, string>();
        for (const url of ["/programs/", "/programs/page/2/"]) {
          const html = await (await fetch(url)).text();
          const doc = new DOMParser().parseFromString(html, "text/html");
          for (const li of doc.querySelectorAll("li.listing")) printed.set(key(li), li.outerHTML);
        }
        return [...document.querySelectorAll("[data-explorer-results] li.listing")].map((built) => {
          const li = built.cloneNode(true) as HTMLElement;
          li.removeAttribute("data-plan-ready");
          li.querySelector(".plan-save-row")?.remove();
          const want = printed.get(key(li));
          return {
            key: key(li),
            when: li.querySelector(".when")!.textContent,
            same: want === undefined ? undefined : li.outerHTML === want,
          };
        });
      });
      expect(rows.length).toBe(7); // four Saturdays, the late game, two storytellings
      // Each row as the static pages print it, byte for byte.
      expect(rows.filter((r) => r.same !== true)).toEqual([]);
      const when = (key: string) => rows.find((r) => r.key === key)?.when;
      expect(when("/programs/noche-astronomica/ 2027-04-03T23:00-03:00")).toBe(
        "11:00 p. m. CLST – 11:30 p. m. CLT",
      );
      expect(when("/programs/ajedrez-nocturno/ 2027-04-03T23:30-03:00")).toBe(
        "11:30 p. m. CLST – dom, 4 abr, 12:30 a. m.",
      );
      expect(when("/programs/noche-astronomica/ 2027-04-17T23:00-04:00")).toBe(
        "11:00 p. m. – dom, 18 abr, 12:30 a. m.",
      );
      expect(when("/programs/cuentos-de-noche/ 2027-04-17T23:00-04:00")).toBe(
        "11:00 p. m. – 11:45 p. m.",
      );
    } finally {
      await context.close();
    }
  });
});
