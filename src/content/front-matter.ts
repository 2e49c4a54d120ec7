// Reading one content file: split the front matter from the Markdown body and parse it as
// YAML 1.2 with the core schema, so `2026-10-20 18:00` stays the string staff wrote
// (gray-matter's default loader would turn it into a UTC Date and shift the time).
//
// Two readers, one result. Most front matter is plain `name: value` lines, and js-yaml reads
// those about six times faster than the `yaml` package, which matters when `npm run check`
// reads a thousand files. The `yaml` package is the careful reader: it knows the line of
// every key and list item, words errors for staff, and limits aliases. js-yaml only gets
// front matter made of simple lines (`isSimpleYaml` in ./fast-yaml.ts: no anchors, aliases,
// tags, block scalars or multi-line values); the careful reader gets everything else,
// anything js-yaml rejects, and, only when a problem needs a line number, the text of a file
// js-yaml read (the line index is built on first use). Both follow YAML 1.2's core schema, and
// test/front-matter.test.ts checks they agree on every content file we have and on
// generated documents.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Scalar } from "yaml";
import { isSimpleYaml, readSimpleYaml } from "./fast-yaml.ts";
import { duplicateKeyMessage, unsupportedTag, yamlErrorLine, yamlMessage } from "./yaml-errors.ts";

/** Line of each field, by dotted path (`repeat.until`, `sources.0.url`). */
export class LineIndex {
  #lines: Map<string, number> | undefined;
  #compute: (() => Map<string, number>) | undefined;

  /**
   * `fallback` is used when nothing on the path was written (a missing field). `compute`,
   * when given, builds the lines on first use.
   */
  constructor(
    readonly fallback: number,
    compute?: () => Map<string, number>,
  ) {
    if (compute) this.#compute = compute;
    else this.#lines = new Map();
  }

  #map(): Map<string, number> {
    if (!this.#lines) {
      this.#lines = this.#compute!();
      this.#compute = undefined;
    }
    return this.#lines;
  }

  set(path: string, line: number): void {
    this.#map().set(path, line);
  }

  /** Line of the path, or of its nearest written parent, or the fallback. */
  get(path: readonly (string | number)[] | string): number {
    const lines = this.#map();
    const parts =
      typeof path === "string" ? (path === "" ? [] : path.split(".")) : path.map(String);
    for (let n = parts.length; n > 0; n--) {
      const line = lines.get(parts.slice(0, n).join("."));
      if (line !== undefined) return line;
    }
    return this.fallback;
  }

  /** Whether the exact path was written. */
  has(path: string): boolean {
    return this.#map().has(path);
  }

  /** Every written path and its line. */
  entries(): [string, number][] {
    return [...this.#map()];
  }
}

/** Parsed YAML: the data, or one problem (bad YAML) at a line. */
export interface ParsedYaml {
  /** Plain data; `undefined` when the YAML cannot be read. Empty YAML gives `{}`. */
  data?: unknown;
  lines: LineIndex;
  error?: { line: number; message: string };
}

/**
 * Parses YAML text whose first line is line `firstLine` of its file. Null values in
 * mappings (`room:` left empty) are dropped so they count as "not given", except under
 * `extra`, which is free-form.
 */
export function parseYaml(text: string, firstLine = 1, fallbackLine = firstLine): ParsedYaml {
  const deep = tooDeep(text, firstLine);
  if (deep) return { lines: new LineIndex(fallbackLine), error: deep };
  if (isSimpleYaml(text)) {
    let data: unknown;
    try {
      data = readSimpleYaml(text);
    } catch {
      return carefulParse(text, firstLine, fallbackLine);
    }
    const lines = new LineIndex(fallbackLine, () => {
      const index = carefulParse(text, firstLine, fallbackLine).lines;
      return new Map(index.entries());
    });
    return {
      data: data === null || data === undefined ? Object.create(null) : plainData(data, ""),
      lines,
    };
  }
  return carefulParse(text, firstLine, fallbackLine);
}

/** Deepest nesting read: far beyond any front matter, well within both readers' stack. */
const MAX_DEPTH = 64;

