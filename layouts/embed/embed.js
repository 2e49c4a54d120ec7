// The embeddable widget, served minified at the stable address `/embed.js` (not hashed:
// partner and school sites paste it, docs/embed.md). It defines
//
//   <almanac-programs audience="teens" location="central" category="technology"
//                     language="es" access="asl" age="14" limit="5" lang="es">
//
// which shows the library's next matching programs (title, date and time in the library's
// time zone, place, a link to the program's page) in a shadow root with its own styles.
// It reads the small per-facet files the build writes under `/embed/data/` (see
// src/outputs/embed-data.ts), never `/programs.json`: one file for each filter it is given,
// matched against every filter and merged in the catalogue's order, which is exact up to
// where the files reach. `lang` is the language of the widget's own words and dates (the
// library's locale by default); `language` filters programs by the language they are in.
//
// A classic script (not a module), so that `document.currentScript` says where the data
// is: next to this file, on whichever origin serves it. Under a host's strict CSP it needs
// only `script-src` and `connect-src` for this origin: no inline script, no eval, and its
// styles are a constructed stylesheet (CSSOM, outside `style-src`). Published as one
// classic script with the module it imports (src/outputs/embed-script.ts).
import { EMBED_ATTRIBUTES } from "../assets/lib/embed-attributes.js";

