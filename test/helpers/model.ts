// Hand-built model values for unit tests of anything that reads `src/content/model.ts` (calendars,
// feeds, JSON-LD, layouts' filters), without going through the content loader.
//
//   const library = makeLibrary({ timezone: "Pacific/Auckland" });
//   const program = makeProgram({
//     id: "storytime",
//     occurrences: weekly("2026-10-20T18:00", 6, 90, "America/Chicago"),
//   });
//   const catalogue = makeCatalogue({ programs: [program], now: "2026-10-01T09:00" });
//
// Every field has a plain default (Riverside Public Library in America/Chicago, one
// 60-minute occurrence on 2026-10-20 18:00). `makeCatalogue` derives `upcoming` and the
// partner/guide link lookups from what it is given, as the real loader does.
import { DateTime } from "luxon";
import { isFree } from "../../src/content/cost.ts";
import type {
  Catalogue,
  Guide,
  Library,
  Listing,
  Occurrence,
  Partner,
  Program,
} from "../../src/content/model.ts";

export const ZONE = "America/Chicago";

/** A library with two locations, three audiences and two categories. */
export function makeLibrary(partial: Partial<Library> = {}): Library {
  return {
    name: "Riverside Public Library",
    url: "https://library.example.org",
    timezone: ZONE,
    locale: "en-US",
    language: "en",
    horizonMonths: 6,
    listingWeeks: 4,
    contact: { email: "ask@library.example.org", phone: "+1 555 0100" },
    languages: { en: "English", es: "Español" },
    siteLanguages: ["en"],
    locations: [
      {
        id: "central",
        name: "Central Library",
        address: "100 Main St, Riverside, IL 60546",
        geo: [41.8264, -87.8228],
        closed: [],
      },
      { id: "east", name: "East Branch", address: "12 Oak Ave", phone: "+1 555 0101", closed: [] },
    ],
    closed: [],
    audiences: [
      { id: "kids", label: "Kids (0–11)" },
      { id: "teens", label: "Teens (12–18)" },
      { id: "adults", label: "Adults" },
    ],
    categories: [
      { id: "technology", label: "Technology" },
      { id: "media-literacy", label: "Media literacy" },
    ],
    access: [],
    search: { synonyms: [] },
    themeColor: "#1d4e89",
    staffReport: true,
    editor: { branch: "main" },
    ...partial,
  };
}

/**
 * One occurrence. `start` is ISO: wall-clock values are read in `zone`, values with an
 * offset keep it (a luxon fixed-offset zone, like the loader's explicit-offset times), and
 * a date alone makes an all-day occurrence. `length` is minutes for a timed occurrence
 * (default 60) and days for an all-day one (default 1; end = midnight after the last day).
 */
export function occ(
  start: string,
  length?: number,
  zone: string = ZONE,
  options: { cancelled?: boolean } = {},
): Occurrence {
  const allDay = /^\d{4}-\d{2}-\d{2}$/.test(start);
  const s = DateTime.fromISO(start, {
    zone,
    setZone: /[zZ]|[+-]\d{2}:?\d{2}$/.test(start.slice(10)),
  });
  if (!s.isValid) throw new Error(`occ(): bad start ${start}`);
  const end = allDay ? s.plus({ days: length ?? 1 }) : s.plus({ minutes: length ?? 60 });
  return { start: s, end, allDay, cancelled: options.cancelled ?? false };
}

/** `count` weekly occurrences at the same wall-clock time in `zone` (keeps it across DST). */
export function weekly(
  start: string,
  count: number,
  minutes = 60,
  zone: string = ZONE,
): Occurrence[] {
  const first = occ(start, minutes, zone);
  return Array.from({ length: count }, (_, i) => {
    const s = first.start.plus({ weeks: i });
    return { start: s, end: s.plus({ minutes }), allDay: false, cancelled: false };
  });
}

