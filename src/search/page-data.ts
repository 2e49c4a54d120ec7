// What the search index knows about each page. Pages say what they are with
// `data-pagefind-*` attributes that layouts print from `programSearchData()` /
// `itemSearchData()` (filters, sort key, and metadata such as the `keywords` patrons' words
// are found by); ./indexer.ts indexes them.
import type { Guide, Listing, Page, Partner, Program } from "../content/model.ts";
import type { Site } from "../site/site.ts";
import { longDate, timeOfDay } from "../site/format.ts";
import { monthsOf } from "../site/views.ts";
import { indexLanguage } from "./indexer.ts";
import { BUILT_IN_SYNONYMS, equivalentsIn, htmlText } from "./words.ts";

/** Sort key of items with no upcoming date: after every real date. */
export const NO_DATE = "9999-12-31T00:00:00Z";

export type SearchType = "program" | "partner" | "guide" | "page";

export interface SearchData {
  /** `[name, value]` pairs, in order; printed as `element` says. */
  filters: [string, string][];
  /** The filters and metadata as one element's attributes (`searchElement`). */
  element: SearchElement;
  /** `data-pagefind-sort="date:..."`: UTC ISO so that strings sort in time order. */
  sortDate: string;
  /** `[name, value]` pairs, in order; printed as `element` says. */
  meta: [string, string][];
}

/**
 * A page's filters and metadata as attributes of one element
 * (layouts/includes/search-data.njk): `filter` is its `data-pagefind-filter`, `meta` its
 * `data-pagefind-meta` (each omitted when empty), `values` its other attributes,
 * `[suffix, value]` for `data-<suffix>="value"`.
 */
export interface SearchElement {
  filter: string;
  meta: string;
  values: [string, string][];
}

/** A value Pagefind may read inline after `name:` (and that needs no escaping). */
const TOKEN = /^[A-Za-z0-9_-]+$/;

/**
 * The filters and metadata on one element, as Pagefind (1.x, `parse_attr_string` in its
 * parser) reads a `data-pagefind-filter` or `-meta`: a comma-separated list of
 * `name[attribute]` (the value is that attribute's), and the part after the list's first
 * colon the last one's inline value. So each value is in an attribute of its own,
 * `age[data-9]` with `data-9="4"`, but the last filter when it is a plain token,
 * `dates:upcoming`. Pagefind indexes the same filters and metadata, in the same order, as
 * one element per value did (test/search-index.test.ts), for half the bytes; values keep
 * any commas and colons, being read from attributes whole.
 */
export function searchElement(
  filters: readonly (readonly [string, string])[],
  meta: readonly (readonly [string, string])[] = [],
): SearchElement {
  const values: [string, string][] = [];
  const ref = (name: string, value: string): string => {
    values.push([String(values.length), value]);
    return `${name}[data-${values.length - 1}]`;
  };
  const filter = filters
    .map(([name, value], i) =>
      i === filters.length - 1 && TOKEN.test(value) ? `${name}:${value}` : ref(name, value),
    )
    .join(",");
  return { filter, meta: meta.map(([name, value]) => ref(name, value)).join(","), values };
}

/**
 * Separates the parts of the `keywords` metadata. Not a word character, so Pagefind indexes
 * the words on either side and nothing for it.
 */
const SEPARATOR = " · ";

/**
 * The groups of equivalent words a site's pages are indexed with: the built-in ones of the
 * index language (English only, today) and the library's `search.synonyms`.
 */
export function synonymGroupsOf(site: Site): readonly (readonly string[])[] {
  return memoBySite(groupCache, site, () => [
    ...(BUILT_IN_SYNONYMS[indexLanguage(site.lang.locale)] ?? []),
    ...site.library.search.synonyms,
  ]);
}
const groupCache = new WeakMap<Site, readonly (readonly string[])[]>();

function memoBySite<T>(cache: WeakMap<Site, T>, site: Site, make: () => T): T {
  let value = cache.get(site);
  if (value === undefined) cache.set(site, (value = make()));
  return value;
}

