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
    expect(isoAttr(chicago("2026-12-01T18:00"))).toBe("2026-12-01T18:00:00-06:00");
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
    expect(whenAttr("2026-10-01 09:00", "America/Chicago")).toBe("2026-10-01T09:00:00-05:00");
    expect(whenAttr("2026-10-01", "America/Chicago")).toBe("2026-10-01");
  });
});
