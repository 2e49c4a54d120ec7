// Reading one content file: split the front matter from the Markdown body and parse it with
// the `yaml` package's core schema, so `2026-10-20 18:00` stays the string staff wrote
// (gray-matter's default loader would turn it into a UTC Date and shift the time). We also
// keep the line of every key and list item, so every problem can name its line even after
// the YAML document itself has been dropped (20,000 documents would not fit in memory).
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

/** Line of each field, by dotted path (`repeat.until`, `sources.0.url`). */
export class LineIndex {
  readonly #lines = new Map<string, number>();

  /** `fallback` is used when nothing on the path was written (a missing field). */
  constructor(readonly fallback: number) {}

  set(path: string, line: number): void {
    this.#lines.set(path, line);
  }

  /** Line of the path, or of its nearest written parent, or the fallback. */
  get(path: readonly (string | number)[] | string): number {
    const parts =
      typeof path === "string" ? (path === "" ? [] : path.split(".")) : path.map(String);
    for (let n = parts.length; n > 0; n--) {
      const line = this.#lines.get(parts.slice(0, n).join("."));
      if (line !== undefined) return line;
    }
    return this.fallback;
  }

  /** Whether the exact path was written. */
  has(path: string): boolean {
    return this.#lines.has(path);
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
    const line = (error.linePos?.[0].line ?? 1) + firstLine - 1;
    return {
      lines,
      error: { line, message: yamlMessage(error.code, error.message, text, line - firstLine + 1) },
    };
  }
  indexLines(doc.contents, "", lineCounter, firstLine - 1, lines);
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return { data: data === null || data === undefined ? {} : dropNulls(data, ""), lines };
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

function dropNulls(value: unknown, path: string): unknown {
  if (path === "extra") return value;
  if (Array.isArray(value)) return value.map((v, i) => dropNulls(v, `${path}.${i}`));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      out[k] = dropNulls(v, path ? `${path}.${k}` : k);
    }
    return out;
  }
  return value;
}

/** The yaml package's messages, reworded for staff (the common mistakes get a fix). */
function yamlMessage(code: string, message: string, text: string, line: number): string {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
      return 'bad YAML: a value containing ": " must be in quotes, e.g. title: "Coding: the basics"';
    case "TAB_AS_INDENT":
      return "bad YAML: tabs are not allowed for indentation; use spaces";
    case "DUPLICATE_KEY": {
      const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(text.split(/\r?\n/)[line - 1] ?? "")?.[1];
      return key
        ? `bad YAML: field "${key}" is written twice`
        : "bad YAML: a field is written twice";
    }
  }
  const first = message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  return `bad YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

/** One content file: front matter, body, and where each starts. */
export interface FrontMatterFile extends ParsedYaml {
  /** Markdown after the front matter. */
  body: string;
  /** 1-based line the body starts on. */
  bodyLine: number;
}

/**
 * Splits `---\n<yaml>\n---\n<body>` (a closing `...` also works; a BOM and CRLF line ends
 * are fine) and parses the YAML. A missing or unclosed front matter, bad YAML, or YAML
 * that is not a set of fields is returned as `error`, never thrown.
 */
export function readFrontMatter(source: string): FrontMatterFile {
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!/^---\s*$/.test(lines[0] ?? "")) {
    return {
      lines: new LineIndex(1),
      body: "",
      bodyLine: 1,
      error: {
        line: 1,
        message:
          "no front matter: the file must begin with a line ---, then its fields, then another line ---",
      },
    };
  }
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (close === -1) {
    return {
      lines: new LineIndex(1),
      body: "",
      bodyLine: 1,
      error: {
        line: 1,
        message: "front matter is not closed: add a line --- after the last field",
      },
    };
  }
  // Missing fields point at the opening `---` (line 1).
  const parsed = parseYaml(lines.slice(1, close).join("\n"), 2, 1);
  const body = lines.slice(close + 1).join("\n");
  const result: FrontMatterFile = { ...parsed, body, bodyLine: close + 2 };
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