/** A scheduled in-person program at `central`; `occurrences` default to one on 2026-10-20 18:00. */
export function makeProgram(partial: Partial<Program> = {}): Program {
  const id = partial.id ?? "teen-coding-club";
  return {
    id,
    file: `content/programs/${id}.md`,
    url: `/programs/${id}/`,
    title: "Teen Coding Club",
    summary: "Build a small game in Python.",
    audiences: ["teens"],
    categories: ["technology"],
    location: "central",
    schedule: { start: "2026-10-20 18:00", dates: [], cancelled: [] },
    occurrences: [occ("2026-10-20T18:00", 90)],
    status: "scheduled",
    cost: "Free",
    languages: ["en"],
    partners: [],
    guides: [],
    access: [],
    featured: false,
    draft: false,
    extra: {},
    body: "Bring a laptop if you have one.",
    ...partial,
    free: partial.free ?? isFree(partial.cost ?? "Free"),
  };
}

/** A partner; `programs` lists the program ids it names. */
export function makePartner(partial: Partial<Partner> = {}): Partner {
  const id = partial.id ?? "city-makerspace";
  return {
    id,
    file: `content/partners/${id}.md`,
    url: `/partners/${id}/`,
    name: "City Makerspace",
    kind: "nonprofit",
    summary: "Tools and training.",
    programs: [],
    draft: false,
    body: "",
    ...partial,
  };
}

type CatalogueInput = Partial<Omit<Catalogue, "now" | "horizon">> & {
  /** ISO wall-clock in the library zone, or a DateTime. Default 2026-10-01T09:00. */
  now?: string | DateTime;
  horizon?: DateTime;
};

/**
 * A catalogue around `programs`. `upcoming` (when not given) lists every occurrence not yet
 * ended at `now`, sorted by start then title; links work both ways from `Program.partners`
 * / `Partner.programs` and `Program.guides` / `Guide.programs`.
 */
export function makeCatalogue(partial: CatalogueInput = {}): Catalogue {
  const library = partial.library ?? makeLibrary();
  const now =
    partial.now instanceof DateTime
      ? partial.now
      : DateTime.fromISO(partial.now ?? "2026-10-01T09:00", { zone: library.timezone });
  const programs = partial.programs ?? [];
  const partners = partial.partners ?? [];
  const guides: Guide[] = partial.guides ?? [];
  const upcoming: Listing[] =
    partial.upcoming ??
    programs
      .flatMap((program) =>
        program.occurrences
          .filter((o) => o.end > now)
          .map((occurrence) => ({ program, occurrence })),
      )
      .sort(
        (a, b) =>
          a.occurrence.start.toMillis() - b.occurrence.start.toMillis() ||
          a.program.title.localeCompare(b.program.title),
      );
  const linked = <T extends { id: string }>(items: T[], ok: (item: T) => boolean) =>
    items.filter(ok);
  return {
    library,
    now,
    horizon: partial.horizon ?? now.plus({ months: library.horizonMonths }),
    programs,
    partners,
    guides,
    pages: partial.pages ?? [],
    memberPrograms: [],
    upcoming,
    partnersOf: (programId) =>
      linked(
        partners,
        (p) =>
          p.programs.includes(programId) ||
          !!programs.find((x) => x.id === programId)?.partners.includes(p.id),
      ),
    programsOfPartner: (partnerId) =>
      linked(
        programs,
        (x) =>
          x.partners.includes(partnerId) ||
          !!partners.find((p) => p.id === partnerId)?.programs.includes(x.id),
      ),
    guidesOf: (programId) =>
      linked(
        guides,
        (g) =>
          g.programs.includes(programId) ||
          !!programs.find((x) => x.id === programId)?.guides.includes(g.id),
      ),
    programsOfGuide: (guideId) =>
      linked(
        programs,
        (x) =>
          x.guides.includes(guideId) ||
          !!guides.find((g) => g.id === guideId)?.programs.includes(x.id),
      ),
    warnings: partial.warnings ?? [],
  };
}
