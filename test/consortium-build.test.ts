// A consortium's site built from two real member builds in different zones (the demo,
// America/Chicago; the second library, Europe/London; the consortium itself in
// America/New_York): its programs.json, listings, month calendars and calendar file hold
// every member occurrence still to come, at the very instants the members' own
// programs.json give, written in each member's zone, and link to the members' pages. The
// members, which name the consortium, send it the CORS headers; the consortium's policy
// lets its pages read their indexes.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";
import {
  buildConsortium,
  buildMembers,
  CONSORTIUM_NOW,
  CONSORTIUM_URL,
  makeConsortium,
} from "./helpers/consortium.ts";
import { CONSORTIUM_PAGE_LISTINGS } from "../src/site/listing-pages.ts";
import { expandCalendar } from "./helpers/ical.ts";
import type { ProgramsJson } from "../src/outputs/programs-json.ts";

const MAPLE_URL = "https://maple.example.org";
const KETTLEBY_URL = "https://kettleby.example.uk";

let members: { maple: BuiltSite; kettleby: BuiltSite };
let site: BuiltSite;
let json: ProgramsJson;
/** Each member's programs.json, by member id. */
const feeds: Record<string, ProgramsJson> = {};

beforeAll(async () => {
  members = await buildMembers();
  site = await buildConsortium([
    { id: "maple", name: "Maple Hollow Public Library", url: MAPLE_URL, site: members.maple },
    { id: "kettleby", name: "Kettleby Libraries", url: KETTLEBY_URL, site: members.kettleby },
  ]);
  json = JSON.parse(await site.read("/programs.json"));
  feeds.maple = JSON.parse(await members.maple.read("/programs.json"));
  feeds.kettleby = JSON.parse(await members.kettleby.read("/programs.json"));
}, 300_000);

const base = { maple: MAPLE_URL, kettleby: KETTLEBY_URL } as Record<string, string>;

/** The member occurrences still to come at the consortium's "now", as the consortium lists them. */
function expected(member: string) {
  const now = DateTime.fromISO(json.generated).toMillis();
  const published = feeds[member]!.library.url;
  const zone = feeds[member]!.library.timezone;
  const endOf = (o: { end: string; allDay: boolean }) =>
    o.allDay
      ? DateTime.fromISO(o.end, { zone }).plus({ days: 1 }).toMillis()
      : DateTime.fromISO(o.end).toMillis();
  return feeds[member]!.occurrences.filter((o) => endOf(o) > now).map((o) => ({
    ...o,
    id: `${member}/${o.id}`,
    url: base[member] + o.url.slice(published.length),
  }));
}

describe("a consortium's programs.json", () => {
  it("holds every member occurrence at the member's own times, with its page on the member's site", () => {
    for (const member of ["maple", "kettleby"]) {
      const mine = json.occurrences.filter((o) => o.member === member);
      const want = expected(member);
      expect(mine.length).toBeGreaterThan(10);
      const key = (o: { id: string; start: string }) => `${o.id} ${o.start}`;
      expect(mine.map(key).sort()).toEqual(want.map(key).sort());
      const byKey = new Map(want.map((w) => [key(w), w]));
      for (const o of mine) {
        const w = byKey.get(key(o))!;
        // The same strings: instants and the member zone's offsets.
        expect([o.start, o.end, o.allDay, o.status, o.title, o.url]).toEqual([
          w.start,
          w.end,
          w.allDay,
          w.status,
          w.title,
          w.url,
        ]);
        expect(o.location?.id ?? null).toBe(w.location ? `${member}-${w.location.id}` : null);
      }
    }
    // Offsets of each member's zone, not the consortium's.
    expect(json.occurrences.some((o) => o.member === "maple" && o.start.endsWith("-06:00"))).toBe(
      true,
    );
    expect(
      json.occurrences.some((o) => o.member === "kettleby" && /(\+00:00|Z)$/.test(o.start)),
    ).toBe(true);
    expect(json.library.timezone).toBe("America/New_York");
  });
});

