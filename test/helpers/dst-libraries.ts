// Libraries whose programs sit on daylight-saving changes, generated from each zone's own
// transitions: for every change between "now" and the horizon, series and one-offs in the
// repeated hour or the gap, ends in the repeated hour, durations and nights across the
// change, monthly rules, `dates`, `except`, `cancelled`, explicit offsets and all-day
// series on that day; plus the same set of other schedules in every zone (monthly
// `2nd tue`/`last fri`/31st, intervals, count and until, closed days per location and
// library-wide, online and moved-online programs, cancelled and postponed programs, a series
// partly older than the aggregated calendars' 30 days).
import { DateTime } from "luxon";
import { makeSite } from "./fixture.ts";
import { offsetTransitions } from "../../src/outputs/vtimezone.ts";

/** Every library's "now" (wall clock in its zone) and horizon. */
export const DST_NOW = "2026-09-15T09:00";
const HORIZON_MONTHS = 15;

export const DST_ZONES = [
  "America/Chicago",
  "Pacific/Auckland",
  "Europe/Berlin",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
] as const;

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MINUTE = 60_000;
const DAY = 86_400_000;

function library(zone: string): string {
  const slug = zone.toLowerCase().replace(/[^a-z]+/g, "-");
  return `name: ${zone} Library
url: https://${slug}.example.org
timezone: ${zone}
locale: en-US
horizon_months: ${HORIZON_MONTHS}
languages: { en: English }
locations:
  - id: main
    name: Main Library
    address: 1 Main Street
    closed: [{ date: 2026-12-26, reason: Stocktake }]
  - id: branch
    name: Branch Library
    address: 2 Side Street
closed:
  - { date: 2026-12-25, reason: Christmas Day }
audiences:
  - { id: kids, label: Kids }
  - { id: adults, label: Adults }
categories:
  - { id: events, label: Events }
  - { id: classes, label: Classes }
`;
}

/** `YYYY-MM-DD HH:MM` of a wall-clock time held as UTC ms. */
const wall = (local: number) => new Date(local).toISOString().slice(0, 16).replace("T", " ");
/** `YYYY-MM-DD` of a wall-clock time held as UTC ms. */
const date = (local: number) => new Date(local).toISOString().slice(0, 10);
const clock = (local: number) => new Date(local).toISOString().slice(11, 16);
const weekday = (local: number) => WEEKDAYS[(new Date(local).getUTCDay() + 6) % 7];

/** `+13:00`, `-05:00`, `+12:45` */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}

/** The monthly rule `local`'s date satisfies: `last <wd>` in the last week, else `<n>th <wd>`. */
function monthlyRule(local: number): string {
  const d = new Date(local);
  const dim = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const wd = weekday(local);
  if (d.getUTCDate() + 7 > dim) return `last ${wd}`;
  return `${["1st", "2nd", "3rd", "4th"][Math.floor((d.getUTCDate() - 1) / 7)]} ${wd}`;
}

/** The day `months` months before `local` satisfying the same monthly rule, same clock. */
function sameRuleMonthsBefore(local: number, months: number): number {
  const d = new Date(local);
  const rule = monthlyRule(local);
  const [which, wd] = rule.split(" ");
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const time = local % DAY;
  const dim = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const days = [...Array(dim).keys()]
    .map((i) => Date.UTC(y, m, i + 1))
    .filter((t) => weekday(t) === wd);
  const day = which === "last" ? days[days.length - 1] : days[Number(which[0]) - 1];
  return day + time;
}

function program(id: string, fields: Record<string, string | undefined>): [string, string] {
  const lines = Object.entries({
    title: `Program ${id}`,
    summary: `Schedule case ${id}.`,
    audiences: "[adults]",
    categories: "[events]",
    location: "main",
    ...fields,
  })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  return [`content/programs/${id}.md`, `---\n${lines.join("\n")}\n---\nAbout ${id}.\n`];
}

