// The program explorer: filters over the listing of /programs/ and of the audience, topic
// and location pages (layouts/includes/explorer.njk), from one data file the build writes
// (src/outputs/explorer-data.ts) and the service worker precaches, so it works offline.
// Without this script (or its data) the page is its static listing, which works alone.
//
// The state lives in the URL (`?when=weekend&age=4&location=eastside`, kept up to date
// with history.replaceState), so a filtered view can be bookmarked and shared; a patron
// may also ask this browser to remember it (localStorage, opt-in). Filters apply at once;
// results come in batches, "Show more" adds the next. Everything is computed here: the
// patron's location (for "nearest first") never leaves the page. Listings are built with
// DOM methods, text as text, in the markup of macros.njk's `listingItem`.
//
// This file is the page's wiring; the work is in lib/explorer/: the data (data.js), the
// filters and matching (filters.js), the listing markup (listing.js), the results shown
// (results.js) and nearest first (near.js).
import { el } from "./lib/dom.js";
import { translatorOf } from "./lib/strings.js";
import { expandData } from "./lib/explorer/data.js";
import { active, PARAMS, paramsOf, readForm, writeForm } from "./lib/explorer/filters.js";
import { sortPlaces } from "./lib/explorer/near.js";
import { renderBatch, show } from "./lib/explorer/results.js";

const STORE = "almanac:explorer-filters";

const root = document.querySelector("[data-explorer]");
const form = root && root.querySelector("[data-explorer-form]");
const results = document.querySelector("[data-explorer-results]");
const status = document.querySelector("[data-explorer-status]");

/**
 * What the explorer's modules work on: the page's elements, its words (`data-strings` on
 * [data-explorer], in the page's language), its own facet, and, once loaded, the expanded
 * data (`ex`), the results shown (`view`) and the distances of nearest first (`near`).
 */
const page = {
  root,
  form,
  results,
  status,
  tr: translatorOf(root),
  facet: { kind: root && root.dataset.facet, id: root && root.dataset.facetId },
  ex: null,
  view: null,
  more: null,
  near: null,
};
const { tr } = page;

function askPosition() {
  const note = root.querySelector("[data-explorer-near-status]");
  if (!("geolocation" in navigator)) {
    note.textContent = tr("explorer.noGeolocation");
    return;
  }
  note.textContent = tr("explorer.finding");
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      page.near = sortPlaces(page, [pos.coords.latitude, pos.coords.longitude]);
      show(page, readForm(form));
    },
    () => {
      note.textContent = tr("explorer.noPosition");
    },
    { maximumAge: 600_000, timeout: 20_000 },
  );
}

// ---------------------------------------------------------------------------------------
// Remembering (opt-in).

function stored() {
  try {
    return localStorage.getItem(STORE);
  } catch {
    return null;
  }
}
function store(state) {
  try {
    if (!state) {
      localStorage.removeItem(STORE);
      return;
    }
    // An audience, topic or location page has no field for its own facet: keep what was
    // remembered for it elsewhere.
    const facet = root.dataset.facet;
    const saved = new URLSearchParams(stored() || "");
    const kept = facet && !state[facet] && saved.get(facet);
    localStorage.setItem(STORE, paramsOf(kept ? { ...state, [facet]: kept } : state).toString());
  } catch {}
}

// ---------------------------------------------------------------------------------------

/** Puts the state in the URL (and the store, when asked to remember) once the patron pauses. */
let saving;
function save(state) {
  clearTimeout(saving);
  saving = setTimeout(() => {
    const query = paramsOf(state).toString();
    history.replaceState(history.state, "", query ? `?${query}` : location.pathname);
    if (remember.checked) store(state);
  }, 150);
}

function update() {
  const state = readForm(form);
  root.querySelector("[data-explorer-date]").hidden = form.elements.when.value !== "date";
  show(page, state);
  save(state);
}

let remember;

async function start() {
  status.textContent = tr("explorer.loading");
  let json;
  try {
    const response = await fetch(root.dataset.src);
    if (!response.ok) throw new Error(String(response.status));
    json = await response.json();
    if (json.v !== 1) throw new Error("unknown data version");
  } catch {
    status.textContent = tr("explorer.unavailable");
    return;
  }
  const expanded = performance.now();
  page.ex = expandData(json);
  performance.measure("almanac:explorer-expand", { start: expanded, end: performance.now() });
  remember = root.querySelector("[data-explorer-remember]");
  page.more = el("button", "button button-secondary explorer-more");
  page.more.type = "button";
  page.more.addEventListener("click", () => {
    const first = renderBatch(page);
    if (first) first.focus();
  });

  const url = new URLSearchParams(location.search);
  const fromUrl = PARAMS.some((name) => url.has(name));
  const saved = stored();
  writeForm(root, form, fromUrl || saved === null ? url : new URLSearchParams(saved));
  remember.checked = saved !== null;
  const state = readForm(form);
  const query = paramsOf(state).toString();
  history.replaceState(history.state, "", query ? `?${query}` : location.pathname);
  // What is remembered changes when the patron changes a filter, not when a shared link opens.

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    if (event.target === remember) {
      store(remember.checked ? readForm(form) : null);
      return;
    }
    if (event.target.name !== "age") update();
  });
  // The age applies as it is typed.
  form.addEventListener("input", (event) => {
    if (event.target.name === "age") update();
  });
  root.querySelector("[data-explorer-clear]").addEventListener("click", () => {
    writeForm(root, form, new URLSearchParams());
    update();
  });
  const near = root.querySelector("[data-explorer-near]");
  if (near) near.addEventListener("click", askPosition);

  for (const node of document.querySelectorAll("[data-explorer-static]")) node.hidden = true;
  root.hidden = false;
  show(page, state, !active(state));
  root.dataset.ready = "";
}

if (root && form && results && status) start();
