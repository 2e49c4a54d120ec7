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
import { translatorOf } from "./lib/strings.js";
import { DAY, dayNumber, forEachDate, isoDay, isoTime, zoneClock } from "./lib/time.js";

const PARAMS = [
  "when",
  "age",
  "audience",
  "category",
  "location",
  "language",
  "access",
  "free",
  "dropin",
];
const BATCH = 20;
const STORE = "almanac:explorer-filters";
const WHEN = /^(today|tomorrow|weekend|week|\d{4}-\d{2}-\d{2}|\d{4}-\d{2})$/;

const root = document.querySelector("[data-explorer]");
const form = root && root.querySelector("[data-explorer-form]");
const results = document.querySelector("[data-explorer-results]");
const status = document.querySelector("[data-explorer-status]");

// Interface text, in the page's language: the messages the page carries (`data-strings`,
// from the build's string tables, src/i18n/strings.ts), `{name}`s filled in, a count's
// plural form picked by `n`, numbers written the language's way.
const tr = translatorOf(root);

// ---------------------------------------------------------------------------------------
// Time: minutes since 1970 UTC, and wall-clock minutes in the library's zone ("local"),
// through the zone's offsets the data file carries.

/** The library's zone (lib/time.js `zoneClock`), from the data file. */
let clock = zoneClock([[0, 0]]);
const toLocal = (utc) => clock.toLocal(utc);
const dayOf = (local) => Math.floor(local / DAY);

// ---------------------------------------------------------------------------------------
// The data, expanded once: one row per occurrence, sorted by start then title.

let data;
// One entry per occurrence, sorted by start then title, in typed arrays (kept out of the
// garbage collector's way): UTC start and end, library-zone wall-clock start and end, its
// own wall-clock start and end with their offsets (its program's zone), program index, flags.
let START, END, START_LOCAL, END_LOCAL, OWN_START, OWN_END, OWN_OFFSET, END_OFFSET, PROGRAM, FLAGS;
const CANCELLED = 1;
const FIXED = 2;
let minOffset = 0;
let audienceIndex, categoryIndex, locationIndex, languageIndex, accessIndex;
let distances = null; // location index -> km, once the patron asked for nearest first

function expand(json) {
  clock = zoneClock(json.offsets);
  minOffset = Math.min(...json.offsets.map((o) => o[1]));
  const n = json.programs.reduce((sum, p) => sum + p.o.length, 0);
  const columns = () => new Float64Array(n);
  const raw = [
    columns(),
    columns(),
    columns(),
    columns(),
    columns(),
    columns(),
    columns(),
    columns(),
  ];
  const [start0, end0, startLocal0, endLocal0, ownStart0, ownEnd0, ownOffset0, endOffset0] = raw;
  const program0 = new Int32Array(n);
  const flags0 = new Uint8Array(n);
  let row = 0;
  json.programs.forEach((p, pi) => {
    forEachDate(p, clock, (start, end, ownOffset, endOffset, cancelled, fixed) => {
      start0[row] = start;
      end0[row] = end;
      startLocal0[row] = toLocal(start);
      endLocal0[row] = toLocal(end);
      ownStart0[row] = start + ownOffset;
      ownEnd0[row] = end + endOffset;
      ownOffset0[row] = ownOffset;
      endOffset0[row] = endOffset;
      program0[row] = pi;
      flags0[row] = (cancelled ? CANCELLED : 0) | (fixed ? FIXED : 0);
      row++;
    });
    // Read once: the program's facts are all the page keeps of it.
    delete p.o;
  });
  // Start, then the program's place in the (title-sorted) list, as the static pages sort.
  const SPAN = 2 ** 21;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = start0[i] * SPAN + i;
  keys.sort();
  const order = Int32Array.from(keys, (key) => key % SPAN);
  const sorted = (column, Type = Float64Array) => Type.from(order, (i) => column[i]);
  [START, END, START_LOCAL, END_LOCAL, OWN_START, OWN_END, OWN_OFFSET, END_OFFSET] = raw.map((c) =>
    sorted(c),
  );
  PROGRAM = sorted(program0, Int32Array);
  FLAGS = sorted(flags0, Uint8Array);
  const ids = (list) => new Map(list.map((item, i) => [item.id ?? item[0], i]));
  audienceIndex = ids(json.audiences);
  categoryIndex = ids(json.categories);
  locationIndex = ids(json.locations);
  languageIndex = ids(json.languages);
  accessIndex = ids(json.access);
  data = json;
}

