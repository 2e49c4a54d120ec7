import { describe, it, expect, beforeAll } from "vitest";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import fc from "fast-check";
import { DateTime } from "luxon";
import { IcsWriter, calendarIcs, programIcs } from "../src/outputs/ics.ts";
import { foldLine, utcBasic } from "../src/outputs/ics-text.ts";
import { dataFiles, writeDataFiles } from "../src/outputs/data-files.ts";
import {
  programsJson,
  programsJsonChunks,
  programsJsonText,
} from "../src/outputs/programs-json.ts";
import { calendarSelection } from "../src/outputs/routes.ts";
import type { Catalogue } from "../src/content/model.ts";
import { makeCatalogue, makeLibrary, makeProgram, occ, weekly } from "./helpers/model.ts";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";
import { listFiles } from "./helpers/walk.ts";
import { expandCalendar } from "./helpers/ical.ts";

const octets = (s: string) => Buffer.byteLength(s, "utf8");

/** The fold as RFC 5545 states it, counting the octets of every code point (no fast path). */
function referenceFold(line: string): string {
  const parts: string[] = [];
  let current = "";
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = octets(ch);
    if (size + n > limit) {
      parts.push(current);
      current = "";
      size = 0;
      limit = 74;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

describe("foldLine", () => {
  const ascii = (n: number) => "A".repeat(n);

  it("leaves a line of exactly 75 ASCII characters alone and folds one of 76", () => {
    expect(foldLine(ascii(75))).toBe(ascii(75));
    expect(foldLine(ascii(76))).toBe(`${ascii(75)}\r\n A`);
    // 75 + 74: the second line is full with its leading space; one more starts a third.
    expect(foldLine(ascii(149))).toBe(`${ascii(75)}\r\n ${ascii(74)}`);
    expect(foldLine(ascii(150))).toBe(`${ascii(75)}\r\n ${ascii(74)}\r\n A`);
  });

  it("counts octets, not characters, once a line is not ASCII", () => {
    // 75 UTF-16 units but 76 octets: the é moves to the next line whole.
    expect(foldLine(`${ascii(74)}é`)).toBe(`${ascii(74)}\r\n é`);
    // Exactly 75 octets with a 2-octet character last: fits.
    expect(foldLine(`${ascii(73)}é`)).toBe(`${ascii(73)}é`);
    // 25 three-octet characters are 75 octets (the short-line shortcut's limit); 26 fold.
    expect(foldLine("€".repeat(25))).toBe("€".repeat(25));
    expect(foldLine("€".repeat(26))).toBe(`${"€".repeat(25)}\r\n €`);
    // A surrogate pair (4 octets) at the boundary is never split.
    expect(foldLine(`${ascii(72)}😀`)).toBe(`${ascii(72)}\r\n 😀`);
    expect(foldLine(`${ascii(71)}😀`)).toBe(`${ascii(71)}😀`);
  });

  it("gives the octet-counting fold for any line, ASCII or not", () => {
    const unit = fc.constantFrom("a", " ", ";", "é", "€", "😀", "\u0800", "\u007f", "\u0080");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 260 }), (chars) => {
        const line = chars.join("");
        expect(foldLine(line)).toBe(referenceFold(line));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (line) => {
        expect(foldLine(line)).toBe(referenceFold(line));
      }),
    );
  });
});

describe("utcBasic", () => {
  it("formats an instant as luxon's yyyyMMdd'T'HHmmss'Z' does", () => {
    const min = Date.UTC(1900, 0, 1);
    const max = Date.UTC(2200, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        expect(utcBasic(ms)).toBe(
          DateTime.fromMillis(ms, { zone: "UTC" }).toFormat("yyyyMMdd'T'HHmmss'Z'"),
        );
      }),
    );
    expect(utcBasic(Date.UTC(2026, 9, 1, 14, 5, 9, 999))).toBe("20261001T140509Z");
  });
});

/** A catalogue with shared and unshared occurrences, zones, all-day, cancelled and old dates. */
function sampleCatalogue(): Catalogue {
  const library = makeLibrary({
    audiences: [...makeLibrary().audiences, { id: "seniors", label: "Seniors" }],
  });
  const programs = [
    makeProgram({ id: "coding", occurrences: weekly("2026-08-04T18:00", 20, 90) }),
    makeProgram({
      id: "story-time",
      title: "Story Time, with songs; for kids",
      audiences: ["kids"],
      categories: ["media-literacy", "unknown-category"],
      location: "east",
      room: "Room 2",
      occurrences: [
        occ("2026-10-20T18:00"),
        occ("2026-10-27T18:00", 60, undefined, { cancelled: true }),
        occ("2026-11-03T10:00", 45, "Pacific/Auckland"),
        occ("2026-11-10T10:00-05:00"),
      ],
    }),
    makeProgram({
      id: "fair",
      title: "Book Fair",
      status: "postponed",
      audiences: ["adults", "kids"],
      occurrences: [occ("2026-10-20"), occ("2026-12-01", 3)],
    }),
    makeProgram({
      id: "talk",
      title: "Online talk",
      status: "moved-online",
      online: "https://meet.example.org/talk",
      audiences: ["adults"],
      occurrences: [occ("2026-10-20T18:00"), occ("2026-06-01T18:00")],
    }),
  ];
  return makeCatalogue({ library, programs, now: "2026-10-01T09:00" });
}

