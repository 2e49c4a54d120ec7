// The program explorer's data file, `/explorer/data-<hash>.json`: every upcoming occurrence
// with what the explorer filters on and what a listing shows, made from the site view and
// read by `layouts/assets/explorer.js` (and by My plan, `layouts/assets/my-plan.js`). Compact by design (a 2,000-program catalogue's file
// must stay under 200 KB compressed): a program's facts once, its occurrences as start
// minutes (the first absolute, then differences, which a weekly series makes the same
// number over and over), ids as indices into the vocabularies, and every label the page
// prints made here, by the same formatters as the static pages, so the explorer's listing
// reads exactly like them and the browser needs no time-zone data: the library zone's UTC
// offsets over the listed range come with it.
//
// The format is private to the explorer (`v` changes when it does); `/programs.json` is
// the public one.
import { createHash } from "node:crypto";
import { DateTime, IANAZone } from "luxon";
import type { ClosedDay, Listing, Occurrence, Program } from "../content/model.ts";
import {
  dayKey,
  endLabel,
  isRepeatedTime,
  longDate,
  shortDate,
  timeOfDay,
} from "../site/format.ts";
import { isDropIn } from "../site/program-facts.ts";
import { placeOf } from "../content/assemble.ts";
import type { Site } from "../site/site.ts";

/** Version of the format, for the explorer script. */
export const EXPLORER_DATA_VERSION = 1;

/** One program: its facts, then its upcoming occurrences. Absent flags mean no/none. */
export interface ExplorerProgram {
  /** Id (its page is `/programs/<id>/`). */
  id: string;
  /** Title. */
  t: string;
  /** Audience, category and language indices (into `audiences`, `categories`, `languages`). */
  a: number[];
  c: number[];
  g: number[];
  /** Location index; absent for online-only. */
  l?: number;
  /** Room. */
  r?: string;
  /** 1: can be joined online. */
  on?: 1;
  /** Access feature indices. */
  x?: number[];
  /** 1: free; 1: drop-in (no registration required). */
  f?: 1;
  dr?: 1;
  /** Badge of the whole program ("Postponed", "Cancelled", ...). */
  b?: string;
  /** Thumbnail URL, or the icon name shown without one. */
  im?: string;
  ic?: string;
  /**
   * Who it is for, as listings print it ("Ages 0–11"); in pieces when one is in another
   * language than the site's (`MarkedPiece`).
   */
  w: string | MarkedPiece[];
  /** 1: all-day occurrences (then `d` is in days, else in minutes). */
  ad?: 1;
  /** Length of its occurrences (the usual one; `dd` lists the others). */
  d: number;
  /** Starts, in minutes since 1970 UTC: the first, then the difference to the one before. */
  o: number[];
  /** Indices (into `o`) of cancelled occurrences. */
  k?: number[];
  /** `[index, length]` of occurrences whose length is not `d`. */
  dd?: [number, number][];
  /** `[index, offset]`: occurrences written with their own UTC offset (minutes). */
  zo?: [number, number][];
  /** A consortium member's program: the absolute address of its page (on the member's site). */
  u?: string;
  /**
   * The site in another of `site_languages`: the language the program's text is in, when it
   * has no translation into the site's (the listing marks its title with it).
   */
  lg?: string;
  /** The direction of `lg` (`rtl`), when it is not the site's: the title is marked with it. */
  ld?: "ltr" | "rtl";
  /** A consortium member's program: the member library's name. */
  lib?: string;
  /**
   * A consortium member's program in another zone than the site's: its zone's short name
   * ("CST") by UTC offset (minutes), printed after its times as listings print it (`zo`
   * holds the offset of each of its dates).
   */
  zn?: Record<string, string>;
}

/**
 * A piece of text: in the site's language (a string), or `[text, lang]` in another language
 * (a label with no value in the site's: src/site/languages.ts), `[text, lang, dir]` when
 * that language's direction is not the site's. The listing marks it as the pages do.
 */
