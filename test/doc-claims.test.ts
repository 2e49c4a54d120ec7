// Claims the guides make that the code can contradict: the closed-day warnings the staff
// guide shows are the ones `npm run check` prints, its `npm run new` examples can be run on
// the starter library without hitting one of its files, and the link-preview and JSON-LD
// sections say what the pages carry.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { JSON_LD_EVENT_LIMIT } from "../src/site/json-ld.ts";
import { formatProblem } from "../src/content/problems.ts";
import { slugify } from "../src/staff/scaffold.ts";
import { BUILT_IN_SYNONYMS } from "../src/search/words.ts";
import { DEFAULT_LIBRARY, makeSite } from "./helpers/fixture.ts";
import { DEMO_ROOT, REPO } from "./helpers/site.ts";

const doc = async (name: string) =>
  (await readFile(path.join(REPO, "docs", name), "utf8")).replace(/\s+/g, " ");

const program = (when: string) => `---
title: X
summary: S.
audiences: [adults]
categories: [technology]
location: central
${when}
---
Text.
`;

describe("docs/staff-guide.md", () => {
  it("shows the closed-day warnings as npm run check prints them", async () => {
    // The fixture library closes every location on 2026-12-25 (Christmas Day), and Central
    // alone on 2026-12-26.
    const guide = await doc("staff-guide.md");
    const weekly = (start: string) =>
      `start: ${start}\nrepeat:\n  every: week\n  until: 2027-01-09`;
    for (const programs of [
      // Two series on Fridays: one warning for the closure, in the library's file.
      { x: weekly("2026-12-18 18:00"), "story-time": weekly("2026-12-04 10:00") },
      // A series on Saturdays at Central: its own closed day.
      { x: weekly("2026-12-19 18:00") },
      // Dates the program's file names itself: a warning there.
      { x: "start: 2026-12-25 18:00" },
      { x: "start: 2026-12-18 18:00\ndates: [2026-12-25 10:00]" },
    ]) {
      const files = Object.fromEntries(
        Object.entries(programs).map(([id, when]) => [`content/programs/${id}.md`, program(when)]),
      );
      const { problems } = await loadCatalogue({
        root: await makeSite(files),
        env: { ALMANAC_NOW: "2026-12-01T09:00" },
      });
      expect(problems).toHaveLength(1);
      expect(guide).toContain(`\`${formatProblem(problems[0]!)}\``);
    }
    // The table of messages quotes the closure's warning as it begins.
    expect(guide).toContain(
      "`_data/library.yaml:15: warning: closed.0: 2026-12-25 (Christmas Day): every location is closed, so 2 programs are left out that day: ...`",
    );
  });

  it("quotes the messages for am/pm times, curly quotes and labels as check words them", async () => {
    const guide = await doc("staff-guide.md");
    const library = DEFAULT_LIBRARY.replace("label: Kids }", 'label: "Kids (0–11)" }');
    const cases: [string, string][] = [
      ["start: 2026-10-20 6:30 pm", ""],
      ["start: 5:00 pm", ""],
      ["start: 12/10/2026 4:00 PM", ""],
      ["start: 2026-12-01 18:00\ntitle: “Lego Club: Build Night”", ""],
      ["start: 2026-12-01 18:00\naudiences: [Kids (0–11)]", "audiences: "],
    ];
    for (const [fields, field] of cases) {
      const text = program(fields).replace(/^(title|audiences): .*\n(?=[\s\S]*^\1: )/m, "");
      const root = await makeSite({ "_data/library.yaml": library, "content/programs/x.md": text });
      const { problems } = await loadCatalogue({ root, env: { ALMANAC_NOW: "2026-10-01T09:00" } });
      expect(problems, fields).toHaveLength(1);
      expect(guide).toContain(`\`${field}${problems[0]!.message}\``);
    }
  });

  it("shows the registration-dates error as npm run check prints it", async () => {
    const guide = await doc("staff-guide.md");
    const root = await makeSite({
      "content/programs/x.md": program(
        "start: 2026-10-20 18:00\nregistration:\n  opens: 2026-10-01\n  closes: 2026-09-30",
      ),
    });
    const { problems } = await loadCatalogue({ root, env: { ALMANAC_NOW: "2026-09-01T09:00" } });
    expect(problems).toHaveLength(1);
    const { field, message } = problems[0]!;
    expect(guide).toContain(`\`${field}: ${message}\``);
  });

  it("gives npm run new examples that do not collide with the starter library's files", async () => {
    const guide = await readFile(path.join(REPO, "docs/staff-guide.md"), "utf8");
    const examples = [...guide.matchAll(/npm run new -- (program|partner|guide|page) "([^"]+)"/g)];
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const [, kind, title] of examples) {
      const file = `content/${kind}s/${slugify(title!)}.md`;
      expect(existsSync(path.join(DEMO_ROOT, file)), file).toBe(false);
    }
  });
});

describe("docs/content.md", () => {
  it("shows the demo library's closure warning as npm run check prints it", async () => {
    const { problems } = await loadCatalogue({
      root: DEMO_ROOT,
      env: { ALMANAC_NOW: "2026-10-15T09:00" },
    });
    const closure = problems.filter((p) => p.file === "_data/library.yaml").map(formatProblem);
    expect(closure).toHaveLength(1);
    expect(await doc("content.md")).toContain(` ${closure[0]} `);
  });
});

describe("docs/calendars-and-feeds.md", () => {
  it("counts the JSON-LD events a program page carries", async () => {
    expect(await doc("calendars-and-feeds.md")).toContain(
      `(JSON-LD) for its next ${JSON_LD_EVENT_LIMIT} dates`,
    );
  });

  it("promises only the twitter:* tag the layout writes", async () => {
    const layout = await readFile(path.join(REPO, "layouts/includes/meta.njk"), "utf8");
    const written = [...layout.matchAll(/name="(twitter:[a-z:]+)"/g)].map((m) => m[1]);
    const promised = [...(await doc("calendars-and-feeds.md")).matchAll(/`(twitter:[a-z:]+)`/g)];
    expect(new Set(promised.map((m) => m[1]))).toEqual(new Set(written));
  });
});

describe("docs/staff-guide.md on search", () => {
  it("lists exactly the built-in equivalents, one row a group", async () => {
    const guide = await readFile(path.join(REPO, "docs/staff-guide.md"), "utf8");
    const start = guide.indexOf("## How search works for patrons");
    const section = guide.slice(start, guide.indexOf("\n## ", start + 1));
    const rows = [...section.matchAll(/^\| ([^|]+) \| ([^|]+) \|$/gm)]
      .map(([, a, b]) => [a!.trim(), ...b!.split(",").map((w) => w.trim())])
      .filter(([a]) => a !== "written" && a !== "---");
    expect(rows).toEqual(BUILT_IN_SYNONYMS.en);
  });
});
