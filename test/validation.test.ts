// Every kind of bad content gives one line naming the file, the line and the field, and
// all problems come out at once. Messages are locked: staff read them.
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { didYouMean, formatProblems } from "../src/content/problems.ts";
import { DEFAULT_LIBRARY, makeSite, md, programFile } from "./helpers/fixture.ts";

const NOW = DateTime.fromISO("2026-10-01T09:00", { zone: "America/Chicago" });

/** Formatted problems of a site made of `files` (plus the default library). */
async function check(files: Record<string, string>): Promise<string> {
  const root = await makeSite(files);
  const result = await loadCatalogue({ root, now: NOW });
  if (result.problems.some((p) => p.severity === "error")) expect(result.catalogue).toBeUndefined();
  return formatProblems(result.problems);
}

/** Front matter from lines, then a body. */
const DEFAULTS = { title: "Teen Coding Club", summary: "Build a small game in Python." };

/** A valid program (front matter on lines 2-8), then `more` from line 9. */
const program = (more = "", replace: Record<string, string> = {}) =>
  programFile(DEFAULTS, more, replace);

const partner = (more = "") =>
  md(`name: City Makerspace\nkind: nonprofit\nsummary: Tools and training.\n${more}`);
const guide = (more = "") =>
  md(
    `title: Spotting a Fake Photo\nsummary: Five checks.\nlevel: beginner\naudiences: [teens]\n${more}`,
  );

describe("valid content", () => {
  it("a valid site has no problems", async () => {
    expect(
      await check({
        "content/programs/teen-coding-club.md": program(),
        "content/partners/city-makerspace.md": partner("programs: [teen-coding-club]"),
        "content/guides/spotting-fakes.md": guide(),
        "content/pages/about.md": md("title: About us\nnav: 1"),
      }),
    ).toMatchInlineSnapshot(`"no problems"`);
  });
});