export type MarkedPiece = string | [string, string] | [string, string, "ltr" | "rtl"];

/** The language of a text in another language than the site's (`lg`, and `ld` when its direction differs). */
export interface InLanguage {
  lg?: string;
  ld?: "ltr" | "rtl";
}

export interface ExplorerData {
  v: number;
  /**
   * The site in another of `site_languages` (src/site/languages.ts): where its pages are
   * (`/es`), for the links to them. Absent for the first language's (at `/`).
   */
  pages?: string;
  /** 1: the library's zone writes a zero offset as `Z` (zone UTC), as its ISO times do. */
  utc?: 1;
  /** The build's "now", minutes since 1970 UTC (the page drops what has ended by its clock). */
  now: number;
  /**
   * UTC offsets of the library's zone, `[from, offset]` in minutes, sorted: `offset`
   * applies from the instant `from` (the first entry: from any time before) to the next.
   */
  offsets: [number, number][];
  /** Day labels by library-zone day number (days since 1970-01-01): `[long, short]`. */
  days: Record<string, [string, string]>;
  /** Time labels by minute of the day ("6:00 PM"). */
  times: Record<string, string>;
  /**
   * The labels of times in an hour that happens twice (the clocks going back), by instant
   * (minutes since 1970 UTC): with the zone's name, as the pages print them ("1:30 AM
   * CDT"), in place of `times`, only at those instants. Absent when there are none.
   */
  zoneTimes?: Record<string, string>;
  /** Months with dates, `[YYYY-MM, "December 2026"]`, for the "when" filter. */
  months: [string, string][];
  audiences: { id: string; label: string; ages?: [number, number] }[];
  categories: { id: string; label: string }[];
  /**
   * Places, with their address for My plan's calendar file (layouts/assets/my-plan.js), and
   * the language of the name when it is not the site's (`InLanguage`).
   */
  locations: ({ id: string; name: string; address: string; geo?: [number, number] } & InLanguage)[];
  languages: [string, string][];
  access: { id: string; label: string }[];
  /**
   * Closed days: `[day number, location index or -1 for the whole library, reason]`, then,
   * when the reason is in another language than the site's, that language and its
   * direction when it is not the site's (`[..., reason, lang, dir?]`).
   */
  closures: ([number, number, string] | [number, number, string, string, ...string[]])[];
  programs: ExplorerProgram[];
}

const MINUTE = 60_000;
const minutes = (dt: DateTime) => Math.floor(dt.toMillis() / MINUTE);
/** Days since 1970-01-01 of a wall-clock date. */
const dayNumber = (dt: DateTime) =>
  Math.floor(Date.UTC(dt.year, dt.month - 1, dt.day) / 86_400_000);

/** The zone's offset changes between `from` and `to` (ms), as `[utc minute, offset]`. */
function offsetTable(zoneName: string, from: number, to: number): [number, number][] {
  const zone = IANAZone.create(zoneName);
  const table: [number, number][] = [[Math.floor(from / MINUTE), zone.offset(from)]];
  const step = 6 * 3_600_000;
  for (let t = from; t < to; t += step) {
    const next = Math.min(t + step, to);
    if (zone.offset(next) === zone.offset(t)) continue;
    // Narrow to the minute: offsets change on a whole minute of UTC.
    let lo = t;
    let hi = next;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (zone.offset(mid) === zone.offset(lo)) lo = mid;
      else hi = mid;
    }
    table.push([Math.floor(hi / MINUTE), zone.offset(hi)]);
  }
  return table;
}

/** Most common value of a list (the first of equals). */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  let best = values[0] ?? 60;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > (counts.get(best) ?? 0)) best = v;
  }
  return best;
}

/** What the explorer's data made of one program, kept between preview runs. */
interface KeptProgram {
  entry: ExplorerProgram;
  /** The day and time labels it adds (`ExplorerData.days`, `times`, `zoneTimes`). */
  days: [number, [string, string]][];
  times: [number, string][];
  zoneTimes: [number, string][];
  /** Its first start and last end (ms). */
  first: number;
  last: number;
}

