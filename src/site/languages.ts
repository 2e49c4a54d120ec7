// The site in each of `site_languages` (docs/content.md, "Translations"): the catalogue as
// one language shows it (translated items, labels in that language, untranslated items
// marked with the language they are in), where each language's pages live (`/` for the
// first, `/<code>/` for the others), and the links of a language's pages kept in it.
import type {
  AccessFeature,
  Audience,
  ByLanguage,
  Catalogue,
  ClosedDay,
  Guide,
  Library,
  Location,
  Page,
  Partner,
  Program,
  Term,
} from "../content/model.ts";

/** One language of the site, as the language switcher and `hreflang` alternates name it. */
export interface SiteLanguage {
  code: string;
  /** Its name in itself, from `languages` ("Español"). */
  name: string;
  /** `""` for the first language, else `/<code>`. */
  prefix: string;
  /**
   * Its pages' locale (dates, numbers, `<html lang>`, so also the name of its Pagefind
   * index): the library's `locale` for the first language, the code for the others.
   */
  locale: string;
}

/** The site's languages, the first (at `/`) first. */
export function siteLanguages(library: Library): SiteLanguage[] {
  return library.siteLanguages.map((code, i) => ({
    code,
    name: library.languages[code] ?? code,
    prefix: i === 0 ? "" : `/${code}`,
    locale: i === 0 ? library.locale : code,
  }));
}

/**
 * Pages that exist in the first language only: staff pages, the lobby screens and print
 * calendars (staff-facing), the embed's iframe page (it has its own `lang` attribute), and
 * the browser editor (Sveltia CMS, which reads its `config.yml` beside it, at `/admin/` only).
 * Every other page exists in every language.
 */
export const ONE_LANGUAGE_PAGES = [
  "/staff/",
  "/signage/",
  "/print/",
  "/embed/",
  "/admin/",
] as const;

/** Whether the page at `path` (without a language prefix) exists in every language. */
export function inEveryLanguage(path: string): boolean {
  return !ONE_LANGUAGE_PAGES.some((start) => path.startsWith(start));
}

/** A page's path without its language's prefix (`/es/programs/` -> `/programs/`). */
export function unprefixed(path: string, languages: readonly SiteLanguage[]): string {
  for (const { prefix } of languages) {
    if (prefix && (path === `${prefix}/` || path.startsWith(`${prefix}/`)))
      return path.slice(prefix.length);
  }
  return path;
}

/**
 * A text of `_data/library.yaml` in the view of `code`: its value in `code`, or the text as
 * written (in `main`, the first of `site_languages`) with `lang: main`, which pages mark.
 */
function pick(text: string, by: ByLanguage | undefined, code: string, main: string) {
  const own = by?.[code];
  return own !== undefined ? { text: own } : { text, lang: main };
}

/**
 * The library as the site in `code` shows it: each label in `code`, and each text without a
 * value in `code` (a label's fallback, a plain text) saying which language it is in: `lang`
 * (a label, a location's name, a closed day's reason), a location's `textLang` (its
 * accessibility and hours), `descriptionLang`.
 */
function libraryIn(library: Library, code: string, main: string): Library {
  const term = <T extends Term | Audience | AccessFeature>(t: T): T => {
    const { text, lang } = pick(t.label, t.labels, code, main);
    const out: T = { ...t, label: text, ...(lang && { lang }) };
    if ("description" in t && t.description !== undefined) (out as Term).descriptionLang = main;
    return out;
  };
  const closed = (c: ClosedDay): ClosedDay => {
    if (c.reason === undefined) return c;
    const { text, lang } = pick(c.reason, c.reasons, code, main);
    return { ...c, reason: text, ...(lang && { lang }) };
  };
  const location = (l: Location): Location => {
    const { text, lang } = pick(l.name, l.names, code, main);
    return {
      ...l,
      name: text,
      ...(lang && { lang }),
      ...((l.accessibility !== undefined || l.hours !== undefined) && { textLang: main }),
      closed: l.closed.map(closed),
    };
  };
  const description =
    library.description === undefined
      ? undefined
      : pick(library.description, library.descriptions, code, main);
  return {
    ...library,
    ...(description && {
      description: description.text,
      ...(description.lang && { descriptionLang: description.lang }),
    }),
    audiences: library.audiences.map(term),
    categories: library.categories.map(term),
    access: library.access.map(term),
    locations: library.locations.map(location),
    closed: library.closed.map(closed),
  };
}

/** The body of a translation, or the item's own when the translation has none. */
const bodyOf = (own: string, translated: string) => (translated.trim() ? translated : own);

function programIn(p: Program, code: string, main: string): Program {
  const t = p.translations?.[code];
  if (!t) return { ...p, lang: main };
  const { file: _file, body, ...fields } = t;
  return { ...p, ...fields, body: bodyOf(p.body, body) };
}

function partnerIn(p: Partner, code: string, main: string): Partner {
  const t = p.translations?.[code];
  if (!t) return { ...p, lang: main };
  const { file: _file, body, ...fields } = t;
  return { ...p, ...fields, body: bodyOf(p.body, body) };
}

