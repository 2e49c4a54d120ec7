// A time written with an explicit offset (`...Z`, `...+10:30`) keeps its instant
// (CONTENT-FORMAT.md: "keeps it"), and patrons read it on the library's clocks: the program
// page, the month calendar, the listings and `programs.json` give the library's time, the
// same instant its calendar file gives. A staff review found a talk written as
// `2027-01-06T00:00:00Z` shown as "12:00 AM" on its page in Chicago (6 PM there) and a
// series at 18:00-05:00 shown at 6 PM while its calendar said 5 PM. Another library here:
// Adelaide (+10:30 in summer, +09:30 from 4 April 2027), en-AU.
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIBRARY, makeSite, programFile } from "./helpers/fixture.ts";
import { buildFixture, type BuiltSite } from "./helpers/site.ts";

const LIBRARY = DEFAULT_LIBRARY.replace("America/Chicago", "Australia/Adelaide")
  .replace("locale: en-US", "locale: en-AU")
  .replace("closed: [2026-12-26]", "closed: [2027-04-26]");

/** The `datetime` attributes and texts of a page's `<time>` elements. */
const times = (html: string) =>
  [...html.matchAll(/<time datetime="([^"]+)">([^<]*)<\/time>/g)].map((m) => `${m[1]} ${m[2]}`);

describe("a time written with an explicit offset", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    const root = await makeSite({
      "_data/library.yaml": LIBRARY,
      "content/programs/author-talk.md": programFile(
        { title: "Author talk from London", summary: "Live from the publisher." },
        "",
        { start: "2027-01-06T00:00:00Z", end: "2027-01-06T01:00:00Z" },
      ),
      "content/programs/webinar.md": programFile(
        { title: "Weekly webinar", summary: "Hosted in summer time." },
        "repeat: { every: week, count: 3 }\n",
        { start: "2027-03-30T18:00+10:30", end: "2027-03-30T19:00+10:30" },
      ),
    });
    site = await buildFixture(root, "2026-12-01T10:00");
    expect(site.ok).toBe(true);
  }, 120_000);

  it("is shown on the library's clocks on its page", async () => {
    const talk = times(await site.read("/programs/author-talk/"));
    expect(talk).toContain("2027-01-06T10:30+10:30 10:30 am");
    expect(talk.join("\n")).not.toMatch(/12:00 am|Z /);
    const webinar = times(await site.read("/programs/webinar/")).join("\n");
    // 07:30 UTC each week: 6:00 pm before the clocks go back on 4 April, 5:00 pm after.
    expect(webinar).toContain("2027-03-30T18:00+10:30");
    expect(webinar).toContain("2027-04-06T17:00+09:30");
    expect(webinar).toContain("2027-04-13T17:00+09:30");
    expect(webinar).not.toContain("T18:00+09:30");
  });

  it("is listed under the library's date in the month calendar", async () => {
    const month = await site.read("/calendar/2027/01/");
    const day = month.slice(month.indexOf('datetime="2027-01-06"'));
    expect(day.slice(0, day.indexOf("Author talk from London"))).toContain("10:30 am");
    expect(month).not.toContain("Zulu");
  });

  it("says the same instant in programs.json and its calendar", async () => {
    const json = JSON.parse(await site.read("/programs.json")) as {
      occurrences: { id: string; start: string }[];
    };
    const webinar = json.occurrences.filter((o) => o.id === "webinar");
    expect(webinar.map((o) => o.start)).toEqual([
      "2027-03-30T18:00:00+10:30",
      "2027-04-06T17:00:00+09:30",
      "2027-04-13T17:00:00+09:30",
    ]);
    const ics = await site.read("/programs/webinar.ics");
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!,
    );
    const expanded: string[] = [];
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      expanded.push(next.toJSDate().toISOString());
    }
    expect(expanded).toEqual([
      "2027-03-30T07:30:00.000Z",
      "2027-04-06T07:30:00.000Z",
      "2027-04-13T07:30:00.000Z",
    ]);
  });
});
