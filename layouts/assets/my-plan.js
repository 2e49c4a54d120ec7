// The My plan page, /my-plan/ (layouts/pages/my-plan.njk): what the patron saved with the
// Save buttons (layouts/assets/plan.js), in date order, checked against the current data:
// the explorer's data file (src/outputs/explorer-data.ts), which the service worker
// precaches with this page, so the plan opens offline. Dates cancelled, moved (a saved date
// the data no longer has: the program's next date is shown) or gone are flagged. It makes
// a calendar file of the saved dates in the page (a Blob downloaded through a link: no
// request), prints, and shares: `/my-plan/?p=<id>@<start>,<id>` opens a read-only view
// that offers to add those to one's own plan. Nothing is sent anywhere; the plan is in
// localStorage only.
//
// This file is the page's wiring; the work is in lib/: the plan's storage (plan-store.js,
// which the Save buttons, plan.js, use too), the data (my-plan/data.js), the plan checked
// against it and share links (my-plan/plan.js), and the calendar file (my-plan/calendar.js).
// Its words are the page's (`data-strings` on [data-plan], from the build's string tables,
// src/i18n/strings.ts).
import { el, markedNodes, textIn } from "./lib/dom.js";
import { dateLabel, decodeData } from "./lib/my-plan/data.js";
import { planCalendar } from "./lib/my-plan/calendar.js";
import { resolvePlan, sharedKeys, shareUrl } from "./lib/my-plan/plan.js";
import {
  keyOf,
  MAX_ENTRIES,
  parseKey,
  planStorage,
  readPlan,
  STORE,
  writePlan,
} from "./lib/plan-store.js";
import { translatorOf } from "./lib/strings.js";

const root = document.querySelector("[data-plan]");
const tr = translatorOf(root);

const storage = planStorage();

const $ = (selector) => document.querySelector(selector);

let model; // the decoded data, or null when it did not load
let pages = ""; // where the site's pages are in this language ("/es"; "" for the first)
let shared; // the keys of a share link being viewed, or undefined for one's own plan
let rows = [];

function say(text) {
  const status = $("[data-plan-status]");
  status.textContent = "";
  setTimeout(() => {
    status.textContent = text;
  }, 50);
}

/** `<time>day</time>, time` of a date (Arabic "، ": `list.separator`). */
function whenOf(program, d) {
  const label = dateLabel(model, program, d, tr);
  const node = el("span", "plan-date");
  const time = el("time", "", label.day);
  time.dateTime = label.datetime;
  const separator = tr("list.separator");
  node.append(time, `${separator}${label.time}`);
  return { node, text: `${label.day}${separator}${label.time}` };
}

/** The states a row is flagged with: its badge and its note. */
const NOTED = new Set(["cancelled", "moved", "past", "gone", "unchecked"]);

