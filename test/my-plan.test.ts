// My plan's pure logic, without a browser (the page itself: test/my-plan.browser.test.ts):
// the store both scripts share (lib/plan-store.js, which plan.js and my-plan.js import), share
// links, the explorer's data decoded into dates, a plan checked against the data (kept,
// cancelled, moved, past, gone, whole programs) and the calendar file, read back by ical.js
// and compared with the site's own calendar of the same programs.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as plan from "../layouts/assets/lib/plan-store.js";
import { translator } from "../layouts/assets/lib/strings.js";
import * as page from "../layouts/assets/lib/my-plan/plan.js";
import { dateLabel, decodeData } from "../layouts/assets/lib/my-plan/data.js";
import { foldLine, planCalendar } from "../layouts/assets/lib/my-plan/calendar.js";
import { english, scriptStrings } from "../src/i18n/strings.ts";
import { Site } from "../src/site/site.ts";
import { explorerData } from "../src/outputs/explorer-data.ts";
import { occurrenceUid } from "../src/outputs/ics-vevent.ts";
import { programIcs } from "../src/outputs/ics.ts";
import { expandCalendar } from "./helpers/ical.ts";
import { makeCatalogue, makeLibrary, makeProgram, occ, weekly } from "./helpers/model.ts";
import { REPO } from "./helpers/site.ts";

/** An in-memory Storage, as localStorage behaves (strings in, strings out). */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

const ms = (iso: string) => Date.parse(iso);

/**
 * The page's words, as /my-plan/ gives them to my-plan.js: the groups its template names
 * (layouts/pages/my-plan.njk, `scriptStrings(...)`), read from it so the two cannot drift.
 */
const PAGE_GROUPS = [
  .../scriptStrings\(([^)]*)\)/
    .exec(readFileSync(path.join(REPO, "layouts", "pages", "my-plan.njk"), "utf8"))![1]!
    .matchAll(/"([^"]+)"/g),
].map((m) => m[1]!);
const tr = translator(JSON.parse(scriptStrings(english(), ...PAGE_GROUPS)), "en-US");

