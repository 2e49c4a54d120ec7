// `/offline/data.json` (src/offline/offline-data.ts): what the offline page draws an unsaved
// program or month calendar from. Checked on a hand-built catalogue in another zone than
// the demo's (Pacific/Auckland), with a series, a cancelled date, an all-day festival,
// registration that opens later, closures and a program with no upcoming date.
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { offlineData, type OfflineDate } from "../src/offline/offline-data.ts";
import { Site } from "../src/site/site.ts";
import { timeRange } from "../src/site/format.ts";
import { makeCatalogue, makeLibrary, makeProgram, occ, weekly } from "./helpers/model.ts";

const ZONE = "Pacific/Auckland";

/** Dates back to ISO starts in the zone, with their lengths and cancelled flags. */
function decode(dates: OfflineDate[]): string[] {
  let start = 0;
  return dates.map(([delta, length, cancelled]) => {
    start += delta;
    const iso = DateTime.fromMillis(start * 60_000, { zone: ZONE }).toISO({
      suppressMilliseconds: true,
    });
    return `${iso} ${length}${cancelled ? " cancelled" : ""}`;
  });
}

describe("offline data", () => {
  const library = makeLibrary({
    timezone: ZONE,
    locale: "en-NZ",
    horizonMonths: 3,
    locations: [
      { id: "waterfront", name: "Waterfront Library", address: "1 Quay St", closed: [] },
      {
        id: "hillcrest",
        name: "Hillcrest Library",
        address: "42 Ridge Rd",
        closed: [{ date: "2027-01-04" }],
      },
    ],
    closed: [
      { date: "2026-11-20", reason: "Before the build" },
      { date: "2026-12-25", reason: "Christmas Day" },
    ],
  });
  const walk = makeProgram({
    id: "harbour-walk",
    title: "Harbour History Walk",
    location: "waterfront",
    room: "Front steps",
    occurrences: [
      ...weekly("2026-12-05T10:00", 3, 90, ZONE).map((o, i) => ({ ...o, cancelled: i === 1 })),
    ],
    registration: { required: true, full: false, opens: "2026-12-01 09:00" },
  });
  const festival = makeProgram({
    id: "summer-festival",
    title: "Summer Festival",
    location: undefined,
    online: "https://meet.example.nz/f",
    occurrences: [occ("2027-01-09", 2, ZONE)],
  });
  const past = makeProgram({
    id: "spring-talk",
    title: "Spring Talk",
    occurrences: [occ("2026-10-01T18:00", 60, ZONE)],
  });
  const catalogue = makeCatalogue({
    library,
    programs: [walk, festival, past],
    now: "2026-11-28T10:00",
  });
  const data = offlineData(new Site(catalogue));

  it("gives each program its upcoming dates, in minutes after the one before", () => {
    expect(decode(data.programs["harbour-walk"]!.dates)).toEqual([
      "2026-12-05T10:00:00+13:00 90",
      "2026-12-12T10:00:00+13:00 90 cancelled",
      "2026-12-19T10:00:00+13:00 90",
    ]);
    // Days as minutes to the midnight after the last one: 2 days of 24 hours here.
    expect(data.programs["summer-festival"]).toMatchObject({ allDay: true, online: true });
    expect(decode(data.programs["summer-festival"]!.dates)).toEqual([
      "2027-01-09T00:00:00+13:00 2880",
    ]);
  });

  it("carries the times of the repeated hour the clocks going back make, as the pages print them", () => {
    // Auckland goes back from 03:00 to 02:00 on 4 April 2027: 02:00 to 03:00 happens twice.
    // 02:30 NZDT for an hour ends at 02:30 NZST; the page says "2:30 am NZDT – 2:30 am NZST".
    const night = makeProgram({
      id: "night-sky",
      occurrences: [occ("2027-04-04T02:30", 60, ZONE), occ("2027-04-11T02:30", 60, ZONE)],
    });
    const site = new Site(makeCatalogue({ library, programs: [night], now: "2027-03-20T10:00" }));
    const [back] = night.occurrences;
    const at = (t: DateTime) => String(t.toMillis() / 60_000);
    expect(timeRange(back!, "en-NZ")).toMatch(/^2:30 am NZDT – 2:30 am NZST$/);
    expect(offlineData(site).zoneTimes).toEqual({
      [at(back!.start)]: "2:30 am NZDT",
      [at(back!.end)]: "2:30 am NZST",
    });
    // None: no field.
    expect(data).not.toHaveProperty("zoneTimes");
  });

  it("keeps every program, those with no upcoming date too (search finds them)", () => {
    expect(Object.keys(data.programs).sort()).toEqual([
      "harbour-walk",
      "spring-talk",
      "summer-festival",
    ]);
    expect(data.programs["spring-talk"]!.dates).toEqual([]);
  });

  it("carries registration's states with when each begins", () => {
    const opens = DateTime.fromISO("2026-12-01T09:00", { zone: ZONE }).toMillis() / 60_000;
    const closes = DateTime.fromISO("2026-12-19T10:00", { zone: ZONE }).toMillis() / 60_000;
    expect(data.programs["harbour-walk"]!.registration).toEqual({
      required: true,
      phases: [["opens"], ["open", opens], ["closing-soon", closes - 3 * 1440], ["closed", closes]],
    });
  });

  it("lists the months of the calendar pages and the closures from today to the horizon", () => {
    expect(data.months.map((m) => m.key)).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(data.months[1]!.title).toBe("December 2026");
    expect(data.closures).toEqual({
      "2026-12-25": [{ reason: "Christmas Day" }],
      "2027-01-04": [{ name: "Hillcrest Library" }],
    });
    expect(data.library).toEqual({
      name: library.name,
      timezone: ZONE,
      locale: "en-NZ",
    });
    expect(data.locations.waterfront).toEqual({ name: "Waterfront Library", address: "1 Quay St" });
  });
});
