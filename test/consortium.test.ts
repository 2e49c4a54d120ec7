// src/consortium/ on its own: a consortium's members read from folders and addresses, each
// bad member one line naming it at its `source` (messages locked), and members' programs
// as the consortium's catalogue holds them (ids, places, terms, zones, days).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import { Site } from "../src/site/site.ts";
import { groupByDay } from "../src/site/day-groups.ts";
import { CONSORTIUM_PAGE_LISTINGS } from "../src/site/listing-pages.ts";
import { explorerData } from "../src/outputs/explorer-data.ts";
import { programsJson } from "../src/outputs/programs-json.ts";
import { rebase } from "../src/consortium/member-programs.ts";
import { parseFeed } from "../src/consortium/feed-schema.ts";
import { corsHeaders, netlifyHeaders, sitePolicy } from "../src/outputs/csp.ts";
import { makeSite } from "./helpers/fixture.ts";

const NOW = DateTime.fromISO("2026-10-01T09:00", { zone: "America/New_York" });

const LIBRARY = `name: Two Towns Libraries
url: https://libraries.example.net
timezone: America/New_York
audiences:
  - { id: adults, label: Adults }
categories:
  - { id: technology, label: Technology }
`;

/** A member's programs.json: `occurrences` over a small valid head. */
function feed(zone: string, occurrences: object[], extra: object = {}): string {
  return JSON.stringify({
    version: 1,
    generated: "2026-10-01T08:00:00-05:00",
    library: {
      name: "Member",
      url: "https://member.example.org",
      timezone: zone,
      audiences: [{ id: "kids", label: "Kids" }],
      categories: [{ id: "technology", label: "Tech" }],
    },
    occurrences,
    ...extra,
  });
}

const occ = (over: object = {}) => ({
  id: "lego-club",
  title: "LEGO Club",
  summary: "Build.",
  start: "2026-10-06T19:30:00-05:00",
  end: "2026-10-06T20:30:00-05:00",
  allDay: false,
  status: "scheduled",
  location: { id: "central", name: "Central Library", address: "1 Main St" },
  online: null,
  audiences: ["kids"],
  categories: ["technology"],
  url: "https://member.example.org/programs/lego-club/",
  ...over,
});

/** A consortium site whose members are `members` (`[id, source]`), with `files` beside it. */
async function consortium(
  members: [string, string][],
  files: Record<string, string> = {},
  fetch?: typeof globalThis.fetch,
) {
  const list = members
    .map(
      ([id, source]) =>
        `    - { id: ${id}, name: ${id} library, url: "https://${id}.example.org", source: "${source}" }`,
    )
    .join("\n");
  const root = await makeSite({
    "_data/library.yaml": `${LIBRARY}consortium:\n  members:\n${list}\n`,
    ...files,
  });
  return { root, result: await loadCatalogue({ root, now: NOW, fetch }) };
}

