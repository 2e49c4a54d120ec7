// Loading the whole content set: `_data/library.yaml` and every file under
// `content/{programs,partners,guides,pages}/`, read, validated and normalised in one pass so
// a build or `npm run check` lists every problem at once. The result is the `Catalogue`
// every other part of Almanac reads; unpublished items never enter it.
import path from "node:path";
import type { DateTime } from "luxon";
import type * as z from "zod";
import type {
  Catalogue,
  ClosedDay,
  Guide,
  Library,
  Listing,
  Location,
  Page,
  Partner,
  Problem,
  Program,
  Repeat,
  Term,
} from "./model.ts";
import { readFrontMatter, parseYaml, type LineIndex } from "./front-matter.ts";
import { readContentFolder, readSiteFile, type Kind } from "./files.ts";
import { findUnsafeCharacter } from "./safe-text.ts";
import { renderMarkdown } from "./markdown.ts";
import { checkImages } from "../images/check.ts";
import { didYouMeanHint } from "./problems.ts";
import { checkSchedule, expandSchedule, type ScheduleSpec } from "../schedule/schedule.ts";
import { ID_PATTERN, MAX_ID, describeValue } from "./schema/common.ts";
import { librarySchema, type LibraryInput } from "./schema/library.ts";
import { programSchema, type ProgramInput } from "./schema/program.ts";
import { partnerSchema, type PartnerInput } from "./schema/partner.ts";
import { guideSchema, type GuideInput } from "./schema/guide.ts";
import { pageSchema, type PageInput } from "./schema/page.ts";
import { parseWhen, resolveNow } from "../schedule/time.ts";

export interface LoadOptions {
  /** Site root: the folder holding `_data/` and `content/`. */
  root: string;
  /** Environment for `ALMANAC_NOW`; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The build's "now"; overrides `ALMANAC_NOW` (tests). */
  now?: DateTime;
}

export interface LoadResult {
  /** Undefined when any problem is an error. */
  catalogue?: Catalogue;
  /** Every error and warning, in no particular order (`formatProblems` sorts). */
  problems: Problem[];
}

const LIBRARY_FILE = "_data/library.yaml";

/** Everything known about one content file after validation. */
interface Entry<T> {
  id: string;
  file: string;
  lines: LineIndex;
  /** Raw front matter (for cross-checks even when the schema failed). */
  raw: Record<string, unknown>;
  /** Validated front matter; undefined when the schema failed. */
  data?: T;
  body: string;
  /** The front matter could be read (so cross-checks make sense). */
  readable: boolean;
  /** Any error in this file. */
  failed: boolean;
}

/** Collects problems; `failed` is set on the entry so a bad file is not published half-checked. */
class Report {
  readonly problems: Problem[] = [];

  error(file: string, line: number, field: string, message: string): void {
    this.problems.push({ severity: "error", file, line, field, message });
  }