/** Programs on each daylight-saving change of `zone` between now and the horizon. */
function transitionPrograms(zone: string): [string, string][] {
  const now = DateTime.fromISO(DST_NOW, { zone });
  const horizon = now.plus({ months: HORIZON_MONTHS });
  const out: [string, string][] = [];
  offsetTransitions(zone, now.toMillis(), horizon.toMillis()).forEach((t, k) => {
    const before = t.at + t.from * MINUTE; // wall clock just as the change happens, old offset
    const after = t.at + t.to * MINUTE; // ... and new
    const windowStart = Math.min(before, after); // repeated hour or gap: [start, end)
    const delta = Math.abs(t.to - t.from) * MINUTE;
    const mid = windowStart + delta / 2;
    const edge = windowStart - 30 * MINUTE;
    const kind = t.to < t.from ? "back" : "fwd";
    const p = `t${k}-${kind}`;
    const aud = k % 2 ? "[kids]" : "[adults, kids]";
    out.push(
      program(`${p}-weekly-mid`, {
        audiences: aud,
        start: wall(mid - 21 * DAY),
        duration: "60",
        repeat: "{ every: week, count: 6 }",
      }),
      program(`${p}-starts-mid`, {
        location: "branch",
        start: wall(mid),
        duration: "45",
        repeat: "{ every: week, count: 3 }",
      }),
      program(`${p}-daily-edge`, {
        categories: "[classes]",
        start: wall(edge - 2 * DAY),
        duration: "90",
        repeat: `{ every: day, until: ${date(edge + 2 * DAY)} }`,
      }),
      program(`${p}-oneoff-mid`, { start: wall(mid), duration: "60" }),
      program(`${p}-oneoff-edge`, {
        location: "branch",
        start: wall(edge),
        duration: "90",
      }),
      program(`${p}-oneoff-end`, {
        start: wall(edge),
        end: wall(mid),
      }),
      program(`${p}-night`, {
        audiences: aud,
        start: `${date(windowStart - DAY - 14 * DAY)} 23:30`,
        duration: "300",
        repeat: "{ every: week, count: 4 }",
      }),
      program(`${p}-monthly`, {
        start: wall(sameRuleMonthsBefore(mid, 2)),
        duration: "60",
        repeat: `{ every: month, on: [${monthlyRule(mid)}], count: 5 }`,
      }),
      program(`${p}-dates`, {
        location: "branch",
        start: `${date(mid - 3 * DAY)} 10:00`,
        duration: "45",
        repeat: "{ every: week, count: 3 }",
        dates: `[${wall(mid)}, ${date(mid + DAY)}]`,
      }),
      program(`${p}-offset`, {
        start: `${date(mid - 14 * DAY)}T${clock(mid)}${offsetText(t.from)}`,
        duration: "60",
        repeat: "{ every: week, count: 5 }",
      }),
      program(`${p}-cancel-except`, {
        categories: "[classes]",
        start: wall(mid - 14 * DAY),
        duration: "60",
        repeat: `{ every: week, count: 5, except: [${date(mid + 7 * DAY)}] }`,
        cancelled: `[${date(mid)}]`,
      }),
      program(`${p}-except-mid`, {
        audiences: aud,
        start: wall(mid - 7 * DAY),
        duration: "30",
        repeat: `{ every: week, count: 4, except: [${date(mid)}] }`,
      }),
      program(`${p}-allday`, {
        start: date(mid - 7 * DAY),
        end: date(mid - 6 * DAY),
        repeat: "{ every: week, count: 3 }",
      }),
    );
  });
  return out;
}

