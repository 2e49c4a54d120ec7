// The staff workflow: `npm run new` starters, the coverage report (model, terminal text and
// /staff/report/), the print brochure and the lobby signage pages.
import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import { coverageReport, barChart } from "../src/staff/report.ts";
import { formatCoverage } from "../src/staff/report-text.ts";
import { STARTER_KINDS, slugify, starter, starterStart } from "../src/staff/scaffold.ts";
import { DEFAULT_LIBRARY, makeSite } from "./helpers/fixture.ts";
import { listFiles } from "./helpers/walk.ts";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";

const run = promisify(execFile);

/** Another library than the demo: another zone, locale and ids, a closed day next week. */
const OTHER_LIBRARY = `name: Stadtbibliothek Lindenau
url: https://bibliothek.example.de
timezone: Europe/Berlin
locale: de-DE
languages: { de: Deutsch, tr: Türkçe }
locations:
  - id: hauptstelle
    name: Hauptstelle
    address: Marktplatz 1, 04177 Leipzig
    closed: [2026-03-29]
closed:
  - { date: 2026-04-03, reason: Karfreitag }
audiences:
  - { id: erwachsene, label: Erwachsene }
  - { id: jugendliche, label: Jugendliche }
categories:
  - { id: digitales, label: Digitales }
`;
const OTHER_NOW = "2026-03-22T10:00";