/** One occurrence as the listing prints it. */
function occurrence(i) {
  return {
    p: PROGRAM[i],
    startLocal: START_LOCAL[i],
    ownStart: OWN_START[i],
    ownEnd: OWN_END[i],
    ownOffset: OWN_OFFSET[i],
    endOffset: END_OFFSET[i],
    cancelled: (FLAGS[i] & CANCELLED) !== 0,
    fixed: (FLAGS[i] & FIXED) !== 0,
  };
}

// ---------------------------------------------------------------------------------------
// Filters: the form <-> a state <-> the URL.

/** The state as URL parameters, in PARAMS order (only what is set). */
function paramsOf(state) {
  const params = new URLSearchParams();
  for (const name of PARAMS) {
    const value = state[name];
    if (name === "access") for (const v of value) params.append("access", v);
    else if (value) params.set(name, value);
  }
  return params;
}

/** Reads the form. */
function readForm() {
  const get = (name) => (form.elements[name] ? String(form.elements[name].value || "") : "");
  let when = get("when");
  if (when === "date") when = form.querySelector("#explorer-date").value || "";
  const age = get("age").trim();
  return {
    when: WHEN.test(when) ? when : "",
    age: /^\d{1,3}$/.test(age) && Number(age) <= 120 ? String(Number(age)) : "",
    audience: get("audience"),
    category: get("category"),
    location: get("location"),
    language: get("language"),
    access: [...form.querySelectorAll("input[name=access]:checked")].map((el) => el.value),
    free: form.elements.free && form.elements.free.checked ? "1" : "",
    dropin: form.elements.dropin && form.elements.dropin.checked ? "1" : "",
  };
}

/** Sets the form from URL parameters; values the form does not offer are dropped. */
function writeForm(params) {
  const when = params.get("when") || "";
  const select = form.elements.when;
  const dateInput = form.querySelector("#explorer-date");
  dateInput.value = "";
  select.value = "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(when) && !Number.isNaN(dayNumber(when))) {
    select.value = "date";
    dateInput.value = when;
  } else if (/^\d{4}-\d{2}$/.test(when) && ![...select.options].some((o) => o.value === when)) {
    // A month the menu does not list (past, or past the horizon): offer it anyway.
    select.querySelector("optgroup").append(new Option(when, when));
    select.value = when;
  } else if (WHEN.test(when)) {
    select.value = when;
  }
  root.querySelector("[data-explorer-date]").hidden = select.value !== "date";
  for (const name of ["age", "audience", "category", "location", "language"]) {
    const field = form.elements[name];
    if (!field) continue;
    field.value = params.get(name) || "";
    // A value the menu does not offer leaves nothing chosen: choose "any".
    if (field.tagName === "SELECT" && field.selectedIndex < 0) field.value = "";
  }
  const access = params.getAll("access").flatMap((v) => v.split(","));
  for (const box of form.querySelectorAll("input[name=access]"))
    box.checked = access.includes(box.value);
  for (const name of ["free", "dropin"]) {
    if (form.elements[name]) form.elements[name].checked = params.get(name) === "1";
  }
  // Filters set under "More filters" are in sight.
  const moreFilters = root.querySelector("[data-explorer-more]");
  if (access.length || params.get("free") === "1" || params.get("dropin") === "1")
    moreFilters.open = true;
}

const active = (state) => paramsOf(state).toString() !== "";

// ---------------------------------------------------------------------------------------
// Matching.

