// The calendars against the site, as calendar apps read them: five built libraries whose
// programs sit on daylight-saving changes in both hemispheres (America/Chicago,
// Pacific/Auckland, Europe/Berlin, Australia/Lord_Howe with its 30-minute change,
// Pacific/Chatham at +12:45), see test/helpers/dst-libraries.ts. Every .ics the build wrote
// is expanded with ical.js (RRULE, EXDATE, RECURRENCE-ID overrides) and read a second way as
// a strict RFC 5545 reader does (test/helpers/ical.ts); both must show exactly the site's
// own dates: the same instants (or days), ends, status and title, no more, no fewer.
import { describe, it, expect, beforeAll } from "vitest";
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { DateTime } from "luxon";
import { buildFixture, type BuiltSite } from "./helpers/site.ts";
import { DST_NOW, DST_ZONES, makeDstSite } from "./helpers/dst-libraries.ts";
import {
  eventLines,
  expandCalendar,
  siteLines,
  wallClockCount,
  type CalendarEvent,
  type Reader,
} from "./helpers/ical.ts";
import { calendarSelection } from "../src/outputs/routes.ts";
import { ICS_KEEP_PAST_DAYS, calendarIcs, programIcs } from "../src/outputs/ics.ts";
import { expandSchedule } from "../src/schedule/schedule.ts";
import { offsetTransitions } from "../src/outputs/vtimezone.ts";
import type { Catalogue, Repeat, ScheduleSpec } from "../src/content/model.ts";
import { makeCatalogue, makeLibrary, makeProgram } from "./helpers/model.ts";

process.env.ALMANAC_SEARCH = "off";

const READERS: Reader[] = ["ical.js", "rfc"];

function calendarFiles(output: string, dir = output): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return calendarFiles(output, full);
    return e.name.endsWith(".ics")
      ? ["/" + path.relative(output, full).split(path.sep).join("/")]
      : [];
  });
}

