// The interface text of a site, by language: the string tables Almanac ships
// (layouts/strings/<code>.yaml: English, Spanish, French, Arabic, each with every key) and a
// library's own (`_data/strings/<code>.yaml`, any keys, read and checked by
// ./library-strings.ts). A `Language` carries one language's merged table; `t` looks a
// message up in it. Layouts print messages through the `t` filter (plugins/filters.ts),
// scripts get theirs from the page (`scriptStrings`).
//
// A table is YAML grouped one level or more (`nav: { menu: Menu }` is the key `nav.menu`).
// A message may name values in braces (`{n} programs`); one with a count is a map by plural
// category (`{ one: "{n} program", other: "{n} programs" }`, categories of Intl.PluralRules,
// `other` required), picked by the value `n`.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseYaml, type LineIndex } from "../content/front-matter.ts";

/** A message: text, or text by plural category (`other` always given). */
export type Message = string | Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>;

/** Messages by dotted key. */
export type Messages = Readonly<Record<string, Message>>;

/** Languages written right to left (by their primary subtag). */
const RTL = new Set([
  "ar",
  "arc",
  "dv",
  "fa",
  "ha",
  "he",
  "iw",
  "ks",
  "ku",
  "ps",
  "sd",
  "ur",
  "yi",
]);

/** The plural categories a message map may have. */
export const PLURAL_CATEGORIES: readonly Intl.LDMLPluralRule[] = [
  "zero",
  "one",
  "two",
  "few",
  "many",
  "other",
];

/** One language of a site, as layouts and the site view use it. */
export interface Language {
  /** Its code, as in the library's `languages` (`en`, `es`, `mi`). */
  readonly code: string;
  /** The locale dates and numbers are written in (`en-US` for the library's own language). */
  readonly locale: string;
  /** Writing direction. */
  readonly dir: "ltr" | "rtl";
  /** Every message: the library's, then Almanac's, then the default language's, then English. */
  readonly messages: Messages;
}

/** Where Almanac's own tables are. */
export const TABLES_DIR = path.resolve(import.meta.dirname, "..", "..", "layouts", "strings");

/** The language every table falls back to, and whose table names every key. */
export const BASE_LANGUAGE = "en";

/** A table read from YAML: messages by key, the line of each, and what is wrong in it. */
export interface ReadTable {
  messages: Record<string, Message>;
  lines: LineIndex;
  /** `[key path, line, message]` for values that are not messages. */
  mistakes: [string, number, string][];
  /** The YAML could not be read: `[line, message]`. */
  error?: [number, string];
}

function isPluralMap(value: object): boolean {
  const keys = Object.keys(value);
  return (
    keys.includes("other") &&
    keys.every((k) => (PLURAL_CATEGORIES as readonly string[]).includes(k))
  );
}

/** Reads a table's YAML text into dotted keys. */
export function readTable(text: string): ReadTable {
  const parsed = parseYaml(text.replace(/^\uFEFF/, ""));
  const out: ReadTable = { messages: {}, lines: parsed.lines, mistakes: [] };
  if (parsed.error) {
    out.error = [parsed.error.line, parsed.error.message];
    return out;
  }
  if (parsed.data === null || typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    if (parsed.data !== undefined && Object.keys(parsed.data ?? {}).length)
      out.error = [1, "must be messages written as key: text, grouped under headings"];
    return out;
  }
  const walk = (value: unknown, at: string[]) => {
    const key = at.join(".");
    if (typeof value === "string") out.messages[key] = value;
    else if (typeof value === "number") out.messages[key] = String(value);
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      if (at.length && isPluralMap(value)) {
        const forms = value as Record<string, unknown>;
        const bad = Object.keys(forms).find((k) => typeof forms[k] !== "string");
        if (bad)
          out.mistakes.push([`${key}.${bad}`, parsed.lines.get([...at, bad]), "must be text"]);
        else out.messages[key] = forms as Message;
      } else for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
    } else {
      out.mistakes.push([key, parsed.lines.get(at), "must be text (or text by plural form)"]);
    }
  };
  walk(parsed.data, []);
  return out;
}