/** The window of a `when` value, in local minutes [from, to), or null for any time. */
function windowOf(when, todayLocal) {
  if (!when) return null;
  const today = dayOf(todayLocal) * DAY;
  if (when === "today") return [today, today + DAY];
  if (when === "tomorrow") return [today + DAY, today + 2 * DAY];
  if (when === "week") return [today, today + 7 * DAY];
  if (when === "weekend") {
    const weekday = (dayOf(todayLocal) + 4) % 7; // 0 Sunday .. 6 Saturday
    const saturday = weekday === 0 ? today - DAY : today + (6 - weekday) * DAY;
    return [saturday, saturday + 2 * DAY];
  }
  if (when.length === 10) {
    const day = dayNumber(when) * DAY;
    return [day, day + DAY];
  }
  const [y, m] = when.split("-").map(Number);
  return [Date.UTC(y, m - 1, 1) / 60_000, Date.UTC(y, m, 1) / 60_000];
}

/** The programs (by index) that pass the program-level filters, as an array of booleans. */
function programMask(state) {
  const facet = root.dataset.facet;
  const facetId = root.dataset.facetId;
  const want = {
    audience: state.audience ? audienceIndex.get(state.audience) : undefined,
    category: state.category ? categoryIndex.get(state.category) : undefined,
    language: state.language ? languageIndex.get(state.language) : undefined,
    access: state.access.map((id) => accessIndex.get(id)).filter((i) => i !== undefined),
  };
  if (facet === "audience") want.audience = audienceIndex.get(facetId);
  if (facet === "category") want.category = categoryIndex.get(facetId);
  const place = facet === "location" ? facetId : state.location;
  const placeIndex = place && place !== "online" ? locationIndex.get(place) : undefined;
  const age = state.age === "" ? undefined : Number(state.age);
  const ageOk = data.audiences.map(
    (a) => age === undefined || (!!a.ages && a.ages[0] <= age && age <= a.ages[1]),
  );
  return data.programs.map(
    (p) =>
      (want.audience === undefined || p.a.includes(want.audience)) &&
      (want.category === undefined || p.c.includes(want.category)) &&
      (want.language === undefined || p.g.includes(want.language)) &&
      want.access.every((i) => p.x && p.x.includes(i)) &&
      (!place || (place === "online" ? !!p.on : p.l === placeIndex)) &&
      (age === undefined || p.a.some((i) => ageOk[i])) &&
      (!state.free || !!p.f) &&
      (!state.dropin || !!p.dr),
  );
}

/** Indices of the upcoming occurrences that match, in order. */
function match(state, nowUtc) {
  const mask = Uint8Array.from(programMask(state), Boolean);
  const range = windowOf(state.when, toLocal(nowUtc));
  const from = range ? range[0] : -Infinity;
  const to = range ? range[1] : Infinity;
  // Occurrences are sorted by start (UTC): none starting after this can start before `to`.
  const last = to - minOffset;
  const out = new Int32Array(START.length);
  let n = 0;
  for (let i = 0; i < START.length && START[i] < last; i++) {
    if (END[i] <= nowUtc || !mask[PROGRAM[i]]) continue;
    if (START_LOCAL[i] < to && END_LOCAL[i] > from) out[n++] = i;
  }
  return { list: out.subarray(0, n), range };
}

// ---------------------------------------------------------------------------------------
// Rendering, in the markup of the static pages.

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
function timeEl(datetime, text, className) {
  const node = el("time", className, text);
  node.dateTime = datetime;
  return node;
}

const dayLabel = (day, short) => (data.days[day] || [isoDay(day), isoDay(day)])[short ? 1 : 0];
const timeLabel = (local) => data.times[((local % DAY) + DAY) % DAY] || "";

/** The words and `<time>`s of one occurrence's time, "6:00 PM – 7:30 PM" (macros.njk
 *  `listingItem`, inside its `.when`). */
