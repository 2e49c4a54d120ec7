// Checks across files: ids that name other items, alt text for images, a program's
// schedule and its closed days.
import path from "node:path";
import type { ClosedDay, Library, Location, Program, Repeat } from "./model.ts";
import type { LineIndex } from "./front-matter.ts";
import { didYouMean, didYouMeanHint } from "./problems.ts";
import { checkSchedule } from "../schedule/check.ts";
import type { ScheduleSpec, Unmatched } from "../schedule/schedule.ts";
import { MAX_ID } from "./schema/common.ts";
import type { ProgramInput } from "./schema/program.ts";
import { LIBRARY_FILE, type Entry, Report } from "./entry.ts";

/** Reports one error on an entry and marks it failed. */
function fail(e: Entry<unknown>, report: Report, at: string, field: string, message: string): void {
  report.error(e.file, e.lines.get(at), field, message);
  e.failed = true;
}

/** An id with the name visitors see for it (an audience's label, a location's name). */
export interface Labelled {
  id: string;
  label: string;
}

/**
 * ` (did you mean "kids"? It is the id of "Kids (0–11)")` when `item` is, or is close to,
 * the label of one of `labels` (staff copy what the site shows), else "".
 */
function labelHint(item: string, labels: readonly Labelled[]): string {
  const wanted = item.trim().toLowerCase();
  const guess = didYouMean(item.trim(), labels.map((x) => x.label));
  const match =
    labels.find((l) => l.label.trim().toLowerCase() === wanted) ??
    labels.find((l) => l.label === guess);
  return match ? ` (did you mean "${match.id}"? It is the id of "${match.label}")` : "";
}

/** Whether `a` and `b` are the same letters, in any order and case (`asl`, `Als`). */
function sameLetters(a: string, b: string): boolean {
  const key = (s: string) => [...s.trim().toLowerCase()].sort().join("");
  return key(a) === key(b);
}

/**
 * Checks each id in `raw[field]` (when it is a list of strings: a wrong type was already
 * reported) against `known`, with a did-you-mean among the ids, or among the `labels` when
 * it is a label where the id belongs, pointing at the item's line.
 */