describe.each(DST_ZONES)("calendars of a library in %s", (zone) => {
  let site: BuiltSite;
  let catalogue: Catalogue;
  beforeAll(async () => {
    site = await buildFixture(await makeDstSite(zone), DST_NOW);
    expect(site.problems.filter((p) => p.severity === "error")).toEqual([]);
    catalogue = site.catalogue!;
  }, 120_000);

  it("each program's .ics shows exactly the site's dates, in ical.js and as RFC 5545 reads it", async () => {
    const { library } = catalogue;
    let occurrences = 0;
    for (const p of catalogue.programs) {
      const ics = await site.read(`/programs/${p.id}.ics`);
      const want = siteLines([p], library.url);
      occurrences += want.length;
      for (const reader of READERS) {
        expect(eventLines(expandCalendar(ics, reader)), `${p.id}, read by ${reader}`).toEqual(want);
      }
    }
    expect(occurrences).toBeGreaterThan(500);
  });

  it("every aggregated calendar shows exactly its programs' dates from 30 days ago on", async () => {
    const { library } = catalogue;
    const after = catalogue.now.minus({ days: ICS_KEEP_PAST_DAYS }).toMillis();
    const files = calendarFiles(site.output).filter((f) => f.endsWith("/calendar.ics"));
    expect(files).toHaveLength(7);
    for (const file of files) {
      const [, kind, id] = /^\/(?:(audiences|categories|locations)\/([^/]+)\/)?calendar\.ics$/.exec(
        file,
      )!;
      const selection = calendarSelection(catalogue, kind as "audiences" | undefined, id);
      const ics = await site.read(file);
      const want = siteLines(selection.programs, library.url, after);
      for (const reader of READERS) {
        expect(eventLines(expandCalendar(ics, reader)), `${file}, read by ${reader}`).toEqual(want);
      }
    }
  });

  it("/calendar.ics from now on matches /programs.json date for date", async () => {
    const json = JSON.parse(await site.read("/programs.json"));
    const now = catalogue.now.toMillis();
    const line = (url: string, allDay: boolean, start: string, status: string) =>
      `${url} ${allDay ? `D:${start}` : `T:${Date.parse(start)}`} ${status}`;
    const fromJson = json.occurrences
      .map((o: { url: string; allDay: boolean; start: string; status: string }) =>
        line(o.url, o.allDay, o.start, o.status === "cancelled" ? "CANCELLED" : o.status),
      )
      .sort();
    const status = (e: CalendarEvent) =>
      e.status === "CANCELLED"
        ? "CANCELLED"
        : e.status === "TENTATIVE"
          ? "postponed"
          : (catalogue.programs.find((p) => e.url.endsWith(p.url))?.status ?? "?");
    const fromIcs = expandCalendar(await site.read("/calendar.ics"))
      .filter((e) => e.endMs > now)
      .map((e) =>
        line(
          e.url,
          e.allDay,
          e.allDay ? e.key.slice(2) : new Date(e.startMs).toISOString(),
          status(e),
        ),
      )
      .sort();
    expect(fromIcs).toEqual(fromJson);
    expect(fromJson.length).toBeGreaterThan(500);
  });

  it("writes repeating programs as series: one VEVENT each, EXDATEs and overrides", async () => {
    const events = calendarFiles(site.output).length;
    expect(events).toBe(catalogue.programs.length + 7);
    const ics = await site.read("/calendar.ics");
    const vevents = ics.match(/^BEGIN:VEVENT/gm)!.length;
    const dates = catalogue.programs.flatMap((p) => p.occurrences).length;
    expect(vevents * 3).toBeLessThan(dates);
    const biweekly = await site.read("/programs/s-biweekly.ics");
    expect(biweekly).toMatch(
      /^RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=MO;UNTIL=2027030[12]T\d{6}Z\r$/m,
    );
    expect(biweekly).toMatch(/^EXDATE;TZID=[^:]+:20261012T170000\r$/m);
    expect(biweekly).toMatch(/^RECURRENCE-ID;TZID=[^:]+:20261014T170000\r$/m);
    expect(await site.read("/programs/s-monthly-last-fri.ics")).toMatch(
      /^RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=6\r$/m,
    );
    expect(await site.read("/programs/s-monthly-2nd-tue.ics")).toMatch(
      /^RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=\d{8}T\d{6}Z\r$/m,
    );
    expect(await site.read("/programs/s-monthly-31.ics")).toMatch(
      /^RRULE:FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=/m,
    );
    // Closed on 2026-12-25 (the library) and 2026-12-26 (main only): EXDATE, in the zone.
    expect(await site.read("/programs/s-fri-main.ics")).toMatch(
      /^EXDATE;TZID=[^:]+:20261225T100000\r$/m,
    );
    expect(await site.read("/programs/s-sat-main.ics")).toMatch(
      /^EXDATE;TZID=[^:]+:20261226T100000\r$/m,
    );
    expect(await site.read("/programs/s-sat-branch.ics")).not.toContain("EXDATE");
    // An online program, and one moved online, do not close with a branch.
    expect(await site.read("/programs/s-fri-online.ics")).not.toContain("EXDATE");
    expect(await site.read("/programs/s-fri-moved-online.ics")).not.toContain("EXDATE");
    // A fixed offset repeats in UTC; on another UTC day, the weekdays move with it.
    const shifted = await site.read("/programs/s-offset-shifted.ics");
    expect(shifted).toMatch(/^DTSTART:\d{8}T\d{6}Z\r$/m);
    expect(shifted).toMatch(/^RRULE:FREQ=WEEKLY;BYDAY=(MO,WE|WE,FR);COUNT=8\r$/m);
    // ... which a monthly weekday rule cannot do: one VEVENT a date.
    const monthly = await site.read("/programs/s-offset-monthly-shifted.ics");
    expect(monthly).not.toContain("RRULE");
    expect(monthly.match(/^BEGIN:VEVENT/gm)).toHaveLength(4);
  });

  it("states every instant readers could read differently in UTC, never as a wall-clock time", async () => {
    // A wall-clock DTSTART or DTEND names exactly one instant; a repeated or skipped time is
    // only a RECURRENCE-ID or EXDATE (each reader matches it with its own reading), or the
    // DTSTART of a series whose first date has an override saying when it really is.
    let overridden = 0;
    for (const file of calendarFiles(site.output)) {
      const text = (await site.read(file)).replace(/\r\n /g, "");
      for (const [block] of text.matchAll(/^BEGIN:VEVENT\r\n[^]*?^END:VEVENT\r$/gm)) {
        const uid = /^UID:(.*)\r$/m.exec(block)![1];
        for (const m of block.matchAll(/^(DTSTART|DTEND);TZID=([^:]+):(\d{8}T\d{6})\r$/gm)) {
          const [line, name, tz, value] = m;
          if (wallClockCount(tz, value) === 1) continue;
          const override = new RegExp(`^RECURRENCE-ID;TZID=${tz}:${value}\r$`, "m");
          const fixed =
            name === "DTSTART" &&
            /^RRULE:/m.test(block) &&
            [...text.matchAll(/^BEGIN:VEVENT\r\n[^]*?^END:VEVENT\r$/gm)].some(
              ([other]) => other.includes(`UID:${uid}\r`) && override.test(other),
            );
          expect(fixed, `${file} ${uid}: ${line.trim()}`).toBe(true);
          overridden++;
        }
      }
    }
    // Some series do start in the repeated hour or a gap.
    expect(overridden).toBeGreaterThan(0);
  });
});

