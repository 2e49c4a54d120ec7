// Library branding: `logo`, `logo_alt` and `brand: { color, text_color }` in library.yaml,
// checked by `npm run check` (WCAG AA contrast, the logo file, its alt text) and applied to
// the header, the lobby screens, social cards and icons, through a stylesheet of its own
// (`brand.css`) that a library without branding never gets (its output is locked byte for
// byte by test/output-snapshot.test.ts). The accessibility gate builds the same fixture.
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import { brandCss } from "../src/site/brand.ts";
import { contrastRatio, readableOn } from "../src/text/colour.ts";
import { DEFAULT_LIBRARY, makeSite } from "./helpers/fixture.ts";
import { buildFixture, DEMO_ROOT, type BuiltSite } from "./helpers/site.ts";
import { BRANDED_ROOT } from "./quality/build-once.ts";

/** The problems `npm run check` prints for DEFAULT_LIBRARY plus `extra` lines. */
async function check(extra: string): Promise<string> {
  const root = await makeSite({ "_data/library.yaml": DEFAULT_LIBRARY + extra });
  const { problems } = await loadCatalogue({ root, env: { ALMANAC_NOW: "2026-11-28T10:00" } });
  return formatProblems(problems.filter((p) => p.severity === "error"));
}

describe("npm run check on branding", () => {
  it("refuses text on the brand colour below 4.5:1, in one line naming the field", async () => {
    expect(await check('brand: { color: "#0b6e4f", text_color: "#5a8f7b" }\n'))
      .toMatchInlineSnapshot(`
      "_data/library.yaml:23: brand.text_color: #5a8f7b on #0b6e4f has a contrast of 1.6:1; text on the brand colour needs at least 4.5:1 (WCAG AA): try #ffffff
      1 error"
    `);
    expect(await check('brand: { color: "#ffd166", text_color: "#ffffff" }\n'))
      .toMatchInlineSnapshot(`
      "_data/library.yaml:23: brand.text_color: #ffffff on #ffd166 has a contrast of 1.4:1; text on the brand colour needs at least 4.5:1 (WCAG AA): try #111111
      1 error"
    `);
  });

  it("accepts 4.5:1 and more, and a brand colour alone", async () => {
    expect(await check('brand: { color: "#0b6e4f", text_color: "#fff" }\n')).toBe("no problems");
    expect(await check('brand: { color: "#ffd166" }\n')).toBe("no problems");
  });

  it("names the field of a colour that is not one", async () => {
    expect(await check("brand: { color: green }\n")).toMatchInlineSnapshot(`
      "_data/library.yaml:23: brand.color: must be a hex colour such as #1d4e89
      1 error"
    `);
  });

  it("asks for the logo's alt text, and for a logo file that exists", async () => {
    expect(await check("logo: images/logo.png\n")).toMatchInlineSnapshot(`
      "_data/library.yaml:23: logo: needs logo_alt, a text alternative describing the logo for people who cannot see it, e.g. logo_alt: Maple Hollow Public Library logo
      1 error"
    `);
    expect(await check("logo: images/missing.png\nlogo_alt: Our logo\n")).toMatchInlineSnapshot(`
      "_data/library.yaml:23: logo: image not found: content/images/missing.png
      1 error"
    `);
  });

  it("picks white or near-black text when the library names none, whichever reads better", async () => {
    for (const color of ["#0b6e4f", "#ffd166", "#1d4e89", "#777777", "#00ff00"]) {
      expect(contrastRatio(color, readableOn(color))).toBeGreaterThanOrEqual(4.5);
    }
    const root = await makeSite({
      "_data/library.yaml": DEFAULT_LIBRARY + 'brand: { color: "#FD6" }\n',
    });
    const { catalogue } = await loadCatalogue({ root, env: { ALMANAC_NOW: "2026-11-28T10:00" } });
    expect(catalogue!.library.brand).toEqual({ color: "#ffdd66", textColor: "#111111" });
    // The theme colour follows the brand colour unless theme_color is set.
    expect(catalogue!.library.themeColor).toBe("#ffdd66");
  });

  it("makes no brand stylesheet for a library without branding", async () => {
    const { catalogue } = await loadCatalogue({
      root: DEMO_ROOT,
      env: { ALMANAC_NOW: "2026-11-28T10:00" },
    });
    expect(catalogue!.library.brand).toBeUndefined();
    expect(catalogue!.library.logo).toBeUndefined();
    expect(brandCss(catalogue!.library)).toBeUndefined();
  });
});

