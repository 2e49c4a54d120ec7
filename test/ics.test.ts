import { describe, it, expect } from "vitest";
import ICAL from "ical.js";
import fc from "fast-check";
import { calendarIcs, escapeIcsText, foldLine, programIcs } from "../src/outputs/ics.ts";
import { makeCatalogue, makeLibrary, makeProgram, occ, weekly } from "./helpers/model.ts";

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