function guideIn(g: Guide, code: string, main: string): Guide {
  const t = g.translations?.[code];
  if (!t) return { ...g, lang: main };
  const { file: _file, body, sourceTitles, ...fields } = t;
  const sources = sourceTitles
    ? g.sources.map((s, i) => ({ ...s, title: sourceTitles[i] ?? s.title }))
    : g.sources;
  return { ...g, ...fields, sources, body: bodyOf(g.body, body) };
}

function pageIn(p: Page, code: string, main: string): Page {
  const t = p.translations?.[code];
  if (!t) return { ...p, lang: main };
  const { file: _file, body, ...fields } = t;
  return { ...p, ...fields, body: bodyOf(p.body, body) };
}

/**
 * The catalogue as the site in `code` shows it: each item with its translation into `code`
 * (an item without one keeps its own text and says so in `lang`), the library's labels in
 * `code`, and every list and link over those items. The first language's is the catalogue
 * itself. Nothing loaded is changed: items are copies.
 */
export function catalogueIn(catalogue: Catalogue, code: string): Catalogue {
  const main = catalogue.library.siteLanguages[0]!;
  if (code === main) return catalogue;
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const programs = catalogue.programs.map((p) => programIn(p, code, main));
  const partners = catalogue.partners.map((p) => partnerIn(p, code, main));
  const guides = catalogue.guides.map((g) => guideIn(g, code, main));
  const pages = catalogue.pages.map((p) => pageIn(p, code, main));
  const program = byId(programs);
  const partner = byId(partners);
  const guide = byId(guides);
  const mapped =
    <T extends { id: string }>(map: Map<string, T>) =>
    (items: { id: string }[]) =>
      items.map((i) => map.get(i.id) ?? (i as T));
  const toPrograms = mapped(program);
  return {
    ...catalogue,
    library: libraryIn(catalogue.library, code, main),
    programs,
    partners,
    guides,
    pages,
    // Members' programs have no translations here: they are shown as their library wrote them.
    upcoming: catalogue.upcoming.map((l) =>
      l.program.member
        ? l
        : { program: program.get(l.program.id) ?? l.program, occurrence: l.occurrence },
    ),
    partnersOf: (id) => mapped(partner)(catalogue.partnersOf(id)),
    programsOfPartner: (id) => toPrograms(catalogue.programsOfPartner(id)),
    guidesOf: (id) => mapped(guide)(catalogue.guidesOf(id)),
    programsOfGuide: (id) => toPrograms(catalogue.programsOfGuide(id)),
  };
}

/**
 * Keeps the links of a page of the site in another language in that language: every
 * root-relative `href` and `action` of an `<a>`, `<area>` or `<form>` that leads to a page
 * (a path ending in `/`, before any `?` or `#`) gets the language's prefix, unless it has it,
 * is a page of the first language only (ONE_LANGUAGE_PAGES), or the element names its own
 * language with `hreflang` (the language switcher). Files keep their addresses: pictures
 * and scripts are shared by every language, and the templates name each language's own
 * calendars, feed and `programs.json` (`site.prefix`).
 */
export function localiseLinks(html: string, prefix: string): string {
  const localise = (path: string) =>
    !path.endsWith("/") ||
    !inEveryLanguage(path) ||
    path === `${prefix}/` ||
    path.startsWith(`${prefix}/`)
      ? path
      : prefix + path;
  return html.replace(/<(?:a|area|form|meta)\b[^>]*>/gi, (tag) => {
    if (/\shreflang=/i.test(tag)) return tag;
    // A page that sends browsers on (`/calendar/` to this month's page).
    if (/^<meta\b/i.test(tag))
      return /http-equiv="refresh"/i.test(tag)
        ? tag.replace(
            /(;\s*url=)(\/(?!\/)[^"?#]*)/i,
            (_, start: string, path: string) => start + localise(path),
          )
        : tag;
    return tag.replace(
      /(\s(?:href|action)=")(\/(?!\/)[^"?#]*)([?#][^"]*)?"/gi,
      (_, attr: string, path: string, rest = "") => `${attr}${localise(path)}${rest}"`,
    );
  });
}

/** The same page in one language of the site (the language switcher, `hreflang`). */
export interface Alternate {
  code: string;
  name: string;
  url: string;
  current: boolean;
}

/**
 * The page at `url` (as the view whose pages are under `prefix` links it) in each of the
 * site's languages: none on a one-language site or on a page in the first language only.
 */
export function alternatesOf(
  all: readonly SiteLanguage[],
  prefix: string,
  url: string,
): Alternate[] {
  if (all.length < 2 || typeof url !== "string") return [];
  const path = prefix ? unprefixed(url, all) : url;
  if (!inEveryLanguage(path)) return [];
  return all.map((l) => ({
    code: l.code,
    name: l.name,
    url: l.prefix + path,
    current: l.prefix === prefix,
  }));
}
