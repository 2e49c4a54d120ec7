// The site's own CSS and JS: published minified under the hash of the published bytes, the
// sources left readable, and each page linking the stylesheets it uses (a program page:
// site.css only, within issue 9's budget of 30 KB of HTML+CSS).
import { describe, it, expect, beforeAll } from "vitest";
import { createHash } from "node:crypto";
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { transformSync } from "esbuild";
import { assetsStamp, bundleScripts, hashAssets, minifyAsset } from "../src/site/assets.ts";
import { buildFixture, DEMO_ROOT, REPO, type BuiltSite } from "./helpers/site.ts";
import { htmlFiles, urlOf } from "./helpers/walk.ts";

const DIR = path.join(REPO, "layouts", "assets");
const sha10 = (bytes: Buffer | string) =>
  createHash("sha256").update(bytes).digest("hex").slice(0, 10);

/** Class names a stylesheet's selectors mention. */
const classesOf = (css: string) =>
  new Set([...css.replace(/\/\*[^]*?\*\//g, "").matchAll(/\.(-?[a-z][\w-]*)/gi)].map((m) => m[1]!));
/**
 * The first class of each of a stylesheet's selectors: a page that has none of them on an
 * element matches none of the sheet's rules (`.calendar-items .time` needs `.calendar-items`).
 */
const leadClassesOf = (css: string) =>
  new Set(
    [...transformSync(css, { loader: "css" }).code.matchAll(/^([^{}@]+)\{/gm)]
      .flatMap((m) => m[1]!.split(","))
      .flatMap((selector) => /\.(-?[a-z][\w-]*)/i.exec(selector)?.[1] ?? []),
  );
/** Property names a stylesheet declares (custom properties included). */
const propertiesOf = (css: string) =>
  new Set(
    [...transformSync(css, { loader: "css" }).code.matchAll(/^\s*(-{0,2}[a-z][\w-]*):/gim)].map(
      (m) => m[1]!,
    ),
  );

describe("minifyAsset", () => {
  it("minifies CSS and JS by extension and leaves other files alone", () => {
    expect(minifyAsset("a.css", "/* note */\n.a {\n  color: #ffffff;\n  margin: 0px;\n}\n"))
      .toMatchInlineSnapshot(`
      ".a{color:#fff;margin:0}
      "
    `);
    expect(minifyAsset("a.js", "// note\nconst answer = 40 + 2;\nconsole.log(answer);\n"))
      .toMatchInlineSnapshot(`
      "const answer=42;console.log(42);
      "
    `);
    expect(minifyAsset("icon.svg", "<svg/>")).toBeUndefined();
  });

  it("keeps modern syntax our browsers support instead of lowering it", () => {
    const css = ".a:focus-visible{clip-path:inset(50%);inset:0;gap:1rem}.b{color:rgb(0 0 0 / 50%)}";
    const out = minifyAsset("a.css", css)!;
    expect(out).toContain(":focus-visible");
    expect(out).toContain("clip-path:inset(50%)");
    expect(out).not.toContain("-webkit-");
  });

  it("reports a syntax error naming the file", () => {
    expect(() => minifyAsset("broken.js", "const = ;")).toThrow(/broken\.js/);
  });
});

describe("page scripts that share modules", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "almanac-assets-"));
    mkdirSync(path.join(dir, "lib"));
    writeFileSync(
      path.join(dir, "lib", "shared.js"),
      '// shared\nexport const greeting = (name) => `Hello, ${name}`;\nexport const unused = () => "never published";\n',
    );
    writeFileSync(
      path.join(dir, "page.js"),
      '// a page\nimport { greeting } from "./lib/shared.js";\ndocument.title = greeting("reader");\nconst p = import("/pagefind/pagefind.js");\n',
    );
    writeFileSync(path.join(dir, "page.css"), "/* a sheet */\n.a {\n  color: red;\n}\n");
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it("publishes each script as one file with the modules it imports, and not lib/ itself", () => {
    const assets = hashAssets(dir, "assets", path.join(dir, ".cache"));
    expect(Object.keys(assets)).toEqual(["page.css", "page.js"]);
    const script = assets["page.js"]!;
    const text = script.contents.toString("utf8");
    expect(text).toContain("Hello, ");
    expect(text).not.toContain("never published"); // only what the page uses
    expect(text).not.toMatch(/from\s*"\.\/lib/);
    // A site address stays an import the browser makes.
    expect(text).toContain('import("/pagefind/pagefind.js")');
    expect(script.output).toBe(`assets/page-${sha10(script.contents)}.js`);
    expect(script.inputs.sort()).toEqual(
      [path.join(dir, "lib", "shared.js"), path.join(dir, "page.js")].sort(),
    );
  });

  it("gives a script a new name, and npm start a new stamp, when a module it imports changes", () => {
    const before = hashAssets(dir, "assets", path.join(dir, ".cache"));
    const stamp = assetsStamp([dir], Object.values(before));
    writeFileSync(
      path.join(dir, "lib", "shared.js"),
      "export const greeting = (name) => `Good morning, ${name}`;\n",
    );
    const after = hashAssets(dir, "assets", path.join(dir, ".cache"));
    expect(assetsStamp([dir], Object.values(before))).not.toBe(stamp);
    expect(after["page.js"]!.url).not.toBe(before["page.js"]!.url);
    expect(after["page.js"]!.contents.toString("utf8")).toContain("Good morning, ");
    expect(after["page.css"]!.url).toBe(before["page.css"]!.url);
  });

  it("reports an import that is not there, naming the file", () => {
    writeFileSync(path.join(dir, "broken.js"), 'import { x } from "./lib/missing.js";\nx();\n');
    try {
      expect(() => hashAssets(dir, "assets", path.join(dir, ".cache"))).toThrow(
        /broken\.js.*Could not resolve "\.\/lib\/missing\.js"/,
      );
    } finally {
      rmSync(path.join(dir, "broken.js"));
    }
  });
});

describe("esbuild's work kept between builds", () => {
  let dir: string;
  let cache: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "almanac-asset-cache-"));
    cache = path.join(dir, "cache");
    mkdirSync(path.join(dir, "lib"));
    writeFileSync(path.join(dir, "lib", "words.js"), 'export const word = "first";\n');
    writeFileSync(
      path.join(dir, "page.js"),
      'import { word } from "./lib/words.js";\ndocument.title = word;\n',
    );
    aged("lib/words.js", "page.js");
    return () => rmSync(dir, { recursive: true, force: true });
  });
  const records = () => readdirSync(cache).map((name) => path.join(cache, name));
  /** Saved an hour ago: a file saved while it was bundled is not kept (next test). */
  const aged = (...files: string[]) => {
    const then = new Date(Date.now() - 3600_000);
    for (const file of files) utimesSync(path.join(dir, file), then, then);
  };

  it("uses a kept bundle while every file that went in is unchanged, and bundles again when one changes", () => {
    const page = path.join(dir, "page.js");
    const first = bundleScripts([page], "esm", cache).get(page)!;
    expect(first.code).toContain('"first"');
    expect(records()).toHaveLength(1);
    // The record is what the next build gets: mark it, so a hit is seen to come from it.
    const [record] = records();
    const kept = JSON.parse(readFileSync(record!, "utf8"));
    kept.value[0][1].code = "/* from the cache */";
    writeFileSync(record!, JSON.stringify(kept));
    expect(bundleScripts([page], "esm", cache).get(page)!.code).toBe("/* from the cache */");
    // A different format is another record, not this one.
    expect(bundleScripts([page], "iife", cache).get(page)!.code).toContain('"first"');
    // An imported module edited: the record no longer holds, the bundle is made again.
    writeFileSync(path.join(dir, "lib", "words.js"), 'export const word = "second";\n');
    const again = bundleScripts([page], "esm", cache).get(page)!;
    expect(again.code).toContain('"second"');
    expect(again.inputs.sort()).toEqual([path.join(dir, "lib", "words.js"), page].sort());
  });

  it("keeps no bundle made of a file saved a moment before (its bytes may not be those bundled)", () => {
    const fresh = path.join(dir, "fresh.js");
    writeFileSync(fresh, 'document.title = "fresh";\n');
    const before = records().length;
    expect(bundleScripts([fresh], "esm", cache).get(fresh)!.code).toContain('"fresh"');
    expect(records()).toHaveLength(before);
    aged("fresh.js");
    bundleScripts([fresh], "esm", cache);
    expect(records()).toHaveLength(before + 1);
  });

  it("makes the output again from an unreadable record, and minifies through the cache too", () => {
    const css = ".a {\n  color: #ff0000;\n}\n";
    expect(minifyAsset("a.css", css, cache)).toBe(".a{color:red}\n");
    for (const record of records()) writeFileSync(record, "{ half a rec");
    expect(minifyAsset("a.css", css, cache)).toBe(".a{color:red}\n");
    const page = path.join(dir, "page.js");
    expect(bundleScripts([page], "esm", cache).get(page)!.code).toContain("document.title");
  });

  it("keeps nothing without a cache folder", () => {
    const page = path.join(dir, "page.js");
    const before = readdirSync(dir).sort();
    expect(bundleScripts([page], "esm", undefined).get(page)!.code).toContain("document.title");
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe("hashAssets on layouts/assets", () => {
  const assets = hashAssets(DIR);
  const files = readdirSync(DIR).filter((name) => statSync(path.join(DIR, name)).isFile());

  it("publishes every file, minified, under the hash of the published bytes", () => {
    expect(Object.keys(assets).sort()).toEqual(files.sort());
    for (const [name, asset] of Object.entries(assets)) {
      // A script with the modules it imports (lib/): smaller than all of them together.
      const sources = asset.inputs.reduce((n, file) => n + statSync(file).size, 0);
      const ext = path.extname(name);
      expect(asset.output).toBe(
        `assets/${path.basename(name, ext)}-${sha10(asset.contents)}${ext}`,
      );
      expect(asset.url).toBe(`/${asset.output}`);
      expect(asset.contents.length, name).toBeLessThan(sources * 0.9);
      const text = asset.contents.toString("utf8");
      expect(text, name).not.toMatch(/\/\*|^\s*\/\/|\n\s+/m);
    }
  });

  it("keeps the sources readable (comments and indentation), the modules scripts import too", () => {
    const sources = new Set(Object.values(assets).flatMap((a) => a.inputs));
    expect(
      [...sources].filter((f) => f.includes(`${path.sep}lib${path.sep}`)).length,
    ).toBeGreaterThan(5);
    for (const file of sources) {
      const source = readFileSync(file, "utf8");
      expect(source, file).toMatch(/^(\/\/|\/\*)/);
      expect(source, file).toMatch(/\n {2}\S/);
    }
  });

  it("keeps every class and every property of the stylesheets, adding no prefixes", () => {
    for (const [name, asset] of Object.entries(assets)) {
      if (!name.endsWith(".css")) continue;
      const source = readFileSync(asset.source, "utf8");
      const text = asset.contents.toString("utf8");
      expect([...classesOf(text)].sort(), name).toEqual([...classesOf(source)].sort());
      expect([...propertiesOf(text)].sort(), name).toEqual([...propertiesOf(source)].sort());
    }
  });

  // Issue 17: the same stylesheets serve `<html dir="rtl">`, so nothing may be placed by
  // left or right; the nav chevron points down or up and stays physical on purpose.
  it("places nothing by left or right, so a right-to-left page mirrors", () => {
    const physical: string[] = [];
    for (const [name, asset] of Object.entries(assets)) {
      if (!name.endsWith(".css")) continue;
      for (const [, selector, body] of asset.contents
        .toString("utf8")
        .matchAll(/([^{};]+)\{([^{}]*)\}/g)) {
        for (const declaration of body!.split(";")) {
          const [property = "", value = ""] = declaration.split(/:(.*)/s);
          if (isPhysical(property.trim(), value.trim()))
            physical.push(`${name} ${selector} { ${declaration} }`);
        }
      }
    }
    expect(physical).toEqual([
      "site.css .nav-toggle:after { border-right:2px solid currentColor }",
    ]);
  });
});

/** Whether a declaration places by left or right rather than by inline start or end. */
function isPhysical(property: string, value: string): boolean {
  if (/(^|-)(left|right)(-|$)/.test(property)) return true;
  if (/^(text-align|float|clear)$/.test(property)) return /^(left|right)$/.test(value);
  // Shorthands: `margin: 0 1rem 0 0` puts 1rem on the right, `border-radius: 0 r r 0` too.
  const parts = value.match(/(?:[^\s(]+|\([^)]*\))+/g) ?? [];
  if (/^(margin|padding|inset|border-width|border-color|border-style)$/.test(property)) {
    return parts.length === 4 && parts[1] !== parts[3];
  }
  if (property === "border-radius" && !value.includes("/")) {
    const [tl, tr = tl, br = tl, bl = tr] = parts;
    return tl !== tr || br !== bl;
  }
  return false;
}

describe("published assets in a built site (demo library)", () => {
  let site: BuiltSite;
  let pages: { url: string; html: string }[];
  beforeAll(async () => {
    site = await buildFixture(DEMO_ROOT, "2026-11-28T10:00");
    pages = htmlFiles(site.output).map((f) => ({
      url: urlOf(f),
      html: readFileSync(path.join(site.output, f), "utf8"),
    }));
  }, 120_000);

  const stylesheets = (html: string) =>
    [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);

  it("writes each asset's minified bytes at its hashed name, and nothing else in /assets/", () => {
    expect(site.ok).toBe(true);
    // Every asset: the demo is in two languages, so the switcher's sheet (published on a
    // site in several languages only) is there too.
    const expected = hashAssets(DIR);
    expect(expected["languages.css"]).toBeDefined();
    const all = readdirSync(path.join(site.output, "assets")).sort();
    // The Save and Share buttons' words, one file a language each (`site.stringsFiles`),
    // named by its hash.
    const strings = all.filter((n) => /^(plan|share)-strings-[0-9a-f]{10}\.json$/.test(n));
    const words = strings.map((n) => {
      const bytes = readFileSync(path.join(site.output, "assets", n));
      expect(n).toContain(`-${sha10(bytes)}.`);
      const json = JSON.parse(bytes.toString("utf8"));
      return json["planScript.save"] ?? json["shareScript.copy"];
    });
    expect(words.sort()).toEqual(["Copiar enlace", "Copy link", "Guardar", "Save"]);
    const written = all.filter((n) => !strings.includes(n));
    expect(written).toEqual(
      Object.values(expected)
        .map((a) => path.basename(a.output))
        .sort(),
    );
    for (const asset of Object.values(expected)) {
      const bytes = readFileSync(path.join(site.output, asset.output));
      expect(bytes.equals(asset.contents), asset.output).toBe(true);
      expect(asset.output).toContain(`-${sha10(bytes)}.`);
    }
  });

  it("links from each page the stylesheets whose classes it uses, and no others", () => {
    // Classes only the page-kind sheets define, by sheet.
    const site_ = classesOf(readFileSync(path.join(DIR, "site.css"), "utf8"));
    const pageSheets = ["calendar.css", "search.css", "report.css"].map((name) => ({
      name,
      url: hashAssets(DIR)[name]!.url,
      only: [...leadClassesOf(readFileSync(path.join(DIR, name), "utf8"))].filter(
        (c) => !site_.has(c),
      ),
    }));
    const linked: Record<string, string[]> = {};
    for (const { url, html } of pages) {
      if (!html.includes(`class="site-header"`)) continue; // not base.njk: print months, signage
      const used = new Set(
        [...html.matchAll(/class="([^"]+)"/g)].flatMap((m) => m[1]!.split(/\s+/)),
      );
      const links = stylesheets(html);
      expect(links[0], url).toBe(hashAssets(DIR)["site.css"]!.url);
      for (const sheet of pageSheets) {
        const classes = sheet.only.filter((c) => used.has(c));
        const uses = classes.length > 0;
        expect(links.includes(sheet.url), `${url} ${sheet.name} (${classes.join(" ")})`).toBe(uses);
        if (uses) (linked[sheet.name] ??= []).push(url);
      }
    }
    // Each page-kind sheet is in use somewhere: month calendars, search, the staff report.
    expect(Object.keys(linked).sort()).toEqual(["calendar.css", "report.css", "search.css"]);
    // The demo is bilingual: its Spanish month calendars are under /es/.
    expect(linked["calendar.css"]!.every((u) => /^(\/es)?\/calendar\/\d{4}\/\d\d\/$/.test(u))).toBe(
      true,
    );
  });

  it("keeps every program page under 30 KB of HTML plus linked CSS", () => {
    // A long series lists its next 14 dates and its later cancelled ones (about 140 bytes
    // a date), not every date (src/site/program-dates.ts): the page, head and JSON-LD
    // included, fits the budget with room to spare.
    const weights = pages
      .filter(({ html }) => html.includes('<article class="program"'))
      .map(({ url, html }) => ({
        url,
        bytes:
          Buffer.byteLength(html) +
          stylesheets(html).reduce((n, href) => n + statSync(path.join(site.output, href)).size, 0),
      }));
    expect(weights.length).toBeGreaterThan(3);
    expect(weights.filter((w) => w.bytes >= 30_000)).toEqual([]);
  });
});
