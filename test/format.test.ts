import { describe, it, expect } from "vitest";
import { DateTime } from "luxon";
import {
  isoAttr,
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
