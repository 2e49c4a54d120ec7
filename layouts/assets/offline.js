// The offline page's script (/offline/, see docs/offline.md). The service worker shows
// that page in place of any page this device has not saved, at the address asked for.
// When the address is a program (/programs/<id>/) or a month calendar (/calendar/YYYY/MM/)
// of this build, this draws a short version of it from /offline/data.json (precached with
// the page; src/offline/offline-data.ts), so every program and month opens offline. Every
// value goes in as text (textContent), never as HTML. Anything else keeps the plain
// "You are offline" page.

import { translatorOf } from "./lib/strings.js";

// The site in another language (`/es`, src/site/languages.ts) has its own offline page,
// data and pages; `""` for the first language.
const VIEW = document.querySelector("[data-offline-view]");
const PAGES = VIEW?.dataset.pages || "";
const DATA_URL = `${PAGES}/offline/data.json`;
const PROGRAM = /^\/programs\/([a-z0-9-]+)\/?$/;
const MONTH = /^\/calendar\/(\d{4})\/(\d{2})\/?$/;

// Interface text, in the page's language: the messages the page carries (`data-strings`,
// from the build's string tables, src/i18n/strings.ts), `{name}`s filled in, a count's
// plural form picked by `n`.
const tr = translatorOf(VIEW);

/** `lang` and `dir` for a program shown untranslated, in its own language (`lg`, `ld`). */
function inLanguage(program) {
  return { lang: program.lg, dir: program.ld };
}

/** An element with a class (optional), attributes and children (text or elements). */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * Formatting in the library's zone and locale, as the site's pages do it; a time in an hour
 * that happens twice as the pages print it, with the zone's name (`zoneTimes`, by minute).
 */
function formatting({ timezone: timeZone, locale }, zoneTimes = {}) {
  const make = (options, zone = timeZone) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
  const long = { weekday: "long", month: "long", day: "numeric", year: "numeric" };
  const short = { weekday: "short", month: "short", day: "numeric" };
  const longDate = make(long);
  const shortDate = make(short);
  const clock = make({ hour: "numeric", minute: "2-digit" });
  const time = { format: (ms) => zoneTimes[ms / 60_000] ?? clock.format(ms) };
  const shortDateUtc = make(short, "UTC");
  const longDateUtc = make(long, "UTC");
  const ymd = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  /** `YYYY-MM-DD` of a moment in the library's zone. */
  const dayKey = (ms) => ymd.format(ms);
  /** Noon UTC of a `YYYY-MM-DD` plus `days`: a day to format with the UTC formatters. */
  const dayPlus = (key, days) => {
    const [y, m, d] = key.split("-").map(Number);
    return Date.UTC(y, m - 1, d + days, 12);
  };
  return {
    dayKey,
    /** "Saturday, November 28, 2026" of a `YYYY-MM-DD`. */
    longDay: (key) => longDateUtc.format(dayPlus(key, 0)),
    longDate: (ms) => longDate.format(ms),
    time: (ms) => time.format(ms),
    /** "6:00 PM – 7:30 PM", "All day", "All day, until Sun, Apr 18". */
    span([start, length], allDay) {
      const ms = start * 60_000;
      const end = ms + length * 60_000;
      if (allDay) {
        // The end is the midnight after the last day: a minute before is on that day.
        const last = dayKey(end - 60_000);
        return last === dayKey(ms)
          ? tr("time.allDay")
          : tr("time.allDayUntil", { date: shortDateUtc.format(dayPlus(last, 0)) });
      }
      const endText =
        dayKey(end) === dayKey(ms)
          ? time.format(end)
          : `${shortDate.format(end)}${tr("list.separator")}${time.format(end)}`;
      return `${time.format(ms)} – ${endText}`;
    },
  };
}

/** When a date is over, in milliseconds. */
const endOf = ([start, length]) => (start + length) * 60_000;

/** The banner of a program that is not `scheduled`. */
const STATUS = (status) => tr(`offline.status.${status}`);

/** What registration is like, by its state (src/site/registration.ts). */
const REGISTRATION = (state) => tr(`offline.registration.${state}`);

/** The "short version" note, with a Try again link (register-sw.js reloads when online). */
function note(what) {
  return el(
    "p",
    { class: "banner", role: "note" },
    `${tr(what)} `,
    el("a", { href: "", "data-offline-retry": true }, tr("offlinePage.retry")),
  );
}

