import { describe, it, expect } from "vitest";
import { DateTime } from "luxon";
import type { Repeat } from "../src/content/model.ts";
import { checkSchedule } from "../src/schedule/check.ts";
import { parseOnRule } from "../src/schedule/rules.ts";
import {
  expandSchedule,
  type ScheduleContext,
  type ScheduleResult,
  type ScheduleSpec,
} from "../src/schedule/schedule.ts";

const CHICAGO = "America/Chicago";

function ctx(over: Partial<ScheduleContext> = {}): ScheduleContext {
  const zone = over.zone ?? CHICAGO;
  return {
    zone,
    horizon: DateTime.fromISO("2027-06-30T23:59", { zone }),
    closed: new Map(),
    ...over,
  };
}

function spec(over: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return { start: "2026-10-20 18:00", dates: [], cancelled: [], ...over };
}

function repeat(over: Partial<Repeat> & Pick<Repeat, "every">): Repeat {
  return { interval: 1, except: [], ...over };
}

const run = (s: Partial<ScheduleSpec>, c: Partial<ScheduleContext> = {}) =>
  expandSchedule(spec(s), ctx(c));
const starts = (r: ScheduleResult) => r.occurrences.map((o) => o.start.toISO());
const ends = (r: ScheduleResult) => r.occurrences.map((o) => o.end.toISO());

describe("dates outside the years 1900 to 2200", () => {
  it("give no occurrences, and are skipped in dates (checkSchedule reports them)", () => {
    expect(starts(run({ start: "0000-01-01 10:00", end: "9999-12-31 10:00" }))).toEqual([]);
    expect(
      starts(run({ start: "2026-10-20 18:00", dates: ["9999-01-01 10:00", "2026-11-05 10:00"] })),
    ).toEqual(["2026-10-20T18:00:00.000-05:00", "2026-11-05T10:00:00.000-06:00"]);
  });
});

describe("single occurrences", () => {
  it("a timed start lasts 60 minutes by default, in the library zone", () => {
    const r = run({});
    expect(r.occurrences).toHaveLength(1);
    const [o] = r.occurrences;
    expect(o.start.toISO()).toBe("2026-10-20T18:00:00.000-05:00");
    expect(o.end.toISO()).toBe("2026-10-20T19:00:00.000-05:00");
    expect(o.allDay).toBe(false);
    expect(o.cancelled).toBe(false);
    expect(o.start.zoneName).toBe(CHICAGO);
    expect(r.closedDropped).toEqual([]);
  });

  it("takes its length from end", () => {
    const r = run({ start: "2026-10-20T18:00:30", end: "2026-10-20 19:30" });
    expect(starts(r)).toEqual(["2026-10-20T18:00:30.000-05:00"]);
    expect(ends(r)).toEqual(["2026-10-20T19:30:00.000-05:00"]);
  });

  it("takes its length from duration in minutes", () => {
    const r = run({ duration: 90 });
    expect(ends(r)).toEqual(["2026-10-20T19:30:00.000-05:00"]);
  });

  it("a date alone is one whole day, end exclusive at the next midnight", () => {
    const r = run({ start: "2026-10-20" });
    expect(starts(r)).toEqual(["2026-10-20T00:00:00.000-05:00"]);
    expect(ends(r)).toEqual(["2026-10-21T00:00:00.000-05:00"]);
    expect(r.occurrences[0].allDay).toBe(true);
  });

  it("an all-day end names the last day, inclusive (here across the DST change)", () => {
    const r = run({ start: "2026-10-30", end: "2026-11-02" });
    expect(starts(r)).toEqual(["2026-10-30T00:00:00.000-05:00"]);
    expect(ends(r)).toEqual(["2026-11-03T00:00:00.000-06:00"]);
  });

  it("an all-day end on the start day is one day", () => {
    expect(ends(run({ start: "2026-10-20", end: "2026-10-20" }))).toEqual([
      "2026-10-21T00:00:00.000-05:00",
    ]);
  });

  it("crosses midnight when end is the next day", () => {
    const r = run({ start: "2026-10-20 22:00", end: "2026-10-21 01:00" });
    expect(starts(r)).toEqual(["2026-10-20T22:00:00.000-05:00"]);
    expect(ends(r)).toEqual(["2026-10-21T01:00:00.000-05:00"]);
  });

  it("keeps an explicit offset, whatever the library zone", () => {
    const r = run(
      { start: "2026-10-20T18:00-05:00", repeat: repeat({ every: "week", count: 3 }) },
      { zone: "Europe/Berlin" },
    );
    expect(starts(r)).toEqual([
      "2026-10-20T18:00:00.000-05:00",
      "2026-10-27T18:00:00.000-05:00",
      "2026-11-03T18:00:00.000-05:00",
    ]);
    expect(ends(r)[0]).toBe("2026-10-20T19:00:00.000-05:00");
  });

  it("keeps Z as UTC", () => {
    const r = run({ start: "2026-10-20T18:00Z" }, { zone: "Europe/Berlin" });
    expect(starts(r)).toEqual(["2026-10-20T18:00:00.000Z"]);
  });

  it("gives nothing for an unreadable start (checkSchedule reports it)", () => {
    expect(run({ start: "2026-02-30 18:00" }).occurrences).toEqual([]);
    expect(run({ start: "soon" }).occurrences).toEqual([]);
  });
});

