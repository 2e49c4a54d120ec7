// The /search/ page of a consortium's site (docs/consortium.md): one search over every
// member library's own Pagefind index, merged in the browser with Pagefind's `mergeIndex`,
// each member tagged with the `library` filter (`mergeFilter`), so the Library menu narrows
// to one of them and every result links to the member's own page. The page itself is
// search.js's (`searchPage`: the reading of the patron's words, the ranking, the results,
// the status and the help); this file passes it what a consortium adds:
// - A member that does not answer is left out, never the whole search: one whose index
//   cannot be loaded is dropped before searching (Pagefind would fail every search with it
//   merged), one that stops answering later loses only its results; either way a note says
//   whose results are missing. Pagefind runs on the page's thread here (`noWorker`), so the
//   page sees each file it asks for and which member did not send it.
// - The vocabulary that corrections and suggestions use is every member's.
// - A member's place is its location in its library (`places`).
// - Files fetched from members are kept by the service worker (layouts/service-worker/
//   consortium.js), so a search made online works again offline.

const form = document.querySelector("[data-consortium-search-form]");
const status = form && document.querySelector("[data-search-status]");
const notes = form && document.querySelector("[data-search-members]");

const FILTERS = ["type", "library", "audience", "category", "location", "month", "language"];
/** How long a member's index may take to load before it is left out, in milliseconds. */
const MEMBER_TIMEOUT_MS = 8000;

let S; // search.js's exports
let tr; // search.js's `pageText(form).tr`
let pagefind;
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
    await pagefind.options({ ...S.pagefindOptions(form), noWorker: true });
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
    if (!failed.length) return pagefind;
    for (const m of failed) unavailable.add(m.name);
    await pagefind.destroy();
  }
}

/** The page's members and places, then Pagefind with every member that answers. */
async function load() {
  members = JSON.parse(form.dataset.members || "[]");
  places = JSON.parse(form.dataset.places || "{}");
  watchFetch();
  return loadIndexes();
}

/** A member's place stands for its library and the member's own location id. */
function placeFilter(name, value) {
  const place = name === "location" ? places[value] : undefined;
  return place ? { library: place[0], location: place[1] } : { [name]: value };
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

/** The note under the status: whose results are missing, or nothing. */
function showMissing() {
  const names = members.map((m) => m.name).filter((n) => unavailable.has(n) || missing.has(n));
  if (!names.length) {
    notes.replaceChildren();
    return;
  }
  const p = document.createElement("p");
  p.className = "search-missing";
  p.textContent = tr("search.missing", { names: S.orList(names, "conjunction"), n: names.length });
  notes.replaceChildren(p);
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
  return S.mergeVocabularies(lists);
}

async function start() {
  // Until search.js is loaded, its two sentences straight from the form's strings.
  const strings = JSON.parse(form.dataset.strings || "{}");
  status.textContent = strings["search.loading"];
  try {
    S = await import(form.dataset.searchModule);
  } catch {
    status.textContent = strings["search.unavailable"];
    return;
  }
  ({ tr } = S.pageText(form));
  await S.searchPage(form, {
    filters: FILTERS,
    filter: placeFilter,
    load,
    vocabulary: vocabularyOf,
    // A result whose member stopped answering is left out (its text cannot be fetched).
    data: (result) => result.data().catch(() => null),
    href: safeUrl,
    // Pagefind's results do not carry the merge filter: the member is the one the link is on.
    libraryOf: (href) => memberAt(href)?.name,
    onSearch: () => (missing = new Set()),
    onShow: showMissing,
  });
}

if (form && status && notes) start();
