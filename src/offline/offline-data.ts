// `/offline/data.json`: what the offline page needs to show a program or a month calendar
// the patron never opened, when there is no network. The service worker precaches it with
// the app shell; when a page is not saved, the worker answers with `/offline/`, whose script
// (layouts/assets/offline.js) reads the address and draws a compact view of that program or
// month from this file. Compact on purpose: every patron downloads it at install.
import type { DateTime } from "luxon";
import type { Occurrence, Program } from "../content/model.ts";
import { DEFAULT_COST } from "../content/schema/program.ts";
import { isRepeatedTime, timeOfDay } from "../site/format.ts";
import type { Site } from "../site/site.ts";

/** Where the offline page finds the data (precached with the shell). */
export const OFFLINE_DATA_URL = "/offline/data.json";

/** The offline data of the site in one language: `/es/offline/data.json` for `/es`. */
export const offlineDataUrl = (prefix: string): string => prefix + OFFLINE_DATA_URL;

/**
 * One date: `[start, length, cancelled?]`. The start is in whole minutes (seconds are
 * dropped) after the start of the date before it, the first one's after 1970-01-01 UTC:
 * a weekly series is the same small number again and again, which compresses to little
 * (a third of the file at 2,000 programs). The length is in minutes (for an all-day date,
 * to the midnight after its last day in the library's zone); `1` third when cancelled.
 */
export type OfflineDate = [number, number] | [number, number, 1];

export interface OfflineProgram {
  title: string;
  summary: string;
  /** `scheduled`, `cancelled`, `postponed`, `rescheduled`, `moved-online`. */
  status: string;
  /** Location id (a key of `locations`). */
  location?: string;
  room?: string;
  /** Whether it can be joined online (the link itself needs the network). */
  online?: true;
  /** What it costs as written; absent for the default cost, which the page says as `facts.free`. */
  cost?: string;
  audiences: string[];
  categories: string[];
  /** Its dates are whole days ("All day"). */
  allDay?: true;
  /** Upcoming dates as of the build, in order; the page drops those ended by its clock. */
  dates: OfflineDate[];
  /**
   * Registration: whether required, and its states from the build on, each with when it
   * begins (minutes, as `dates`), the first without (src/site/registration.ts).
   */
  registration?: { required: boolean; phases: ([string] | [string, number])[] };
  accessibility?: string;
  /**
   * The site in another language: the language its text is in, when it has no translation
   * into the site's, and that language's direction when it is not the site's
   * (src/site/languages.ts); the offline page marks its text with them.
   */
  lg?: string;
  ld?: "ltr" | "rtl";
}

export interface OfflineData {
  version: 1;
  /** When the build ran, ISO 8601. */
  generated: string;
  library: { name: string; timezone: string; locale: string };
  locations: Record<string, { name: string; address: string }>;
  audiences: Record<string, string>;
  categories: Record<string, string>;
  /** Every month with a calendar page (`/calendar/YYYY/MM/`), in order, with its title. */
  months: { key: string; title: string }[];
  /** Closures from the build's day to the horizon, by ISO date (as month calendars show them). */
  closures: Record<string, { name?: string; reason?: string }[]>;
  /** Every published program, by id: those with no upcoming date too (search finds them). */
  programs: Record<string, OfflineProgram>;
  /**
   * Starts and ends in an hour that happens twice (the clocks going back), by instant
   * (minutes, as `dates`): the time as the pages print it, with the zone's name ("1:30 AM
   * CDT"), which the page shows in place of the time it formats. Absent when there are none.
   */
  zoneTimes?: Record<string, string>;
}

const minutes = (t: DateTime) => Math.floor(t.toMillis() / 60_000);

/** `occurrences` (in order) as `OfflineDate`s. */
function datesOf(occurrences: Occurrence[]): OfflineDate[] {
  let previous = 0;
  return occurrences.map((occ) => {
    const start = minutes(occ.start);
    const length = minutes(occ.end) - start;
    const date: OfflineDate = occ.cancelled
      ? [start - previous, length, 1]
      : [start - previous, length];
    previous = start;
    return date;
  });
}

function programOf(site: Site, program: Program): OfflineProgram {
  const upcoming = site.upcomingOf(program);
  const reg = site.registrationOf(program);
  return {
    title: program.title,
    summary: program.summary,
    status: program.status,
    ...(program.location && { location: program.location }),
    ...(program.room && { room: program.room }),
    ...(program.online && { online: true as const }),
    ...(program.cost !== DEFAULT_COST && { cost: program.cost }),
    audiences: program.audiences,
    categories: program.categories,
    ...(upcoming[0]?.allDay && { allDay: true as const }),
    dates: datesOf(upcoming),
    ...(reg && {
      registration: {
        required: program.registration!.required,
        phases: reg.phases.map((p) =>
          p.from ? ([p.state, minutes(p.from)] as [string, number]) : ([p.state] as [string]),
        ),
      },
    }),
    ...(program.accessibility && { accessibility: program.accessibility }),
    ...(program.lang && { lg: program.lang }),
    ...(program.lang &&
      site.dirOf(program.lang) !== site.lang.dir && { ld: site.dirOf(program.lang) }),
  };
}

/** `zoneTimes` of the dates of `programs` (empty when none is in a repeated hour). */
function zoneTimesOf(site: Site, programs: readonly Program[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const program of programs)
    for (const occ of site.upcomingOf(program)) {
      if (occ.allDay) continue;
      for (const t of [occ.start, occ.end])
        if (isRepeatedTime(t)) labels[minutes(t)] ??= timeOfDay(t, site.lang.locale);
    }
  return labels;
}

/** The offline data of one build, from its site view. */
export function offlineData(site: Site): OfflineData {
  const library = site.library;
  const months = site.monthChoices;
  const closures: OfflineData["closures"] = {};
  const first = site.now.setZone(library.timezone).startOf("day");
  const last = site.catalogue.horizon.setZone(library.timezone).endOf("month");
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const found = site.closuresOn(date);
    if (found.length) closures[date] = found;
  }
  const zoneTimes = zoneTimesOf(site, site.programs);
  return {
    version: 1,
    generated: site.now.toISO({ suppressMilliseconds: true })!,
    library: { name: library.name, timezone: library.timezone, locale: site.lang.locale },
    locations: Object.fromEntries(
      library.locations.map((l) => [l.id, { name: l.name, address: l.address }]),
    ),
    audiences: Object.fromEntries(library.audiences.map((t) => [t.id, t.label])),
    categories: Object.fromEntries(library.categories.map((t) => [t.id, t.label])),
    months: months.map((m) => ({ key: m.key, title: m.title })),
    closures,
    programs: Object.fromEntries(site.programs.map((p) => [p.id, programOf(site, p)])),
    ...(Object.keys(zoneTimes).length && { zoneTimes }),
  };
}

/**
 * The file's text. `JSON.stringify` escapes nothing HTML-special, which is right here: the
 * page reads it with `fetch().json()` and puts values in with `textContent`, never as HTML.
 */
export function offlineDataJson(site: Site): string {
  return JSON.stringify(offlineData(site));
}
