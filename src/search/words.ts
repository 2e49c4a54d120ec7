// Words as search sees them, on the build side: the equivalent words and phrases a page is
// also found by (built in, plus the library's `search.synonyms`), the text of rendered HTML
// that Pagefind indexes, and the vocabulary of the index (of each language's index, on a
// site in several) that the search page uses to tell a word that matches nothing from one
// that matches (layouts/assets/search.js).
//
// Where equivalents live: at index time. Pagefind ANDs the words of a query and has no OR,
// so expanding `story time` into `storytime` in the page would need a search per variant
// and a merge of their scores; indexing the other spellings with the page (in its
// `keywords` metadata, searched but never shown) keeps one search, one ranking, and makes
// every way of writing a word find the page, in the search page or any other Pagefind UI.

/**
 * Equivalents every English-language site gets, on top of `search.synonyms`: words staff
 * and patrons write split, joined or hyphenated, and common names of access features.
 * Case and a hyphen inside a word (`LEGO`/`lego`, `e-mail`/`email`) Pagefind already
 * treats as the same; they are listed anyway so a page written one way carries the other.
 */
export const BUILT_IN_SYNONYMS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  en: [
    ["storytime", "story time", "story hour"],
    ["rhyme time", "rhymetime"],
    ["lapsit", "lap sit"],
    ["playtime", "play time"],
    ["homework", "home work"],
    ["drop-in", "drop in", "dropin"],
    ["e-mail", "email"],
    ["lego", "legos"],
    ["wifi", "wi-fi", "wireless"],
    ["website", "web site"],
    ["ebook", "e-book"],
    ["audiobook", "audio book"],
    ["makerspace", "maker space"],
    ["3d printing", "3-d printing", "3d printer"],
    ["board games", "boardgames"],
    ["video games", "videogames"],
    ["kids", "children"],
    ["seniors", "older adults"],
    ["esl", "english as a second language"],
    ["asl", "american sign language", "sign language"],
    ["step-free", "level access", "wheelchair accessible", "wheelchair access"],
    ["hearing loop", "induction loop", "audio loop"],
    ["captions", "captioned", "subtitles"],
    ["large print", "large-print"],
    ["sensory-friendly", "sensory friendly", "autism-friendly"],
  ],
};

/** A word as search compares it: lowercase, without diacritics (as Pagefind matches). */
export function foldWord(word: string): string {
  return ASCII.test(word)
    ? word.toLowerCase()
    : word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
const ASCII = /^[\x00-\x7f]*$/;

const LETTER = /[\p{L}\p{N}\p{M}]/u;
// Punctuation that can sit inside a word (`e-mail`, `year's`, `3.5`, `and/or`): Pagefind
// indexes such a word whole and in parts.
const INSIDE = /['’.\-‐‑–/]/u;
const INSIDE_CODES = new Set([0x27, 0x2019, 0x2e, 0x2d, 0x2010, 0x2011, 0x2013, 0x2f]);

/**
 * The runs of letters and digits of a text, with the punctuation inside them, as written.
 * A scan by character code rather than a Unicode regular expression: this runs on every
 * indexed page, and is several times faster.
 */
function scan(text: string): string[] {
  const out: string[] = [];
  const letter = (i: number) => {
    const c = text.charCodeAt(i);
    return (
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c > 127 && LETTER.test(text[i]!))
    );
  };
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && letter(i)) {
      if (start < 0) start = i;
    } else if (
      start >= 0 &&
      i + 1 < text.length &&
      INSIDE_CODES.has(text.charCodeAt(i)) &&
      letter(i + 1)
    ) {
      // Punctuation inside a word: the word goes on.
    } else if (start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/**
 * The words of a text, folded (`foldWord`), in order: `Drop-in E-mail` ->
 * `["dropin", "drop", "in", "email", "e", "mail"]` (a compound word whole, then its parts).
 */
export function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const raw of scan(text)) {
    const word = foldWord(raw);
    if (!INSIDE.test(word)) {
      out.push(word);
      continue;
    }
    const parts = word.split(INSIDE).filter(Boolean);
    out.push(parts.join(""), ...parts);
  }
  return out;
}