function programView(data, id, program, f, now) {
  const allDay = program.allDay === true;
  const dates = program.dates.filter((d) => endOf(d) > now);
  const next = dates.find((d) => d.length < 3) ?? dates[0];
  const place = program.location ? data.locations[program.location] : undefined;
  const links = (ids, kind, labels) =>
    ids.flatMap((term, i) => [
      i ? tr("list.separator") : "",
      el("a", { href: `${PAGES}/${kind}/${encodeURIComponent(term)}/` }, labels[term] ?? term),
    ]);
  const facts = el(
    "dl",
    { class: "facts" },
    next && [
      el("dt", {}, tr("facts.next")),
      el("dd", {}, `${f.longDate(next[0] * 60_000)}${tr("list.separator")}${f.span(next, allDay)}`),
    ],
    place &&
      program.status !== "moved-online" && [
        el("dt", {}, tr("facts.where")),
        el(
          "dd",
          {},
          place.name + (program.room ? `${tr("list.separator")}${program.room}` : ""),
          el("br"),
          place.address,
        ),
      ],
    program.online && [el("dt", {}, tr("facts.online")), el("dd", {}, tr("offline.online"))],
    el("dt", {}, tr("facts.cost")),
    el("dd", {}, program.cost ?? tr("facts.free")),
    el("dt", {}, tr("facts.for")),
    el("dd", {}, links(program.audiences, "audiences", data.audiences)),
    el("dt", {}, tr("facts.topics")),
    el("dd", {}, links(program.categories, "categories", data.categories)),
  );
  let registration;
  if (program.registration) {
    const { required, phases } = program.registration;
    let state = phases[0][0];
    for (const [name, from] of phases) if (from !== undefined && from * 60_000 <= now) state = name;
    registration = el(
      "section",
      { class: "registration", "aria-labelledby": "offline-registration" },
      el("h2", { id: "offline-registration" }, tr("registration.heading")),
      el("p", {}, tr(required ? "registration.required" : "registration.welcome")),
      el("p", {}, state ? REGISTRATION(state) : ""),
    );
  }
  return [
    el("h1", inLanguage(program), program.title),
    note("offline.programNote"),
    program.status &&
      program.status !== "scheduled" &&
      el(
        "p",
        {
          class: `banner${program.status === "cancelled" ? " banner-cancelled" : ""}`,
          role: "note",
        },
        STATUS(program.status),
      ),
    !dates.length && el("p", { class: "banner", role: "note" }, tr("program.past")),
    el("p", { class: "lead", ...inLanguage(program) }, program.summary),
    facts,
    registration,
    dates.length > 0 &&
      el(
        "section",
        { "aria-labelledby": "offline-dates" },
        el("h2", { id: "offline-dates" }, tr("program.dates")),
        el(
          "ul",
          { class: "dates" },
          dates.map((d) =>
            el(
              "li",
              { class: d[2] ? "is-cancelled" : undefined },
              el(
                "time",
                { datetime: new Date(d[0] * 60_000).toISOString() },
                `${f.longDate(d[0] * 60_000)}${tr("list.separator")}${f.span(d, allDay)}`,
              ),
              d[2]
                ? [" ", el("span", { class: "badge badge-cancelled" }, tr("badge.cancelled"))]
                : [],
            ),
          ),
        ),
      ),
    program.accessibility &&
      el(
        "section",
        { "aria-labelledby": "offline-access" },
        el("h2", { id: "offline-access" }, tr("facts.accessibility")),
        el("p", {}, program.accessibility),
      ),
  ];
}

