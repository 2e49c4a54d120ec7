// "Save" buttons for My plan, a patron's shortlist (/my-plan/, layouts/assets/my-plan.js):
// on every listed date (listings, the explorer's results) a toggle that saves that date,
// and on a program page two, "Save next date" and "Save all dates". The buttons are made
// here, so without JavaScript none shows. The plan lives in this browser's localStorage
// only: nothing is sent anywhere.
//
// The plan's storage is lib/plan-store.js, which the My plan page uses too.
//
// Its words are in the page's language: the messages of the file its own <script> element
// names (`data-strings-src`, one file a language from the build's string tables,
// src/i18n/strings.ts `stringsFile`), not in every page. No words, no buttons.
import { keyOf, MAX_ENTRIES, planStorage, readPlan, STORE, writePlan } from "./lib/plan-store.js";
import { translatorFrom } from "./lib/strings.js";

const storage = planStorage(); // none (or turned off): no buttons

// The <script> that loaded this module names the words (a module has no currentScript).
const script =
  typeof document === "undefined"
    ? null
    : [...document.querySelectorAll("script[data-strings-src]")].find(
        (s) => s.src === import.meta.url,
      );
/** A message, its `{name}`s filled in, a count's plural form picked by `n` (once read). */
let tr;

const buttons = new Map(); // key -> buttons
let status;

function announce(text) {
  if (!status) {
    status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    (document.querySelector("main") || document.body).append(status);
  }
  // Cleared first, so saying the same thing twice is announced twice.
  status.textContent = "";
  setTimeout(() => {
    status.textContent = text;
  }, 50);
}

const savedKeys = () => new Set(readPlan(storage).map((e) => e.k));

/** Every button's state from the store; buttons no longer in the page are let go. */
function refresh() {
  const saved = savedKeys();
  for (const [key, list] of buttons) {
    const kept = list.filter((b) => b.isConnected);
    if (kept.length) buttons.set(key, kept);
    else buttons.delete(key);
    for (const b of kept) b.setAttribute("aria-pressed", String(saved.has(key)));
  }
}

function toggle(button) {
  const { key, title, when } = button.dataset;
  const entries = readPlan(storage);
  const at = entries.findIndex((e) => e.k === key);
  const saving = at < 0;
  if (saving) {
    if (entries.length >= MAX_ENTRIES) {
      announce(tr("planScript.full", { n: MAX_ENTRIES }));
      return;
    }
    entries.push({ k: key, t: title, ...(when && { w: when }) });
  } else entries.splice(at, 1);
  if (!writePlan(storage, entries)) {
    announce(tr("planScript.refused"));
    return;
  }
  refresh();
  const what = when ? tr("planScript.item", { title, when }) : tr("planScript.allDates", { title });
  announce(tr(saving ? "planScript.saved" : "planScript.removed", { what }));
}

/** A toggle button: its text, then words only screen readers read (which date). */
function makeButton(key, text, hidden, data, saved) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "plan-save";
  button.append(text);
  if (hidden) {
    const extra = document.createElement("span");
    extra.className = "visually-hidden";
    extra.textContent = ` ${hidden}`;
    button.append(extra);
  }
  Object.assign(button.dataset, { key, ...data });
  button.setAttribute("aria-pressed", String(saved.has(key)));
  button.addEventListener("click", () => toggle(button));
  if (!buttons.has(key)) buttons.set(key, []);
  buttons.get(key).push(button);
  return button;
}

const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : "");

/** A listed date (src/site/listing-html.ts, explorer.js): a "Save" toggle for it. */
function enhanceListing(li, saved) {
  li.dataset.planReady = "";
  // A timed row's start is its first `<time>`; an all-day row's is `data-start`.
  const start = Date.parse(li.dataset.start ?? li.querySelector(".when time")?.dateTime);
  const link = li.querySelector(":scope > a");
  // The program: its page's address, `/programs/<id>/` (`data-program` where the row links
  // elsewhere: a member's program on a consortium's site).
  const id = li.dataset.program ?? /\/programs\/(.+)\/$/.exec(link?.pathname ?? "")?.[1];
  if (!link || !id || Number.isNaN(start)) return;
  const title = text(link);
  const day = text(li.closest("[data-day]")?.querySelector(".day-heading"));
  const time = text(li.querySelector(".when"));
  const when = day ? `${day}, ${time}` : time;
  const key = keyOf(decodeURIComponent(id), start);
  const row = document.createElement("p");
  row.className = "plan-save-row";
  const label = tr("planScript.item", { title, when });
  row.append(makeButton(key, tr("planScript.save"), label, { title, when }, saved));
  li.append(row);
}

/** A program page's block (share.njk): "Save next date", "Save all dates", a link to the plan. */
function enhanceProgram(block, saved) {
  const { planProgram: id, planTitle: title, planStart, planEnds, planWhen } = block.dataset;
  const start = Date.parse(planStart);
  // The build's next date, unless it has ended since (the page is a day old at most).
  if (!Number.isNaN(start) && Date.parse(planEnds) > Date.now())
    block.append(
      makeButton(
        keyOf(id, start),
        tr("planScript.saveNext"),
        tr("planScript.nextOf", { title, when: planWhen }),
        {
          title,
          when: planWhen,
        },
        saved,
      ),
      " ",
    );
  const all = tr("planScript.allOf", { title });
  block.append(makeButton(id, tr("planScript.saveAll"), all, { title }, saved), " ");
  const link = document.createElement("a");
  link.href = "/my-plan/";
  link.textContent = tr("nav.plan");
  block.append(link);
  block.hidden = false;
}

function start() {
  const main = document.querySelector("main");
  if (!main) return;
  const saved = savedKeys();
  for (const block of main.querySelectorAll("[data-plan-program]")) enhanceProgram(block, saved);
  const listings = (saved) => {
    for (const li of main.querySelectorAll("li.listing:not([data-plan-ready])"))
      enhanceListing(li, saved);
  };
  listings(saved);
  // The explorer builds its results in the page: give them buttons as they come.
  const results = main.querySelector("[data-explorer-results]");
  if (results)
    new MutationObserver((changes) => {
      if (changes.some((c) => c.addedNodes.length)) listings(savedKeys());
    }).observe(results, { childList: true, subtree: true });
  // Another tab (or the My plan page) changed the plan.
  addEventListener("storage", (event) => {
    if (event.key === STORE || event.key === null) refresh();
  });
}

if (storage && typeof document !== "undefined")
  translatorFrom(script).then(
    (words) => {
      tr = words;
      start();
    },
    () => {}, // its words could not be read (offline, never cached): no buttons
  );