/**
 * A phrase as a list of its words, parts of compounds apart, `&` read as `and`:
 * `Drop-in club` -> `[drop, in, club]`, `Dungeons & Dragons` -> `[dungeons, and, dragons]`.
 */
function tokens(text: string): string[] {
  // A loop, not a split and a filter a word: every program page's whole text goes through.
  const out: string[] = [];
  for (const raw of scan(text.replace(/&/g, " and "))) {
    const word = foldWord(raw);
    if (!INSIDE.test(word)) {
      out.push(word);
      continue;
    }
    for (const part of word.split(INSIDE)) if (part) out.push(part);
  }
  return out;
}

/** What `equivalentsIn` looks for, worked out once per list of groups. */
interface PhraseKeys {
  /** Per group, per phrase: its words apart (`story time`) and joined (`storytime`). */
  groups: { phrase: string; apart: string; joined: string }[][];
  /** Every joined phrase, also with `s` and `es`. */
  joined: Set<string>;
  /** Every start of those: runs of a page's words are joined only while they are one. */
  starts: Set<string>;
}
const phraseKeys = new WeakMap<readonly (readonly string[])[], PhraseKeys>();

function keysOf(groups: readonly (readonly string[])[]): PhraseKeys {
  let keys = phraseKeys.get(groups);
  if (keys) return keys;
  keys = { groups: [], joined: new Set(), starts: new Set() };
  for (const group of groups) {
    const entries = group.map((phrase) => {
      const t = tokens(phrase);
      return { phrase, apart: t.join(" "), joined: t.join("") };
    });
    keys.groups.push(entries);
    for (const { joined } of entries) {
      for (const form of [joined, `${joined}s`, `${joined}es`]) {
        keys.joined.add(form);
        for (let i = 1; i <= form.length; i++) keys.starts.add(form.slice(0, i));
      }
    }
  }
  phraseKeys.set(groups, keys);
  return keys;
}

/**
 * The phrases of `groups` that a page with `text` should also be found by: for each group
 * with a phrase in the text, the group's phrases the text does not already hold word for
 * word. A phrase counts as in the text when its words are there in order, written apart,
 * hyphenated or joined (`story time`, `story-time` and `storytime` are all in `Storytime
 * at ten`), its last word also with an `s` or `es` (`lego` is in `Legos`); case and
 * diacritics do not matter. So a page saying `Storytime` gets `story time` and `story hour`.
 */
export function equivalentsIn(text: string, groups: readonly (readonly string[])[]): string[] {
  const keys = keysOf(groups);
  const words = tokens(text);
  // Runs of up to four of the page's words joined, kept when they are a joined phrase.
  const joined = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let run = "";
    for (let k = i; k < Math.min(words.length, i + 4); k++) {
      run += words[k];
      if (!keys.starts.has(run)) break;
      if (keys.joined.has(run)) joined.add(run);
    }
  }
  if (!joined.size) return [];
  const apart = ` ${words.join(" ")} `;
  const inJoined = (key: string) =>
    joined.has(key) || joined.has(`${key}s`) || joined.has(`${key}es`);
  const inApart = (key: string) =>
    apart.includes(` ${key} `) || apart.includes(` ${key}s `) || apart.includes(` ${key}es `);
  const out: string[] = [];
  for (const group of keys.groups) {
    if (!group.some((k) => k.joined && inJoined(k.joined))) continue;
    for (const k of group) {
      if ((k.apart && inApart(k.apart)) || out.includes(k.phrase)) continue;
      out.push(k.phrase);
    }
  }
  return out;
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

/** Decodes the character references our HTML contains (named ones it does not know: a space). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (_, ref: string) => {
    if (ref[0] === "#") {
      const code =
        ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
    }
    return NAMED[ref.toLowerCase()] ?? " ";
  });
}

/** The text of an HTML fragment (a rendered Markdown body): tags become spaces. */
export function htmlText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

// Elements whose content is never text Pagefind reads.
const SKIP_CONTENT = new Set(["script", "style", "template", "noscript", "svg"]);
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

