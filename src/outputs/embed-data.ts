// The data files of the embeddable widget (`/embed.js`, docs/embed.md): small JSON files
// under `/embed/data/`, one for everything (`all.json`) and one for each audience,
// category, location, program language and access feature (`audience/teens.json`, ...),
// each holding only the next `EMBED_OCCURRENCES` occurrences of its facet and only what the
// widget shows or filters on. A partner's page never downloads `/programs.json`.
//
// Filters combine in the browser: the widget fetches the file of each facet it filters on,
// keeps the occurrences that match every filter, and merges them in catalogue order. That
// is exact up to where the files reach: a file cut at its facet's Nth occurrence holds
// every occurrence of the facet that starts no later than its last one (ties at that start
// included), so an occurrence matching all filters and starting before the latest cut is in
// the file of the facet cut latest. What the widget shows is therefore always the first
// matches in order, never one with an earlier match missing; a rare combination may show
// fewer than it asked for (docs/embed.md says so).
//
// The format is the widget's own (`v` changes when it does); `/programs.json` is the
// public one, and says the same things: the same starts, ends, statuses and URLs.
import { placeOf } from "../content/assemble.ts";
import type { Listing, Program } from "../content/model.ts";
import { isRepeatedTime } from "../site/format.ts";
import type { Site } from "../site/site.ts";
import { absoluteUrl } from "../text/xml.ts";

/** Version of the format, checked by the widget. */
export const EMBED_DATA_VERSION = 1;

/**
 * How many occurrences a file holds: the next this many of its facet, plus any more that
 * start at the same moment as the last. The widget shows at most `EMBED_MAX_LIMIT`.
 */
export const EMBED_OCCURRENCES = 50;

/** The most occurrences one widget shows (its `limit`, default `EMBED_DEFAULT_LIMIT`). */
export const EMBED_MAX_LIMIT = 20;
export const EMBED_DEFAULT_LIMIT = 5;

/** Where the files go, under the site root. */
export const EMBED_DATA_DIR = "embed/data";

/** The facets with a file per value, as the widget's attributes name them. */
export const EMBED_FACETS = ["audience", "category", "location", "language", "access"] as const;
export type EmbedFacet = (typeof EMBED_FACETS)[number];

/** A program as the widget needs it. Absent fields mean none. */
export interface EmbedProgram {
  id: string;
  title: string;
  /** Absolute URL of its page. */
  url: string;
  /** The location's name (and room), or absent when online only. */
  place?: string;
  /** 1: it can be joined online. */
  online?: 1;
  /** The program's status when not `scheduled` (a cancelled date is marked on the date). */
  status?: Exclude<Program["status"], "scheduled">;
  /** Audience, category, program language and access feature ids; location id. */
  a: string[];
  c: string[];
  g: string[];
  x?: string[];
  l?: string;
  /** Age ranges of its audiences that have them (`[youngest, oldest]`), for `age`. */
  ages?: [number, number][];
}

/** One occurrence. `start` and `end` are written as in `/programs.json`. */
export interface EmbedOccurrence {
  /** Index of its program in the file's `programs`. */
  p: number;
  /** Its place in the catalogue's order (start, then title): the widget merges by it. */
  n: number;
  /** Timed: ISO date-time with offset. All-day: ISO date. */
  start: string;
  /** Timed: ISO date-time with offset (exclusive). All-day: ISO date of the last day. */
  end: string;
  allDay?: 1;
  cancelled?: 1;
  /**
   * Which of its times fall in an hour that happens twice (the clocks going back): 1 its
   * start, 2 its end, 3 both. The widget names the zone after those, as the pages do
   * ("11:00 PM CDT – 11:30 PM CST"). Absent for the others.
   */
  z?: 1 | 2 | 3;
}

export interface EmbedData {
  v: number;
  /** The build's "now", ISO 8601 with offset. */
  generated: string;
  library: {
    name: string;
    /** The site's base URL (the widget links its listing). */
    url: string;
    timezone: string;
    locale: string;
    /** The language program titles are written in (the library's main language). */
    language: string;
  };
  /** Whether every upcoming occurrence of the facet is here (false: cut after the Nth). */
  complete: boolean;
  programs: EmbedProgram[];
  occurrences: EmbedOccurrence[];
}

/** One file to write: its path under the site root and its text. */
export interface EmbedFile {
  path: string;
  json: string;
}

function programOf(program: Program, site: Site): EmbedProgram {
  const place = placeOf(program);
  const location = site.location(place);
  const ages = program.audiences.flatMap((id) => {
    const range = site.audience(id)?.ages;
    return range ? [[range[0], range[1]] as [number, number]] : [];
  });
  return {
    id: program.id,
    title: program.title,
    url: absoluteUrl(site.library.url, program.url),
    ...(location && { place: program.room ? `${location.name}, ${program.room}` : location.name }),
    ...(program.online !== undefined && { online: 1 as const }),
    ...(program.status !== "scheduled" && { status: program.status }),
    a: [...program.audiences],
    c: [...program.categories],
    g: [...program.languages],
    ...(program.access.length && { x: [...program.access] }),
    ...(place !== undefined && { l: place }),
    ...(ages.length && { ages }),
  };
}