function renderRow(row) {
  const li = el("li", `plan-item is-${row.state}`);
  li.dataset.planKey = row.key;
  const p = row.program;
  let whenText = row.saved || "";
  const when = el("p", "plan-when");
  if (row.date) {
    const w = whenOf(p, row.date);
    whenText = w.text;
    if (!row.whole) when.append(w.node);
    else if (row.more > 0)
      when.append(...tr.nodes("myPlanScript.allNextMore", { date: w.node, n: row.more }));
    else when.append(...tr.nodes("myPlanScript.allNext", { date: w.node }));
  } else if (row.saved) {
    when.append(row.saved);
  } else if (row.whole) {
    when.append(tr("myPlanScript.allDates"));
  } else {
    // Not in the data, saved without its words (from a share link): the library's clock.
    const at = new Date(parseKey(row.key).start);
    const format = new Intl.DateTimeFormat(lang(), {
      dateStyle: "full",
      timeStyle: "short",
      timeZone: root.dataset.zone,
    });
    const time = el("time", "", format.format(at));
    time.dateTime = at.toISOString();
    when.append(time);
  }
  const head = el("p", "plan-title");
  if (p) {
    const link = el("a", "", row.title);
    link.href = `${pages}/programs/${p.id}/`;
    if (p.lang) link.lang = p.lang;
    if (p.dir) link.dir = p.dir;
    head.append(link);
  } else head.append(row.title || row.id);
  const noted = NOTED.has(row.state);
  const badge = noted ? tr(`myPlanScript.badge.${row.state}`) : p && p.badge;
  if (badge)
    head.append(
      " ",
      el("span", row.state === "cancelled" ? "badge badge-cancelled" : "badge", badge),
    );
  li.append(when, head);
  if (p) {
    // Each fact as nodes: a name or label in another language than the page's is marked.
    const facts = [];
    const place = p.location;
    if (place) {
      const name = textIn(place.name, place.lg, place.ld);
      facts.push(p.room ? [name, tr("list.separator"), textIn(p.room, p.lang, p.dir)] : [name]);
    }
    if (p.online) facts.push([tr("listing.online")]);
    if (p.who) facts.push(markedNodes(p.who));
    if (facts.length) {
      const line = el("p", "plan-facts");
      facts.forEach((nodes, i) => line.append(...(i ? [" · "] : []), ...nodes));
      li.append(line);
    }
  }
  if (noted && !(row.state === "cancelled" && row.whole)) {
    const text = el("p", "plan-note", tr(`myPlanScript.note.${row.state}`));
    if (row.state === "moved") {
      if (row.next) {
        text.append(" ", ...tr.nodes("myPlanScript.nextDate", { date: whenOf(p, row.next).node }));
      } else text.append(" ", tr("myPlanScript.noOther"));
    }
    li.append(text);
  }
  if (!shared) {
    const actions = el("p", "plan-item-actions");
    if (row.state === "moved" && row.next) {
      const of = tr("planScript.allOf", { title: row.title });
      const swap = button(tr("myPlanScript.swap"), of, "button-secondary");
      swap.addEventListener("click", () => replace(row, p, row.next));
      actions.append(swap, " ");
    }
    // A whole program's entry removes every date: its button says so, not the next date.
    const what =
      whenText && !row.whole
        ? tr("planScript.item", { title: row.title, when: whenText })
        : tr("planScript.allDates", { title: row.title });
    const remove = button(tr("myPlanScript.remove"), what, "button-secondary");
    remove.dataset.planRemove = row.key;
    remove.addEventListener("click", () => removeEntry(row.key, what));
    actions.append(remove);
    li.append(actions);
  }
  return li;
}

function button(text, hidden, extraClass) {
  const b = el("button", `button ${extraClass || ""}`.trim(), text);
  b.type = "button";
  if (hidden) b.append(el("span", "visually-hidden", ` ${hidden}`));
  return b;
}

const lang = () => document.documentElement.lang || undefined;

function entriesShown() {
  if (!shared) return readPlan(storage);
  return shared.map((k) => {
    const { id } = parseKey(k);
    const program = model && model.programs.get(id);
    return { k, t: program ? program.title : id };
  });
}

function render() {
  rows = resolvePlan(entriesShown(), model, Date.now(), tr);
  const list = $("[data-plan-list]");
  list.replaceChildren(...rows.map(renderRow));
  list.hidden = rows.length === 0;
  $("[data-plan-empty]").hidden = rows.length > 0 || !!shared;
  $("[data-plan-actions]").hidden = rows.length === 0;
  $("[data-plan-clear]").hidden = rows.length === 0 || !!shared;
  // The calendar file has each date once, however many entries hold it (a date saved on
  // its own and with all its program's dates): the note counts what the file gets.
  const dated = new Set(rows.flatMap((r) => r.dates.map((d) => `${r.program.id}@${d.start}`))).size;
  const ics = $("[data-plan-ics]");
  ics.hidden = dated === 0;
  $("[data-plan-ics-note]").textContent = dated ? tr("myPlanScript.icsNote", { n: dated }) : "";
  const keys = rows.map((r) => r.key);
  const link = $("[data-plan-share]");
  link.href = shareUrl(location.origin + location.pathname, keys);
  link.textContent = link.href;
}