function timeParts(o, p) {
  if (p.ad) {
    const last = dayOf(o.ownEnd) - 1;
    return [
      last === dayOf(o.ownStart)
        ? tr("time.allDay")
        : tr("time.allDayUntil", { date: dayLabel(last, true) }),
    ];
  }
  const zulu = !!data.utc || o.fixed;
  const sameDay = dayOf(o.ownEnd) === dayOf(o.ownStart);
  const end = sameDay
    ? timeLabel(o.ownEnd)
    : `${dayLabel(dayOf(o.ownEnd), true)}, ${timeLabel(o.ownEnd)}`;
  return [
    timeEl(isoTime(o.ownStart, o.ownOffset, zulu), timeLabel(o.ownStart)),
    " – ",
    timeEl(isoTime(o.ownEnd, o.endOffset, zulu), end),
  ];
}

function unitFormat() {
  const locale = document.documentElement.lang || "en";
  let region = "";
  try {
    region = new Intl.Locale(locale).maximize().region || "";
  } catch {}
  const unit = ["US", "GB", "LR", "MM"].includes(region) ? "mile" : "kilometer";
  const format = new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 });
  return (km) => format.format(unit === "mile" ? km / 1.609344 : km);
}
let distanceText;

/** One listed occurrence (macros.njk `listingItem`). */
function listingItem(o) {
  const p = data.programs[o.p];
  const cancelled = tr("badge.cancelled");
  const badge = o.cancelled ? cancelled : p.b;
  const li = el("li", badge === cancelled ? "listing is-cancelled" : "listing");
  const zulu = !!data.utc || o.fixed;
  li.dataset.program = p.id;
  // A timed row's start and end are its `<time>`s; an all-day row's times are words.
  if (p.ad) {
    li.dataset.start = isoTime(o.ownStart, o.ownOffset, zulu);
    li.dataset.ends = isoTime(o.ownEnd, o.endOffset, zulu);
  }
  if (p.im) {
    const img = el("img", "listing-thumb");
    img.src = p.im;
    img.alt = "";
    img.width = 80;
    img.height = 80;
    img.loading = "lazy";
    img.decoding = "async";
    li.append(img);
  } else {
    const icon = el("span", `listing-icon icon-${p.ic}`);
    icon.setAttribute("aria-hidden", "true");
    li.append(icon);
  }
  const body = el("div", "listing-body");
  const link = el("a", "listing-title", p.t);
  // The site in another language: its own pages (`data.pages`, "/es").
  link.href = `${data.pages || ""}/programs/${p.id}/`;
  if (p.lg) link.lang = p.lg;
  if (p.ld) link.dir = p.ld;
  body.append(link);
  if (badge)
    body.append(" ", el("span", badge === cancelled ? "badge badge-cancelled" : "badge", badge));
  const facts = el("p", "listing-facts");
  const when = el("span", "when");
  when.append(...timeParts(o, p));
  facts.append(when);
  const location = p.l === undefined ? undefined : data.locations[p.l];
  if (location || p.on) {
    const where = el("span", "where");
    if (location) where.append(p.r ? `${location.name}, ${p.r}` : location.name);
    if (location && distances && distances[p.l] !== undefined)
      where.append(" ", el("span", "distance", `(${distanceText(distances[p.l])})`));
    if (location && p.on) where.append(" · ");
    if (p.on) where.append(tr("listing.online"));
    facts.append(" · ", where);
  }
  facts.append(" · ", p.w);
  body.append(facts);
  li.append(body);
  return li;
}

const headingLevel = () => Number(results.dataset.headingLevel || 2);

function daySection(day) {
  const iso = isoDay(day);
  const section = el("section", "day");
  section.setAttribute("aria-labelledby", `day-${iso}`);
  section.dataset.day = iso;
  const h = el(`h${headingLevel()}`, "day-heading");
  h.id = `day-${iso}`;
  h.append(timeEl(iso, dayLabel(day, false)));
  section.append(h);
  return section;
}

