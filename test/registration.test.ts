// The registration state of a program as of the build, and the states still to come that
// the page switches to by the clock (src/site/registration.ts). Pins the bug seen in a
// December trial: "Registration opens August 25, 2026" and a Register button shown long
// after (and before) the dates that matter.
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import {
  CLOSING_SOON_DAYS,
  registrationStatus,
  type RegistrationStatus,
} from "../src/site/registration.ts";
import type { Program, Registration } from "../src/content/model.ts";
import { makeProgram, occ, weekly } from "./helpers/model.ts";

const ZONE = "America/Chicago";
const at = (iso: string, zone = ZONE) => DateTime.fromISO(iso, { zone });

/** The state now and each later one with when it begins, as ISO strings. */
function timeline(status: RegistrationStatus | undefined): string[] {
  return (status?.phases ?? []).map((p) =>
    p.from ? `${p.state} from ${p.from.toISO({ suppressMilliseconds: true })}` : p.state,
  );
}

function program(registration: Partial<Registration>, more: Partial<Program> = {}): Program {
  return makeProgram({
    // One workshop on Saturday 12 December 2026, 13:30-15:00.
    occurrences: [occ("2026-12-12T13:30", 90)],
    registration: { required: true, full: false, ...registration },
    ...more,
  });
}

describe("registration state at build time", () => {
  it("is undefined for a program without registration", () => {
    expect(registrationStatus(makeProgram(), at("2026-11-28T10:00"), ZONE)).toBeUndefined();
  });

  it("opens: registration opens later; then open, closing soon, closed by the clock", () => {
    const status = registrationStatus(
      program({ opens: "2026-12-01" }),
      at("2026-11-28T10:00"),
      ZONE,
    );
    expect(status?.state).toBe("opens");
    expect(status?.opens?.at.toISO()).toBe("2026-12-01T00:00:00.000-06:00");
    expect(status?.opens?.dateOnly).toBe(true);
    expect(timeline(status)).toEqual([
      "opens",
      "open from 2026-12-01T00:00:00-06:00",
      `closing-soon from 2026-12-09T13:30:00-06:00`,
      "closed from 2026-12-12T13:30:00-06:00",
    ]);
  });

  it("open: the opening date has passed, so it is not mentioned (the December trial)", () => {
    // Teen Coding Club: registration opened on 25 August; a weekly series with a known end.
    const club = makeProgram({
      occurrences: weekly("2026-09-15T16:30", 40, 90),
      registration: { required: true, full: false, opens: "2026-08-25" },
    });
    const status = registrationStatus(club, at("2026-12-01T10:00"), ZONE);
    expect(status?.state).toBe("open");
    expect(status?.opens).toBeUndefined();
    expect(status?.closesGiven).toBe(false);
    expect(timeline(status)).toEqual([
      "open",
      "closing-soon from 2027-06-12T16:30:00-05:00",
      "closed from 2027-06-15T16:30:00-05:00",
    ]);
  });

  it("open: a series listed up to the horizon does not close on its last listed date", () => {
    // Tuesdays from 15 September: the 29th is 30 March 2027.
    const series = (until?: string) =>
      makeProgram({
        schedule: {
          start: "2026-09-15 16:30",
          repeat: { every: "week", interval: 1, except: [], ...(until && { until }) },
          dates: [],
          cancelled: [],
        },
        occurrences: weekly("2026-09-15T16:30", 29, 90),
        registration: { required: true, full: false },
      });
    const now = at("2026-12-01T10:00");
    const horizon = now.plus({ months: 6 });
    for (const until of [undefined, "2027-12-31"])
      expect(timeline(registrationStatus(series(until), now, ZONE, horizon)), until).toEqual([
        "open",
      ]);
    // With an `until` inside the horizon the last date is known, and closes it.
    expect(timeline(registrationStatus(series("2027-03-30"), now, ZONE, horizon)).at(-1)).toBe(
      "closed from 2027-03-30T16:30:00-05:00",
    );
  });

  it(`closing soon: within ${CLOSING_SOON_DAYS} days of the last date's start`, () => {
    const status = registrationStatus(program({}), at("2026-12-10T08:00"), ZONE);
    expect(status?.state).toBe("closing-soon");
    expect(status?.closes?.at.toISO()).toBe("2026-12-12T13:30:00.000-06:00");
    expect(timeline(status)).toEqual(["closing-soon", "closed from 2026-12-12T13:30:00-06:00"]);
  });

  it("closed: once the last date has begun, and when the program has ended", () => {
    for (const now of ["2026-12-12T13:30", "2026-12-12T14:00", "2027-01-05T09:00"]) {
      const status = registrationStatus(program({ opens: "2026-12-01" }), at(now), ZONE);
      expect(timeline(status), now).toEqual(["closed"]);
    }
  });

  it("closed: a cancelled program, or one with only cancelled dates", () => {
    const now = at("2026-11-28T10:00");
    expect(timeline(registrationStatus(program({}, { status: "cancelled" }), now, ZONE))).toEqual([
      "closed",
    ]);
    const allOff = program(
      {},
      { occurrences: [occ("2026-12-12T13:30", 90, ZONE, { cancelled: true })] },
    );
    expect(timeline(registrationStatus(allOff, now, ZONE))).toEqual(["closed"]);
  });

  it("a cancelled last date does not keep registration open: the last date held does", () => {
    const status = registrationStatus(
      program(
        {},
        {
          occurrences: [
            occ("2026-12-05T13:30", 90),
            occ("2026-12-12T13:30", 90, ZONE, { cancelled: true }),
          ],
        },
      ),
      at("2026-11-28T10:00"),
      ZONE,
    );
    expect(timeline(status).at(-1)).toBe("closed from 2026-12-05T13:30:00-06:00");
  });

  it("full: no Register state, until it closes; even before its opening date", () => {
    for (const opens of [undefined, "2026-12-20"]) {
      const status = registrationStatus(
        program({ full: true, ...(opens && { opens }) }),
        at("2026-11-28T10:00"),
        ZONE,
      );
      expect(timeline(status), opens).toEqual(["full", "closed from 2026-12-12T13:30:00-06:00"]);
    }
  });

  it("closes: the end of the day written (the last day to register), or the time written", () => {
    const course = (closes: string) =>
      makeProgram({
        // A six-week course: registration closes before the first class.
        occurrences: weekly("2027-01-13T18:00", 6, 120),
        registration: { required: true, full: false, opens: "2026-12-01", closes },
      });
    const day = registrationStatus(course("2027-01-12"), at("2026-12-15T10:00"), ZONE);
    expect(day?.closesGiven).toBe(true);
    expect(day?.closes).toMatchObject({ dateOnly: true });
    expect(day?.closes?.at.toISODate()).toBe("2027-01-12");
    expect(timeline(day)).toEqual([
      "open",
      "closing-soon from 2027-01-10T00:00:00-06:00",
      "closed from 2027-01-13T00:00:00-06:00",
    ]);
    const time = registrationStatus(course("2027-01-13 12:00"), at("2026-12-15T10:00"), ZONE);
    expect(timeline(time).at(-1)).toBe("closed from 2027-01-13T12:00:00-06:00");
    // A `closes` after the last date begins: the last date still closes it.
    const late = registrationStatus(course("2027-03-01"), at("2026-12-15T10:00"), ZONE);
    expect(late?.closesGiven).toBe(false);
    expect(timeline(late).at(-1)).toBe("closed from 2027-02-17T18:00:00-06:00");
  });

  it("opens inside the closing-soon window: straight from opens to closing soon", () => {
    const status = registrationStatus(
      program({ opens: "2026-12-11 09:00" }),
      at("2026-11-28T10:00"),
      ZONE,
    );
    expect(status?.opens?.dateOnly).toBe(false);
    expect(timeline(status)).toEqual([
      "opens",
      "closing-soon from 2026-12-11T09:00:00-06:00",
      "closed from 2026-12-12T13:30:00-06:00",
    ]);
  });

  it("opens after the last date began: it never shows as open", () => {
    const status = registrationStatus(
      program({ opens: "2026-12-20" }),
      at("2026-11-28T10:00"),
      ZONE,
    );
    expect(timeline(status)).toEqual(["opens", "closed from 2026-12-12T13:30:00-06:00"]);
  });

  it("reads dates in the library's zone: another library, Pacific/Auckland", () => {
    const zone = "Pacific/Auckland";
    const walk = makeProgram({
      occurrences: [occ("2027-01-09T10:00", 120, zone)],
      registration: { required: true, full: false, opens: "2026-12-01 09:00" },
    });
    const status = registrationStatus(walk, at("2026-11-28T10:00", zone), zone);
    expect(timeline(status)).toEqual([
      "opens",
      "open from 2026-12-01T09:00:00+13:00",
      "closing-soon from 2027-01-06T10:00:00+13:00",
      "closed from 2027-01-09T10:00:00+13:00",
    ]);
  });
});