/**
 * A "nested too deeply" error at its line, or undefined. Both readers recurse once per
 * level of nesting, and thousands of levels (`[[[[...`, or ever deeper indentation) would
 * overflow the stack. Counts indentation steps and open brackets, ignoring quotes: text
 * this deep is never front matter, whatever its quotes mean.
 */
function tooDeep(text: string, firstLine: number): ParsedYaml["error"] {
  let brackets = 0;
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let i = start;
    let depth = 0;
    // Indentation and compact list items (`- - x`) each open a level.
    while (i < end && (text[i] === " " || (text[i] === "-" && text[i + 1] === " "))) {
      if (text[i] === "-") depth++;
      i++;
    }
    depth += Math.ceil((i - start) / 2);
    let deepest = brackets;
    for (; i < end; i++) {
      const c = text[i];
      if (c === "[" || c === "{") deepest = Math.max(deepest, ++brackets);
      else if ((c === "]" || c === "}") && brackets > 0) brackets--;
    }
    if (depth + deepest > MAX_DEPTH) {
      return {
        line: line + firstLine,
        message: `bad YAML: nested more than ${MAX_DEPTH} levels deep`,
      };
    }
    line++;
    start = end + 1;
  }
  return undefined;
}

/** The `yaml` package's reading, with the line of every key and list item. */
export function carefulParse(text: string, firstLine = 1, fallbackLine = firstLine): ParsedYaml {
  const deep = tooDeep(text, firstLine);
  if (deep) return { lines: new LineIndex(fallbackLine), error: deep };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: "core",
    uniqueKeys: true,
    prettyErrors: true,
  });
  const lines = new LineIndex(fallbackLine);
  const error = doc.errors[0];
  if (error) {
    const line = yamlErrorLine(text, doc, error, lineCounter) + firstLine - 1;
    // The line the yaml package stopped at, whose text may explain the mistake (curly quotes).
    const at = error.linePos?.[0].line ?? 1;
    const message =
      error.code === "DUPLICATE_KEY"
        ? duplicateKeyMessage(doc.contents, error.pos[0])
        : yamlMessage(error.code, error.message, text.split("\n")[at - 1]);
    return { lines, error: { line, message } };
  }
  const tagged = unsupportedTag(doc);
  if (tagged) {
    const line = lineCounter.linePos(tagged.offset).line + firstLine - 1;
    return { lines, error: { line, message: tagged.message } };
  }
  indexLines(doc.contents, "", lineCounter, firstLine - 1, lines);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (err) {
    // An alias with no anchor before it (`*name`), or aliases that would blow up in size.
    const message = err instanceof Error ? err.message : String(err);
    const alias = /alias[^:]*:\s*(\S+)/i.exec(message)?.[1];
    const at = alias ? text.split(/\r?\n/).findIndex((l) => l.includes(`*${alias}`)) : -1;
    const line = (at === -1 ? 0 : at) + firstLine;
    return { lines, error: { line, message: yamlMessage("", message) } };
  }
  return {
    data: data === null || data === undefined ? Object.create(null) : plainData(data, ""),
    lines,
  };
}

function indexLines(
  node: unknown,
  path: string,
  lc: LineCounter,
  offset: number,
  out: LineIndex,
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyPath = path ? `${path}.${key}` : key;
      const start = (pair.key as Node | null)?.range?.[0];
      if (start !== undefined) out.set(keyPath, lc.linePos(start).line + offset);
      indexLines(pair.value, keyPath, lc, offset, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const itemPath = `${path}.${i}`;
      const start = (item as Node | null)?.range?.[0];
      if (start !== undefined) out.set(itemPath, lc.linePos(start).line + offset);
      indexLines(item, itemPath, lc, offset, out);
    });
  }
}

/**
 * The parsed data rebuilt from plain objects with no prototype, so that a key such as
 * `__proto__` is only ever an own property (src/catalogue.ts reports it as an unknown field)
 * and can never make other fields appear through an inherited object. Null values in
 * mappings (`room:` left empty) are dropped, except under `extra`, which is free-form.
 */