/** `keywords`: the words, then the equivalents of everything the page says (`equivalentsIn`). */
function keywords(site: Site, words: (string | undefined)[], text: string[]): string {
  const own = [...new Set(words.filter((w): w is string => !!w))];
  const also = equivalentsIn([...text, ...own].join(" \n "), synonymGroupsOf(site));
  return [...own, ...also].join(SEPARATOR);
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** Names of a language: the library's own (`Español`) and in the library's locale (`Spanish`). */
function languageNames(site: Site, code: string): string[] {
  const { locale } = site.lang;
  if (!displayNames.has(locale)) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: "language" });
    } catch {
      names = null;
    }
    displayNames.set(locale, names);
  }
  let local: string | undefined;
  try {
    local = displayNames.get(locale)?.of(code);
  } catch {
    local = undefined; // not a code Intl knows
  }
  return [site.languageName(code), local].filter((n): n is string => !!n && n !== code);
}

// Formatters by locale: Intl formatters are slow to make, and every program page asks.
const whenFormats = new Map<
  string,
  { weekday: Intl.DateTimeFormat; period: Intl.DateTimeFormat }
>();

/**
 * Weekdays and parts of the day of the upcoming occurrences, in the library's locale
 * (`Saturday`, `in the morning`), so "saturday storytime" or "evening yoga" find them.
 */
function whenWords(upcoming: Listing[], locale: string): string[] {
  let formats = whenFormats.get(locale);
  if (!formats) {
    formats = {
      weekday: new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }),
      period: new Intl.DateTimeFormat(locale, {
        hour: "numeric",
        hour12: true, // 24-hour locales name no part of the day otherwise
        dayPeriod: "long",
        timeZone: "UTC",
      }),
    };
    whenFormats.set(locale, formats);
  }
  // Each weekday and hour once: a long series has dozens of occurrences.
  const weekdays = new Set<number>();
  const hours = new Set<number>();
  for (const { occurrence } of upcoming) {
    weekdays.add(occurrence.start.weekday);
    if (!occurrence.allDay) hours.add(occurrence.start.hour);
  }
  const out = new Set<string>();
  // 2024-01-01 was a Monday (luxon's weekday 1).
  for (const day of [...weekdays].sort()) out.add(formats.weekday.format(Date.UTC(2024, 0, day)));
  for (const hour of [...hours].sort((a, b) => a - b)) {
    const parts = formats.period.formatToParts(Date.UTC(2024, 0, 1, hour));
    const part = parts.find((p) => p.type === "dayPeriod")?.value;
    if (part) out.add(part);
  }
  return [...out];
}

/**
 * Oldest age the search index files programs under: children's and teens' ages are what
 * patrons type ("a 4 year old"); an adults' `ages: [18, 120]` as one filter value a year
 * would add a hundred elements to every adult program's page (the explorer matches any age).
 */
export const MAX_SEARCHED_AGE = 18;

/** Whole years (up to MAX_SEARCHED_AGE) from the program's audiences' `ages`, ascending, each once. */
export function agesOf(site: Site, program: Program): number[] {
  const ages = new Set<number>();
  for (const id of program.audiences) {
    const range = site.audience(id)?.ages;
    if (range) {
      for (let a = range[0]; a <= Math.min(range[1], MAX_SEARCHED_AGE); a++) ages.add(a);
    }
  }
  return [...ages].sort((a, b) => a - b);
}

/**
 * Filters, sort key and metadata of a program page. `imageUrl` maps the front-matter image
 * to a published variant (a thumbnail); without it no image is listed.
 *
 * Besides what the page shows, the program is found by `keywords` (metadata: searched,
 * weighed by the search page, never shown): its audiences' labels and `terms`, its
 * categories, room and access features, the names of its languages (when it is not in the
 * library's main language only), the weekdays and parts of day it meets, and the
 * equivalents (`synonymGroupsOf`) of all that and of its title, summary and description.
 * Its location is in `place`, also searched. The filters `age` (each year of its audiences'
 * `ages`) and `access` narrow a search; `dates` (`upcoming` or `past`) lets the search page
 * rank programs that still take place above those that do not. `lang`, on a page in another
 * of `site_languages` than the program's text (no translation), lets a result be marked with
 * the language it is in (layouts/assets/lib/search/results.js).
 */