describe("file-level problems", () => {
  it("bad YAML is one problem at its line, with a fix for the colon mistake", async () => {
    expect(
      await check({
        "content/programs/x.md": program("room: Lab: B12"),
        "content/programs/y.md": md("title: [unclosed\nsummary: x"),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:9: bad YAML: a value containing ": " must be in quotes, e.g. title: "Coding: the basics"
      content/programs/y.md:2: bad YAML: flow sequence in block collection must be sufficiently indented and end with a ]
      2 errors"
    `);
  });

  it("an unclosed [, { or quote is reported on its own line, not on the next field's", async () => {
    // Line 1 is ---; audiences is on line 4 (c's list runs on to line 5), location on line 6,
    // each with more fields (and, in c, a comment) below it.
    expect(
      await check({
        "content/programs/a.md": program("", { audiences: "[teens, kids" }),
        "content/programs/b.md": program("", { location: "{ id: central" }),
        "content/programs/c.md": program("", { audiences: "[teens,\n  kids\n# note\n" }),
        "content/programs/d.md": program("", { audiences: '"teens' }),
        "content/programs/e.md": program("", { audiences: "'teens" }),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/a.md:4: bad YAML: flow sequence in block collection must be sufficiently indented and end with a ]
      content/programs/b.md:6: bad YAML: flow map in block collection must be sufficiently indented and end with a }
      content/programs/c.md:5: bad YAML: flow sequence in block collection must be sufficiently indented and end with a ]
      content/programs/d.md:4: bad YAML: missing closing "quote
      content/programs/e.md:4: bad YAML: missing closing 'quote
      5 errors"
    `);
  });

  it("a field written twice is bad YAML naming the field", async () => {
    expect(await check({ "content/programs/x.md": program("title: Again") }))
      .toMatchInlineSnapshot(`
      "content/programs/x.md:9: bad YAML: field "title" is written twice
      1 error"
    `);
  });

  it("a file without front matter, or with front matter never closed", async () => {
    expect(
      await check({
        "content/pages/no-front-matter.md": "# About\n\nText.\n",
        "content/pages/unclosed.md": "---\ntitle: About\n\nText.\n",
      }),
    ).toMatchInlineSnapshot(`
      "content/pages/no-front-matter.md:1: no front matter: the file must begin with a line ---, then its fields, then another line ---
      content/pages/unclosed.md:1: front matter is not closed: add a line --- after the last field
      2 errors"
    `);
  });

  it("a file name that is not an id", async () => {
    expect(await check({ "content/pages/About_Us.md": md("title: About") })).toMatchInlineSnapshot(`
      "content/pages/About_Us.md:1: file name "About_Us.md" is not a valid id: use lowercase letters, digits and single dashes, e.g. about-us.md
      1 error"
    `);
  });

  it("a missing library.yaml", async () => {
    const root = await makeSite({});
    const { rm } = await import("node:fs/promises");
    await rm(`${root}/_data/library.yaml`);
    const result = await loadCatalogue({ root, now: NOW });
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "_data/library.yaml:1: file not found: every site needs _data/library.yaml (name, url, timezone, ...)
      1 error"
    `);
  });
});

describe("fields", () => {
  it("unknown field, with did-you-mean or a hint about extra", async () => {
    expect(await check({ "content/programs/x.md": program("titel: Typo\nroom_code: B12") }))
      .toMatchInlineSnapshot(`
      "content/programs/x.md:9: titel: unknown field (did you mean "title"?)
      content/programs/x.md:10: room_code: unknown field; free-form data goes under extra
      2 errors"
    `);
  });

  it("unknown nested field points at its own line", async () => {
    expect(
      await check({
        "content/programs/x.md": program("repeat:\n  every: week\n  untill: 2027-01-01"),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:11: repeat.untill: unknown field (did you mean "until"?)
      1 error"
    `);
  });

  it("missing required fields point at the opening ---", async () => {
    expect(await check({ "content/programs/x.md": program("", { title: "", start: "", end: "" }) }))
      .toMatchInlineSnapshot(`
      "content/programs/x.md:1: start: required field is missing
      content/programs/x.md:1: title: required field is missing
      2 errors"
    `);
  });

  it("wrong types", async () => {
    expect(
      await check({
        "content/programs/x.md": program("featured: yes\nduration: ninety", {
          audiences: "5",
          end: "",
        }),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:4: audiences: expected a list of ids, e.g. [teens, adults], got a number (5)
      content/programs/x.md:8: featured: expected true or false, got "yes"
      content/programs/x.md:9: duration: expected a whole number, got "ninety"
      3 errors"
    `);
  });

  it("too long text", async () => {
    expect(await check({ "content/programs/x.md": program("", { title: "x".repeat(131) }) }))
      .toMatchInlineSnapshot(`
      "content/programs/x.md:2: title: at most 120 characters (got 131)
      1 error"
    `);
  });

  it("a value outside a fixed list, with did-you-mean", async () => {
    expect(
      await check({
        "content/programs/x.md": program("status: canceled"),
        "content/partners/p.md": md("name: P\nkind: charity\nsummary: S."),
      }),
    ).toMatchInlineSnapshot(`
      "content/partners/p.md:3: kind: must be one of school, business, nonprofit, government, community, other (got "charity")
      content/programs/x.md:9: status: must be one of scheduled, cancelled, postponed, rescheduled, moved-online (did you mean "cancelled"?)
      2 errors"
    `);
  });

  it("empty lists where one id is required", async () => {
    expect(await check({ "content/programs/x.md": program("", { categories: "[]" }) }))
      .toMatchInlineSnapshot(`
      "content/programs/x.md:5: categories: list at least one id
      1 error"
    `);
  });
});

describe("ids", () => {
  it("unknown audience, category, location and language, each at its item's line", async () => {
    expect(
      await check({
        "content/programs/x.md": program("languages:\n  - en\n  - fr", {
          audiences: "[kids, teen]",
          categories: "[cooking]",
          location: "centrl",
        }),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:4: audiences: unknown audience "teen" (did you mean "teens"?)
      content/programs/x.md:5: categories: unknown category "cooking"; use one of technology, media-literacy or add it to categories in _data/library.yaml
      content/programs/x.md:6: location: unknown location "centrl" (did you mean "central"?)
      content/programs/x.md:11: languages: unknown language "fr"; use one of en, es or add it to languages in _data/library.yaml
      4 errors"
    `);
  });

  it("a language code one letter from another is not guessed as it", async () => {
    // A review: `languages: [en, fr]` in a library of en, es, ar said `did you mean "ar"?`.
    const library = DEFAULT_LIBRARY.replace(
      "languages: { en: English, es: Español }",
      "languages: { en: English, es: Español, ar: العربية }",
    );
    expect(
      await check({
        "_data/library.yaml": library,
        "content/programs/x.md": program("languages: [en, fr]", {}),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:9: languages: unknown language "fr"; use one of en, es, ar or add it to languages in _data/library.yaml
      1 error"
    `);
  });

  it("a label where an id belongs gets the id as its did-you-mean, in one line", async () => {
    // Staff copy what the site shows: an audience's label, a location's name, a language.
    const library = DEFAULT_LIBRARY.replace(
      "{ id: kids, label: Kids }",
      '{ id: kids, label: "Kids (0–11)" }',
    );
    expect(
      await check({
        "_data/library.yaml": library,
        "content/programs/x.md": program("languages: [English]", {
          audiences: "[Kids (0–11), Adults]",
          categories: "[Media Literacy]",
          location: "Eastside Branch",
        }),
        "content/programs/y.md": program("", {
          audiences: "[kids 0-11]",
          location: "Central library",
        }),
        "content/guides/g.md": guide().replace("[teens]", "[Teens]"),
      }),
    ).toMatchInlineSnapshot(`
      "content/guides/g.md:5: audiences: unknown audience "Teens" (did you mean "teens"?)
      content/programs/x.md:4: audiences: unknown audience "Adults" (did you mean "adults"?)
      content/programs/x.md:4: audiences: unknown audience "Kids (0–11)" (did you mean "kids"? It is the id of "Kids (0–11)")
      content/programs/x.md:5: categories: unknown category "Media Literacy" (did you mean "media-literacy"? It is the id of "Media literacy")
      content/programs/x.md:6: location: unknown location "Eastside Branch" (did you mean "eastside"? It is the id of "Eastside Branch")
      content/programs/x.md:9: languages: unknown language "English" (did you mean "en"? It is the id of "English")
      content/programs/y.md:4: audiences: unknown audience "kids 0-11" (did you mean "kids"? It is the id of "Kids (0–11)")
      content/programs/y.md:6: location: unknown location "Central library" (did you mean "central"? It is the id of "Central Library")
      8 errors"
    `);
  });

  it("unknown partner, guide and program ids name the missing file", async () => {
    expect(
      await check({
        "content/programs/x.md": program("partners: [city-makerspac]\nguides: [nope]"),
        "content/partners/city-makerspace.md": partner("programs: [y]"),
        "content/guides/g.md": guide("programs: [x, zzz]"),
      }),
    ).toMatchInlineSnapshot(`
      "content/guides/g.md:6: programs: unknown program "zzz": there is no content/programs/zzz.md
      content/partners/city-makerspace.md:5: programs: unknown program "y": there is no content/programs/y.md
      content/programs/x.md:9: partners: unknown partner "city-makerspac" (did you mean "city-makerspace"?)
      content/programs/x.md:10: guides: unknown guide "nope": there is no content/guides/nope.md
      4 errors"
    `);
  });

  it("a guide's unknown audience", async () => {
    expect(await check({ "content/guides/g.md": guide().replace("[teens]", "[teenz]") }))
      .toMatchInlineSnapshot(`
      "content/guides/g.md:5: audiences: unknown audience "teenz" (did you mean "teens"?)
      1 error"
    `);
  });

  it("duplicate ids in library.yaml", async () => {
    const library = DEFAULT_LIBRARY.replace("id: eastside", "id: central").replace(
      "{ id: adults",
      "{ id: kids",
    );
    expect(await check({ "_data/library.yaml": library })).toMatchInlineSnapshot(`
      "_data/library.yaml:11: locations: duplicate id "central" (first used on line 7)
      _data/library.yaml:19: audiences: duplicate id "kids" (first used on line 17)
      2 errors"
    `);
  });
});

describe("ages, terms and access features", () => {
  const library = DEFAULT_LIBRARY.replace(
    "  - { id: kids, label: Kids }",
    "  - { id: kids, label: Kids, ages: [0, 11], terms: [Toddler, preschool, toddler] }",
  ).concat(
    "access:\n  - { id: asl, label: ASL interpretation }\n  - { id: step-free, label: Step-free access }\n",
  );

  it("a library's audience ages and terms, and access features, reach the model", async () => {
    const root = await makeSite({
      "_data/library.yaml": library,
      "content/programs/x.md": program("access: [asl, step-free]"),
      "content/programs/y.md": program(),
    });
    const { catalogue, problems } = await loadCatalogue({ root, now: NOW });
    expect(problems).toEqual([]);
    expect(catalogue!.library.audiences[0]).toEqual({
      id: "kids",
      label: "Kids",
      ages: [0, 11],
      terms: ["toddler", "preschool"],
    });
    expect(catalogue!.library.audiences[1]).toEqual({ id: "teens", label: "Teens" });
    expect(catalogue!.library.access).toEqual([
      { id: "asl", label: "ASL interpretation" },
      { id: "step-free", label: "Step-free access" },
    ]);
    expect(catalogue!.programs.map((p) => [p.id, p.access])).toEqual([
      ["x", ["asl", "step-free"]],
      ["y", []],
    ]);
  });

  it("bad ages, terms and access lists, one line each", async () => {
    const bad = DEFAULT_LIBRARY.replace(
      "  - { id: kids, label: Kids }",
      "  - { id: kids, label: Kids, ages: [11, 0] }",
    )
      .replace("  - { id: teens, label: Teens }", "  - { id: teens, label: Teens, ages: 12 }")
      .replace(
        "  - { id: adults, label: Adults }",
        "  - { id: adults, label: Adults, ages: [18, 200], terms: { toddler: x }, age: [1, 2] }",
      )
      .concat(
        "access:\n  - { id: asl, label: ASL interpretation }\n  - { id: asl, label: Again }\n  - step-free\n",
      );
    expect(await check({ "_data/library.yaml": bad })).toMatchInlineSnapshot(`
      "_data/library.yaml:17: audiences.0.ages: the youngest age comes first: write [0, 11], not [11, 0]
      _data/library.yaml:18: audiences.1.ages: expected [youngest, oldest] in years, e.g. [0, 5] (up to 120), got a number (12)
      _data/library.yaml:19: audiences.2.age: unknown field (did you mean "ages"?)
      _data/library.yaml:19: audiences.2.ages.1: must be at most 120 (got 200)
      _data/library.yaml:19: audiences.2.terms: expected a list, e.g. [one, two], got a group of fields: YAML read "toddler: x" as a field; put text containing ": " in quotes
      _data/library.yaml:25: access: duplicate id "asl" (first used on line 24)
      _data/library.yaml:26: access: expected { id, label }, got "step-free"
      7 errors"
    `);
  });

  it("a program's unknown access feature, with did-you-mean or the list", async () => {
    expect(
      await check({
        "_data/library.yaml": library,
        "content/programs/x.md": program("access:\n  - als\n  - captions"),
        "content/programs/y.md": program("access: Asl"),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:10: access: unknown access feature "als" (did you mean "asl"?)
      content/programs/x.md:11: access: unknown access feature "captions"; use one of asl, step-free or add it to access in _data/library.yaml
      content/programs/y.md:9: access: unknown access feature "Asl" (did you mean "asl"?)
      3 errors"
    `);
  });
});

describe("dates", () => {
  it("impossible dates and end before start", async () => {
    expect(
      await check({
        "content/programs/x.md": program("", { start: "2026-02-30 18:00", end: "" }),
        "content/programs/y.md": program("", { end: "2026-10-20 17:00" }),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:7: start: "2026-02-30 18:00" is not a real date: February 2026 has 28 days
      content/programs/y.md:8: end: ends before it starts (2026-10-20 17:00 < 2026-10-20 18:00)
      2 errors"
    `);
  });

  it("a nested date points at its own line (repeat.until) and list items at theirs", async () => {
    expect(
      await check({
        "content/programs/x.md": program(
          "repeat:\n  every: week\n  until: 2027-13-01\n  except:\n    - 2026-11-03\n    - 2026-11-31",
        ),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:11: repeat.until: "2027-13-01" is not a real date: there is no month 13
      content/programs/x.md:14: repeat.except: "2026-11-31" is not a real date: November 2026 has 30 days
      2 errors"
    `);
  });

  it("years outside 1900 to 2200 are refused, an occurrence of years is a warning", async () => {
    expect(
      await check({
        "content/programs/forever.md": program("", {
          start: "0000-01-01 10:00",
          end: "9999-12-31 10:00",
        }),
        "content/programs/typo.md": program("", { end: "2062-10-20 19:30" }),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/forever.md:7: start: "0000-01-01 10:00" is in the year 0000; dates must fall in the years 1900 to 2200 (is the year a typo?)
      content/programs/forever.md:8: end: "9999-12-31 10:00" is in the year 9999; dates must fall in the years 1900 to 2200 (is the year a typo?)
      content/programs/typo.md:8: warning: end: this occurrence lasts 13,149 days, from 2026-10-20 18:00 to 2062-10-20 19:30; is end a typo?
      2 errors, 1 warning"
    `);
  });

  it("publish, registration.opens, updated and library closed dates", async () => {
    const library = DEFAULT_LIBRARY.replace("closed: [2026-12-26]", "closed: [2026-12-32]");
    expect(
      await check({
        "_data/library.yaml": library,
        "content/programs/x.md": program("publish: 2026-9-15\nregistration:\n  opens: tomorrow"),
        "content/guides/g.md": guide("updated: 2026-02-29"),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:10: locations.0.closed.0: "2026-12-32" is not a real date in the form 2026-10-20
      content/guides/g.md:6: updated: "2026-02-29" is not a real date in the form 2026-10-20
      content/programs/x.md:9: publish: "2026-9-15" is not a real date or time in the form 2026-10-20 or 2026-10-20 18:00
      content/programs/x.md:11: registration.opens: "tomorrow" is not a real date or time in the form 2026-10-20 or 2026-10-20 18:00
      4 errors"
    `);
  });
});

describe("cancelled and except dates that match no date of the program", () => {
  // Weekly at 18:00 from Tuesday 2026-10-20, at central (closed 2026-12-26; every location
  // 2026-12-25, a Friday); NOW is 2026-10-01, so the horizon is 2027-04-01.
  const series = (more: string, until = "2027-03-30", on = "[tue, thu]") =>
    program(`repeat:\n  every: week\n  on: ${on}\n  until: ${until}\n${more}`);

  it("a Wednesday in a Tue/Thu series names the weekday and the sessions either side", async () => {
    expect(
      await check({
        "content/programs/x.md": program(
          "repeat:\n  every: week\n  on: [tue, thu]\n  except: [2026-12-22, 2026-12-23]\ncancelled: [2026-12-16]",
        ),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:12: warning: repeat.except: "2026-12-23" matches none of the program's dates, so nothing is left out: 2026-12-23 is a Wednesday; the sessions near it are Tue 2026-12-22 and Thu 2026-12-24
      content/programs/x.md:13: warning: cancelled: "2026-12-16" matches none of the program's dates, so nothing is marked cancelled: 2026-12-16 is a Wednesday; the sessions near it are Tue 2026-12-15 and Thu 2026-12-17
      2 warnings"
    `);
  });

  it("a date and time at another hour than the session that day", async () => {
    expect(await check({ "content/programs/x.md": series('cancelled: ["2026-12-15 17:00"]') }))
      .toMatchInlineSnapshot(`
      "content/programs/x.md:13: warning: cancelled: "2026-12-15 17:00" matches none of the program's dates, so nothing is marked cancelled: the session on 2026-12-15 starts at 18:00; write 2026-12-15 18:00, or the date alone
      1 warning"
    `);
  });

  it("between the extra dates of a program without repeat", async () => {
    expect(
      await check({
        "content/programs/x.md": program(
          "dates: [2026-11-05 10:00, 2026-11-19 10:00]\ncancelled: [2026-11-12]",
          { start: "2026-10-29 10:00", end: "" },
        ),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:9: warning: cancelled: "2026-11-12" matches none of the program's dates, so nothing is marked cancelled: 2026-11-12 is a Thursday; the sessions near it are Thu 2026-11-05 and Thu 2026-11-19
      1 warning"
    `);
  });

  it("are fine on a rule date left out as a closed day, past the horizon, after until, or past", async () => {
    // 2026-12-25: Christmas, a Friday of the rule; except is how staff silence its warning.
    // 2027-06-04: a Friday past the horizon of an open series; 2027-04-02 is after until.
    expect(
      await check({
        "content/programs/closed.md": series("  except: [2026-12-25]", "2027-03-30", "[fri]"),
        "content/programs/open.md": program(
          "repeat:\n  every: week\n  on: [fri]\n  except: [2027-06-04, 2027-06-09]",
        ),
        "content/programs/until.md": series("  except: [2027-04-01, 2027-04-02]", "2027-03-31"),
        "content/programs/past.md": program(
          "repeat:\n  every: week\n  on: [tue]\ncancelled: [2026-09-09, 2026-09-15]",
          { start: "2026-09-01 18:00", end: "" },
        ),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:15: warning: closed.0: 2026-12-25 (Christmas Day): every location is closed, so 1 program is left out that day: open; nothing to change unless it should move to another day
      1 warning"
    `);
  });
});

describe("a # in a value, which YAML reads as a comment", () => {
  it("text cut short by ' #' is a warning naming the quotes, and the site keeps what YAML read", async () => {
    const root = await makeSite({
      "content/programs/x.md": program("room: Maker Lab #204\ncost: 5 # dollars"),
      "content/guides/g.md": guide("checklist:\n  - Who posted it #first?\n  - Check the date"),
    });
    const result = await loadCatalogue({ root, now: NOW });
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "content/guides/g.md:7: warning: checklist: the text after # is read as a comment, so the site shows "Who posted it"; put the value in quotes if # is part of it: - "Who posted it #first?"
      content/programs/x.md:9: warning: room: the text after # is read as a comment, so the site shows "Maker Lab"; put the value in quotes if # is part of it: room: "Maker Lab #204"
      content/programs/x.md:10: warning: cost: the text after # is read as a comment, so the site shows "5"; put the value in quotes if # is part of it: cost: "5 # dollars"
      3 warnings"
    `);
    expect(result.catalogue!.programs.map((p) => p.room)).toEqual(["Maker Lab"]);
  });

  it("a value starting with # is an error when the field is required, a warning when not", async () => {
    expect(
      await check({
        "content/programs/x.md": program("room: #2 Maker Lab", {
          title: "#1 Teen Coding Club",
          start: "# 2026-10-20 18:00",
          end: "",
        }),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:2: title: is empty: YAML reads "#1 Teen Coding Club" as a comment, because it starts with #; put the value in quotes: title: "#1 Teen Coding Club"
      content/programs/x.md:7: start: is empty: YAML reads "# 2026-10-20 18:00" as a comment, because it starts with #; write the value without the #
      content/programs/x.md:8: warning: room: left empty: YAML reads "#2 Maker Lab" as a comment, because it starts with #; if # is part of it, put the value in quotes: room: "#2 Maker Lab"
      2 errors, 1 warning"
    `);
  });

  it("leaves comments alone: comment lines, after other fields, after quoted text", async () => {
    expect(
      await check({
        "content/programs/x.md": program(
          [
            "# A comment line: room: Maker Lab #204",
            'room: "Maker Lab #204" # the room number is part of the name',
            "status: scheduled # the default",
            "repeat:",
            "  every: week          # day, week or month",
            "  on: [tue]            # week: weekdays",
            "  # until: 2027-01-01",
            "registration:",
            "  closes: 2026-10-19 # the day before",
          ].join("\n"),
          { categories: "[technology] # one or more" },
        ),
      }),
    ).toMatchInlineSnapshot(`"no problems"`);
  });
});

describe("status: moved-online", () => {
  it("without an online link is a warning at the status line; the program is still published", async () => {
    const root = await makeSite({
      "content/programs/x.md": program("status: moved-online"),
      "content/programs/y.md": program("status: moved-online\nonline: https://meet.example.org/y"),
    });
    const result = await loadCatalogue({ root, now: NOW });
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "content/programs/x.md:9: warning: status: moved-online, but online is not set: add online: with the link to join (e.g. online: https://meet.example.org/your-link), or the page shows no way to join
      1 warning"
    `);
    expect(result.catalogue!.programs.map((p) => p.id).sort()).toEqual(["x", "y"]);
  });
});

describe("a number out of range is reported once", () => {
  it("duration: 0, repeat.interval: 0 and repeat.count: 0 or 2.5 give one line each", async () => {
    expect(
      await check({
        "content/programs/x.md": program("duration: 0\nrepeat:\n  every: week\n  interval: 0", {
          end: "",
        }),
        "content/programs/y.md": program(
          "duration: -15\nrepeat:\n  every: week\n  interval: 2.5\n  count: 0",
          { end: "" },
        ),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:8: duration: must be a positive number of minutes (got 0)
      content/programs/x.md:11: repeat.interval: must be a whole number, 1 or more (got 0)
      content/programs/y.md:8: duration: must be a positive number of minutes (got -15)
      content/programs/y.md:11: repeat.interval: expected a whole number, got a number (2.5)
      content/programs/y.md:12: repeat.count: must be a whole number, 1 or more (got 0)
      5 errors"
    `);
  });
});

describe("the ways people write times and quotes", () => {
  it("am/pm, with or without a date, and dates with slashes get the 24-hour form", async () => {
    expect(
      await check({
        "content/programs/a.md": program("", { start: "5:00 pm", end: "" }),
        "content/programs/b.md": program("", { start: "12/10/2026 4:00 PM", end: "" }),
        "content/programs/c.md": program("", {
          start: "2026-10-20 6:30pm",
          end: "10/20/2026 19:30",
        }),
        "content/programs/d.md": program("dates: [7 p.m.]\npublish: 9/1/2026 9 am", {
          start: "2026-10-20 18:00",
          end: "",
        }),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/a.md:7: start: "5:00 pm" uses am/pm and has no date; write the date and 24-hour time, e.g. 2026-10-20 17:00
      content/programs/b.md:7: start: "12/10/2026 4:00 PM" uses am/pm and a date with slashes; write year-month-day and 24-hour time: 2026-12-10 16:00 (12 as the month) or 2026-10-12 16:00 (10 as the month)
      content/programs/c.md:7: start: "2026-10-20 6:30pm" uses am/pm; write 24-hour time: 2026-10-20 18:30
      content/programs/c.md:8: end: "10/20/2026 19:30" uses a date with slashes; write the date as year-month-day: 2026-10-20 19:30
      content/programs/d.md:8: dates: "7 p.m." uses am/pm and has no date; write the date and 24-hour time, e.g. 2026-10-20 19:00
      content/programs/d.md:9: publish: "9/1/2026 9 am" uses am/pm and a date with slashes; write year-month-day and 24-hour time: 2026-09-01 09:00 (9 as the month) or 2026-01-09 09:00 (1 as the month)
      6 errors"
    `);
  });

  it("curly quotes around a value with a colon are named as the cause, with the fix", async () => {
    expect(
      await check({
        "content/programs/a.md": program("", { title: "“Lego Club: Build Night”" }),
        "content/programs/b.md": program("", { summary: "‘Build: then play’" }),
        "content/guides/g.md": guide("checklist:\n  - “Ask: who posted it?”"),
      }),
    ).toMatchInlineSnapshot(`
      "content/guides/g.md:7: checklist: expected text, got a group of fields: YAML read "“Ask: who posted it?”" as a field, because curly quotes (“) are not quotes to YAML; use straight ones: "Ask: who posted it?"
      content/programs/a.md:2: bad YAML: curly quotes (“ ” ‘ ’) are not quotes to YAML, so this value's ": " needs straight ones: title: "Lego Club: Build Night"
      content/programs/b.md:3: bad YAML: curly quotes (“ ” ‘ ’) are not quotes to YAML, so this value's ": " needs straight ones: summary: "Build: then play"
      3 errors"
    `);
  });
});

describe("registration dates", () => {
  it("registration that closes before it opens, and a closes that is not a date", async () => {
    expect(
      await check({
        "content/programs/x.md": program(
          "registration:\n  opens: 2026-10-05 09:00\n  closes: 2026-10-04",
        ),
        "content/programs/y.md": program("registration:\n  closes: next week"),
        // The same day: open from 9:00 to the end of that day, as written.
        "content/programs/z.md": program(
          "registration:\n  opens: 2026-10-05 09:00\n  closes: 2026-10-05",
        ),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:11: registration.closes: "2026-10-04" is before registration opens ("2026-10-05 09:00"); is one of them a typo?
      content/programs/y.md:10: registration.closes: "next week" is not a real date or time in the form 2026-10-20 or 2026-10-20 18:00
      2 errors"
    `);
  });
});

describe("URLs and images", () => {
  it("non-http(s) URLs are refused everywhere", async () => {
    const library = DEFAULT_LIBRARY.replace(
      "https://library.example.org",
      "library.example.org",
    ).replace("locale: en-US", "locale: en-US\nfeedback_url: mailto:ask@library.example.org");
    expect(
      await check({
        "_data/library.yaml": library,
        "content/programs/x.md": program(
          "online: javascript:alert(1)\nregistration:\n  url: ftp://example.org/register",
        ),
        "content/partners/p.md": partner("website: www.example.org"),
        "content/guides/g.md": guide('sources:\n  - { title: "A", url: "file:///etc/passwd" }'),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:2: url: must be an http(s) URL starting with https:// (got "library.example.org")
      _data/library.yaml:5: feedback_url: must be an http(s) URL starting with https:// (got "mailto:ask@library.example.org")
      content/guides/g.md:7: sources.0.url: must be an http(s) URL starting with https:// (got "file:///etc/passwd")
      content/partners/p.md:5: website: must be an http(s) URL starting with https:// (got "www.example.org")
      content/programs/x.md:9: online: must be an http(s) URL starting with https:// (got "javascript:alert(1)")
      content/programs/x.md:11: registration.url: must be an http(s) URL starting with https:// (got "ftp://example.org/register")
      6 errors"
    `);
  });

  it("image without image_alt, logo without logo_alt, image outside content", async () => {
    expect(
      await check({
        "content/programs/x.md": program("image: images/a.jpg"),
        "content/programs/y.md": program("image: ../secret.jpg\nimage_alt: A photo"),
        "content/partners/p.md": partner("logo: images/logo.png"),
      }),
    ).toMatchInlineSnapshot(`
      "content/partners/p.md:5: logo: image not found: content/images/logo.png
      content/partners/p.md:5: logo_alt: required when logo is set: describe the logo for people who cannot see it
      content/programs/x.md:9: image: image not found: content/images/a.jpg
      content/programs/x.md:9: image_alt: required when image is set: describe the image for people who cannot see it
      content/programs/y.md:9: image: must be a path relative to content/, such as images/photo.jpg, without ".." (got "../secret.jpg")
      5 errors"
    `);
  });

  it("a program with neither location nor online", async () => {
    expect(await check({ "content/programs/x.md": program("", { location: "" }) }))
      .toMatchInlineSnapshot(`
      "content/programs/x.md:1: location: required unless the program is online-only (then set online to its link)
      1 error"
    `);
  });
});

describe("library.yaml", () => {
  it("bad time zone and bad locale", async () => {
    const library = DEFAULT_LIBRARY.replace("America/Chicago", "America/Chicgo").replace(
      "locale: en-US",
      "locale: not_a_locale",
    );
    expect(await check({ "_data/library.yaml": library })).toMatchInlineSnapshot(`
      "_data/library.yaml:3: timezone: unknown time zone "America/Chicgo" (did you mean "America/Chicago"?); use an IANA name such as America/Chicago
      _data/library.yaml:4: locale: unknown locale "not_a_locale"; use a code such as en-US or es-MX
      2 errors"
    `);
  });

  it("bad YAML in library.yaml and unknown fields there", async () => {
    expect(
      await check({
        "_data/library.yaml": DEFAULT_LIBRARY.replace(
          "locale: en-US",
          "locale: en-US\ntimezon: UTC",
        ),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:5: timezon: unknown field (did you mean "timezone"?)
      1 error"
    `);
    expect(
      await check({
        "_data/library.yaml": DEFAULT_LIBRARY.replace("name: Riverside", "name: Riverside: "),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:1: bad YAML: a value containing ": " must be in quotes, e.g. title: "Coding: the basics"
      1 error"
    `);
  });
});

describe("audiences' ages and terms, access features, search synonyms", () => {
  const library = (extra: string, audiences = "  - { id: kids, label: Kids }") =>
    DEFAULT_LIBRARY.replace("  - { id: kids, label: Kids }", audiences) + extra;

  it("are read and normalised: ages, terms, access, synonym groups", async () => {
    const root = await makeSite({
      "_data/library.yaml": library(
        [
          "access:",
          "  - { id: asl, label: ASL interpretation }",
          "search:",
          "  synonyms:",
          '    "Story  Time": [storytime, "story hour"]',
          "    storytime: [Rhyme Time]",
          "    lego: legos",
          "    e-mail: [email, e-mail]",
          "",
        ].join("\n"),
        "  - { id: kids, label: Kids, ages: [0, 11], terms: [toddler, preschool] }",
      ),
      "content/programs/x.md": program("access: [asl]"),
    });
    const { catalogue, problems } = await loadCatalogue({ root, now: NOW });
    expect(problems).toEqual([]);
    const lib = catalogue!.library;
    expect(lib.audiences[0]).toEqual({
      id: "kids",
      label: "Kids",
      ages: [0, 11],
      terms: ["toddler", "preschool"],
    });
    expect(lib.audiences[1]).toEqual({ id: "teens", label: "Teens" });
    expect(lib.access).toEqual([{ id: "asl", label: "ASL interpretation" }]);
    expect(lib.search.synonyms).toEqual([
      ["story time", "storytime", "story hour", "rhyme time"],
      ["lego", "legos"],
      ["e-mail", "email"],
    ]);
    expect(catalogue!.programs[0]!.access).toEqual(["asl"]);
  });

  it("default to none", async () => {
    const root = await makeSite({ "content/programs/x.md": program() });
    const { catalogue } = await loadCatalogue({ root, now: NOW });
    expect(catalogue!.library.access).toEqual([]);
    expect(catalogue!.library.search).toEqual({ synonyms: [] });
    expect(catalogue!.programs[0]!.access).toEqual([]);
  });

  it("bad ages, terms, access and synonyms are one line each", async () => {
    expect(
      await check({
        "_data/library.yaml": library(
          [
            "access:",
            "  - { id: asl, label: ASL interpretation }",
            "  - { id: asl, label: Sign language }",
            "  - { id: Step Free }",
            "search:",
            "  synonyms: [storytime, story time]",
            "",
          ].join("\n"),
          [
            "  - { id: kids, label: Kids, ages: [11, 0] }",
            "  - { id: babies, label: Babies, ages: [0], terms: { a: b } }",
            "  - { id: elders, label: Elders, ages: [65, 200] }",
          ].join("\n"),
        ),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:17: audiences.0.ages: the youngest age comes first: write [0, 11], not [11, 0]
      _data/library.yaml:18: audiences.1.ages: expected two ages, [youngest, oldest], e.g. [0, 11]
      _data/library.yaml:18: audiences.1.terms: expected a list, e.g. [one, two], got a group of fields: YAML read "a: b" as a field; put text containing ": " in quotes
      _data/library.yaml:19: audiences.2.ages.1: must be at most 120 (got 200)
      _data/library.yaml:27: access: duplicate id "asl" (first used on line 26)
      _data/library.yaml:28: access.2.id: "Step Free" is not a valid id: use lowercase letters, digits and single dashes
      _data/library.yaml:28: access.2.label: required field is missing
      _data/library.yaml:30: search.synonyms: expected word: [other words] pairs, e.g. { "story time": [storytime] }, got a list
      8 errors"
    `);
    expect(
      await check({
        "_data/library.yaml": library(
          'search:\n  synonyms:\n    "--": [x]\n    lego: [""]\n  typo: 1\n',
        ),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:25: search.synonyms.--: must contain a letter or a digit
      _data/library.yaml:26: search.synonyms.lego.0: must not be empty
      _data/library.yaml:27: search.typo: unknown field
      3 errors"
    `);
  });

  it("an unknown access feature in a program, with did-you-mean", async () => {
    expect(
      await check({
        "_data/library.yaml": library("access:\n  - { id: step-free, label: Step-free access }\n"),
        "content/programs/x.md": program("access: [step-fre, asl]"),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/x.md:9: access: unknown access feature "asl"; use one of step-free or add it to access in _data/library.yaml
      content/programs/x.md:9: access: unknown access feature "step-fre" (did you mean "step-free"?)
      2 errors"
    `);
  });
});

describe("all problems at once", () => {
  it("a file with three mistakes and another bad file give four lines", async () => {
    const output = await check({
      "content/programs/a.md": program("titel: Oops\nrepeat:\n  every: week\n  until: 2027-02-30", {
        audiences: "[teen]",
      }),
      "content/programs/b.md": program("", { categories: "[tech]" }),
    });
    expect(output).toMatchInlineSnapshot(`
      "content/programs/a.md:4: audiences: unknown audience "teen" (did you mean "teens"?)
      content/programs/a.md:9: titel: unknown field (did you mean "title"?)
      content/programs/a.md:12: repeat.until: "2027-02-30" is not a real date: February 2027 has 28 days
      content/programs/b.md:5: categories: unknown category "tech" (did you mean "technology"?)
      4 errors"
    `);
    expect(output.split("\n")).toHaveLength(5);
  });
});

describe("didYouMean", () => {
  it("finds typos, swaps, case and prefixes, and nothing far away", () => {
    expect(didYouMean("titel", ["title", "summary"])).toBe("title");
    expect(didYouMean("teen", ["kids", "teens", "adults"])).toBe("teens");
    expect(didYouMean("Teens", ["kids", "teens"])).toBe("teens");
    expect(didYouMean("tech", ["technology", "media-literacy"])).toBe("technology");
    expect(didYouMean("cooking", ["technology", "media-literacy"])).toBeUndefined();
    expect(didYouMean("ab", ["xy"])).toBeUndefined();
  });
});

describe("schemas", () => {
  it("describe every field, so docs/content.md can be generated from them", async () => {
    const { librarySchema, locationSchema, termSchema } =
      await import("../src/content/schema/library.ts");
    const { programSchema, repeatSchema, registrationSchema } =
      await import("../src/content/schema/program.ts");
    const { partnerSchema } = await import("../src/content/schema/partner.ts");
    const { guideSchema, sourceSchema } = await import("../src/content/schema/guide.ts");
    const { pageSchema } = await import("../src/content/schema/page.ts");
    const schemas = {
      librarySchema,
      locationSchema,
      termSchema,
      programSchema,
      repeatSchema,
      registrationSchema,
      partnerSchema,
      guideSchema,
      sourceSchema,
      pageSchema,
    };
    const missing: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [field, fieldSchema] of Object.entries(schema.shape)) {
        const description = (fieldSchema as { description?: string }).description;
        if (!description || !/\.$/.test(description)) missing.push(`${name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("site languages, labels by language and translations", () => {
  const bilingual = DEFAULT_LIBRARY.replace(
    "languages: { en: English, es: Español }",
    "languages: { en: English, es: Español, fr: Français }\nsite_languages: [en, es]",
  );

  it("labels by language reach the model, a missing language falling back to the first", async () => {
    const library = bilingual
      .replace("{ id: kids, label: Kids }", "{ id: kids, label: { en: Kids, es: Niños } }")
      .replace("    name: Eastside Branch", "    name: { en: Eastside Branch, es: Sucursal Este }")
      .replace("reason: Christmas Day }", "reason: { en: Christmas Day, es: Navidad } }");
    const root = await makeSite({
      "_data/library.yaml": library,
      "content/programs/teen-coding-club.md": program(),
      "content/programs/teen-coding-club.es.md": md(
        "title: Club de programación\ncost: Gratis",
        "Construye un juego.",
      ),
    });
    const { catalogue, problems } = await loadCatalogue({ root, now: NOW });
    expect(formatProblems(problems)).toBe("no problems");
    const lib = catalogue!.library;
    expect(lib.siteLanguages).toEqual(["en", "es"]);
    expect(lib.audiences[0]).toEqual({
      id: "kids",
      label: "Kids",
      labels: { en: "Kids", es: "Niños" },
    });
    expect(lib.audiences[1]).toEqual({ id: "teens", label: "Teens" });
    expect(lib.locations[1]!.names).toEqual({ en: "Eastside Branch", es: "Sucursal Este" });
    expect(lib.closed[0]).toMatchObject({ reason: "Christmas Day", reasons: { es: "Navidad" } });
    expect(catalogue!.programs[0]!.translations).toEqual({
      es: {
        file: "content/programs/teen-coding-club.es.md",
        title: "Club de programación",
        cost: "Gratis",
        body: "Construye un juego.",
      },
    });
  });

  it("one language by default: the library's main one", async () => {
    const root = await makeSite({ "content/programs/teen-coding-club.md": program() });
    const { catalogue } = await loadCatalogue({ root, now: NOW });
    expect(catalogue!.library.siteLanguages).toEqual(["en"]);
  });

  it("site_languages not in languages, or twice; labels in other languages or without the first", async () => {
    expect(
      await check({
        "_data/library.yaml": bilingual.replace(
          "site_languages: [en, es]",
          "site_languages: [en, de, en]",
        ),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:6: site_languages: "de" is not one of languages (en, es, fr): add it to languages with its name, e.g. de: ...
      _data/library.yaml:6: site_languages: "en" is listed twice
      2 errors"
    `);
    expect(
      await check({
        "_data/library.yaml": bilingual
          .replace("{ id: kids, label: Kids }", "{ id: kids, label: { en: Kids, fr: Enfants } }")
          .replace(
            "{ id: technology, label: Technology }",
            "{ id: technology, label: { es: Tecnología } }",
          ),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:18: audiences.0.label: "fr" is not one of site_languages (en, es): remove it, or add the language to site_languages
      _data/library.yaml:22: categories.0.label: needs the text in en, the site's first language, which the others fall back to: add en: ...
      2 errors"
    `);
    expect(
      await check({
        "_data/library.yaml": bilingual
          .replace("    name: Eastside Branch", "    name: {}")
          .replace(
            "{ date: 2026-12-25, reason: Christmas Day }",
            "{ date: 2026-12-25, reason: { en: Christmas Day, EN: X } }",
          ),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:13: locations.1.name: name the text in at least one language, e.g. { en: Kids, es: Niños }
      _data/library.yaml:16: closed.0.reason.EN: "EN" is not a language code such as en or es
      2 errors"
    `);
  });

  it("translations: fields that are not translatable, no base file, languages not in site_languages", async () => {
    expect(
      await check({
        "_data/library.yaml": bilingual,
        "content/programs/teen-coding-club.md": program(),
        "content/programs/teen-coding-club.es.md": md(
          "title: Club de programación\nstart: 2026-10-20 16:00\nlocation: central\ncolour: red",
        ),
        "content/programs/teen-coding-club.fr.md": md("title: Club de code"),
        "content/programs/teen-coding-club.en.md": md("title: Coding club"),
        "content/programs/chess-club.es.md": md("title: Club de ajedrez"),
        "content/guides/spotting-fakes.md": guide(
          "sources:\n  - { title: Reverse image search, url: https://example.org/a }",
        ),
        "content/guides/spotting-fakes.es.md": md(
          "title: Fotos falsas\nlevel: beginner\nsources: [Búsqueda inversa, Otra]",
        ),
      }),
    ).toMatchInlineSnapshot(`
      "content/guides/spotting-fakes.es.md:3: level: cannot be translated: a translation holds only title, summary, checklist, sources and the body; level comes from content/guides/spotting-fakes.md
      content/guides/spotting-fakes.es.md:4: sources: lists 2 titles, but content/guides/spotting-fakes.md has 1 source: give one title per source, in the same order
      content/programs/chess-club.es.md:1: a translation of content/programs/chess-club.md, which does not exist: name the file after the item it translates, <id>.es.md
      content/programs/teen-coding-club.en.md:1: "en" is the site's first language, the one content/programs/teen-coding-club.md is written in: put this text in content/programs/teen-coding-club.md, or list another language first in site_languages
      content/programs/teen-coding-club.es.md:3: start: cannot be translated: a translation holds only title, summary, room, accessibility, cost, image_alt and the body; start comes from content/programs/teen-coding-club.md
      content/programs/teen-coding-club.es.md:4: location: cannot be translated: a translation holds only title, summary, room, accessibility, cost, image_alt and the body; location comes from content/programs/teen-coding-club.md
      content/programs/teen-coding-club.es.md:5: colour: unknown field
      content/programs/teen-coding-club.fr.md:1: "fr" is not one of site_languages (en, es) in _data/library.yaml: add it there, or rename the file
      8 errors"
    `);
  });

  it("a one-language site refuses any translation", async () => {
    expect(
      await check({
        "content/programs/teen-coding-club.md": program(),
        "content/programs/teen-coding-club.es.md": md("title: Club de programación"),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/teen-coding-club.es.md:1: "es" is not one of site_languages (en) in _data/library.yaml: add it there, or rename the file
      1 error"
    `);
  });
});
