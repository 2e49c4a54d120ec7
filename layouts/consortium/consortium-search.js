// The /search/ page of a consortium's site (docs/consortium.md): one search over every
// member library's own Pagefind index, merged in the browser with Pagefind's `mergeIndex`,
// each member tagged with the `library` filter (`mergeFilter`), so the Library menu narrows
// to one of them and every result links to the member's own page. The reading of the
// patron's words, the ranking and the help are search.js's (its exported functions); this
// file is the page wiring, with what a consortium adds:
// - A member that does not answer is left out, never the whole search: one whose index
//   cannot be loaded is dropped before searching (Pagefind would fail every search with it
//   merged), one that stops answering later loses only its results; either way a note says
//   whose results are missing. Pagefind runs on the page's thread here (`noWorker`), so the
//   page sees each file it asks for and which member did not send it.
// - The vocabulary that corrections and suggestions use is every member's.
// - Files fetched from members are kept by the service worker (layouts/service-worker/
//   consortium.js), so a search made online works again offline.

const form = document.querySelector("[data-consortium-search-form]");
const status = form && document.querySelector("[data-search-status]");
const results = form && document.querySelector("[data-search-results]");
const help = form && document.querySelector("[data-search-help]");
const notes = form && document.querySelector("[data-search-members]");

// Interface text, in the page's language: the messages the form carries (`data-strings`,
// search.js's and the note on missing members, from the build's string tables,
// src/i18n/strings.ts), `{name}`s filled in (`trNodes`: with elements or lists of them
// too), a count's plural form picked by `n`, numbers the language's way.
const LOCALE = (form && document.documentElement.lang) || undefined;
const STRINGS = JSON.parse((form && form.dataset.strings) || "{}");
function trNodes(key, values = {}) {
  let message = STRINGS[key] ?? key;
  if (typeof message === "object")
    message = message[new Intl.PluralRules(LOCALE).select(values.n)] ?? message.other;
  return message.split(/\{([a-zA-Z]+)\}/).flatMap((part, i) => {
    if (i % 2 === 0) return [part];
    const value = values[part];
    if (value === undefined) return [`{${part}}`];
    return typeof value === "number" ? [new Intl.NumberFormat(LOCALE).format(value)] : value;
  });
}
const tr = (key, values) => trNodes(key, values).join("");

const FILTERS = ["type", "library", "audience", "category", "location", "month", "language"];
const PAGE_SIZE = 20;
/** How long a member's index may take to load before it is left out, in milliseconds. */
const MEMBER_TIMEOUT_MS = 8000;

let S; // search.js's exports
let pagefind;
let generation = 0;
/** `{ name, url }` of each member, from the page. */
let members = [];
/** Consortium location id -> [member name, the member's own location id]. */
let places = {};
/** Names of members whose index could not be loaded. */
const unavailable = new Set();
/** Names of members a file of this search could not be fetched from. */
let missing = new Set();
/** `fetch` before `watchFetch`: for files whose absence says nothing about a member. */
let plainFetch = (...args) => fetch(...args);

/** The member whose site `url` is on, or undefined. */
function memberAt(url) {
  const href = String(url instanceof Request ? url.url : url);
  return members.find((m) => href.startsWith(`${m.url}/`));
}

/**
 * `fetch` as Pagefind sees it: the same, noting each member whose file did not come (the
 * network failed, or it answered with an error, which Pagefind treats alike).
 */
function watchFetch() {
  const real = window.fetch.bind(window);
  plainFetch = real;
  window.fetch = async (input, init) => {
    const member = memberAt(input);
    try {
      const response = await real(input, init);
      if (!response.ok && member) missing.add(member.name);
      return response;
    } catch (error) {
      if (member) missing.add(member.name);
      throw error;
    }
  };
}

function withTimeout(promise, ms) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), ms)),
  ]);
}

/**
 * Pagefind with the site's own index and every member's that loads. A member whose index
 * fails to load stays in Pagefind's list and fails every search, so Pagefind is started
 * again without it.
 */