describe("weekly series keep their wall-clock time across daylight saving", () => {
  it("America/Chicago, DST ends 2026-11-01", () => {
    const r = run({
      repeat: repeat({ every: "week", until: "2026-11-10" }),
      end: "2026-10-20 19:30",
    });
    expect(starts(r)).toEqual([
      "2026-10-20T18:00:00.000-05:00",
      "2026-10-27T18:00:00.000-05:00",
      "2026-11-03T18:00:00.000-06:00",
      "2026-11-10T18:00:00.000-06:00",
    ]);
    expect(ends(r)[3]).toBe("2026-11-10T19:30:00.000-06:00");
  });

  it("America/Chicago, DST starts 2027-03-14", () => {
    const r = run({
      start: "2027-03-02 18:00",
      repeat: repeat({ every: "week", until: "2027-03-23" }),
    });
    expect(starts(r)).toEqual([
      "2027-03-02T18:00:00.000-06:00",
      "2027-03-09T18:00:00.000-06:00",
      "2027-03-16T18:00:00.000-05:00",
      "2027-03-23T18:00:00.000-05:00",
    ]);
  });

  it("Pacific/Auckland, DST starts 2026-09-27", () => {
    const zone = "Pacific/Auckland";
    const r = run(
      { start: "2026-09-15 18:00", repeat: repeat({ every: "week", until: "2026-10-06" }) },
      { zone },
    );
    expect(starts(r)).toEqual([
      "2026-09-15T18:00:00.000+12:00",
      "2026-09-22T18:00:00.000+12:00",
      "2026-09-29T18:00:00.000+13:00",
      "2026-10-06T18:00:00.000+13:00",
    ]);
  });

  it("Pacific/Auckland, DST ends 2027-04-04", () => {
    const zone = "Pacific/Auckland";
    const r = run(
      { start: "2027-03-23 18:00", repeat: repeat({ every: "week", until: "2027-04-13" }) },
      { zone },
    );
    expect(starts(r)).toEqual([
      "2027-03-23T18:00:00.000+13:00",
      "2027-03-30T18:00:00.000+13:00",
      "2027-04-06T18:00:00.000+12:00",
      "2027-04-13T18:00:00.000+12:00",
    ]);
  });

  it("a time in the spring-forward gap moves forward by the gap, that day only", () => {
    const r = run({ start: "2027-03-07 02:30", repeat: repeat({ every: "week", count: 3 }) });
    expect(starts(r)).toEqual([
      "2027-03-07T02:30:00.000-06:00",
      "2027-03-14T03:30:00.000-05:00",
      "2027-03-21T02:30:00.000-05:00",
    ]);
  });

  it("a time that happens twice at fall-back is the first of the two, in every zone", () => {
    const chicago = run({ start: "2026-10-25 01:30", repeat: repeat({ every: "week", count: 3 }) });
    expect(starts(chicago)).toEqual([
      "2026-10-25T01:30:00.000-05:00",
      "2026-11-01T01:30:00.000-05:00",
      "2026-11-08T01:30:00.000-06:00",
    ]);
    const auckland = run({ start: "2027-04-04 02:30" }, { zone: "Pacific/Auckland" });
    expect(starts(auckland)).toEqual(["2027-04-04T02:30:00.000+13:00"]);
    // The start itself follows the same rule as the series.
    expect(starts(run({ start: "2026-11-01 01:30" }))).toEqual(["2026-11-01T01:30:00.000-05:00"]);
  });

  it("an explicit-offset series keeps the fixed offset across DST (what staff wrote)", () => {
    const r = run({ start: "2026-10-27T18:00-05:00", repeat: repeat({ every: "week", count: 2 }) });
    expect(starts(r)).toEqual(["2026-10-27T18:00:00.000-05:00", "2026-11-03T18:00:00.000-05:00"]);
  });
});

