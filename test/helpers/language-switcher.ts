// What a patron sees of the language switcher (layouts/includes/base.njk) on one page, in
// real Chromium, for test/languages.browser.test.ts (left to right) and
// test/rtl.browser.test.ts (right to left).
import type { Browser } from "playwright-core";

export interface SwitcherSeen {
  /** The page is wider than the screen (a horizontal scroll bar). */
  scrolls: boolean;
  /** Each link: `hreflang lang aria-current` (`-` for none). */
  links: string[];
  /** Every link is on the screen and inside the header. */
  inHeader: boolean;
  /** Its links are the header's colour and font, as the menu's links are. */
  looksLikeHeader: boolean;
  /** The current language is underlined and the others are not. */
  currentMarked: boolean;
  /** The `hreflang`s the Tab key reaches from the library's name, in order. */
  tabbed: string[];
  /** Where Enter on the first link that is not the current one leads. */
  enterLeadsTo: string;
}

/** The switcher of the page at `url` (absolute), on a screen `width` CSS pixels wide. */
export async function switcherSeen(
  browser: Browser,
  url: string,
  width: number,
): Promise<SwitcherSeen> {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    serviceWorkers: "block",
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    if (process.env.SWITCHER_SHOTS)
      await page.screenshot({
        path: `${process.env.SWITCHER_SHOTS}/${width}-${url.replace(/\W+/g, "_")}.png`,
      });
    const seen = await page.evaluate(() => {
      const header = document.querySelector(".site-header")!.getBoundingClientRect();
      const links = [...document.querySelectorAll<HTMLAnchorElement>(".language-switcher a")];
      const brand = getComputedStyle(document.querySelector(".brand")!);
      const within = (r: DOMRect) =>
        r.width > 0 &&
        r.left >= 0 &&
        r.right <= document.documentElement.clientWidth &&
        r.top >= header.top &&
        r.bottom <= header.bottom;
      return {
        scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        links: links.map((a) =>
          [a.hreflang, a.lang, a.getAttribute("aria-current") ?? "-"].join(" "),
        ),
        inHeader: links.every((a) => within(a.getBoundingClientRect())),
        looksLikeHeader: links.every((a) => {
          const style = getComputedStyle(a);
          return style.color === brand.color && style.fontFamily === brand.fontFamily;
        }),
        currentMarked: links.every(
          (a) =>
            getComputedStyle(a).textDecorationLine.includes("underline") ===
            a.hasAttribute("aria-current"),
        ),
      };
    });
    await page.locator(".brand").focus();
    const tabbed: string[] = [];
    for (let i = 0; i < 20 && tabbed.length < seen.links.length; i++) {
      await page.keyboard.press("Tab");
      const lang = await page.evaluate(() =>
        document.activeElement?.closest(".language-switcher")
          ? (document.activeElement as HTMLAnchorElement).hreflang
          : undefined,
      );
      if (lang) tabbed.push(lang);
    }
    const other = page.locator(".language-switcher a:not([aria-current])").first();
    await other.focus();
    await Promise.all([page.waitForURL((u) => u.href !== url), page.keyboard.press("Enter")]);
    return { ...seen, tabbed, enterLeadsTo: new URL(page.url()).pathname };
  } finally {
    await context.close();
  }
}
