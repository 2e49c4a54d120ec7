// The lobby screen (/signage/<location>/) in Chromium, on a landscape 1920x1080 TV and a
// portrait 1080x1920 display, measured rather than screenshotted: nothing scrolls, no item
// is cut (each is wholly shown or wholly out of sight), a list shows as many items as fit
// (the room left is less than the next item needs), a portrait screen is not left half
// empty, the location's closed days are announced, and it reloads itself only while the
// site answers. For the demo library and a crowded library in Europe/Berlin with other
// ids and locale.
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { servedInChromium } from "./helpers/browser.ts";
import { makeSite } from "./helpers/fixture.ts";
import { buildFixture, DEMO_ROOT } from "./helpers/site.ts";
import { buildOnce } from "./quality/build-once.ts";

const SCREENS = [
  { name: "landscape", width: 1920, height: 1080 },
  { name: "portrait", width: 1080, height: 1920 },
];

interface ListFit {
  heading: string;
  /** Items not ended, by where they are: wholly shown, wholly hidden, or cut. */
  shown: number;
  hidden: number;
  cut: string[];
  /** Room below the last shown item, and the height the first hidden item needs. */
  roomLeft: number;
  nextNeeds: number | null;
  /** Bottom of what the section shows (last shown item or message), and its own bottom. */
  contentBottom: number;
  sectionTop: number;
  sectionBottom: number;
}

/** How each list of the screen fits, measured in the page. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const inside = (r: DOMRect, c: DOMRect) =>
      r.top >= c.top - 0.5 &&
      r.bottom <= c.bottom + 0.5 &&
      r.left >= c.left - 0.5 &&
      r.right <= c.right + 0.5;
    const apart = (r: DOMRect, c: DOMRect) =>
      r.bottom <= c.top + 0.5 ||
      r.top >= c.bottom - 0.5 ||
      r.right <= c.left + 0.5 ||
      r.left >= c.right - 0.5;
    const lists: ListFit[] = [];
    for (const section of document.querySelectorAll<HTMLElement>(".sign-main section")) {
      const clip = section.getBoundingClientRect();
      const list = section.querySelector<HTMLElement>(".sign-list");
      const listBox = list && list.checkVisibility() ? list.getBoundingClientRect() : clip;
      const fit: ListFit = {
        heading: section.querySelector("h2")!.textContent!,
        shown: 0,
        hidden: 0,
        cut: [],
        roomLeft: 0,
        nextNeeds: null,
        contentBottom: section.querySelector("h2")!.getBoundingClientRect().bottom,
        sectionTop: clip.top,
        sectionBottom: clip.bottom,
      };
      let lastBottom = listBox.top;
      for (const item of section.querySelectorAll<HTMLElement>(".sign-item")) {
        if (!item.checkVisibility()) continue; // ended
        const r = item.getBoundingClientRect();
        if (inside(r, listBox) && inside(r, clip)) {
          fit.shown++;
          lastBottom = Math.max(lastBottom, r.bottom);
        } else if (apart(r, listBox) || apart(r, clip)) {
          fit.hidden++;
          fit.nextNeeds ??= r.height;
        } else fit.cut.push(item.querySelector(".sign-title")!.textContent!.trim());
      }
      fit.roomLeft = listBox.bottom - lastBottom;
      for (const el of section.querySelectorAll<HTMLElement>(".sign-item, .sign-empty"))
        if (el.checkVisibility() && inside(el.getBoundingClientRect(), clip))
          fit.contentBottom = Math.max(fit.contentBottom, el.getBoundingClientRect().bottom);
      lists.push(fit);
    }
    const doc = document.documentElement;
    return {
      scrolls: doc.scrollHeight > innerHeight + 1 || doc.scrollWidth > innerWidth + 1,
      lists,
      closures: [...document.querySelectorAll<HTMLElement>(".sign-closures li")]
        .filter((li) => li.checkVisibility())
        .map((li) => li.textContent!.trim()),
    };
  });
}

/** The checks every screen must pass, whatever its content. */
function expectFits(result: Awaited<ReturnType<typeof measure>>, where: string, portrait: boolean) {
  expect(result.scrolls, where).toBe(false);
  for (const list of result.lists) {
    const at = `${where} ${list.heading}`;
    expect(list.cut, at).toEqual([]);
    // As many as fit: when one is left out, it would not have fitted in the room left.
    if (list.nextNeeds !== null) expect(list.roomLeft, at).toBeLessThan(list.nextNeeds);
    if (list.shown + list.hidden > 0) expect(list.shown, at).toBeGreaterThan(0);
  }
  if (portrait) {
    // Today's part is as tall as what it shows: the rest of the screen goes to what is next.
    const [today, next] = result.lists;
    if (next && next.hidden > 0) {
      expect(today!.sectionBottom - today!.contentBottom, where).toBeLessThan(
        next.nextNeeds ?? Infinity,
      );
    }
  }
}