/** One file's occurrences as they are collected: the first N of a facet, ties kept. */
interface Bucket {
  listings: [Listing, number][];
  /** An occurrence of the facet was left out (the file is cut). */
  cut: boolean;
}

/** Adds an occurrence to a bucket unless it is full (an occurrence tied with its last fits). */
function collect(bucket: Bucket, entry: [Listing, number]): void {
  const { listings } = bucket;
  if (bucket.cut) return;
  const last = listings[listings.length - 1];
  if (
    listings.length < EMBED_OCCURRENCES ||
    last![0].occurrence.start.toMillis() === entry[0].occurrence.start.toMillis()
  )
    listings.push(entry);
  else bucket.cut = true;
}

/** One file's document: the bucket's occurrences, with their indices in the catalogue's order. */
function dataOf(site: Site, { listings, cut }: Bucket): EmbedData {
  const programs: EmbedProgram[] = [];
  const programIndex = new Map<Program, number>();
  const iso = (dt: Listing["occurrence"]["start"]) => dt.toISO({ suppressMilliseconds: true })!;
  const occurrences = listings.map(([{ program, occurrence: o }, n]) => {
    let p = programIndex.get(program);
    if (p === undefined) {
      p = programs.push(programOf(program, site)) - 1;
      programIndex.set(program, p);
    }
    const repeated = o.allDay
      ? 0
      : (isRepeatedTime(o.start) ? 1 : 0) | (isRepeatedTime(o.end) ? 2 : 0);
    return {
      p,
      n,
      start: o.allDay ? o.start.toISODate()! : iso(o.start),
      end: o.allDay ? o.end.minus({ days: 1 }).toISODate()! : iso(o.end),
      ...(o.allDay && { allDay: 1 as const }),
      ...(o.cancelled && { cancelled: 1 as const }),
      ...(repeated && { z: repeated as 1 | 2 | 3 }),
    };
  });
  const { library } = site;
  return {
    v: EMBED_DATA_VERSION,
    generated: site.now.toISO({ suppressMilliseconds: true })!,
    library: {
      name: library.name,
      url: library.url,
      timezone: library.timezone,
      locale: library.locale,
      language: library.language,
    },
    complete: !cut,
    programs,
    occurrences,
  };
}

/** The ids of one facet a program has. */
function valuesOf(program: Program, facet: EmbedFacet): readonly string[] {
  switch (facet) {
    case "audience":
      return program.audiences;
    case "category":
      return program.categories;
    case "location": {
      const place = placeOf(program);
      return place === undefined ? [] : [place];
    }
    case "language":
      return program.languages;
    case "access":
      return program.access;
  }
}

/** Every value of a facet the library names (a value with no programs gets an empty file). */
function vocabulary(site: Site, facet: EmbedFacet): string[] {
  const { library } = site;
  switch (facet) {
    case "audience":
      return library.audiences.map((a) => a.id);
    case "category":
      return library.categories.map((c) => c.id);
    case "location":
      return library.locations.map((l) => l.id);
    case "language":
      return Object.keys(library.languages);
    case "access":
      return library.access.map((f) => f.id);
  }
}

/**
 * Every data file of the widget for a site: `embed/data/all.json`, then one a facet value
 * (`embed/data/audience/teens.json`), each facet's values in the order `library.yaml`
 * gives them. Pure: the same site gives the same files.
 */
export function embedFiles(site: Site): EmbedFile[] {
  // One pass over the catalogue, each occurrence into the buckets of its facets' values.
  const all: Bucket = { listings: [], cut: false };
  const buckets = new Map<string, Bucket>();
  for (const facet of EMBED_FACETS)
    for (const id of vocabulary(site, facet))
      buckets.set(`${facet}/${id}`, { listings: [], cut: false });
  site.upcoming.forEach((listing, n) => {
    const entry: [Listing, number] = [listing, n];
    collect(all, entry);
    for (const facet of EMBED_FACETS) {
      for (const id of valuesOf(listing.program, facet)) {
        const bucket = buckets.get(`${facet}/${id}`);
        if (bucket) collect(bucket, entry);
      }
    }
  });
  const file = (name: string, bucket: Bucket): EmbedFile => ({
    path: `${EMBED_DATA_DIR}/${name}.json`,
    json: JSON.stringify(dataOf(site, bucket)),
  });
  return [file("all", all), ...[...buckets].map(([name, bucket]) => file(name, bucket))];
}
