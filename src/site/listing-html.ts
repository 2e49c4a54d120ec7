// The markup of the most repeated rows, made in code rather than by Nunjucks macros: each
// upcoming date is a row on /programs/ (and its later pages), on its audiences', categories'
// and location's pages, a quick view's and a month calendar's, so a large site prints tens
// of thousands of them, and a macro spent most of its time in Nunjucks' frames and lookups
// (issue 16); a month's print brochure lists each program once, with its dates, and a
// program page lists its next dates. Each value is escaped as Nunjucks escapes it
// (`escapeAsLayout`), each message as the `t` filter writes it, and the rows carry no class
// or element their stylesheets and scripts can do without (issue 16: they are most of a
// listing's bytes). Layouts call them through the filters of plugins/fragments.ts; a row is
// kept between preview runs in `site.cacheSlot` under the key the layouts used. The
// explorer (layouts/assets/lib/explorer/listing.js) builds the same listing row from its
// data file: change both (test/explorer.browser.test.ts compares them byte for byte).
import type { Listing, Occurrence, Program } from "../content/model.ts";
import { DEFAULT_COST } from "../content/schema/program.ts";
import { formatNumber, listSeparator, t, type Language, type TextWriter } from "../i18n/strings.ts";
import { escapeAsLayout as esc, escapeMessage } from "../text/html.ts";
import { endLabel, isoAttr, isoEnd, longDate, shortDate, timeOfDay, timeRange } from "./format.ts";
import type { FragmentSlot, Site } from "./site.ts";
import type { PrintEntry } from "../staff/staff-pages.ts";
import type { MarkedText } from "./program-facts.ts";

/** As the `t` filter writes a message (plugins/filters.ts), for plain-text values. */
const HTML: TextWriter = {
  text: escapeMessage,
  value: (value, lang) => esc(typeof value === "number" ? formatNumber(value, lang) : value),
};

/**
 * A message without values as markup, as the `t` filter writes it (plugins/filters.ts, which
 * calls this one), made once per language: every page asks for the same few dozen.
 */
const constant = new WeakMap<Language, Map<string, string>>();

export function constantMessage(key: string, lang: Language): string {
  let made = constant.get(lang);
  if (!made) constant.set(lang, (made = new Map()));
  let html = made.get(key);
  if (html === undefined) made.set(key, (html = t(key, lang, {}, HTML)));
  return html;
}

/**
 * ` lang="..."` (and ` dir="..."` when its direction is not the page's) for an item shown
 * in another language than the page's; nothing for an item in the page's language
 * (the `langAttrs` macro, layouts/includes/macros.njk).
 */
export function langAttrs(item: { lang?: string }, site: Site): string {
  return langAttrsOf(item.lang, site);
}

/** `langAttrs` for a text in the language `code` (none: the page's). */
function langAttrsOf(code: string | undefined, site: Site): string {
  if (!code) return "";
  const dir = site.dirOf(code);
  return ` lang="${esc(code)}"${dir !== site.lang.dir ? ` dir="${esc(dir)}"` : ""}`;
}

/**
 * `text`, escaped, in a `<span lang>` when it is in another language than the page's,
 * `code` (`textIn`, layouts/includes/macros.njk).
 */
export function textIn(text: string, code: string | undefined, site: Site): string {
  return code ? `<span${langAttrsOf(code, site)}>${esc(text)}</span>` : esc(text);
}

/** Marked text (src/site/program-facts.ts) as markup: each piece in another language in a `<span lang>`. */
export function markedHtml(pieces: MarkedText, site: Site): string {
  let html = "";
  for (const piece of pieces) html += textIn(piece.text, piece.lang, site);
  return html;
}

/** `text` of `item`, in a `<span lang>` when it is in another language (`inLang`). */
function inLang(item: Program, text: string, site: Site): string {
  return textIn(text, item.lang, site);
}

/**
 * One listed occurrence (`<li class="listing">`): a thumbnail (the program's picture, or its
 * category's icon: a class on the row, `icon-<name>`, which explorer.css draws, so it is no
 * element and nothing reads it out), the title with its status badge, and its time, place
 * and ages at a glance: `<li>`, `<a>` (the title), the badge, `<p>` (the facts, the first
 * `<p>`), styled by that structure. The program is the title's address (`/programs/<id>/`);
 * a member's row on a consortium's site, whose title leaves the site, names it in
 * `data-program`. The start is the `<time datetime>` in `.when` (an all-day row, whose times
 * are words, `data-start`), the end text and `data-ends` (`isoEnd`: its time alone when it
 * is on the start's day), which site.js reads; plan.js reads the start. No whitespace
 * between the elements.
 * `showDate`: the day before the time (a list of several days without day headings).
 */