describe("repeat rules", () => {
  it("weekly on [tue, thu]", () => {
    const r = run({ repeat: repeat({ every: "week", on: ["tue", "Thu"], count: 5 }) });
    expect(starts(r).map((s) => s?.slice(0, 10))).toEqual([
      "2026-10-20",
      "2026-10-22",
      "2026-10-27",
      "2026-10-29",
      "2026-11-03",
    ]);
  });

  it("every 2 weeks counts weeks (Monday-based) from the start's week", () => {
    // Start Wednesday 2026-10-21; its week begins Monday 10-19 (before start, skipped).
    const r = run({
      start: "2026-10-21 10:00",
      repeat: repeat({ every: "week", interval: 2, on: ["mon", "fri"], until: "2026-11-16" }),
    });
    expect(starts(r).map((s) => s?.slice(0, 10))).toEqual([
      "2026-10-21",
      "2026-10-23",
      "2026-11-02",
      "2026-11-06",
      "2026-11-16",
    ]);
  });

  it("start is always the first occurrence, even off the weekly rule", () => {
    const r = run({ repeat: repeat({ every: "week", on: ["thu"], count: 3 }) });
    expect(starts(r).map((s) => s?.slice(0, 10))).toEqual([
      "2026-10-20",
      "2026-10-22",
      "2026-10-29",
    ]);
  });

  it("daily with an interval", () => {
    const r = run({
      start: "2026-10-20 10:00",
      repeat: repeat({ every: "day", interval: 3, count: 4 }),
    });
    expect(starts(r)).toEqual([
      "2026-10-20T10:00:00.000-05:00",
      "2026-10-23T10:00:00.000-05:00",
      "2026-10-26T10:00:00.000-05:00",
      "2026-10-29T10:00:00.000-05:00",
    ]);
  });

  it("monthly on the 2nd Tuesday", () => {
    const r = run({
      start: "2026-10-13 18:00",
      repeat: repeat({ every: "month", on: ["2nd tue"], count: 4 }),
    });
    expect(starts(r)).toEqual([
      "2026-10-13T18:00:00.000-05:00",
      "2026-11-10T18:00:00.000-06:00",
      "2026-12-08T18:00:00.000-06:00",
      "2027-01-12T18:00:00.000-06:00",
    ]);
  });

  it("monthly on the last Friday, and on the 1st and 3rd Saturday", () => {
    const last = run({
      start: "2026-10-30 18:00",
      repeat: repeat({ every: "month", on: ["last fri"], count: 3 }),
    });
    expect(starts(last).map((s) => s?.slice(0, 10))).toEqual([
      "2026-10-30",
      "2026-11-27",
      "2026-12-25",
    ]);
    const two = run({
      start: "2026-10-03 11:00",
      repeat: repeat({ every: "month", on: ["1st sat", "3rd sat"], until: "2026-11-30" }),
    });
    expect(starts(two).map((s) => s?.slice(0, 10))).toEqual([
      "2026-10-03",
      "2026-10-17",
      "2026-11-07",
      "2026-11-21",
    ]);
  });

  it("monthly on the 2nd-last Wednesday", () => {
    const r = run({
      start: "2026-10-21 18:00",
      repeat: repeat({ every: "month", on: ["2nd-last wed"], count: 2 }),
    });
    expect(starts(r).map((s) => s?.slice(0, 10))).toEqual(["2026-10-21", "2026-11-18"]);
  });

  it("monthly on the same day of month skips months without it", () => {
    const r = run({
      start: "2026-10-31 10:00",
      repeat: repeat({ every: "month", until: "2027-05-31" }),
    });
    expect(starts(r).map((s) => s?.slice(0, 10))).toEqual([
      "2026-10-31",
      "2026-12-31",
      "2027-01-31",
      "2027-03-31",
      "2027-05-31",
    ]);
  });

  it("until is inclusive", () => {
    const r = run({ repeat: repeat({ every: "week", until: "2026-11-03" }) });
    expect(starts(r).at(-1)).toBe("2026-11-03T18:00:00.000-06:00");
    expect(r.occurrences).toHaveLength(3);
  });

  it("count includes start and is counted before except (RFC 5545 COUNT with EXDATE)", () => {
    const r = run({ repeat: repeat({ every: "week", count: 4, except: ["2026-10-27"] }) });
    expect(starts(r).map((s) => s?.slice(0, 10))).toEqual([
      "2026-10-20",
      "2026-11-03",
      "2026-11-10",
    ]);
  });

  it("open-ended series stop at the horizon (a start exactly at it is kept)", () => {
    const at = DateTime.fromISO("2026-11-17T18:00", { zone: CHICAGO });
    const r = run({ repeat: repeat({ every: "week" }) }, { horizon: at });
    expect(starts(r).at(-1)).toBe("2026-11-17T18:00:00.000-06:00");
    expect(r.occurrences).toHaveLength(5);
    const before = run(
      { repeat: repeat({ every: "week" }) },
      { horizon: at.minus({ minutes: 1 }) },
    );
    expect(starts(before).at(-1)).toBe("2026-11-10T18:00:00.000-06:00");
  });

  it("count and until never go past the horizon", () => {
    const horizon = DateTime.fromISO("2026-11-01", { zone: CHICAGO });
    expect(
      run({ repeat: repeat({ every: "week", count: 50 }) }, { horizon }).occurrences,
    ).toHaveLength(2);
    expect(
      run({ repeat: repeat({ every: "day", until: "2030-01-01" }) }, { horizon }).occurrences,
    ).toHaveLength(12);
  });

  it("keeps an explicit start and dates beyond the horizon", () => {
    const horizon = DateTime.fromISO("2026-01-01", { zone: CHICAGO });
    const r = run({ repeat: repeat({ every: "week" }), dates: ["2027-01-05 10:00"] }, { horizon });
    expect(starts(r)).toEqual(["2026-10-20T18:00:00.000-05:00", "2027-01-05T10:00:00.000-06:00"]);
  });

  it("an all-day weekly series gives whole days of the same length", () => {
    const r = run({
      start: "2026-10-30",
      end: "2026-10-31",
      repeat: repeat({ every: "week", count: 2 }),
    });
    expect(starts(r)).toEqual(["2026-10-30T00:00:00.000-05:00", "2026-11-06T00:00:00.000-06:00"]);
    expect(ends(r)).toEqual(["2026-11-01T00:00:00.000-05:00", "2026-11-08T00:00:00.000-06:00"]);
    expect(r.occurrences.every((o) => o.allDay)).toBe(true);
  });

  it("a daily series from years ago up to the horizon is linear and quick", () => {
    const t0 = performance.now();
    const r = run({
      start: "2016-01-01 09:00",
      repeat: repeat({ every: "day", except: ["2020-02-29"] }),
    });
    const elapsed = performance.now() - t0;
    const days =
      DateTime.fromISO("2027-06-30").diff(DateTime.fromISO("2016-01-01"), "days").days + 1;
    expect(r.occurrences).toHaveLength(days - 1);
    expect(starts(r).at(-1)).toBe("2027-06-30T09:00:00.000-05:00");
    expect(elapsed).toBeLessThan(3000);
  });
});

