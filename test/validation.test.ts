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

  it("unknown partner, guide and program ids name the missing file", async () => {
    expect(
      await check({
        "content/programs/x.md": program("partners: [city-makerspac]\nguides: [nope]"),
        "content/partners/city-makerspace.md": partner("programs: [y]"),
        "content/guides/g.md": guide("programs: [x, zzz]"),
      }),
    ).toMatchInlineSnapshot(`
      "content/guides/g.md:6: programs: unknown program "zzz": there is no content/programs/zzz.md
      content/partners/city-makerspace.md:5: programs: unknown program "y" (did you mean "x"?)
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
