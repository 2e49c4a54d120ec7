// The ids a content file may not have (RESERVED_IDS in src/catalogue.ts) are exactly the
// names the site writes beside the items' own pages: builds a small site with one item of
// each kind and lists every folder an id becomes part of. A route added later under
// /programs/, /audiences/, ... that could collide with an item fails here until reserved.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESERVED_IDS } from "../src/content/entries.ts";
import { makeSite } from "./helpers/fixture.ts";
import { buildFixture } from "./helpers/site.ts";

process.env.ALMANAC_SEARCH = "off";

const md = (yaml: string) => `---\n${yaml.trim()}\n---\nBody.\n`;

describe("reserved ids", () => {
  it("are every name the build writes beside the items' own pages, and no more", async () => {
    const root = await makeSite({
      "content/programs/chess-club.md": md(`
title: Chess Club
summary: Play chess.
audiences: [teens]
categories: [technology]
location: central
start: 2026-12-01 18:00
repeat: { every: week }
partners: [p]
guides: [g]`),
      "content/partners/p.md": md("name: P\nkind: other\nsummary: S."),
      "content/guides/g.md": md("title: G\nsummary: S.\nlevel: beginner\naudiences: [teens]"),
      "content/pages/about.md": md("title: About\nnav: 1"),
    });
    const site = await buildFixture(root);
    expect(site.problems.filter((p) => p.severity === "error")).toEqual([]);
    const c = site.catalogue!;
    const ids = (items: { id: string }[]) => items.map((i) => i.id);
    // Folder of the site -> the ids whose pages or files live in it, and what an id adds.
    const sections: Record<string, { ids: string[]; suffixes: string[]; reserved: string[] }> = {
      programs: { ids: ids(c.programs), suffixes: ["", ".ics"], reserved: [] },
      partners: { ids: ids(c.partners), suffixes: [""], reserved: [] },
      guides: { ids: ids(c.guides), suffixes: [""], reserved: [] },
      pages: { ids: ids(c.pages), suffixes: [""], reserved: [] },
      audiences: { ids: ids(c.library.audiences), suffixes: [""], reserved: [] },
      categories: { ids: ids(c.library.categories), suffixes: [""], reserved: [] },
      locations: { ids: ids(c.library.locations), suffixes: [""], reserved: [] },
      signage: { ids: ids(c.library.locations), suffixes: [""], reserved: [] },
    };
    for (const [folder, section] of Object.entries(sections)) {
      const own = new Set(section.ids.flatMap((id) => section.suffixes.map((s) => id + s)));
      for (const name of readdirSync(path.join(site.output, folder))) {
        if (name === "index.html" || own.has(name)) continue;
        section.reserved.push(name.replace(/\.ics$/, ""));
      }
    }
    const written = Object.fromEntries(
      Object.entries(sections).map(([folder, s]) => [folder, s.reserved.sort()]),
    );
    expect(written).toEqual({
      programs: ["page", "this-week", "this-weekend", "today"],
      partners: [],
      guides: [],
      pages: [],
      audiences: [],
      categories: [],
      locations: [],
      signage: [],
    });
    // Program ids collide with /programs/ only (social cards are named by what they show);
    // the other kinds with nothing.
    expect(Object.keys(RESERVED_IDS.programs).sort()).toEqual(written.programs);
    expect([RESERVED_IDS.partners, RESERVED_IDS.guides, RESERVED_IDS.pages]).toEqual([{}, {}, {}]);
  }, 120_000);
});
