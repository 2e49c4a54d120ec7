// The explorer's filters: the form <-> a state <-> the URL
// (`?when=weekend&age=4&location=eastside`), and which programs and dates match a state.
import { DAY, dayNumber } from "../time.js";

/** The URL parameters, in the order the URL writes them. */
export const PARAMS = [
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
const WHEN = /^(today|tomorrow|weekend|week|\d{4}-\d{2}-\d{2}|\d{4}-\d{2})$/;

/** The state as URL parameters, in PARAMS order (only what is set). */
export function paramsOf(state) {
  const params = new URLSearchParams();
  for (const name of PARAMS) {
    const value = state[name];
    if (name === "access") for (const v of value) params.append("access", v);
    else if (value) params.set(name, value);
  }
  return params;
}

/** Whether any filter is set. */
export const active = (state) => paramsOf(state).toString() !== "";

/** Reads the form. */
export function readForm(form) {
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

/** Sets the form (in `root`) from URL parameters; values the form does not offer are dropped. */
export function writeForm(root, form, params) {
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

// ---------------------------------------------------------------------------------------
// Matching, against the expanded data (data.js `expandData`). `facet`: the page's own
// (`{ kind: "audience", id: "teens" }` on an audience page), which has no field in the form.

/** The window of a `when` value, in local minutes [from, to), or null for any time. */
export function windowOf(when, todayLocal) {
  if (!when) return null;
  const dayOf = (local) => Math.floor(local / DAY);
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

/** The place a state asks for: the page's location, or the form's (an id, "online" or ""). */
export const placeOf = (state, facet) => (facet.kind === "location" ? facet.id : state.location);

/** The programs (by index) that pass the program-level filters, as an array of booleans. */
function programMask(ex, state, facet) {
  const { data, index } = ex;
  const want = {
    audience: state.audience ? index.audience.get(state.audience) : undefined,
    category: state.category ? index.category.get(state.category) : undefined,
    language: state.language ? index.language.get(state.language) : undefined,
    access: state.access.map((id) => index.access.get(id)).filter((i) => i !== undefined),
  };
  if (facet.kind === "audience") want.audience = index.audience.get(facet.id);
  if (facet.kind === "category") want.category = index.category.get(facet.id);
  const place = placeOf(state, facet);
  const placeIndex = place && place !== "online" ? index.location.get(place) : undefined;
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

/** Indices of the upcoming occurrences that match, in order, and the window they are in. */
export function match(ex, state, facet, nowUtc) {
  const { START, END, START_LOCAL, END_LOCAL, PROGRAM } = ex;
  const mask = Uint8Array.from(programMask(ex, state, facet), Boolean);
  const range = windowOf(state.when, ex.clock.toLocal(nowUtc));
  const from = range ? range[0] : -Infinity;
  const to = range ? range[1] : Infinity;
  // Occurrences are sorted by start (UTC): none starting after this can start before `to`.
  const last = to - ex.minOffset;
  const out = new Int32Array(START.length);
  let n = 0;
  for (let i = 0; i < START.length && START[i] < last; i++) {
    if (END[i] <= nowUtc || !mask[PROGRAM[i]]) continue;
    if (START_LOCAL[i] < to && END_LOCAL[i] > from) out[n++] = i;
  }
  return { list: out.subarray(0, n), range };
}