async function open(
  browser: Browser,
  url: string,
  screen: { width: number; height: number },
  clock: string,
) {
  const context = await browser.newContext({ viewport: screen, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.clock.install({ time: new Date(clock) });
  await page.goto(url);
  return { page, close: () => context.close() };
}

describe("lobby screens of the demo library", () => {
  const served = servedInChromium(async () => {
    const build = await buildOnce(DEMO_ROOT);
    expect(build.ok).toBe(true);
    return build.output;
  });

  for (const screen of SCREENS) {
    it(`fit every location's items whole on a ${screen.name} ${screen.width}x${screen.height} screen`, async () => {
      for (const location of ["central", "eastside", "northwood"]) {
        // The build's moment (28 November, 10:00 in Chicago), and a week later.
        for (const clock of ["2026-11-28T10:00:00-06:00", "2026-12-05T09:00:00-06:00"]) {
          const { page, close } = await open(
            served.browser,
            `${served.server.url}/signage/${location}/`,
            screen,
            clock,
          );
          const result = await measure(page);
          expectFits(result, `${location} ${clock}`, screen.name === "portrait");
          await close();
        }
      }
    });
  }

  it("reloads itself every 5 minutes while the site answers, and not when it does not", async () => {
    const { page, close } = await open(
      served.browser,
      `${served.server.url}/signage/central/`,
      SCREENS[0]!,
      "2026-11-28T10:00:00-06:00",
    );
    let loads = 0;
    page.on("load", () => loads++);
    // The site is unreachable: the screen stays as it is (no browser error page).
    await page.route("**/signage/**", (route) => route.abort("internetdisconnected"));
    await page.clock.runFor(5 * 60_000 + 1_000);
    await page.waitForTimeout(300);
    expect(loads).toBe(0);
    expect(await page.locator("h1").textContent()).toBe("Central Library");
    // Back online: the next try reloads the page.
    await page.unrouteAll();
    await Promise.all([page.waitForEvent("load"), page.clock.runFor(5 * 60_000 + 1_000)]);
    expect(loads).toBe(1);
    await close();
  });

  it("fills a portrait screen: what comes next reaches the bottom", async () => {
    const { page, close } = await open(
      served.browser,
      `${served.server.url}/signage/central/`,
      SCREENS[1]!,
      "2026-11-28T10:00:00-06:00",
    );
    const { lists } = await measure(page);
    const next = lists[1]!;
    expect(next.shown).toBeGreaterThanOrEqual(6);
    // The last item shown ends near the bottom of its panel: less than one item is left.
    expect(next.roomLeft).toBeLessThan(next.nextNeeds ?? 1920);
    expect(next.sectionBottom).toBeGreaterThan(1920 * 0.85);
    await close();
  });
});

/** Another library: Berlin, de-DE, its own ids; a busy day at one location and closures. */
const BERLIN = `name: Stadtbibliothek Lindenau
url: https://bibliothek.example.de
timezone: Europe/Berlin
locale: de-DE
languages: { de: Deutsch }
locations:
  - id: hauptstelle
    name: Hauptstelle am Marktplatz
    address: Marktplatz 1, 04177 Leipzig
    closed: [2026-03-30]
  - id: stadtteil
    name: Stadtteilbibliothek Grünau
    address: Stuttgarter Allee 4, 04209 Leipzig
closed:
  - { date: 2026-04-03, reason: Karfreitag }
audiences:
  - { id: erwachsene, label: Erwachsene }
  - { id: jugendliche, label: Jugendliche }
categories:
  - { id: digitales, label: Digitales }
`;

function berlinProgram(i: number, start: string): string {
  const long = i % 3 === 0 ? " mit ausführlicher Einführung in die digitale Bibliothek" : "";
  return `---
title: Veranstaltung ${i}${long}
summary: Programm ${i}.
audiences: [${i % 2 ? "erwachsene" : "jugendliche"}]
categories: [digitales]
location: hauptstelle
room: Saal ${i}
start: ${start}
duration: 45
---
`;
}

describe("lobby screens of a crowded library in Europe/Berlin", () => {
  const served = servedInChromium(async () => {
    const files: Record<string, string> = { "_data/library.yaml": BERLIN };
    // Twelve programs today (Saturday 28 March) from 11:00, every half hour; twelve later.
    for (let i = 0; i < 12; i++) {
      const minutes = 11 * 60 + i * 30;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
      files[`content/programs/heute-${i}.md`] = berlinProgram(i, `2026-03-28 ${time}`);
      files[`content/programs/spaeter-${i}.md`] = berlinProgram(
        i + 12,
        `2026-04-${String(6 + i).padStart(2, "0")} 18:00`,
      );
    }
    const site = await buildFixture(await makeSite(files), "2026-03-28T10:00");
    expect(site.problems.filter((p) => p.severity === "error")).toEqual([]);
    return site.output;
  });

  for (const screen of SCREENS) {
    it(`shows whole items only, and the closed days, on a ${screen.name} screen`, async () => {
      const { page, close } = await open(
        served.browser,
        `${served.server.url}/signage/hauptstelle/`,
        screen,
        "2026-03-28T10:00:00+01:00",
      );
      const result = await measure(page);
      expectFits(result, screen.name, screen.name === "portrait");
      // Too many for the screen: some are left out, whole.
      const [today, next] = result.lists;
      expect(today!.hidden + next!.hidden).toBeGreaterThan(0);
      expect(result.closures).toEqual([
        "Closed Montag, 30. März 2026",
        "Closed Freitag, 3. April 2026: Karfreitag",
      ]);
      await close();
    });
  }

  it("drops a closed day once it is over, and ended items make room for later ones", async () => {
    const { page, close } = await open(
      served.browser,
      `${served.server.url}/signage/hauptstelle/`,
      SCREENS[0]!,
      "2026-03-31T08:00:00+02:00",
    );
    const result = await measure(page);
    expect(result.closures).toEqual(["Closed Freitag, 3. April 2026: Karfreitag"]);
    expectFits(result, "three days later", false);
    await close();
  });

  it("announces only its own location's closed days", async () => {
    const { page, close } = await open(
      served.browser,
      `${served.server.url}/signage/stadtteil/`,
      SCREENS[0]!,
      "2026-03-28T10:00:00+01:00",
    );
    expect((await measure(page)).closures).toEqual(["Closed Freitag, 3. April 2026: Karfreitag"]);
    await close();
  });
});
