// Building page markup from scripts: elements made with DOM methods, text always as text.

/** A `<tag class="className">text</tag>` (no class or text when not given). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A `<time datetime>` with its text. */
export function timeEl(datetime, text, className) {
  const node = el("time", className, text);
  node.dateTime = datetime;
  return node;
}

/**
 * `text` in the language `lang` when it is not the page's (a `<span lang dir>`, `dir` when
 * its direction is not the page's), else the text itself: as src/site/listing-html.ts `textIn`.
 */
export function textIn(text, lang, dir) {
  if (!lang) return text;
  const node = el("span", "", text);
  node.lang = lang;
  if (dir) node.dir = dir;
  return node;
}

/**
 * Marked text of the explorer's data (src/outputs/explorer-data.ts `MarkedPiece`): a string,
 * or pieces, each a string or `[text, lang, dir?]` in another language, as nodes to append.
 */
export function markedNodes(value) {
  if (typeof value === "string") return [value];
  return value.map((piece) => (typeof piece === "string" ? piece : textIn(...piece)));
}

/** Marked text (`markedNodes`) as plain text. */
export function markedText(value) {
  return typeof value === "string"
    ? value
    : value.map((piece) => (typeof piece === "string" ? piece : piece[0])).join("");
}
