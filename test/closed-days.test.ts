// Closed days as the loader applies them and warns about them: one warning a closure for
// the dates of series it leaves out, a warning in the program's file for a date the file
// names itself, the date of a series written with an explicit offset, and a program moved
// online (it does not close with its branch).
import { describe, it, expect } from "vitest";
import { DateTime } from "luxon";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblem, sortProblems } from "../src/content/problems.ts";
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

/** Every warning of a site of `programs` (id -> front-matter fields), formatted. */
async function warningsOf(programs: Record<string, string>, at = now): Promise<string[]> {
  const files = Object.fromEntries(
    Object.entries(programs).map(([id, fields]) => [`content/programs/${id}.md`, program(fields)]),
  );
  const { problems } = await loadCatalogue({ root: await makeSite(files), now: at });
  return sortProblems(problems.filter((p) => p.severity === "warning")).map(formatProblem);
}

describe("a closure leaves out dates of series: one warning a closure, in the library's file", () => {
  // The fixture library: every location closed on 2026-12-25 (Christmas Day, line 15),
  // Central alone on 2026-12-26 (line 10).
  const weekly = (location: string, start: string) =>
    `location: ${location}\nstart: ${start}\nrepeat: { every: week, count: 6 }`;

  it("names every series a library-wide closure removes, instead of a warning in each file", async () => {
    expect(
      await warningsOf({
        "owls-central": weekly("central", "2026-12-04 20:00"),
        "owls-eastside": weekly("eastside", "2026-12-11 20:00"),
        daily: `location: eastside\nstart: 2026-12-20 09:00\nrepeat: { every: day, count: 10 }`,
        online: `online: https://meet.example.org/o\nstart: 2026-12-04 20:00\nrepeat: { every: week, count: 6 }`,
      }),
    ).toMatchInlineSnapshot(`
      [
        "_data/library.yaml:15: warning: closed.0: 2026-12-25 (Christmas Day): every location is closed, so 3 programs are left out that day: daily, owls-central, owls-eastside; nothing to change unless one of them should move to another day",
      ]
    `);
  });

  it("names the series at a location its own closure removes, in one warning", async () => {
    expect(
      await warningsOf({
        saturdays: weekly("central", "2026-12-05 10:00"),
        "saturdays-east": weekly("eastside", "2026-12-05 10:00"),
      }),
    ).toMatchInlineSnapshot(`
      [
        "_data/library.yaml:10: warning: locations.0.closed.0: 2026-12-26: Central Library is closed, so 1 program is left out that day: saturdays; nothing to change unless it should move to another day",
      ]
    `);
  });

  it("keeps the warning in the program's file for a date the file names itself", async () => {
    // Moving the date is the fix there; the closure's warning does not list them again.
    expect(
      await warningsOf({
        "one-off": `location: central\nstart: 2026-12-25 18:00`,
        "extra-date": `location: central\nstart: 2026-12-01 10:00\ndates: [2026-12-26 10:00, 2026-12-25 10:00]`,
      }),
    ).toMatchInlineSnapshot(`
      [
        "content/programs/extra-date.md:8: warning: dates: occurrence on 2026-12-25 left out: Central Library is closed (Christmas Day); remove the date from dates to silence this",
        "content/programs/extra-date.md:8: warning: dates: occurrence on 2026-12-26 left out: Central Library is closed; remove the date from dates to silence this",
        "content/programs/one-off.md:7: warning: start: occurrence on 2026-12-25 left out: Central Library is closed (Christmas Day); move start to another day to silence this",
      ]
    `);
  });

  it("says nothing of a closed day in the past, and nothing of excepted dates", async () => {
    const after = DateTime.fromISO("2026-12-27T09:00", { zone: "America/Chicago" });
    expect(await warningsOf({ weekly: weekly("central", "2026-12-04 20:00") }, after)).toEqual([]);
    expect(
      await warningsOf({
        weekly: `location: central\nstart: 2026-12-04 20:00\nrepeat: { every: week, count: 6, except: [2026-12-25] }`,
      }),
    ).toEqual([]);
  });

  it("names a series written with an explicit offset on the closed day of the library's zone", async () => {
    // 20:00 at -10:00 is 00:00 the next day in Chicago: the Thursday 2026-12-24 session is
    // on Christmas Day where the building is.
    const series = `location: eastside\nstart: 2026-12-20T20:00-10:00\nrepeat: { every: day, count: 10 }`;
    const before = await load(series);
    expect(before.warnings).toMatchInlineSnapshot(`
      [
        "closed.0: 2026-12-25 (Christmas Day): every location is closed, so 1 program is left out that day: owls; nothing to change unless it should move to another day",
      ]
    `);
    expect(before.starts).toHaveLength(9);
    expect(before.starts).not.toContain("2026-12-25T00:00:00.000-06:00");
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