async function loadIndexes() {
  for (;;) {
    pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({
      metaCacheTag: form.dataset.cacheTag,
      excerptLength: 24,
      ranking: S.RANKING,
      noWorker: true,
    });
    await pagefind.init();
    const live = members.filter((m) => !unavailable.has(m.name));
    const failed = [];
    await Promise.all(
      live.map((m) =>
        withTimeout(
          pagefind.mergeIndex(`${m.url}/pagefind/`, {
            mergeFilter: { library: m.name },
            excerptLength: 24,
            ranking: S.RANKING,
          }),
          MEMBER_TIMEOUT_MS,
        ).catch(() => failed.push(m)),
      ),
    );
    if (!failed.length) return;
    for (const m of failed) unavailable.add(m.name);
    await pagefind.destroy();
  }
}

/** Form fields -> { q, filters, sort, params }; a member's place is its id and its library. */
function readForm() {
  const data = new FormData(form);
  const q = String(data.get("q") ?? "").trim();
  const filters = {};
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const name of FILTERS) {
    const value = String(data.get(name) ?? "");
    if (!value) continue;
    params.set(name, value);
    const place = name === "location" ? places[value] : undefined;
    if (place) {
      filters.library = place[0];
      filters.location = place[1];
    } else filters[name] = value;
  }
  const sort = data.get("sort") === "date" ? { date: "asc" } : undefined;
  if (sort) params.set("sort", "date");
  return { q, filters, sort, params };
}

function writeForm(params) {
  for (const el of form.elements) {
    if (el.name && params.has(el.name)) el.value = params.get(el.name);
  }
}

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

/** Only http(s) addresses become links (a member's index is not ours to trust). */
function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function resultItem(data) {
  const li = document.createElement("li");
  li.className = "search-result";
  const h = document.createElement("h2");
  const title = data.meta?.title ?? data.url;
  const href = safeUrl(data.url);
  if (href) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = title;
    h.append(a);
  } else h.textContent = title;
  li.append(h);
  // Pagefind's results do not carry the merge filter: the member is the one the link is on.
  const library = href && memberAt(href)?.name;
  const facts = [data.meta?.date, data.meta?.place, library].filter(Boolean);
  if (facts.length) {
    const p = document.createElement("p");
    p.className = "search-meta";
    p.textContent = facts.join(" · ");
    li.append(p);
  }
  li.append(excerptNode(data.excerpt ?? ""));
  return li;
}

function searchLink(q, params) {
  const next = new URLSearchParams(params);
  next.set("q", q);
  const a = document.createElement("a");
  a.href = `?${next}`;
  a.textContent = q;
  return a;
}

function orList(items, type = "disjunction") {
  return new Intl.ListFormat(document.documentElement.lang || "en", { type }).format(items);
}

/** The note under the status: whose results are missing, or nothing. */
function showMissing() {
  const names = members.map((m) => m.name).filter((n) => unavailable.has(n) || missing.has(n));
  if (!names.length) {
    notes.replaceChildren();
    return;
  }
  const p = document.createElement("p");
  p.className = "search-missing";
  p.textContent = tr("search.missing", { names: orList(names, "conjunction"), n: names.length });
  notes.replaceChildren(p);
}

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
    const filler = S.fillerWords(lang);
    const typed = [...read.dropped, ...read.terms].map(S.foldWord);
    const near = typed
      .flatMap((w) => S.closestWords(w, vocab.words, S.suggestionDistance(w), 3, filler))
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

/** Every index's words (the site's own and each member's that answers), merged by rank. */
async function vocabularyOf() {
  const tag = form.dataset.cacheTag;
  const sources = [
    `/pagefind/almanac-words.json?ts=${tag}`,
    ...members
      .filter((m) => !unavailable.has(m.name))
      .map((m) => `${m.url}/pagefind/almanac-words.json`),
  ];
  const lists = await Promise.all(
    // Not watched: an index without a word list is still an index.
    sources.map((url) =>
      plainFetch(url)
        .then((r) => (r.ok ? r.json() : { words: [] }))
        .then((j) => (Array.isArray(j.words) ? j.words.filter((w) => typeof w === "string") : []))
        .catch(() => []),
    ),
  );
  const words = [];
  const seen = new Set();
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) {
    for (const list of lists) {
      const w = list[i];
      if (w !== undefined && !seen.has(w)) {
        seen.add(w);
        words.push(w);
      }
    }
  }
  return { words, sorted: S.sortedWords(words), set: seen };
}