  warning(file: string, line: number, field: string, message: string): void {
    this.problems.push({ severity: "warning", file, line, field, message });
  }
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
  const library = loadLibrary(libraryText, libraryProblems.length > 0, report);
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
      );
    checkIds(e, "programs", "program", ids.programs, report, "content/programs/");
  }
  // Image files (missing, unreadable, too large; body images without alt), in the same list.
  const readable = [...programs, ...partners, ...guides, ...pages].filter((e) => e.readable);
  report.problems.push(
    ...(await checkImages({ root, items: readable, libraryImage: library?.image })),
  );

  if (!library) return { problems: report.problems };
  const now = (options.now ?? resolveNow(zone, options.env ?? process.env)).setZone(zone);
  const horizon = now.plus({ months: library.horizonMonths });

  // Occurrences of every program that passed its checks, so closed-day warnings show even
  // when another file has errors.
  const closedByLocation = closedMaps(library);
  const locationById = new Map(library.locations.map((l) => [l.id, l] as const));
  const noClosedDays = new Map<string, string | undefined>();
  const built: Program[] = [];
  for (const e of programs) {
    if (e.failed || !e.data) continue;
    const program = toProgram(e, e.data, library);
    const closed = program.location
      ? (closedByLocation.get(program.location) ?? noClosedDays)
      : noClosedDays;
    const result = expandSchedule(program.schedule as ScheduleSpec, { zone, horizon, closed });
    program.occurrences = result.occurrences;
    const location =
      program.location === undefined ? undefined : locationById.get(program.location);
    for (const dropped of result.closedDropped) warnClosed(e, program, dropped, location, report);
    built.push(program);
  }

  if (report.problems.some((p) => p.severity === "error")) return { problems: report.problems };

  const isPublished = (data: { draft: boolean; publish?: string }) =>
    !data.draft && (data.publish === undefined || parseWhen(data.publish, zone)!.value <= now);
  const catalogue = assemble({
    library,
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

// ---------------------------------------------------------------------------------------------
// Schema issues to Problems.

/** Fallback wording for issues our schemas do not word themselves. */
function genericMessage(issue: { code?: string; input?: unknown; [k: string]: unknown }): string {
  const i = issue as Record<string, unknown>;
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required field is missing";
      return `expected ${typeName(String(i.expected))}, got ${describeValue(issue.input)}`;
    case "too_big":
      return i.origin === "string"
        ? `at most ${String(i.maximum)} characters (got ${String(issue.input).length})`
        : i.origin === "array"
          ? `at most ${String(i.maximum)} items (got ${(issue.input as unknown[]).length})`
          : `must be at most ${String(i.maximum)} (got ${String(issue.input)})`;
    case "too_small":
      return i.origin === "string"
        ? "must not be empty"
        : i.origin === "array"
          ? `list at least ${String(i.minimum)}`
          : `must be at least ${String(i.minimum)} (got ${String(issue.input)})`;
    case "invalid_value":
      return `must be one of ${(i.values as unknown[]).map(String).join(", ")}`;
    default:
      return `${describeValue(issue.input)} is not valid here`;
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "number":
    case "int":
      return "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a group of fields";
    default:
      return expected;
  }
}

/** Names of the fields an object schema accepts at `path`, for did-you-mean on unknown keys. */
function knownKeys(schema: z.ZodType, at: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  const unwrap = () => {
    for (let guard = 0; guard < 10; guard++) {
      const def = (node as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
      if (!def) return;
      if ("innerType" in def) node = def.innerType;
      else if (def.type === "pipe") node = def.out;
      else return;
    }
  };
  unwrap();
  for (const part of at) {
    const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === "object") node = (def.shape as Record<string, unknown>)[String(part)];
    else if (def.type === "array") node = def.element;
    else return [];
    unwrap();
    if (!node) return [];
  }
  const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === "object" ? Object.keys(def.shape as object) : [];
}

/**
 * Validates `data`, reporting every issue at its line. `reported` holds the paths whose
 * values were already refused (src/content/safe-text.ts's rule): the schema's opinion of the same
 * value would only repeat it.
 */
function validate<T>(
  schema: z.ZodType<T>,
  data: unknown,
  file: string,
  lines: LineIndex,
  report: Report,
  reported: ReadonlySet<string> = new Set(),
): T | undefined {
  const result = schema.safeParse(data, { error: genericMessage });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (reported.has(issue.path.join("."))) continue;
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, issue.path);
      for (const key of issue.keys) {
        const keyPath = [...issue.path, key];
        if (reported.has(keyPath.join("."))) continue;
        const hint = didYouMeanHint(key, known);
        const extra = !hint && known.includes("extra") ? "; free-form data goes under extra" : "";
        report.error(
          file,
          lines.get(keyPath.map(String)),
          keyPath.join("."),
          `unknown field${hint}${extra}`,
        );
      }
      continue;
    }
    // A bare date written for `{ date, reason }` reports as the item, not as `.date`.
    const at =
      issue.path.length > 1 && typeof valueAt(data, issue.path.slice(0, -1)) !== "object"
        ? issue.path.slice(0, -1)
        : issue.path;
    report.error(file, lines.get(at.map(String)), fieldName(at), issue.message);
  }
  return undefined;
}