describe("dates, except, cancelled and closed days", () => {
  it("adds dates with the same length, deduplicated and sorted", () => {
    const r = run({
      end: "2026-10-20 19:30",
      dates: ["2026-11-05 10:00", "2026-10-20 18:00", "2026-10-20T18:00:00", "2026-11-05"],
    });
    expect(starts(r)).toEqual([
      "2026-10-20T18:00:00.000-05:00",
      "2026-11-05T10:00:00.000-06:00",
      "2026-11-05T18:00:00.000-06:00",
    ]);
    expect(ends(r)[1]).toBe("2026-11-05T11:30:00.000-06:00");
  });

  it("dedupes a date that the series also produces", () => {
    const r = run({ repeat: repeat({ every: "week", count: 2 }), dates: ["2026-10-27 18:00"] });
    expect(r.occurrences).toHaveLength(2);
  });

  it("except removes by local date, or exactly by date and time", () => {
    const byDate = run({ repeat: repeat({ every: "week", count: 3, except: ["2026-10-27"] }) });
    expect(starts(byDate).map((s) => s?.slice(0, 10))).toEqual(["2026-10-20", "2026-11-03"]);
    const exact = run({
      repeat: repeat({ every: "week", count: 3, except: ["2026-10-27T18:00"] }),
    });
    expect(exact.occurrences).toHaveLength(2);
    const miss = run({ repeat: repeat({ every: "week", count: 3, except: ["2026-10-27 19:00"] }) });
    expect(miss.occurrences).toHaveLength(3);
  });

  it("except also removes start and dates", () => {
    const r = run({
      dates: ["2026-11-05 10:00"],
      repeat: repeat({ every: "week", count: 1, except: ["2026-10-20"] }),
    });
    expect(starts(r)).toEqual(["2026-11-05T10:00:00.000-06:00"]);
  });

  it("cancelled keeps the occurrence, marked", () => {
    const r = run({
      repeat: repeat({ every: "week", count: 3 }),
      cancelled: ["2026-10-27", "2026-11-03 18:00"],
    });
    expect(r.occurrences.map((o) => o.cancelled)).toEqual([false, true, true]);
  });

  it("drops occurrences on closed days and reports them once a day", () => {
    const closed = new Map<string, string | undefined>([
      ["2026-10-27", "Staff training"],
      ["2026-11-03", undefined],
      ["2026-12-25", "Christmas Day"],
    ]);
    const r = run(
      { repeat: repeat({ every: "week", count: 3 }), dates: ["2026-10-27 10:00"] },
      { closed },
    );
    expect(starts(r)).toEqual(["2026-10-20T18:00:00.000-05:00"]);
    expect(r.closedDropped).toEqual([
      { date: "2026-10-27", reason: "Staff training" },
      { date: "2026-11-03" },
    ]);
  });

  it("does not report a closed day that except already removes", () => {
    const closed = new Map([["2026-10-27", "Staff training"]]);
    const r = run(
      { repeat: repeat({ every: "week", count: 3, except: ["2026-10-27"] }) },
      { closed },
    );
    expect(r.occurrences).toHaveLength(2);
    expect(r.closedDropped).toEqual([]);
  });

  it("matches closed days by the date in the library zone", () => {
    // 18:00 at -05:00 is 01:00 the next day in Berlin.
    const closed = new Map([["2026-10-21", undefined]]);
    const r = run({ start: "2026-10-20T18:00-05:00" }, { zone: "Europe/Berlin", closed });
    expect(r.occurrences).toEqual([]);
    // ... which is 2026-10-20 for the series itself, the date `except` would need.
    expect(r.closedDropped).toEqual([{ date: "2026-10-21", ownDate: "2026-10-20" }]);
  });
});