function plainData(value: unknown, path: string, keepNulls = false): unknown {
  if (Array.isArray(value)) return value.map((v, i) => plainData(v, `${path}.${i}`, keepNulls));
  if (value && typeof value === "object") {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) {
      if (!keepNulls && (v === null || v === undefined)) continue;
      const at = path ? `${path}.${k}` : k;
      out[k] = plainData(v, at, keepNulls || at === "extra");
    }
    return out;
  }
  return value;
}

/**
 * A value on whose line a comment follows: `room: Maker Lab #204` (YAML reads "Maker Lab"
 * and a comment), or `title: #1 Teen Coding Club` (nothing, and a comment). Staff who write
 * `#` in text mean it as part of the text.
 */
export interface ValueComment {
  /** Dotted path of the value (`room`, `checklist.0`, `sources.1.title`). */
  path: string;
  /** 1-based line in the file. */
  line: number;
  /** The value read before the `#` (text, a number...), or null when there is none. */
  value: unknown;
  /** What was written from the value's start to the end of its line, `#` and all. */
  written: string;
  /** How the value is written as a list item (`- x`) rather than as `key: x`. */
  item: boolean;
}

/** A line with a ` #` that is not a comment line of its own. */
const COMMENT_AFTER_VALUE = /^[ \t]*[^\s#].*\s#/m;

/**
 * A plain value YAML reads as a number that is not written as JavaScript writes that
 * number: `5.50` (5.5), `007` (7), `+1`, `.5`, `1e3`, `0x1F`. In a text field (`cost`,
 * `room`) staff mean the characters; `src/content/entries.ts` puts them back.
 */
export interface NumberAsWritten {
  /** Dotted path of the value (`cost`, `checklist.0`). */
  path: string;
  /** The value as written. */
  written: string;
}

/** A YAML 1.2 core-schema number (what both readers take for one). */
const CORE_NUMBER =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/** `key: value` or `- value` lines' plain values that might be such a number. */
const MAYBE_NUMBER = /^[ \t]*(?:- |[^\s#'"-][^\n#]*?:[ \t]+)([-+.0-9][^\s#]*)[ \t]*(?:#.*)?$/gm;

/** Whether `token` is a number YAML reads that `String(number)` would not write back. */
function numberWrittenOtherwise(token: string): boolean {
  return CORE_NUMBER.test(token) && String(Number(token)) !== token;
}

/** Whether some line's plain value may be a `NumberAsWritten` (cheap: no parse). */
function maybeNumbersAsWritten(text: string): boolean {
  for (const m of text.matchAll(MAYBE_NUMBER)) if (numberWrittenOtherwise(m[1]!)) return true;
  return false;
}

/** What `plainValueNotes` finds in front matter. */
export interface PlainValueNotes {
  valueComments: ValueComment[];
  numbersAsWritten: NumberAsWritten[];
}

/**
 * One reading of `text` (front matter; `firstLine` is the file's line of its first line) by
 * the `yaml` package, for two things its plain (unquoted) values can say that the data
 * alone does not:
 * - `valueComments`: values of block mappings and lists that a comment follows on the same
 *   line. Quoted values and flow lists (`[a, b]`) are left alone: a quoted value's `#` is its
 *   own, and a comment in a flow list breaks the YAML, which is reported as bad YAML.
 * - `numbersAsWritten`: numbers written otherwise than they read, anywhere.
 * Both empty for text that cannot be read, and, cheaply (no parse), for text in which no
 * line has a comment after something else nor a value like such a number: the usual
 * front matter, comment lines included.
 */
export function plainValueNotes(text: string, firstLine = 1): PlainValueNotes {
  const notes: PlainValueNotes = { valueComments: [], numbersAsWritten: [] };
  const comments = COMMENT_AFTER_VALUE.test(text);
  if ((!comments && !maybeNumbersAsWritten(text)) || tooDeep(text, firstLine)) return notes;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: "core", uniqueKeys: true });
  if (doc.errors.length > 0) return notes;
  const comment = (node: Scalar, path: string, item: boolean) => {
    const [from, valueEnd] = node.range!;
    const hash = text.indexOf("#", valueEnd);
    if (hash < 0 || !/^[ \t]*$/.test(text.slice(valueEnd, hash))) return;
    const eol = text.indexOf("\n", hash);
    notes.valueComments.push({
      path,
      line: lineCounter.linePos(hash).line + firstLine - 1,
      value: node.value,
      // A plain value may run over lines: shown as one, as YAML reads it.
      written: text
        .slice(from, eol < 0 ? text.length : eol)
        .trim()
        .replace(/[ \t]*\n[ \t]*/g, " "),
      item,
    });
  };
  /** `block`: `node` is a value of a block mapping or list (where comments are looked for). */
  const visit = (node: unknown, path: string, item: boolean, block: boolean) => {
    if (isScalar(node)) {
      if (node.type !== "PLAIN" || !node.range) return;
      if (block && comments) comment(node, path, item);
      if (typeof node.value !== "number") return;
      const written = text.slice(node.range[0], node.range[1]).trim();
      if (numberWrittenOtherwise(written)) notes.numbersAsWritten.push({ path, written });
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        visit(pair.value, path ? `${path}.${key}` : key, false, !node.flow);
      }
    } else if (isSeq(node)) {
      node.items.forEach((value, i) => visit(value, `${path}.${i}`, true, !node.flow));
    }
  };
  visit(doc.contents, "", false, false);
  return notes;
}

