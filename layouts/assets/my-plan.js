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
// The functions above the page code are pure (test/my-plan.test.ts imports them); the
// plan's storage is lib/plan-store.js, which the Save buttons (plan.js) use too.
// Their words are the page's (`data-strings` on [data-plan], from the build's string
// tables, src/i18n/strings.ts), or those of the `tr` they are given.
import {
  MAX_ENTRIES,
  parseKey,
  planStorage,
  readPlan,
  STORE,
  validKey,
  writePlan,
} from "./lib/plan-store.js";
import { translatorOf } from "./lib/strings.js";
import { DAY, forEachDate, isoDay, isoTime, utcBasic, zoneClock } from "./lib/time.js";

const root = typeof document === "undefined" ? null : document.querySelector("[data-plan]");
const pageTr = translatorOf(root);

/** The keys of a share link's query (`?p=a@20261202T000000Z,b`): valid ones, once each. */
export function sharedKeys(search) {
  const value = new URLSearchParams(search).get("p");
  if (value === null) return undefined;
  return [...new Set(value.split(",").filter(validKey))].slice(0, MAX_ENTRIES);
}

/** The share link of `keys` (`@` and `,` need no escaping in a query). */
export function shareUrl(origin, keys) {
  return `${origin}/my-plan/?p=${keys.join(",")}`;
}

// ---------------------------------------------------------------------------------------
// The data: the explorer's file, its dates expanded as explorer.js expands them.

/**
 * The explorer's data as programs by id, each with its dates: `start`, `end` (minutes
 * since 1970 UTC), `ownStart`, `ownEnd` (wall-clock minutes in its own zone, the library's
 * unless written with an offset), `startDay` (day number in the library's zone) and
 * `cancelled`; plus the labels the pages print (`days`, `times`).
 */
export function decodeData(json) {
  const clock = zoneClock(json.offsets);
  const programs = new Map();
  for (const p of json.programs) {
    const dates = [];
    forEachDate(p, clock, (start, end, ownOffset, endOffset, cancelled, fixed) =>
      dates.push({
        start,
        end,
        ownStart: start + ownOffset,
        ownEnd: end + endOffset,
        ownOffset,
        endOffset,
        startDay: Math.floor(clock.toLocal(start) / DAY),
        cancelled,
        fixed,
      }),
    );
    const location = p.l === undefined ? undefined : json.locations[p.l];
    programs.set(p.id, {
      id: p.id,
      title: p.t,
      badge: p.b,
      location,
      room: p.r,
      online: !!p.on,
      who: p.w,
      allDay: !!p.ad,
      dates,
    });
  }
  return { programs, days: json.days, times: json.times, zulu: !!json.utc };
}

/**
 * How a date reads, as listings print it: `day` (its day heading), `time` ("6:00 PM –
 * 7:30 PM", "All day"), `datetime` (its start, for `<time>`).
 */
export function dateLabel(model, program, d, tr = pageTr) {
  const dayText = (day, short) => {
    const labels = model.days[day];
    return labels ? labels[short ? 1 : 0] : isoDay(day);
  };
  const timeText = (local) => model.times[((local % DAY) + DAY) % DAY] || "";
  const ownDay = (local) => Math.floor(local / DAY);
  if (program.allDay) {
    const last = ownDay(d.ownEnd) - 1;
    return {
      day: dayText(d.startDay, false),
      time:
        last === ownDay(d.ownStart)
          ? tr("time.allDay")
          : tr("time.allDayUntil", { date: dayText(last, true) }),
      datetime: isoDay(d.startDay),
    };
  }
  const zulu = model.zulu || d.fixed;
  const sameDay = ownDay(d.ownEnd) === ownDay(d.ownStart);
  const end = sameDay
    ? timeText(d.ownEnd)
    : `${dayText(ownDay(d.ownEnd), true)}, ${timeText(d.ownEnd)}`;
  return {
    day: dayText(d.startDay, false),
    time: `${timeText(d.ownStart)} – ${end}`,
    datetime: isoTime(d.ownStart, d.ownOffset, zulu),
  };
}

// ---------------------------------------------------------------------------------------
// The plan against the data.

