// Which rendered pages the build hands to Pagefind: only those with `data-pagefind-body`,
// so listing pages (megabytes at catalogue scale) are never parsed by the indexer.
import { describe, it, expect } from "vitest";
import { indexedPages } from "../src/search.ts";

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
    expect(pages[2]!.content).toBe(body("Lego"));
  });
});
