// Interface text for page scripts, in the page's language: the messages an element carries
// in `data-strings` (from the build's string tables, src/i18n/strings.ts, `scriptStrings`).

/**
 * `tr(key, values)`: the message `key` of `strings` (messages by key, as `data-strings`
 * holds them), its `{name}`s filled in (numbers written for `locale`), a count's plural
 * form picked by `n`; `tr.nodes` gives the pieces, values that are DOM nodes (or lists of
 * them) kept as they are. A key with no message is itself.
 */
export function translator(strings, locale) {
  const nodes = (key, values = {}) => {
    let message = strings[key] ?? key;
    if (typeof message === "object")
      message = message[new Intl.PluralRules(locale).select(values.n)] ?? message.other;
    // flatMap: a value may be a list of nodes (search.js's suggestions), spread in place.
    let stop = false; // the value before ends with a full stop ("9:00 a. m.")
    return message.split(/\{([a-zA-Z]+)\}/).flatMap((part, i) => {
      if (i % 2 === 0) return stop && part.startsWith(".") ? part.slice(1) : part;
      const value = values[part];
      const text = typeof value === "string" ? value : (value?.textContent ?? "");
      stop = /[^.]\.\s*$/.test(text);
      if (value === undefined) return `{${part}}`;
      return typeof value === "number" ? new Intl.NumberFormat(locale).format(value) : value;
    });
  };
  const tr = (key, values) => nodes(key, values).join("");
  tr.nodes = nodes;
  return tr;
}

/**
 * The `translator` of the messages `element` carries (`data-strings`; none: every key is
 * itself), in the page's language (`<html lang>`).
 */
export function translatorOf(element) {
  const locale = (typeof document !== "undefined" && document.documentElement.lang) || undefined;
  return translator(JSON.parse((element && element.dataset.strings) || "{}"), locale);
}

/**
 * The `translator` of the messages in the file `element` names (`data-strings-src`, a
 * hashed `/assets/*-strings-*.json`, `stringsFile` in src/i18n/strings.ts): a script on
 * every page, whose words would otherwise weigh on each. Rejects when the file cannot be
 * read (offline before it was cached).
 */
export async function translatorFrom(element) {
  const locale = (typeof document !== "undefined" && document.documentElement.lang) || undefined;
  const src = element && element.dataset.stringsSrc;
  if (!src) return translator({}, locale);
  const response = await fetch(src);
  if (!response.ok) throw new Error(`${src}: ${response.status}`);
  return translator(await response.json(), locale);
}