function valueAt(data: unknown, at: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of at) value = (value as Record<PropertyKey, unknown> | undefined)?.[part];
  return value;
}

/** `audiences` for an item of an id list (the line says which), `sources.0.url` otherwise. */
function fieldName(at: readonly PropertyKey[]): string {
  const parts = at.map(String);
  if (parts.length === 2 && /^\d+$/.test(parts[1]!)) return parts[0]!;
  return parts.join(".");
}

// ---------------------------------------------------------------------------------------------
// The library.

function loadLibrary(
  text: string | undefined,
  unreadable: boolean,
  report: Report,
): Library | undefined {
  if (text === undefined) {
    // Reported by the reader when it exists but cannot be used (a folder, too large).
    if (unreadable) return undefined;
    report.error(
      LIBRARY_FILE,
      1,
      "",
      "file not found: every site needs _data/library.yaml (name, url, timezone, ...)",
    );
    return undefined;
  }
  const parsed = parseYaml(text.replace(/^\uFEFF/, ""));
  if (parsed.error) {
    report.error(LIBRARY_FILE, parsed.error.line, "", parsed.error.message);
    return undefined;
  }
  if (typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    report.error(LIBRARY_FILE, 1, "", "must be fields written as name: value, one a line");
    return undefined;
  }
  const before = report.problems.length;
  const refused = checkValues(parsed.data, [], LIBRARY_FILE, parsed.lines, report);
  const data = validate(librarySchema, parsed.data, LIBRARY_FILE, parsed.lines, report, refused);
  let ok = data !== undefined && report.problems.length === before;
  for (const list of ["locations", "audiences", "categories", "access"] as const) {
    const items = (parsed.data as Record<string, unknown>)[list];
    if (Array.isArray(items)) ok = checkDuplicateIds(list, items, parsed.lines, report) && ok;
  }
  return ok && data ? toLibrary(data) : undefined;
}

function checkDuplicateIds(
  list: string,
  items: unknown[],
  lines: LineIndex,
  report: Report,
): boolean {
  const seen = new Map<string, number>();
  let ok = true;
  items.forEach((item, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== "string") return;
    const line = lines.get([list, String(i), "id"]);
    const first = seen.get(id);
    if (first !== undefined) {
      report.error(LIBRARY_FILE, line, list, `duplicate id "${id}" (first used on line ${first})`);
      ok = false;
    } else {
      seen.set(id, line);
    }
  });
  return ok;
}

function toClosed(days: { date: string; reason?: string }[]): ClosedDay[] {
  return days.map((d) =>
    d.reason === undefined ? { date: d.date } : { date: d.date, reason: d.reason },
  );
}

function toLibrary(d: LibraryInput): Library {
  const languages = d.languages ?? defaultLanguages(d.locale);
  const locations: Location[] = d.locations.map((l) => ({
    id: l.id,
    name: l.name,
    address: l.address,
    ...(l.geo && { geo: l.geo }),
    ...(l.accessibility !== undefined && { accessibility: l.accessibility }),
    ...(l.phone !== undefined && { phone: l.phone }),
    ...(l.hours !== undefined && { hours: l.hours }),
    closed: toClosed(l.closed),
  }));
  const term = (t: { id: string; label: string; description?: string }): Term =>
    t.description === undefined ? { id: t.id, label: t.label } : { ...t };
  return {
    name: d.name,
    url: d.url.replace(/\/+$/, ""),
    timezone: d.timezone,
    locale: d.locale,
    language: Object.keys(languages)[0]!,
    ...(d.description !== undefined && { description: d.description }),
    horizonMonths: d.horizon_months,
    listingWeeks: d.listing_weeks,
    ...(d.feedback_url !== undefined && { feedbackUrl: d.feedback_url }),
    contact: { ...d.contact },
    languages,
    locations,
    closed: toClosed(d.closed),
    audiences: d.audiences.map((a) => ({ ...a })),
    categories: d.categories.map(term),
    access: d.access.map((f) => ({ id: f.id, label: f.label })),
    themeColor: d.theme_color,
    ...(d.image !== undefined && { image: d.image }),
  };
}

