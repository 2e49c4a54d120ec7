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
