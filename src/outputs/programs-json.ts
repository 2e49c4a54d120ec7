// `/programs.json`: upcoming occurrences in a small, stable format for digital signage,
// other websites and scripts. The format is documented in `docs/programs-json.md`; change
// it only by adding fields (and bump `version` if a field ever changes meaning).
import { placeOf } from "../content/assemble.ts";
import type { Catalogue, Listing, Program, ProgramStatus } from "../content/model.ts";
import { isDropIn } from "../site/program-facts.ts";
import { absoluteUrl } from "../text/xml.ts";

/** Version of the format; consumers may check it. */
export const PROGRAMS_JSON_VERSION = 1;

export interface ProgramsJsonOccurrence {
  /** Program id (several occurrences share it). */
  id: string;
  title: string;
  summary: string;
  /** Timed: ISO 8601 date-time with offset. All-day: ISO date. */
  start: string;
  /** Timed: ISO date-time with offset (exclusive). All-day: ISO date of the last day (inclusive). */
  end: string;
  allDay: boolean;
  /** "cancelled" when this date is cancelled, else the program's status. */
  status: ProgramStatus;
  location: { id: string; name: string; address: string } | null;
  /** Online URL, or null. */
  online: string | null;
  /** Audience and category ids; labels are in `library.audiences` / `library.categories`. */
  audiences: string[];
  categories: string[];
  /** Absolute URL of the program's page. */
  url: string;
  /** On a consortium's site: the id of the member library the program is from. */
  member?: string;
  /**
   * What it costs, as the library wrote it ("Free", "$5, materials included"). Added to
   * version 1: absent in files of older builds, and on a consortium's site for a member's
   * program whose member's file did not say.
   */
  cost?: string;
  /** Whether it costs nothing (Almanac's reading of `cost`). Optional like `cost`. */
  free?: boolean;
  /** Whether it can be joined without registering. Optional like `cost`. */
  dropIn?: boolean;
  /** Codes of the languages it is held in (names in `library.languages`). Optional like `cost`. */
  languages?: string[];
}

export interface ProgramsJsonClosure {
  /** ISO date, in the library's zone. */
  date: string;
  reason: string | null;
  /** Ids of the locations closed that day; null: every location (the whole library). */
  locations: string[] | null;
}

export interface ProgramsJson {
  version: number;
  /** The build's "now", ISO 8601 with offset. */
  generated: string;
  library: {
    name: string;
    url: string;
    timezone: string;
    audiences: { id: string; label: string }[];
    categories: { id: string; label: string }[];
    /** The library's languages (codes the occurrences' `languages` name). Added to version 1. */
    languages?: { id: string; label: string }[];
    /**
     * Closed days from the build's day on, sorted: `locations` null for the whole library,
     * else the ids of the locations closed. Added to version 1.
     */
    closures?: ProgramsJsonClosure[];
  };
  occurrences: ProgramsJsonOccurrence[];
}

function occurrenceJson(
  { program, occurrence }: Listing,
  catalogue: Catalogue,
  prefix: string,
): ProgramsJsonOccurrence {
  const { library } = catalogue;
  const at = placeOf(program);
  const place = at ? library.locations.find((l) => l.id === at) : undefined;
  const iso = (dt: typeof occurrence.start) => dt.toISO({ suppressMilliseconds: true })!;
  return {
    id: program.id,
    title: program.title,
    summary: program.summary,
    start: occurrence.allDay ? occurrence.start.toISODate()! : iso(occurrence.start),
    end: occurrence.allDay ? occurrence.end.minus({ days: 1 }).toISODate()! : iso(occurrence.end),
    allDay: occurrence.allDay,
    status: occurrence.cancelled ? "cancelled" : program.status,
    location: place ? { id: place.id, name: place.name, address: place.address } : null,
    online: program.online ?? null,
    audiences: [...program.audiences],
    categories: [...program.categories],
    // A member's program is at its address on the member's site, in no language of ours.
    url: absoluteUrl(library.url, program.member ? program.url : prefix + program.url),
    ...(program.member && { member: program.member.id }),
    ...programFacts(program),
  };
}

/**
 * What a program costs, whether it needs registering and its languages. A member's program
 * on a consortium's site has them only when its member's file gave them (`cost` empty,
 * `languages` empty and the member's `free` and `dropIn` unset when it did not), and only
 * what it gave is passed on.
 */