(() => {
  if (customElements.get("almanac-programs")) return; // pasted twice
  const script =
    document.currentScript || document.querySelector('script[src$="/embed.js"]') || null;
  const SITE = new URL(".", script ? script.src : location.href);
  const DATA = new URL("embed/data/", SITE);
  const VERSION = 1;
  const MAX = 20;
  const ID = /^[A-Za-z0-9-]{1,64}$/;
  const FACETS = ["audience", "category", "location", "language"];
  const TARGETS = ["_top", "_blank", "_parent", "_self"];

  // The widget's own words. Titles and places are the library's, in its language.
  const WORDS = {
    en: [
      "Upcoming programs",
      "Loading programs…",
      "No upcoming programs match.",
      "Programs could not be loaded.",
      "More programs at {}",
      "Online",
      "Cancelled",
      "Postponed",
      "Rescheduled",
      "Moved online",
    ],
    es: [
      "Próximas actividades",
      "Cargando actividades…",
      "No hay próximas actividades que coincidan.",
      "No se pudieron cargar las actividades.",
      "Más actividades en {}",
      "En línea",
      "Cancelada",
      "Aplazada",
      "Reprogramada",
      "Ahora en línea",
    ],
    fr: [
      "Prochaines activités",
      "Chargement des activités…",
      "Aucune activité à venir ne correspond.",
      "Les activités n’ont pas pu être chargées.",
      "Plus d’activités : {}",
      "En ligne",
      "Annulée",
      "Reportée",
      "Reprogrammée",
      "Désormais en ligne",
    ],
    de: [
      "Nächste Veranstaltungen",
      "Veranstaltungen werden geladen…",
      "Keine kommenden Veranstaltungen gefunden.",
      "Die Veranstaltungen konnten nicht geladen werden.",
      "Mehr Veranstaltungen: {}",
      "Online",
      "Abgesagt",
      "Verschoben",
      "Neu angesetzt",
      "Jetzt online",
    ],
    ar: [
      "الأنشطة القادمة",
      "جارٍ تحميل الأنشطة…",
      "لا توجد أنشطة قادمة مطابقة.",
      "تعذّر تحميل الأنشطة.",
      "المزيد من الأنشطة في {}",
      "عبر الإنترنت",
      "ملغى",
      "مؤجَّل",
      "موعد جديد",
      "نُقل إلى الإنترنت",
    ],
  };
  /** Languages written right to left, of those a widget may be asked for. */
  const RTL = /^(ar|he|fa|ur)(-|$)/i;
  const STATUS = { cancelled: 6, postponed: 7, rescheduled: 8, "moved-online": 9 };

  const CSS = `
:host{display:block;color:var(--almanac-text,#1b1b1b);background:var(--almanac-background,#fff);font:inherit;line-height:1.4}
:host([hidden]){display:none}
section{padding:var(--almanac-padding,0)}
h2,h3,h4,h5,h6{margin:0;font-size:1.25em;line-height:1.25}
ul{list-style:none;margin:.75em 0;padding:0}
li{padding:.6em 0;border-top:1px solid #c8c8c8}
li h3,li h4,li h5,li h6{font-size:1.05em}
p{margin:.15em 0}
a{color:var(--almanac-link,#1a4a85);text-decoration:underline;text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
a:focus-visible{outline:3px solid var(--almanac-focus,#1a4a85);outline-offset:2px;border-radius:2px}
.when{font-weight:600}
.place{color:var(--almanac-muted,#4a4a4a)}
.badge{display:inline-block;margin-inline-start:.4em;padding:0 .35em;border:1px solid currentColor;border-radius:3px;color:#8c1d18;font-size:.85em;font-weight:600}
.off .when{text-decoration:line-through}
.note{margin:.75em 0}`;

  const files = new Map();
  /** A data file, fetched once per page; null when it does not exist (an unknown id). */
  function load(name) {
    if (!files.has(name)) {
      files.set(
        name,
        fetch(new URL(`${name}.json`, DATA), { credentials: "omit" }).then((r) => {
          if (r.status === 404) return null;
          if (!r.ok) throw new Error(`${r.status}`);
          return r.json().then((d) => {
            if (d.v !== VERSION) throw new Error(`data version ${d.v}`);
            return d;
          });
        }),
      );
    }
    return files.get(name);
  }

  const h = (tag, props, ...children) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) if (v != null) el.setAttribute(k, v);
    el.append(...children);
    return el;
  };

  function format(locale, options) {
    try {
      return new Intl.DateTimeFormat(locale, options);
    } catch {
      return new Intl.DateTimeFormat(undefined, options);
    }
  }
  const range = (f, a, b) => (f.formatRange ? f.formatRange(a, b) : f.format(a));
  /** Today's date in `zone`, as YYYY-MM-DD. */
  function today(zone, now) {
    const parts = {};
    for (const p of format("en", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(now))
      parts[p.type] = p.value;
    return `${parts.year}-${parts.month}-${parts.day}`;
  }

  class AlmanacPrograms extends HTMLElement {
    static get observedAttributes() {
      return [...EMBED_ATTRIBUTES, "target"];
    }

    constructor() {
      super();
      this.root = this.attachShadow({ mode: "open" });
      if ("adoptedStyleSheets" in this.root && window.CSSStyleSheet) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        this.root.adoptedStyleSheets = [sheet];
      } else {
        this.root.append(h("style", {}, CSS));
      }
      this.run = 0;
    }

    connectedCallback() {
      this.update();
    }

    attributeChangedCallback() {
      if (this.isConnected) this.update();
    }

    /** Renders once per batch of attribute changes. */
    update() {
      if (this.queued) return;
      this.queued = true;
      queueMicrotask(() => {
        this.queued = false;
        this.render(++this.run);
      });
    }

    /** What the attributes ask for. */
    filters() {
      const get = (n) => (this.getAttribute(n) || "").trim();
      const f = {
        access: get("access")
          .split(/[\s,]+/)
          .filter(Boolean),
      };
      for (const n of FACETS) f[n] = get(n);
      const age = get("age");
      f.age = /^\d{1,3}$/.test(age) ? Number(age) : undefined;
      const limit = parseInt(get("limit"), 10);
      f.limit = limit > 0 ? Math.min(limit, MAX) : 5;
      return f;
    }

    async render(run) {
      const f = this.filters();
      const level = Math.min(Math.max(parseInt(this.getAttribute("heading-level"), 10) || 2, 1), 5);
      const lang = (this.getAttribute("lang") || "").trim();
      // Where links open: the iframe page (/embed/) sends them to the whole window.
      const target = TARGETS.includes(this.getAttribute("target"))
        ? this.getAttribute("target")
        : null;
      // The words' language: the one asked for, or English when the widget has no words
      // in it (marked so: a screen reader then reads them in English).
      let wordsLang = WORDS[lang.split("-")[0].toLowerCase()] ? lang : "en";
      let words = WORDS[wordsLang.split("-")[0].toLowerCase()];
      const heading = h(`h${level}`, { id: "heading" }, this.getAttribute("heading") || words[0]);
      const status = h("p", { class: "note", role: "status" }, words[1]);
      const section = h("section", { "aria-labelledby": "heading" }, heading, status);
      this.root.replaceChildren(section);

      // The files of the facets filtered on (all.json when none): each holds every match.
      const names = [];
      let unknown = false;
      for (const n of FACETS) {
        if (!f[n] || (n === "location" && f[n] === "online")) continue;
        if (ID.test(f[n])) names.push(`${n}/${f[n]}`);
        else unknown = true;
      }
      for (const id of f.access) {
        if (ID.test(id)) names.push(`access/${id}`);
        else unknown = true;
      }
      if (!names.length) names.push("all");
      let data;
      try {
        data = await Promise.all(names.map(load));
      } catch (error) {
        if (run !== this.run) return;
        status.textContent = words[3];
        console.warn("almanac-programs:", error);
        return;
      }
      if (run !== this.run) return;
      const found = data.filter(Boolean);
      if (found.length < data.length) unknown = true;
      const library = found[0] ? found[0].library : undefined;
      if (library && !lang) {
        // No `lang`: the library's own language for the words (its site's), its locale
        // for the dates.
        wordsLang = WORDS[library.language]
          ? library.language
          : WORDS[library.locale.split("-")[0]]
            ? library.locale
            : "en";
        words = WORDS[wordsLang.split("-")[0].toLowerCase()];
        heading.textContent = this.getAttribute("heading") || words[0];
      }

      const now = Date.now();
      const matches = new Map();
      for (const file of unknown ? [] : found) {
        const day = today(file.library.timezone, now);
        for (const o of file.occurrences) {
          const p = file.programs[o.p];
          if (matches.has(o.n) || !this.fits(p, f)) continue;
          if (o.allDay ? o.end < day : Date.parse(o.end) <= now) continue;
          matches.set(o.n, { o, p });
        }
      }
      const shown = [...matches.keys()]
        .sort((a, b) => a - b)
        .slice(0, f.limit)
        .map((n) => matches.get(n));

      if (lang || library) section.lang = lang || library.locale;
      if (RTL.test(section.lang)) section.dir = "rtl";
      // Words in another language than the section's (English for a `lang` it has none in).
      const ownWords = (el) => {
        if (section.lang && wordsLang.split("-")[0] !== section.lang.split("-")[0]) {
          el.lang = wordsLang;
          el.dir = RTL.test(wordsLang) ? "rtl" : "ltr";
        }
        return el;
      };
      if (!this.getAttribute("heading")) ownWords(heading);
      ownWords(status);
      if (!shown.length) status.textContent = words[2];
      else status.remove();
      if (shown.length) {
        const locale = lang || library.locale;
        const zone = library.timezone;
        const thisYear = today(zone, now).slice(0, 4);
        const list = h("ul", {});
        for (const { o, p } of shown) {
          const year = o.start.slice(0, 4) !== thisYear ? "numeric" : undefined;
          const day = { weekday: "short", month: "short", day: "numeric", year };
          let when;
          if (o.allDay) {
            const noon = (d) => new Date(`${d}T12:00:00Z`);
            when = range(format(locale, { ...day, timeZone: "UTC" }), noon(o.start), noon(o.end));
          } else {
            const time = { hour: "numeric", minute: "2-digit", timeZone: zone };
            const start = new Date(o.start);
            const end = new Date(o.end);
            if (!o.z) when = range(format(locale, { ...day, ...time }), start, end);
            else {
              // A time in an hour that happens twice names its zone, as the pages do
              // ("11:00 PM CDT – 11:30 PM CST"): start and end each formatted, the end's
              // date only when it is another day.
              const named = (bit, options) =>
                format(locale, {
                  ...options,
                  ...time,
                  ...(o.z & bit && { timeZoneName: "short" }),
                });
              const endDay = today(zone, end) === today(zone, start) ? {} : day;
              when = `${named(1, day).format(start)} – ${named(2, endDay).format(end)}`;
            }
          }
          const state = o.cancelled ? "cancelled" : p.status;
          const title = h("a", { href: p.url, target }, p.title);
          if (library.language && !locale.toLowerCase().startsWith(library.language.toLowerCase()))
            title.lang = library.language;
          const whenLine = h("p", {}, h("time", { class: "when", datetime: o.start }, when));
          if (state && STATUS[state])
            whenLine.append(ownWords(h("span", { class: "badge" }, words[STATUS[state]])));
          const place = [p.place, p.online ? words[5] : null].filter(Boolean).join(" · ");
          list.append(
            h(
              "li",
              { class: state === "cancelled" ? "off" : null, "data-id": p.id },
              h(`h${level + 1}`, {}, title),
              whenLine,
              place ? h("p", { class: "place" }, place) : "",
            ),
          );
        }
        section.append(list);
      }
      // The rest, on the library's own explorer with the same filters.
      const site = library ? library.url : SITE.href.replace(/\/$/, "");
      const query = new URLSearchParams();
      for (const n of FACETS) if (f[n]) query.set(n, f[n]);
      if (f.access.length) query.set("access", f.access.join(","));
      if (f.age !== undefined) query.set("age", String(f.age));
      const q = query.toString();
      const more = words[4].replace("{}", library ? library.name : new URL(site).host);
      section.append(
        h(
          "p",
          { class: "note" },
          ownWords(h("a", { href: `${site}/programs/${q ? `?${q}` : ""}`, target }, more)),
        ),
      );
      this.dispatchEvent(
        new CustomEvent("almanac-rendered", { bubbles: true, detail: { count: shown.length } }),
      );
    }

    fits(p, f) {
      const has = (list, v) => !!list && list.includes(v);
      return (
        (!f.audience || has(p.a, f.audience)) &&
        (!f.category || has(p.c, f.category)) &&
        (!f.language || has(p.g, f.language)) &&
        (!f.location || (f.location === "online" ? !!p.online : p.l === f.location)) &&
        f.access.every((x) => has(p.x, x)) &&
        (f.age === undefined || (p.ages || []).some((r) => r[0] <= f.age && f.age <= r[1]))
      );
    }
  }

  customElements.define("almanac-programs", AlmanacPrograms);
})();