/** Every data file's text, each computed by a fresh writer (nothing shared between files). */
function aloneTexts(catalogue: Catalogue): Map<string, string> {
  const texts = new Map<string, string>();
  const all = calendarSelection(catalogue);
  texts.set("/calendar.ics", calendarIcs(all.programs, catalogue, all));
  for (const kind of ["audiences", "categories", "locations"] as const) {
    for (const { id } of catalogue.library[kind]) {
      const s = calendarSelection(catalogue, kind, id);
      texts.set(`/${kind}/${id}/calendar.ics`, calendarIcs(s.programs, catalogue, s));
    }
  }
  for (const p of catalogue.programs) texts.set(`/programs/${p.id}.ics`, programIcs(p, catalogue));
  texts.set("/programs.json", programsJsonText(programsJson(catalogue)));
  return texts;
}

describe("IcsWriter", () => {
  it("writes each calendar as it would alone, in any order, sharing what they have in common", () => {
    const catalogue = sampleCatalogue();
    const alone = aloneTexts(catalogue);
    const files = [...dataFiles(catalogue)];
    const joined = (chunks: Iterable<string | Uint8Array>) =>
      Buffer.concat([...chunks].map((c) => (typeof c === "string" ? Buffer.from(c) : c))).toString(
        "utf8",
      );
    // One writer for all files, in the build's order and reversed.
    const shared = new Map(files.map((f) => [f.url, joined(f.chunks())]));
    const writer = new IcsWriter(catalogue);
    const reversed = new Map(
      [...dataFiles(catalogue, writer)].reverse().map((f) => [f.url, joined(f.chunks())]),
    );
    expect(new Map([...shared].sort())).toEqual(new Map([...alone].sort()));
    expect(new Map([...reversed].sort())).toEqual(new Map([...alone].sort()));
    // The cancelled date, the postponed prefix and the all-day dates are there.
    expect(alone.get("/programs/story-time.ics")).toContain(
      "SUMMARY:Cancelled: Story Time\\, with",
    );
    expect(alone.get("/programs/fair.ics")).toContain("DTSTART;VALUE=DATE:20261201\r\n");
    expect(alone.get("/programs/fair.ics")).toContain("SUMMARY:Postponed: Book Fair\r\n");
    // An audience with no programs still gets its (empty) calendar.
    const empty = alone.get("/audiences/seniors/calendar.ics")!;
    expect(empty).toContain("X-WR-CALNAME:Riverside Public Library: Seniors\r\n");
    expect(empty).not.toContain("BEGIN:VEVENT");
  });

  it("sorts programs outside the catalogue, or listed twice, on their own", () => {
    const catalogue = sampleCatalogue();
    const outsider = makeProgram({ id: "outsider", occurrences: [occ("2026-10-19T09:00")] });
    const [coding] = catalogue.programs;
    const writer = new IcsWriter(catalogue);
    const options = { name: "Mixed", url: "/programs/" };
    const uids = (ics: string) => [...ics.matchAll(/^UID:([^-]+)/gm)].map((m) => m[1]);
    const mixed = writer.calendarIcs([coding!, outsider], options);
    // coding's recent dates run weekly from 2026-09-01 (older ones are past the 30 days).
    expect(uids(mixed)).toEqual([
      ...Array(7).fill("coding"), // 2026-09-01 .. 2026-10-13
      "outsider", // 2026-10-19
      ...Array(9).fill("coding"), // 2026-10-20 .. 2026-12-15
    ]);
    // Listed twice: each occurrence twice, as a plain merge of the two lists gives.
    const twice = writer.calendarIcs([outsider, outsider], options);
    expect(uids(twice)).toEqual(["outsider", "outsider"]);
  });
});