const index = {
  known: new Map(),
  exact(word) {
    if (!this.known.has(word)) {
      this.known.set(
        word,
        pagefind.search(`"${word}"`).then((r) => !!r?.results.length),
      );
    }
    return this.known.get(word);
  },
  vocab: undefined,
  vocabulary() {
    this.vocab ??= vocabularyOf();
    return this.vocab;
  },
};

async function find(terms, filters, sort) {
  const text = terms.length ? terms.join(" ") : null;
  const search = await pagefind.search(text, { filters, sort });
  if (!search || !text || sort) return { results: search?.results ?? [] };
  const [programs, upcoming] = (
    await Promise.all(
      [{ type: "program" }, { dates: "upcoming" }].map((extra) =>
        pagefind.search(text, { filters: { ...filters, ...extra } }),
      ),
    )
  ).map((s) => new Set(s?.results.map((r) => r.id)));
  return { results: S.rankResults(search.results, programs, upcoming), programs, upcoming };
}

const FEW = 2;

async function findPartial(terms, filters, sort, seen) {
  const best = new Map();
  const programs = new Set();
  const upcoming = new Set();
  for (let i = 0; i < terms.length; i++) {
    const found = await find(
      terms.filter((_, j) => j !== i),
      filters,
      sort,
    );
    for (const r of found.results) {
      if (seen.has(r.id)) continue;
      if (!best.has(r.id) || best.get(r.id).score < r.score) best.set(r.id, r);
    }
    for (const id of found.programs ?? []) programs.add(id);
    for (const id of found.upcoming ?? []) upcoming.add(id);
  }
  return sort ? [...best.values()] : S.rankResults([...best.values()], programs, upcoming);
}

async function run() {
  const { q, filters, sort, params } = readForm();
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
  const mine = ++generation;
  missing = new Set();
  help.replaceChildren();
  if (!q && !Object.keys(filters).length) {
    results.replaceChildren();
    status.textContent = tr("search.prompt");
    showMissing();
    return;
  }
  const lang = (document.documentElement.lang || "en").split("-")[0].toLowerCase();
  const read = /^\s*".+"\s*$/.test(q)
    ? { terms: [q], dropped: [], corrected: [], split: [] }
    : await S.readQuery(q, index, { lang, ageFilter: form.dataset.ages !== undefined });
  if (mine !== generation) return;
  if (read.ages) filters.age = { any: read.ages.map(String) };
  const order = sort ?? (read.terms.length ? undefined : { date: "asc" });
  let found = [];
  let partial = [];
  if (!q || read.terms.length || read.ages) {
    found = (await find(read.terms, filters, order)).results;
    if (found.length < FEW && read.terms.length > 1) {
      partial = await findPartial(read.terms, filters, order, new Set(found.map((r) => r.id)));
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
    // A result whose member stopped answering is left out (its text cannot be fetched).
    const slice = await Promise.all(
      all.slice(shown, shown + PAGE_SIZE).map((r) => r.data().catch(() => null)),
    );
    if (mine !== generation) return;
    const first = list.children.length;
    for (const data of slice) if (data) list.append(resultItem(data));
    shown += slice.length;
    if (shown >= all.length) more.remove();
    showMissing();
    return list.children[first]?.querySelector("a");
  }
  more.addEventListener("click", async () => (await showMore())?.focus());
  await showMore();
  if (mine !== generation) return;
  if (shown < all.length) results.append(more);
  // The status as search.js words it.
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
  showMissing();
  await showHelp(read, all.length, params, lang);
}

function debounce(fn, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

async function start() {
  writeForm(new URLSearchParams(location.search));
  status.textContent = tr("search.loading");
  try {
    members = JSON.parse(form.dataset.members || "[]");
    places = JSON.parse(form.dataset.places || "{}");
    S = await import(form.dataset.searchModule);
    watchFetch();
    await loadIndexes();
  } catch {
    status.textContent = tr("search.unavailable");
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  const later = debounce(run, 250);
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  await run();
  form.dataset.ready = "";
}

if (form && status && results && help && notes) start();