/**
 * One row of the page per entry, in date order (then title):
 * - `state`: `ok`, `cancelled` (the date, or the whole program), `moved` (the saved date
 *   is not in the data any more, but is still ahead: `next` is the program's next date),
 *   `past` (it has ended), `gone` (the program has no upcoming date in the data: removed,
 *   or over);
 * - `date`: the saved date (one date) or the next one (a whole program, `more` after it);
 * - `dates`: what the calendar file gets (the date; every upcoming date of a program).
 * Without `model` (the data did not load) every row is `unchecked`.
 */
export function resolvePlan(entries, model, nowMs, tr = pageTr) {
  const now = Math.floor(nowMs / 60_000);
  const rows = entries.map((entry) => {
    const { id, start } = parseKey(entry.k);
    const startMin = start === undefined ? undefined : Math.floor(start / 60_000);
    const base = { key: entry.k, id, title: entry.t, saved: entry.w, whole: start === undefined };
    const sortBy = (minute) => ({ ...base, sort: minute ?? Infinity });
    if (!model) return { ...sortBy(startMin), state: "unchecked", dates: [] };
    const program = model.programs.get(id);
    if (!program) {
      const state = startMin !== undefined && startMin < now ? "past" : "gone";
      return { ...sortBy(startMin), state, dates: [] };
    }
    const named = { ...base, title: program.title, program };
    const upcoming = program.dates.filter((d) => d.end > now);
    const cancelledProgram = program.badge === tr("badge.cancelled");
    if (start === undefined) {
      const next = upcoming.find((d) => !d.cancelled) || upcoming[0];
      if (!next) return { ...named, sort: Infinity, state: "gone", dates: [] };
      return {
        ...named,
        sort: next.start,
        state: cancelledProgram ? "cancelled" : "ok",
        date: next,
        more: upcoming.length - 1,
        dates: upcoming,
      };
    }
    const date = program.dates.find((d) => d.start === startMin);
    if (date && date.end <= now) return { ...named, sort: startMin, state: "past", dates: [] };
    if (date) {
      const state = date.cancelled || cancelledProgram ? "cancelled" : "ok";
      return { ...named, sort: startMin, state, date, dates: [date] };
    }
    if (startMin < now) return { ...named, sort: startMin, state: "past", dates: [] };
    const next = upcoming.find((d) => !d.cancelled);
    return { ...named, sort: startMin, state: "moved", next, dates: [] };
  });
  return rows.sort(
    (a, b) => a.sort - b.sort || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
}

// ---------------------------------------------------------------------------------------
// The calendar file (RFC 5545), made here.

/** Escapes a TEXT value (RFC 5545 3.3.11). */
export function escapeText(text) {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

const utf8 = new TextEncoder();
// Not a literal: minified, "\r\n " would become a template literal with a raw line break.
const CRLF = String.fromCharCode(13, 10);

/** Folds a content line at 75 octets, between code points (RFC 5545 3.1). */
export function foldLine(line) {
  if (utf8.encode(line).length <= 75) return line;
  const parts = [];
  let current = "";
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8.encode(ch).length;
    if (size + n > limit) {
      parts.push(current);
      current = "";
      size = 0;
      limit = 74; // the continuation line's leading space is one octet
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const dayBasic = (day) => isoDay(day).replace(/-/g, "");
const hostOf = (siteUrl) => {
  try {
    return new URL(siteUrl).host;
  } catch {
    return siteUrl.replace(/^[a-z]+:\/\//i, "").replace(/\/.*$/, "");
  }
};

/**
 * The calendar file of `rows` (`resolvePlan`): one VEVENT per date, timed ones in UTC (a
 * single date needs no time zone rules), all-day ones as dates of the library's zone. The
 * UID is the one the site's calendars give a date written as an event of its own,
 * `<id>-<start in UTC>@<host>`, so importing the file again updates what it added. (A date
 * of a repeating program is, in the site's calendars, an instance of the series' UID; a
 * lone instance of a series other apps never saw imports badly, so it is not used here.)
 */
export function planCalendar(rows, { siteUrl, name, nowMs, tr = pageTr }) {
  const host = hostOf(siteUrl);
  const site = siteUrl.replace(/\/+$/, "");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Almanac//My plan//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(tr("myPlanScript.calendarName", { library: name }))}`,
  ];
  const seen = new Set();
  for (const row of rows) {
    const p = row.program;
    for (const d of row.dates) {
      const uid = `${p.id}-${utcBasic(d.start * 60_000)}@${host}`;
      if (seen.has(uid)) continue;
      seen.add(uid);
      const status =
        d.cancelled || p.badge === tr("badge.cancelled")
          ? "CANCELLED"
          : p.badge === tr("status.postponed")
            ? "TENTATIVE"
            : "CONFIRMED";
      const summary =
        status === "CANCELLED"
          ? tr("myPlanScript.calendarCancelled", { title: p.title })
          : status === "TENTATIVE"
            ? tr("myPlanScript.calendarPostponed", { title: p.title })
            : p.title;
      const url = `${site}${pages}/programs/${p.id}/`;
      const online = p.badge === tr("status.moved-online");
      const place = p.location && !online ? p.location : undefined;
      const where = place
        ? place.address
          ? `${place.name}, ${place.address}`
          : place.name
        : p.online
          ? tr("listing.online")
          : undefined;
      const description = [];
      if (p.room && place) description.push(tr("myPlanScript.calendarRoom", { room: p.room }));
      description.push(url);
      lines.push(
        "BEGIN:VEVENT",
        `UID:${uid}`,
        `DTSTAMP:${utcBasic(nowMs)}`,
        ...(p.allDay
          ? [
              `DTSTART;VALUE=DATE:${dayBasic(Math.floor(d.ownStart / DAY))}`,
              `DTEND;VALUE=DATE:${dayBasic(Math.floor(d.ownEnd / DAY))}`,
            ]
          : [`DTSTART:${utcBasic(d.start * 60_000)}`, `DTEND:${utcBasic(d.end * 60_000)}`]),
        `SUMMARY:${escapeText(summary)}`,
        // Paragraphs as the site's calendars write them: an escaped blank line between.
        `DESCRIPTION:${description.map(escapeText).join("\\n\\n")}`,
        `URL:${url}`,
        ...(where ? [`LOCATION:${escapeText(where)}`] : []),
        `STATUS:${status}`,
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR");
  return { text: lines.map((l) => foldLine(l) + CRLF).join(""), events: seen.size };
}

// ---------------------------------------------------------------------------------------
// The page.

const tr = pageTr;

const storage = planStorage();

const $ = (selector) => document.querySelector(selector);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

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

/** `<time>day</time>, time` of a date. */
function whenOf(program, d) {
  const label = dateLabel(model, program, d);
  const node = el("span", "plan-date");
  const time = el("time", "", label.day);
  time.dateTime = label.datetime;
  node.append(time, `, ${label.time}`);
  return { node, text: `${label.day}, ${label.time}` };
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
    const facts = [];
    if (p.location) facts.push(p.room ? `${p.location.name}, ${p.room}` : p.location.name);
    if (p.online) facts.push(tr("listing.online"));
    if (p.who) facts.push(p.who);
    if (facts.length) li.append(el("p", "plan-facts", facts.join(" · ")));
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
    const what = whenText
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
  rows = resolvePlan(entriesShown(), model, Date.now());
  const list = $("[data-plan-list]");
  list.replaceChildren(...rows.map(renderRow));
  list.hidden = rows.length === 0;
  $("[data-plan-empty]").hidden = rows.length > 0 || !!shared;
  $("[data-plan-actions]").hidden = rows.length === 0;
  $("[data-plan-clear]").hidden = rows.length === 0 || !!shared;
  const dated = rows.reduce((n, r) => n + r.dates.length, 0);
  const ics = $("[data-plan-ics]");
  ics.hidden = dated === 0;
  $("[data-plan-ics-note]").textContent = dated ? tr("myPlanScript.icsNote", { n: dated }) : "";
  const keys = rows.map((r) => r.key);
  const link = $("[data-plan-share]");
  link.href = shareUrl(location.origin, keys);
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
  const key = `${program.id}@${utcBasic(next.start * 60_000)}`;
  const label = dateLabel(model, program, next);
  const when = `${label.day}, ${label.time}`;
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