/** `{ en: "English" }` for `en-US`: the locale's language, named in itself. */
function defaultLanguages(locale: string): Record<string, string> {
  const code = new Intl.Locale(locale).language;
  const name = new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  return { [code]: name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) };
}

/** Per location: ISO date -> reason, the library's closed days plus the location's own. */
function closedMaps(library: Library): Map<string, Map<string, string | undefined>> {
  const maps = new Map<string, Map<string, string | undefined>>();
  for (const location of library.locations) {
    const map = new Map<string, string | undefined>();
    for (const day of library.closed) map.set(day.date, day.reason);
    for (const day of location.closed) map.set(day.date, day.reason ?? map.get(day.date));
    maps.set(location.id, map);
  }
  return maps;
}

// ---------------------------------------------------------------------------------------------
// Content files.

/**
 * Ids a kind's files may not have, because the site writes something else at the URL the
 * file's page (or its files) would get: the quick views under `/programs/` and the site's
 * own social card `/social/site.jpg` beside the programs' `/social/<id>.jpg`. Audiences,
 * categories and locations have no such names: their folders hold only `<id>/` pages and
 * `<id>/calendar.ics` (test/reserved-ids.test.ts lists a built site to keep this true).
 */
export const RESERVED_IDS: Readonly<Record<Kind, Readonly<Record<string, string>>>> = {
  programs: {
    today: "/programs/today/ is the list of today's programs",
    "this-week": "/programs/this-week/ is the list of this week's programs",
    "this-weekend": "/programs/this-weekend/ is the list of this weekend's programs",
    page: "/programs/page/2/ and on are the later pages of the list of upcoming programs",
    site: "/social/site.jpg is the site's own link-preview image",
  },
  partners: {},
  guides: {},
  pages: {},
};

function loadEntry<T>(
  schema: z.ZodType<T>,
  { kind, id, file, text }: { kind: Kind; id: string; file: string; text: string },
  report: Report,
): Entry<T> {
  const before = report.problems.length;
  if (!ID_PATTERN.test(id)) {
    report.error(
      file,
      1,
      "",
      `file name "${id}.md" is not a valid id: use lowercase letters, digits and single dashes, e.g. ${suggestId(id)}.md`,
    );
  } else if (Object.hasOwn(RESERVED_IDS[kind], id)) {
    report.error(
      file,
      1,
      "",
      `file name "${id}.md" is reserved: ${RESERVED_IDS[kind][id]}; choose another name, e.g. ${id}-${singular(kind)}.md`,
    );
  }
  const fm = readFrontMatter(text);
  const entry: Entry<T> = {
    id,
    file,
    lines: fm.lines,
    raw: {},
    body: fm.body,
    readable: false,
    failed: false,
  };
  if (fm.error || fm.data === undefined) {
    report.error(file, fm.error?.line ?? 1, "", fm.error?.message ?? "front matter cannot be read");
  } else {
    entry.raw = fm.data as Record<string, unknown>;
    entry.readable = true;
    const refused = checkValues(fm.data, [], file, fm.lines, report);
    checkBody(file, fm.body, fm.bodyLine, report);
    entry.data = validate(schema, fm.data, file, fm.lines, report, refused);
  }
  entry.failed = report.problems.length > before;
  return entry;
}

function singular(kind: Kind): string {
  return kind.slice(0, -1);
}

/** Keys that act on an object's prototype in JavaScript: never fields, in any file. */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Checks every key and text value of parsed YAML, at any depth (`extra` included): the
 * character rule of src/content/safe-text.ts, and the reserved keys, which are reported as unknown
 * fields and removed so the schema and the cross-checks never see them. Returns the dotted
 * paths of the values it refused.
 */