describe("random series in every zone (fast-check)", () => {
  const every = ["day", "week", "month"] as const;
  const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const monthly = ["1st", "2nd", "3rd", "4th", "last", "2nd-last"];
  const zoneArb = fc.constantFrom(...DST_ZONES);
  const spec = fc.record({
    zone: zoneArb,
    day: fc.integer({ min: 0, max: 400 }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    // Most series start near a change of the clocks, on its weekday, at its hour or so.
    near: fc.option(
      fc.record({
        which: fc.nat(),
        weeksBefore: fc.integer({ min: 0, max: 6 }),
        minutes: fc.integer({ min: -100, max: 100 }),
      }),
      { freq: 4 },
    ),
    length: fc.oneof(fc.constantFrom(30, 60, 90, 150, 24 * 60), fc.integer({ min: 1, max: 600 })),
    allDay: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    offset: fc.oneof(
      { arbitrary: fc.constant(null), weight: 5 },
      { arbitrary: fc.constantFrom("+13:00", "-05:00", "+12:45", "+10:30", "Z"), weight: 1 },
    ),
    every: fc.constantFrom(...every),
    interval: fc.integer({ min: 1, max: 3 }),
    on: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
    nth: fc.constantFrom(...monthly),
    end: fc.constantFrom("count", "until", "open"),
    count: fc.integer({ min: 1, max: 30 }),
    untilDays: fc.integer({ min: 0, max: 200 }),
    except: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 4 }),
    cancelled: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 4 }),
    dates: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 150 }),
        minute: fc.option(fc.integer({ min: 0, max: 1439 })),
      }),
      { maxLength: 3 },
    ),
    closed: fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 3 }),
    status: fc.constantFrom("scheduled", "scheduled", "cancelled", "postponed"),
  });

  it("the program's .ics shows exactly the expanded schedule in both readers", () => {
    const base = Date.UTC(2026, 8, 1);
    const seen = { series: 0, utcOverrides: 0 };
    const transitions = new Map(
      DST_ZONES.map((z) => [z, offsetTransitions(z, base, base + 400 * 86_400_000)]),
    );
    const day = (n: number) => new Date(base + n * 86_400_000).toISOString().slice(0, 10);
    const hm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    fc.assert(
      fc.property(spec, (spec) => {
        const s = { ...spec };
        let minute = s.minute;
        if (s.near) {
          const changes = transitions.get(s.zone)!;
          const t = changes[s.near.which % changes.length];
          const local =
            Math.min(t.at + t.from * 60_000, t.at + t.to * 60_000) + s.near.minutes * 60_000;
          s.day = Math.floor((local - base) / 86_400_000) - 7 * s.near.weeksBefore;
          minute = Math.floor((local % 86_400_000) / 60_000);
        }
        minute = ((minute % 1440) + 1440) % 1440;
        const start = s.allDay
          ? day(s.day)
          : s.offset
            ? `${day(s.day)}T${hm(minute)}${s.offset}`
            : `${day(s.day)} ${hm(minute)}`;
        const on =
          s.every === "week"
            ? s.on.map((i) => weekdays[i])
            : s.every === "month" && s.on.length
              ? s.on.map((i) => `${s.nth} ${weekdays[i]}`)
              : undefined;
        const repeat: Repeat = {
          every: s.every,
          interval: s.interval,
          ...(on?.length ? { on } : {}),
          ...(s.end === "count" ? { count: s.count } : {}),
          ...(s.end === "until" ? { until: day(s.day + s.untilDays) } : {}),
          except: s.except.map((d) => day(s.day + d)),
        };
        const schedule: ScheduleSpec = {
          start,
          ...(s.allDay ? { end: day(s.day + (s.length % 3)) } : { duration: s.length }),
          repeat,
          dates: s.dates.map((d) =>
            s.allDay || d.minute === null
              ? day(s.day + d.day)
              : `${day(s.day + d.day)} ${hm(d.minute)}`,
          ),
          cancelled: s.cancelled.map((d) => day(s.day + d)),
        };
        const library = makeLibrary({ timezone: s.zone });
        const now = DateTime.fromMillis(base + 120 * 86_400_000, { zone: s.zone });
        const horizon = now.plus({ months: 9 });
        const closed = new Map(s.closed.map((d) => [day(s.day + d), undefined]));
        const { occurrences } = expandSchedule(schedule, { zone: s.zone, horizon, closed });
        const program = makeProgram({
          schedule,
          occurrences,
          status: s.status as "scheduled",
        });
        const catalogue = makeCatalogue({ library, programs: [program], now, horizon });
        const ics = programIcs(program, catalogue);
        const want = siteLines([program], library.url);
        if (/^RRULE:/m.test(ics)) seen.series++;
        if (/^RECURRENCE-ID;TZID=[^\r]*\r\nDTSTAMP:[^\r]*\r\nDTSTART:\d{8}T\d{6}Z/m.test(ics)) {
          seen.utcOverrides++;
        }
        // An aggregated calendar holds the dates from 30 days before now on.
        const recent = calendarIcs([program], catalogue, { name: "All", url: "/programs/" });
        const after = now.minus({ days: ICS_KEEP_PAST_DAYS }).toMillis();
        const wantRecent = siteLines([program], library.url, after);
        for (const reader of READERS) {
          expect(eventLines(expandCalendar(ics, reader)), `${reader}\n${ics}`).toEqual(want);
          expect(eventLines(expandCalendar(recent, reader)), `${reader}\n${recent}`).toEqual(
            wantRecent,
          );
        }
      }),
      { numRuns: 400 },
    );
    // The runs did write series, and overrides in UTC for dates readers read differently.
    expect(seen.series).toBeGreaterThan(100);
    expect(seen.utcOverrides).toBeGreaterThan(10);
  });
});