describe("cancelled and except dates that match no date", () => {
  const unmatched = (r: ScheduleResult) => r.unmatched.map((u) => `${u.field}: ${u.message}`);

  it("are judged against every date before closures, up to until, the count's last or the horizon", () => {
    // Weekly on Tuesdays from 2026-10-20: 10-27 is closed and excepted (a rule date: fine).
    const closed = new Map([["2026-10-27", "Staff training"]]);
    const counted = run(
      {
        repeat: repeat({ every: "week", count: 3, except: ["2026-10-27", "2026-10-28"] }),
        cancelled: ["2026-11-03", "2026-11-10"],
      },
      { closed },
    );
    // 11-10 lies after the third and last date (11-03): not the series' any more.
    expect(unmatched(counted)).toEqual([
      `repeat.except: "2026-10-28" matches none of the program's dates, so nothing is left out: 2026-10-28 is a Wednesday; the sessions near it are Tue 2026-10-27 and Tue 2026-11-03`,
    ]);
    // Without until or count, up to the horizon (2027-06-30) and no further.
    const open = run({
      repeat: repeat({ every: "week", except: ["2027-06-22", "2027-06-24", "2027-07-01"] }),
    });
    expect(unmatched(open)).toEqual([
      `repeat.except: "2027-06-24" matches none of the program's dates, so nothing is left out: 2027-06-24 is a Thursday; the sessions near it are Tue 2027-06-22 and Tue 2027-06-29`,
    ]);
    expect(open.occurrences.map((o) => o.start.toISODate())).not.toContain("2027-06-22");
  });
});