function programFacts(
  program: Program,
): Pick<ProgramsJsonOccurrence, "cost" | "free" | "dropIn" | "languages"> {
  const { member } = program;
  if (!member) {
    return {
      cost: program.cost,
      free: program.free,
      dropIn: isDropIn(program),
      languages: [...program.languages],
    };
  }
  return {
    ...(program.cost && { cost: program.cost }),
    ...(member.free !== undefined && { free: member.free }),
    ...(member.dropIn !== undefined && { dropIn: member.dropIn }),
    ...(program.languages.length && { languages: [...program.languages] }),
  };
}

/**
 * The `/programs.json` document: `catalogue.upcoming` (every occurrence not yet ended at
 * `now`, in start order: series up to the horizon, `start` and `dates` however far ahead)
 * plus enough about the library to label it. `prefix`: the language's (`/es`) when
 * `catalogue` is the site in another of `site_languages` (`/es/programs.json`, its `url`s
 * at that language's pages).
 */
export function programsJson(catalogue: Catalogue, prefix = ""): ProgramsJson {
  return {
    ...programsJsonHead(catalogue),
    occurrences: catalogue.upcoming.map((listing) => occurrenceJson(listing, catalogue, prefix)),
  };
}

/** Everything in the document but its occurrences (`occurrences` is its last key). */
function programsJsonHead(catalogue: Catalogue): Omit<ProgramsJson, "occurrences"> {
  const { library } = catalogue;
  return {
    version: PROGRAMS_JSON_VERSION,
    generated: catalogue.now.toISO({ suppressMilliseconds: true })!,
    library: {
      name: library.name,
      url: library.url,
      timezone: library.timezone,
      audiences: library.audiences.map(({ id, label }) => ({ id, label })),
      categories: library.categories.map(({ id, label }) => ({ id, label })),
      languages: Object.entries(library.languages).map(([id, label]) => ({ id, label })),
      closures: closuresJson(catalogue),
    },
  };
}

/**
 * The library's closed days from today (in its zone) on: one entry for each day the whole
 * library is closed, and one for each day and reason some of its locations are (a day
 * the whole library is closed names no location besides).
 */
function closuresJson({ library, now }: Catalogue): ProgramsJsonClosure[] {
  const today = now.setZone(library.timezone).toISODate()!;
  const all = new Map<string, ProgramsJsonClosure>();
  for (const c of library.closed)
    if (c.date >= today && !all.has(c.date))
      all.set(c.date, { date: c.date, reason: c.reason ?? null, locations: null });
  const some = new Map<string, ProgramsJsonClosure>();
  for (const loc of library.locations) {
    for (const c of loc.closed) {
      if (c.date < today || all.has(c.date)) continue;
      const key = `${c.date} ${c.reason ?? ""}`;
      const entry = some.get(key);
      if (!entry) some.set(key, { date: c.date, reason: c.reason ?? null, locations: [loc.id] });
      else if (!entry.locations!.includes(loc.id)) entry.locations!.push(loc.id);
    }
  }
  return [...all.values(), ...some.values()].sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      Number(!!a.locations) - Number(!!b.locations),
  );
}

/** How many occurrences `programsJsonChunks` puts in one piece. */
const CHUNK_OCCURRENCES = 200;

/**
 * The `/programs.json` file as written: `programsJsonText(programsJson(catalogue, prefix))`, in
 * pieces of a few hundred occurrences: a large catalogue's file is megabytes, and written
 * piece by piece neither it nor its objects are ever held whole.
 */
export function* programsJsonChunks(catalogue: Catalogue, prefix = ""): Generator<string> {
  const head = JSON.stringify({ ...programsJsonHead(catalogue), occurrences: [] });
  const { upcoming } = catalogue;
  if (!upcoming.length) {
    yield head + "\n";
    return;
  }
  // `head` ends with `"occurrences":[]}`.
  let piece = head.slice(0, -2) + "\n";
  for (let i = 0; i < upcoming.length; i++) {
    piece += (i ? ",\n" : "") + JSON.stringify(occurrenceJson(upcoming[i]!, catalogue, prefix));
    if ((i + 1) % CHUNK_OCCURRENCES === 0) {
      yield piece;
      piece = "";
    }
  }
  yield piece + "\n]}\n";
}

/**
 * How the document is written: compact JSON with each occurrence on a line of its own
 * (greppable, diffable line by line). Indented, the file was a third larger: at 2,000
 * programs 17.5 MB against 13.3 MB.
 */
export function programsJsonText(json: ProgramsJson): string {
  const { occurrences, ...head } = json;
  const start = JSON.stringify({ ...head, occurrences: [] });
  if (!occurrences.length) return start + "\n";
  const lines = occurrences.map((o) => JSON.stringify(o)).join(",\n");
  return `${start.slice(0, -2)}\n${lines}\n]}\n`;
}
