// The /search/ page: runs Pagefind in the browser. The form works as a plain GET form, so
// its state always lives in the URL (`/search/?q=lego&audience=kids`): read on load, kept
// up to date with history.replaceState, so a search can be shared or bookmarked. Results
// are built with DOM methods; only Pagefind's <mark> highlights are kept from its excerpts.
//
// Between the patron's words and Pagefind (docs/staff-guide.md, "How search works"):
// - Ages (`4 year old`, `ages 3-5`, `under 5`) become the `age` filter, where the index
//   has one (audiences with `ages`); filler words (`for`, `my`, `the`) are left out.
// - Every other word must match something in the index. Pagefind matches a word that
//   starts a longer one (`stor` finds `storytime`) but, for a word nothing starts with, it
//   quietly matches the longest indexed word the query word starts with (`toddler` finds
//   `to`, `xylophone` finds `x`). So each word is checked first: an exact Pagefind search
//   for it, else the index's vocabulary (`/pagefind/almanac-words.json`, written by the
//   build) for a word it starts. A word that matches nothing is split into two indexed
//   words (`gingerbreadhouse`), else corrected to the closest indexed word when one is a
//   letter or two away (`storytme`), else left out and named; when no word is left, there
//   are no results, and the page suggests the closest words and the ways to browse.
// - Results are re-ranked: programs that still take place, with partners, guides and
//   pages whose title matches, first; then partners, guides and pages matching in their
//   text only; programs with no upcoming date last; Pagefind's score orders each group.
//   When several words find fewer than two pages, pages with all words but one follow.
// - A query in quotes is Pagefind's exact phrase search, passed on as it is.
// Equivalent spellings (`story time`/`storytime`) are indexed with the pages, not expanded
// here: see src/search/words.ts.
//
// The functions exported before "The page" are pure (test/search-query.test.ts runs them in
// Node); the page wiring at the end (`searchPage`) runs only in a browser: on the library's
// search form, and on a consortium's (layouts/consortium/consortium-search.js).

const FILTERS = ["type", "audience", "category", "location", "month", "language"];
const PAGE_SIZE = 20;

/**
 * Pagefind's ranking on this site. Titles weigh more than Pagefind's default (5) because a
 * program's title is what patrons remember; `keywords` (audiences' words, categories,
 * access features, equivalents) weigh like a heading; `place` like a subheading. A higher
 * `termSimilarity` keeps short words from ranking pages by long words they start.
 */
export const RANKING = {
  termSimilarity: 2,
  metaWeights: { title: 8, keywords: 3, place: 2 },
};

/** Words that carry no meaning in a search, by index language: left out of the query. */
export const FILLER = {
  en: "a an and any are at be by can do for from get i in is it me my near nearest need of on or our please some that the there this to want we what where who with you your",
  es: "a al con de del el en la las los mi mis para por que un una y",
  fr: "à au aux avec de des du en et la le les ma mes mon pour un une",
  de: "am an das der die ein eine für im in mein meine mit und von zu",
};

/**
 * How an age is written, by index language: words for years and months after the number,
 * `old` after those, words before the number (`age 4`), `under` (`under 5`: 0 to 4), and
 * between two numbers of a range (`3 to 5`; a dash always works).
 */
export const AGE_WORDS = {
  en: {
    year: ["years?", "yrs?", "yo"],
    month: ["months?", "mos?"],
    old: ["olds?"],
    before: ["ages?", "aged"],
    under: ["under"],
    to: ["to", "and"],
  },
  es: {
    year: ["años?", "anos?"],
    month: ["mes(?:es)?"],
    old: [],
    before: ["edad(?:es)?", "de"],
    under: ["menores de"],
    to: ["a", "y"],
  },
  fr: {
    year: ["ans?", "années?"],
    month: ["mois"],
    old: [],
    before: ["âge", "age", "de"],
    under: ["moins de"],
    to: ["à", "a", "et"],
  },
  de: {
    year: ["jahre?n?", "jährigen?", "jahrigen?"],
    month: ["monate?n?"],
    old: ["alte?"],
    before: ["alter", "ab"],
    under: ["unter"],
    to: ["bis", "und"],
  },
};

/** Regular-expression alternatives: words (fragments of patterns) of one `AGE_WORDS` list. */
const alternatives = (words) => words.map((w) => w.replace(/ /g, "\\s+")).join("|");

