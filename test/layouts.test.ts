// Nunjucks escapes everything a layout prints unless it says `| safe`. That is allowed only
// on rendered Markdown, on Eleventy's page content, and on text our own generators built
// and escaped for their format (iCalendar, XML, JSON, JSON-LD). Anything else is a bug.
import { describe, it, expect } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const LAYOUTS = path.resolve(import.meta.dirname, "../layouts");

const ALLOWED = [
  /^content \| safe$/, // the page body Eleventy rendered from our own templates
  /^site\.html\([a-z]+\) \| safe$/, // Markdown bodies rendered by the site view (src/site/site.ts)
  /^site \| libraryJsonLd \| safe$/, // src/site/json-ld.ts escapes for a script element
  /^programLd \| safe$/, // jsonLdScript escapes <, > and &
  /^images\.manifest\(\) \| dump\(2\) \| safe$/, // JSON.stringify output
];

describe("layouts", () => {
  it("use | safe only where the text was escaped by our own code", async () => {
    const offenders: string[] = [];
    for (const entry of await readdir(LAYOUTS, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".njk")) continue;
      const file = path.join(entry.parentPath, entry.name);
      const text = await readFile(file, "utf8");
      for (const m of text.matchAll(/\{\{-?\s*([^}]*?\|\s*safe)\s*-?\}\}/g)) {
        const expr = m[1]!.replace(/\s+/g, " ").trim();
        if (!ALLOWED.some((re) => re.test(expr)))
          offenders.push(`${path.relative(LAYOUTS, file)}: ${expr}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  // A JavaScript string with any character past U+00FF takes two bytes a character, and
  // Eleventy keeps every rendered page in memory until the build ends: one en dash in a
  // date line doubled the memory of every page that printed it. Layouts write such
  // characters as references (&ndash;, &hellip;, &larr;), which browsers show the same.
  it("print typographic characters as character references, keeping pages one-byte strings", async () => {
    const offenders: string[] = [];
    for (const entry of await readdir(LAYOUTS, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".njk")) continue;
      const file = path.join(entry.parentPath, entry.name);
      const text = (await readFile(file, "utf8")).replace(/\{#[\s\S]*?#\}/g, (c) =>
        c.replace(/[^\n]/g, ""),
      );
      text.split("\n").forEach((line, i) => {
        const wide = [...line].filter((ch) => ch.codePointAt(0)! > 0xff);
        if (wide.length)
          offenders.push(`${path.relative(LAYOUTS, file)}:${i + 1}: ${wide.join("")}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