function checkValues(
  value: unknown,
  at: string[],
  file: string,
  lines: LineIndex,
  report: Report,
  refused = new Set<string>(),
): Set<string> {
  if (typeof value === "string") {
    const bad = findUnsafeCharacter(value);
    if (bad) {
      report.error(file, lines.get(at), fieldName(at), bad.message);
      refused.add(at.join("."));
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkValues(item, [...at, String(i)], file, lines, report, refused));
  } else if (value !== null && typeof value === "object") {
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      const keyPath = [...at, key];
      if (RESERVED_KEYS.has(key)) {
        report.error(
          file,
          lines.get(keyPath),
          keyPath.join("."),
          "unknown field (__proto__, constructor and prototype are never fields)",
        );
        delete fields[key];
        continue;
      }
      const bad = findUnsafeCharacter(key);
      if (bad) {
        report.error(file, lines.get(keyPath), keyPath.join("."), `name ${bad.message}`);
        refused.add(keyPath.join("."));
      } else {
        checkValues(fields[key], keyPath, file, lines, report, refused);
      }
    }
  }
  return refused;
}

/** Most lines of one body reported for refused characters (the rest show once fixed). */
const MAX_BODY_REPORTS = 10;

/** The character rule of src/content/safe-text.ts on a Markdown body, one problem per line. */
function checkBody(file: string, body: string, bodyLine: number, report: Report): void {
  if (!findUnsafeCharacter(body)) return;
  let reported = 0;
  body.split("\n").forEach((line, i) => {
    const bad = reported < MAX_BODY_REPORTS ? findUnsafeCharacter(line) : undefined;
    if (!bad) return;
    report.error(file, bodyLine + i, "", bad.message);
    reported++;
  });
}

function suggestId(name: string): string {
  const id = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return id || "my-program";
}

/** Reports one error on an entry and marks it failed. */
function fail(e: Entry<unknown>, report: Report, at: string, field: string, message: string): void {
  report.error(e.file, e.lines.get(at), field, message);
  e.failed = true;
}

/**
 * Checks each id in `raw[field]` (when it is a list of strings: a wrong type was already
 * reported) against `known`, with a did-you-mean, pointing at the item's line.
 */
function checkIds(
  e: Entry<unknown>,
  field: string,
  noun: string,
  known: Iterable<string>,
  report: Report,
  where: string,
): void {
  const value = e.raw[field];
  const items = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  const knownSet = known instanceof Set ? (known as Set<string>) : new Set(known);
  items.forEach((item, i) => {
    // Too long for an id: the schema said so.
    if (typeof item !== "string" || knownSet.has(item) || item.length > MAX_ID) return;
    const hint = didYouMeanHint(item, [...knownSet]);
    let tail = hint;
    if (!hint) {
      tail = where.endsWith("/")
        ? `: there is no ${where}${item}.md`
        : knownSet.size <= 12
          ? `; use one of ${[...knownSet].join(", ")} or add it to ${where}`
          : `; add it to ${where}`;
    }
    const at = typeof value === "string" ? field : `${field}.${i}`;
    fail(e, report, at, field, `unknown ${noun} "${item}"${tail}`);
  });
}

function checkAltText(
  e: Entry<unknown>,
  field: string,
  altField: string,
  what: string,
  report: Report,
): void {
  if (typeof e.raw[field] === "string" && e.raw[altField] === undefined) {
    fail(
      e,
      report,
      field,
      altField,
      `required when ${field} is set: describe ${what} for people who cannot see it`,
    );
  }
}