/**
 * The text Pagefind indexes in a page (our own well-formed HTML): what is inside the
 * element with `data-pagefind-body`, without `data-pagefind-ignore` elements, scripts and
 * styles, plus every `data-pagefind-meta` value (the attributes its `name[attribute]` list
 * names), which Pagefind searches too. A page without `data-pagefind-body`: empty.
 */
export function indexedText(html: string): string {
  const parts: string[] = [];
  // Open elements inside the body, and how many of them skip their content.
  const open: { name: string; skip: boolean }[] = [];
  let skipping = 0;
  let inBody = false;
  let last = 0;
  const tag: Tag = {
    end: 0,
    comment: false,
    close: false,
    name: "",
    attrs: "",
    selfClosing: false,
  };
  for (let lt = html.indexOf("<"); lt !== -1; lt = html.indexOf("<", lt + 1)) {
    if (!tagAt(html, lt, tag)) continue;
    if (inBody && !skipping) parts.push(html.slice(last, lt));
    last = tag.end;
    lt = tag.end - 1;
    if (tag.comment) continue;
    const name = tag.name.toLowerCase();
    const attrs = tag.attrs;
    if (tag.close) {
      if (!inBody) continue;
      let at = open.length - 1;
      while (at >= 0 && open[at]!.name !== name) at--;
      if (at < 0) continue;
      for (const closed of open.splice(at)) if (closed.skip) skipping--;
      if (!open.length) inBody = false;
      continue;
    }
    const ours = attrs.includes("data-pagefind");
    const meta = ours ? /\sdata-pagefind-meta="([^"]*)"/.exec(attrs)?.[1] : undefined;
    // Each `name[attribute]` of the list: that attribute's value (search-data.njk).
    for (const ref of meta?.matchAll(/\[([\w-]+)\]/g) ?? []) {
      const value = new RegExp(`\\s${ref[1]}="([^"]*)"`).exec(attrs)?.[1];
      if (value) parts.push(value);
    }
    if (!inBody) {
      if (!ours || !/\sdata-pagefind-body(?=[\s=]|$)/.test(attrs)) continue;
      inBody = true;
    }
    if (VOID.has(name) || tag.selfClosing) {
      if (!open.length) inBody = false;
      continue;
    }
    const skip =
      SKIP_CONTENT.has(name) || (ours && /\sdata-pagefind-ignore(?=[\s=]|$)/.test(attrs));
    if (skip) skipping++;
    open.push({ name, skip });
  }
  return decodeEntities(parts.join(" ")).replace(/\s+/g, " ").trim();
}

/** A tag or comment `tagAt` found: where it ends, and what `<(/?)(name)(attrs)(/?)>` held. */
interface Tag {
  end: number;
  comment: boolean;
  close: boolean;
  name: string;
  attrs: string;
  selfClosing: boolean;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;

/**
 * Whether a tag or comment starts at `html[lt]` (a `<`), into `tag`: what
 * `/<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>|<!--[\s\S]*?-->/` matches there. Read character by
 * character into one reused object rather than by that expression: every indexed page
 * goes through, and a match array and its groups for each tag were most of what reading a
 * page's text allocated.
 */
function tagAt(html: string, lt: number, tag: Tag): boolean {
  if (html.startsWith("!--", lt + 1)) {
    const close = html.indexOf("-->", lt + 4);
    if (close === -1) return false;
    tag.end = close + 3;
    tag.comment = true;
    return true;
  }
  let at = lt + 1;
  const close = html.charCodeAt(at) === 47; // "/"
  if (close) at++;
  if (!isLetter(html.charCodeAt(at))) return false;
  const nameStart = at;
  while (isNameChar(html.charCodeAt(++at)));
  const gt = html.indexOf(">", at);
  if (gt === -1) return false;
  const selfClosing = gt > at && html.charCodeAt(gt - 1) === 47;
  tag.end = gt + 1;
  tag.comment = false;
  tag.close = close;
  tag.name = html.slice(nameStart, at);
  tag.attrs = html.slice(at, selfClosing ? gt - 1 : gt);
  tag.selfClosing = selfClosing;
  return true;
}

/**
 * Counts, for each word, the pages it is on (`add` a page's indexed text at a time); `list`
 * gives the words most pages have first, then alphabetically, so the same pages give the
 * same list whatever the order they came in. Words longer than 40 characters are left out
 * (no one types them; they are usually URLs).
 */
export class Vocabulary {
  readonly #pages = new Map<string, number>();