/** Runs a staff command (`new.ts` for `npm run new`) from the repository, as `npm run` does. */
async function cli(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(REPO, "scripts/cli.mjs"), script.replace(/\.ts$/, ""), ...args],
      { cwd: REPO, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run new", () => {
  it("makes ids from titles: lowercase, accents dropped, hyphens", () => {
    expect(slugify("Teen Coding Club")).toBe("teen-coding-club");
    expect(slugify("  Café & Crème: Übung 2!  ")).toBe("cafe-creme-ubung-2");
    expect(slugify("Straße")).toBe("strasse");
    expect(slugify("読書会")).toBe("");
  });

  it("starts next week at 18:00 in the library's zone, past closed days", () => {
    const now = DateTime.fromISO(OTHER_NOW, { zone: "Europe/Berlin" });
    // 2026-03-29 is closed (and the day clocks change in Berlin): the next day it is.
    const start = starterStart(now, ["2026-03-29"]);
    expect(start.toISO()).toBe("2026-03-30T18:00:00.000+02:00");
  });

  it("writes a starter of each kind that loads with no problems in another library, as a draft", async () => {
    const now = DateTime.fromISO(OTHER_NOW, { zone: "Europe/Berlin" });
    const files: Record<string, string> = { "_data/library.yaml": OTHER_LIBRARY };
    const { catalogue: lib } = await loadCatalogue({
      root: await makeSite({ "_data/library.yaml": OTHER_LIBRARY }),
      now,
    });
    for (const kind of STARTER_KINDS) {
      const s = starter(kind, "Erzählcafé für Alle", lib!.library, now);
      expect(s.file).toBe(`content/${kind}s/erzahlcafe-fur-alle.md`);
      expect(s.text).toMatch(/^draft: true$/m);
      files[s.file] = s.text;
    }
    const drafts = await loadCatalogue({ root: await makeSite(files), now });
    expect(drafts.problems).toEqual([]);
    expect(drafts.catalogue!.programs).toEqual([]);
    expect(drafts.catalogue!.pages).toEqual([]);

    // Published as they are, every placeholder the starter wrote is an error, one a line.
    const published = Object.fromEntries(
      Object.entries(files).map(([f, t]) => [f, t.replace(/^draft: true$/m, "draft: false")]),
    );
    const refused = await loadCatalogue({ root: await makeSite(published), now });
    expect(refused.catalogue).toBeUndefined();
    expect(formatProblems(refused.problems)).toMatchInlineSnapshot(`
      "content/guides/erzahlcafe-fur-alle.md:7: summary: still the starter's placeholder "Replace this sentence with ...": write one or two sentences of your own, or keep draft: true until it is ready
      content/guides/erzahlcafe-fur-alle.md:29: body: still the starter's placeholder "Write the guide here. Markdown ...": replace it with your own text, or keep draft: true until it is ready
      content/pages/erzahlcafe-fur-alle.md:14: body: still the starter's placeholder "Write the page here. Markdown ...": replace it with your own text, or keep draft: true until it is ready
      content/partners/erzahlcafe-fur-alle.md:9: summary: still the starter's placeholder "Replace this sentence with ...": write one or two sentences of your own, or keep draft: true until it is ready
      content/partners/erzahlcafe-fur-alle.md:22: body: still the starter's placeholder "Who they are and what ...": replace it with your own text, or keep draft: true until it is ready
      content/programs/erzahlcafe-fur-alle.md:9: summary: still the starter's placeholder "Replace this sentence with ...": write one or two sentences of your own, or keep draft: true until it is ready
      content/programs/erzahlcafe-fur-alle.md:62: body: still the starter's placeholder "Describe the program here: what ...": replace it with your own text, or keep draft: true until it is ready
      content/programs/erzahlcafe-fur-alle.md:64: body: still the starter's placeholder "Markdown works: **bold**, *italic*, [links](https://example.org) ...": replace it with your own text, or keep draft: true until it is ready
      8 errors"
    `);

    // Once staff write their own texts, the starters publish with the library's real ids.
    const written = Object.fromEntries(
      Object.entries(published).map(([f, t]) => [
        f,
        t
          .replace(/"Replace this sentence with [^"]*"/, '"Unser Erzählcafé."')
          .replace(/^(Describe|Markdown works|Who they are|Write the).*$/gm, "Eigener Text."),
      ]),
    );
    const { catalogue, problems } = await loadCatalogue({ root: await makeSite(written), now });
    expect(problems).toEqual([]);
    const program = catalogue!.programs[0]!;
    expect(program).toMatchObject({
      title: "Erzählcafé für Alle",
      summary: "Unser Erzählcafé.",
      audiences: ["erwachsene"],
      categories: ["digitales"],
      location: "hauptstelle",
      languages: ["de"],
    });
    expect(program.occurrences[0]!.start.toISO()).toBe("2026-03-30T18:00:00.000+02:00");
    expect(catalogue!.upcoming).toHaveLength(1);
    expect(catalogue!.partners[0]!.kind).toBe("community");
    expect(catalogue!.guides[0]!.audiences).toEqual(["erwachsene"]);
    expect(catalogue!.pages[0]!.title).toBe("Erzählcafé für Alle");
  });

  it('says to delete "# " to make a series: done so, it loads; deleting only # is bad YAML at the repeat line', async () => {
    const now = DateTime.fromISO(OTHER_NOW, { zone: "Europe/Berlin" });
    const { catalogue: lib } = await loadCatalogue({
      root: await makeSite({ "_data/library.yaml": OTHER_LIBRARY }),
      now,
    });
    const s = starter("program", "Erzählcafé", lib!.library, now);
    const lines = s.text.split("\n");
    const at = lines.indexOf("# repeat:");
    expect(lines.slice(at - 2, at).join(" ")).toContain('delete the "# " (the # and the space');
    // The instruction's "next 5 lines": repeat and its four fields.
    const block = lines.slice(at, at + 5);
    expect(block.every((l) => l.startsWith("# "))).toBe(true);
    expect(lines[at + 5]).not.toMatch(/^#   /);
    const edited = (strip: RegExp) =>
      [
        ...lines.slice(0, at),
        ...block.map((l) => l.replace(strip, "")),
        ...lines.slice(at + 5),
      ].join("\n");
    const site = (text: string) =>
      makeSite({ "_data/library.yaml": OTHER_LIBRARY, [s.file]: text });
    const series = await loadCatalogue({ root: await site(edited(/^# /)), now });
    expect(series.problems.filter((p) => p.severity === "error")).toEqual([]);
    const halfDone = await loadCatalogue({ root: await site(edited(/^#/)), now });
    expect(formatProblems(halfDone.problems)).toBe(
      `${s.file}:${at + 1}: bad YAML: all mapping items must start at the same column\n1 error`,
    );
  });

  it("starts online-only when the library has no locations yet", async () => {
    const noPlaces = OTHER_LIBRARY.replace(/locations:[\s\S]*?closed:\n/, "closed:\n");
    const now = DateTime.fromISO(OTHER_NOW, { zone: "Europe/Berlin" });
    const s = starter(
      "program",
      "Online-Sprechstunde",
      {
        timezone: "Europe/Berlin",
        audiences: [{ id: "erwachsene", label: "Erwachsene" }],
        categories: [{ id: "digitales", label: "Digitales" }],
        locations: [],
        closed: [],
        languages: { de: "Deutsch" },
      },
      now,
    );
    const load = async (text: string) =>
      loadCatalogue({
        root: await makeSite({ "_data/library.yaml": noPlaces, [s.file]: text }),
        now,
      });
    expect((await load(s.text)).problems).toEqual([]);
    const mine = s.text
      .replace(/^draft: true$/m, "draft: false")
      .replace(/"Replace this sentence[^"]*"/, "Sprechstunde.")
      .replace(/^(Describe|Markdown works).*$/gm, "");
    const placeholder = await load(mine);
    expect(placeholder.problems.map((p) => `${p.field}: ${p.message}`)).toMatchInlineSnapshot(`
      [
        "online: still the starter's placeholder link: give the real link to join, or keep draft: true until it is ready",
      ]
    `);
    const { catalogue, problems } = await load(
      mine.replace(/online: \S+/, "online: https://meet.example.org/sprechstunde"),
    );
    expect(problems).toEqual([]);
    expect(catalogue!.programs[0]!.online).toBe("https://meet.example.org/sprechstunde");
  });

  it("refuses titles it cannot use", () => {
    const lib = {
      timezone: "UTC",
      audiences: [],
      categories: [],
      locations: [],
      closed: [],
      languages: {},
    };
    const now = DateTime.fromISO("2026-01-01T00:00", { zone: "UTC" });
    expect(() => starter("page", "読書会", lib, now)).toThrowErrorMatchingInlineSnapshot(
      `[Error: the title gives no file name (it has no Latin letters or digits): add --id some-name]`,
    );
    expect(() => starter("page", "x".repeat(121), lib, now)).toThrowErrorMatchingInlineSnapshot(
      `[Error: the title has 121 characters; at most 120 are allowed]`,
    );
    expect(starter("page", "読書会", lib, now, "reading-circle").file).toBe(
      "content/pages/reading-circle.md",
    );
  });

  it("gives a title whose file name the site keeps for a page of its own another one", async () => {
    // `new program "Today"` wrote content/programs/today.md, which check then refused.
    const root = await makeSite({
      "_data/library.yaml": DEFAULT_LIBRARY,
      "content/programs/.keep": "",
      "content/guides/.keep": "",
    });
    const lib = (await loadCatalogue({ root })).catalogue!.library;
    const now = DateTime.fromISO("2026-10-01T09:00", { zone: "America/Chicago" });
    for (const [title, id] of [
      ["Today", "today-program"],
      ["This Week", "this-week-program"],
      ["This weekend", "this-weekend-program"],
      ["Page", "page-program"],
    ]) {
      const made = starter("program", title!, lib, now);
      expect(made.id).toBe(id);
      await writeFile(path.join(root, made.file), made.text);
    }
    expect(starter("guide", "Today", lib, now).id).toBe("today"); // reserved for programs only
    // A title that ends its own sentence gets no second full stop in the summary.
    expect(starter("program", "Ça va?", lib, now).text).toContain('a short summary of Ça va?"');
    const checked = await loadCatalogue({ root });
    expect(checked.problems).toEqual([]);
    expect(() => starter("program", "Today", lib, now, "today")).toThrowErrorMatchingInlineSnapshot(
      `[Error: "today" is reserved: /programs/today/ is the list of today's programs; choose another, e.g. --id today-program]`,
    );
  });

  it("writes the file, prints its path, then refuses to overwrite it", async () => {
    const root = await makeSite({ "_data/library.yaml": OTHER_LIBRARY });
    const env = { ALMANAC_NOW: OTHER_NOW };
    const first = await cli("new.ts", ["program", "Teen Coding Club", "--root", root], env);
    expect(first).toMatchObject({ code: 0, stdout: "content/programs/teen-coding-club.md\n" });
    const file = path.join(root, "content/programs/teen-coding-club.md");
    await writeFile(file, (await readFile(file, "utf8")) + "\nStaff edits.\n");
    const again = await cli("new.ts", ["program", "Teen Coding Club", "--root", root], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatchInlineSnapshot(`
      "new: content/programs/teen-coding-club.md already exists and was left as it was. Edit it, or choose another title or --id.
      "
    `);
    expect(await readFile(file, "utf8")).toContain("Staff edits.");
    const check = await cli("check.ts", ["--root", root], env);
    expect(check.code).toBe(0);
  }, 30_000);

  it("says what to type when npm took --id for itself, and writes nothing", async () => {
    // npm itself, as staff type it: without `--`, npm keeps `--id` and passes its value on
    // as one more word of the title (which wrote knit-night-knit-night.md).
    const root = await makeSite({ "_data/library.yaml": OTHER_LIBRARY });
    const script = `node ${JSON.stringify(path.join(REPO, "scripts/cli.mjs"))} new`;
    await writeFile(
      path.join(root, "package.json"),
      JSON.stringify({ name: "library", private: true, scripts: { new: script } }),
    );
    const npm = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await run("npm", ["run", "--silent", "new", ...args], {
          cwd: root,
          env: { ...process.env, ALMANAC_NOW: OTHER_NOW },
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        return error as { code: number; stdout: string; stderr: string };
      }
    };
    const split = await npm("program", "Knit Night", "--id", "knit-night");
    expect(split.code).toBe(2);
    expect(split.stderr.split("\n").filter((l) => !l.startsWith("npm warn")))
      .toMatchInlineSnapshot(`
      [
        "new: npm kept --id for itself (type -- after "npm run new"), so "knit-night" became part of the title. Type:",
        "  npm run new -- program "Knit Night" --id knit-night",
        "",
      ]
    `);
    expect(await readdir(path.join(root, "content"))).toEqual([]);

    // Typed as it says, or as --id=knit-night (which npm hands over whole), it is the id.
    const typed = await npm("--", "program", "Knit Night", "--id", "knit-night");
    expect(typed).toMatchObject({ code: 0, stdout: "content/programs/knit-night.md\n" });
    const joined = await npm("page", "Knit Night", "--id=knit-night");
    expect(joined).toMatchObject({ code: 0, stdout: "content/pages/knit-night.md\n" });
  }, 60_000);

  it("prints the usage, not a stack, for a wrong kind", async () => {
    const result = await cli("new.ts", ["event", "Book Club"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatchInlineSnapshot(`
      "new: "event" is not something new can create
      usage: npm run new -- <program|partner|guide|page> "Title" [--id some-id] [--root DIR]
        e.g. npm run new -- program "Teen Coding Club"
      "
    `);
  }, 30_000);
});

/**
 * A small library for exact report numbers, as of Monday 2026-11-02 10:00 in Chicago,
 * two weeks: Nov 2-8 and Nov 9-15.
 */
const REPORT_FILES: Record<string, string> = {
  // Tuesdays at Central for teens: Nov 3 and Nov 10 in the period (Nov 17 after it).
  "content/programs/coding.md": `---
title: Coding Club
summary: Code.
audiences: [teens]
categories: [technology]
location: central
start: 2026-11-03 18:00
repeat: { every: week, count: 3 }
guides: [linked-guide]
---
`,
  // Once at Eastside for kids, in two languages.
  "content/programs/stories.md": `---
title: Bilingual Stories
summary: Stories.
audiences: [kids]
categories: [media-literacy]
location: eastside
languages: [en, es]
start: 2026-11-04 10:00
---
`,
  // Online only for adults, Thursdays; Nov 12 is cancelled.
  "content/programs/webinar.md": `---
title: Webinar
summary: Online.
audiences: [adults]
categories: [technology]
online: https://meet.example.org/w
start: 2026-11-05 12:00
repeat: { every: week, count: 2 }
cancelled: [2026-11-12]
---
`,
  "content/partners/busy.md": `---
name: Busy Partner
kind: school
summary: Runs coding.
programs: [coding]
---
`,
  "content/partners/idle.md": `---
name: Idle Partner
kind: business
summary: Nothing yet.
---
`,
  "content/guides/linked-guide.md": `---
title: Linked Guide
summary: Linked.
level: beginner
audiences: [teens]
---
`,
  "content/guides/lonely-guide.md": `---
title: Lonely Guide
summary: Not linked.
level: beginner
audiences: [adults]
---
`,
};
const REPORT_NOW = "2026-11-02T10:00";

describe("the coverage report", () => {
  it("counts programs and occurrences per week, audience, category, location and language", async () => {
    const root = await makeSite(REPORT_FILES);
    const { catalogue, problems } = await loadCatalogue({ root, env: { ALMANAC_NOW: REPORT_NOW } });
    expect(problems).toEqual([]);
    const r = coverageReport(catalogue!, { weeks: 2 });
    expect(r.from).toBe("2026-11-02");
    expect(r.to).toBe("2026-11-15");
    expect(r.totals).toEqual({ programs: 3, occurrences: 4, cancelled: 1, onlineOnly: 1 });
    expect(r.weeks).toEqual([
      { start: "2026-11-02", last: "2026-11-08", programs: 3, occurrences: 3 },
      { start: "2026-11-09", last: "2026-11-15", programs: 1, occurrences: 1 },
    ]);
    const rows = (list: typeof r.audiences) =>
      list.map((x) => [x.id, x.programs, x.occurrences, ...x.perWeek]);
    expect(rows(r.audiences)).toEqual([
      ["kids", 1, 1, 1, 0],
      ["teens", 1, 2, 1, 1],
      ["adults", 1, 1, 1, 0],
    ]);
    expect(rows(r.categories)).toEqual([
      ["technology", 2, 3, 2, 1],
      ["media-literacy", 1, 1, 1, 0],
    ]);
    expect(rows(r.locations)).toEqual([
      ["central", 1, 2, 1, 1],
      ["eastside", 1, 1, 1, 0],
    ]);
    expect(rows(r.languages)).toEqual([
      ["en", 3, 4, 3, 1],
      ["es", 1, 1, 1, 0],
    ]);
    expect(r.gaps.map((g) => `${g.kind} ${g.id} ${g.week}`)).toEqual([
      "audience kids 2026-11-09",
      "audience adults 2026-11-09",
      "location eastside 2026-11-09",
    ]);
    expect(r.idlePartners.map((p) => p.id)).toEqual(["idle"]);
    expect(r.unlinkedGuides.map((g) => g.id)).toEqual(["lonely-guide"]);

    const text = formatCoverage(r, catalogue!.library.name);
    expect(text).toContain(
      "3 programs, 4 occurrences (1 online only); 1 cancelled or postponed occurrence not counted",
    );
    expect(text.slice(text.indexOf("Gaps:"))).toMatchInlineSnapshot(`
      "Gaps: weeks with nothing for an audience or a location (3)
        audience Kids: week of Nov 9
        audience Adults: week of Nov 9
        location Eastside Branch: week of Nov 9

      Partners with no upcoming programs (1): Idle Partner
      Guides no program links to (1): Lonely Guide"
    `);
  });

  it("keeps weeks seven calendar days long across a daylight-saving change", async () => {
    const root = await makeSite(REPORT_FILES);
    const { catalogue } = await loadCatalogue({ root, env: { ALMANAC_NOW: "2026-10-29T23:30" } });
    const r = coverageReport(catalogue!, { weeks: 2 });
    expect(r.weeks.map((w) => [w.start, w.last])).toEqual([
      ["2026-10-29", "2026-11-04"],
      ["2026-11-05", "2026-11-11"],
    ]);
    // Nov 3 and 4 in week 1; Nov 5 (webinar) and Nov 10 in week 2.
    expect(r.weeks.map((w) => w.occurrences)).toEqual([2, 2]);
  });

  it("scales bars to the largest value and marks empty rows", () => {
    const chart = barChart([
      { label: "a", value: 10 },
      { label: "b", value: 5 },
      { label: "c", value: 0 },
    ]);
    expect(chart.bars.map((b) => [b.width, b.empty])).toEqual([
      [chart.barMax, false],
      [chart.barMax / 2, false],
      [0, true],
    ]);
    expect(chart.height).toBe(3 * 28);
  });

  it("rejects a week count out of range", async () => {
    const result = await cli("report.ts", ["--weeks", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--weeks must be a whole number from 1 to 104");
  }, 30_000);
});

describe("a library that leaves the report out (staff_report: false)", () => {
  it("builds no report, and keeps the embed page, the print and the signage pages", async () => {
    const library = DEFAULT_LIBRARY + "staff_report: false\n";
    const built = await buildFixture(
      await makeSite({ ...REPORT_FILES, "_data/library.yaml": library }),
      "2026-11-03T12:00",
    );
    expect(built.ok).toBe(true);
    // The page that makes embed snippets shows only public data: it stays (docs/embed.md).
    expect(listFiles(built.output).filter((f) => f.startsWith("staff/"))).toEqual([
      "staff/embed/index.html",
    ]);
    expect(built.exists("/signage/central/")).toBe(true);
    expect(built.exists("/print/2026-11/")).toBe(true);
  }, 120_000);

  it("refuses a staff_report that is not true or false", async () => {
    const library = DEFAULT_LIBRARY + "staff_report: no\n";
    const { problems } = await loadCatalogue({
      root: await makeSite({ "_data/library.yaml": library }),
      env: { ALMANAC_NOW: REPORT_NOW },
    });
    expect(formatProblems(problems)).toMatchInlineSnapshot(`
      "_data/library.yaml:23: staff_report: expected true or false, got "no"
      1 error"
    `);
  });
});

describe("staff pages in a build", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    // Tuesday: Coding Club is on at Central tonight.
    site = await buildFixture(await makeSite(REPORT_FILES), "2026-11-03T12:00");
  }, 120_000);

  const pages = [
    "/staff/report/",
    "/staff/embed/",
    "/embed/",
    "/print/2026-11/",
    "/print/2027-05/",
    "/signage/central/",
    "/signage/eastside/",
  ];

  it("writes the report, a brochure per month to the horizon and a screen per location", () => {
    expect(site.ok).toBe(true);
    for (const url of pages) expect(site.exists(url), url).toBe(true);
    expect(site.exists("/print/2026-10/")).toBe(false);
    expect(site.exists("/print/2027-06/")).toBe(false);
  });

  it("links the report from no page, file or feed of the site", async () => {
    const files = listFiles(site.output).filter((f) => !/\.(jpe?g|png|webp|avif|pf_\w+)$/.test(f));
    const linking: string[] = [];
    for (const file of files) {
      if (file === "staff/report/index.html" || file === "staff/embed/index.html") continue;
      if ((await readFile(path.join(site.output, file), "utf8")).includes("/staff/"))
        linking.push(file);
    }
    expect(linking).toEqual([]);
    // robots.txt names no disallowed path: that would tell everyone where the report is.
    expect(await site.read("/robots.txt")).not.toContain("staff");
  });

  it("leaves the report out of the search index Pagefind wrote", async () => {
    const fragments = path.join(site.output, "pagefind/fragment");
    const urls: string[] = [];
    for (const name of await readdir(fragments)) {
      const text = gunzipSync(await readFile(path.join(fragments, name))).toString("utf8");
      urls.push((JSON.parse(text.replace(/^pagefind_dcd/, "")) as { url: string }).url);
    }
    expect(urls).toContain("/programs/coding/");
    expect(urls.filter((u) => /staff|print|signage/.test(u))).toEqual([]);
  });

  it("keeps them out of search engines, the sitemap and the search index", async () => {
    for (const url of pages) {
      const html = await site.read(url);
      expect(html, url).toContain('<meta name="robots" content="noindex">');
      expect(html, url).not.toContain("data-pagefind-body");
      // Strict CSP: no inline styles or scripts.
      expect(html, url).not.toMatch(
        /\sstyle=|<style|<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)/,
      );
    }
    // Pagefind runs in body mode (program pages opt in), so pages without the attribute are skipped.
    expect(await site.read("/programs/coding/")).toContain("data-pagefind-body");
    const sitemap = await site.read("/sitemap.xml");
    expect(sitemap).toContain("/programs/coding/");
    expect(sitemap).not.toMatch(/staff|print|signage/);
  });

  it("draws the report with inline SVG bars and flags gaps", async () => {
    const html = await site.read("/staff/report/");
    expect(html).toContain("<h1>Programming coverage</h1>");
    expect(html.match(/<svg class="bar-chart"/g)).toHaveLength(5);
    expect(html).toContain('<rect class="bar bar-empty"');
    expect(html).toMatch(/Location <strong>Eastside Branch<\/strong>: week of/);
    expect(html).toContain("Idle Partner");
    expect(html).toContain("Lonely Guide");
  });

  it("prints a month with each program once and its dates there, a cancelled one marked, and its own print stylesheet", async () => {
    const html = await site.read("/print/2026-11/");
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/print-[0-9a-f]+\.css">/);
    expect(html).not.toContain("site-header");
    // By first date; a weekly program is one entry, not one a date.
    const titles = [...html.matchAll(/<article(?: class="is-cancelled")?>\s*<h2>([^<]+)/g)];
    expect(titles.map((m) => m[1])).toEqual(["Coding Club", "Bilingual Stories", "Webinar"]);
    const dates = (title: string) =>
      [
        ...html
          .split(`<h2>${title}</h2>`)[1]!
          .split("</p>")[0]!
          .matchAll(/datetime="([^"]+)"/g),
      ].map((m) => m[1]);
    expect(dates("Coding Club")).toEqual([
      "2026-11-03T18:00-06:00",
      "2026-11-10T18:00-06:00",
      "2026-11-17T18:00-06:00",
    ]);
    expect(html.split("<h2>Webinar</h2>")[1]).toMatch(
      /^\s*<p><strong>12:00 PM – [^<]+<\/strong>: <time datetime="2026-11-05T12:00-06:00">Thu, Nov 5<\/time>; <span class="is-cancelled"><time datetime="2026-11-12T12:00-06:00">Thu, Nov 12<\/time> \(Cancelled\)<\/span><\/p>/,
    );
    const empty = await site.read("/print/2027-05/");
    expect(empty).toContain("No programs are listed for May 2027 yet.");
  });

  it("shows today and next at one location, refreshing itself", async () => {
    const central = await site.read("/signage/central/");
    // It reloads itself from signage.js (see signage.browser.test.ts), not by meta refresh.
    expect(central).not.toContain('http-equiv="refresh"');
    expect(central).toMatch(/<script type="module" src="\/assets\/signage-[0-9a-f]+\.js">/);
    const today = central.slice(
      central.indexOf('id="today-heading"'),
      central.indexOf('id="next-heading"'),
    );
    const next = central.slice(central.indexOf('id="next-heading"'));
    expect(today).toContain("Coding Club");
    expect(today).toContain('data-ends="2026-11-03T19:00-06:00"');
    expect(next).toContain("Coding Club");
    expect(central).not.toContain("Bilingual Stories");
    expect(central).not.toContain("Webinar");
    const eastside = await site.read("/signage/eastside/");
    expect(eastside).toContain("Bilingual Stories");
    expect(eastside).toMatch(/<p class="sign-empty">Nothing more is on here today.<\/p>/);
  });

  it("marks closed days in the brochure, a day with no programs included", async () => {
    const html = await site.read("/print/2026-12/");
    const closed = html.split('<section class="brochure-closures"')[1]?.split("</section>")[0];
    expect(closed).toContain('<h2 id="closed-heading">Closed days</h2>');
    expect(closed).toContain(
      '<li id="closed-2026-12-25"><time datetime="2026-12-25">Friday, December 25, 2026</time>: <span class="brochure-closed">Library closed: Christmas Day</span></li>',
    );
    expect(closed).toContain(
      '<li id="closed-2026-12-26"><time datetime="2026-12-26">Saturday, December 26, 2026</time>: <span class="brochure-closed">Central Library closed</span></li>',
    );
    // The month has no programs: it says so, and still lists the closed days.
    expect(html).toContain("No programs are listed for December 2026 yet.");
    expect(await site.read("/print/2026-11/")).not.toContain("brochure-closed");
  });
});

describe("closed days on the brochure and the lobby screens of another library", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    const root = await makeSite({
      "_data/library.yaml": OTHER_LIBRARY,
      "content/programs/sprechstunde.md": `---
title: Digitale Sprechstunde
summary: Hilfe mit Handy und Tablet.
audiences: [erwachsene]
categories: [digitales]
location: hauptstelle
start: 2026-03-24 15:00
repeat: { every: week, on: [tue, fri], until: 2026-04-28 }
---
`,
    });
    // Sunday 22 March 2026 in Leipzig; Hauptstelle closed on the 29th, all on Good Friday.
    site = await buildFixture(root, OTHER_NOW);
  }, 120_000);

  it("lists them by date in the brochure, in the library's locale", async () => {
    expect(site.problems.filter((p) => p.severity === "error")).toEqual([]);
    const march = await site.read("/print/2026-03/");
    expect(march).toContain(
      '<li id="closed-2026-03-29"><time datetime="2026-03-29">Sonntag, 29. März 2026</time>: <span class="brochure-closed">Hauptstelle closed</span></li>',
    );
    const april = await site.read("/print/2026-04/");
    // Good Friday: closed, and the Friday session (a warning at build) is left out.
    expect(april).toContain(
      '<li id="closed-2026-04-03"><time datetime="2026-04-03">Freitag, 3. April 2026</time>: <span class="brochure-closed">Library closed: Karfreitag</span></li>',
    );
    expect(april).toContain("<h2>Digitale Sprechstunde</h2>");
    expect(april).toContain('datetime="2026-04-07T15:00+02:00"');
    expect(april).not.toContain('datetime="2026-04-03T');
  });

  it("announces the location's closed days of the next two weeks on its lobby screen", async () => {
    const html = await site.read("/signage/hauptstelle/");
    const closures = [
      ...html.matchAll(/<li data-ends="([^"]+)"><strong>Closed<\/strong> (.*?)<\/li>/g),
    ];
    expect(closures.map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, "")])).toEqual([
      ["2026-03-30T00:00+02:00", "Sonntag, 29. März 2026"],
      ["2026-04-04T00:00+02:00", "Freitag, 3. April 2026: Karfreitag"],
    ]);
  });
});
