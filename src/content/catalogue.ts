// Loading the whole content set: `_data/library.yaml` and every file under
// `content/{programs,partners,guides,pages}/`, read, validated and normalised in one pass so
// a build or `npm run check` lists every problem at once. The result is the `Catalogue`
// every other part of Almanac reads; unpublished items never enter it.
import path from "node:path";
import type { DateTime } from "luxon";
import type { Catalogue, Library, Problem, Program } from "./model.ts";
import { readContentFolder, readSiteFile } from "./files.ts";
import { checkImages } from "../images/check.ts";
import { expandSchedule, inLibraryZone, type ScheduleSpec } from "../schedule/schedule.ts";
import { checkSchedule } from "../schedule/check.ts";
import { programSchema, type ProgramInput } from "./schema/program.ts";
import { partnerSchema, type PartnerInput } from "./schema/partner.ts";
import { guideSchema, type GuideInput } from "./schema/guide.ts";
import { pageSchema, type PageInput } from "./schema/page.ts";
import { parseWhen, resolveNow } from "../schedule/time.ts";
import { LIBRARY_FILE, type Entry, Report } from "./entry.ts";
import { loadLibrary, closedMaps, type LoadedLibrary } from "./library.ts";
import { loadEntry } from "./entries.ts";
import {
  checkIds,
  checkAltText,
  checkProgram,
  warnClosed,
  warnUnmatched,
  warnClosures,
  type ClosureLog,
} from "./checks.ts";
import { toProgram, toPartner, toGuide, toPage, assemble, placeOf } from "./assemble.ts";
import type { ContentCache } from "./cache.ts";
import type * as z from "zod";
import type { Kind } from "./files.ts";
import { loadLibraryStrings } from "../i18n/library-strings.ts";
import {
  checkSourceTitles,
  loadTranslations,
  toGuideTranslation,
  toPageTranslation,
  toPartnerTranslation,
  toProgramTranslation,
  translationsOf,
  type TranslationEntry,
} from "./translations.ts";
import { readMembers } from "../consortium/members.ts";
import { memberCatalogue } from "../consortium/member-programs.ts";

export interface LoadOptions {
  /** Site root: the folder holding `_data/` and `content/`. */
  root: string;
  /** Environment for `ALMANAC_NOW`; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The build's "now"; overrides `ALMANAC_NOW` (tests). */
  now?: DateTime;
  /**
   * What to keep between loads of the same library (`npm start`): unchanged files are not
   * read, parsed or expanded again; the cross-file checks still run over every file.
   */
  cache?: ContentCache;
  /** `fetch` for a consortium's members served over http(s); default the global one. */
  fetch?: typeof globalThis.fetch;
}

export interface LoadResult {
  /** Undefined when any problem is an error. */
  catalogue?: Catalogue;
  /** Every error and warning, in no particular order (`formatProblems` sorts). */
  problems: Problem[];
  /**
   * With a cache: a short hash of each file's text (content files and library.yaml, by
   * `file`), so the preview can tell which items changed since its last load.
   */
  versions?: Map<string, string>;
}

/**
 * Reads, validates and normalises the site under `options.root`. Content mistakes come back
 * as Problems (never thrown); `catalogue` is undefined when any of them is an error. Throws
 * only for real faults: an unreadable disk, or an `ALMANAC_NOW` that is not a date.
 */
