// The explorer's results for a state: the matching dates in batches ("Show more" adds the
// next), under day headings with the closed days between, and the count in the status line.
// `page` (explorer.js) keeps what is shown in `page.view`.
import { el } from "../dom.js";
import { DAY, dayNumber } from "../time.js";
import { occurrence } from "./data.js";
import { active, match } from "./filters.js";
import { closureNote, closuresOn, daySection, listingItem } from "./listing.js";

/** Dates a batch adds. */
export const BATCH = 20;

const dayOf = (local) => Math.floor(local / DAY);

/** Closed days after `afterDay` and before `beforeDay` (both exclusive), inside the window. */
function closedDaysBetween(page, afterDay, beforeDay, state) {
  const { view } = page;
  const from = view.range ? dayOf(view.range[0]) : -Infinity;
  const to = view.range ? dayOf(view.range[1] - 1) : Infinity;
  const today = dayOf(page.ex.clock.toLocal(view.now));
  const days = new Set();
  for (const c of page.ex.data.closures) {
    const day = c[0];
    if (day > afterDay && day < beforeDay && day >= from && day <= to && day >= today)
      days.add(day);
  }
  return [...days].sort((a, b) => a - b).filter((day) => closuresOn(page, day, state).length);
}

function addClosedDay(page, day, state) {
  const section = daySection(page, day);
  for (const c of closuresOn(page, day, state)) section.append(closureNote(page, c));
  page.view.container.append(section);
  page.view.lastDay = day;
  page.view.list = null;
}

/** Appends the next batch of `page.view.items`; returns the first link added. */
export function renderBatch(page) {
  const { view } = page;
  const { items, state } = view;
  const end = Math.min(items.length, view.shown + BATCH);
  let first;
  for (let k = view.shown; k < end; k++) {
    const o = occurrence(page.ex, items[k]);
    const day = dayOf(o.startLocal);
    if (day !== view.lastDay) {
      for (const closed of closedDaysBetween(page, view.lastDay, day, state))
        addClosedDay(page, closed, state);
      const section = daySection(page, day);
      for (const c of closuresOn(page, day, state)) section.append(closureNote(page, c));
      view.list = el("ul", "listings");
      section.append(view.list);
      view.container.append(section);
      view.lastDay = day;
    }
    const item = listingItem(page, o);
    view.list.append(item);
    first ??= item.querySelector("a");
  }
  view.shown = end;
  if (view.shown >= items.length) {
    // Everything is shown: the closed days left in the window follow.
    for (const closed of closedDaysBetween(page, view.lastDay, Infinity, state))
      addClosedDay(page, closed, state);
  }
  updateMore(page);
  return first;
}

/** "Show more" says how many are left, after the results; gone when none is. */
function updateMore(page) {
  const left = page.view.items.length - page.view.shown;
  if (left <= 0) {
    page.more.remove();
    return;
  }
  page.more.textContent = page.tr("explorer.more", { n: left });
  page.results.after(page.more);
}

function announce(page, state, items) {
  const { tr, status } = page;
  const { PROGRAM } = page.ex;
  const seen = new Uint8Array(page.ex.data.programs.length);
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
export function show(page, state, keepStatic = false) {
  const { results } = page;
  const t0 = performance.now();
  const nowUtc = Math.floor(Date.now() / 60_000);
  const { list, range } = match(page.ex, state, page.facet, nowUtc);
  const view = {
    items: list,
    shown: 0,
    state,
    range,
    now: nowUtc,
    container: results,
    lastDay: -Infinity,
    list: null,
  };
  page.view = view;
  const until = results.dataset.until;
  if (keepStatic && until) {
    const untilLocal = dayNumber(until) * DAY;
    const days = [...results.querySelectorAll("[data-day]")];
    view.shown = list.findIndex((i) => page.ex.START_LOCAL[i] >= untilLocal);
    if (view.shown < 0) view.shown = list.length;
    view.lastDay = days.length ? dayNumber(days.at(-1).dataset.day) : dayNumber(until) - 1;
    if (view.lastDay < dayNumber(until) - 1) view.lastDay = dayNumber(until) - 1;
    updateMore(page);
  } else {
    // Built off the page, then swapped in at once: one style and layout pass.
    view.container = document.createDocumentFragment();
    renderBatch(page);
    if (!list.length && !view.container.children.length)
      view.container.append(el("p", "empty", page.tr("explorer.nothing")));
    results.replaceChildren(view.container);
    view.container = results;
  }
  announce(page, state, list);
  performance.measure("almanac:explorer-filter", { start: t0, end: performance.now() });
}