describe("the stored plan", () => {
  it("is one module, which the Save buttons and the My plan page both import", () => {
    for (const script of ["plan.js", "my-plan.js"]) {
      const source = readFileSync(path.join(REPO, "layouts", "assets", script), "utf8");
      expect(source, script).toMatch(/ from "\.\/lib\/plan-store\.js";/);
      // No copy of its own of the store's name or format.
      expect(source, script).not.toMatch(/almanac:my-plan|localStorage\.|JSON\.stringify\(\{ v: 1/);
    }
  });

  it("reads back what it wrote, and removes the key when nothing is left", () => {
    const storage = memoryStorage();
    const entries = [
      { k: plan.keyOf("storytime", ms("2026-10-20T15:00:00Z")), t: "Storytime", w: "Tue 20" },
      { k: plan.keyOf("festival"), t: "Festival" },
    ];
    expect(entries.map((e) => e.k)).toEqual(["storytime@20261020T150000Z", "festival"]);
    expect(plan.writePlan(storage, entries)).toBe(true);
    expect(plan.readPlan(storage)).toEqual(entries);
    expect(JSON.parse(storage.getItem("almanac:my-plan")!)).toEqual({ v: 1, items: entries });
    const fewer = entries.slice(1);
    expect(plan.writePlan(storage, fewer)).toBe(true);
    expect(plan.readPlan(storage)).toEqual(fewer);
    // Nothing left: the key goes.
    plan.writePlan(storage, []);
    expect(storage.getItem(plan.STORE)).toBeNull();
  });

  it("counts what it cannot read as nothing saved, and drops malformed entries", () => {
    const storage = memoryStorage();
    const reader = plan.readPlan;
    storage.setItem(plan.STORE, "{not json");
    expect(reader(storage)).toEqual([]);
    storage.setItem(plan.STORE, JSON.stringify({ v: 2, items: [{ k: "a", t: "A" }] }));
    expect(reader(storage)).toEqual([]);
    storage.setItem(
      plan.STORE,
      JSON.stringify({
        v: 1,
        items: [
          { k: "ok@20261020T150000Z", t: "Fine" },
          { k: "Bad-Case", t: "Upper case" },
          { k: "x@2026-10-20", t: "Not the basic form" },
          { k: "<script>", t: "Markup" },
          { k: "no-title" },
          null,
        ],
      }),
    );
    expect(reader(storage)).toEqual([{ k: "ok@20261020T150000Z", t: "Fine" }]);
  });
});

describe("share links", () => {
  it("carry the keys and nothing else, and read back the valid ones once each", () => {
    const keys = ["storytime@20261020T150000Z", "festival"];
    const url = page.shareUrl("https://library.example.org/my-plan/", keys);
    expect(url).toBe("https://library.example.org/my-plan/?p=storytime@20261020T150000Z,festival");
    // Made on another language's page, or under a folder: it opens there.
    expect(page.shareUrl("https://library.example.org/es/my-plan/", ["festival"])).toBe(
      "https://library.example.org/es/my-plan/?p=festival",
    );
    expect(page.sharedKeys(new URL(url).search)).toEqual(keys);
    // Escaped by another app on the way: the same keys.
    expect(page.sharedKeys("?p=storytime%4020261020T150000Z%2Cfestival")).toEqual(keys);
    expect(page.sharedKeys("?p=a,a,B,<b>,c@bad,,d")).toEqual(["a", "d"]);
    expect(page.sharedKeys("?when=today")).toBeUndefined();
    expect(
      page.sharedKeys(`?p=${Array.from({ length: 600 }, (_, i) => `p${i}`).join(",")}`),
    ).toHaveLength(plan.MAX_ENTRIES);
  });
});

describe("a plan against the explorer's data", () => {
  const library = makeLibrary();
  // Weekly at 10:00 across the end of daylight saving time (1 November 2026); the third
  // date cancelled.
  const storytime = makeProgram({
    id: "storytime",
    title: "Storytime",
    room: "Story Room",
    occurrences: weekly("2026-10-20T10:00", 4, 30).map((o, i) => ({ ...o, cancelled: i === 2 })),
  });
  const festival = makeProgram({
    id: "festival",
    title: "Festival, with; commas",
    location: undefined,
    online: "https://example.org/live",
    status: "postponed",
    occurrences: [occ("2026-10-24", 2)],
  });
  const gala = makeProgram({
    id: "gala",
    title: "Gala",
    status: "cancelled",
    occurrences: [occ("2026-10-30T19:00", 120)],
  });
  const catalogue = makeCatalogue({ library, programs: [storytime, festival, gala] });
  const model = decodeData(JSON.parse(JSON.stringify(explorerData(new Site(catalogue)))));
  const key = (id: string, o: { start: { toMillis(): number } }) =>
    plan.keyOf(id, o.start.toMillis());
  const now = catalogue.now.toMillis();

  it("decodes every date the site lists, at its instants, labelled as listings label it", () => {
    const dates = model.programs.get("storytime")!.dates;
    expect(dates.map((d: { start: number }) => d.start * 60_000)).toEqual(
      storytime.occurrences.map((o) => o.start.toMillis()),
    );
    expect(dates.map((d: { cancelled: boolean }) => d.cancelled)).toEqual([
      false,
      false,
      true,
      false,
    ]);
    const program = model.programs.get("storytime")!;
    expect(dateLabel(model, program, dates[0], tr)).toEqual({
      day: "Tuesday, October 20, 2026",
      time: "10:00 AM – 10:30 AM",
      datetime: "2026-10-20T10:00-05:00",
    });
    // After the change to CST: still 10:00, at the new offset.
    expect(dateLabel(model, program, dates[3], tr).datetime).toBe("2026-11-10T10:00-06:00");
    const fest = model.programs.get("festival")!;
    expect(dateLabel(model, fest, fest.dates[0], tr)).toMatchObject({
      day: "Saturday, October 24, 2026",
      time: "All day, until Sun, Oct 25",
      datetime: "2026-10-24",
    });
  });

  it("names the zone after a time in the repeated hour on that night's date only, as listings do", () => {
    // Santiago: 23:00 to 24:00 happens twice on 3 April 2027 (24:00 -> 23:00).
    const zone = "America/Santiago";
    const night = makeProgram({
      id: "noche",
      occurrences: weekly("2027-03-27T23:00", 4, 90, zone),
    });
    const santiago = makeCatalogue({
      library: makeLibrary({ timezone: zone, locale: "es-CL" }),
      programs: [night],
      now: "2027-03-20T09:00",
    });
    const decoded = decodeData(JSON.parse(JSON.stringify(explorerData(new Site(santiago)))));
    const program = decoded.programs.get("noche")!;
    expect(program.dates.map((d: unknown) => dateLabel(decoded, program, d, tr).time)).toEqual([
      "11:00 p. m. – dom, 28 mar, 12:30 a. m.",
      "11:00 p. m. CLST – 11:30 p. m. CLT",
      "11:00 p. m. – dom, 11 abr, 12:30 a. m.",
      "11:00 p. m. – dom, 18 abr, 12:30 a. m.",
    ]);
  });

  it("flags cancelled, moved, past and gone dates, in date order", () => {
    const [first, , third, fourth] = storytime.occurrences;
    const entries = [
      { k: key("storytime", fourth!), t: "Storytime" },
      { k: key("storytime", third!), t: "Storytime" },
      // A date the data no longer has, still ahead: moved, the next date shown.
      { k: plan.keyOf("storytime", fourth!.start.toMillis() + 3_600_000), t: "Storytime" },
      { k: plan.keyOf("retired", ms("2026-12-01T18:00:00Z")), t: "Retired club", w: "Dec 1" },
      { k: plan.keyOf("retired", ms("2026-09-01T18:00:00Z")), t: "Long ago" },
      { k: key("storytime", first!), t: "Storytime" },
      { k: key("gala", gala.occurrences[0]!), t: "Gala" },
      { k: "festival", t: "Festival" },
    ];
    const rows = page.resolvePlan(entries, model, ms("2026-10-27T12:00:00-05:00"), tr);
    expect(rows.map((r: { key: string; state: string }) => `${r.key} ${r.state}`)).toEqual([
      "retired@20260901T180000Z past",
      `${key("storytime", first!)} past`,
      // The festival's dates have passed: no upcoming date.
      `${key("gala", gala.occurrences[0]!)} cancelled`,
      `${key("storytime", third!)} cancelled`,
      `${key("storytime", fourth!)} ok`,
      `${plan.keyOf("storytime", fourth!.start.toMillis() + 3_600_000)} moved`,
      "retired@20261201T180000Z gone",
      "festival gone",
    ]);
    const moved = rows.find((r: { state: string }) => r.state === "moved");
    expect(moved.next.start * 60_000).toBe(fourth!.start.toMillis());
    // Without the data, nothing can be checked, and nothing goes in the calendar file.
    const unchecked = page.resolvePlan(entries, null, now, tr);
    expect(new Set(unchecked.map((r: { state: string }) => r.state))).toEqual(
      new Set(["unchecked"]),
    );
  });

  it("takes a whole program as its upcoming dates, sorted by the next one", () => {
    const rows = page.resolvePlan(
      [
        { k: "storytime", t: "Storytime" },
        { k: "festival", t: "Festival" },
      ],
      model,
      ms("2026-10-22T12:00:00-05:00"),
      tr,
    );
    expect(rows.map((r: { id: string }) => r.id)).toEqual(["festival", "storytime"]);
    const story = rows[1];
    expect(story.state).toBe("ok");
    expect(story.date.start * 60_000).toBe(storytime.occurrences[1]!.start.toMillis());
    expect(story.more).toBe(2);
    expect(story.dates).toHaveLength(3);
  });

  it("writes a calendar file ical.js reads as the site's calendar reads the same dates", () => {
    const entries = [
      ...storytime.occurrences.map((o) => ({ k: key("storytime", o), t: "Storytime" })),
      { k: "storytime", t: "Storytime" }, // the same dates again: once each
      { k: "festival", t: "Festival" },
      { k: key("gala", gala.occurrences[0]!), t: "Gala" },
    ];
    const rows = page.resolvePlan(entries, model, now, tr);
    const { text, events } = planCalendar(rows, {
      siteUrl: library.url,
      name: library.name,
      nowMs: now,
      tr,
    });
    expect(events).toBe(6);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    for (const line of text.split("\r\n"))
      expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
    const mine = expandCalendar(text);
    const theirs = [storytime, festival, gala].flatMap((p) =>
      expandCalendar(programIcs(p, catalogue)),
    );
    const view = (e: { key: string; end: string; status: string; summary: string; url: string }) =>
      `${e.key} ${e.end} ${e.status} ${e.summary} ${e.url}`;
    expect(mine.map(view).sort()).toEqual(theirs.map(view).sort());
    // UIDs: the site's UID for a date written as an event of its own.
    expect(mine.map((e) => e.uid).sort()).toEqual(
      [
        ...storytime.occurrences.map((o) => occurrenceUid(storytime, o, library)),
        occurrenceUid(festival, festival.occurrences[0]!, library),
        occurrenceUid(gala, gala.occurrences[0]!, library),
      ].sort(),
    );
    // The place as the site's calendars write it, the room, escaped as TEXT.
    const unfolded = text.replace(/\r\n /g, "");
    for (const p of [storytime, gala]) {
      const location = /^LOCATION:.*$/m.exec(programIcs(p, catalogue))![0];
      expect(location).toMatch(/^LOCATION:Central Library\\, /);
      expect(unfolded).toContain(location);
    }
    expect(unfolded).toContain(
      "DESCRIPTION:Room: Story Room\\n\\nhttps://library.example.org/programs/storytime/",
    );
    expect(unfolded).toContain("SUMMARY:Postponed: Festival\\, with\\; commas");
  });

  it("folds long lines between characters, never inside one", () => {
    const line = `SUMMARY:${"Kōrero Māori ".repeat(12)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n"))
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });
});