export async function loadCatalogue(options: LoadOptions): Promise<LoadResult> {
  const root = path.resolve(options.root);
  const report = new Report();
  const cache = options.cache;
  if (cache) cache.stats = { read: 0, parsed: 0, expanded: 0 };

  const libraryProblems: Problem[] = [];
  const [libraryText, content] = await Promise.all([
    readSiteFile(root, LIBRARY_FILE, libraryProblems, cache),
    readContentFolder(root, cache),
  ]);
  report.problems.push(...libraryProblems, ...content.problems);
  const { library, lines: libraryLines } = cache
    ? cachedLibrary(cache, libraryText, libraryProblems.length > 0, report)
    : loadLibrary(libraryText, libraryProblems.length > 0, report);
  const zone = library?.timezone ?? "UTC";
  // The library's own interface text (`_data/strings/`), checked against Almanac's keys.
  const strings = await loadLibraryStrings(
    root,
    library && Object.keys(library.languages),
    library?.language ?? "en",
    report,
  );

  const programs: Entry<ProgramInput>[] = [];
  const partners: Entry<PartnerInput>[] = [];
  const guides: Entry<GuideInput>[] = [];
  const pages: Entry<PageInput>[] = [];
  const load = <T>(schema: z.ZodType<T>, at: EntryFile) =>
    cache ? cachedEntry(cache, schema, at, report) : loadEntry(schema, at, report);
  for (const { kind, id, lang, file, text } of content.files) {
    if (lang) continue; // a translation: read once the base files are known
    const at = { kind, id, file, text };
    if (kind === "programs") programs.push(load(programSchema, at));
    else if (kind === "partners") partners.push(load(partnerSchema, at));
    else if (kind === "guides") guides.push(load(guideSchema, at));
    else pages.push(load(pageSchema, at));
  }
  if (cache) {
    const present = new Set(content.files.map((f) => f.file));
    for (const file of cache.entries.keys()) if (!present.has(file)) cache.entries.delete(file);
    for (const file of cache.schedules.keys()) if (!present.has(file)) cache.schedules.delete(file);
    for (const file of cache.scheduleChecks.keys())
      if (!present.has(file)) cache.scheduleChecks.delete(file);
    if (cache.scheduleLibrary !== libraryText) {
      cache.schedules.clear();
      cache.scheduleLibrary = libraryText;
    }
  }
  const versions = cache && fileVersions(root, cache, [LIBRARY_FILE, ...content.files.map((f) => f.file)]);

  const ids = {
    programs: new Set(programs.map((e) => e.id)),
    partners: new Set(partners.map((e) => e.id)),
    guides: new Set(guides.map((e) => e.id)),
  };
  const translations = loadTranslations(
    content.files.filter((f) => f.lang),
    library,
    { ...ids, pages: new Set(pages.map((e) => e.id)) },
    report,
  );
  const guideById = new Map(guides.map((e) => [e.id, e] as const));
  for (const t of translations) {
    const base = t.kind === "guides" ? guideById.get(t.id)?.data : undefined;
    if (base) checkSourceTitles(t, base.sources.length, report);
  }
  const scheduleCheck = cache
    ? (file: string) => (spec: ScheduleSpec, zone: string) => cachedCheck(cache, file, spec, zone)
    : () => checkSchedule;
  for (const e of programs) {
    if (e.readable) checkProgram(e, library, ids, zone, report, scheduleCheck(e.file));
  }
  for (const e of partners) {
    if (!e.readable) continue;
    checkIds(e, "programs", "program", ids.programs, report, "content/programs/");
    checkAltText(e, "logo", "logo_alt", "the logo", report);
  }
  for (const e of guides) {
    if (!e.readable) continue;
    if (library)
      checkIds(
        e,
        "audiences",
        "audience",
        library.audiences.map((t) => t.id),
        report,
        "audiences in " + LIBRARY_FILE,
        library.audiences,
      );
    checkIds(e, "programs", "program", ids.programs, report, "content/programs/");
  }
  // Image files (missing, unreadable, too large; body images without alt), in the same list.
  const readable = [...programs, ...partners, ...guides, ...pages].filter((e) => e.readable);
  // A consortium's members' programs.json files, read while the images are checked.
  const [imageProblems, memberFeeds] = await Promise.all([
    checkImages({
      root,
      items: readable,
      libraryImage: library?.image,
      libraryLogo: library?.logo?.src,
    }),
    library?.consortium
      ? readMembers(library, libraryLines, report, { root, fetch: options.fetch })
      : [],
  ]);
  report.problems.push(...imageProblems);

  if (!library) return { problems: report.problems, versions };
  const now = (options.now ?? resolveNow(zone, options.env ?? process.env)).setZone(zone);
  const horizon = now.plus({ months: library.horizonMonths });

  // Occurrences of every program that passed its checks, so closed-day warnings show even
  // when another file has errors: in the program's file for a date it names itself, once a
  // closed day in the library's file for the dates of series it leaves out.
  const closedByLocation = closedMaps(library);
  const locationById = new Map(library.locations.map((l) => [l.id, l] as const));
  const noClosedDays = new Map<string, string | undefined>();
  const built: Program[] = [];
  const closures: ClosureLog = new Map();
  for (const e of programs) {
    if (e.failed || !e.data) continue;
    const program = toProgram(e, e.data, library);
    // An online program (one moved online too, whatever its location) does not close with a
    // branch.
    const place = placeOf(program);
    const closed = place ? (closedByLocation.get(place) ?? noClosedDays) : noClosedDays;
    const context = { zone, horizon, closed };
    const result = cache
      ? cachedSchedule(cache, e.file, program, context)
      : expandSchedule(program.schedule as ScheduleSpec, context);
    program.occurrences = inLibraryZone(result.occurrences, zone);
    const location =
      program.location === undefined ? undefined : locationById.get(program.location);
    for (const dropped of result.closedDropped) {
      warnClosed(e, program, dropped, location, library, closures, report);
    }
    warnUnmatched(e, program, result.unmatched, now.toISODate()!, report);
    built.push(program);
  }
  warnClosures(closures, library, libraryLines, now.toISODate()!, report);

  if (report.problems.some((p) => p.severity === "error"))
    return { problems: report.problems, versions };

  const isPublished = (data: { draft: boolean; publish?: string }) =>
    !data.draft && (data.publish === undefined || parseWhen(data.publish, zone)!.value <= now);
  // A consortium's members: their programs, and their terms and places in its library.
  const members = library.consortium ? memberCatalogue(library, memberFeeds) : undefined;
  const translated = <T extends { id: string; translations?: unknown }, U>(
    items: T[],
    kind: Kind,
    to: (e: TranslationEntry) => U,
  ): T[] => {
    const byId = translationsOf(translations, kind);
    for (const item of items) {
      const byLang = byId.get(item.id);
      if (byLang)
        item.translations = Object.fromEntries([...byLang].map(([lang, e]) => [lang, to(e)]));
    }
    return items;
  };
  const catalogue = assemble({
    library: members?.library ?? library,
    memberPrograms: members?.programs ?? [],
    now,
    horizon,
    programs: translated(built.filter(isPublished), "programs", toProgramTranslation),
    partners: translated(
      partners.map((e) => toPartner(e, e.data!)).filter(isPublished),
      "partners",
      toPartnerTranslation,
    ),
    guides: translated(
      guides.map((e) => toGuide(e, e.data!)).filter(isPublished),
      "guides",
      toGuideTranslation,
    ),
    pages: translated(
      pages.map((e) => toPage(e, e.data!)).filter(isPublished),
      "pages",
      toPageTranslation,
    ),
    warnings: report.problems.filter((p) => p.severity === "warning"),
    strings,
  });
  return { catalogue, problems: report.problems, versions };
}