/** The `ValueComment`s of `text` (`plainValueNotes`). */
export const valueComments = (text: string, firstLine = 1): ValueComment[] =>
  plainValueNotes(text, firstLine).valueComments;

/** The `NumberAsWritten` values of `text` (`plainValueNotes`). */
export const numbersAsWritten = (text: string): NumberAsWritten[] =>
  plainValueNotes(text).numbersAsWritten;

/** One content file: front matter, body, and where each starts. */
export interface FrontMatterFile extends ParsedYaml {
  /** Markdown after the front matter. */
  body: string;
  /** 1-based line the body starts on. */
  bodyLine: number;
  /** The front matter's values followed by a comment on their line (`valueComments`). */
  valueComments: ValueComment[];
  /** Numbers written otherwise than they read (`numbersAsWritten`). */
  numbersAsWritten: NumberAsWritten[];
}

/** A file whose front matter could not be found, with the problem at line 1. */
function unsplit(message: string): FrontMatterFile {
  return {
    lines: new LineIndex(1),
    body: "",
    bodyLine: 1,
    valueComments: [],
    numbersAsWritten: [],
    error: { line: 1, message },
  };
}

/**
 * Splits `---\n<yaml>\n---\n<body>` (a closing `...` also works; a BOM and CRLF line ends
 * are fine) and parses the YAML. A missing or unclosed front matter, bad YAML, or YAML
 * that is not a set of fields is returned as `error`, never thrown.
 */
export function readFrontMatter(source: string): FrontMatterFile {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!/^---\s*$/.test(lines[0] ?? "")) {
    return unsplit(
      "no front matter: the file must begin with a line ---, then its fields, then another line ---",
    );
  }
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (close === -1) return unsplit("front matter is not closed: add a line --- after the last field");
  // Missing fields point at the opening `---` (line 1).
  const yaml = lines.slice(1, close).join("\n");
  const parsed = parseYaml(yaml, 2, 1);
  const body = lines.slice(close + 1).join("\n");
  const result: FrontMatterFile = {
    ...parsed,
    body,
    bodyLine: close + 2,
    ...(parsed.error
      ? { valueComments: [], numbersAsWritten: [] }
      : plainValueNotes(yaml, 2)),
  };
  if (
    parsed.data !== undefined &&
    (typeof parsed.data !== "object" || Array.isArray(parsed.data))
  ) {
    return {
      ...result,
      data: undefined,
      error: { line: 2, message: "front matter must be fields written as name: value, one a line" },
    };
  }
  return result;
}