describe("its listings and month calendars", () => {
  it("list each member occurrence on its own library's day, at its own time, with its zone and library", async () => {
    const html = await site.read("/programs/");
    // The first Kettleby and Maple occurrences listed.
    for (const [member, zone, label] of [
      ["kettleby", "Europe/London", "Kettleby Libraries"],
      ["maple", "America/Chicago", "Maple Hollow Public Library"],
    ] as const) {
      const first = json.occurrences.find((o) => o.member === member && !o.allDay)!;
      const start = DateTime.fromISO(first.start, { zone });
      // The page's `datetime` is the same instant and offset, without `:00` seconds.
      const attr = start.toISO({ suppressSeconds: true, suppressMilliseconds: true });
      // Its row: its id (a member's row names it: its title leaves the site), and its
      // start as the first `<time>` of its `.when`.
      const row = [...html.matchAll(/<li class="listing[^>]*>.*?<\/li>/g)].find(
        (m) =>
          m[0].includes(`data-program="${first.id}"`) &&
          m[0].includes(`<span class="when"><time datetime="${attr}"`),
      )!;
      expect(row).toBeDefined();
      const at = row.index;
      const item = row[0];
      expect(item).toContain(`href="${first.url}"`);
      expect(item).toContain(`<time datetime="${attr}">${start.toFormat("h:mm a")}</time>`);
      expect(item).toContain(`<span class="zone">${start.offset === 0 ? "GMT" : "CST"}</span>`);
      expect(item).toContain(`<span class="library">${label}</span>`);
      // Under the heading of its own day.
      const day = html.lastIndexOf('<section class="day"', at);
      expect(html.slice(day, at)).toContain(`data-day="${start.toISODate()}"`);
    }
  });

  it("a member's evening in Chicago is on its Chicago day, though it is the next day in London", async () => {
    // 7 PM or later in Chicago: past midnight in London.
    const late = json.occurrences.find(
      (o) =>
        o.member === "maple" &&
        !o.allDay &&
        DateTime.fromISO(o.start, { zone: "America/Chicago" }).hour >= 19,
    )!;
    expect(late).toBeDefined();
    const start = DateTime.fromISO(late.start, { zone: "America/Chicago" });
    const month = await site.read(`/calendar/${start.toFormat("yyyy/MM")}/`);
    const cell = month.slice(month.indexOf(`datetime="${start.toISODate()}"`));
    const item = cell.slice(0, cell.indexOf("</td>"));
    expect(item).toContain(
      `<time datetime="${start.toISO({ suppressSeconds: true, suppressMilliseconds: true })}">${start.toFormat("h:mm a")}</time> <span class="zone">CST</span>`,
    );
    expect(item).toContain(`href="${late.url}"`);
  });

  it("show each member's closed days at its places, as the consortium's own are shown", async () => {
    const month = await site.read("/calendar/2026/12/");
    const cell = (date: string) => {
      const at = month.indexOf(`datetime="${date}"`);
      return month.slice(at, month.indexOf("</td>", at));
    };
    // Maple Hollow closes every branch on Christmas Eve; Kettleby is open.
    expect(cell("2026-12-24")).toContain(
      '<p class="calendar-closed">Central Library (Maple Hollow Public Library) closed: Christmas Eve</p>',
    );
    expect(cell("2026-12-24")).not.toContain("Kettleby Libraries) closed");
    // Boxing Day at Kettleby; Maple Hollow's Eastside Branch only, without a reason.
    expect(cell("2026-12-26")).toContain(
      '<p class="calendar-closed">Town Hall Library (Kettleby Libraries) closed: Boxing Day</p>',
    );
    expect(cell("2026-12-26")).toContain(
      '<p class="calendar-closed">Eastside Branch (Maple Hollow Public Library) closed</p>',
    );
    expect(cell("2026-12-26")).not.toContain(
      "Central Library (Maple Hollow Public Library) closed",
    );
    // The listing page holding Christmas Eve says so under its heading.
    const pages = ["/programs/", ...[2, 3, 4, 5, 6].map((n) => `/programs/page/${n}/`)];
    const listing = await Promise.all(pages.filter((p) => site.exists(p)).map((p) => site.read(p)));
    const page = listing.find((html) => html.includes('data-day="2026-12-24"'))!;
    expect(page).toBeDefined();
    const day = page.slice(page.indexOf('data-day="2026-12-24"'));
    expect(day.slice(0, day.indexOf("</section>"))).toContain(
      '<p class="day-closed">Central Library (Maple Hollow Public Library) closed: Christmas Eve</p>',
    );
  });

  it("makes no page for a member's program, and a page for each member location", () => {
    expect(site.exists("/programs/maple/")).toBe(false);
    expect(site.exists("/locations/maple-central/")).toBe(true);
    expect(site.exists("/locations/kettleby-town-hall/")).toBe(true);
    expect(site.exists("/pages/about/")).toBe(true);
  });
});

describe("its calendar file", () => {
  it("holds every member occurrence at the instants of the member's programs.json", async () => {
    const events = expandCalendar(await site.read("/calendar.ics"));
    const at = new Set(
      events.map((e) => `${e.uid.split("@")[0]!.replace(/-\d{8}T\d{6}Z$/, "")} ${e.startMs}`),
    );
    for (const o of json.occurrences.filter((o) => !o.allDay)) {
      expect(at.has(`${o.id} ${DateTime.fromISO(o.start).toMillis()}`), `${o.id} ${o.start}`).toBe(
        true,
      );
    }
    const ics = await site.read("/calendar.ics");
    expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:America/Chicago");
    expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/London");
  });
});

describe("valid HTML", () => {
  it("the consortium's pages that show members' programs pass the Nu HTML Checker", async () => {
    const month = json.occurrences[0]!.start.slice(0, 7).replace("-", "/");
    const pages = ["", "programs/", `calendar/${month}/`, "locations/maple-central/", "search/"];
    const files = pages.map((p) => path.join(site.output, p, "index.html"));
    const jar = path.join(REPO, "node_modules/vnu-jar/build/dist/vnu.jar");
    const stderr = await new Promise<string>((resolve) =>
      execFile(
        "java",
        ["-Xss2m", "-jar", jar, "--errors-only", "--format", "json", ...files],
        { maxBuffer: 64 * 1024 * 1024 },
        (_error, _stdout, err) => resolve(err),
      ),
    );
    const messages = (JSON.parse(stderr) as { messages: { url: string; message: string }[] })
      .messages;
    expect(messages.map((m) => `${m.url}: ${m.message}`)).toEqual([]);
  }, 120_000);
});

describe("headers and the security policy", () => {
  it("members that name the consortium let it read their index and programs.json", async () => {
    for (const member of [members.maple, members.kettleby]) {
      const headers = await member.read("/_headers");
      expect(headers).toContain(
        `/pagefind/*\n  Access-Control-Allow-Origin: ${CONSORTIUM_URL}\n  Vary: Origin\n/programs.json\n  Access-Control-Allow-Origin: ${CONSORTIUM_URL}`,
      );
      expect(await member.read("/.htaccess")).toContain(
        `Header always set Access-Control-Allow-Origin "${CONSORTIUM_URL}"`,
      );
    }
  });

  it("the consortium's pages may connect to its members' origins, and its worker keeps their indexes", async () => {
    const page = await site.read("/search/");
    expect(page).toContain(`connect-src &#39;self&#39; ${MAPLE_URL} ${KETTLEBY_URL};`);
    expect(await site.read("/_headers")).toContain(
      `connect-src 'self' ${MAPLE_URL} ${KETTLEBY_URL};`,
    );
    const sw = readFileSync(path.join(site.output, "sw.js"), "utf8");
    expect(sw).toContain(`"members":["${MAPLE_URL}/pagefind/","${KETTLEBY_URL}/pagefind/"]`);
    expect(page).toContain("data-consortium-search-form");
  });
});

describe("a consortium whose listings would overflow a page", () => {
  it("pages /programs/ and each audience, category and location, linked, no page over the limit", async () => {
    // A generated member: 390 dates in the first two weeks, as its programs.json lists them.
    const member = mkdtempSync(path.join(os.tmpdir(), "almanac-busy-member-"));
    const first = DateTime.fromISO("2026-11-29T09:00", { zone: "America/Chicago" });
    const occurrences = Array.from({ length: 390 }, (_, i) => {
      const start = first.plus({ days: Math.floor(i / 30), minutes: (i % 30) * 20 });
      return {
        id: `program-${i % 9}`,
        title: `Program ${i % 9}`,
        summary: "A busy program.",
        start: start.toISO({ suppressMilliseconds: true }),
        end: start.plus({ minutes: 20 }).toISO({ suppressMilliseconds: true }),
        allDay: false,
        status: "scheduled",
        location: { id: "central", name: "Central", address: "1 Main St" },
        online: null,
        audiences: ["adults"],
        categories: ["technology"],
        url: `https://busy.example.org/programs/program-${i % 9}/`,
      };
    });
    writeFileSync(
      path.join(member, "programs.json"),
      JSON.stringify({
        version: 1,
        generated: "2026-11-28T09:00:00-06:00",
        library: {
          name: "Busy",
          url: "https://busy.example.org",
          timezone: "America/Chicago",
          audiences: [{ id: "adults", label: "Adults" }],
          categories: [{ id: "technology", label: "Technology" }],
        },
        occurrences,
      }),
    );
    const root = makeConsortium([
      {
        id: "busy",
        name: "Busy Library",
        url: "https://busy.example.org",
        site: { output: member } as BuiltSite,
      },
    ]);
    const busy = await buildFixture(root, CONSORTIUM_NOW);
    expect(busy.problems).toEqual([]);
    const count = (html: string) => html.split('<li class="listing').length - 1;
    for (const listing of [
      "/programs/",
      "/audiences/adults/",
      "/categories/technology/",
      "/locations/busy-central/",
    ]) {
      const pages = [listing, `${listing}page/2/`];
      let total = 0;
      for (const page of pages) {
        expect(busy.exists(page), page).toBe(true);
        const html = await busy.read(page);
        const n = count(html);
        expect(n, page).toBeLessThanOrEqual(CONSORTIUM_PAGE_LISTINGS);
        total += n;
      }
      expect(busy.exists(`${listing}page/3/`)).toBe(false);
      expect(total).toBe(390);
      // Linked both ways.
      expect(await busy.read(listing)).toContain(`href="${listing}page/2/"`);
      expect(await busy.read(`${listing}page/2/`)).toContain(`rel="prev" href="${listing}"`);
    }
  }, 180_000);
});
