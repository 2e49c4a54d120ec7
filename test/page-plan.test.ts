// The preview's page plan (src/build/page-plan.ts): a rebuild takes the rows of each program
// whose file, library.yaml and "now" are unchanged from the last run (without going over its
// dates again), and makes them again for any other; the plan it gives matches the one made
// from scratch.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { pageInputs, planRun, type PageInputs } from "../src/build/page-plan.ts";
import { ContentCache } from "../src/content/cache.ts";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { Site } from "../src/site/site.ts";
import { makeSite, programFile } from "./helpers/fixture.ts";

const NOW = DateTime.fromISO("2026-10-01T09:00", { zone: "America/Chicago" });

const program = (title: string, start = "2026-10-20 18:00") =>
  programFile({ title, summary: "A summary." }, "repeat: { every: week }", {
    start,
    end: start.replace("18:00", "19:30"),
  });

async function inputs(root: string, cache: ContentCache, previous?: PageInputs, now = NOW) {
  const loaded = await loadCatalogue({ root, now, cache });
  const site = new Site(loaded.catalogue!, undefined, { versions: loaded.versions });
  return pageInputs(site, loaded.versions!, previous);
}

/** The plan as sets, to compare plans made with and without the last run's rows. */
const planOf = (previous: PageInputs, next: PageInputs) =>
  Object.fromEntries(
    Object.entries(planRun(previous, next).plan ?? {}).map(([k, v]) => [k, [...v].sort()]),
  );

describe("pageInputs", () => {
  it("keeps the rows of unchanged programs, makes an edited one's again, and plans as from scratch", async () => {
    const root = await makeSite({
      "content/programs/chess-club.md": program("Chess Club"),
      "content/programs/coding.md": program("Coding"),
    });
    const cache = new ContentCache();
    const first = await inputs(root, cache);
    const again = await inputs(root, cache, first);
    expect(again.programs.get("chess-club")).toBe(first.programs.get("chess-club"));
    expect(again.programs.get("coding")).toBe(first.programs.get("coding"));
    expect(planOf(first, again).programs).toEqual([]);

    // Coding moves to November: its rows are made again, Chess Club's are kept.
    await writeFile(
      path.join(root, "content/programs/coding.md"),
      program("Coding", "2026-11-20 18:00"),
    );
    const moved = await inputs(root, cache, again);
    const scratch = await inputs(root, new ContentCache());
    expect(moved.programs.get("chess-club")).toBe(first.programs.get("chess-club"));
    expect(moved.programs.get("coding")).not.toBe(first.programs.get("coding"));
    expect(moved.programs.get("coding")!.core).toBe(scratch.programs.get("coding")!.core);
    expect([...moved.programs.get("coding")!.rows.keys()]).toEqual([
      ...scratch.programs.get("coding")!.rows.keys(),
    ]);
    const plan = planOf(again, moved);
    expect(plan).toEqual(planOf(again, scratch));
    expect(plan.programs).toEqual(["coding"]);
    // October's calendar loses Coding's dates there: it is rendered again, with November's.
    expect(plan.calendarMonths).toContain("/calendar/2026/10/");
    expect(plan.calendarMonths).toContain("/calendar/2026/11/");
  });

  it("makes every program's rows again when library.yaml or the day changes", async () => {
    const root = await makeSite({
      "content/programs/chess-club.md": program("Chess Club"),
    });
    const cache = new ContentCache();
    const first = await inputs(root, cache);
    const later = await inputs(root, cache, first, NOW.plus({ days: 21 }));
    expect(later.programs.get("chess-club")).not.toBe(first.programs.get("chess-club"));
    // Three weeks on, the first date (20 October) has passed: its row is gone.
    const [october20] = first.programs.get("chess-club")!.rows.keys();
    expect(later.programs.get("chess-club")!.rows.has(october20!)).toBe(false);

    // A closed day on a Tuesday of the series: its date goes from the program's rows.
    const file = path.join(root, "_data/library.yaml");
    const library = await readFile(file, "utf8");
    await writeFile(file, library.replace("closed:\n", "closed:\n  - { date: 2026-10-27 }\n"));
    const closed = await inputs(root, cache, first);
    expect(closed.programs.get("chess-club")).not.toBe(first.programs.get("chess-club"));
    expect(closed.programs.get("chess-club")!.rows.size).toBe(
      first.programs.get("chess-club")!.rows.size - 1,
    );
  });
});