/**
 * Ages a query names, and the query without them: `storytime for my 4-year-old` ->
 * `{ ages: [4], rest: "storytime for my  " }`. Understands `4 year old`, `4yo`, `4 years`,
 * `3-5 year olds`, `age 4`, `ages 3 to 5`, `under 5` (0 to 4) and `18 month old` (1), in
 * the index language's words (`AGE_WORDS`). No age: `ages` is undefined.
 */
export function parseAges(query, lang = "en") {
  const w = AGE_WORDS[lang] ?? AGE_WORDS.en;
  // What comes before an age: the start or a character that is no letter or digit (kept).
  // A group rather than a lookbehind, which Safari supports only from 16.4.
  const edge = "(^|[^\\p{L}\\p{N}])";
  const end = "(?![\\p{L}\\p{N}])";
  const num = "(\\d{1,3})";
  const range = `${num}(?:(?:\\s*[-–]\\s*|\\s+(?:${alternatives(w.to)})\\s+)${num})?`;
  const old = w.old.length ? `(?:\\s*-?\\s*(?:${alternatives(w.old)})${end})?` : "";
  const patterns = [
    [new RegExp(`${edge}${range}\\s*-?\\s*(?:${alternatives(w.year)})${end}${old}`, "giu"), 1],
    [new RegExp(`${edge}${range}\\s*-?\\s*(?:${alternatives(w.month)})${end}${old}`, "giu"), 12],
    [new RegExp(`${edge}(?:${alternatives(w.before)})\\s+${range}${end}`, "giu"), 1],
  ];
  const ages = new Set();
  const add = (from, to) => {
    for (let n = Math.min(from, to); n <= Math.max(from, to) && n <= 120; n++) ages.add(n);
  };
  let rest = query.toLowerCase();
  for (const [pattern, per] of patterns) {
    rest = rest.replace(pattern, (_, before, a, b) => {
      add(Math.floor(Number(a) / per), Math.floor(Number(b ?? a) / per));
      return `${before} `;
    });
  }
  const under = new RegExp(`${edge}(?:${alternatives(w.under)})\\s+${num}s?${end}`, "giu");
  rest = rest.replace(under, (_, before, a) => {
    if (Number(a) > 0) add(0, Number(a) - 1);
    return `${before} `;
  });
  return { ages: ages.size ? [...ages].sort((x, y) => x - y) : undefined, rest };
}

