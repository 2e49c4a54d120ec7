// The loader's cache (src/content/cache.ts), which `npm start` keeps between rebuilds: an
// unchanged file is not read, parsed or expanded again, and a load through the cache gives
// exactly what a fresh load gives, cross-file checks included.
import { describe, expect, it } from "vitest";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { loadCatalogue, type LoadResult } from "../src/content/catalogue.ts";
import { ContentCache } from "../src/content/cache.ts";
import { formatProblems } from "../src/content/problems.ts";
import { DEFAULT_LIBRARY, makeSite, md, programFile } from "./helpers/fixture.ts";

const NOW = DateTime.fromISO("2026-10-01T09:00", { zone: "America/Chicago" });

const program = (title: string, more = "") =>
  programFile({ title, summary: "A summary." }, `repeat: { every: week }\n${more}`);

const FILES = {
  "content/programs/chess-club.md": program("Chess Club", "partners: [makers]"),
  "content/programs/story-time.md": program("Story Time"),
  "content/programs/coding.md": program("Coding"),
  "content/partners/makers.md": md("name: Makers\nkind: nonprofit\nsummary: Tools."),
  "content/pages/about.md": md("title: About\nnav: 1"),
};

/** What a load gives, as comparable text: every item (occurrences as ISO) and the problems. */
function outcome(result: LoadResult): string {
  const c = result.catalogue;
  return JSON.stringify({
    problems: formatProblems(result.problems),
    programs: c?.programs,
    partners: c?.partners,
    pages: c?.pages,
    upcoming: c?.upcoming.length,
    partnersOf: c?.programs.map((p) => c.partnersOf(p.id).map((x) => x.id)),
  });
}

async function both(root: string, cache: ContentCache) {
  const cached = await loadCatalogue({ root, now: NOW, cache });
  const fresh = await loadCatalogue({ root, now: NOW });
  expect(outcome(cached)).toBe(outcome(fresh));
  return { cached, stats: { ...cache.stats } };
}

describe("the content cache", () => {
  it("a second load reads, parses and expands nothing, and gives the same catalogue", async () => {
    const root = await makeSite(FILES);
    const cache = new ContentCache();
    const first = await both(root, cache);
    expect(first.stats).toEqual({ read: 6, parsed: 5, expanded: 3 });
    expect(first.cached.catalogue?.programs.map((p) => p.id)).toEqual([
      "chess-club",
      "coding",
      "story-time",
    ]);
    expect((await both(root, cache)).stats).toEqual({ read: 0, parsed: 0, expanded: 0 });
  });

  it("an edited file is the only one read, parsed and expanded again", async () => {
    const root = await makeSite(FILES);
    const cache = new ContentCache();
    await both(root, cache);
    const file = path.join(root, "content/programs/coding.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("Coding", "Coding for Teens"));
    const { cached, stats } = await both(root, cache);
    expect(stats).toEqual({ read: 1, parsed: 1, expanded: 0 });
    expect(cached.catalogue?.programs.find((p) => p.id === "coding")?.title).toBe(
      "Coding for Teens",
    );
    // A schedule change is expanded again, for that program only.
    await writeFile(file, (await readFile(file, "utf8")).replace("every: week", "every: day"));
    expect((await both(root, cache)).stats).toEqual({ read: 1, parsed: 1, expanded: 1 });
  });

  it("cross-file checks run over cached files: a deleted partner fails the program naming it", async () => {
    const root = await makeSite(FILES);
    const cache = new ContentCache();
    await both(root, cache);
    await rm(path.join(root, "content/partners/makers.md"));
    const { cached, stats } = await both(root, cache);
    expect(stats).toEqual({ read: 0, parsed: 0, expanded: 0 });
    expect(formatProblems(cached.problems)).toMatchInlineSnapshot(`
      "content/programs/chess-club.md:10: partners: unknown partner "makers": there is no content/partners/makers.md
      1 error"
    `);
    expect(cached.catalogue).toBeUndefined();
    // Put back, the same cached entries make a valid catalogue again.
    await writeFile(
      path.join(root, "content/partners/makers.md"),
      FILES["content/partners/makers.md"],
    );
    expect((await both(root, cache)).cached.catalogue?.partners.map((p) => p.id)).toEqual([
      "makers",
    ]);
  });

  it("a renamed or deleted file leaves the catalogue, and a new one joins it", async () => {
    const root = await makeSite(FILES);
    const cache = new ContentCache();
    await both(root, cache);
    const dir = path.join(root, "content/programs");
    await rename(path.join(dir, "story-time.md"), path.join(dir, "storytime.md"));
    await rm(path.join(dir, "coding.md"));
    await writeFile(path.join(dir, "yoga.md"), program("Yoga"));
    const { cached, stats } = await both(root, cache);
    expect(cached.catalogue?.programs.map((p) => p.id)).toEqual([
      "chess-club",
      "storytime",
      "yoga",
    ]);
    // The renamed file and the new one are read; nothing else is.
    expect(stats).toEqual({ read: 2, parsed: 2, expanded: 2 });
  });

  it("a new library.yaml expands every schedule again (closed days, horizon)", async () => {
    const root = await makeSite(FILES);
    const cache = new ContentCache();
    await both(root, cache);
    await writeFile(
      path.join(root, "_data/library.yaml"),
      DEFAULT_LIBRARY.replace("closed: [2026-12-26]", "closed: [2026-10-20, 2026-12-26]"),
    );
    const { cached, stats } = await both(root, cache);
    expect(stats).toEqual({ read: 1, parsed: 0, expanded: 3 });
    expect(formatProblems(cached.problems)).toContain(
      "2026-10-20: Central Library is closed, so 3 programs are left out that day",
    );
  });
});
