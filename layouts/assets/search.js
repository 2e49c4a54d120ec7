// The /search/ page: runs Pagefind in the browser. The form works as a plain GET form, so
// its state always lives in the URL (`/search/?q=lego&audience=kids`): read on load, kept
// up to date with history.replaceState, so a search can be shared or bookmarked. Results
// are built with DOM methods; only Pagefind's <mark> highlights are kept from its excerpts.
//
// Between the patron's words and Pagefind (docs/staff-guide.md, "How search works"):
// - Ages (`4 year old`, `ages 3-5`, `under 5`, in the page language's words: `4 سنوات`)
//   become the `age` filter, where the index has one (audiences with `ages`); filler words
//   (`for`, `my`, `the`) are left out.
// - Every other word must match something in the index. Pagefind matches a word that
//   starts a longer one (`stor` finds `storytime`) but, for a word nothing starts with, it
//   quietly matches the longest indexed word the query word starts with (`toddler` finds
//   `to`, `xylophone` finds `x`). So each word is checked first: an exact Pagefind search
//   for it, else the index's vocabulary (`/pagefind/almanac-words.json`, written by the
//   build; on a site in several languages, that of each language index searched,
//   `almanac-words.<index>.json`, since a word of another language's pages matches
//   nothing in this one's) for a word it starts. A word that matches nothing is split
//   into two indexed words (`gingerbreadhouse`), else corrected to the closest indexed
//   word when one is a letter or two away (`storytme`), else left out and named; when no
//   word is left, there are no results, and the page suggests the closest words and the
//   ways to browse.
// - With "All languages", Pagefind searches every language's index for the same words:
//   the results of an index that has not every word (by its own list, or an exact search
//   there) are left out, and the others keep Pagefind's order (`indexesLacking`,
//   `resultIndex`), so `ajedrez` finds no Arabic page by its `a`.
// - Results are re-ranked: programs that still take place, with partners, guides and
//   pages whose title matches, first; then partners, guides and pages matching in their
//   text only; programs with no upcoming date last; Pagefind's score orders each group.
//   When several words find fewer than two pages, pages with all words but one follow.
// - A query in quotes is Pagefind's exact phrase search, passed on as it is.
// Equivalent spellings (`story time`/`storytime`) are indexed with the pages, not expanded
// here: see src/search/words.ts.
//
// The reading of the words and the ranking are pure functions in lib/search/query.js,
// exported from here too (test/search-query.test.ts runs them in Node; the consortium's
// search page uses them); the results are lib/search/results.js; the page wiring here
// (`searchPage`) runs only in a browser: on the library's search form, and on a
// consortium's (layouts/consortium/consortium-search.js).

import {
  closestWords,
  fillerWords,
  foldWord,
  indexesLacking,
  likelyReading,
  mergeVocabularies,
  RANKING,
  readQuery,
  resultIndex,
  suggestionDistance,
} from "./lib/search/query.js";
import { translatorOf } from "./lib/strings.js";
import { FEW, find, findPartial, kindsOf, resultItem, searchLink } from "./lib/search/results.js";

export * from "./lib/search/query.js";

const FILTERS = ["type", "audience", "category", "location", "month", "language"];
const PAGE_SIZE = 20;

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
  const tr = translatorOf(form);
  return { tr, trNodes: tr.nodes };
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
  /**
   * The index's words, most pages first, written by the build: `{ words, sorted, set }`.
   * `indexes`: on a site in several languages, the language indexes searched (the page's
   * own, or every language's when merged), whose word lists are merged, each kept too
   * (`byIndex`, when there are several); else none.
   */
  vocabulary: (form, indexes = []) =>
    Promise.all(
      (indexes.length ? indexes.map((i) => `almanac-words.${i}`) : ["almanac-words"]).map((name) =>
        fetch(`/pagefind/${name}.json?ts=${form.dataset.cacheTag}`)
          .then((r) => (r.ok ? r.json() : { words: [] }))
          .then(({ words }) => (Array.isArray(words) ? words : []))
          .catch(() => []),
      ),
    ).then((lists) => mergeVocabularies(lists, indexes)),
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
    found: new Map(),
    /** The indexes where an exact search finds `word` (cached): its results' `resultIndex`. */
    foundIn(word) {
      if (!this.found.has(word)) {
        this.found.set(
          word,
          pagefind
            .search(`"${word}"`)
            .then((r) => new Set((r?.results ?? []).map((x) => resultIndex(x.id)))),
        );
      }
      return this.found.get(word);
    },
    async exact(word) {
      return (await this.vocabulary()).set.has(word) || (await this.foundIn(word)).size > 0;
    },
    vocab: undefined,
    vocabulary() {
      this.vocab ??= o.vocabulary(form, searched());
      return this.vocab;
    },
    /**
     * The language indexes searched together whose results for `terms` are left out, as
     * they have not every word (`indexesLacking`); none when one index is searched.
     */
    async lacking(terms) {
      const { byIndex } = await this.vocabulary();
      return byIndex ? indexesLacking(terms, byIndex, (w) => this.foundIn(w)) : new Set();
    },
  };
  const lacking = (terms) => index.lacking(terms);

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
  let merged = false;
  /**
   * The language indexes searched: the page's own, or every language's once merged (none
   * when the page's is not one of them: the words of every index then).
   */
  const searched = () => (!ownCode ? [] : merged ? languages.map((l) => l.index) : [ownIndex]);
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
        merged = true;
        known = undefined;
        index.found.clear();
        index.vocab = undefined;
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
        // An exact phrase is matched whole in each index, never on a word's first letters.
        quoted ? undefined : lacking,
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
        partial = await findPartial(pagefind, read.terms, filters, order, kinds, seen, lacking);
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