function monthView(data, key, f, now) {
  const index = data.months.findIndex((m) => m.key === key);
  const month = data.months[index];
  const days = new Map();
  const day = (date) => {
    if (!days.has(date)) days.set(date, { closures: [], items: [] });
    return days.get(date);
  };
  for (const [id, program] of Object.entries(data.programs)) {
    const allDay = program.allDay === true;
    for (const d of program.dates) {
      const ms = d[0] * 60_000;
      const date = f.dayKey(ms);
      if (!date.startsWith(key) || endOf(d) <= now) continue;
      day(date).items.push({ id, program, date: d, ms, allDay });
    }
  }
  for (const [date, closures] of Object.entries(data.closures)) {
    if (date.startsWith(key)) day(date).closures = closures;
  }
  // Arrows point the way the page reads: in a right-to-left language, back is to the right.
  const [back, on] = document.documentElement.dir === "rtl" ? ["→", "←"] : ["←", "→"];
  const nav = el(
    "nav",
    { class: "view-links", "aria-label": tr("calendar.months") },
    index > 0 &&
      el(
        "a",
        { href: monthUrl(data.months[index - 1].key), rel: "prev" },
        `${back} ${data.months[index - 1].title}`,
      ),
    index > 0 && index < data.months.length - 1 && " · ",
    index < data.months.length - 1 &&
      el(
        "a",
        { href: monthUrl(data.months[index + 1].key), rel: "next" },
        `${data.months[index + 1].title} ${on}`,
      ),
  );
  const sections = [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, { closures, items }]) =>
      el(
        "section",
        { class: "day", "aria-labelledby": `day-${date}` },
        el(
          "h2",
          { id: `day-${date}`, class: "day-heading" },
          el("time", { datetime: date }, f.longDay(date)),
        ),
        closures.map((c) =>
          el(
            "p",
            {},
            el(
              "strong",
              {},
              `${c.name ? tr("closure.place", { name: c.name }) : tr("closure.library")}${c.reason ? `: ${c.reason}` : ""}`,
            ),
          ),
        ),
        items.length > 0 &&
          el(
            "ul",
            { class: "listings" },
            items
              .sort((a, b) => a.ms - b.ms || a.program.title.localeCompare(b.program.title))
              .map(({ id, program, date: d, allDay }) => {
                const off = d[2] === 1 || program.status === "cancelled";
                const place = program.location ? data.locations[program.location] : undefined;
                return el(
                  "li",
                  { class: `listing${off ? " is-cancelled" : ""}` },
                  el("span", { class: "when" }, f.span(d, allDay)),
                  el(
                    "a",
                    {
                      class: "listing-title",
                      href: `${PAGES}/programs/${encodeURIComponent(id)}/`,
                      ...inLanguage(program),
                    },
                    program.title,
                  ),
                  off && [
                    " ",
                    el("span", { class: "badge badge-cancelled" }, tr("badge.cancelled")),
                  ],
                  el(
                    "span",
                    { class: "listing-meta" },
                    [place && place.name, program.online && tr("listing.online")]
                      .filter(Boolean)
                      .join(" · "),
                  ),
                );
              }),
          ),
      ),
    );
  return [
    el("h1", {}, tr("calendar.heading", { month: month.title })),
    note("offline.monthNote"),
    nav,
    sections.length
      ? sections
      : el("p", { class: "empty" }, tr("offline.noMonth", { month: month.title })),
  ];
}

function monthUrl(key) {
  return `${PAGES}/calendar/${key.slice(0, 4)}/${key.slice(5, 7)}/`;
}

// Returns what it drew: "program", "month", or "none" (the plain offline message stays).
async function draw() {
  const path =
    PAGES && location.pathname.startsWith(`${PAGES}/`)
      ? location.pathname.slice(PAGES.length)
      : location.pathname;
  const program = PROGRAM.exec(path);
  const month = MONTH.exec(path);
  if (!program && !month) return "none";
  const data = await fetch(DATA_URL)
    .then((response) => (response.ok ? response.json() : undefined))
    .catch(() => undefined);
  if (!data || data.version !== 1) return "none";
  // Each date's start is given after the one before it (src/offline/offline-data.ts).
  for (const p of Object.values(data.programs)) {
    let start = 0;
    p.dates = p.dates.map(([delta, ...rest]) => [(start += delta), ...rest]);
  }
  const f = formatting(data.library, data.zoneTimes);
  const now = Date.now();
  let view;
  let title;
  let kind = "none";
  if (program && Object.hasOwn(data.programs, program[1])) {
    view = programView(data, program[1], data.programs[program[1]], f, now);
    title = data.programs[program[1]].title;
    kind = "program";
  } else if (month && data.months.some((m) => m.key === `${month[1]}-${month[2]}`)) {
    const key = `${month[1]}-${month[2]}`;
    view = monthView(data, key, f, now);
    title = tr("calendar.heading", { month: data.months.find((m) => m.key === key).title });
    kind = "month";
  }
  const target = document.querySelector("[data-offline-view]");
  const generic = document.querySelector("[data-offline-generic]");
  if (!view || !target || !generic) return "none";
  target.replaceChildren(...view.flat().filter(Boolean));
  target.hidden = false;
  generic.hidden = true;
  document.title = `${title} · ${data.library.name}`;
  return kind;
}

// Says on <body> when it is done (data-offline-drawn), for scripts and tests that wait.
draw()
  .catch(() => "none")
  .then((kind) => {
    document.body.dataset.offlineDrawn = kind;
  });
