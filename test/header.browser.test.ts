// The site header on a phone (390x844): the brand and a "Menu" toggle on one row, not the
// three rows of links that pushed search results below the fold; every link of the menu
// reachable by pointer and by keyboard, with and without JavaScript. On a wide screen the
// links show in a row with no toggle. For the demo library (in two languages: its language
// switcher is one more row, of its own, on a phone) and another library.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { servedInChromium } from "./helpers/browser.ts";
import { DEMO_ROOT } from "./helpers/site.ts";
import { buildOnce, OTHER_LIBRARY_ROOT } from "./quality/build-once.ts";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** The header's height on a phone at most: one row (a long name on two lines), not three. */
const PHONE_HEADER_MAX = 80;
/**
 * On a site in several languages, the language switcher's row under it (languages.css),
 * at most: one row of links, not wrapped.
 */
const SWITCHER_ROW_MAX = 48;

/** The header's height and the main navigation's links with their boxes, as shown now. */
async function header(page: Page) {
  return page.evaluate(() => {
    const head = document.querySelector(".site-header")!.getBoundingClientRect();
    const switcher = document.querySelector(".language-switcher")?.getBoundingClientRect();
    const links = [...document.querySelectorAll<HTMLAnchorElement>("nav[aria-label=Main] a")].map(
      (a) => {
        const box = a.getBoundingClientRect();
        return {
          href: a.getAttribute("href")!,
          text: a.textContent!.trim(),
          // checkVisibility: a closed <details> keeps its content's boxes but hides it.
          shown: a.checkVisibility() && box.width > 0 && box.height > 0,
          inViewport:
            box.top >= 0 &&
            box.left >= 0 &&
            box.bottom <= window.innerHeight &&
            box.right <= window.innerWidth,
          // The element at the link's centre is the link: nothing covers it.
          onTop: a.contains(
            document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2),
          ),
        };
      },
    );
    // The header without the switcher's row (a site in several languages: a row of its own
    // on a phone), and that row.
    const row = switcher && switcher.top >= head.top + 8 ? switcher.height : 0;
    return { height: head.height - row, switcherRow: row, links };
  });
}

/** What Chromium gives screen readers: each named node's role and expanded state. */
async function accessibilityTree(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
    nodes: {
      ignored: boolean;
      role?: { value: string };
      name?: { value: string };
      properties?: { name: string; value: { value: unknown } }[];
    }[];
  };
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored && n.name?.value && !/Text|InlineTextBox/.test(n.role?.value ?? ""))
    .map((n) => ({
      role: n.role?.value,
      name: n.name?.value,
      expanded: n.properties?.find((p) => p.name === "expanded")?.value.value,
    }));
}

describe.each([
  // Programs, Partners, Guides, Search, My plan, then the library's own nav pages.
  ["the demo library", DEMO_ROOT, 9, true],
  ["another library (Pacific/Auckland)", OTHER_LIBRARY_ROOT, 6, false],
])("the header of %s", (_name, root, linkCount, switcher) => {
  const pages = ["/", "/search/", "/programs/"];

  const served = servedInChromium(async () => {
    const build = await buildOnce(root);
    expect(build.ok).toBe(true);
    return build.output;
  });

  it(`takes one row on a phone (at most ${PHONE_HEADER_MAX} px of 844) and opens a menu of every link`, async () => {
    const context = await served.browser.newContext({ viewport: PHONE, serviceWorkers: "block" });
    const page = await context.newPage();
    for (const url of pages) {
      await page.goto(`${served.server.url}${url}`);
      const closed = await header(page);
      expect(closed.height, url).toBeLessThanOrEqual(PHONE_HEADER_MAX);
      expect(closed.switcherRow, url).toBeLessThanOrEqual(SWITCHER_ROW_MAX);
      expect(closed.switcherRow > 0, url).toBe(switcher);
      expect(closed.links.length, url).toBe(linkCount);
      expect(closed.links.filter((l) => l.shown)).toEqual([]);
      const toggle = page.locator(".site-header summary");
      expect(await toggle.textContent()).toBe("Menu");
      expect(await toggle.isVisible()).toBe(true);

      await toggle.click();
      const open = await header(page);
      // The menu opens over the page: the header itself keeps its height.
      expect(open.height, url).toBe(closed.height);
      for (const link of open.links) {
        expect(link, `${url} ${link.text}`).toMatchObject({
          shown: true,
          inViewport: true,
          onTop: true,
        });
      }
    }
    // A link of the open menu takes the patron there.
    const target = (await header(page)).links.find((l) => l.href !== "/programs/")!;
    await Promise.all([
      page.waitForURL(`**${target.href}`),
      page.locator(`nav[aria-label=Main] a[href="${target.href}"]`).click(),
    ]);
    await context.close();
  });

  it("is used from the keyboard: Enter opens the menu, Tab reaches each link, Escape closes it", async () => {
    const context = await served.browser.newContext({ viewport: PHONE, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${served.server.url}/`);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement!;
        return el.tagName === "SUMMARY" ? "summary" : (el.getAttribute("href") ?? el.tagName);
      });
    // Skip link, brand, then the toggle.
    for (const expected of ["#main", "/", "summary"]) {
      await page.keyboard.press("Tab");
      expect(await focused()).toBe(expected);
    }
    await page.keyboard.press("Enter");
    expect(await page.locator(".nav-menu").getAttribute("open")).toBe("");
    const { links } = await header(page);
    for (const link of links) {
      await page.keyboard.press("Tab");
      expect(await focused()).toBe(link.href);
    }
    // A screen reader hears a disclosure button that says whether it is expanded.
    const tree = await accessibilityTree(page);
    expect(tree.find((n) => n.name === "Menu")).toEqual({
      role: "DisclosureTriangle",
      name: "Menu",
      expanded: true,
    });
    for (const link of links)
      expect(tree).toContainEqual(expect.objectContaining({ role: "link", name: link.text }));
    await page.keyboard.press("Escape");
    expect(await page.locator(".nav-menu").getAttribute("open")).toBeNull();
    expect(await focused()).toBe("summary");
    await context.close();
  });

  it("opens without JavaScript", async () => {
    const context = await served.browser.newContext({
      viewport: PHONE,
      javaScriptEnabled: false,
      serviceWorkers: "block",
    });
    const page = await context.newPage();
    await page.goto(`${served.server.url}/search/`);
    const closed = await header(page);
    expect(closed.height).toBeLessThanOrEqual(PHONE_HEADER_MAX);
    expect(closed.switcherRow).toBeLessThanOrEqual(SWITCHER_ROW_MAX);
    await page.locator(".site-header summary").click();
    const { links } = await header(page);
    expect(links.length).toBe(linkCount);
    expect(links.every((l) => l.shown && l.inViewport && l.onTop)).toBe(true);
    await context.close();
  });

  it("shows the links in a row on a wide screen, with no toggle", async () => {
    const context = await served.browser.newContext({ viewport: DESKTOP, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${served.server.url}/`);
    expect(await page.locator(".site-header summary").isVisible()).toBe(false);
    const { height, links } = await header(page);
    expect(height).toBeLessThanOrEqual(120);
    expect(links.length).toBe(linkCount);
    expect(links.every((l) => l.shown && l.inViewport && l.onTop)).toBe(true);
    // Screen readers get the links, and no toggle.
    const tree = await accessibilityTree(page);
    for (const link of links)
      expect(tree).toContainEqual(expect.objectContaining({ role: "link", name: link.text }));
    expect(tree.filter((n) => n.role === "DisclosureTriangle")).toEqual([]);
    await context.close();
  });
});