/** As Pagefind compares words: lowercase, without diacritics (src/search/words.ts `foldWord`). */
export function foldWord(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The words of a query as Pagefind reads them, unfolded: split at spaces, punctuation
 * dropped (a hyphen or an apostrophe inside a word joins its parts: `e-mail` -> `email`).
 */
export function queryWords(query) {
  return query
    .replace(/[\p{P}\p{S}]+/gu, (p, at, all) =>
      /[\p{L}\p{N}]/u.test(all[at - 1] ?? "") && /[\p{L}\p{N}]/u.test(all[at + p.length] ?? "")
        ? /^['’\-‐‑]$/u.test(p)
          ? ""
          : " "
        : " ",
    )
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

/** The filler words of a language, as a set. */
export function fillerWords(lang = "en") {
  return new Set((FILLER[lang] ?? "").split(" ").filter(Boolean));
}

/** The query words without filler words (`FILLER`), unless nothing else is left. */
export function withoutFiller(words, lang = "en") {
  const filler = fillerWords(lang);
  const kept = words.filter((word) => !filler.has(word));
  return kept.length ? kept : words;
}

/**
 * Edit distance with swaps of neighbours counted as one (optimal string alignment), or
 * `max + 1` as soon as it is known to be more than `max`.
 */
export function editDistance(a, b, max = Infinity) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prev2[j - 2] + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The indexed words closest to `word` (folded), at most `max` edits away, nearest first,
 * then the words more pages have (the vocabulary's order); at most `limit`. Numbers and
 * words in `skip` are never offered.
 */
export function closestWords(word, vocabulary, max = 2, limit = 3, skip = new Set()) {
  const found = [];
  for (let rank = 0; rank < vocabulary.length; rank++) {
    const candidate = vocabulary[rank];
    if (candidate.length < 2 || candidate === word || skip.has(candidate)) continue;
    if (/^\d+$/.test(candidate)) continue;
    const d = editDistance(word, candidate, max);
    if (d <= max) found.push({ candidate, d, rank });
  }
  found.sort((x, y) => x.d - y.d || x.rank - y.rank);
  return found.slice(0, limit).map((f) => f.candidate);
}

/**
 * The indexed word to search instead of `word`, which matches nothing, or undefined: the
 * closest (`closestWords`) within one edit from 3 letters (at 3, only a letter left out:
 * `clb` is `club`, but `dnd` is not `and`), two from 8; never a filler word.
 */
export function correction(word, vocabulary, filler = new Set()) {
  if (word.length < 3) return undefined;
  const max = word.length < 8 ? 1 : 2;
  return closestWords(word, vocabulary, max, Infinity, filler).find(
    (c) => word.length > 3 || c.length === 4,
  );
}

/** How far the words suggested for a word that matches nothing may be: about 40% of it. */
export function suggestionDistance(word) {
  return Math.max(2, Math.round(word.length * 0.4));
}

/** `word` as two indexed words (`gingerbreadhouse` -> `gingerbread house`), or undefined. */
export function splitWord(word, isIndexed) {
  for (let at = word.length - 3; at >= 3; at--) {
    const a = word.slice(0, at);
    const b = word.slice(at);
    if (isIndexed(a) && isIndexed(b)) return [a, b];
  }
  return undefined;
}

/** A sorted copy of the vocabulary, to find words a query word starts (`startsSome`). */
export function sortedWords(vocabulary) {
  return [...vocabulary].sort();
}

/** Whether some word of `sorted` (from `sortedWords`) starts with `prefix`. */
export function startsSome(sorted, prefix) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo].startsWith(prefix);
}

/** A query's ages (as `parseAges`) and its other words as typed, without filler words. */
function queryParts(query, { lang = "en", ageFilter = false } = {}) {
  const { ages, rest } = ageFilter ? parseAges(query, lang) : { ages: undefined, rest: query };
  return { ages, wanted: withoutFiller(queryWords(rest), lang) };
}

/**
 * What `readQuery` makes of a query when every word matches something in the index, as
 * most do: `{ ages, terms }`, known without asking the index, so that the search for them
 * can start while `readQuery` checks the words.
 */
export function likelyReading(query, options = {}) {
  const { ages, wanted } = queryParts(query, options);
  return { ages, terms: wanted.map(foldWord) };
}

/**
 * Reads a query: `{ ages, terms, dropped, corrected, split }`. `terms` are the words to
 * search (folded); `dropped` the patron's words that match nothing, `corrected` pairs
 * `[typed, used]`, `split` pairs `[typed, "a b"]`. `index` answers about the index:
 * `exact(word)` (a Promise of whether Pagefind indexes that word, stemmed) and
 * `vocabulary()` (a Promise of `{ words, sorted }`); `ageFilter` says whether ages can be
 * searched.
 */
export async function readQuery(query, index, { lang = "en", ageFilter = false } = {}) {
  const { ages, wanted } = queryParts(query, { lang, ageFilter });
  const out = { ages, terms: [], dropped: [], corrected: [], split: [] };
  // Every word's exact check at once: each is a search of its own.
  const exact = await Promise.all(wanted.map((typed) => index.exact(foldWord(typed))));
  for (const [i, typed] of wanted.entries()) {
    const word = foldWord(typed);
    if (exact[i]) {
      out.terms.push(word);
      continue;
    }
    const vocab = await index.vocabulary();
    if (startsSome(vocab.sorted, word)) {
      out.terms.push(word);
      continue;
    }
    const indexed = (w) => vocab.set.has(w);
    const parts = splitWord(word, indexed);
    if (parts) {
      out.terms.push(...parts);
      out.split.push([typed, parts.join(" ")]);
      continue;
    }
    const best = correction(word, vocab.words, fillerWords(lang));
    if (best) {
      out.terms.push(best);
      out.corrected.push([typed, best]);
      continue;
    }
    out.dropped.push(typed);
  }
  return out;
}

/**
 * Orders results: programs that still take place, and partners, guides and pages whose
 * title matches, by score; then partners, guides and pages matching in their text only;
 * programs with no upcoming date last. `programs` and `upcoming` are sets of result ids.
 * Keeps Pagefind's order within equal scores.
 */
export function rankResults(results, programs, upcoming) {
  const group = (r) =>
    programs.has(r.id)
      ? upcoming.has(r.id)
        ? 0
        : 2
      : (r.matchedMetaFields ?? []).includes("title")
        ? 0
        : 1;
  return results
    .map((r, i) => ({ r, i, g: group(r) }))
    .sort((a, b) => a.g - b.g || b.r.score - a.r.score || a.i - b.i)
    .map((x) => x.r);
}

// ---------------------------------------------------------------------------------------
// The page: `searchPage` wires a search form. Its defaults are the library's own /search/;
// a consortium's (layouts/consortium/consortium-search.js, which imports this file at run
// time) passes what it does differently: its Pagefind, its vocabulary, its results' links.

/**
 * Interface text, in the page's language: the messages the form carries (`data-strings`,
 * from the build's string tables, src/i18n/strings.ts), `{name}`s filled in (`trNodes`:
 * with elements or lists of them too), a count's plural form picked by `n`, numbers the
 * language's way. `{ tr, trNodes }`: `tr` joins the parts into a string.
 */
export function pageText(form) {
  const locale = document.documentElement.lang || undefined;
  const strings = JSON.parse(form.dataset.strings || "{}");
  function trNodes(key, values = {}) {
    let message = strings[key] ?? key;
    if (typeof message === "object")
      message = message[new Intl.PluralRules(locale).select(values.n)] ?? message.other;
    return message.split(/\{([a-zA-Z]+)\}/).flatMap((part, i) => {
      if (i % 2 === 0) return [part];
      const value = values[part];
      if (value === undefined) return [`{${part}}`];
      return typeof value === "number" ? [new Intl.NumberFormat(locale).format(value)] : value;
    });
  }
  return { tr: (key, values) => trNodes(key, values).join(""), trNodes };
}

/** `a, b or c` (or, with `type` "conjunction", `a, b and c`) in the page's language. */
export function orList(items, type = "disjunction") {
  return new Intl.ListFormat(document.documentElement.lang || "en", { type }).format(items);
}

/** Pagefind's options on a search page: the form's cache tag, short excerpts, `RANKING`. */
export function pagefindOptions(form) {
  return { metaCacheTag: form.dataset.cacheTag, excerptLength: 24, ranking: RANKING };
}

/** What `searchPage` lets a page change; the defaults are the library's own /search/. */
const PAGE_DEFAULTS = {
  /** The form's filter fields, in the order the URL names them. */
  filters: FILTERS,
  /** The Pagefind filters a filter field's value stands for. */
  filter: (name, value) => ({ [name]: value }),
  /** Pagefind, started with the site's own index. */
  async load(form) {
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options(pagefindOptions(form));
    await pagefind.init();
    return pagefind;
  },
  /** The index's words, most pages first, written by the build: `{ words, sorted, set }`. */
  vocabulary: (form) =>
    fetch(`/pagefind/almanac-words.json?ts=${form.dataset.cacheTag}`)
      .then((r) => (r.ok ? r.json() : { words: [] }))
      .catch(() => ({ words: [] }))
      .then(({ words }) => ({ words, sorted: sortedWords(words), set: new Set(words) })),
  /** A result's text (Pagefind's `data()`), or a Promise of null to leave the result out. */
  data: (result) => result.data(),
  /** The address a result links to, or undefined to show its title without a link. */
  href: (url) => url,
  /** The library a result is from, for its line of facts, or undefined. */
  libraryOf: (href) => undefined,
  /** The language a result's page is in, when it is not the page's own, or undefined. */
  languageOf: (url) => undefined,
  /** Called as each search starts. */
  onSearch() {},
  /** Called each time the status or the results change. */
  onShow() {},
};

/** URL -> form fields (values not offered by a select are ignored by the browser). */
function writeForm(form, params) {
  for (const el of form.elements) {
    if (el.type === "checkbox") el.checked = params.get(el.name) === el.value;
    else if (el.name && params.has(el.name)) el.value = params.get(el.name);
  }
}

/** Pagefind's excerpt is escaped HTML with <mark> around matches: keep text and marks only. */
function excerptNode(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = document.createElement("p");
  out.className = "search-excerpt";
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

/** A result: its title (a link to `href(url)`), date, place and library, and excerpt. */
function resultItem(data, o) {
  const { href: hrefOf, libraryOf } = o;
  const li = document.createElement("li");
  li.className = "search-result";
  const lang = o.languageOf(data.url);
  if (lang) li.lang = lang;
  const h = document.createElement("h2");
  const title = data.meta?.title ?? data.url;
  const href = hrefOf(data.url);
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = title;
    h.append(a);
  } else h.textContent = title;
  li.append(h);
  const facts = [data.meta?.date, data.meta?.place, href && libraryOf(href)].filter(Boolean);
  if (facts.length) {
    const p = document.createElement("p");
    p.className = "search-meta";
    p.textContent = facts.join(" · ");
    li.append(p);
  }
  li.append(excerptNode(data.excerpt ?? ""));
  return li;
}

/** A link to the search for `q` with the form's other fields as they are. */
function searchLink(q, params) {
  const next = new URLSearchParams(params);
  next.set("q", q);
  const a = document.createElement("a");
  a.href = `?${next}`;
  a.textContent = q;
  return a;
}

/**
 * The ids of every page that is a program and of every program with upcoming dates:
 * `{ programs, upcoming }`, what ranks results (`rankResults`). Whether a page is either
 * does not depend on the query, so two searches by filter alone, once, answer it for every
 * query (rather than the same searches with each query's words, which with a consortium's
 * indexes are two more searches of each member's).
 */
function kindsOf(pagefind) {
  return Promise.all(
    [{ type: "program" }, { dates: "upcoming" }].map((filters) =>
      pagefind.search(null, { filters }),
    ),
  ).then((searches) => {
    const [programs, upcoming] = searches.map((s) => new Set(s?.results.map((r) => r.id)));
    return { programs, upcoming };
  });
}

/**
 * Pagefind's results for `terms` (null: filters only), ranked (`rankResults`, by the
 * `kinds()` of pages: see `kindsOf`) when there are words to rank by and no chosen order.
 */
async function find(pagefind, terms, filters, sort, kinds) {
  const text = terms.length ? terms.join(" ") : null;
  const ranked = text && !sort;
  const [search, k] = await Promise.all([
    pagefind.search(text, { filters, sort }),
    ranked ? kinds() : undefined,
  ]);
  const results = search?.results ?? [];
  return ranked ? rankResults(results, k.programs, k.upcoming) : results;
}

/** Fewer results than this for several words: also list pages with all but one of them. */
const FEW = 2;

/**
 * Results with all words but one, for each word (`tax help` finds `Free Tax Preparation`,
 * which never says "help"), without those in `seen`, ranked together (`rankResults`).
 */
async function findPartial(pagefind, terms, filters, sort, kinds, seen) {
  const best = new Map();
  const each = await Promise.all(
    terms.map((_, i) =>
      find(
        pagefind,
        terms.filter((_, j) => j !== i),
        filters,
        sort,
        kinds,
      ),
    ),
  );
  for (const r of each.flat()) {
    if (seen.has(r.id)) continue;
    if (!best.has(r.id) || best.get(r.id).score < r.score) best.set(r.id, r);
  }
  if (sort) return [...best.values()];
  const { programs, upcoming } = await kinds();
  return rankResults([...best.values()], programs, upcoming);
}

/** The page's language, as the index's (`en`, `es`). */
function pageLang() {
  return (document.documentElement.lang || "en").split("-")[0].toLowerCase();
}

function debounce(fn, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

/**
 * Runs the search page of `form` (with the page's `[data-search-status]`,
 * `[data-search-results]` and `[data-search-help]`): fills the form from the URL, loads
 * Pagefind, and searches on every change. `options` as in `PAGE_DEFAULTS`.
 */
export async function searchPage(form, options = {}) {
  const o = { ...PAGE_DEFAULTS, ...options };
  const status = document.querySelector("[data-search-status]");
  const results = document.querySelector("[data-search-results]");
  const help = document.querySelector("[data-search-help]");
  if (!status || !results || !help) return;
  const { tr, trNodes } = pageText(form);
  let pagefind;
  let generation = 0;
  let known;
  /** `kindsOf(pagefind)`, searched once (again after a failure). */
  const kinds = () =>
    (known ??= kindsOf(pagefind).catch((error) => {
      known = undefined;
      throw error;
    }));

  /**
   * What the page knows of the index: exact words (cached) and the vocabulary (loaded once).
   * A word of the vocabulary is on an indexed page, so Pagefind has it: only other words
   * (another form of an indexed word, or none) cost an exact search, which with a
   * consortium's indexes is a search of each of them.
   */
  const index = {
    known: new Map(),
    exact(word) {
      if (!this.known.has(word)) {
        this.known.set(
          word,
          this.vocabulary().then(
            (vocab) =>
              vocab.set.has(word) || pagefind.search(`"${word}"`).then((r) => !!r?.results.length),
          ),
        );
      }
      return this.known.get(word);
    },
    vocab: undefined,
    vocabulary() {
      this.vocab ??= o.vocabulary(form);
      return this.vocab;
    },
  };

  /**
   * A site in several languages (`data-languages`: each one's `prefix`, `code` and Pagefind
   * `index`, its pages' `<html lang>`): its "All languages" option merges the other
   * languages' indexes into the page's own (Pagefind keeps one index a language in the
   * same bundle), and a result in another language is marked with its `lang`. Merged once;
   * unticked, the page loads again with its own index alone (Pagefind cannot unmerge).
   */
  const languages = JSON.parse(form.dataset.languages || "[]");
  const ownIndex = (document.documentElement.lang || "").toLowerCase();
  const ownCode = languages.find((l) => l.index === ownIndex)?.code;
  if (languages.length) {
    o.languageOf = (url) => {
      const code =
        languages.find((l) => l.prefix && url.startsWith(`${l.prefix}/`))?.code ??
        languages.find((l) => !l.prefix)?.code;
      return code !== ownCode ? code : undefined;
    };
  }
  let merging;
  function mergeLanguages() {
    // An absolute address: Pagefind will not merge the one it was loaded from ("/pagefind/").
    const base = new URL("/pagefind/", location.href).href;
    merging ??= Promise.all(
      languages
        .filter((l) => l.index !== ownIndex)
        .map((l) =>
          // `baseUrl`: results at the site's own addresses, as the page's index gives them.
          pagefind.mergeIndex(base, { ...pagefindOptions(form), baseUrl: "/", language: l.index }),
        ),
    )
      .catch(() => {}) // an index that cannot be read (offline, never fetched) is left out
      .then(() => {
        // Which pages are programs, and which words are indexed, now holds the others' too.
        known = undefined;
        index.known.clear();
      });
    return merging;
  }

  /** Form fields -> { q, filters, sort, params } */
  function readForm() {
    const data = new FormData(form);
    const q = String(data.get("q") ?? "").trim();
    const filters = {};
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    for (const name of o.filters) {
      const value = String(data.get(name) ?? "");
      if (!value) continue;
      params.set(name, value);
      Object.assign(filters, o.filter(name, value));
    }
    const sort = data.get("sort") === "date" ? { date: "asc" } : undefined;
    if (sort) params.set("sort", "date");
    if (data.get("languages") === "all") params.set("languages", "all");
    return { q, filters, sort, params };
  }

  /**
   * The help under the status: what was corrected or left out, and, with no results, the
   * closest indexed words as searches and the ways to browse (the explorer first).
   */
  async function showHelp(read, total, params, lang) {
    const parts = [];
    const p = (...nodes) => {
      const el = document.createElement("p");
      el.append(...nodes);
      parts.push(el);
    };
    for (const [typed, used] of [...read.corrected, ...read.split]) {
      p(tr("search.showing", { used, typed }));
    }
    if (read.dropped.length && read.terms.length) {
      const words = orList(read.dropped.map((w) => `“${w}”`));
      p(tr("search.dropped", { words, n: read.dropped.length }));
    }
    if (total === 0) {
      const vocab = await index.vocabulary();
      const filler = fillerWords(lang);
      const typed = [...read.dropped, ...read.terms].map(foldWord);
      const near = typed
        .flatMap((w) => closestWords(w, vocab.words, suggestionDistance(w), 3, filler))
        .filter((w, i, all) => !typed.includes(w) && all.indexOf(w) === i)
        .slice(0, 5);
      if (near.length) {
        const links = near.flatMap((w, i) =>
          i ? [", ", searchLink(w, params)] : [searchLink(w, params)],
        );
        p(...trNodes("search.closest", { words: links }));
      }
      const explore = document.createElement("a");
      explore.href = "/programs/";
      explore.textContent = tr("search.explore");
      p(...trNodes("search.tryFewer", { explore }));
    }
    help.replaceChildren(...parts);
  }

  async function run() {
    const { q, filters, sort, params } = readForm();
    const query = params.toString();
    if (merging && !params.has("languages")) {
      location.replace(query ? `?${query}` : location.pathname);
      return;
    }
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
    if (params.has("languages") && languages.length) await mergeLanguages();
    const mine = ++generation;
    o.onSearch();
    help.replaceChildren();
    if (!q && !Object.keys(filters).length) {
      results.replaceChildren();
      status.textContent = tr("search.prompt");
      o.onShow();
      return;
    }
    const lang = pageLang();
    const reading = { lang, ageFilter: form.dataset.ages !== undefined };
    // A query in quotes is Pagefind's exact phrase search: passed on as it is.
    const quoted = /^\s*".+"\s*$/.test(q);
    /** The search for a reading of the query: its ages filter, soonest first with no words. */
    const search = ({ ages, terms }) =>
      find(
        pagefind,
        terms,
        ages ? { ...filters, age: { any: ages.map(String) } } : filters,
        sort ?? (terms.length ? undefined : { date: "asc" }),
        kinds,
      );
    // The search for the likely reading starts while the words are checked (both wait on
    // the same index chunks); it is used if the checks end with the same words.
    const likely = quoted ? undefined : likelyReading(q, reading);
    const early = likely && (!q || likely.terms.length || likely.ages) ? search(likely) : undefined;
    early?.catch(() => {}); // a failure shows where it is awaited, if it is
    const read = quoted
      ? { terms: [q], dropped: [], corrected: [], split: [] }
      : await readQuery(q, index, reading);
    if (mine !== generation) return; // a newer search has started
    if (read.ages) filters.age = { any: read.ages.map(String) };
    // With no words to rank by, soonest first.
    const order = sort ?? (read.terms.length ? undefined : { date: "asc" });
    let found = [];
    let partial = [];
    if (!q || read.terms.length || read.ages) {
      const same = early && read.terms.join(" ") === likely.terms.join(" ");
      found = await (same ? early : search(read));
      if (found.length < FEW && read.terms.length > 1) {
        const seen = new Set(found.map((r) => r.id));
        partial = await findPartial(pagefind, read.terms, filters, order, kinds, seen);
      }
    }
    if (mine !== generation) return;
    const all = [...found, ...partial];
    const list = document.createElement("ol");
    list.className = "search-list";
    results.replaceChildren(list);
    let shown = 0;
    const more = document.createElement("button");
    more.type = "button";
    more.className = "button button-secondary";
    more.textContent = tr("search.more");
    async function showMore() {
      const slice = await Promise.all(all.slice(shown, shown + PAGE_SIZE).map(o.data));
      if (mine !== generation) return;
      const first = list.children.length;
      for (const data of slice) if (data) list.append(resultItem(data, o));
      shown += slice.length;
      if (shown >= all.length) more.remove();
      o.onShow();
      // Keyboard users continue from the first new result.
      return list.children[first]?.querySelector("a");
    }
    more.addEventListener("click", async () => (await showMore())?.focus());
    await showMore();
    if (mine !== generation) return;
    if (shown < all.length) results.append(more);
    const count = (n) => tr("search.results", { n });
    const some = partial.length ? tr("search.some", { results: count(partial.length) }) : "";
    let text;
    if (all.length === 0) text = tr(q ? "search.noneFor" : "search.none", { q });
    else if (found.length === 0)
      text = tr(q ? "search.noneEveryFor" : "search.noneEvery", { q, some });
    else {
      text = q ? tr("search.foundFor", { results: count(found.length), q }) : count(found.length);
      if (order) text = tr("search.soonest", { text });
      if (some) text = tr("search.andSome", { text, some });
      text = tr("search.sentence", { text });
    }
    status.textContent = text;
    o.onShow();
    await showHelp(read, all.length, params, lang);
  }

  writeForm(form, new URLSearchParams(location.search));
  status.textContent = tr("search.loading");
  try {
    pagefind = await o.load(form);
  } catch {
    status.textContent = tr("search.unavailable");
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  const later = debounce(run, 250);
  form.addEventListener("input", () => {
    // While the patron types, the index files the words need are fetched.
    const { q } = readForm();
    const { terms } = likelyReading(q, {
      lang: pageLang(),
      ageFilter: form.dataset.ages !== undefined,
    });
    if (terms.length && !/^\s*".+"\s*$/.test(q)) pagefind.preload(terms.join(" ")).catch(() => {});
    later();
  });
  form.addEventListener("change", later);
  // Before they are needed, so that the first search waits on neither: the vocabulary that
  // checks words, and the kinds of pages that rank results.
  const warm = Promise.all([index.vocabulary(), kinds()]).catch(() => {});
  await run();
  await warm;
  form.dataset.ready = "";
}

const form = typeof document === "undefined" ? null : document.querySelector("[data-search-form]");
if (form) searchPage(form);
