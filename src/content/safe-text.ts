// The one rule for characters in content text, and how text is printed back to staff.
//
// Refused everywhere (every field of every file, keys, `_data/library.yaml`, Markdown
// bodies): the C0 control characters except tab and line feed (a carriage return is only
// allowed as part of a CRLF line end, which the readers remove), DEL, the C1 controls, the
// Unicode line and paragraph separators (U+2028, U+2029), and unpaired UTF-16 surrogates
// (`"\uD83D"` in YAML: half of an emoji). They are invisible in an editor, forbidden in
// iCalendar (RFC 5545), break a line in JavaScript and in some logs, and a lone surrogate
// cannot even be encoded as UTF-8. Refused rather than stripped: the value on the site is
// then always the value in the file.
//
// Printing: problems repeat values from content, so everything staff or CI see goes through
// `escapeForOutput`, which writes those characters (and tabs, line feeds and the bidi
// controls, which are allowed in text but could forge or reorder a log line) as `\uXXXX`.

/** Refused control characters (see above). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** What `escapeForOutput` writes as escapes. */
const PRINT_ESCAPED =
  /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const NAMES: Record<number, string> = {
  0x00: "NUL",
  0x07: "bell",
  0x08: "backspace",
  0x0b: "vertical tab",
  0x0c: "form feed",
  0x0d: "carriage return",
  0x1b: "escape",
  0x7f: "delete",
  0x85: "next line",
  0x2028: "line separator",
  0x2029: "paragraph separator",
};

/** `U+000B` for a UTF-16 code unit. */
function codePoint(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** `\u000B`. */
function escapeUnit(unit: number): string {
  return `\\u${unit.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** A refused character in a text: where, and a sentence for staff. */
export interface UnsafeCharacter {
  /** Index in the text (UTF-16 code units). */
  index: number;
  /** E.g. `contains an invisible control character (U+000B, vertical tab) after "Chess": delete it`. */
  message: string;
}

/**
 * The first refused character of `text`, or undefined when it has none. The message says
 * which character it is and what comes before it, so staff can find an invisible one.
 */
export function findUnsafeCharacter(text: string): UnsafeCharacter | undefined {
  const control = CONTROL.exec(text);
  const lone = LONE_SURROGATE.exec(text);
  const first = control && (!lone || control.index < lone.index) ? control : lone;
  if (!first) return undefined;
  const index = first.index;
  const unit = text.charCodeAt(index);
  const before = context(text, index);
  const where = before
    ? `after "${before}"`
    : index === 0
      ? "at the start"
      : "at the start of a line";
  if (first === lone) {
    return {
      index,
      message: `contains half of a character (${escapeUnit(unit)}, an unpaired surrogate) ${where}: write the character itself, or both halves of its escape (e.g. \\uD83D\\uDE00)`,
    };
  }
  const name = NAMES[unit];
  return {
    index,
    message: `contains an invisible control character (${codePoint(unit)}${name ? `, ${name}` : ""}) ${where}: delete it (it is often pasted from a word processor)`,
  };
}

/** Up to 20 characters before `index`, on the same line, without splitting a surrogate pair. */
function context(text: string, index: number): string {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  let start = Math.max(lineStart, index - 20);
  const unit = text.charCodeAt(start);
  if (start > lineStart && unit >= 0xdc00 && unit <= 0xdfff) start++;
  return (start > lineStart ? "..." : "") + text.slice(start, index);
}

/**
 * `text` with every control character, line break, bidi control and unpaired surrogate
 * written as `\uXXXX`: safe to print on one line of a terminal or CI log.
 */
export function escapeForOutput(text: string): string {
  return text.replace(PRINT_ESCAPED, (c) => escapeUnit(c.charCodeAt(0)));
}

/**
 * JSON text (from `JSON.stringify`, which escapes C0 controls and lone surrogates already)
 * with the C1 controls, line separators and bidi controls escaped too. Still valid JSON
 * with the same values.
 */
export function escapeJsonForOutput(json: string): string {
  return json.replace(/[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (c) =>
    escapeUnit(c.charCodeAt(0)).toLowerCase(),
  );
}