export function programSearchData(
  site: Site,
  program: Program,
  imageUrl: (src: string) => string | undefined = () => undefined,
): SearchData {
  const timezone = site.library.timezone;
  const locale = site.lang.locale;
  const upcoming: Listing[] = site
    .upcomingOf(program)
    .map((occurrence) => ({ program, occurrence }));
  const next = site.nextOf(program);
  const filters: [string, string][] = [["type", "program"]];
  for (const id of program.audiences) filters.push(["audience", id]);
  for (const id of program.categories) filters.push(["category", id]);
  if (program.location) filters.push(["location", program.location]);
  if (program.online) filters.push(["location", "online"]);
  for (const code of program.languages) filters.push(["language", code]);
  for (const month of monthsOf(upcoming, timezone)) filters.push(["month", month]);
  for (const age of agesOf(site, program)) filters.push(["age", String(age)]);
  for (const id of program.access) filters.push(["access", id]);
  filters.push(["dates", next ? "upcoming" : "past"]);
  if (program.lang) filters.push(["lang", program.lang]);
  const meta: [string, string][] = [];
  if (next) {
    const start = next.start;
    meta.push([
      "date",
      next.allDay
        ? longDate(start, locale)
        : `${longDate(start, locale)}, ${timeOfDay(start, locale)}`,
    ]);
  }
  const place = site.location(program.location);
  const where = [place?.name, program.online ? site.t("listing.online") : undefined]
    .filter(Boolean)
    .join(" · ");
  if (where) meta.push(["place", where]);
  const image = program.image ? imageUrl(program.image) : undefined;
  if (image) {
    meta.push(["image", image]);
    meta.push(["image_alt", program.imageAlt ?? ""]);
  }
  const mainOnly = program.languages.length === 1 && program.languages[0] === site.library.language;
  const words = keywords(
    site,
    [
      ...program.audiences.flatMap((id) => {
        const a = site.audience(id);
        return a ? [a.label, ...(a.terms ?? [])] : [];
      }),
      ...program.categories.map((id) => site.category(id)?.label),
      program.room,
      ...program.access.map((id) => site.library.access.find((a) => a.id === id)?.label),
      ...(mainOnly ? [] : program.languages.flatMap((code) => languageNames(site, code))),
      ...whenWords(upcoming, locale),
    ],
    [
      program.title,
      program.summary,
      htmlText(site.html(program)),
      program.accessibility ?? "",
      place?.name ?? "",
    ],
  );
  if (words) meta.push(["keywords", words]);
  return {
    filters,
    element: searchElement(filters, meta),
    sortDate: next ? next.start.toUTC().toISO({ suppressMilliseconds: true })! : NO_DATE,
    meta,
  };
}

/**
 * Filters, sort key and metadata of a partner, guide or free page: its type, guides'
 * audiences, and `keywords` with the equivalents of what it says (see `programSearchData`).
 */
export function itemSearchData(
  site: Site,
  type: Exclude<SearchType, "program">,
  item: Partner | Guide | Page,
): SearchData {
  const audiences = "audiences" in item ? item.audiences : [];
  const title = "name" in item ? item.name : item.title;
  const words = keywords(site, [], [title, item.summary ?? "", htmlText(site.html(item))]);
  const filters: [string, string][] = [
    ["type", type],
    ...audiences.map((id): [string, string] => ["audience", id]),
    ...(item.lang ? [["lang", item.lang] as [string, string]] : []),
  ];
  const meta: [string, string][] = words ? [["keywords", words]] : [];
  return { filters, element: searchElement(filters, meta), sortDate: NO_DATE, meta };
}