/** Closures on `day` for the current filters: `[location index or -1, reason]`. */
function closuresOn(day, state) {
  const place = root.dataset.facet === "location" ? root.dataset.facetId : state.location;
  const want = place && place !== "online" ? locationIndex.get(place) : undefined;
  if (place === "online") return [];
  return data.closures.filter(
    (c) => c[0] === day && (c[1] === -1 || want === undefined || c[1] === want),
  );
}

function closureNote(c) {
  const closed =
    c[1] === -1 ? tr("closure.library") : tr("closure.place", { name: data.locations[c[1]].name });
  return el("p", "day-closed", `${closed}${c[2] ? `: ${c[2]}` : ""}`);
}

/** What is shown, and where the next batch goes. */
let view = null;

/** Closed days after `afterDay` and before `beforeDay` (both exclusive), inside the window. */
function closedDaysBetween(afterDay, beforeDay, state) {
  const from = view.range ? dayOf(view.range[0]) : -Infinity;
  const to = view.range ? dayOf(view.range[1] - 1) : Infinity;
  const today = dayOf(toLocal(view.now));
  const days = new Set();
  for (const c of data.closures) {
    const day = c[0];
    if (day > afterDay && day < beforeDay && day >= from && day <= to && day >= today)
      days.add(day);
  }
  return [...days].sort((a, b) => a - b).filter((day) => closuresOn(day, state).length);
}

function addClosedDay(day, state) {
  const section = daySection(day);
  for (const c of closuresOn(day, state)) section.append(closureNote(c));
  view.container.append(section);
  view.lastDay = day;
  view.list = null;
}

/** Appends the next batch of `view.items`; returns the first link added. */
function renderBatch() {
  const { items, state } = view;
  const end = Math.min(items.length, view.shown + BATCH);
  let first;
  for (let k = view.shown; k < end; k++) {
    const o = occurrence(items[k]);
    const day = dayOf(o.startLocal);
    if (day !== view.lastDay) {
      for (const closed of closedDaysBetween(view.lastDay, day, state)) addClosedDay(closed, state);
      const section = daySection(day);
      for (const c of closuresOn(day, state)) section.append(closureNote(c));
      view.list = el("ul", "listings");
      section.append(view.list);
      view.container.append(section);
      view.lastDay = day;
    }
    const item = listingItem(o);
    view.list.append(item);
    first ??= item.querySelector("a");
  }
  view.shown = end;
  if (view.shown >= items.length) {
    // Everything is shown: the closed days left in the window follow.
    for (const closed of closedDaysBetween(view.lastDay, Infinity, state))
      addClosedDay(closed, state);
  }
  updateMore();
  return first;
}

let more;
function updateMore() {
  const left = view.items.length - view.shown;
  if (left <= 0) {
    more.remove();
    return;
  }
  more.textContent = tr("explorer.more", { n: left });
  results.after(more);
}

function announce(state, items) {
  const seen = new Uint8Array(data.programs.length);
  let programs = 0;
  for (const i of items) if (!seen[PROGRAM[i]]) ((seen[PROGRAM[i]] = 1), programs++);
  if (!items.length) {
    status.textContent = active(state) ? tr("explorer.noMatch") : tr("listing.none");
    return;
  }
  const counts = {
    dates: tr("explorer.dates", { n: items.length }),
    programs: tr("explorer.programs", { n: programs }),
  };
  status.textContent = tr(active(state) ? "explorer.match" : "explorer.comingUp", counts);
}

/**
 * Shows the matches of `state`. `keepStatic`: the page's own listing (its first weeks) stays,
 * and "Show more" continues after it; else the listing is built from the data.
 */
