// The explorer's building blocks, without a browser: what a listing says about a program
// (ages, free, drop-in, badge, icon), the listing's pages (two weeks each by default,
// closures on their days), and the data file the explorer script reads, decoded back into
// the occurrences the site lists.
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { Audience } from "../src/content/model.ts";
import {
  agesOf,
  agesText,
  badgeOf,
  categoryIcon,
  forAge,
  forWhom,
  isDropIn,
} from "../src/site/program-facts.ts";
import { isFree } from "../src/content/cost.ts";
import { Site } from "../src/site/site.ts";
import { PROGRAMS_LATER_PAGES } from "../src/site/listing-pages.ts";
import { FragmentCache } from "../src/site/fragment-cache.ts";
import { explorerData, explorerFile } from "../src/outputs/explorer-data.ts";
import { makeCatalogue, makeLibrary, makeProgram, occ, weekly } from "./helpers/model.ts";

const audiences = new Map<string, Audience>(
  [
    { id: "kids", label: "Kids", ages: [0, 11] as [number, number] },
    { id: "teens", label: "Teens", ages: [12, 18] as [number, number] },
    { id: "families", label: "Families", ages: [0, 120] as [number, number] },
    { id: "seniors", label: "Seniors", ages: [60, 120] as [number, number] },
    { id: "newcomers", label: "Newcomers" },
  ].map((a) => [a.id, a]),
);

describe("what a listing says about a program", () => {
  it("reads free from the cost text", () => {
    for (const cost of [
      "Free",
      "free for everyone",
      "FREE; bring a donation",
      "$0",
      "0.00 €",
      "No cost",
      "Gratis",
    ])
      expect(isFree(cost), cost).toBe(true);
    for (const cost of [
      "$5",
      "$20 materials fee (waived on request)",
      "Donation",
      "10 €",
      "Freeform fee $3",
    ])
      expect(isFree(cost), cost).toBe(false);
  });

  it("is drop-in unless registration is required", () => {
    expect(isDropIn({})).toBe(true);
    expect(isDropIn({ registration: { required: false, full: false } })).toBe(true);
    expect(isDropIn({ registration: { required: true, full: false } })).toBe(false);
  });

  it("says ages when every audience has them, an all-ages audience widening nothing", () => {
    expect(agesOf({ audiences: ["kids", "teens"] }, audiences)).toEqual([0, 18]);
    expect(agesOf({ audiences: ["kids", "families"] }, audiences)).toEqual([0, 11]);
    expect(agesOf({ audiences: ["families"] }, audiences)).toEqual([0, 120]);
    expect(agesOf({ audiences: ["kids", "newcomers"] }, audiences)).toBeUndefined();
    expect(
      [
        [0, 11],
        [60, 120],
        [0, 120],
        [4, 4],
      ].map((r) => agesText(r as [number, number])),
    ).toEqual(["Ages 0–11", "Ages 60+", "All ages", "Age 4"]);
    expect(forWhom({ audiences: ["kids", "families"] }, audiences)).toBe("Ages 0–11");
    expect(forWhom({ audiences: ["seniors", "newcomers"] }, audiences)).toBe("Seniors, Newcomers");
  });

  it("matches a child's age against any of the audiences' ranges", () => {
    expect(forAge({ audiences: ["teens", "families"] }, audiences, 4)).toBe(true);
    expect(forAge({ audiences: ["teens"] }, audiences, 4)).toBe(false);
    expect(forAge({ audiences: ["newcomers"] }, audiences, 30)).toBe(false);
    expect(forAge({ audiences: ["kids"] }, audiences, 11)).toBe(true);
    expect(forAge({ audiences: ["kids"] }, audiences, 12)).toBe(false);
  });

  it("badges a cancelled date or a program's status", () => {
    expect(badgeOf("scheduled")).toBeUndefined();
    expect(badgeOf("scheduled", true)).toBe("Cancelled");
    expect(badgeOf("postponed")).toBe("Postponed");
    expect(badgeOf("moved-online")).toBe("Moved online");
  });

  it("picks an icon from a category's words, in any library's words", () => {
    const icon = (id: string, label: string) => categoryIcon({ id, label });
    expect(icon("storytime", "Storytime")).toBe("book");
    expect(icon("media-literacy", "Media literacy")).toBe("search");
    expect(icon("digital-skills", "Digital skills")).toBe("laptop");
    expect(icon("te-reo", "Te reo Māori")).toBe("speech");
    expect(icon("lesen", "Lesen & Literatur")).toBe("book");
    expect(icon("x", "Something else")).toBe("calendar");
  });
});

