// Loading a whole site into the Catalogue: defaults, links on both sides, unpublished items
// kept out of everything, upcoming occurrences, "now", closed days, the check CLI and the
// Markdown renderer.
import { Site } from "../src/site/site.ts";
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import { renderMarkdown } from "../src/content/markdown.ts";
import type { Catalogue } from "../src/content/model.ts";
import { DEFAULT_LIBRARY, makeSite } from "./helpers/fixture.ts";

const BASIC = fileURLToPath(new URL("./fixtures/basic/", import.meta.url));
const ERRORS = fileURLToPath(new URL("./fixtures/errors-mixed/", import.meta.url));
const REPO = fileURLToPath(new URL("../", import.meta.url));
const NOW = DateTime.fromISO("2026-10-01T09:00", { zone: "America/Chicago" });

async function loadBasic(now: DateTime = NOW): Promise<Catalogue> {
  const result = await loadCatalogue({ root: BASIC, now });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  return result.catalogue!;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe("loadCatalogue", () => {
  it("fills defaults for the library and programs", async () => {
    const c = await loadBasic();
    expect(c.library).toMatchObject({
      name: "Riverside Public Library",
      url: "https://library.example.org",
      language: "en",
      horizonMonths: 3,
      themeColor: "#1d4e89",
      contact: {},
      closed: [{ date: "2026-12-25", reason: "Christmas Day" }],
    });
    expect(c.library.locations[0]!.closed).toEqual([{ date: "2026-12-26" }]);
    const club = c.programs.find((p) => p.id === "teen-coding-club")!;
    expect(club).toMatchObject({
      url: "/programs/teen-coding-club/",
      file: "content/programs/teen-coding-club.md",
      cost: "Free",
      status: "scheduled",
      languages: ["en"],
      featured: false,
      draft: false,
      extra: {},
    });
    expect(club.schedule.repeat).toEqual({
      every: "week",
      interval: 1,
      until: "2026-11-10",
      except: [],
    });
    const talk = c.programs.find((p) => p.id === "online-talk")!;
    expect(talk).toMatchObject({
      cost: "$5",
      languages: ["en", "es"],
      online: "https://meet.example.org/talk",
    });
    expect(talk.location).toBeUndefined();
    expect(c.pages.map((p) => [p.url, p.nav])).toEqual([["/pages/about/", 1]]);
    expect(c.guides[0]!.url).toBe("/guides/spotting-fakes/");
    expect(c.partners[0]!.url).toBe("/partners/city-makerspace/");
  });

  it("defaults languages to the locale's language, named in itself", async () => {
    const library = DEFAULT_LIBRARY.replace(
      "languages: { en: English, es: Español }\n",
      "",
    ).replace("locale: en-US", "locale: es-MX");
    const root = await makeSite({ "_data/library.yaml": library });
    const { catalogue } = await loadCatalogue({ root, now: NOW });
    expect(catalogue!.library.languages).toEqual({ es: "Español" });
    expect(catalogue!.library.language).toBe("es");
  });

  it("resolves links written on either side", async () => {
    const c = await loadBasic();
    // Named by the program:
    expect(ids(c.partnersOf("teen-coding-club"))).toEqual(["city-makerspace"]);
    expect(ids(c.programsOfGuide("spotting-fakes"))).toContain("teen-coding-club");
    // Named by the partner and the guide:
    expect(ids(c.partnersOf("online-talk"))).toEqual(["city-makerspace"]);
    expect(ids(c.guidesOf("online-talk"))).toEqual(["spotting-fakes"]);
    // Both, sorted by title:
    expect(ids(c.programsOfPartner("city-makerspace"))).toEqual([
      "online-talk",
      "teen-coding-club",
    ]);
    expect(ids(c.programsOfGuide("spotting-fakes"))).toEqual(["online-talk", "teen-coding-club"]);
    expect(c.partnersOf("past-lecture")).toEqual([]);
  });

  it("keeps drafts and not-yet-published items out of everything", async () => {
    const c = await loadBasic();
    expect(ids(c.programs)).toEqual([
      "holiday-story-time",
      "online-talk",
      "past-lecture",
      "teen-coding-club",
    ]);
    expect(ids(c.partners)).toEqual(["city-makerspace"]);
    expect(ids(c.pages)).toEqual(["about"]);
    // A link to a draft is dropped silently, from the list and from the lookups.
    expect(c.partners[0]!.programs).toEqual(["online-talk"]);
    expect(ids(c.programsOfPartner("city-makerspace"))).not.toContain("draft-program");
    expect(ids(c.partnersOf("teen-coding-club"))).not.toContain("draft-partner");
    expect(c.programsOfPartner("draft-partner")).toEqual([]);
    expect(c.upcoming.map((l) => l.program.id)).not.toContain("draft-program");
    expect(c.upcoming.map((l) => l.program.id)).not.toContain("future-program");
  });

  it("keeps a past program in programs but not in upcoming", async () => {
    const c = await loadBasic();
    const past = c.programs.find((p) => p.id === "past-lecture")!;
    expect(past.occurrences).toHaveLength(1);
    expect(c.upcoming.some((l) => l.program.id === "past-lecture")).toBe(false);
  });

  it("lists upcoming occurrences sorted by start, then title", async () => {
    const c = await loadBasic();
    const rows = c.upcoming.map((l) => `${l.occurrence.start.toISO()} ${l.program.title}`);
    expect(rows.slice(0, 3)).toEqual([
      "2026-10-20T18:00:00.000-05:00 An Online Talk",
      "2026-10-20T18:00:00.000-05:00 Teen Coding Club",
      "2026-10-27T18:00:00.000-05:00 Teen Coding Club",
    ]);
    const starts = c.upcoming.map((l) => l.occurrence.start.toMillis());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(c.horizon.toISODate()).toBe("2027-01-01");
  });

  it("reads an occurrence as upcoming until it ends", async () => {
    const c = await loadBasic(DateTime.fromISO("2026-10-20T19:00", { zone: "America/Chicago" }));
    const first = c.upcoming[0]!;
    expect(first.program.id).toBe("teen-coding-club");
    expect(first.occurrence.start.toISO()).toBe("2026-10-20T18:00:00.000-05:00");
  });

  it("keeps unquoted YAML timestamps as wall-clock time in the library zone", async () => {
    const c = await loadBasic();
    const club = c.programs.find((p) => p.id === "teen-coding-club")!;
    expect(club.schedule.start).toBe("2026-10-20 18:00");
    expect(club.occurrences[0]!.start.toISO()).toBe("2026-10-20T18:00:00.000-05:00");
    expect(club.occurrences[0]!.end.toISO()).toBe("2026-10-20T19:30:00.000-05:00");
    // Across the DST change the wall-clock time stays 18:00.
    expect(club.occurrences.at(-1)!.start.toISO()).toBe("2026-11-10T18:00:00.000-06:00");
  });

  it("respects ALMANAC_NOW when no now is given", async () => {
    const result = await loadCatalogue({ root: BASIC, env: { ALMANAC_NOW: "2026-12-02T00:00" } });
    const c = result.catalogue!;
    expect(c.now.toISO()).toBe("2026-12-02T00:00:00.000-06:00");
    // Published since 2026-12-01:
    expect(ids(c.programs)).toContain("future-program");
    // Over by then:
    expect(c.upcoming.some((l) => l.program.id === "teen-coding-club")).toBe(false);
  });

  it("leaves out occurrences on closed days, with one warning for the closure naming the program", async () => {
    const result = await loadCatalogue({ root: BASIC, now: NOW });
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "_data/library.yaml:17: warning: closed.0: 2026-12-25 (Christmas Day): every location is closed, so 1 program is left out that day: holiday-story-time; nothing to change unless it should move to another day
      1 warning"
    `);
    const c = result.catalogue!;
    expect(c.warnings).toHaveLength(1);
    const story = c.programs.find((p) => p.id === "holiday-story-time")!;
    expect(story.occurrences.map((o) => o.start.toISODate())).toEqual([
      "2026-12-04",
      "2026-12-11",
      "2026-12-18",
    ]);
  });

  it("does not apply closed days to online-only programs, and applies a location's own", async () => {
    const root = await makeSite({
      "content/programs/online.md": `---
title: Online
summary: S.
audiences: [adults]
categories: [technology]
online: https://meet.example.org/x
start: 2026-12-25 10:00
---
`,
      "content/programs/central.md": `---
title: Central
summary: S.
audiences: [adults]
categories: [technology]
location: central
start: 2026-12-24 10:00
dates: [2026-12-26 10:00]
---
`,
    });
    const result = await loadCatalogue({ root, now: NOW });
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "content/programs/central.md:8: warning: dates: occurrence on 2026-12-26 left out: Central Library is closed; remove the date from dates to silence this
      1 warning"
    `);
    expect(result.catalogue!.programs.find((p) => p.id === "online")!.occurrences).toHaveLength(1);
  });

  it("returns no catalogue when there is any error, but still every problem", async () => {
    const result = await loadCatalogue({ root: ERRORS, now: NOW });
    expect(result.catalogue).toBeUndefined();
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "content/partners/bad-partner.md:5: website: must be an http(s) URL starting with https:// (got "javascript:alert(1)")
      content/programs/bad-program.md:4: audiences: unknown audience "teen" (did you mean "teens"?)
      content/programs/bad-program.md:7: start: "2026-02-30 18:00" is not a real date: February 2026 has 28 days
      content/programs/bad-program.md:8: titel: unknown field (did you mean "title"?)
      4 errors"
    `);
  });

  it("renders bodies with headings shifted below the page's h1", async () => {
    const c = await loadBasic();
    const club = c.programs.find((p) => p.id === "teen-coding-club")!;
    expect(new Site(c).html(club)).toContain("<h2>What we do</h2>");
    expect(club.body).toContain("# What we do");
  });
});

describe("renderMarkdown", () => {
  it("escapes raw HTML, refuses unsafe link schemes and marks external links", () => {
    expect(
      renderMarkdown(
        [
          "## Title",
          "",
          '<script>alert("x")</script>',
          "",
          "[bad](javascript:alert(1)) [ok](https://example.org) [mail](mailto:a@b.org) [rel](/pages/about/)",
          "",
          'See https://example.org/events -- "quoted"',
        ].join("\n"),
      ),
    ).toMatchInlineSnapshot(`
      "<h2>Title</h2>
      <p>&lt;script&gt;alert(“x”)&lt;/script&gt;</p>
      <p>[bad](javascript:alert(1)) <a href="https://example.org" rel="noopener">ok</a> <a href="mailto:a@b.org">mail</a> <a href="/pages/about/">rel</a></p>
      <p>See <a href="https://example.org/events" rel="noopener">https://example.org/events</a> – “quoted”</p>
      "
    `);
  });
});

function runCheck(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "cli/check.ts", ...args],
      { cwd: REPO, env: { ...process.env, ALMANAC_NOW: "2026-10-01T09:00" } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe("npm run check", () => {
  it("exits 0 with warnings only, and prints a summary", async () => {
    const { code, stdout, stderr } = await runCheck(["--root", BASIC]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatchInlineSnapshot(`
      "_data/library.yaml:17: warning: closed.0: 2026-12-25 (Christmas Day): every location is closed, so 1 program is left out that day: holiday-story-time; nothing to change unless it should move to another day
      1 warning
      ✓ 4 programs, 1 partner, 1 guide, 1 page: no errors
      "
    `);
  });

  it("exits 1 on errors, printing them to stderr without a stack trace", async () => {
    const { code, stdout, stderr } = await runCheck(["--root", ERRORS]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(stderr).toMatchInlineSnapshot(`
      "content/partners/bad-partner.md:5: website: must be an http(s) URL starting with https:// (got "javascript:alert(1)")
      content/programs/bad-program.md:4: audiences: unknown audience "teen" (did you mean "teens"?)
      content/programs/bad-program.md:7: start: "2026-02-30 18:00" is not a real date: February 2026 has 28 days
      content/programs/bad-program.md:8: titel: unknown field (did you mean "title"?)
      4 errors
      "
    `);
  });

  it("--json prints an array of problems on stdout", async () => {
    const { code, stdout } = await runCheck(["--json", "--root", ERRORS]);
    expect(code).toBe(1);
    const problems = JSON.parse(stdout) as {
      severity: string;
      file: string;
      line: number;
      field: string;
    }[];
    expect(problems.map((p) => `${p.file}:${p.line}:${p.field}`)).toEqual([
      "content/partners/bad-partner.md:5:website",
      "content/programs/bad-program.md:4:audiences",
      "content/programs/bad-program.md:7:start",
      "content/programs/bad-program.md:8:titel",
    ]);
    const ok = await runCheck(["--json", "--root", BASIC]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveLength(1);
  });
});