function removeEntry(key, what) {
  const next = readPlan(storage).filter((e) => e.k !== key);
  const index = rows.findIndex((r) => r.key === key);
  writePlan(storage, next);
  render();
  say(tr("planScript.removed", { what }));
  // Focus where the row was: the next row's Remove button, else the list's heading.
  const buttons = document.querySelectorAll("[data-plan-remove]");
  (buttons[Math.min(index, buttons.length - 1)] || document.querySelector("h1")).focus();
}

function replace(row, program, next) {
  const entries = readPlan(storage);
  const key = keyOf(program.id, next.start * 60_000);
  const label = dateLabel(model, program, next, tr);
  const when = `${label.day}${tr("list.separator")}${label.time}`;
  const kept = entries.filter((e) => e.k !== row.key && e.k !== key);
  kept.push({ k: key, t: program.title, w: when });
  writePlan(storage, kept);
  render();
  say(tr("myPlanScript.swapped", { what: tr("planScript.item", { title: program.title, when }) }));
}

function download() {
  const { text } = planCalendar(rows, {
    siteUrl: root.dataset.siteUrl,
    name: root.dataset.library,
    nowMs: Date.now(),
    tr,
    pages,
  });
  // A link to an object URL, clicked: a download (navigation), not a fetch, so the page's
  // Content-Security-Policy has nothing to allow for it.
  const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const a = el("a");
  a.href = url;
  a.download = "my-plan.ics";
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function addShared() {
  const mine = readPlan(storage);
  const have = new Set(mine.map((e) => e.k));
  let added = 0;
  for (const row of rows) {
    if (have.has(row.key) || mine.length >= MAX_ENTRIES) continue;
    const w = row.date && !row.whole ? whenOf(row.program, row.date).text : undefined;
    mine.push({ k: row.key, t: row.title, ...(w && { w }) });
    added++;
  }
  writePlan(storage, mine);
  shared = undefined;
  history.replaceState(history.state, "", location.pathname);
  showMode();
  render();
  say(added ? tr("myPlanScript.added", { n: added }) : tr("myPlanScript.addedNone"));
  document.querySelector("h1").focus();
}

function showMode() {
  const h1 = document.querySelector("h1");
  h1.textContent = tr(shared ? "myPlanScript.sharedHeading" : "title.plan");
  $("[data-plan-shared]").hidden = !shared;
  $("[data-plan-share-block]").hidden = !!shared;
}

async function start() {
  document.querySelector("[data-plan-nojs]").hidden = true;
  root.hidden = false;
  if (!storage) {
    say(tr("myPlanScript.noStorage"));
    return;
  }
  shared = sharedKeys(location.search);
  showMode();
  try {
    const response = await fetch(root.dataset.src);
    if (!response.ok) throw new Error(String(response.status));
    const json = await response.json();
    if (json.v !== 1) throw new Error("unknown data version");
    model = decodeData(json);
    pages = json.pages || "";
  } catch {
    model = null;
    say(tr("myPlanScript.noData"));
  }
  render();
  $("[data-plan-ics]").addEventListener("click", download);
  $("[data-plan-print]").addEventListener("click", () => print());
  $("[data-plan-add]").addEventListener("click", addShared);
  const copy = $("[data-plan-copy]");
  if (navigator.clipboard && navigator.clipboard.writeText) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText($("[data-plan-share]").href);
        say(tr("myPlanScript.copied"));
      } catch {
        say(tr("myPlanScript.copyFailed"));
      }
    });
  }
  $("[data-plan-clear]").addEventListener("click", () => {
    if (!confirm(tr("myPlanScript.confirmClear"))) return;
    writePlan(storage, []);
    render();
    say(tr("myPlanScript.cleared"));
    document.querySelector("h1").focus();
  });
  // Saved or removed in another tab.
  addEventListener("storage", (event) => {
    if (!shared && (event.key === STORE || event.key === null)) render();
  });
  root.dataset.ready = "";
}

if (root) start();
