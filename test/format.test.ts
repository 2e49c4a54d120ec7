import { describe, it, expect } from "vitest";
import { DateTime } from "luxon";
import {
  isoAttr,
  listedTimeRange,
  longDate,
  readableDate,
  shortDate,
  timeOfDay,
  timeRange,
} from "../src/site/format.ts";

const chicago = (iso: string) => DateTime.fromISO(iso, { zone: "America/Chicago" });

describe("format", () => {
  it("formats wall-clock fields in the value's own zone, including fixed offsets", () => {
    const fixed = DateTime.fromISO("2026-10-20T18:00-05:00", { setZone: true });
    expect(timeOfDay(fixed, "en-US")).toBe("6:00 PM");
    expect(timeOfDay(chicago("2026-12-01T18:30"), "en-US")).toBe("6:30 PM");
    expect(timeOfDay(chicago("2026-12-01T18:30"), "de-DE")).toBe("18:30");
    expect(longDate(chicago("2026-10-20T23:30"), "en-US")).toBe("Tuesday, October 20, 2026");
    expect(shortDate(chicago("2026-10-20T00:30"), "es-US")).toMatch(/20/);
  });

  it("gives <time datetime> values with offsets, or dates for all-day", () => {
    expect(isoAttr(chicago("2026-12-01T18:00"))).toBe("2026-12-01T18:00-06:00");
    expect(isoAttr(chicago("2026-12-01"), true)).toBe("2026-12-01");
  });

  it("describes ranges, across midnight and for multi-day all-day occurrences", () => {
    const night = {
      start: chicago("2027-04-09T21:00"),
      end: chicago("2027-04-10T01:00"),
      allDay: false,
      cancelled: false,
    };
    expect(timeRange(night, "en-US")).toBe("9:00 PM – Sat, Apr 10, 1:00 AM");
    const festival = {
      start: chicago("2027-04-16"),
      end: chicago("2027-04-19"),
      allDay: true,
      cancelled: false,
    };
    expect(timeRange(festival, "en-US")).toBe("All day, until Sun, Apr 18");
    const day = {
      start: chicago("2027-03-06"),
      end: chicago("2027-03-07"),
      allDay: true,
      cancelled: false,
    };
    expect(timeRange(day, "en-US")).toBe("All day");
  });

  it("names the zone for a time in the hour that happens twice, and only there", () => {
    // Chicago's clocks go back at 02:00 CDT on 2026-11-01: 01:00 to 02:00 happens twice.
    const first = DateTime.fromISO("2026-11-01T01:30-05:00").setZone("America/Chicago");
    const second = DateTime.fromISO("2026-11-01T01:30-06:00").setZone("America/Chicago");
    const once = { allDay: false, cancelled: false };
    expect(timeRange({ ...once, start: first, end: second }, "en-US")).toBe(
      "1:30 AM CDT – 1:30 AM CST",
    );
    // 00:30 for 90 minutes ends at 01:00 CST, the second 1:00 AM.
    const late = chicago("2027-11-07T00:30");
    expect(timeRange({ ...once, start: late, end: late.plus({ minutes: 90 }) }, "en-US")).toBe(
      "12:30 AM – 1:00 AM CST",
    );
    expect(timeOfDay(chicago("2026-11-01T03:30"), "en-US")).toBe("3:30 AM");
    expect(timeOfDay(chicago("2026-10-31T01:30"), "en-US")).toBe("1:30 AM");
    const berlin = DateTime.fromISO("2026-10-25T02:30+01:00").setZone("Europe/Berlin");
    expect(timeOfDay(berlin, "de-DE")).toBe("2:30 MEZ");
    // Lord Howe goes back 30 minutes: 01:30 to 02:00 happens twice.
    const howe = DateTime.fromISO("2027-04-04T01:45+11:00").setZone("Australia/Lord_Howe");
    expect(timeOfDay(howe, "en-AU")).toMatch(/^1:45 am \S+/);
    expect(timeOfDay(howe.plus({ hours: 1 }), "en-AU")).toBe("2:15 am");
    // A fixed offset never repeats.
    const fixed = DateTime.fromISO("2026-11-01T01:30-05:00", { setZone: true });
    expect(timeOfDay(fixed, "en-US")).toBe("1:30 AM");
  });

  it("writes a list's time of a late night as the end's time alone, keeping dates beyond it and zone names", () => {
    // The print brochure's times (src/site/site.ts printMonths): one line for a weekly
    // series that ends after midnight, its dates beside it.
    const santiago = (iso: string) => DateTime.fromISO(iso, { zone: "America/Santiago" });
    const span = (start: DateTime, minutes: number) => ({
      start,
      end: start.plus({ minutes }),
      allDay: false,
      cancelled: false,
    });
    const night = span(santiago("2027-04-17T23:00"), 90);
    expect(timeRange(night, "es-CL")).toBe("11:00 p. m. – dom, 18 abr, 12:30 a. m.");
    expect(listedTimeRange(night, "es-CL")).toBe("11:00 p. m. – 12:30 a. m.");
    // The night the clocks go back (24:00 -> 23:00 on 3 April): the zone's names stay, and
    // an end in the repeated hour on the same date is as the pages write it.
    const back = span(santiago("2027-04-03T23:00"), 90);
    expect(listedTimeRange(back, "es-CL")).toBe("11:00 p. m. CLST – 11:30 p. m. CLT");
    expect(listedTimeRange(span(santiago("2027-04-03T23:30"), 120), "es-CL")).toBe(
      "11:30 p. m. CLST – 12:30 a. m.",
    );
    // Same day, an end the next day later in the day than the start, two days on, all
    // day: as `timeRange`.
    for (const occ of [
      span(santiago("2027-04-17T18:00"), 90),
      span(santiago("2027-04-17T23:00"), 24 * 60 + 30),
      span(santiago("2027-04-17T23:00"), 25 * 60 + 30),
      { ...span(santiago("2027-04-17"), 2 * 24 * 60), allDay: true },
    ])
      expect(listedTimeRange(occ, "es-CL")).toBe(timeRange(occ, "es-CL"));
  });

  it("reads front-matter dates for display", () => {
    expect(readableDate("2026-10-01", "America/Chicago", "en-US")).toBe("October 1, 2026");
    expect(readableDate("2026-10-01 09:00", "America/Chicago", "en-US")).toBe(
      "October 1, 2026, 9:00 AM",
    );
    expect(readableDate("not a date", "America/Chicago", "en-US")).toBe("not a date");
  });
});

describe("whenAttr", () => {
  it("gives front-matter values as ISO with the library zone's offset", async () => {
    const { whenAttr } = await import("../src/site/format.ts");
    expect(whenAttr("2026-10-01 09:00", "America/Chicago")).toBe("2026-10-01T09:00-05:00");
    expect(whenAttr("2026-10-01", "America/Chicago")).toBe("2026-10-01");
  });
});