describe("programsJsonChunks", () => {
  const whole = (c: Catalogue) => programsJsonText(programsJson(c));
  const pieces = (c: Catalogue) => [...programsJsonChunks(c)].join("");

  it("is programsJsonText(programsJson()) byte for byte, empty or long", () => {
    const none = makeCatalogue({ programs: [] });
    expect(pieces(none)).toBe(whole(none));
    expect(JSON.parse(pieces(none))).toEqual(programsJson(none));
    const one = makeCatalogue({ programs: [makeProgram()] });
    expect(pieces(one)).toBe(whole(one));
    expect(JSON.parse(pieces(one))).toEqual(programsJson(one));
    // More occurrences than one piece holds (200), so pieces join mid-list.
    const many = makeCatalogue({
      library: makeLibrary({ name: 'The "[]" Library' }),
      programs: [makeProgram({ occurrences: weekly("2026-10-06T18:00", 450) })],
      horizon: DateTime.fromISO("2036-01-01"),
    });
    expect(many.upcoming.length).toBe(450);
    expect([...programsJsonChunks(many)].length).toBeGreaterThan(2);
    expect(pieces(many)).toBe(whole(many));
    expect(JSON.parse(pieces(many))).toEqual(programsJson(many));
  });

  it("is compact JSON with one occurrence a line", () => {
    const catalogue = makeCatalogue({
      programs: [makeProgram({ occurrences: weekly("2026-10-06T18:00", 3) })],
    });
    const lines = pieces(catalogue).split("\n");
    expect(lines).toHaveLength(6); // the head, 3 occurrences, the close, the final newline
    expect(lines[0]).toMatch(
      /^\{"version":1,"generated":"[^"]+","library":\{.*\},"occurrences":\[$/,
    );
    expect(lines.slice(1, 4).map((l) => JSON.parse(l.replace(/,$/, "")).start)).toEqual([
      "2026-10-06T18:00:00-05:00",
      "2026-10-13T18:00:00-05:00",
      "2026-10-20T18:00:00-05:00",
    ]);
    expect(lines.slice(4)).toEqual(["]}", ""]);
  });
});

describe("writeDataFiles", () => {
  it("writes every file under the output folder and counts files and bytes", async () => {
    const catalogue = sampleCatalogue();
    const out = await mkdtemp(path.join(os.tmpdir(), "almanac-data-files-"));
    const report = await writeDataFiles(catalogue, out, { concurrency: 3 });
    const alone = aloneTexts(catalogue);
    expect(report.files).toBe(alone.size);
    let bytes = 0;
    for (const [url, text] of alone) {
      const file = path.join(out, url);
      expect(await readFile(file, "utf8"), url).toBe(text);
      bytes += (await stat(file)).size;
    }
    expect(report.bytes).toBe(bytes);
    expect(listFiles(out).length).toBe(alone.size);
  });

  it("refuses two files at one path rather than racing two writes", async () => {
    const twin = makeProgram({ id: "twin" });
    const catalogue = makeCatalogue({ programs: [twin, { ...twin }] });
    const out = await mkdtemp(path.join(os.tmpdir(), "almanac-data-files-"));
    await expect(writeDataFiles(catalogue, out)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[Error: [almanac/feeds] two data files would be written to /programs/twin.ics: program, audience, category and location ids must be unique]`,
    );
  });
});

describe("a built site's data files", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture(path.join(REPO, "test/fixtures/basic"), "2026-10-01T09:00");
  });

  it("are one .ics per program plus the aggregated calendars and /programs.json, from the build", async () => {
    expect(site.ok).toBe(true);
    const catalogue = site.catalogue!;
    const { library } = catalogue;
    const expected = [
      "calendar.ics",
      "programs.json",
      ...catalogue.programs.map((p) => `programs/${p.id}.ics`),
      ...(["audiences", "categories", "locations"] as const).flatMap((kind) =>
        library[kind].map(({ id }) => `${kind}/${id}/calendar.ics`),
      ),
    ].sort();
    const written = listFiles(site.output).filter(
      (f) => f.endsWith(".ics") || f === "programs.json",
    );
    expect(written).toEqual(expected);
    expect(written).not.toContain("programs/draft-program.ics");
    // Written by the feeds plugin's eleventy.after step, as many as it reported.
    expect(site.stats?.dataFiles?.files).toBe(expected.length);

    const ics = await site.read("/programs/teen-coding-club.ics");
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const program = catalogue.programs.find((p) => p.id === "teen-coding-club")!;
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe(program.title);
    // A weekly series: one VEVENT with its rule, which expands to every date of the program.
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(1);
    expect(expandCalendar(ics).map((e) => e.startMs)).toEqual(
      program.occurrences.map((o) => o.start.toMillis()),
    );
    expect(JSON.parse(await site.read("/programs.json")).occurrences.length).toBe(
      catalogue.upcoming.length,
    );
  });
});