describe("listing pages", () => {
  const zone = "America/Chicago";
  // Saturday 28 November 2026; Christmas Day closed everywhere, Boxing Day at east.
  const library = makeLibrary({
    listingWeeks: undefined, // the default: two weeks
    closed: [{ date: "2026-12-25", reason: "Christmas Day" }],
    locations: [
      { id: "central", name: "Central Library", address: "1 Main St", closed: [] },
      { id: "east", name: "East Branch", address: "2 Oak Ave", closed: [{ date: "2026-12-26" }] },
    ],
  });
  const series = makeProgram({ id: "weekly", occurrences: weekly("2026-12-01T10:00", 6) });
  const far = makeProgram({ id: "far", location: "east", occurrences: [occ("2027-09-01T10:00")] });
  const site = new Site(
    makeCatalogue({ library, programs: [series, far], now: "2026-11-28T10:00" }),
  );

  it("show two weeks a page by default, one later page, and put closures on their days", () => {
    const pages = site.listingPages();
    // PROGRAMS_LATER_PAGES later page; the dates after it are on the month calendars.
    expect(PROGRAMS_LATER_PAGES).toBe(1);
    expect(pages.map((p) => [p.url, p.from.toISODate(), p.last.toISODate()])).toEqual([
      ["/programs/", "2026-11-28", "2026-12-11"],
      ["/programs/page/2/", "2026-12-12", "2026-12-25"],
    ]);
    const christmas = pages[1]!.days.find((d) => d.date === "2026-12-25")!;
    expect(christmas).toMatchObject({ listings: [], closures: [{ reason: "Christmas Day" }] });
    expect(pages.flatMap((p) => p.days.flatMap((d) => d.listings)).length).toBe(4);
    expect(pages[1]!.title).toBe("Upcoming programs, Sat, Dec 12 – Fri, Dec 25");
    expect(site.laterMonths().map((m) => m.key)).toEqual(["2026-12", "2027-01", "2027-09"]);
  });

  it("skip weeks without dates to the next later page", () => {
    // The weekly series ends on January 5: the later page is the far date's two weeks.
    const sparse = new Site(
      makeCatalogue({ library, programs: [far, series], now: "2026-12-27T10:00" }),
    );
    expect(
      sparse.listingPages().map((p) => [p.url, p.from.toISODate(), p.last.toISODate()]),
    ).toEqual([
      ["/programs/", "2026-12-27", "2027-01-09"],
      ["/programs/page/2/", "2027-08-22", "2027-09-04"],
    ]);
  });

  it("of an audience, category or location are one page; a location has its closures and the library's", () => {
    // One page: its later dates are on the month calendars (and in the explorer).
    const central = site.listingPages("location", "central");
    expect(central.map((p) => [p.url, p.last.toISODate()])).toEqual([
      ["/locations/central/", "2026-12-11"],
    ]);
    expect(site.laterMonths("location", "central").map((m) => m.key)).toEqual([
      "2026-12",
      "2027-01",
    ]);
    expect(site.laterListingPages.map((p) => p.url)).toEqual(["/programs/page/2/"]);
    // A quick view's window shows the closures of its days; a location's, its own and all.
    expect(site.groupDays([], site.now, site.now.plus({ weeks: 5 })).map((d) => d.date)).toEqual([
      "2026-12-25",
      "2026-12-26",
    ]);
    expect(site.closedDays("central").map((c) => c.date)).toEqual(["2026-12-25"]);
    expect(site.upcomingClosures("east").map((c) => c.date)).toEqual(["2026-12-25", "2026-12-26"]);
    expect(site.listingEnd.toISO()).toBe(DateTime.fromISO("2026-12-12T00:00", { zone }).toISO());
  });
});

