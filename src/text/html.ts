// Escaping for HTML and SVG we build in code (Nunjucks escapes what layouts print by itself).
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for use in element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const LAYOUT_ENTITIES: Record<string, string> = { ...ENTITIES, "\\": "&#92;" };
const LAYOUT_SPECIAL = /[&"'<>\\]/;
const LAYOUT_SPECIALS = /[&"'<>\\]/g;

/**
 * A value as a Nunjucks layout prints it (autoescape): `null` and `undefined` as nothing,
 * anything else as its text with `&<>"'` and the backslash (`&#92;`) escaped. For markup
 * built in code in place of a layout's (src/site/listing-html.ts), byte for byte the same.
 */
export function escapeAsLayout(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = String(value);
  // Most values (times, dates, ids, URLs) have nothing to escape: a test is cheaper than a
  // replace with a callback, which a listing row would call a dozen times.
  return LAYOUT_SPECIAL.test(text)
    ? text.replace(LAYOUT_SPECIALS, (c) => LAYOUT_ENTITIES[c]!)
    : text;
}

/**
 * Punctuation a message may hold, written as character references: a page that is all
 * Latin-1 stays a one-byte string in memory (test/layouts.test.ts says why), and an
 * English page prints exactly what the layouts printed before they had tables.
 */
const REFERENCES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "…": "&hellip;",
  "’": "&rsquo;",
  "‘": "&lsquo;",
  "“": "&ldquo;",
  "”": "&rdquo;",
  "–": "&ndash;",
  "—": "&mdash;",
  "←": "&larr;",
  "→": "&rarr;",
};

/**
 * The literal text of an interface message (src/i18n/strings.ts `t`) as a page prints it:
 * escaped for element text and double-quoted attributes (`&`, `<`, `>`, `"`; an apostrophe
 * stays one, as in a layout's own text), with the punctuation above as references.
 */
export function escapeMessage(literal: string): string {
  return literal.replace(/[&<>"…’‘“”–—←→]/g, (c) => REFERENCES[c]!);
}