  add(text: string): void {
    this.addWords(pageWords(text));
  }

  /** A page's words, each once (`pageWords`). */
  addWords(words: Iterable<string>): void {
    for (const word of words) this.#pages.set(word, (this.#pages.get(word) ?? 0) + 1);
  }

  list(): string[] {
    return [...this.#pages]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .map(([word]) => word);
  }
}

/** The words of a page's indexed text that a `Vocabulary` counts: each once, at most 40 letters. */
function pageWords(text: string): Set<string> {
  const seen = new Set<string>();
  for (const word of wordsOf(text)) if (word.length <= 40) seen.add(word);
  return seen;
}

/** Where the vocabulary is published, next to Pagefind's files (precached with them). */
export const VOCABULARY_FILE = "pagefind/almanac-words.json";

/**
 * Where the vocabulary of one of Pagefind's language indexes is published, by the index's
 * name (a page's `<html lang>` in lower case: `es-cl`): `pagefind/almanac-words.es-cl.json`.
 */
export function languageVocabularyFile(index: string): string {
  return `pagefind/almanac-words.${index}.json`;
}

/** The published vocabulary: `{ "words": [...] }` (see `Vocabulary.list`). */
export function vocabularyJson(vocabulary: Vocabulary): string {
  return `${JSON.stringify({ words: vocabulary.list() })}\n`;
}

/**
 * The name of the Pagefind index a page goes to when no language is forced: its
 * `<html lang>` in lower case (`es-CL` -> `es-cl`), `unknown` without one, as Pagefind
 * names its indexes (`pagefind-entry.json`).
 */
export function pageIndexName(html: string): string {
  const tag = /<html\b[^>]*>/i.exec(html)?.[0] ?? "";
  const lang = /\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  return (lang?.[1] ?? lang?.[2] ?? lang?.[3] ?? "").trim().toLowerCase() || "unknown";
}

/**
 * The vocabularies of an index (see `Vocabulary`): of every page (`almanac-words.json`),
 * and, on a site whose pages go to the index of their `<html lang>` (several
 * `site_languages`), of each language's index apart (`almanac-words.<index>.json`). A
 * language's search page checks words against its own index's: Pagefind searches that
 * index only, so a word only another language's pages have would match nothing there but
 * the words it starts with. An item shown untranslated on a language's pages is in that
 * language's index, in the words it is written in, and so in its vocabulary.
 */
export class IndexVocabularies {
  readonly #all = new Vocabulary();
  readonly #byIndex = new Map<string, Vocabulary>();

  /** `byLanguage`: whether pages go to the index of their `<html lang>`. */
  constructor(private readonly byLanguage: boolean) {}

  /** A page as Pagefind gets it (whole, or `searchableHtml` of it). */
  addPage(html: string): void {
    const words = pageWords(indexedText(html));
    if (!words.size) return;
    this.#all.addWords(words);
    if (!this.byLanguage) return;
    const name = pageIndexName(html);
    let vocabulary = this.#byIndex.get(name);
    if (!vocabulary) this.#byIndex.set(name, (vocabulary = new Vocabulary()));
    vocabulary.addWords(words);
  }

  /** The files to write into the site folder: `[path, contents]`, by path. */
  files(): [string, string][] {
    const out: [string, string][] = [[VOCABULARY_FILE, vocabularyJson(this.#all)]];
    for (const name of [...this.#byIndex.keys()].sort()) {
      // A page's `lang` is the library's to write: only a plain language tag names a file.
      if (!/^[a-z0-9-]+$/.test(name)) continue;
      out.push([languageVocabularyFile(name), vocabularyJson(this.#byIndex.get(name)!)]);
    }
    return out;
  }
}
