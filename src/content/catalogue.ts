// Loading the whole content set: `_data/library.yaml` and every file under
// `content/{programs,partners,guides,pages}/`, read, validated and normalised in one pass so
// a build or `npm run check` lists every problem at once. The result is the `Catalogue`
// every other part of Almanac reads; unpublished items never enter it.
import path from "node:path";
import type { DateTime } from "luxon";
import type { Catalogue, Problem, Program } from "./model.ts";
import { readContentFolder, readSiteFile } from "./files.ts";
import { checkImages } from "../images/check.ts";
import { expandSchedule, type ScheduleSpec } from "../schedule/schedule.ts";
import { programSchema, type ProgramInput } from "./schema/program.ts";
import { partnerSchema, type PartnerInput } from "./schema/partner.ts";
import { guideSchema, type GuideInput } from "./schema/guide.ts";
import { pageSchema, type PageInput } from "./schema/page.ts";
import { parseWhen, resolveNow } from "../schedule/time.ts";
import { LIBRARY_FILE, type Entry, Report } from "./entry.ts";
import { loadLibrary, closedMaps } from "./library.ts";
import { loadEntry } from "./entries.ts";
import {
  checkIds,
  checkAltText,
  checkProgram,
  warnClosed,
  warnClosures,
  type ClosureLog,
} from "./checks.ts";
import { toProgram, toPartner, toGuide, toPage, assemble } from "./assemble.ts";
import { readMembers } from "../consortium/members.ts";
import { memberCatalogue } from "../consortium/member-programs.ts";

export interface LoadOptions {
  /** Site root: the folder holding `_data/` and `content/`. */
  root: string;
  /** Environment for `ALMANAC_NOW`; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The build's "now"; overrides `ALMANAC_NOW` (tests). */
  now?: DateTime;
  /** `fetch` for a consortium's members served over http(s); default the global one. */
  fetch?: typeof globalThis.fetch;
}

export interface LoadResult {
  /** Undefined when any problem is an error. */
  catalogue?: Catalogue;
  /** Every error and warning, in no particular order (`formatProblems` sorts). */
  problems: Problem[];
}

/**
 * Reads, validates and normalises the site under `options.root`. Content mistakes come back
 * as Problems (never thrown); `catalogue` is undefined when any of them is an error. Throws
 * only for real faults: an unreadable disk, or an `ALMANAC_NOW` that is not a date.
 */
export async function loadCatalogue(options: LoadOptions): Promise<LoadResult> {
  const root = path.resolve(options.root);
  const report = new Report();

  const libraryProblems: Problem[] = [];
  const [libraryText, content] = await Promise.all([
    readSiteFile(root, LIBRARY_FILE, libraryProblems),
    readContentFolder(root),
  ]);
  report.problems.push(...libraryProblems, ...content.problems);
  const { library, lines: libraryLines } = loadLibrary(
    libraryText,
    libraryProblems.length > 0,
    report,
  );
  const zone = library?.timezone ?? "UTC";

  const programs: Entry<ProgramInput>[] = [];
  const partners: Entry<PartnerInput>[] = [];
  const guides: Entry<GuideInput>[] = [];
  const pages: Entry<PageInput>[] = [];
  for (const { kind, id, file, text } of content.files) {
    const at = { kind, id, file, text };
    if (kind === "programs") programs.push(loadEntry(programSchema, at, report));
    else if (kind === "partners") partners.push(loadEntry(partnerSchema, at, report));
    else if (kind === "guides") guides.push(loadEntry(guideSchema, at, report));
    else pages.push(loadEntry(pageSchema, at, report));
  }

  const ids = {
    programs: new Set(programs.map((e) => e.id)),
    partners: new Set(partners.map((e) => e.id)),
    guides: new Set(guides.map((e) => e.id)),
  };
  for (const e of programs) if (e.readable) checkProgram(e, library, ids, zone, report);
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
    checkImages({ root, items: readable, libraryImage: library?.image }),
    library?.consortium
      ? readMembers(library, libraryLines, report, { root, fetch: options.fetch })
      : [],
  ]);
  report.problems.push(...imageProblems);

  if (!library) return { problems: report.problems };
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
    const closed =
      program.location && program.status !== "moved-online"
        ? (closedByLocation.get(program.location) ?? noClosedDays)
        : noClosedDays;
    const result = expandSchedule(program.schedule as ScheduleSpec, { zone, horizon, closed });
    program.occurrences = result.occurrences;
    const location =
      program.location === undefined ? undefined : locationById.get(program.location);
    for (const dropped of result.closedDropped) {
      warnClosed(e, program, dropped, location, library, closures, report);
    }
    built.push(program);
  }
  warnClosures(closures, library, libraryLines, now.toISODate()!, report);

  if (report.problems.some((p) => p.severity === "error")) return { problems: report.problems };

  const isPublished = (data: { draft: boolean; publish?: string }) =>
    !data.draft && (data.publish === undefined || parseWhen(data.publish, zone)!.value <= now);
  // A consortium's members: their programs, and their terms and places in its library.
  const members = library.consortium ? memberCatalogue(library, memberFeeds) : undefined;
  const catalogue = assemble({
    library: members?.library ?? library,
    memberPrograms: members?.programs ?? [],
    now,
    horizon,
    programs: built.filter(isPublished),
    partners: partners.map((e) => toPartner(e, e.data!)).filter(isPublished),
    guides: guides.map((e) => toGuide(e, e.data!)).filter(isPublished),
    pages: pages.map((e) => toPage(e, e.data!)).filter(isPublished),
    warnings: report.problems.filter((p) => p.severity === "warning"),
  });
  return { catalogue, problems: report.problems };
}