function checkProgram(
  e: Entry<ProgramInput>,
  library: Library | undefined,
  ids: { partners: Set<string>; guides: Set<string> },
  zone: string,
  report: Report,
): void {
  const raw = e.raw;
  if (library) {
    const lib = LIBRARY_FILE;
    checkIds(
      e,
      "audiences",
      "audience",
      library.audiences.map((t) => t.id),
      report,
      `audiences in ${lib}`,
    );
    checkIds(
      e,
      "categories",
      "category",
      library.categories.map((t) => t.id),
      report,
      `categories in ${lib}`,
    );
    checkIds(
      e,
      "location",
      "location",
      library.locations.map((l) => l.id),
      report,
      `locations in ${lib}`,
    );
    checkIds(
      e,
      "languages",
      "language",
      Object.keys(library.languages),
      report,
      `languages in ${lib}`,
    );
    checkIds(e, "access", "access feature", library.access.map((f) => f.id), report, `access in ${lib}`);
  }
  checkIds(e, "partners", "partner", ids.partners, report, "content/partners/");
  checkIds(e, "guides", "guide", ids.guides, report, "content/guides/");
  if (raw.location === undefined && raw.online === undefined) {
    fail(
      e,
      report,
      "location",
      "location",
      "required unless the program is online-only (then set online to its link)",
    );
  }
  checkAltText(e, "image", "image_alt", "the image", report);

  const spec = rawSchedule(raw);
  if (!spec || !library) return;
  for (const { field, message, severity } of checkSchedule(spec, zone)) {
    const at = scheduleLine(spec, field, message);
    if (severity === "warning") report.warning(e.file, e.lines.get(at), field, message);
    else fail(e, report, at, field, message);
  }
}

/** The schedule fields when their types are right (wrong types were reported by the schema). */
function rawSchedule(raw: Record<string, unknown>): ScheduleSpec | undefined {
  if (typeof raw.start !== "string") return undefined;
  const strings = (v: unknown): string[] =>
    typeof v === "string"
      ? [v]
      : Array.isArray(v)
        ? v.filter((x): x is string => typeof x === "string")
        : [];
  const spec: ScheduleSpec = {
    start: raw.start,
    dates: strings(raw.dates),
    cancelled: strings(raw.cancelled),
  };
  if (typeof raw.end === "string") spec.end = raw.end;
  if (typeof raw.duration === "number") spec.duration = raw.duration;
  const r = raw.repeat as Record<string, unknown> | undefined;
  if (
    r &&
    typeof r === "object" &&
    (r.every === "day" || r.every === "week" || r.every === "month")
  ) {
    const repeat: Repeat = {
      every: r.every,
      interval: typeof r.interval === "number" ? r.interval : 1,
      except: strings(r.except),
    };
    if (r.on !== undefined) repeat.on = strings(r.on);
    if (typeof r.until === "string") repeat.until = r.until;
    if (typeof r.count === "number") repeat.count = r.count;
    spec.repeat = repeat;
  }
  return spec;
}

/** Line path for a schedule problem: the list item its message quotes, when it names one. */
function scheduleLine(spec: ScheduleSpec, field: string, message: string): string {
  const list =
    field === "dates"
      ? spec.dates
      : field === "cancelled"
        ? spec.cancelled
        : field === "repeat.except"
          ? spec.repeat?.except
          : field === "repeat.on"
            ? spec.repeat?.on
            : undefined;
  if (!list) return field;
  const i = list.findIndex((v) => message.includes(`"${v.trim()}"`));
  return i >= 0 ? `${field}.${i}` : field;
}