/**
 * The explorer's data for a site (the same site gives the same data; `explorerFile`
 * memoises it per site). In a preview, what it made of each program whose rows are as in
 * the last run is taken from then (`Site.keptExplorer`).
 */
export function explorerData(site: Site): ExplorerData {
  const library = site.library;
  const zone = library.timezone;
  const locale = site.lang.locale;
  const index = <T extends { id: string }>(items: readonly T[]) =>
    new Map(items.map((item, i) => [item.id, i] as const));
  const audienceIndex = index(library.audiences);
  const categoryIndex = index(library.categories);
  const locationIndex = index(library.locations);
  const accessIndex = index(library.access);
  const languageCodes = Object.keys(library.languages);
  const languageIndex = new Map(languageCodes.map((code, i) => [code, i] as const));
  /** `lg` and `ld` of a text in the language `code` (none: the site's). */
  const inLanguage = (code: string | undefined): InLanguage =>
    code ? { lg: code, ...(site.dirOf(code) !== site.lang.dir && { ld: site.dirOf(code) }) } : {};

  const days: Record<string, [string, string]> = {};
  const times: Record<string, string> = {};
  const zoneTimes: Record<string, string> = {};
  const dayLabel = (local: DateTime) => {
    const n = dayNumber(local);
    days[n] ??= [longDate(local.startOf("day"), locale), shortDate(local.startOf("day"), locale)];
    return n;
  };
  // A time in a repeated hour is labelled at its instant, not at its minute of the day:
  // the zone's name the pages print after it belongs to that night's date only.
  const timeLabel = (local: DateTime, own: { times: number[]; zoneTimes: number[] }) => {
    if (isRepeatedTime(local)) {
      const at = minutes(local);
      zoneTimes[at] ??= timeOfDay(local, locale);
      own.zoneTimes.push(at);
    } else {
      const m = local.hour * 60 + local.minute;
      times[m] ??= timeOfDay(local, locale);
      own.times.push(m);
    }
  };

  // Occurrences by program, in the order of the site's listings.
  const byProgram = new Map<Program, Occurrence[]>();
  // In a preview, the keys of each program's rows (`Site.rowKey`: its file's version and
  // its dates), under which what it makes of the program is kept for the next run.
  const kept = site.keptExplorer;
  const rowKeys = new Map<Program, (string | undefined)[]>();
  for (const listing of site.upcoming as Listing[]) {
    const { program, occurrence } = listing;
    let list = byProgram.get(program);
    if (!list) byProgram.set(program, (list = []));
    list.push(occurrence);
    if (kept) {
      let keys = rowKeys.get(program);
      if (!keys) rowKeys.set(program, (keys = []));
      keys.push(site.rowKey(listing));
    }
  }
  // Programs in title order (then id), so occurrences at the same time sort as the pages do.
  const collator = new Intl.Collator(locale);
  const programs = [...byProgram.keys()].sort(
    (a, b) => collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  let first = Infinity;
  let last = -Infinity;
  const used = new Set<string>();
  const out: ExplorerProgram[] = programs.map((program) => {
    const keys = rowKeys.get(program);
    const key = keys && !keys.includes(undefined) ? keys.join("\n") : undefined;
    const known = key === undefined ? undefined : kept?.get(program.id);
    if (known && known.key === key) {
      used.add(program.id);
      const value = known.value as KeptProgram;
      for (const [n, label] of value.days) days[n] ??= label;
      for (const [m, label] of value.times) times[m] ??= label;
      for (const [at, label] of value.zoneTimes) zoneTimes[at] ??= label;
      first = Math.min(first, value.first);
      last = Math.max(last, value.last);
      return value.entry;
    }
    const entry = programEntry(program);
    if (kept && key !== undefined) {
      used.add(program.id);
      kept.set(program.id, { key, value: entry.kept });
    }
    return entry.kept.entry;
  });
  // Programs gone (or changed under another id) are not kept.
  if (kept) for (const id of kept.keys()) if (!used.has(id)) kept.delete(id);

  /** One program's entry, with the labels and range it adds (kept for the next run). */
  function programEntry(program: Program): { kept: KeptProgram } {
    const ownDays: number[] = [];
    const ownTimes = { times: [] as number[], zoneTimes: [] as number[] };
    let ownFirst = Infinity;
    let ownLast = -Infinity;
    const occurrences = byProgram.get(program)!;
    const facts = site.factsOf(program);
    const member = program.member;
    const ownZone = member && member.timezone !== zone ? member.timezone : undefined;
    const zoneNames: Record<string, string> = {};
    const allDay = occurrences[0]!.allDay;
    const lengths = occurrences.map((o) =>
      allDay
        ? Math.round(o.end.diff(o.start, "days").days)
        : Math.round((o.end.toMillis() - o.start.toMillis()) / MINUTE),
    );
    const d = mode(lengths);
    const starts: number[] = [];
    const cancelled: number[] = [];
    const otherLengths: [number, number][] = [];
    const ownOffsets: [number, number][] = [];
    let previous = 0;
    occurrences.forEach((o, i) => {
      const start = minutes(o.start);
      starts.push(i === 0 ? start : start - previous);
      previous = start;
      ownFirst = Math.min(ownFirst, o.start.toMillis());
      ownLast = Math.max(ownLast, o.end.toMillis());
      if (o.cancelled) cancelled.push(i);
      if (lengths[i] !== d) otherLengths.push([i, lengths[i]!]);
      if (o.start.zoneName !== zone) ownOffsets.push([i, o.start.offset]);
      if (ownZone && !o.allDay)
        zoneNames[o.start.offset] ??= site.zoneNote({ program, occurrence: o });
      // Labels the page prints for it: its day (library zone) and times (its own zone).
      ownDays.push(dayLabel(o.start.setZone(zone)));
      if (allDay) {
        ownDays.push(dayLabel(o.end.minus({ days: 1 })));
      } else {
        timeLabel(o.start, ownTimes);
        timeLabel(o.end, ownTimes);
        if (endLabel(o, site.lang) !== timeOfDay(o.end, locale)) ownDays.push(dayLabel(o.end));
      }
    });
    const badge = site.badgeOf({ program, occurrence: { ...occurrences[0]!, cancelled: false } });
    const place = placeOf(program);
    const entry: ExplorerProgram = {
      id: program.id,
      t: program.title,
      a: program.audiences.map((id) => audienceIndex.get(id)!),
      c: program.categories.map((id) => categoryIndex.get(id)!),
      g: program.languages.flatMap((code) => languageIndex.get(code) ?? []),
      ...(place !== undefined && { l: locationIndex.get(place)! }),
      ...(program.room !== undefined && place !== undefined && { r: program.room }),
      ...(program.online !== undefined && { on: 1 as const }),
      ...(program.access.length && { x: program.access.map((id) => accessIndex.get(id)!) }),
      // A member's program: what its member's programs.json says (nothing, from an older
      // Almanac: then neither).
      ...((member ? member.free : program.free) && { f: 1 as const }),
      ...((member ? member.dropIn : isDropIn(program)) && { dr: 1 as const }),
      ...(badge && { b: badge }),
      ...(facts.thumb ? { im: facts.thumb } : { ic: facts.icon }),
      w: facts.forWhomMarked
        ? facts.forWhomMarked.map(({ text, lang }): MarkedPiece => {
            if (!lang) return text;
            const { ld } = inLanguage(lang);
            return ld ? [text, lang, ld] : [text, lang];
          })
        : facts.forWhom,
      ...(allDay && { ad: 1 as const }),
      d,
      o: starts,
      ...(cancelled.length && { k: cancelled }),
      ...(otherLengths.length && { dd: otherLengths }),
      ...(ownOffsets.length && { zo: ownOffsets }),
      ...(member && { u: program.url, lib: member.name }),
      ...(program.lang && { lg: program.lang }),
      ...(program.lang &&
        site.dirOf(program.lang) !== site.lang.dir && { ld: site.dirOf(program.lang) }),
      ...(ownZone && { zn: zoneNames }),
    };
    first = Math.min(first, ownFirst);
    last = Math.max(last, ownLast);
    return {
      kept: {
        entry,
        days: [...new Set(ownDays)].map((n) => [n, days[n]!]),
        times: [...new Set(ownTimes.times)].map((m) => [m, times[m]!]),
        zoneTimes: [...new Set(ownTimes.zoneTimes)].map((at) => [at, zoneTimes[at]!]),
        first: ownFirst,
        last: ownLast,
      },
    };
  }

  const now = site.now.toMillis();
  const closures: ExplorerData["closures"] = [];
  const today = dayKey(site.now.setZone(zone));
  const push = (date: string, location: number, c: ClosedDay) => {
    const day = DateTime.fromISO(date, { zone });
    dayLabel(day);
    const { lg, ld } = inLanguage(c.reason === undefined ? undefined : c.lang);
    closures.push(
      lg
        ? [dayNumber(day), location, c.reason ?? "", lg, ...(ld ? [ld] : [])]
        : [dayNumber(day), location, c.reason ?? ""],
    );
  };
  for (const c of library.closed) if (c.date >= today) push(c.date, -1, c);
  library.locations.forEach((loc, i) => {
    for (const c of loc.closed)
      if (c.date >= today && !library.closed.some((all) => all.date === c.date)) push(c.date, i, c);
  });
  closures.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const rangeStart = Math.min(first, now) - 86_400_000;
  const rangeEnd = Math.max(last, site.catalogue.horizon.toMillis(), now) + 2 * 86_400_000;
  const zulu = site.now.setZone(zone).set({ month: 1 }).toISO()!.endsWith("Z");
  return {
    v: EXPLORER_DATA_VERSION,
    ...(site.prefix && { pages: site.prefix }),
    ...(zulu && { utc: 1 as const }),
    now: Math.floor(now / MINUTE),
    offsets: offsetTable(zone, rangeStart, rangeEnd),
    days,
    times,
    ...(Object.keys(zoneTimes).length && { zoneTimes }),
    months: site.monthChoices.map((m) => [m.key, m.title]),
    audiences: library.audiences.map((a) => ({
      id: a.id,
      label: a.label,
      ...(a.ages && { ages: a.ages }),
    })),
    categories: library.categories.map((c) => ({ id: c.id, label: c.label })),
    locations: library.locations.map((l) => ({
      id: l.id,
      name: l.name,
      address: l.address,
      ...(l.geo && { geo: l.geo }),
      ...inLanguage(l.lang),
    })),
    languages: languageCodes.map((code) => [code, library.languages[code]!]),
    access: library.access.map((f) => ({ id: f.id, label: f.label })),
    closures,
    programs: out,
  };
}

/** The data file for a site: its text and its URL (named by a hash of the text). */
export interface ExplorerFile {
  json: string;
  /** `/explorer/data-<hash>.json`, under the language's folder for another language's site. */
  url: string;
}

const files = new WeakMap<Site, ExplorerFile>();

/**
 * The data file of `site`, made once per site view (the pages name its URL while they
 * render; the `explorer-data` output step writes the same text afterwards). Its name
 * changes with its content, so browsers and the service worker may keep it forever.
 */
export function explorerFile(site: Site): ExplorerFile {
  let file = files.get(site);
  if (!file) {
    const json = JSON.stringify(explorerData(site));
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 10);
    file = { json, url: `${site.prefix}/explorer/data-${hash}.json` };
    files.set(site, file);
  }
  return file;
}
