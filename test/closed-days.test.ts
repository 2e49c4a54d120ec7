// Closed days as the loader applies them, for the two cases calendars exposed: a series
// written with an explicit offset (its closed-day warning must name the date `except`
// matches it by), and a program moved online (it does not close with its branch).
import { describe, it, expect } from "vitest";
import { DateTime } from "luxon";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { makeSite } from "./helpers/fixture.ts";

const now = DateTime.fromISO("2026-11-01T09:00", { zone: "America/Chicago" });

const program = (fields: string) =>
  `---\ntitle: Night owls\nsummary: Late.\naudiences: [adults]\ncategories: [technology]\n${fields.trim()}\n---\nBody.\n`;

async function load(fields: string) {
  const root = await makeSite({ "content/programs/owls.md": program(fields) });
  const { catalogue, problems } = await loadCatalogue({ root, now });
  const owls = catalogue!.programs.find((p) => p.id === "owls")!;
  return {
    starts: owls.occurrences.map((o) => o.start.toISO()),
    warnings: problems
      .filter((p) => p.severity === "warning")
      .map((p) => `${p.field}: ${p.message}`),
  };
}

describe("closed-day warnings for a series written with an explicit offset", () => {
  // 20:00 at -10:00 is 00:00 the next day in Chicago: the library is closed on Friday
  // 2026-12-25 (Chicago), which is Thursday 2026-12-24 for the series itself.
  const series = `location: eastside
start: 2026-12-20T20:00-10:00
repeat: { every: day, count: 10 }`;

  it("names the date except needs, and following the advice leaves the same dates and no warning", async () => {
    const before = await load(series);
    expect(before.warnings).toMatchInlineSnapshot(`
      [
        "start: occurrence on 2026-12-25 left out: Eastside Branch is closed (Christmas Day); it is 2026-12-24 at the series' own UTC offset, so add 2026-12-24 to repeat.except to silence this",
      ]
    `);
    expect(before.starts).toHaveLength(9);
    // Do what the warning says: add the date it names (or "the date" it left out).
    const [message] = before.warnings;
    const named =
      /add (\d{4}-\d{2}-\d{2}) to repeat\.except/.exec(message)?.[1] ??
      /occurrence on (\d{4}-\d{2}-\d{2})/.exec(message)![1];
    const after = await load(series.replace("count: 10", `count: 10, except: [${named}]`));
    // Exactly the warned session is out (it already was), nothing else, and no warning.
    expect(after.starts).toEqual(before.starts);
    expect(after.warnings).toEqual([]);
  });

  it("finds a `dates` entry by its own date", async () => {
    const { warnings } = await load(`location: eastside
start: 2026-12-01 10:00
dates: [2026-12-24T20:00-10:00]`);
    expect(warnings).toMatchInlineSnapshot(`
      [
        "dates: occurrence on 2026-12-25 left out: Eastside Branch is closed (Christmas Day); remove the date from dates to silence this",
      ]
    `);
  });
});

describe("a program moved online", () => {
  it("keeps its dates on its location's closed days, as an online-only program does", async () => {
    const moved = await load(`location: central
status: moved-online
online: https://meet.example.org/owls
start: 2026-12-24 18:00
repeat: { every: day, count: 3 }`);
    // Central is closed on 2026-12-25 (the library) and 2026-12-26 (its own day).
    expect(moved.starts).toEqual([
      "2026-12-24T18:00:00.000-06:00",
      "2026-12-25T18:00:00.000-06:00",
      "2026-12-26T18:00:00.000-06:00",
    ]);
    expect(moved.warnings).toEqual([]);
    const inPerson = await load(`location: central
start: 2026-12-24 18:00
repeat: { every: day, count: 3 }`);
    expect(inPerson.starts).toEqual(["2026-12-24T18:00:00.000-06:00"]);
  });
});
