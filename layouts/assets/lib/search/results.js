// The search page's results: Pagefind's searches for a query's words (all of them, and
// all but one when few pages have them all), ranked (`rankResults`), and each result as
// the page lists it, built with DOM methods (only Pagefind's <mark>s kept). Searching
// several language indexes at once, an index's results for words it does not have are
// left out (`lacking`).
import { rankResults, resultIndex } from "./query.js";

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
export function resultItem(data, o) {
  const { href: hrefOf, libraryOf } = o;
  const li = document.createElement("li");
  li.className = "search-result";
  // A page without a translation into its site's language is in the one it was written in.
  const text = data.filters?.lang?.[0];
  const lang = text || o.languageOf(data.url);
  if (lang) li.lang = lang;
  if (text) li.dir = "auto";
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
export function searchLink(q, params) {
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
export function kindsOf(pagefind) {
  return Promise.all(
    [{ type: "program" }, { dates: "upcoming" }].map((filters) =>
      pagefind.search(null, { filters }),
    ),
  ).then((searches) => {
    const [programs, upcoming] = searches.map((s) => new Set(s?.results.map((r) => r.id)));
    return { programs, upcoming };
  });
}

/** No index is left out: the page searches one, or all have every word. */
const noIndex = async () => new Set();

/**
 * Pagefind's results for `terms` (null: filters only), ranked (`rankResults`, by the
 * `kinds()` of pages: see `kindsOf`) when there are words to rank by and no chosen order.
 * `lacking(terms)`: a Promise of the indexes (`resultIndex`) whose results are left out,
 * those that have not every word (`indexesLacking`); the others keep Pagefind's order.
 */
export async function find(pagefind, terms, filters, sort, kinds, lacking = noIndex) {
  const text = terms.length ? terms.join(" ") : null;
  const ranked = text && !sort;
  const [search, k, out] = await Promise.all([
    pagefind.search(text, { filters, sort }),
    ranked ? kinds() : undefined,
    text ? lacking(terms) : undefined,
  ]);
  let results = search?.results ?? [];
  if (out?.size) results = results.filter((r) => !out.has(resultIndex(r.id)));
  return ranked ? rankResults(results, k.programs, k.upcoming) : results;
}

/** Fewer results than this for several words: also list pages with all but one of them. */
export const FEW = 2;

/**
 * Results with all words but one, for each word (`tax help` finds `Free Tax Preparation`,
 * which never says "help"), without those in `seen`, ranked together (`rankResults`).
 */
export async function findPartial(pagefind, terms, filters, sort, kinds, seen, lacking) {
  const best = new Map();
  const each = await Promise.all(
    terms.map((_, i) =>
      find(
        pagefind,
        terms.filter((_, j) => j !== i),
        filters,
        sort,
        kinds,
        lacking,
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