/** The colour of one pixel of a PNG or JPEG, as #rrggbb, and its alpha. */
async function pixel(file: string, x: number, y: number): Promise<{ hex: string; alpha: number }> {
  const { data, info } = await sharp(file)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  const hex = `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  return { hex, alpha: data[i + 3]! };
}

/** Close enough to `hex` for a JPEG (each channel within `tolerance`). */
function near(actual: string, hex: string, tolerance = 6): boolean {
  const parse = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
  const [a, b] = [parse(actual), parse(hex)];
  return a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
}

describe("a library with its own logo and colours", () => {
  let site: BuiltSite;
  let css: string;
  beforeAll(async () => {
    site = await buildFixture(BRANDED_ROOT);
    expect(site.problems.filter((p) => p.severity === "error")).toEqual([]);
    const home = await site.read("/");
    const href = /<link rel="stylesheet" href="(\/assets\/brand-[0-9a-f]{10}\.css)">/.exec(
      home,
    )?.[1];
    expect(href).toBeDefined();
    css = await site.read(href!);
  }, 120_000);

  it("puts the logo, with its alt text, and the name in the header, in the brand colours", async () => {
    const home = await site.read("/");
    expect(home).toMatch(
      /<a class="brand" href="\/"><picture>.*<img src="\/img\/logo-[0-9a-f]+-240\.png"[^>]* alt="Oakmere Public Library logo, an oak leaf" class="brand-logo"[^>]*><\/picture>Oakmere Public Library<\/a>/,
    );
    expect(css).toContain(":root{--brand: #0b6e4f;--brand-ink: #ffffff}");
    expect(home).toContain('<meta name="theme-color" content="#0b6e4f">');
    // Every page links the sheet, after its own.
    const program = await site.read("/programs/teen-coding-club/");
    expect(program).toMatch(
      /site-[0-9a-f]{10}\.css">\n<link rel="stylesheet" href="\/assets\/brand-/,
    );
  });

  it("gives the lobby screens a header band in the brand colour, with the logo", async () => {
    const screen = await site.read("/signage/central/");
    expect(screen).toMatch(
      /signage-[0-9a-f]{10}\.css">\n<link rel="stylesheet" href="\/assets\/brand-/,
    );
    expect(screen).toMatch(/<div class="sign-brand">\s*<picture>[^]*?class="sign-logo"/);
    expect(css).toContain(".signage .sign-header{background:#0b6e4f;color:#fff;");
  });

  it("draws social cards on the brand colour with the logo, and icons from the logo", async () => {
    // The site's own card, as the home page names it (cards are named by what they show).
    const home = await site.read("/");
    const cardUrl = /<meta property="og:image" content="([^"]+)"/.exec(home)![1]!;
    const card = path.join(site.output, new URL(cardUrl).pathname);
    expect(card).toMatch(/social\/[0-9a-f]+\.png$/);
    // A corner of the card: the brand colour (the card has no picture).
    expect(near((await pixel(card, 5, 620)).hex, "#0b6e4f")).toBe(true);
    // The logo's white disc where the accent bar was.
    expect(near((await pixel(card, 78 + 5, 80)).hex, "#ffffff", 24)).toBe(true);
    // No content/icon.png: the icons are the logo. The apple-touch icon is solid, on the
    // brand colour; the 192 one keeps the logo's transparent corners.
    expect(
      near((await pixel(path.join(site.output, "apple-touch-icon.png"), 1, 1)).hex, "#0b6e4f", 2),
    ).toBe(true);
    expect((await pixel(path.join(site.output, "icon-192.png"), 1, 1)).alpha).toBe(0);
    expect(
      near((await pixel(path.join(site.output, "icon-192.png"), 80, 96)).hex, "#0b6e4f", 2),
    ).toBe(true);
    const manifest = JSON.parse(await site.read("/manifest.webmanifest")) as {
      theme_color: string;
    };
    expect(manifest.theme_color).toBe("#0b6e4f");
  });
});
