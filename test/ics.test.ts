import { describe, it, expect } from "vitest";
import ICAL from "ical.js";
import fc from "fast-check";
import { calendarIcs, programIcs } from "../src/outputs/ics.ts";
import { escapeIcsText, foldLine } from "../src/outputs/ics-text.ts";
import { DateTime } from "luxon";
import { expandSchedule } from "../src/schedule/schedule.ts";
import type { ScheduleSpec } from "../src/content/model.ts";
import { makeCatalogue, makeLibrary, makeProgram, occ, weekly } from "./helpers/model.ts";
import { eventLines, expandCalendar, siteLines } from "./helpers/ical.ts";

/** Parses an .ics as a client would: registers its VTIMEZONEs (ical.js knows no zones itself). */
function parse(ics: string) {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtz);
  const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  return { calendar, events };
}

const utcMs = (t: ICAL.Time) => t.toUnixTime() * 1000;
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");
const octets = (s: string) => Buffer.byteLength(s, "utf8");

describe("programIcs", () => {
  it("keeps every start and end exact across the America/Chicago DST change (2026-11-01)", () => {
    const program = makeProgram({ occurrences: weekly("2026-10-13T18:00", 6, 90) });
    const ics = programIcs(program, makeCatalogue({ programs: [program] }));
    const { events } = parse(ics);
    expect(events).toHaveLength(6);
    events.forEach((event, i) => {
      expect(utcMs(event.startDate)).toBe(program.occurrences[i].start.toMillis());
      expect(utcMs(event.endDate)).toBe(program.occurrences[i].end.toMillis());
    });
    // Wall-clock 18:00 on both sides of the change, written with the zone's TZID.
    expect(unfold(ics).match(/^DTSTART;TZID.*$/gm)).toEqual([
      "DTSTART;TZID=America/Chicago:20261013T180000",
      "DTSTART;TZID=America/Chicago:20261020T180000",
      "DTSTART;TZID=America/Chicago:20261027T180000",
      "DTSTART;TZID=America/Chicago:20261103T180000",
      "DTSTART;TZID=America/Chicago:20261110T180000",
      "DTSTART;TZID=America/Chicago:20261117T180000",
    ]);
  });

  it("keeps starts exact across both Pacific/Auckland changes (2026-09-27, 2027-04-04)", () => {
    const zone = "Pacific/Auckland";
    const library = makeLibrary({ timezone: zone });
    const occurrences = [
      ...weekly("2026-09-15T10:00", 4, 60, zone),
      ...weekly("2027-03-23T19:30", 4, 120, zone),
    ];
    const program = makeProgram({ occurrences });
    const { events, calendar } = parse(
      programIcs(program, makeCatalogue({ library, programs: [program] })),
    );
    expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe(zone);
    expect(events.map((e) => utcMs(e.startDate))).toEqual(
      occurrences.map((o) => o.start.toMillis()),
    );
    expect(events.map((e) => utcMs(e.endDate))).toEqual(occurrences.map((o) => o.end.toMillis()));
  });

  it("writes a single STANDARD observance for a zone without DST", () => {
    const zone = "Asia/Kolkata";
    const program = makeProgram({ occurrences: weekly("2026-10-20T18:30", 3, 60, zone) });
    const ics = programIcs(
      program,
      makeCatalogue({ library: makeLibrary({ timezone: zone }), programs: [program] }),
    );
    const { calendar, events } = parse(ics);
    const vtz = calendar.getFirstSubcomponent("vtimezone")!;
    expect(vtz.getAllSubcomponents().map((c) => c.name)).toEqual(["standard"]);
    expect(
      vtz.getFirstSubcomponent("standard")?.getFirstPropertyValue("tzoffsetto")?.toString(),
    ).toBe("+05:30");
    expect(events.map((e) => utcMs(e.startDate))).toEqual(
      program.occurrences.map((o) => o.start.toMillis()),
    );
  });

  it("writes explicit-offset times in UTC and needs no VTIMEZONE for them", () => {
    const program = makeProgram({ occurrences: [occ("2026-10-20T18:00-04:00", 60)] });
    const ics = programIcs(program, makeCatalogue({ programs: [program] }));
    expect(ics).toContain("DTSTART:20261020T220000Z\r\n");
    expect(ics).toContain("DTEND:20261020T230000Z\r\n");
    expect(ics).not.toContain("BEGIN:VTIMEZONE");
    expect(utcMs(parse(ics).events[0].startDate)).toBe(program.occurrences[0].start.toMillis());
  });

  it("writes all-day occurrences as dates with an exclusive end", () => {
    const program = makeProgram({ occurrences: [occ("2026-12-24", 2)] });
    const ics = programIcs(program, makeCatalogue({ programs: [program] }));
    expect(ics).toContain("DTSTART;VALUE=DATE:20261224\r\n");
    expect(ics).toContain("DTEND;VALUE=DATE:20261226\r\n");
    const [event] = parse(ics).events;
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe("2026-12-24");
  });

  it("round-trips commas, semicolons, backslashes and newlines in text", () => {
    const title = "Coding, games; and a \\ backslash";
    const summary = "Line one, with comma;\nline two\r\nline three";
    const program = makeProgram({ title, summary });
    const [event] = parse(programIcs(program, makeCatalogue({ programs: [program] }))).events;
    expect(event.summary).toBe(title);
    expect(event.description).toBe(
      "Line one, with comma;\nline two\nline three\n\nhttps://library.example.org/programs/teen-coding-club/",
    );
    expect(escapeIcsText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });

  it("folds long lines at 75 octets without splitting characters, and unfolds to the original", () => {
    const title = "Atelier d'écriture créative 🎨✍️ pour adolescents — été, café, naïveté "
      .repeat(4)
      .trim();
    const program = makeProgram({ title, summary: "😀".repeat(60) });
    const ics = programIcs(program, makeCatalogue({ programs: [program] }));
    const lines = ics.split("\r\n");
    expect(lines.at(-1)).toBe(""); // ends with CRLF
    for (const line of lines) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n"); // no bare LF anywhere
    expect(unfold(ics)).toContain(`SUMMARY:${escapeIcsText(title)}\r\n`);
    const [event] = parse(ics).events;
    expect(event.summary).toBe(title);
    expect(event.description.startsWith("😀".repeat(60))).toBe(true);
  });

  it("folds any text into lines of at most 75 octets that unfold to it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const folded = foldLine(`DESCRIPTION:${text}`);
        for (const line of folded.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${text}`);
      }),
    );
  });

  it("marks cancelled occurrences and programs CANCELLED, postponed TENTATIVE, others CONFIRMED", () => {
    const occurrences = [
      occ("2026-10-20T18:00"),
      occ("2026-10-27T18:00", 60, undefined, { cancelled: true }),
    ];
    const statuses = (program: ReturnType<typeof makeProgram>) =>
      parse(programIcs(program, makeCatalogue({ programs: [program] }))).events.map((e) => [
        e.component.getFirstPropertyValue("status"),
        e.summary,
      ]);
    expect(statuses(makeProgram({ occurrences }))).toEqual([
      ["CONFIRMED", "Teen Coding Club"],
      ["CANCELLED", "Cancelled: Teen Coding Club"],
    ]);
    expect(statuses(makeProgram({ occurrences, status: "cancelled" }))).toEqual([
      ["CANCELLED", "Cancelled: Teen Coding Club"],
      ["CANCELLED", "Cancelled: Teen Coding Club"],
    ]);
    expect(statuses(makeProgram({ occurrences, status: "postponed" }))).toEqual([
      ["TENTATIVE", "Postponed: Teen Coding Club"],
      ["CANCELLED", "Cancelled: Teen Coding Club"],
    ]);
  });

  it("writes the calendar header, stable UIDs, location, geo, categories and DTSTAMP from now", () => {
    const program = makeProgram({
      room: "Maker Lab",
      categories: ["technology", "media-literacy"],
    });
    const ics = unfold(
      programIcs(program, makeCatalogue({ programs: [program], now: "2026-10-01T09:00" })),
    );
    expect(ics.split("BEGIN:VTIMEZONE")[0]).toMatchInlineSnapshot(`
      "BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//Almanac//Riverside Public Library//EN
      CALSCALE:GREGORIAN
      METHOD:PUBLISH
      NAME:Teen Coding Club
      X-WR-CALNAME:Teen Coding Club
      X-WR-TIMEZONE:America/Chicago
      URL:https://library.example.org/programs/teen-coding-club/
      REFRESH-INTERVAL;VALUE=DURATION:PT12H
      X-PUBLISHED-TTL:PT12H
      "
    `);
    expect(ics.slice(ics.indexOf("BEGIN:VEVENT"))).toMatchInlineSnapshot(`
      "BEGIN:VEVENT
      UID:teen-coding-club-20261020T230000Z@library.example.org
      DTSTAMP:20261001T140000Z
      DTSTART;TZID=America/Chicago:20261020T180000
      DTEND;TZID=America/Chicago:20261020T193000
      SUMMARY:Teen Coding Club
      DESCRIPTION:Build a small game in Python.\\n\\nRoom: Maker Lab\\n\\nhttps://library.example.org/programs/teen-coding-club/
      URL:https://library.example.org/programs/teen-coding-club/
      LOCATION:Central Library\\, 100 Main St\\, Riverside\\, IL 60546
      GEO:41.8264;-87.8228
      STATUS:CONFIRMED
      CATEGORIES:Technology,Media literacy
      END:VEVENT
      END:VCALENDAR
      "
    `);
  });

  it("uses the online URL as LOCATION for online-only and moved-online programs", () => {
    const online = "https://meet.example.org/coding";
    for (const program of [
      makeProgram({ location: undefined, online }),
      makeProgram({ online, status: "moved-online" }),
    ]) {
      const [event] = parse(programIcs(program, makeCatalogue({ programs: [program] }))).events;
      expect(event.location).toBe(online);
      expect(event.component.getFirstPropertyValue("geo")).toBeNull();
    }
  });

  it("is deterministic: the same input gives byte-identical output", () => {
    const program = makeProgram({ occurrences: weekly("2026-10-13T18:00", 8) });
    expect(programIcs(program, makeCatalogue({ programs: [program] }))).toBe(
      programIcs(program, makeCatalogue({ programs: [program] })),
    );
  });
});

describe("calendarIcs", () => {
  it("merges programs by start, keeps the last 30 days, and adds a VTIMEZONE per zone used", () => {
    const a = makeProgram({
      id: "a",
      title: "A",
      occurrences: [occ("2026-08-01T10:00"), occ("2026-09-10T10:00")],
    });
    const b = makeProgram({
      id: "b",
      title: "B",
      occurrences: [occ("2026-09-05T10:00", 60, "Pacific/Auckland"), occ("2026-10-20T18:00")],
    });
    const catalogue = makeCatalogue({ programs: [a, b], now: "2026-10-01T09:00" });
    const ics = calendarIcs([b, a], catalogue, { name: "All programs", url: "/programs/" });
    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("All programs");
    expect(
      calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
    ).toEqual(["America/Chicago", "Pacific/Auckland"]);
    // 2026-08-01 ended more than 30 days before now; the others did not.
    expect(events.map((e) => e.uid)).toEqual([
      "b-20260904T220000Z@library.example.org",
      "a-20260910T150000Z@library.example.org",
      "b-20261020T230000Z@library.example.org",
    ]);
    expect(events.map((e) => utcMs(e.startDate))).toEqual([
      b.occurrences[0].start.toMillis(),
      a.occurrences[1].start.toMillis(),
      b.occurrences[1].start.toMillis(),
    ]);
    expect(ics).toBe(calendarIcs([a, b], catalogue, { name: "All programs", url: "/programs/" }));
  });
});

/** A program as the loader makes it: its schedule as written, expanded by the engine. */
function scheduled(
  schedule: Partial<ScheduleSpec> & { start: string },
  options: { zone?: string; closed?: string[]; id?: string } = {},
) {
  const zone = options.zone ?? "America/Chicago";
  const spec: ScheduleSpec = { dates: [], cancelled: [], ...schedule };
  const library = makeLibrary({ timezone: zone });
  const now = DateTime.fromISO("2026-10-01T09:00", { zone });
  const horizon = now.plus({ months: 14 });
  const closed = new Map((options.closed ?? []).map((d) => [d, undefined]));
  const { occurrences } = expandSchedule(spec, { zone, horizon, closed });
  const program = makeProgram({
    ...(options.id ? { id: options.id } : {}),
    schedule: spec,
    occurrences,
  });
  const catalogue = makeCatalogue({ library, programs: [program], now, horizon });
  return { program, catalogue, ics: programIcs(program, catalogue) };
}

const readers = ["ical.js", "rfc"] as const;

describe("programIcs: series", () => {
  it("writes a weekly series as one VEVENT with RRULE, EXDATE and a cancelled override", () => {
    const { program, catalogue, ics } = scheduled(
      {
        start: "2026-10-06 18:00",
        duration: 90,
        repeat: { every: "week", interval: 1, on: ["tue"], count: 8, except: ["2026-10-20"] },
        cancelled: ["2026-11-03"],
      },
      { closed: ["2026-11-17"] },
    );
    const text = unfold(ics);
    expect(text.slice(text.indexOf("BEGIN:VEVENT"))).toMatchInlineSnapshot(`
      "BEGIN:VEVENT
      UID:teen-coding-club@library.example.org
      DTSTAMP:20261001T140000Z
      DTSTART;TZID=America/Chicago:20261006T180000
      DURATION:PT1H30M
      RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=8
      EXDATE;TZID=America/Chicago:20261020T180000,20261117T180000
      SUMMARY:Teen Coding Club
      DESCRIPTION:Build a small game in Python.\\n\\nhttps://library.example.org/programs/teen-coding-club/
      URL:https://library.example.org/programs/teen-coding-club/
      LOCATION:Central Library\\, 100 Main St\\, Riverside\\, IL 60546
      GEO:41.8264;-87.8228
      STATUS:CONFIRMED
      CATEGORIES:Technology
      END:VEVENT
      BEGIN:VEVENT
      UID:teen-coding-club@library.example.org
      RECURRENCE-ID;TZID=America/Chicago:20261103T180000
      DTSTAMP:20261001T140000Z
      DTSTART;TZID=America/Chicago:20261103T180000
      DURATION:PT1H30M
      SUMMARY:Cancelled: Teen Coding Club
      DESCRIPTION:Build a small game in Python.\\n\\nhttps://library.example.org/programs/teen-coding-club/
      URL:https://library.example.org/programs/teen-coding-club/
      LOCATION:Central Library\\, 100 Main St\\, Riverside\\, IL 60546
      GEO:41.8264;-87.8228
      STATUS:CANCELLED
      CATEGORIES:Technology
      END:VEVENT
      END:VCALENDAR
      "
    `);
    for (const reader of readers) {
      expect(eventLines(expandCalendar(ics, reader))).toEqual(
        siteLines([program], catalogue.library.url),
      );
    }
  });

  it("ends an open-ended series at the last date the site lists (the horizon)", () => {
    const { program, ics } = scheduled({
      start: "2026-10-13 18:00",
      repeat: { every: "month", interval: 1, on: ["2nd tue"], except: [] },
    });
    const last = program.occurrences.at(-1)!.start;
    expect(last.toISODate()).toBe("2027-11-09"); // the horizon is 2027-12-01
    // UNTIL is the end of that day, in UTC.
    expect(ics).toContain("RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20271110T055959Z\r\n");
    expect(expandCalendar(ics)).toHaveLength(program.occurrences.length);
  });

  it("writes `dates` off the rule, and a start off it, as VEVENTs of their own", () => {
    const { program, catalogue, ics } = scheduled({
      start: "2026-10-05 18:00",
      repeat: { every: "week", interval: 1, on: ["tue", "thu"], count: 5, except: [] },
      dates: ["2026-10-17 10:00"],
    });
    expect(unfold(ics).match(/^UID:.*$/gm)).toEqual([
      "UID:teen-coding-club-20261005T230000Z@library.example.org",
      "UID:teen-coding-club@library.example.org",
      "UID:teen-coding-club-20261017T150000Z@library.example.org",
    ]);
    expect(ics).toContain("DTSTART;TZID=America/Chicago:20261006T180000\r\n");
    expect(ics).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4\r\n");
    expect(eventLines(expandCalendar(ics))).toEqual(siteLines([program], catalogue.library.url));
  });

  it("writes all-day series with dates", () => {
    const { program, catalogue, ics } = scheduled({
      start: "2026-10-30",
      end: "2026-10-31",
      repeat: { every: "week", interval: 2, count: 4, except: [] },
    });
    expect(ics).toContain("DTSTART;VALUE=DATE:20261030\r\nDTEND;VALUE=DATE:20261101\r\n");
    expect(ics).toContain("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4\r\n");
    expect(eventLines(expandCalendar(ics))).toEqual(siteLines([program], catalogue.library.url));
  });

  it("is byte-identical for the same input, series and overrides included", () => {
    const spec = {
      start: "2026-10-04 01:30",
      repeat: { every: "week" as const, interval: 1, count: 6, except: [] },
      cancelled: ["2026-10-18"],
    };
    expect(scheduled(spec).ics).toBe(scheduled(spec).ics);
  });
});

describe("programIcs: the repeated hour and the gap", () => {
  it("an end in the second copy of a repeated hour is not written as wall-clock time", () => {
    // Chicago, 00:30 for 90 minutes on 2027-11-07 ends at 01:00 CST (the second 01:00).
    const { program, catalogue, ics } = scheduled({ start: "2027-11-07 00:30", duration: 90 });
    expect(ics).not.toContain("DTEND;TZID=America/Chicago:20271107T010000");
    expect(ics).toContain("DTSTART:20271107T053000Z\r\nDURATION:PT1H30M\r\n");
    // 01:30 for 60 minutes on 2026-11-01 ends at 01:30 CST, not at its own start.
    const zero = scheduled({ start: "2026-11-01 01:30", duration: 60 });
    expect(zero.ics).toContain("DTSTART:20261101T063000Z\r\nDURATION:PT1H\r\n");
    for (const reader of readers) {
      expect(eventLines(expandCalendar(ics, reader)), reader).toEqual(
        siteLines([program], catalogue.library.url),
      );
      expect(eventLines(expandCalendar(zero.ics, reader)), reader).toEqual(
        siteLines([zero.program], catalogue.library.url),
      );
    }
  });

  it("a series date in the repeated hour or the gap is an override stated in UTC", () => {
    // Sundays 01:30: 2026-11-01 01:30 happens twice (the first is meant); Sundays 02:30:
    // 2027-03-14 02:30 does not exist (03:30 CDT is meant).
    const back = scheduled({
      start: "2026-10-18 01:30",
      repeat: { every: "week", interval: 1, count: 4, except: [] },
    });
    expect(unfold(back.ics)).toContain(
      "RECURRENCE-ID;TZID=America/Chicago:20261101T013000\r\nDTSTAMP:20261001T140000Z\r\nDTSTART:20261101T063000Z\r\nDURATION:PT1H\r\n",
    );
    const forward = scheduled({
      start: "2027-03-07 02:30",
      repeat: { every: "week", interval: 1, count: 3, except: [] },
    });
    expect(unfold(forward.ics)).toContain(
      "RECURRENCE-ID;TZID=America/Chicago:20270314T023000\r\nDTSTAMP:20261001T140000Z\r\nDTSTART:20270314T083000Z\r\n",
    );
    for (const { program, catalogue, ics } of [back, forward]) {
      for (const reader of readers) {
        expect(eventLines(expandCalendar(ics, reader)), reader).toEqual(
          siteLines([program], catalogue.library.url),
        );
      }
    }
  });

  it("a series written with an explicit offset repeats in UTC, exact across DST", () => {
    const { program, catalogue, ics } = scheduled({
      start: "2026-10-20T18:00-05:00",
      repeat: { every: "week", interval: 1, count: 4, except: [] },
    });
    expect(ics).toContain(
      "DTSTART:20261020T230000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n",
    );
    expect(ics).not.toContain("BEGIN:VTIMEZONE");
    expect(eventLines(expandCalendar(ics))).toEqual(siteLines([program], catalogue.library.url));
  });
});
