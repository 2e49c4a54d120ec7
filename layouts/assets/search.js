// The /search/ page: runs Pagefind in the browser. The form works as a plain GET form, so
// its state always lives in the URL (`/search/?q=lego&audience=kids`): read on load, kept
// up to date with history.replaceState, so a search can be shared or bookmarked. Results
// are built with DOM methods; only Pagefind's <mark> highlights are kept from its excerpts.

const FILTERS = ["type", "audience", "category", "location", "month", "language"];
const PAGE_SIZE = 20;

const form = document.querySelector("[data-search-form]");
const status = document.querySelector("[data-search-status]");
const results = document.querySelector("[data-search-results]");

/** Form fields -> { q, filters, sort, params } */
function readForm() {
  const data = new FormData(form);
  const q = String(data.get("q") ?? "").trim();
  const filters = {};
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const name of FILTERS) {
    const value = String(data.get(name) ?? "");
    if (value) {
      filters[name] = value;
      params.set(name, value);
    }
  }
  const sort = data.get("sort") === "date" ? { date: "asc" } : undefined;
  if (sort) params.set("sort", "date");
  return { q, filters, sort, params };
}

/** URL -> form fields (values not offered by a select are ignored by the browser). */
function writeForm(params) {
  for (const el of form.elements) {
    if (el.name && params.has(el.name)) el.value = params.get(el.name);
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

function resultItem(data) {
  const li = document.createElement("li");
  li.className = "search-result";
  const h = document.createElement("h2");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta?.title ?? data.url;
  h.append(a);
  li.append(h);
  const facts = [data.meta?.date, data.meta?.place].filter(Boolean);
  if (facts.length) {
    const p = document.createElement("p");
    p.className = "search-meta";
    p.textContent = facts.join(" · ");
    li.append(p);
  }
  li.append(excerptNode(data.excerpt ?? ""));
  return li;
}

let pagefind;
let generation = 0;

async function run() {
  const { q, filters, sort, params } = readForm();
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
  const mine = ++generation;
  if (!q && !Object.keys(filters).length) {
    results.replaceChildren();
    status.textContent = "Type a word or choose a filter to search.";
    return;
  }
  const search = await pagefind.search(q || null, { filters, sort });
  if (mine !== generation || !search) return; // a newer search has started
  const total = search.results.length;
  const list = document.createElement("ol");
  list.className = "search-list";
  results.replaceChildren(list);
  let shown = 0;
  const more = document.createElement("button");
  more.type = "button";
  more.className = "button button-secondary";
  more.textContent = "Show more results";
  async function showMore() {
    const slice = await Promise.all(
      search.results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()),
    );
    if (mine !== generation) return;
    const first = list.children.length;
    for (const data of slice) list.append(resultItem(data));
    shown += slice.length;
    if (shown >= total) more.remove();
    // Keyboard users continue from the first new result.
    return list.children[first]?.querySelector("a");
  }
  more.addEventListener("click", async () => (await showMore())?.focus());
  await showMore();
  if (shown < total) results.append(more);
  const what = q ? ` for “${q}”` : "";
  status.textContent =
    total === 0
      ? `No results${what}. Try fewer words or filters, or browse the links below.`
      : `${total} result${total === 1 ? "" : "s"}${what}${sort ? ", soonest first" : ""}.`;
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
  status.textContent = "Loading search…";
  try {
    pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({ metaCacheTag: form.dataset.cacheTag, excerptLength: 24 });
    await pagefind.init();
  } catch {
    status.textContent =
      "Search is not available right now. You can browse all programs with the links below.";
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

if (form && status && results) start();
