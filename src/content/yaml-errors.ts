// Bad YAML worded for staff: the `yaml` package's errors reworded (the common mistakes get a
// fix), the line each is reported at, and the tags outside the core schema that are refused.
// Used by the careful reader (`carefulParse` in ./front-matter.ts).
import { isMap, isScalar, isSeq, visit, type Document, type LineCounter, type Node } from "yaml";

/**
 * The line to report a YAML error at (1-based, in `text`). The `yaml` package places an
 * unclosed `[`/`{` or quote where it gave up looking for the end: the start of the next
 * field, or the end of the front matter, one or more lines below the mistake. An unclosed
 * flow list or mapping is reported at the last line of it (the line missing its `]` or `}`),
 * an unclosed quote at the line it opens on; any other error where the package places it.
 */
export function yamlErrorLine(
  text: string,
  doc: Document,
  error: Document["errors"][number],
  lineCounter: LineCounter,
): number {
  const reported = error.linePos?.[0].line ?? 1;
  const at = error.pos[0];
  if (error.code === "MISSING_CHAR" && /^Missing closing .?quote/.test(error.message)) {
    let opened: number | undefined;
    visit(doc, {
      Scalar(_, node) {
        const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
        if (quoted && node.range?.[1] === at) {
          opened = node.range[0];
          return visit.BREAK;
        }
        return undefined;
      },
    });
    return opened === undefined ? reported : lineCounter.linePos(opened).line;
  }
  if (/^Flow (sequence|map) .*end with a [\]}]/.test(error.message)) {
    const before = text.slice(0, at).split("\n");
    for (let i = before.length - 1; i >= 0; i--) {
      const line = before[i]!.trim();
      if (line !== "" && !line.startsWith("#")) return Math.min(i + 1, reported);
    }
  }
  // The package starts a field at the comment lines above it (a mis-indented field, after
  // its comment): the mistake is on the field's own line, the first one that is not a
  // comment or blank.
  const lines = text.split("\n");
  for (let i = reported - 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line !== "" && !line.startsWith("#")) return i + 1;
  }
  return reported;
}

/**
 * The yaml package's messages, reworded for staff (the common mistakes get a fix). `line`
 * is the text of the line the error is on, when known.
 */
export function yamlMessage(code: string, message: string, line = ""): string {
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY": {
      const fixed = straightQuoted(line);
      if (fixed) {
        return `bad YAML: curly quotes (“ ” ‘ ’) are not quotes to YAML, so this value's ": " needs straight ones: ${fixed}`;
      }
      return 'bad YAML: a value containing ": " must be in quotes, e.g. title: "Coding: the basics"';
    }
    case "TAB_AS_INDENT":
      return "bad YAML: tabs are not allowed for indentation; use spaces";
  }
  const first = message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  return `bad YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

/** A value opening with a curly quote, as word processors and phones type `"`. */
const CURLY_VALUE = /^(\s*(?:- +)?(?:[A-Za-z0-9_-]+: +)?)[“”„‘’‚«»](.*?)[“”‘’«»]?\s*$/;

/**
 * `title: “Lego Club: Build Night”` as it should be typed, `title: "Lego Club: Build
 * Night"` (the text escaped for a double-quoted string), or undefined when the line's value
 * does not open with a curly quote. A long text is shown as "...".
 */
function straightQuoted(line: string): string | undefined {
  const m = CURLY_VALUE.exec(line.replace(/\r$/, ""));
  if (!m) return undefined;
  const quoted = JSON.stringify(m[2]!);
  return `${m[1]!.trim()} ${quoted.length <= 200 ? quoted : '"..."'}`.trim();
}

/** `bad YAML: field "extra.a" is written twice`: the whole path of the key at `offset`. */
export function duplicateKeyMessage(node: unknown, offset: number): string {
  const find = (n: unknown, path: string): string | undefined => {
    if (isMap(n)) {
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyPath = path ? `${path}.${key}` : key;
        if ((pair.key as Node | null)?.range?.[0] === offset) return keyPath;
        const inner = find(pair.value, keyPath);
        if (inner) return inner;
      }
    } else if (isSeq(n)) {
      for (let i = 0; i < n.items.length; i++) {
        const inner = find(n.items[i], `${path}.${i}`);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  const key = find(node, "");
  return key ? `bad YAML: field "${key}" is written twice` : "bad YAML: a field is written twice";
}

/** The tags of YAML 1.2's core schema; any other (`!!set`, `!!binary`, `!local`) is refused. */
const CORE_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`),
);

/**
 * The first explicit tag outside the core schema, with a message. The `yaml` package would
 * turn `!!set` into a Set and `!!binary` into bytes, which no field can hold and which
 * would only be reported as a puzzling "group of fields".
 */
export function unsupportedTag(doc: Document): { offset: number; message: string } | undefined {
  let found: { offset: number; message: string } | undefined;
  visit(doc, {
    Node(_, node) {
      const tag = (node as { tag?: string }).tag;
      if (tag === undefined || CORE_TAGS.has(tag)) return undefined;
      const shown = tag.replace(/^tag:yaml\.org,2002:/, "!!");
      const fix =
        shown === "!!set" || shown === "!!omap" || shown === "!!pairs"
          ? "write a list such as [a, b], or fields written as name: value"
          : "remove it and write the value plainly";
      found = {
        offset: node.range?.[0] ?? 0,
        message: `bad YAML: the tag ${shown} is not supported: ${fix}`,
      };
      return visit.BREAK;
    },
  });
  return found;
}
