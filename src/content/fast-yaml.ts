// The fast YAML reader: js-yaml, about six times faster than the `yaml` package on the plain
// `name: value` lines most front matter is made of. Which text it may read (`isSimpleYaml`)
// and the schema it reads it with are here; src/content/front-matter.ts decides when to use
// it and falls back to the careful reader for everything else.
import jsYaml from "js-yaml";

// What the fast reader may read: a small, line-by-line subset of YAML on which both readers
// agree. Every line is blank, a comment, or an optional `- ` list marker, an optional
// `key:` and an optional value, then an optional comment, where a value is a one-line plain
// scalar, a one-line quoted string, or a one-line flow list of those. No anchors, aliases,
// tags, block scalars or multi-line values: any text with another line goes to the careful
// reader, which is then only slower.
const PLAIN = String.raw`[^\s\-?:,\[\]{}#&*!|>'"%@\x60](?:[^:#]|:(?=\S)|(?<=\S)#)*?`;
const DQ = String.raw`"(?:[^"\\]|\\.)*"`;
const SQ = String.raw`'(?:[^']|'')*'`;
const ITEM = String.raw`(?:[^\s\-?:,\[\]{}#&*!|>'"%@\x60](?:[^:#,\[\]{}]|:(?=[^\s,\]]))*?|${DQ}|${SQ})`;
const FLOW = String.raw`\[ *(?:${ITEM} *, *)*(?:${ITEM} *)?\]`;
const SIMPLE_LINE = new RegExp(
  String.raw`^((?:  )*)(?:(?:- +)?(?:[A-Za-z0-9_-]+ *: *)?(?:(?:${PLAIN}|${DQ}|${SQ}|${FLOW}) *)?(?: +#.*)?|#.*)$`,
);

/**
 * Longest line the fast reader takes. The pattern backtracks (lazily) through a line, using
 * stack in proportion to its length: a 20 MB line overflowed it. Longer lines are rare
 * (a summary has at most 300 characters) and go to the careful reader, which is linear.
 */
const MAX_SIMPLE_LINE = 2000;

/** Whether `text` is within the subset above, so js-yaml may read it. */
export function isSimpleYaml(text: string): boolean {
  let first = true;
  // The indent of the list item last read, until a line at or left of it ends its list:
  // an item left of it then (`key:` / `    - a` / `- b`) is a list indented two ways, which
  // js-yaml reads and the careful reader refuses.
  let item = -1;
  for (const line of text.split("\n")) {
    if (line.length > MAX_SIMPLE_LINE) return false;
    if (line.includes("\t") || line.includes("\r")) return false;
    const m = SIMPLE_LINE.exec(line);
    if (!m) return false;
    const content = line.trimStart();
    if (content !== "" && !content.startsWith("#")) {
      const indent = m[1]!.length;
      if (content.startsWith("-")) {
        if (item > indent) return false;
        item = indent;
      } else if (indent <= item) item = -1;
    }
    // Indented by whole steps of two spaces, starting at the margin.
    if (first && line.trim() !== "" && !line.trimStart().startsWith("#")) {
      if (m[1] !== "") return false;
      first = false;
    }
  }
  return true;
}

/**
 * YAML 1.2's core schema (spec 10.3.2), as the `yaml` package reads it. js-yaml's own
 * CORE_SCHEMA also reads `0b101` and `+0x1` as numbers; staff text such as a room named
 * `0b12` must stay text in both readers.
 */
const CORE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType("null", /^(?:~|null|Null|NULL|)$/, () => null),
    scalarType(
      "bool",
      /^(?:true|True|TRUE|false|False|FALSE)$/,
      (s) => s[0] === "t" || s[0] === "T",
    ),
    scalarType("int", /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith("0o")
        ? parseInt(s.slice(2), 8)
        : s.startsWith("0x")
          ? parseInt(s.slice(2), 16)
          : Number(s),
    ),
    scalarType(
      "float",
      /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
      (s) =>
        /nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s[0] === "-" ? -Infinity : Infinity) : Number(s),
    ),
  ],
});

function scalarType(
  name: string,
  pattern: RegExp,
  construct: (text: string) => unknown,
): jsYaml.Type {
  return new jsYaml.Type(`tag:yaml.org,2002:${name}`, {
    kind: "scalar",
    resolve: (text: string | null) => pattern.test(text ?? ""),
    construct: (text: string | null) => construct(text ?? ""),
  });
}

/** js-yaml's reading of `text` with YAML 1.2's core schema; throws on text it rejects. */
export function readSimpleYaml(text: string): unknown {
  return jsYaml.load(text, { schema: CORE_SCHEMA });
}
