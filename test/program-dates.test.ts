// What a program page lists of its upcoming dates (src/site/program-dates.ts, issue 16):
// the next PAGE_DATES and every cancelled one after them, a count of the others and the
// month calendars that hold them. The built pages against their .ics: test/feeds.test.ts.
import { describe, expect, it } from "vitest";
import { FIRST_DATES, PAGE_DATES, programDates } from "../src/site/program-dates.ts";
import { weekly } from "./helpers/model.ts";

const ZONE = "America/Chicago";
const iso = (o: { start: { toISO(): string | null } }) => o.start.toISO();

describe("a program page's dates", () => {
  it("lists a short series whole", () => {
    const dates = weekly("2026-12-01T18:00", 8, 60, ZONE);
    const shown = programDates(dates, ZONE);
    expect(shown.first.map(iso)).toEqual(dates.slice(0, FIRST_DATES).map(iso));
    expect(shown.more.map(iso)).toEqual(dates.slice(FIRST_DATES).map(iso));
    expect(shown).toMatchObject({ unlisted: 0, months: [] });
  });

  it("lists the next dates of a long series and every later cancelled one, and counts the rest by month", () => {
    // Weekly from December 2026 to the end of May 2027: 26 dates; two later ones cancelled.
    const dates = weekly("2026-12-01T18:00", 26, 60, ZONE).map((o, i) =>
      i === 22 || i === 25 ? { ...o, cancelled: true } : o,
    );
    expect(PAGE_DATES).toBe(14);
    const shown = programDates(dates, ZONE);
    const listed = [...shown.first, ...shown.more];
    expect(listed.map(iso)).toEqual([...dates.slice(0, 14), dates[22], dates[25]].map(iso));
    expect(shown.first).toHaveLength(FIRST_DATES);
    // Not listed: the ten others from March 9 (the fifteenth date) to May 18.
    expect(shown.unlisted).toBe(10);
    expect(shown.months.map((m) => [m.key, m.url])).toEqual([
      ["2027-03", "/calendar/2027/03/"],
      ["2027-04", "/calendar/2027/04/"],
      ["2027-05", "/calendar/2027/05/"],
    ]);
  });

  it("counts months in the library's zone, not the series' own offset", () => {
    // Written in UTC: 03:30 on May 1 is 22:30 on April 30 in Chicago, on April's calendar.
    const dates = weekly("2027-05-01T03:30:00Z", 1, 60, ZONE);
    expect(dates[0]!.start.month).toBe(5);
    expect(programDates(dates, ZONE, 0).months.map((m) => m.key)).toEqual(["2027-04"]);
  });
});