export function listingRowHtml(site: Site, listing: Listing, showDate = false): string {
  const p = listing.program;
  const occ = listing.occurrence;
  const lang = site.lang;
  const locale = lang.locale;
  const loc = site.placeOf(p);
  const facts = site.factsOf(p);
  const badge = site.badgeOf(listing);
  const off = occ.cancelled || p.status === "cancelled";
  const zone = site.zoneNote(listing);
  let html = `<li class="listing${facts.thumb ? "" : ` icon-${esc(facts.icon)}`}${off ? " is-cancelled" : ""}"`;
  if (p.member) html += ` data-program="${esc(p.id)}"`;
  if (occ.allDay) html += ` data-start="${esc(isoAttr(occ.start))}"`;
  html += ` data-ends="${esc(isoEnd(occ.start, occ.end))}">`;
  if (facts.thumb) {
    html += `<img src="${esc(facts.thumb)}" alt="" width="80" height="80" loading="lazy" decoding="async">`;
  }
  html += `<a href="${esc(p.url)}"${langAttrs(p, site)}>${esc(p.title)}</a>`;
  if (badge) html += ` <span class="badge${off ? " badge-cancelled" : ""}">${esc(badge)}</span>`;
  html += `<p><span class="when">`;
  if (occ.allDay) {
    if (showDate) {
      html += `<time datetime="${esc(isoAttr(occ.start, true))}">${esc(shortDate(occ.start, locale))}</time>${esc(listSeparator(lang))}`;
    }
    html += esc(timeRange(occ, lang));
  } else {
    html += `<time datetime="${esc(isoAttr(occ.start))}">`;
    if (showDate) html += `${esc(shortDate(occ.start, locale))}${esc(listSeparator(lang))}`;
    html += `${esc(timeOfDay(occ.start, locale))}</time> &ndash; ${esc(endLabel(occ, lang))}`;
  }
  if (zone) html += ` <span class="zone">${esc(zone)}</span>`;
  html += "</span>";
  if (loc || p.online) {
    html += " · ";
    if (loc) {
      html += textIn(loc.name, loc.lang, site);
      if (p.room) html += `${esc(listSeparator(lang))}${inLang(p, p.room, site)}`;
    }
    if (loc && p.online) html += " · ";
    if (p.online) html += constantMessage("listing.online", lang);
  }
  html += ` · ${facts.forWhomMarked ? markedHtml(facts.forWhomMarked, site) : esc(facts.forWhom)}`;
  if (p.member) html += ` · <span class="library">${esc(p.member.name)}</span>`;
  return html + "</p></li>";
}

/** What `slot` keeps (made by `render` the first time), or `render()` with no slot. */
const kept = (slot: FragmentSlot | undefined, render: () => string) =>
  slot ? slot.get(render) : render();

/** A listing row as kept for the preview (`site.cacheSlot("listing", ...)`), else made. */
export function keptListingRow(site: Site, listing: Listing, showDate = false): string {
  return kept(site.cacheSlot("listing", listing, showDate), () =>
    listingRowHtml(site, listing, showDate),
  );
}

/** A day's rows, one after the other (`dayList`). */
export function listingRowsHtml(site: Site, listings: readonly Listing[]): string {
  let html = "";
  for (const listing of listings) html += keptListingRow(site, listing);
  return html;
}

/**
 * One program in a month calendar's day (an `<li>` of `.calendar-items`, styled by that
 * structure): its start time (on a consortium's site with its zone when that is not the
 * site's), its title linked, struck with a badge when cancelled, and its library on a
 * consortium's site. Its end is `data-ends` (`isoEnd`), which site.js reads.
 */
export function calendarItemHtml(site: Site, listing: Listing): string {
  const p = listing.program;
  const occ = listing.occurrence;
  const lang = site.lang;
  const cancelled = occ.cancelled || p.status === "cancelled";
  let html = `<li${cancelled ? ' class="is-cancelled"' : ""} data-ends="${esc(isoEnd(occ.start, occ.end))}">`;
  if (occ.allDay) {
    html += `<span class="time">${constantMessage("time.allDay", lang)}</span>`;
  } else {
    const zone = site.zoneNote(listing);
    html += `<time datetime="${esc(isoAttr(occ.start))}">${esc(timeOfDay(occ.start, lang.locale))}</time>`;
    if (zone) html += ` <span class="zone">${esc(zone)}</span>`;
  }
  const title = `<a href="${esc(p.url)}"${langAttrs(p, site)}>${esc(p.title)}</a>`;
  html += cancelled
    ? ` <s>${title}</s> <span class="badge badge-cancelled">${constantMessage("badge.cancelled", lang)}</span>`
    : ` ${title}`;
  if (p.member) html += ` <span class="library">(${esc(p.member.name)})</span>`;
  return html + "</li>";
}

