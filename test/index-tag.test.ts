// The search index's cache tag (`indexTag`, src/search/indexer.ts), which a preview session
// computes on every rebuild with occurrences' JSON kept between runs: it stays the hash of
// the catalogue's JSON (what `npm run build` publishes), and follows an edited date.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { ContentCache } from "../src/content/cache.ts";
import { loadCatalogue } from "../src/content/catalogue.ts";
import type { Catalogue } from "../src/content/model.ts";
import { indexTag } from "../src/search/indexer.ts";
import { Site } from "../src/site/site.ts";
import { makeSite, md, programFile } from "./helpers/fixture.ts";

const NOW = DateTime.fromISO("2026-10-01T09:00", { zone: "America/Chicago" });

const program = (title: string, start = "2026-10-20 18:00") =>
  programFile({ title, summary: "A summary." }, "repeat: { every: week }", {
    start,
    end: start.replace("18:00", "19:30"),
  });

/** The tag as defined: a hash of "now" and each item list's whole JSON. */
function defined(catalogue: Catalogue): string {
  const hash = createHash("sha256");
  hash.update(catalogue.now.toISO() ?? "");
  for (const list of [catalogue.programs, catalogue.partners, catalogue.guides, catalogue.pages])
    hash.update(JSON.stringify(list));
  return hash.digest("hex").slice(0, 12);
}

async function tags(root: string, cache: ContentCache) {
  const cached = (await loadCatalogue({ root, now: NOW, cache })).catalogue!;
  const fresh = (await loadCatalogue({ root, now: NOW })).catalogue!;
  const tag = indexTag(new Site(cached));
  expect(tag).toBe(defined(fresh));
  expect(indexTag(new Site(fresh))).toBe(tag);
  return tag;
}

describe("indexTag", () => {
  it("through a preview session's cache, is the catalogue's hash and follows an edited date", async () => {
    const root = await makeSite({
      "content/programs/chess-club.md": program("Chess Club"),
      "content/programs/coding.md": program("Coding"),
      "content/pages/about.md": md("title: About\nnav: 1"),
    });
    const cache = new ContentCache();
    const first = await tags(root, cache);
    expect(await tags(root, cache)).toBe(first);
    // Only the date changes: the program's occurrences are expanded anew.
    await writeFile(
      path.join(root, "content/programs/coding.md"),
      program("Coding", "2026-10-21 18:00"),
    );
    const moved = await tags(root, cache);
    expect(moved).not.toBe(first);
    // Back to the first date: the first tag again (no JSON of the moved dates kept).
    await writeFile(path.join(root, "content/programs/coding.md"), program("Coding"));
    expect(await tags(root, cache)).toBe(first);
  });
});