describe("reading members", () => {
  it("each bad member is one line at its source, naming it, all at once", async () => {
    const notFound: typeof globalThis.fetch = async () =>
      new Response("", { status: 404, statusText: "Not Found" });
    const { result } = await consortium(
      [
        ["good", "members/good"],
        ["gone", "members/gone"],
        ["other", "members/other"],
        ["half", "members/half"],
        ["garbled", "members/garbled"],
        ["shape", "members/shape"],
        ["newer", "members/newer"],
        ["remote", "https://remote.example.org"],
      ],
      {
        "members/good/programs.json": feed("America/Chicago", [occ()]),
        "members/other/index.html": "<p>Someone else's site</p>",
        "members/half/.almanac-build": "{}",
        "members/garbled/programs.json": "{ not json",
        "members/shape/programs.json": feed("America/Chicago", [
          occ(),
          occ({ start: "tomorrow" }),
          occ({ url: "javascript:alert(1)", allDay: "no" }),
        ]),
        "members/newer/programs.json": feed("America/Chicago", [], { version: 2 }),
      },
      notFound,
    );
    expect(result.catalogue).toBeUndefined();
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "_data/library.yaml:11: consortium.members.1.source: member "gone": folder members/gone not found (build the member's site there first)
      _data/library.yaml:12: consortium.members.2.source: member "other": members/other is not an Almanac build (it has neither .almanac-build nor programs.json)
      _data/library.yaml:13: consortium.members.3.source: member "half": members/half has no programs.json (build the member's site again)
      _data/library.yaml:14: consortium.members.4.source: member "garbled": its programs.json is not valid JSON (cut short, or another file?)
      _data/library.yaml:15: consortium.members.5.source: member "shape": its programs.json is not in Almanac's format: occurrences.1.start: expected a date-time with its offset, got "tomorrow" (and 2 more problems)
      _data/library.yaml:16: consortium.members.6.source: member "newer": its programs.json is version 2, newer than this Almanac reads (1): update Almanac
      _data/library.yaml:17: consortium.members.7.source: member "remote": https://remote.example.org/programs.json answered 404 Not Found
      7 errors"
    `);
  });

  it("a member whose address cannot be reached is one line with the cause", async () => {
    const refused: typeof globalThis.fetch = async () => {
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    };
    const { result } = await consortium([["remote", "https://remote.example.org/"]], {}, refused);
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "_data/library.yaml:10: consortium.members.0.source: member "remote": https://remote.example.org/programs.json could not be fetched (ECONNREFUSED)
      1 error"
    `);
  });

  it("a member served over http(s) is read from its address", async () => {
    const asked: string[] = [];
    const serve: typeof globalThis.fetch = async (url) => {
      asked.push(String(url));
      return new Response(
        feed("Europe/London", [
          occ({ start: "2026-10-06T19:30:00+01:00", end: "2026-10-06T20:30:00+01:00" }),
        ]),
      );
    };
    const { result } = await consortium([["remote", "https://remote.example.org"]], {}, serve);
    expect(asked).toEqual(["https://remote.example.org/programs.json"]);
    expect(result.catalogue!.memberPrograms.map((p) => p.id)).toEqual(["remote/lego-club"]);
  });

  it("settings a consortium refuses, each one line", async () => {
    const root = await makeSite({
      "_data/library.yaml": `${LIBRARY}consortium_url: "javascript:x"
consortium:
  members:
    - { id: a, name: A, url: "https://a.example.org", source: /srv/a/_site }
    - { id: a, name: B, url: "ftp://b.example.org", source: "C:\\\\sites\\\\b" }
    - { id: c, name: C, url: "https://c.example.org", source: "", extra: 1 }
`,
    });
    const result = await loadCatalogue({ root, now: NOW });
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "_data/library.yaml:8: consortium_url: must be an http(s) URL starting with https:// (got "javascript:x")
      _data/library.yaml:11: consortium.members.0.source: must be a folder relative to this library's folder, such as ../eastside/_site, or an http(s) address (got "/srv/a/_site")
      _data/library.yaml:12: consortium.members: duplicate id "a" (first used on line 11)
      _data/library.yaml:12: consortium.members.1.source: must be a folder relative to this library's folder, such as ../eastside/_site, or an http(s) address (got "C:\\sites\\b")
      _data/library.yaml:12: consortium.members.1.url: must be an http(s) URL starting with https:// (got "ftp://b.example.org")
      _data/library.yaml:13: consortium.members.2.extra: unknown field
      _data/library.yaml:13: consortium.members.2.source: name a folder such as ../eastside/_site or an https:// address
      7 errors"
    `);
  });
});

describe("members' programs in the consortium's catalogue", () => {
  it("ids, places and terms of each member, its zone, its pages at the address the consortium names", async () => {
    const { result } = await consortium(
      [
        ["maple", "members/maple"],
        ["kettleby", "members/kettleby"],
      ],
      {
        "members/maple/programs.json": feed("America/Chicago", [
          occ(),
          occ({
            start: "2026-10-13T19:30:00-05:00",
            end: "2026-10-13T20:30:00-05:00",
            status: "cancelled",
          }),
          occ({
            id: "fair",
            start: "2026-10-10",
            end: "2026-10-11",
            allDay: true,
            location: null,
            online: "https://meet.example.org/x",
            audiences: ["adults"],
          }),
        ]),
        "members/kettleby/programs.json": feed("Europe/London", [
          occ({
            start: "2026-10-07T00:30:00+01:00",
            end: "2026-10-07T01:30:00+01:00",
            location: { id: "central", name: "Central", address: "2 High St" },
            url: "https://member.example.org/programs/lego-club/",
          }),
        ]),
      },
    );
    const catalogue = result.catalogue!;
    expect(catalogue.programs).toEqual([]);
    const [lego, fair, uk] = catalogue.memberPrograms;
    expect([lego!.id, fair!.id, uk!.id]).toEqual([
      "maple/lego-club",
      "maple/fair",
      "kettleby/lego-club",
    ]);
    expect(lego!.url).toBe("https://maple.example.org/programs/lego-club/");
    expect(lego!.location).toBe("maple-central");
    expect(
      lego!.occurrences.map((o) => [
        o.start.toISO({ suppressMilliseconds: true }),
        o.start.zoneName,
        o.cancelled,
      ]),
    ).toEqual([
      ["2026-10-06T19:30:00-05:00", "America/Chicago", false],
      ["2026-10-13T19:30:00-05:00", "America/Chicago", true],
    ]);
    expect(fair!.occurrences[0]!.allDay).toBe(true);
    expect(fair!.occurrences[0]!.end.toISO()).toBe("2026-10-12T00:00:00.000-05:00");
    expect(fair!.online).toBe("https://meet.example.org/x");
    expect(uk!.member!.timezone).toBe("Europe/London");
    const { library } = catalogue;
    expect(library.locations.map((l) => [l.id, l.name, l.member?.name])).toEqual([
      ["maple-central", "Central Library", "maple library"],
      ["kettleby-central", "Central", "kettleby library"],
    ]);
    // The consortium's own labels first, then the members' others.
    expect(library.audiences.map((a) => `${a.id}:${a.label}`)).toEqual([
      "adults:Adults",
      "kids:Kids",
    ]);
    expect(library.categories.map((a) => `${a.id}:${a.label}`)).toEqual(["technology:Technology"]);
    // Days: each listing on its own library's day, in order of those days.
    const days = groupByDay(catalogue.upcoming, library.timezone).map((d) => [
      d.date,
      d.listings.map((l) => l.program.id),
    ]);
    expect(days).toEqual([
      // 7:30 PM in Chicago is 8:30 PM in New York; 00:30 in London is 7:30 PM the day before.
      ["2026-10-06", ["maple/lego-club"]],
      ["2026-10-07", ["kettleby/lego-club"]],
      ["2026-10-10", ["maple/fair"]],
      ["2026-10-13", ["maple/lego-club"]],
    ]);
  });

  it("a member's page address moves to where the consortium says the member is", () => {
    expect(
      rebase(
        "https://old.example.org/programs/x/",
        "https://old.example.org",
        "https://new.example.org",
      ),
    ).toBe("https://new.example.org/programs/x/");
    expect(
      rebase(
        "https://elsewhere.example.org/x/",
        "https://old.example.org",
        "https://new.example.org",
      ),
    ).toBe("https://elsewhere.example.org/x/");
    expect(
      rebase(
        "https://old.example.org.evil/x/",
        "https://old.example.org",
        "https://new.example.org",
      ),
    ).toBe("https://old.example.org.evil/x/");
  });

  it("what a member's program costs, needs and is spoken in, when its file says: the explorer filters it like the site's own", async () => {
    const { result } = await consortium(
      [
        ["maple", "members/maple"],
        ["old", "members/old"],
      ],
      {
        "members/maple/programs.json": feed(
          "America/Chicago",
          [
            occ({ cost: "Free", free: true, dropIn: true, languages: ["en", "es"] }),
            occ({ id: "class", cost: "$5", free: false, dropIn: false, languages: ["en"] }),
          ],
          {},
        ).replace(
          '"categories":[{"id":"technology","label":"Tech"}]',
          '"categories":[{"id":"technology","label":"Tech"}],"languages":[{"id":"en","label":"English"},{"id":"es","label":"Español"}]',
        ),
        // Built by an older Almanac: none of it.
        "members/old/programs.json": feed("America/Chicago", [occ()]),
      },
    );
    const catalogue = result.catalogue!;
    expect(result.problems).toEqual([]);
    const site = new Site(catalogue);
    const data = explorerData(site);
    const row = (id: string) => data.programs.find((p) => p.id === id)!;
    const lang = (p: { g: number[] }) => p.g.map((i) => data.languages[i]![0]);
    expect([
      row("maple/lego-club").f,
      row("maple/lego-club").dr,
      lang(row("maple/lego-club")),
    ]).toEqual([1, 1, ["en", "es"]]);
    expect([row("maple/class").f, row("maple/class").dr, lang(row("maple/class"))]).toEqual([
      undefined,
      undefined,
      ["en"],
    ]);
    expect([row("old/lego-club").f, row("old/lego-club").dr, row("old/lego-club").g]).toEqual([
      undefined,
      undefined,
      [],
    ]);
    expect(data.languages.find(([code]) => code === "es")).toEqual(["es", "Español"]);
    // The consortium's own programs.json passes on what each member said, and only that.
    const json = programsJson(catalogue);
    const of = (id: string) => json.occurrences.find((o) => o.id === id)!;
    expect(of("maple/lego-club")).toMatchObject({
      cost: "Free",
      free: true,
      dropIn: true,
      languages: ["en", "es"],
    });
    expect(of("maple/class")).toMatchObject({ cost: "$5", free: false, dropIn: false });
    for (const key of ["cost", "free", "dropIn", "languages"])
      expect(of("old/lego-club")).not.toHaveProperty(key);
  });

  it("a member's closed days close its places on the consortium's listings and calendars", async () => {
    const closures = [
      { date: "2026-10-12", reason: null, locations: ["east"] },
      { date: "2026-11-26", reason: "Thanksgiving Day", locations: null },
      // A place the consortium lists no program at: nothing to show.
      { date: "2026-10-14", reason: null, locations: ["gone"] },
    ];
    const east = { id: "east", name: "East Branch", address: "2 Oak St" };
    const { result } = await consortium([["maple", "members/maple"]], {
      "members/maple/programs.json": feed("America/Chicago", [
        occ(),
        occ({ id: "class", location: east }),
      ]).replace(
        '"categories":[{"id":"technology","label":"Tech"}]',
        `"categories":[{"id":"technology","label":"Tech"}],"closures":${JSON.stringify(closures)}`,
      ),
    });
    expect(result.problems).toEqual([]);
    const site = new Site(result.catalogue!);
    expect(site.closuresOn("2026-10-12")).toEqual([
      { name: "East Branch (maple library)", reason: undefined },
    ]);
    expect(site.closuresOn("2026-11-26")).toEqual([
      { name: "Central Library (maple library)", reason: "Thanksgiving Day" },
      { name: "East Branch (maple library)", reason: "Thanksgiving Day" },
    ]);
    expect(site.closuresOn("2026-10-14")).toEqual([]);
    expect(site.closedDays("maple-central").map((d) => [d.date, d.closures.length])).toEqual([
      ["2026-11-26", 1],
    ]);
    // And the consortium's own programs.json says so, by its ids for the places.
    expect(programsJson(result.catalogue!).library.closures).toEqual([
      { date: "2026-10-12", reason: null, locations: ["maple-east"] },
      {
        date: "2026-11-26",
        reason: "Thanksgiving Day",
        locations: ["maple-central", "maple-east"],
      },
    ]);
  });

  it("a consortium's listings too long for a page are paged, by audience, category and location too", async () => {
    // 300 dates in the first two weeks (a member's busy fortnight), then a few a week later.
    const dates = Array.from({ length: 300 }, (_, i) => {
      const start = DateTime.fromISO("2026-10-02T09:00", { zone: "America/Chicago" }).plus({
        hours: Math.floor(i / 25) * 24 + (i % 25) / 2,
      });
      return occ({
        id: `p${i % 7}`,
        start: start.toISO({ suppressMilliseconds: true }),
        end: start.plus({ minutes: 30 }).toISO({ suppressMilliseconds: true }),
      });
    });
    const later = occ({
      id: "late",
      start: "2026-10-28T10:00:00-05:00",
      end: "2026-10-28T11:00:00-05:00",
    });
    const { result } = await consortium([["maple", "members/maple"]], {
      "members/maple/programs.json": feed("America/Chicago", [...dates, later]),
    });
    const site = new Site(result.catalogue!);
    const all = site.upcoming.length;
    expect(all).toBe(301);
    for (const [facet, id, first] of [
      [undefined, undefined, "/programs/"],
      ["audience", "kids", "/audiences/kids/"],
      ["category", "technology", "/categories/technology/"],
      ["location", "maple-central", "/locations/maple-central/"],
    ] as const) {
      const pages = site.listingPages(facet, id);
      const counts = pages.map((p) => p.days.reduce((n, d) => n + d.listings.length, 0));
      expect(
        counts.every((n) => n <= CONSORTIUM_PAGE_LISTINGS),
        `${first} ${counts}`,
      ).toBe(true);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(all);
      expect(pages.map((p) => p.url)).toEqual([first, `${first}page/2/`, `${first}page/3/`]);
      // In order, each page starting where the one before ends (a day cut in two: on both).
      for (let i = 1; i < pages.length; i++)
        expect(pages[i]!.from.toMillis()).toBeLessThanOrEqual(pages[i - 1]!.to.toMillis());
    }
    // The paginated template writes every later page, of every listing.
    expect(site.laterListingPages.map((p) => p.url)).toEqual(
      expect.arrayContaining([
        "/programs/page/2/",
        "/audiences/kids/page/3/",
        "/locations/maple-central/page/2/",
      ]),
    );
  });

  it("a feed's extra fields are allowed, a missing one is not", () => {
    const data = JSON.parse(feed("America/Chicago", [{ ...occ(), future: 1 }]));
    expect("feed" in parseFeed(data)).toBe(true);
    delete data.library.timezone;
    expect(parseFeed(data)).toEqual({
      error:
        "its programs.json is not in Almanac's format: library.timezone: Invalid input: expected string, received undefined",
    });
  });
});

describe("headers", () => {
  it("a member names its consortium's origin; a consortium's policy names its members'", () => {
    expect(corsHeaders("https://libraries.example.net/county/")).toEqual({
      "Access-Control-Allow-Origin": "https://libraries.example.net",
      Vary: "Origin",
    });
    expect(netlifyHeaders(undefined, "https://libraries.example.net")).toContain(
      "/programs.json\n  Access-Control-Allow-Origin: https://libraries.example.net\n  Vary: Origin\n",
    );
    expect(sitePolicy(["https://a.example.org", "https://a.example.org"]).header).toContain(
      "connect-src 'self' https://a.example.org;",
    );
    expect(sitePolicy([]).header).not.toContain("https:");
  });
});