/** A calendar day's items, each kept for the preview (`site.cacheSlot("calendar", ...)`). */
export function calendarItemsHtml(site: Site, listings: readonly Listing[]): string {
  let html = "";
  for (const listing of listings) {
    html += kept(site.cacheSlot("calendar", listing), () => calendarItemHtml(site, listing));
  }
  return html;
}

/**
 * One line of a program page's date list (`<ul class="dates">`, program.njk): one `<time>`
 * for the start (date and time), the end as text; its exact end is `data-ends`, which the
 * stale-hiding script reads. Long series list fifty of these, so each stays short. A
 * cancelled date is struck whole, start and end (the line is; its badge, an inline block,
 * is not).
 */
export function dateItemHtml(site: Site, occ: Occurrence): string {
  const lang = site.lang;
  const locale = lang.locale;
  let html = `<li${occ.cancelled ? ' class="is-cancelled"' : ""} data-ends="${esc(isoAttr(occ.end))}"><time datetime="${esc(isoAttr(occ.start, occ.allDay))}">${esc(longDate(occ.start, locale))}`;
  html += occ.allDay
    ? `</time>${esc(listSeparator(lang))}${esc(timeRange(occ, lang))}`
    : `${esc(listSeparator(lang))}${esc(timeOfDay(occ.start, locale))}</time> &ndash; ${esc(endLabel(occ, lang))}`;
  if (occ.cancelled) {
    html += ` <span class="badge badge-cancelled">${constantMessage("badge.cancelled", lang)}</span>`;
  }
  return html + "</li>";
}

/** A program page's dates, one line each (`dateItemHtml`). */
export function dateItemsHtml(site: Site, occurrences: readonly Occurrence[]): string {
  let html = "";
  for (const occ of occurrences) html += dateItemHtml(site, occ);
  return html;
}

/**
 * One program of a month's print brochure (an `<article>` of its `<main>`, print-month.njk,
 * styled by that structure): its title with its status (`<h2>`), its dates in the month by
 * time of day (a `<p>` for each time, the time in `<strong>`: the site prints no `<b>`,
 * which test/escaping.test.ts takes for raw HTML let through), its summary and then its
 * place, audiences, cost, registration and languages in one line (the last two `<p>`s).
 * Each element starts on a line of its own.
 */
export function printEntryHtml(site: Site, entry: PrintEntry): string {
  const p = entry.program;
  const lang = site.lang;
  const locale = lang.locale;
  const loc = site.placeOf(p);
  const off = p.status === "cancelled";
  let html = `\n<article${off ? ' class="is-cancelled"' : ""}>\n<h2>${esc(p.title)}`;
  if (off) html += ` <span class="badge">${constantMessage("badge.cancelled", lang)}</span>`;
  else if (p.status !== "scheduled") {
    html += ` <span class="badge">${constantMessage(`status.${p.status}`, lang)}</span>`;
  }
  html += "</h2>";
  for (const slot of entry.times) {
    html += `\n<p><strong>${esc(slot.label)}</strong>`;
    slot.listings.forEach(({ occurrence: o }, i) => {
      const time = `<time datetime="${esc(isoAttr(o.start, o.allDay))}">${esc(shortDate(o.start, locale))}</time>`;
      html += i === 0 ? ": " : "; ";
      html += o.cancelled
        ? `<span class="is-cancelled">${time} (${constantMessage("badge.cancelled", lang)})</span>`
        : time;
    });
    html += "</p>";
  }
  html += `\n<p>${esc(p.summary)}</p>\n<p>`;
  if (loc) html += esc(loc.name) + (p.room ? `, ${esc(p.room)}` : "");
  if (p.online) html += (loc ? " · " : "") + constantMessage("listing.online", lang);
  for (const a of p.audiences) html += ` · ${esc(site.audience(a)?.label)}`;
  if (p.cost !== DEFAULT_COST) html += ` · ${esc(p.cost)}`;
  if (p.registration?.required) html += ` · ${constantMessage("print.registration", lang)}`;
  if (p.languages.length > 1 || p.languages[0] !== site.library.language) {
    html += ` · ${p.languages.map((l) => esc(site.languageName(l))).join(esc(listSeparator(lang)))}`;
  }
  return html + "</p>\n</article>";
}

/** A print month's programs, one article each (`printEntryHtml`). */
export function printEntriesHtml(site: Site, entries: readonly PrintEntry[]): string {
  let html = "";
  for (const entry of entries) html += printEntryHtml(site, entry);
  return html;
}
