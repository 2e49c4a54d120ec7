// Which rendered pages the build hands to Pagefind: only those with `data-pagefind-body`,
// so listing pages (megabytes at catalogue scale) are never parsed by the indexer.
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, it, expect } from "vitest";
import { indexSite, indexedPages, searchableHtml } from "../src/search.ts";
import { buildFixture, DEMO_ROOT } from "./helpers/site.ts";
import { htmlFiles, listFiles, urlOf } from "./helpers/walk.ts";

describe("indexedPages", () => {
  it("keeps HTML pages that mark their body, sorted by URL, and nothing else", () => {
    const body = (title: string) => `<main data-pagefind-body><h1>${title}</h1></main>`;
    const pages = indexedPages([
      { url: "/programs/", content: "<main><h1>Upcoming programs</h1></main>" },
      { url: "/programs/lego/", content: body("Lego") },
      { url: "/about/", content: body("About") },
      { url: "/calendar.ics", content: "BEGIN:VCALENDAR data-pagefind-body" },
      { url: false, content: body("Not written") },
      { url: "/partners/museum/", content: body("Museum") },
    ]);
    expect(pages.map((p) => p.url)).toEqual(["/about/", "/partners/museum/", "/programs/lego/"]);
    expect(pages[2]!.content).toBe(searchableHtml(body("Lego")));
  });

  it("hands Pagefind only the page from its data-pagefind-body element on, with lang and title", () => {
    const page = [
      '<!doctype html>\n<html lang="es-MX">\n<head>\n<title>Lego · Library</title>',
      '<script type="application/ld+json">{"big":"json-ld"}</script>\n</head>',
      "<body><header><nav>Menu</nav></header>",
      '<main><article data-pagefind-body data-pagefind-sort="date:x"><h1>Lego</h1></article></main>',
      "<footer>Footer</footer></body></html>",
    ].join("\n");
    expect(searchableHtml(page)).toBe(
      [
        "<!doctype html>",
        '<html lang="es-MX">',
        "<head><title>Lego · Library</title></head>",
        "<body>",
        '<article data-pagefind-body data-pagefind-sort="date:x"><h1>Lego</h1></article></main>',
        "<footer>Footer</footer></body></html>",
      ].join("\n"),
    );
    expect(searchableHtml("<main><h1>Listing</h1></main>")).toBeUndefined();
  });

  it("gives the same index as whole pages would, byte for byte (demo library)", async () => {
    const site = await buildFixture(DEMO_ROOT);
    expect(site.ok).toBe(true);
    const whole: { url: string; content: string }[] = [];
    for (const file of htmlFiles(site.output)) {
      const content = await readFile(path.join(site.output, file), "utf8");
      if (content.includes("data-pagefind-body")) whole.push({ url: urlOf(file), content });
    }
    expect(whole.length).toBeGreaterThan(60);
    const dir = await mkdtemp(path.join(os.tmpdir(), "almanac-pagefind-whole-"));
    await indexSite({ dir, pages: whole, language: "en" });
    // The build indexed the trimmed pages into /pagefind/.
    const built = path.join(site.output, "pagefind");
    const fresh = path.join(dir, "pagefind");
    expect(listFiles(built)).toEqual(listFiles(fresh));
    for (const file of listFiles(fresh)) {
      const [a, b] = await Promise.all([
        readFile(path.join(built, file)),
        readFile(path.join(fresh, file)),
      ]);
      expect(a.equals(b), file).toBe(true);
    }
  }, 120_000);
});
