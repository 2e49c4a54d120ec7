// One content file: its front matter read and checked against its kind's schema, its
// values checked for unsafe characters and reserved keys, its id checked against the
// names generated URLs reserve.
import type * as z from "zod";
import { readFrontMatter, type LineIndex, type ValueComment } from "./front-matter.ts";
import type { Kind } from "./files.ts";
import { findUnsafeCharacter } from "./safe-text.ts";
import { ID_PATTERN } from "./schema/common.ts";
import { type Entry, Report } from "./entry.ts";
import { fieldName, isTextField, validate } from "./error-map.ts";
import { checkPlaceholders } from "./placeholders.ts";

/**
 * Ids a kind's files may not have, because the site writes something else at the URL the
 * file's page (or its files) would get: the quick views and later list pages under
 * `/programs/`. (Social cards are named by what they show, not by id.) Audiences,
 * categories and locations have no such names: their folders hold only `<id>/` pages and
 * `<id>/calendar.ics` (test/reserved-ids.test.ts lists a built site to keep this true).
 */
export const RESERVED_IDS: Readonly<Record<Kind, Readonly<Record<string, string>>>> = {
  programs: {
    today: "/programs/today/ is the list of today's programs",
    "this-week": "/programs/this-week/ is the list of this week's programs",
    "this-weekend": "/programs/this-weekend/ is the list of this weekend's programs",
    page: "/programs/page/2/ and on are the later pages of the list of upcoming programs",
  },
  partners: {},
  guides: {},
  pages: {},
};

/**
 * Fields refused before the schema runs, each with its own message: a translation's fields
 * of its kind that are not translatable (src/content/translations.ts).
 */
export interface RefusedFields {
  fields: ReadonlySet<string>;
  message(field: string): string;
}

export function loadEntry<T>(
  schema: z.ZodType<T>,
  { kind, id, file, text }: { kind: Kind; id: string; file: string; text: string },
  report: Report,
  refuse?: RefusedFields,
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
    if (refuse && typeof fm.data === "object" && fm.data !== null && !Array.isArray(fm.data)) {
      const fields = fm.data as Record<string, unknown>;
      for (const key of Object.keys(fields)) {
        if (!refuse.fields.has(key)) continue;
        report.error(file, fm.lines.get([key]), key, refuse.message(key));
        delete fields[key];
      }
    }
    // `cost: 5.50`, `room: 007`: a text field keeps the characters written, not 5.5 or 7.
    for (const n of fm.numbersAsWritten) {
      if (isTextField(schema, n.path.split("."))) setAt(fm.data, n.path.split("."), n.written);
    }
    const missing = new Map<string, string>();
    for (const c of fm.valueComments) {
      if (c.value === null) missing.set(c.path, commentedOut(c, isTextField(schema, c.path.split("."))));
    }
    entry.data = validate(schema, fm.data, file, fm.lines, report, refused, missing);
    warnValueComments(schema, fm.valueComments, missing, file, report);
    checkPlaceholders(entry, fm.bodyLine, report);
  }
  // Warnings (a `#` in text) publish the file all the same.
  entry.failed = report.problems.slice(before).some((p) => p.severity === "error");
  return entry;
}

/** Sets the value at `path` (keys, list indexes as text) in `data`, when it is there. */
function setAt(data: unknown, path: readonly string[], value: string): void {
  let node = data;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== "object" || node === null) return;
    node = (node as Record<string, unknown>)[key];
  }
  const last = path[path.length - 1]!;
  if (typeof node === "object" && node !== null && Object.hasOwn(node, last)) {
    (node as Record<string, unknown>)[last] = value;
  }
}

/** `room: "Maker Lab #204"`: the line as it should be written, the value in quotes. */
function quotedLine(c: ValueComment): string {
  const quoted = JSON.stringify(c.written);
  const shown = quoted.length <= 200 ? quoted : '"..."';
  return c.item ? `- ${shown}` : `${c.path.split(".").at(-1)}: ${shown}`;
}

/**
 * Why a field written as `key: #...` is missing: YAML read all of it as a comment. Free
 * text may well start with `#` (`#1 Teen Coding Club`): quoting keeps it; anything else
 * (an id, a date) was commented out by mistake.
 */
function commentedOut(c: ValueComment, isText: boolean): string {
  return isText
    ? `is empty: ${commentRead(c)}; put the value in quotes: ${quotedLine(c)}`
    : `is empty: ${commentRead(c)}; write the value without the #`;
}

const commentRead = (c: ValueComment) =>
  `YAML reads ${JSON.stringify(c.written)} as a comment, because it starts with #`;

/**
 * Warnings for free text cut short by a `#` that YAML read as a comment: `room: Maker Lab
 * #204` (the site would show "Maker Lab"), and `room: #2 Maker Lab` in a field that may be
 * left out (a required one was an error in `validate`, the entries it took are gone from
 * `missing`). A comment after a value of any other field (`closes: 2027-01-12 # the day
 * before`) is what it looks like, and is left alone.
 */
function warnValueComments<T>(
  schema: z.ZodType<T>,
  comments: readonly ValueComment[],
  missing: ReadonlyMap<string, string>,
  file: string,
  report: Report,
): void {
  for (const c of comments) {
    const at = c.path.split(".");
    if (!isTextField(schema, at)) continue;
    if (c.value === null) {
      if (!missing.has(c.path)) continue;
      report.warning(
        file,
        c.line,
        fieldName(at),
        `left empty: ${commentRead(c)}; if # is part of it, put the value in quotes: ${quotedLine(c)}`,
      );
    } else if (typeof c.value === "string" || typeof c.value === "number") {
      report.warning(
        file,
        c.line,
        fieldName(at),
        `the text after # is read as a comment, so the site shows ${JSON.stringify(String(c.value))}; put the value in quotes if # is part of it: ${quotedLine(c)}`,
      );
    }
  }
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
export function checkValues(
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