type EntryFile = { kind: Kind; id: string; file: string; text: string };

/** `loadEntry` through the cache: the same text of the same kind is not parsed again. */
function cachedEntry<T>(
  cache: ContentCache,
  schema: z.ZodType<T>,
  at: EntryFile,
  report: Report,
): Entry<T> {
  const known = cache.entries.get(at.file);
  if (known && known.kind === at.kind && known.text === at.text) {
    report.problems.push(...known.problems);
    // A copy: the cross-file checks mark the run's entry failed, not the cached one.
    return { ...(known.entry as Entry<T>) };
  }
  cache.stats.parsed++;
  const own = new Report();
  const entry = loadEntry(schema, at, own);
  cache.entries.set(at.file, {
    kind: at.kind,
    text: at.text,
    entry: { ...entry },
    problems: own.problems,
  });
  report.problems.push(...own.problems);
  return entry;
}

/**
 * `expandSchedule` through the cache, keyed by everything the expansion reads besides the
 * library (which clears the cache when it changes): the schedule fields, the horizon, and
 * whose closed days apply (the location's, or none for a program online or moved online).
 */
function cachedSchedule(
  cache: ContentCache,
  file: string,
  program: Program,
  context: { zone: string; horizon: DateTime; closed: Map<string, string | undefined> },
): ReturnType<typeof expandSchedule> {
  const closedBy = placeOf(program) ?? "";
  const key = JSON.stringify([program.schedule, context.horizon.toISO(), closedBy]);
  const known = cache.schedules.get(file);
  if (known && known.key === key) return known.result;
  cache.stats.expanded++;
  const result = expandSchedule(program.schedule as ScheduleSpec, context);
  cache.schedules.set(file, { key, result });
  return result;
}

/** `loadLibrary` through the cache: the same text is not parsed and checked again. */
function cachedLibrary(
  cache: ContentCache,
  text: string | undefined,
  unreadable: boolean,
  report: Report,
): LoadedLibrary {
  const known = cache.library;
  if (known && text !== undefined && known.text === text) {
    report.problems.push(...known.problems);
    return known.loaded;
  }
  const own = new Report();
  const loaded = loadLibrary(text, unreadable, own);
  cache.library = { text, loaded, problems: own.problems };
  report.problems.push(...own.problems);
  return loaded;
}

/** `checkSchedule` through the cache: it depends on the schedule fields and the zone only. */
function cachedCheck(
  cache: ContentCache,
  file: string,
  spec: ScheduleSpec,
  zone: string,
): ReturnType<typeof checkSchedule> {
  const key = JSON.stringify([spec, zone]);
  const known = cache.scheduleChecks.get(file);
  if (known && known.key === key) return known.problems;
  const problems = checkSchedule(spec, zone);
  cache.scheduleChecks.set(file, { key, problems });
  return problems;
}

/** The version of each file read through the cache (see `CachedText.version`). */
function fileVersions(root: string, cache: ContentCache, files: string[]): Map<string, string> {
  const versions = new Map<string, string>();
  for (const file of files) {
    const version = cache.texts.get(path.join(root, file))?.version;
    if (version !== undefined) versions.set(file, version);
  }
  return versions;
}
