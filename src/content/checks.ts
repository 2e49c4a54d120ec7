// Checks across files: ids that name other items, alt text for images, a program's
// schedule and its closed days.
import path from "node:path";
import type { Library, Location, Program, Repeat } from "./model.ts";
import { didYouMeanHint } from "./problems.ts";
import { checkSchedule, type ScheduleSpec } from "../schedule/schedule.ts";
import { MAX_ID } from "./schema/common.ts";
import type { ProgramInput } from "./schema/program.ts";
import { LIBRARY_FILE, type Entry, Report } from "./entry.ts";

/** Reports one error on an entry and marks it failed. */
function fail(e: Entry<unknown>, report: Report, at: string, field: string, message: string): void {
  report.error(e.file, e.lines.get(at), field, message);
  e.failed = true;
}

/**
 * Checks each id in `raw[field]` (when it is a list of strings: a wrong type was already
 * reported) against `known`, with a did-you-mean, pointing at the item's line.
 */
export function checkIds(
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
  for (const { field, message, severity } of scheduleCheck(spec, zone)) {
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

export function warnClosed(
  e: Entry<ProgramInput>,
  program: Program,
  dropped: { date: string; reason?: string; ownDate?: string },
  location: Location | undefined,
  report: Report,
): void {
  const where = location?.name ?? "the library";
  const why = dropped.reason ? ` (${dropped.reason})` : "";
  // A time written with an offset is known by its own date (`except`, `dates` as written).
  const own = dropped.ownDate ?? dropped.date;
  const dateIndex = program.schedule.dates.findIndex((d) => d.trim().startsWith(own));
  let at = "start";
  let field = "start";
  let fix = "move start to another day to silence this";
  if (dateIndex >= 0) {
    at = `dates.${dateIndex}`;
    field = "dates";
    fix = "remove the date from dates to silence this";
  } else if (program.schedule.repeat) {
    at = "repeat";
    fix = dropped.ownDate
      ? `it is ${own} at the series' own UTC offset, so add ${own} to repeat.except to silence this`
      : "add the date to repeat.except to silence this";
  }
  report.warning(
    e.file,
    e.lines.get(at),
    field,
    `occurrence on ${dropped.date} left out: ${where} is closed${why}; ${fix}`,
  );
}
