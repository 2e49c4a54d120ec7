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
import { makeSite } from "./helpers/fixture.ts";
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
    // The fixture library closes every location on 2026-12-25 (Christmas Day).
    const guide = await doc("staff-guide.md");
    for (const when of [
      "start: 2026-12-18 18:00\nrepeat:\n  every: week\n  until: 2027-01-08",
      "start: 2026-12-25 18:00",
      "start: 2026-12-18 18:00\ndates: [2026-12-25 10:00]",
    ]) {
      const root = await makeSite({ "content/programs/x.md": program(when) });
      const { problems } = await loadCatalogue({ root, env: { ALMANAC_NOW: "2026-12-01T09:00" } });
      expect(problems).toHaveLength(1);
      expect(guide).toContain(`\`${formatProblem(problems[0]!)}\``);
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