describe("the explorer's data file", () => {
  const library = makeLibrary({
    audiences: [
      { id: "kids", label: "Kids (0–11)", ages: [0, 11] },
      { id: "teens", label: "Teens (12–18)" },
      { id: "adults", label: "Adults" },
    ],
    access: [{ id: "asl", label: "ASL interpretation" }],
  });
  const storytime = makeProgram({
    id: "storytime",
    title: "Storytime",
    audiences: ["kids"],
    // Weekly at 10:00 across the end of daylight saving time (1 November 2026).
    occurrences: weekly("2026-10-20T10:00", 4, 30).map((o, i) => ({ ...o, cancelled: i === 2 })),
    access: ["asl"],
    cost: "$3",
    registration: { required: true, full: false },
  });
  const festival = makeProgram({
    id: "festival",
    title: "Festival",
    location: undefined,
    online: "https://example.org/live",
    status: "postponed",
    occurrences: [occ("2026-10-24", 2)],
    languages: ["en", "es"],
  });
  const site = new Site(makeCatalogue({ library, programs: [storytime, festival] }));

  it("holds each program once, its facts as indices and flags", () => {
    const data = explorerData(site);
    expect(data.programs.map((p) => p.id)).toEqual(["festival", "storytime"]); // title order
    const [fest, story] = data.programs;
    expect(story).toMatchObject({
      a: [0],
      l: 0,
      x: [0],
      w: "Ages 0–11",
      d: 30,
      k: [2],
      ic: "laptop",
    });
    expect(story!.f).toBeUndefined(); // $3
    expect(story!.dr).toBeUndefined(); // registration required
    expect(fest).toMatchObject({ on: 1, b: "Postponed", ad: 1, d: 2, g: [0, 1], f: 1, dr: 1 });
    expect(fest!.l).toBeUndefined();
    expect(data.audiences[0]).toEqual({ id: "kids", label: "Kids (0–11)", ages: [0, 11] });
  });

  it("decodes back into the listed occurrences, with the zone's offsets and the pages' labels", () => {
    const data = explorerData(site);
    const story = data.programs[1]!;
    let start = 0;
    const starts = story.o.map((delta, i) => (start = i === 0 ? delta : start + delta));
    expect(starts.map((m) => new Date(m * 60_000).toISOString())).toEqual(
      storytime.occurrences.map((o) =>
        o.start.toUTC().toISO({ suppressMilliseconds: true })!.replace("Z", ".000Z"),
      ),
    );
    // CDT (-300) until 1 November 2026, then CST (-360).
    const offsetAt = (utc: number) => data.offsets.filter(([from]) => from <= utc).at(-1)![1];
    expect(starts.map(offsetAt)).toEqual([-300, -300, -360, -360]);
    // Wall-clock 10:00 every week, labelled as the pages label it.
    expect(starts.map((m) => data.times[(m + offsetAt(m)) % 1440])).toEqual([
      "10:00 AM",
      "10:00 AM",
      "10:00 AM",
      "10:00 AM",
    ]);
    const day = Math.floor((starts[0]! + offsetAt(starts[0]!)) / 1440);
    expect(data.days[day]).toEqual(["Tuesday, October 20, 2026", "Tue, Oct 20"]);
  });

  it("keeps the own offset of a time written with one", () => {
    // 18:00 at -05:00 in December, when Chicago is at -06:00: listed at 18:00, its own time.
    const talk = makeProgram({ id: "talk", occurrences: [occ("2026-12-01T18:00-05:00")] });
    const data = explorerData(new Site(makeCatalogue({ library, programs: [talk] })));
    const [entry] = data.programs;
    expect(entry!.zo).toEqual([[0, -300]]);
    expect(data.times[(entry!.o[0]! - 300) % 1440]).toBe("6:00 PM");
  });

  it("labels a time in the repeated hour of the night the clocks go back at its instant only", () => {
    // Santiago goes back from 24:00 to 23:00 on 3 April 2027: 23:00 to 24:00 happens twice.
    // Saturdays 23:00 for 90 minutes: on 3 April 23:00 CLST to 23:30 CLT, the pages say so;
    // on the other Saturdays the same minutes of the day are plain.
    const zone = "America/Santiago";
    const santiago = makeLibrary({ timezone: zone, locale: "es-CL" });
    const night = makeProgram({
      id: "noche",
      occurrences: weekly("2027-03-27T23:00", 4, 90, zone),
    });
    const catalogue = makeCatalogue({
      library: santiago,
      programs: [night],
      now: "2027-03-20T09:00",
    });
    const data = explorerData(new Site(catalogue));
    const minute = (t: DateTime) => String(Math.floor(t.toMillis() / 60_000));
    const [, back] = night.occurrences;
    expect(data.zoneTimes).toEqual({
      [minute(back!.start)]: "11:00 p. m. CLST",
      [minute(back!.end)]: "11:30 p. m. CLT",
    });
    expect(data.times[23 * 60]).toBe("11:00 p. m.");
    expect(data.times[30]).toBe("12:30 a. m.");
    expect(data.times[23 * 60 + 30]).toBeUndefined(); // only that night's end is at 23:30
    // No repeated time, no `zoneTimes`: the file does not grow.
    expect(explorerData(site)).not.toHaveProperty("zoneTimes");
    // In a preview, a program taken from the last run brings its labels along.
    const fragments = new FragmentCache();
    const versions = new Map([[night.file, "v1"]]);
    const view = () => new Site(catalogue, undefined, { fragments, versions: new Map(versions) });
    explorerData(view());
    expect(explorerData(view())).toEqual(data);
  });

  it("in a preview, takes what it made of a program from the last run while its rows are the same, and makes it again when they change", () => {
    const fragments = new FragmentCache();
    const versions = new Map([
      [storytime.file, "v1"],
      [festival.file, "v1"],
    ]);
    const view = (v: Map<string, string>, programs = [storytime, festival]) =>
      new Site(makeCatalogue({ library, programs }), undefined, { fragments, versions: v });
    const first = explorerData(view(versions));
    const again = explorerData(view(new Map(versions)));
    expect(again.programs[1]).toBe(first.programs[1]);
    expect(again).toEqual(explorerData(site)); // what a build makes
    const edited = { ...storytime, title: "Baby Storytime" };
    const changed = explorerData(
      view(new Map([...versions, [storytime.file, "v2"]]), [edited, festival]),
    );
    const entry = changed.programs.find((p) => p.id === "storytime");
    expect(entry).not.toBe(first.programs[1]);
    expect(entry!.t).toBe("Baby Storytime");
    expect(changed).toEqual(
      explorerData(new Site(makeCatalogue({ library, programs: [edited, festival] }))),
    );
  });

  it("is one file per site view, named by its content", () => {
    const file = explorerFile(site);
    expect(file).toBe(explorerFile(site));
    expect(file.url).toMatch(/^\/explorer\/data-[0-9a-f]{10}\.json$/);
    expect(JSON.parse(file.json)).toEqual(explorerData(site));
  });
});