const shipped = new Map<string, Messages | undefined>();

/**
 * Almanac's own table for a language code, or undefined when it ships none. Read once per
 * process (the files are part of Almanac, not of a library).
 */
export function shippedTable(code: string): Messages | undefined {
  if (!shipped.has(code)) {
    let messages: Messages | undefined;
    try {
      messages = readTable(readFileSync(path.join(TABLES_DIR, `${code}.yaml`), "utf8")).messages;
    } catch {
      messages = undefined;
    }
    shipped.set(code, messages);
  }
  return shipped.get(code);
}

/** The codes Almanac ships a table for. */
export function shippedCodes(): string[] {
  return readdirSync(TABLES_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Every key a table may have: the English table's. */
export function knownKeys(): ReadonlySet<string> {
  return new Set(Object.keys(shippedTable(BASE_LANGUAGE) ?? {}));
}

/** A code's table, or that of its primary subtag (`es-MX` -> `es`). */
function shippedFor(code: string): Messages | undefined {
  return shippedTable(code) ?? shippedTable(code.split("-")[0]!.toLowerCase());
}

export interface LanguageOptions {
  /** The locale dates and numbers use; default the code. */
  locale?: string;
  /** The library's own tables by code (`_data/strings/<code>.yaml`). */
  own?: ReadonlyMap<string, Messages>;
  /** The site's default language, whose messages stand in for missing ones. */
  fallback?: string;
}

/** The language `code` with its messages merged (see `Language.messages`). */
export function language(code: string, options: LanguageOptions = {}): Language {
  const own = options.own ?? new Map<string, Messages>();
  const fallback = options.fallback ?? code;
  const layers = [
    shippedTable(BASE_LANGUAGE),
    shippedFor(fallback),
    own.get(fallback),
    shippedFor(code),
    own.get(code),
  ];
  const messages: Record<string, Message> = {};
  for (const layer of layers) if (layer) Object.assign(messages, layer);
  const primary = code.split("-")[0]!.toLowerCase();
  return {
    code,
    locale: options.locale ?? code,
    dir: RTL.has(primary) ? "rtl" : "ltr",
    messages,
  };
}

const englishByLocale = new Map<string, Language>();

/** The writing direction of a language code (`rtl` for `ar`, `ar-EG`). */
export function directionOf(code: string): "ltr" | "rtl" {
  return RTL.has(code.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr";
}

/** Almanac's English with a locale's dates (for callers that have a locale alone). */
export function english(locale = "en-US"): Language {
  let lang = englishByLocale.get(locale);
  if (!lang) englishByLocale.set(locale, (lang = language(BASE_LANGUAGE, { locale })));
  return lang;
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function plural(locale: string, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n);
}

/** A number as the language writes it. */
export function formatNumber(n: number, lang: Language): string {
  let format = numberFormats.get(lang.locale);
  if (!format) numberFormats.set(lang.locale, (format = new Intl.NumberFormat(lang.locale)));
  return format.format(n);
}

/** The text of a message for its values: the form for `n` when it has plural forms. */
export function messageText(message: Message, lang: Language, n?: unknown): string {
  if (typeof message === "string") return message;
  const count = typeof n === "number" ? n : Number(n);
  const form = Number.isFinite(count) ? message[plural(lang.locale, count)] : undefined;
  return form ?? message.other ?? "";
}

/** How `t` writes the text around values and the values themselves (HTML for layouts). */
export interface TextWriter {
  text(literal: string): string;
  value(value: unknown, lang: Language): string;
}

const PLAIN: TextWriter = {
  text: (literal) => literal,
  value: (value, lang) => (typeof value === "number" ? formatNumber(value, lang) : String(value)),
};

/**
 * The message `key` in `lang`, its `{name}`s replaced by `values` (numbers written in the
 * language's way). An unknown key is a mistake in Almanac, not in content: it throws.
 */
export function t(
  key: string,
  lang: Language,
  values: Readonly<Record<string, unknown>> = {},
  writer: TextWriter = PLAIN,
): string {
  const message = lang.messages[key];
  if (message === undefined) throw new Error(`[almanac/strings] no message "${key}"`);
  const text = messageText(message, lang, values.n);
  let out = "";
  let last = 0;
  for (const m of text.matchAll(/\{([a-zA-Z]+)\}/g)) {
    if (!(m[1]! in values)) continue;
    const value = writer.value(values[m[1]!], lang);
    out += writer.text(text.slice(last, m.index)) + value;
    last = m.index + m[0].length;
    // A sentence's full stop after a value that ends with one ("9:00 a. m."): once.
    if (text[last] === "." && endsWithStop(value)) last++;
  }
  return out + writer.text(text.slice(last));
}

/**
 * What `lang` puts between the items of a list and between a date and its time (`list.separator`:
 * ", ", Arabic "، ").
 */
export function listSeparator(lang: Language): string {
  // Read as it is (it has no values), not through `t`'s scan: every listed date asks.
  const message = lang.messages["list.separator"];
  return typeof message === "string" ? message : t("list.separator", lang);
}

/** Whether text (or HTML: tags aside) ends with a full stop. */
function endsWithStop(value: string): boolean {
  return /[^.]\.\s*(<[^>]*>\s*)*$/.test(value);
}

/**
 * The messages a script shows, as the JSON a page carries for it (`data-strings`): each
 * of `names` is a key (`time.allDay`) or a group (`explorer`: every `explorer.*` key);
 * plural forms stay maps. Characters past U+00FF are written as `\u` escapes, so a page
 * stays a one-byte string (test/layouts.test.ts).
 */
export function scriptStrings(lang: Language, ...names: string[]): string {
  // Every page asks for the same few groups (plan.js's words are on every page): made once
  // per language and set of names.
  return madeFor(scriptStringsMade, lang, names.join("\n"), () => scriptStringsJson(lang, names));
}

const scriptStringsMade = new WeakMap<Language, Map<string, string>>();

/** `make()`, once per language and `key` (kept in `cache`). */
function madeFor<T>(
  cache: WeakMap<Language, Map<string, T>>,
  lang: Language,
  key: string,
  make: () => T,
): T {
  let made = cache.get(lang);
  if (!made) cache.set(lang, (made = new Map()));
  let value = made.get(key);
  if (value === undefined) made.set(key, (value = make()));
  return value;
}

function scriptStringsJson(lang: Language, names: string[]): string {
  const out: Record<string, Message> = {};
  for (const [key, message] of Object.entries(lang.messages)) {
    if (names.some((n) => key === n || key.startsWith(`${n}.`))) out[key] = message;
  }
  return JSON.stringify(out).replace(
    /[\u0100-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A script's messages as a file of their own: its JSON and the address it is published at. */
export interface StringsFile {
  json: string;
  /** `/assets/<name>-strings-<hash>.json`: named by its hash, so cached for good. */
  url: string;
}

const stringsFiles = new WeakMap<Language, Map<string, StringsFile>>();

/**
 * `scriptStrings(lang, ...names)` as a file (`name` names it), for a script on every page:
 * plan.js's words in each page's `data-strings` were about 1 KB of every page (issue 16);
 * as one file a language, fetched once and cached (and precached, as every `/assets/` file
 * is), a page carries only its address.
 */
export function stringsFile(lang: Language, name: string, ...names: string[]): StringsFile {
  return madeFor(stringsFiles, lang, [name, ...names].join(" "), () => {
    const json = scriptStrings(lang, ...names);
    const hash = createHash("sha256").update(json).digest("hex").slice(0, 10);
    return { json, url: `/assets/${name}-strings-${hash}.json` };
  });
}