export function checkIds(
  e: Entry<unknown>,
  field: string,
  noun: string,
  known: Iterable<string>,
  report: Report,
  where: string,
  labels: readonly Labelled[] = [],
): void {
  const value = e.raw[field];
  const items = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  const knownSet = known instanceof Set ? (known as Set<string>) : new Set(known);
  items.forEach((item, i) => {
    // Too long for an id: the schema said so.
    if (typeof item !== "string" || knownSet.has(item) || item.length > MAX_ID) return;
    // An id in other letters (`Teens`) needs no label; a label written as it is shown
    // (`Kids (0–11)`) beats an id that happens to be close.
    const wanted = item.trim().toLowerCase();
    const sameId = [...knownSet].some((id) => id.toLowerCase() === wanted);
    const exact = sameId ? undefined : labels.find((l) => l.label.trim().toLowerCase() === wanted);
    // A code of two or three letters (a language's `fr`) is one letter from many others
    // (`ar`): guessed only from the same letters (`Asl`, `als` for `asl`), else the list.
    const short = item.trim().length <= 3;
    const hint =
      (exact && labelHint(item, [exact])) ||
      didYouMeanHint(item, short ? [...knownSet].filter((id) => sameLetters(id, item)) : [...knownSet]) ||
      labelHint(item, labels);
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

export function checkAltText(
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

export function checkProgram(
  e: Entry<ProgramInput>,
  library: Library | undefined,
  ids: { partners: Set<string>; guides: Set<string> },
  zone: string,
  report: Report,
  /** The schedule check (a cache's memo of it under `npm start`). */
  scheduleCheck: typeof checkSchedule = checkSchedule,
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
      library.audiences,
    );
    checkIds(
      e,
      "categories",
      "category",
      library.categories.map((t) => t.id),
      report,
      `categories in ${lib}`,
      library.categories,
    );
    checkIds(
      e,
      "location",
      "location",
      library.locations.map((l) => l.id),
      report,
      `locations in ${lib}`,
      library.locations.map((l) => ({ id: l.id, label: l.name })),
    );
    checkIds(
      e,
      "languages",
      "language",
      Object.keys(library.languages),
      report,
      `languages in ${lib}`,
      Object.entries(library.languages).map(([id, label]) => ({ id, label })),
    );
    checkIds(
      e,
      "access",
      "access feature",
      library.access.map((a) => a.id),
      report,
      `access in ${lib}`,
    );
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
  if (raw.status === "moved-online" && raw.online === undefined) {
    // Published all the same (the banner says it moved), like other warnings; but its page
    // would have no way to join.
    report.warning(
      e.file,
      e.lines.get("status"),
      "status",
      "moved-online, but online is not set: add online: with the link to join (e.g. online: https://meet.example.org/your-link), or the page shows no way to join",
    );
  }
  checkAltText(e, "image", "image_alt", "the image", report);

  const spec = rawSchedule(raw);
  if (!spec || !library) return;
  // Fields the schema already reported, so a number's range is not reported twice.
  const reported = new Set(
    report.problems.filter((p) => p.file === e.file && p.severity === "error").map((p) => p.field),
  );
  for (const { field, message, severity, schemaChecked } of scheduleCheck(spec, zone)) {
    if (schemaChecked && reported.has(field)) continue;
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

/** One day of a closure: what the loader left out on it, for the one warning it gets. */
export interface ClosureDrops {
  /** Programs (ids) whose series lost that day, in the order found. */
  programs: Set<string>;
}

/**
 * Closed days that left out occurrences of series: keyed by `<location id> <date>`, or
 * `* <date>` for a day every location is closed. Filled by `warnClosed`, reported once a
 * closure by `warnClosures`.
 */
export type ClosureLog = Map<string, ClosureDrops>;

/**
 * A program's occurrence left out on a closed day. A date the program's own file names (a
 * one-off `start`, an entry of `dates`) gets a warning in that file: moving it is the fix.
 * A date of a series is what the closure is for: it is logged for the closure's one
 * warning in `_data/library.yaml` (`warnClosures`) instead of asking every program for an
 * `except`.
 */
export function warnClosed(
  e: Entry<ProgramInput>,
  program: Program,
  dropped: { date: string; reason?: string; ownDate?: string },
  location: Location | undefined,
  library: Library,
  closures: ClosureLog,
  report: Report,
): void {
  // A time written with an offset is known by its own date (`except`, `dates` as written).
  const own = dropped.ownDate ?? dropped.date;
  const dateIndex = program.schedule.dates.findIndex((d) => d.trim().startsWith(own));
  if (dateIndex < 0 && program.schedule.repeat) {
    const everywhere = library.closed.some((d) => d.date === dropped.date);
    const key = `${everywhere || !location ? "*" : location.id} ${dropped.date}`;
    const log = closures.get(key) ?? { programs: new Set<string>() };
    log.programs.add(program.id);
    closures.set(key, log);
    return;
  }
  const where = location?.name ?? "the library";
  const why = dropped.reason ? ` (${dropped.reason})` : "";
  const [at, field, fix] =
    dateIndex >= 0
      ? [`dates.${dateIndex}`, "dates", "remove the date from dates to silence this"]
      : ["start", "start", "move start to another day to silence this"];
  report.warning(
    e.file,
    e.lines.get(at),
    field,
    `occurrence on ${dropped.date} left out: ${where} is closed${why}; ${fix}`,
  );
}

/**
 * A warning for each `cancelled` or `repeat.except` date that matches none of the program's
 * dates (`ScheduleResult.unmatched`), at its line: `cancelled: [2026-12-16]` for a Tue/Thu
 * series did nothing, and the 17th was meant. Dates before `today` (ISO date) are past and
 * are not reported.
 */
export function warnUnmatched(
  e: Entry<ProgramInput>,
  program: Program,
  unmatched: readonly Unmatched[],
  today: string,
  report: Report,
): void {
  for (const u of unmatched) {
    if (u.date < today) continue;
    const list = u.field === "cancelled" ? program.schedule.cancelled : program.schedule.repeat?.except;
    const i = (list ?? []).findIndex((v) => v.trim() === u.text);
    report.warning(e.file, e.lines.get(i >= 0 ? `${u.field}.${i}` : u.field), u.field, u.message);
  }
}

/**
 * One warning a closed day that left out dates of series, at its line in
 * `_data/library.yaml`, naming the programs. Closed days before `today` (ISO date) are
 * past: nothing can change there, so they are not reported.
 */
export function warnClosures(
  closures: ClosureLog,
  library: Library,
  lines: LineIndex,
  today: string,
  report: Report,
): void {
  const report1 = (at: string, day: ClosedDay, who: string, programs: Set<string>) => {
    const ids = [...programs].sort();
    const why = day.reason ? ` (${day.reason})` : "";
    const [count, them] = ids.length === 1 ? ["1 program is", "it"] : [`${ids.length} programs are`, "one of them"];
    report.warning(
      LIBRARY_FILE,
      lines.get(at),
      at,
      `${day.date}${why}: ${who} closed, so ${count} left out that day: ${ids.join(", ")}; nothing to change unless ${them} should move to another day`,
    );
  };
  library.closed.forEach((day, i) => {
    const log = day.date >= today ? closures.get(`* ${day.date}`) : undefined;
    // A date listed twice is reported once, at its first line.
    if (log && library.closed.findIndex((d) => d.date === day.date) === i) {
      report1(`closed.${i}`, day, "every location is", log.programs);
    }
  });
  library.locations.forEach((location, l) => {
    location.closed.forEach((day, i) => {
      const log = day.date >= today ? closures.get(`${location.id} ${day.date}`) : undefined;
      if (log && location.closed.findIndex((d) => d.date === day.date) === i) {
        report1(`locations.${l}.closed.${i}`, day, `${location.name} is`, log.programs);
      }
    });
  });
}