function show(state, keepStatic = false) {
  const t0 = performance.now();
  const nowUtc = Math.floor(Date.now() / 60_000);
  const { list, range } = match(state, nowUtc);
  view = {
    items: list,
    shown: 0,
    state,
    range,
    now: nowUtc,
    container: results,
    lastDay: -Infinity,
    list: null,
  };
  const until = results.dataset.until;
  if (keepStatic && until) {
    const untilLocal = dayNumber(until) * DAY;
    const days = [...results.querySelectorAll("[data-day]")];
    view.shown = list.findIndex((i) => START_LOCAL[i] >= untilLocal);
    if (view.shown < 0) view.shown = list.length;
    view.lastDay = days.length ? dayNumber(days.at(-1).dataset.day) : dayNumber(until) - 1;
    if (view.lastDay < dayNumber(until) - 1) view.lastDay = dayNumber(until) - 1;
    updateMore();
  } else {
    // Built off the page, then swapped in at once: one style and layout pass.
    view.container = document.createDocumentFragment();
    renderBatch();
    if (!list.length && !view.container.children.length)
      view.container.append(el("p", "empty", tr("explorer.nothing")));
    results.replaceChildren(view.container);
    view.container = results;
  }
  announce(state, list);
  performance.measure("almanac:explorer-filter", { start: t0, end: performance.now() });
}

// ---------------------------------------------------------------------------------------
// Nearest first: the patron's position, used here only.

function haversineKm([lat1, lon1], [lat2, lon2]) {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

function sortPlaces(position) {
  distanceText = unitFormat();
  distances = data.locations.map((l) => (l.geo ? haversineKm(position, l.geo) : undefined));
  const select = form.elements.location;
  const options = [...select.options];
  const byId = new Map(options.map((o) => [o.value, o]));
  const places = data.locations
    .map((l, i) => ({ l, i, km: distances[i] }))
    .sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity));
  for (const { l, km } of places) {
    const option = byId.get(l.id);
    if (!option) continue;
    option.textContent = km === undefined ? l.name : `${l.name} (${distanceText(km)})`;
    select.append(option);
  }
  const online = byId.get("online");
  if (online) select.append(online);
  const nearest = places[0];
  const note = root.querySelector("[data-explorer-near-status]");
  if (note && nearest && nearest.km !== undefined)
    note.textContent = tr("explorer.nearest", {
      place: nearest.l.name,
      distance: distanceText(nearest.km),
    });
}

function askPosition() {
  const note = root.querySelector("[data-explorer-near-status]");
  if (!("geolocation" in navigator)) {
    note.textContent = tr("explorer.noGeolocation");
    return;
  }
  note.textContent = tr("explorer.finding");
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      sortPlaces([pos.coords.latitude, pos.coords.longitude]);
      show(readForm());
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
  const state = readForm();
  root.querySelector("[data-explorer-date]").hidden = form.elements.when.value !== "date";
  show(state);
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
  expand(json);
  performance.measure("almanac:explorer-expand", { start: expanded, end: performance.now() });
  remember = root.querySelector("[data-explorer-remember]");
  more = el("button", "button button-secondary explorer-more");
  more.type = "button";
  more.addEventListener("click", () => {
    const first = renderBatch();
    if (first) first.focus();
  });

  const url = new URLSearchParams(location.search);
  const fromUrl = PARAMS.some((name) => url.has(name));
  const saved = stored();
  writeForm(fromUrl || saved === null ? url : new URLSearchParams(saved));
  remember.checked = saved !== null;
  const state = readForm();
  const query = paramsOf(state).toString();
  history.replaceState(history.state, "", query ? `?${query}` : location.pathname);
  // What is remembered changes when the patron changes a filter, not when a shared link opens.

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    if (event.target === remember) {
      store(remember.checked ? readForm() : null);
      return;
    }
    if (event.target.name !== "age") update();
  });
  // The age applies as it is typed.
  form.addEventListener("input", (event) => {
    if (event.target.name === "age") update();
  });
  root.querySelector("[data-explorer-clear]").addEventListener("click", () => {
    writeForm(new URLSearchParams());
    update();
  });
  const near = root.querySelector("[data-explorer-near]");
  if (near) near.addEventListener("click", askPosition);

  for (const node of document.querySelectorAll("[data-explorer-static]")) node.hidden = true;
  root.hidden = false;
  show(state, !active(state));
  root.dataset.ready = "";
}

if (root && form && results && status) start();