function warnClosed(
  e: Entry<ProgramInput>,
  program: Program,
  dropped: { date: string; reason?: string },
  location: Location | undefined,
  report: Report,
): void {
  const where = location?.name ?? "the library";
  const why = dropped.reason ? ` (${dropped.reason})` : "";
  const dateIndex = program.schedule.dates.findIndex((d) => d.trim().startsWith(dropped.date));
  let at = "start";
  let field = "start";
  let fix = "move start to another day to silence this";
  if (dateIndex >= 0) {
    at = `dates.${dateIndex}`;
    field = "dates";
    fix = "remove the date from dates to silence this";
  } else if (program.schedule.repeat) {
    at = "repeat";
    fix = "add the date to repeat.except to silence this";
  }
  report.warning(
    e.file,
    e.lines.get(at),
    field,
    `occurrence on ${dropped.date} left out: ${where} is closed${why}; ${fix}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Normalising.

function toProgram(e: Entry<ProgramInput>, d: ProgramInput, library: Library): Program {
  const repeat: Repeat | undefined = d.repeat && {
    every: d.repeat.every,
    interval: d.repeat.interval,
    ...(d.repeat.on && { on: d.repeat.on }),
    ...(d.repeat.until !== undefined && { until: d.repeat.until }),
    ...(d.repeat.count !== undefined && { count: d.repeat.count }),
    except: d.repeat.except,
  };
  return withHtml({
    id: e.id,
    file: e.file,
    url: `/programs/${e.id}/`,
    title: d.title,
    summary: d.summary,
    audiences: d.audiences,
    categories: d.categories,
    ...(d.location !== undefined && { location: d.location }),
    ...(d.room !== undefined && { room: d.room }),
    ...(d.online !== undefined && { online: d.online }),
    schedule: {
      start: d.start,
      ...(d.end !== undefined && { end: d.end }),
      ...(d.duration !== undefined && { duration: d.duration }),
      ...(repeat && { repeat }),
      dates: d.dates,
      cancelled: d.cancelled,
    },
    occurrences: [],
    status: d.status,
    ...(d.registration && { registration: { ...d.registration } }),
    cost: d.cost,
    languages: d.languages ?? [library.language],
    partners: d.partners,
    guides: d.guides,
    ...(d.image !== undefined && { image: d.image }),
    ...(d.image_alt !== undefined && { imageAlt: d.image_alt }),
    ...(d.accessibility !== undefined && { accessibility: d.accessibility }),
    access: d.access,
    featured: d.featured,
    draft: d.draft,
    ...(d.publish !== undefined && { publish: d.publish }),
    extra: d.extra,
    body: e.body,
  });
}

/**
 * Adds `html`, the rendered body, as a property that renders on first read and remembers:
 * `npm run check` never reads it, a build reads it once per page. The image step replaces
 * it (bodies with pictures) before any page reads it.
 */
function withHtml<T extends { body: string }>(item: T): T & { html: string } {
  let html: string | undefined;
  return Object.defineProperty(item, "html", {
    get: () => (html ??= renderMarkdown(item.body)),
    set: (value: string) => {
      html = value;
    },
    enumerable: true,
  }) as T & { html: string };
}

function toPartner(e: Entry<PartnerInput>, d: PartnerInput): Partner {
  return withHtml({
    id: e.id,
    file: e.file,
    url: `/partners/${e.id}/`,
    name: d.name,
    kind: d.kind,
    summary: d.summary,
    ...(d.website !== undefined && { website: d.website }),
    ...(d.logo !== undefined && { logo: d.logo }),
    ...(d.logo_alt !== undefined && { logoAlt: d.logo_alt }),
    programs: d.programs,
    draft: d.draft,
    ...(d.publish !== undefined && { publish: d.publish }),
    body: e.body,
  });
}

function toGuide(e: Entry<GuideInput>, d: GuideInput): Guide {
  return withHtml({
    id: e.id,
    file: e.file,
    url: `/guides/${e.id}/`,
    title: d.title,
    summary: d.summary,
    level: d.level,
    audiences: d.audiences,
    topics: d.topics,
    checklist: d.checklist,
    sources: d.sources.map((s) => ({ title: s.title, url: s.url })),
    programs: d.programs,
    ...(d.updated !== undefined && { updated: d.updated }),
    draft: d.draft,
    ...(d.publish !== undefined && { publish: d.publish }),
    body: e.body,
  });
}

function toPage(e: Entry<PageInput>, d: PageInput): Page {
  return withHtml({
    id: e.id,
    file: e.file,
    url: `/pages/${e.id}/`,
    title: d.title,
    ...(d.summary !== undefined && { summary: d.summary }),
    ...(d.nav !== undefined && { nav: d.nav }),
    draft: d.draft,
    ...(d.publish !== undefined && { publish: d.publish }),
    body: e.body,
  });
}

// ---------------------------------------------------------------------------------------------
// Assembling the published catalogue.

type Parts = Pick<
  Catalogue,
  "library" | "now" | "horizon" | "programs" | "partners" | "guides" | "pages" | "warnings"
>;

/**
 * Drops links to unpublished items, resolves links on both sides with maps (linear in the
 * number of links), and lists upcoming occurrences. Arrays are sorted by id.
 */
function assemble(parts: Parts): Catalogue {
  const byId = <T extends { id: string }>(items: T[]) =>
    new Map(items.map((i) => [i.id, i] as const));
  const sortById = <T extends { id: string }>(items: T[]) =>
    items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const programs = sortById(parts.programs);
  const partners = sortById(parts.partners);
  const guides = sortById(parts.guides);
  const pages = sortById(parts.pages);
  const programById = byId(programs);
  const partnerById = byId(partners);
  const guideById = byId(guides);

  for (const p of programs) {
    p.partners = p.partners.filter((id) => partnerById.has(id));
    p.guides = p.guides.filter((id) => guideById.has(id));
  }
  for (const p of partners) p.programs = p.programs.filter((id) => programById.has(id));
  for (const g of guides) g.programs = g.programs.filter((id) => programById.has(id));

  const collator = new Intl.Collator(parts.library.locale);
  const partnersOfProgram = new Map<string, Set<Partner>>();
  const programsOfPartner = new Map<string, Set<Program>>();
  const guidesOfProgram = new Map<string, Set<Guide>>();
  const programsOfGuide = new Map<string, Set<Program>>();
  const add = <B>(map: Map<string, Set<B>>, key: string, value: B) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  };
  for (const program of programs) {
    for (const id of program.partners) {
      add(partnersOfProgram, program.id, partnerById.get(id)!);
      add(programsOfPartner, id, program);
    }
    for (const id of program.guides) {
      add(guidesOfProgram, program.id, guideById.get(id)!);
      add(programsOfGuide, id, program);
    }
  }
  for (const partner of partners) {
    for (const id of partner.programs) {
      add(partnersOfProgram, id, partner);
      add(programsOfPartner, partner.id, programById.get(id)!);
    }
  }
  for (const guide of guides) {
    for (const id of guide.programs) {
      add(guidesOfProgram, id, guide);
      add(programsOfGuide, guide.id, programById.get(id)!);
    }
  }
  const sorted = <T>(map: Map<string, Set<T>>, key: (t: T) => string) => {
    const out = new Map<string, T[]>();
    for (const [k, set] of map)
      out.set(
        k,
        [...set].sort((a, b) => collator.compare(key(a), key(b))),
      );
    return out;
  };
  const partnersOf = sorted(partnersOfProgram, (p) => p.name);
  const programsOfPartnerSorted = sorted(programsOfPartner, (p) => p.title);
  const guidesOf = sorted(guidesOfProgram, (g) => g.title);
  const programsOfGuideSorted = sorted(programsOfGuide, (p) => p.title);

  const nowMs = parts.now.toMillis();
  const upcoming: Listing[] = [];
  for (const program of programs) {
    for (const occurrence of program.occurrences) {
      if (occurrence.end.toMillis() > nowMs) upcoming.push({ program, occurrence });
    }
  }
  const starts = new Map<Listing, number>(upcoming.map((l) => [l, l.occurrence.start.toMillis()]));
  upcoming.sort(
    (a, b) => starts.get(a)! - starts.get(b)! || collator.compare(a.program.title, b.program.title),
  );

  return {
    library: parts.library,
    now: parts.now,
    horizon: parts.horizon,
    programs,
    partners,
    guides,
    pages,
    upcoming,
    partnersOf: (id) => partnersOf.get(id) ?? [],
    programsOfPartner: (id) => programsOfPartnerSorted.get(id) ?? [],
    guidesOf: (id) => guidesOf.get(id) ?? [],
    programsOfGuide: (id) => programsOfGuideSorted.get(id) ?? [],
    warnings: parts.warnings,
  };
}
