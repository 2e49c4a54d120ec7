import { describe, it, expect, beforeAll } from "vitest";
import { calendarMonths, firstDayOfWeek, weekdays } from "../src/site/calendar.ts";
import { makeCatalogue, makeProgram, occ, weekly } from "./helpers/model.ts";
import { buildFixture, type BuiltSite } from "./helpers/site.ts";
import { BERLIN_NOW, makeBerlinSite } from "./helpers/berlin.ts";

// These builds do not need the search index.
process.env.ALMANAC_SEARCH = "off";

describe("week start and weekday names", () => {
  it("starts the week on Sunday in the US and on Monday in Germany and the UK", () => {
    expect(firstDayOfWeek("en-US")).toBe(7);
    expect(firstDayOfWeek("es-US")).toBe(7);
    expect(firstDayOfWeek("de-DE")).toBe(1);
    expect(firstDayOfWeek("en-GB")).toBe(1);
    expect(weekdays("en-US").map((d) => d.short)).toEqual([
      "Sun",
      "Mon",
      "Tue",
      "Wed",
      "Thu",
      "Fri",
      "Sat",
    ]);
    expect(weekdays("de-DE")[0].long).toBe("Montag");
  });
});

describe("calendarMonths", () => {
  const late = makeProgram({
    id: "late",
    title: "Late show",
    occurrences: [occ("2026-10-31T23:00", 120)],
  });
  const series = makeProgram({
    id: "series",
    title: "Series",
    occurrences: weekly("2026-10-06T18:00", 8),
  });
  const catalogue = makeCatalogue({ programs: [late, series], now: "2026-10-01T09:00" });
  const months = calendarMonths(catalogue.upcoming, {
    now: catalogue.now,
    horizon: catalogue.horizon,
    zone: catalogue.library.timezone,
    locale: "en-US",
  });

  it("has one month from the current month to the horizon month, linked in a chain", () => {
    expect(months.map((m) => m.key)).toEqual([
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
      "2027-03",
      "2027-04",
    ]);
    expect(months[0].prev).toBeUndefined();
    expect(months[0].next?.url).toBe("/calendar/2026/11/");
    expect(months.at(-1)!.next).toBeUndefined();
    expect(months[1].prev?.url).toBe("/calendar/2026/10/");
  });

  it("pads weeks to seven cells, starting on the locale's first day", () => {
    const oct = months[0];
    // 1 October 2026 is a Thursday: four empty cells before it in a Sunday-first week.
    expect(oct.weeks[0].slice(0, 4)).toEqual([null, null, null, null]);
    expect(oct.weeks[0][4]?.date).toBe("2026-10-01");
    for (const week of oct.weeks) expect(week).toHaveLength(7);
  });

  it("shows an occurrence crossing midnight on its start day only", () => {
    const days = months
      .flatMap((m) => m.weeks.flat())
      .filter((d) => d && d.listings.some((l) => l.program.id === "late"));
    expect(days.map((d) => d!.date)).toEqual(["2026-10-31"]);
    expect(months[0].count + months[1].count).toBe(9);
  });
});

describe("calendar pages of a Berlin library", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture(await makeBerlinSite(), BERLIN_NOW);
  }, 60_000);

  it("builds months from the current one to the horizon, with /calendar/ leading to the first", async () => {
    expect(site.ok).toBe(true);
    for (const m of ["2027/03", "2027/04", "2027/05", "2027/06"])
      expect(site.exists(`/calendar/${m}/`), m).toBe(true);
    expect(site.exists("/calendar/2027/02/")).toBe(false);
    expect(site.exists("/calendar/2027/07/")).toBe(false);
    const index = await site.read("/calendar/");
    expect(index).toContain('<meta http-equiv="refresh" content="0; url=/calendar/2027/03/">');
    expect(index).toContain('<a href="/calendar/2027/03/">');
    const march = await site.read("/calendar/2027/03/");
    expect(march).not.toContain('rel="prev"');
    expect(march).toContain('<a rel="next" href="/calendar/2027/04/">');
    const june = await site.read("/calendar/2027/06/");
    expect(june).toContain('<a rel="prev" href="/calendar/2027/05/">');
    expect(june).not.toContain('rel="next"');
  });

  it("is an accessible table with a caption and weekday column headers starting on Monday", async () => {
    const march = await site.read("/calendar/2027/03/");
    expect(march).toMatch(/<table class="calendar">\s*<caption>Programs in März 2027<\/caption>/);
    const headers = [...march.matchAll(/<th scope="col"><abbr title="([^"]+)">/g)].map((m) => m[1]);
    expect(headers).toEqual([
      "Montag",
      "Dienstag",
      "Mittwoch",
      "Donnerstag",
      "Freitag",
      "Samstag",
      "Sonntag",
    ]);
    expect(march).toContain('<time class="calendar-date" datetime="2027-03-01">');
  });

  it("keeps a weekly series at 16:00 across the DST change, with the right offsets", async () => {
    const march = await site.read("/calendar/2027/03/");
    const april = await site.read("/calendar/2027/04/");
    expect(march).toContain('<time datetime="2027-03-26T16:00+01:00">16:00</time>');
    expect(april).toContain('<time datetime="2027-04-02T16:00+02:00">16:00</time>');
    // The cell a listing sits in is its start day in Berlin.
    const cell = (html: string, date: string) =>
      html.split('<td class="calendar-day').find((c) => c.includes(`datetime="${date}"`)) ?? "";
    expect(cell(april, "2027-04-02")).toContain("Vorlesestunde");
    expect(cell(april, "2027-04-03")).not.toContain("Vorlesestunde");
    // Every listed item can be hidden once it has ended: its end's time alone, as it ends
    // on its start's day at its start's offset (src/site/format.ts `isoEnd`).
    expect(april).toContain(
      '<li data-ends="16:45"><time datetime="2027-04-02T16:00+02:00">16:00</time>',
    );
  });

  it("shows a program crossing midnight on its start day only", async () => {
    const march = await site.read("/calendar/2027/03/");
    const april = await site.read("/calendar/2027/04/");
    const cell = march
      .split('<td class="calendar-day')
      .find((c) => c.includes('datetime="2027-03-31"'))!;
    expect(cell).toContain("Nachtlesung");
    expect(cell).toContain('<time datetime="2027-03-31T23:00+02:00">23:00</time>');
    // Its end is on the next day: `data-ends` says the whole date-time.
    expect(cell).toContain(
      '<li data-ends="2027-04-01T01:00+02:00"><time datetime="2027-03-31T23:00+02:00">',
    );
    expect(april).not.toContain("Nachtlesung");
  });

  it("strikes through a cancelled occurrence and says so in text", async () => {
    const april = await site.read("/calendar/2027/04/");
    const cell = april
      .split('<td class="calendar-day')
      .find((c) => c.includes('datetime="2027-04-09"'))!;
    expect(cell).toMatch(
      /<li class="is-cancelled"[^>]*>[\s\S]*<s><a href="\/programs\/vorlesestunde\/">Vorlesestunde<\/a><\/s> <span class="badge badge-cancelled">Cancelled<\/span>/,
    );
  });

  it("never shows drafts", async () => {
    for (const m of ["2027/03", "2027/04"])
      expect(await site.read(`/calendar/${m}/`)).not.toContain("Geheimer Entwurf");
  });
});