describe("parseOnRule", () => {
  it("reads weekly and monthly rules", () => {
    expect(parseOnRule("week", "Tue")).toEqual({ weekday: 2 });
    expect(parseOnRule("month", "2nd tue")).toEqual({ weekday: 2, nth: 2 });
    expect(parseOnRule("month", "last fri")).toEqual({ weekday: 5, nth: -1 });
    expect(parseOnRule("month", "3rd-last sun")).toEqual({ weekday: 7, nth: -3 });
    expect(parseOnRule("month", "tue")).toBeUndefined();
    expect(parseOnRule("week", "tues")).toBeUndefined();
  });
});

describe("checkSchedule", () => {
  const check = (s: Partial<ScheduleSpec>, zone = CHICAGO) =>
    checkSchedule(spec(s), zone).map((p) => `${p.field}: ${p.message}`);

  it("accepts a well-formed schedule, and cancelled/except dates that match nothing", () => {
    expect(
      check({
        end: "2026-10-20 19:30",
        repeat: repeat({
          every: "week",
          on: ["tue", "thu"],
          until: "2027-03-30",
          except: ["2030-01-01"],
        }),
        dates: ["2026-11-05 10:00", "2026-11-06"],
        cancelled: ["2031-01-01", "2026-10-22T18:00-05:00"],
      }),
    ).toEqual([]);
    expect(check({ start: "2026-10-20", end: "2026-10-22", dates: ["2026-12-01"] })).toEqual([]);
    expect(
      check({ start: "2026-10-20T18:00Z", end: "2026-10-20T20:00+01:00" }, "Europe/Berlin"),
    ).toEqual([]);
  });

  it("names the expected form for unreadable and impossible values", () => {
    expect(check({ start: "next tuesday" })).toMatchInlineSnapshot(`
      [
        "start: "next tuesday" is not a date or time; write 2026-10-20 for all day or 2026-10-20 18:00 (24-hour, in the library's time zone)",
      ]
    `);
    expect(check({ start: "2026-02-30" })).toMatchInlineSnapshot(`
      [
        "start: "2026-02-30" is not a real date: February 2026 has 28 days",
      ]
    `);
    expect(check({ start: "2026-13-01 18:00" })).toMatchInlineSnapshot(`
      [
        "start: "2026-13-01 18:00" is not a real date: there is no month 13",
      ]
    `);
    expect(check({ start: "2026-10-20 24:30" })).toMatchInlineSnapshot(`
      [
        "start: "2026-10-20 24:30" is not a real time: hours go from 00 to 23, minutes and seconds from 00 to 59",
      ]
    `);
    expect(check({ start: "2026-1-5 9:00" })).toMatchInlineSnapshot(`
      [
        "start: "2026-1-5 9:00" is not in the expected form; write 2026-01-05 09:00",
      ]
    `);
    expect(check({ start: "2026-10-20 6:30pm" })).toMatchInlineSnapshot(`
      [
        "start: "2026-10-20 6:30pm" uses am/pm; write 24-hour time: 2026-10-20 18:30",
      ]
    `);
    expect(check({ end: "19:30" })).toMatchInlineSnapshot(`
      [
        "end: "19:30" has no date; write the date too, e.g. 2026-10-20 19:30",
      ]
    `);
  });

  it("reports an end before or at the start", () => {
    expect(check({ end: "2026-10-20 17:00" })).toMatchInlineSnapshot(`
      [
        "end: ends before it starts (2026-10-20 17:00 < 2026-10-20 18:00)",
      ]
    `);
    expect(check({ start: "2026-10-20 22:00", end: "2026-10-20 01:00" })).toMatchInlineSnapshot(`
      [
        "end: ends before it starts (2026-10-20 01:00 < 2026-10-20 22:00); if it runs past midnight, write the next day's date: 2026-10-21 01:00",
      ]
    `);
    expect(check({ end: "2026-10-20T18:00" })).toMatchInlineSnapshot(`
      [
        "end: ends when it starts (2026-10-20T18:00); give a later end, or leave end out for 60 minutes",
      ]
    `);
    expect(check({ start: "2026-10-20", end: "2026-10-19" })).toMatchInlineSnapshot(`
      [
        "end: ends before it starts (2026-10-19 < 2026-10-20)",
      ]
    `);
  });

  it("reports all-day and timed values mixed", () => {
    expect(check({ start: "2026-10-20", end: "2026-10-21 17:00" })).toMatchInlineSnapshot(`
      [
        "end: "2026-10-21 17:00" has a time but start is a date alone (all day); write the last day alone, e.g. 2026-10-21",
      ]
    `);
    expect(check({ end: "2026-10-21" })).toMatchInlineSnapshot(`
      [
        "end: "2026-10-21" is a date alone but start has a time; write when it ends as a date and time (2026-10-21 HH:MM)",
      ]
    `);
    expect(check({ start: "2026-10-20", dates: ["2026-11-05 10:00"] })).toMatchInlineSnapshot(`
      [
        "dates: "2026-11-05 10:00" has a time but start is a date alone (all day); write the date alone, 2026-11-05",
      ]
    `);
  });

  it("reports duration problems", () => {
    expect(check({ end: "2026-10-20 19:00", duration: 60 })).toMatchInlineSnapshot(`
      [
        "duration: give either end or duration, not both",
      ]
    `);
    expect(check({ duration: 0 })).toEqual([
      "duration: must be a positive number of minutes (got 0)",
    ]);
    expect(check({ duration: -15 })).toEqual([
      "duration: must be a positive number of minutes (got -15)",
    ]);
    expect(check({ start: "2026-10-20", duration: 120 })).toMatchInlineSnapshot(`
      [
        "duration: start is a date alone (all day), so there is no time to count minutes from; give start a time, or use end for the last day",
      ]
    `);
  });

  it("reports repeat problems", () => {
    expect(check({ repeat: repeat({ every: "week", interval: 0 }) })).toMatchInlineSnapshot(`
      [
        "repeat.interval: must be a whole number, 1 or more (got 0)",
      ]
    `);
    expect(check({ repeat: repeat({ every: "week", until: "2027-01-01", count: 3 }) }))
      .toMatchInlineSnapshot(`
      [
        "repeat.count: give either until or count, not both",
      ]
    `);
    expect(check({ repeat: repeat({ every: "week", until: "2026-10-01" }) }))
      .toMatchInlineSnapshot(`
      [
        "repeat.until: the series ends before it starts (2026-10-01 < 2026-10-20)",
      ]
    `);
    expect(check({ repeat: repeat({ every: "week", until: "2027-03-30 18:00" }) }))
      .toMatchInlineSnapshot(`
      [
        "repeat.until: "2027-03-30 18:00" has a time; write the last date alone, e.g. 2027-03-30",
      ]
    `);
    expect(check({ repeat: repeat({ every: "week", until: "2027-02-29" }) }))
      .toMatchInlineSnapshot(`
      [
        "repeat.until: "2027-02-29" is not a real date: February 2027 has 28 days",
      ]
    `);
    expect(check({ repeat: repeat({ every: "week", count: 0 }) })).toMatchInlineSnapshot(`
      [
        "repeat.count: must be a whole number, 1 or more (got 0)",
      ]
    `);
    expect(check({ repeat: repeat({ every: "week", count: 2.5 }) })).toEqual([
      "repeat.count: must be a whole number, 1 or more (got 2.5)",
    ]);
  });

  it("reports bad weekdays and monthly rules, with a guess when there is one", () => {
    expect(check({ repeat: repeat({ every: "week", on: ["tues", "Thursday", "xyz", "2nd tue"] }) }))
      .toMatchInlineSnapshot(`
      [
        "repeat.on: "tues" is not a weekday (did you mean "tue"?)",
        "repeat.on: "Thursday" is not a weekday (did you mean "thu"?)",
        "repeat.on: "xyz" is not a weekday; use mon, tue, wed, thu, fri, sat or sun",
        "repeat.on: "2nd tue" is a monthly rule; use every: month, or the weekday alone for every week",
      ]
    `);
    expect(check({ repeat: repeat({ every: "month", on: ["second tuesday", "tue", "whenever"] }) }))
      .toMatchInlineSnapshot(`
      [
        "repeat.on: "second tuesday" is not a monthly rule (did you mean "2nd tue"?)",
        "repeat.on: "tue" needs which one in the month, e.g. "1st tue" or "last tue"",
        "repeat.on: "whenever" is not a monthly rule; write which one and the weekday, e.g. "2nd tue", "last fri" or "2nd-last wed"",
      ]
    `);
    expect(check({ repeat: repeat({ every: "month", on: ["last-fri", "2nd last wed"] }) })).toEqual(
      [
        'repeat.on: "last-fri" is not a monthly rule (did you mean "last fri"?)',
        'repeat.on: "2nd last wed" is not a monthly rule (did you mean "2nd-last wed"?)',
      ],
    );
    expect(check({ repeat: repeat({ every: "day", on: ["mon"] }) })).toMatchInlineSnapshot(`
      [
        "repeat.on: only applies to every: week or every: month; to pick weekdays use every: week with on: [mon, wed]",
      ]
    `);
    expect(check({ repeat: repeat({ every: "week", on: [] }) })).toMatchInlineSnapshot(`
      [
        "repeat.on: lists no days; name at least one, or leave on out",
      ]
    `);
  });

  it("refuses dates outside the years 1900 to 2200 in every schedule field", () => {
    expect(
      check({
        start: "0000-01-01",
        end: "9999-12-31",
        dates: ["1899-12-31", "2201-01-01 10:00"],
        cancelled: ["3026-11-24"],
        repeat: repeat({ every: "week", until: "2999-01-01", except: ["0026-12-22"] }),
      }),
    ).toMatchInlineSnapshot(`
      [
        "start: "0000-01-01" is in the year 0000; dates must fall in the years 1900 to 2200 (is the year a typo?)",
        "end: "9999-12-31" is in the year 9999; dates must fall in the years 1900 to 2200 (is the year a typo?)",
        "repeat.until: "2999-01-01" is in the year 2999; dates must fall in the years 1900 to 2200 (is the year a typo?)",
        "repeat.except: "0026-12-22" is in the year 0026; dates must fall in the years 1900 to 2200 (is the year a typo?)",
        "dates: "1899-12-31" is in the year 1899; dates must fall in the years 1900 to 2200 (is the year a typo?)",
        "dates: "2201-01-01 10:00" is in the year 2201; dates must fall in the years 1900 to 2200 (is the year a typo?)",
        "cancelled: "3026-11-24" is in the year 3026; dates must fall in the years 1900 to 2200 (is the year a typo?)",
      ]
    `);
    // The edges themselves are fine, and an offset does not move the written year.
    expect(
      check({ start: "1900-01-01 00:00", end: "2200-12-31T23:59-05:00", dates: ["2200-12-31"] }),
    ).toEqual([expect.stringMatching(/^end: each occurrence lasts 109,938 days/)]);
  });

  it("warns (does not refuse) an occurrence longer than a month, or a year when all day", () => {
    const warned = (s: Partial<ScheduleSpec>) =>
      checkSchedule(spec(s), CHICAGO).map(
        (p) => `${p.severity ?? "error"}: ${p.field}: ${p.message}`,
      );
    expect(warned({ end: "2062-10-20 19:30" })).toMatchInlineSnapshot(`
      [
        "warning: end: this occurrence lasts 13,149 days, from 2026-10-20 18:00 to 2062-10-20 19:30; is end a typo?",
      ]
    `);
    expect(warned({ start: "2026-06-01", end: "2046-08-31", repeat: repeat({ every: "month" }) }))
      .toMatchInlineSnapshot(`
      [
        "warning: end: each occurrence lasts 7,397 days, from 2026-06-01 to 2046-08-31; is end a typo?",
      ]
    `);
    // A month of a timed event (31 days and the hour clocks go back), or a whole summer or
    // year all day, are not warned about.
    expect(warned({ end: "2026-11-20 18:00" })).toEqual([]);
    expect(warned({ end: "2026-11-21 18:00" })).toEqual([
      expect.stringMatching(/^warning: end: this occurrence lasts 32 days/),
    ]);
    expect(warned({ start: "2026-06-01", end: "2026-08-31" })).toEqual([]);
    expect(warned({ start: "2026-01-01", end: "2026-12-31" })).toEqual([]);
  });

  it("reports unreadable dates, except and cancelled values", () => {
    expect(
      check({
        dates: ["2026-11-31 10:00"],
        cancelled: ["nov 24"],
        repeat: repeat({ every: "week", except: ["2026-12-32"] }),
      }),
    ).toMatchInlineSnapshot(`
      [
        "repeat.except: "2026-12-32" is not a real date: December 2026 has 31 days",
        "dates: "2026-11-31 10:00" is not a real date: November 2026 has 30 days",
        "cancelled: "nov 24" is not a date or time; write the date as YYYY-MM-DD, e.g. 2026-10-20",
      ]
    `);
  });
});