/** Schedules every library has, whatever its zone. */
function commonPrograms(zone: string): [string, string][] {
  const offset = DateTime.fromISO(DST_NOW, { zone }).offset;
  // A time at the zone's current offset that is on another day in UTC.
  const shifted = offset > 0 ? "00:30" : "23:30";
  const online = "https://meet.example.org/room";
  return [
    program("s-monthly-2nd-tue", {
      start: "2026-10-13 18:00",
      repeat: "{ every: month, on: [2nd tue] }",
    }),
    program("s-monthly-last-fri", {
      audiences: "[kids]",
      start: "2026-09-25 19:00",
      duration: "120",
      repeat: "{ every: month, interval: 2, on: [last fri], count: 6 }",
    }),
    program("s-monthly-31", { start: "2026-10-31 18:00", repeat: "{ every: month }" }),
    program("s-monthly-two-rules", {
      start: "2026-10-06 12:00",
      repeat: "{ every: month, on: [1st tue, 3rd thu], until: 2027-06-30 }",
    }),
    program("s-biweekly", {
      categories: "[classes]",
      start: "2026-09-14 17:00",
      duration: "75",
      repeat:
        "{ every: week, interval: 2, on: [mon, wed], until: 2027-03-01, except: [2026-10-12] }",
      cancelled: "[2026-10-14]",
    }),
    program("s-daily-interval", {
      start: "2026-09-16 07:00",
      duration: "30",
      repeat: "{ every: day, interval: 3, until: 2027-01-31 }",
    }),
    program("s-count-past-horizon", {
      start: "2026-09-20 09:00",
      repeat: "{ every: day, count: 1000 }",
    }),
    program("s-end-time", {
      start: "2026-10-05 19:00",
      end: "2026-10-05 21:15",
      repeat: "{ every: week, until: 2026-12-31 }",
    }),
    program("s-old-series", {
      audiences: "[kids]",
      start: "2026-06-01 18:00",
      repeat: "{ every: week, count: 30 }",
    }),
    program("s-off-rule-start", {
      start: "2026-09-21 18:00",
      repeat: "{ every: week, on: [tue, thu], count: 6 }",
    }),
    // Closed days: 2026-12-25 everywhere, 2026-12-26 at main only.
    program("s-fri-main", {
      start: "2026-12-04 10:00",
      repeat: "{ every: week, count: 6 }",
    }),
    program("s-sat-main", {
      start: "2026-12-05 10:00",
      repeat: "{ every: week, count: 6 }",
    }),
    program("s-sat-branch", {
      location: "branch",
      start: "2026-12-05 10:00",
      repeat: "{ every: week, count: 6 }",
    }),
    program("s-fri-online", {
      location: undefined,
      online,
      start: "2026-12-04 10:00",
      repeat: "{ every: week, count: 6 }",
    }),
    program("s-fri-moved-online", {
      status: "moved-online",
      online,
      start: "2026-12-04 11:00",
      repeat: "{ every: week, count: 6 }",
    }),
    program("s-offset-shifted", {
      start: `2026-09-22T${shifted}${offsetText(offset)}`,
      repeat: "{ every: week, on: [tue, thu], count: 8 }",
    }),
    program("s-offset-shifted-biweekly", {
      start: `2026-09-21T${shifted}${offsetText(offset)}`,
      repeat: "{ every: week, interval: 2, on: [mon, sat], count: 8 }",
    }),
    program("s-offset-monthly-shifted", {
      start: `2026-10-13T${shifted}${offsetText(offset)}`,
      repeat: "{ every: month, on: [2nd tue], count: 4 }",
    }),
    program("s-offset-monthly-utc", {
      start: "2026-10-07T12:00Z",
      repeat: "{ every: month, on: [1st wed], count: 4 }",
    }),
    program("s-allday-multi", {
      start: "2026-11-20",
      end: "2026-11-22",
      repeat: "{ every: month, count: 3 }",
    }),
    program("s-allday-oneoff", { start: "2026-12-31" }),
    program("s-allday-daily", {
      start: "2026-12-20",
      repeat: "{ every: day, until: 2027-01-02 }",
      cancelled: "[2026-12-28]",
    }),
    program("s-cancelled-program", {
      status: "cancelled",
      start: "2026-10-02 15:00",
      repeat: "{ every: week, count: 4 }",
    }),
    program("s-postponed-program", {
      status: "postponed",
      start: "2026-10-03 15:00",
      repeat: "{ every: week, count: 3 }",
      cancelled: "[2026-10-10]",
    }),
    program("s-dates-utc", {
      start: "2026-10-08 16:00",
      duration: "50",
      repeat: "{ every: week, count: 4 }",
      dates: "[2026-10-09 16:00, 2026-10-15T16:00Z]",
    }),
  ];
}

/** Writes the library for `zone` and returns its root. */
export function makeDstSite(zone: string): Promise<string> {
  return makeSite({
    "_data/library.yaml": library(zone),
    ...Object.fromEntries([...transitionPrograms(zone), ...commonPrograms(zone)]),
  });
}
