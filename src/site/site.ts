// The view of a catalogue that layouts read: listings grouped by day, lookups by id, the
// next occurrence of each program. Everything is computed once per build, lazily, so a
// layout only prints values and thousands of pages share the same work.
import { DateTime } from "luxon";
import type {
  Audience,
  Catalogue,
  Guide,
  Listing,
  Location,
  Occurrence,
  Page,
  Partner,
  Program,
  Term,
} from "../content/model.ts";
import { dayKey, shortDate, zoneName } from "./format.ts";
import { dayZoneOf } from "../content/assemble.ts";
import { renderMarkdown } from "../content/markdown.ts";
import { registrationStatus, REGISTERING, type RegistrationStatus } from "./registration.ts";
import { badgeOf, categoryIcon, forWhom } from "./program-facts.ts";
import { calendarMonths, type CalendarMonth } from "./calendar.ts";
import { staffReport, type StaffReport } from "../staff/report.ts";
import {
  printMonths,
  signageScreens,
  SIGNAGE_NEXT,
  type PrintMonth,
  type SignageScreen,
} from "../staff/staff-pages.ts";
import type { FragmentCache } from "./fragment-cache.ts";
import { language, t, type Language } from "../i18n/strings.ts";
import { inEveryLanguage, siteLanguages, unprefixed, type SiteLanguage } from "./languages.ts";
import {
  facetCounts,
  listingsFor,
  quickViews,
  type Facet,
  type FacetCount,
  type QuickView,
} from "./views.ts";

/** A month calendar page that lists dates beyond the listing window. */
export interface LaterMonth {
  /** `YYYY-MM` */
  key: string;
  /** `/calendar/YYYY/MM/` */
  url: string;
  /** The first of the month at midnight in the library's zone. */
  first: DateTime;
}

/** A day a building is closed, as listings show it: the location's name, or none for all. */
export interface Closure {
  /** The location's name; undefined when the whole library is closed. */
  name?: string;
  reason?: string;
}

export interface DayGroup {
  /** ISO date in the library's zone. */
  date: string;
  /** Midnight of that day in the library's zone. */
  day: DateTime;
  listings: Listing[];
  /** Closures on that day (listing pages show them; a closed day may have no listings). */
  closures: Closure[];
}

/**
 * Groups listings (already sorted by start) by the library-zone day they start on (a
 * consortium member's program: by the day in its own library's zone, `dayZoneOf`).
 */
export function groupByDay(listings: Listing[], zone: string): DayGroup[] {
  const groups: DayGroup[] = [];
  let current: DayGroup | undefined;
  for (const listing of listings) {
    const start = listing.occurrence.start;
    const own = listing.program.member ? dayZoneOf(listing.program, zone) : zone;
    const local = start.zoneName === own ? start : start.setZone(own);
    const date = dayKey(local);
    if (!current || current.date !== date) {
      const day = own === zone ? local.startOf("day") : DateTime.fromISO(date, { zone });
      current = { date, day, listings: [], closures: [] };
      groups.push(current);
    }
    current.listings.push(listing);
  }
  return groups;
}

/**
 * A closed place as listings name it: its name, and on a consortium's site a member's place
 * with its library's ("Central Library (Maple Hollow Public Library)"): members' places
 * often share names.
 */
function closureName(loc: Location | undefined): string | undefined {
  return loc?.member ? `${loc.name} (${loc.member.name})` : loc?.name;
}

/**
 * `days` with the closures of `closed` (sorted by date) from `from` (inclusive) to `to`
 * (exclusive) added: to the day they fall on, or as a day of their own, in date order.
 */
export function withClosures(
  days: DayGroup[],
  closed: readonly { date: string; closures: Closure[] }[],
  from: string,
  to: string,
  zone: string,
): DayGroup[] {
  const inRange = closed.filter((c) => c.date >= from && c.date < to);
  if (!inRange.length) return days;
  const byDate = new Map(days.map((d) => [d.date, d] as const));
  const out = [...days];
  for (const c of inRange) {
    const day = byDate.get(c.date);
    if (day) day.closures = c.closures;
    else
      out.push({
        date: c.date,
        day: DateTime.fromISO(c.date, { zone }),
        listings: [],
        closures: c.closures,
      });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Weeks of dates a listing page shows when the library sets no `listing_weeks`: the first
 * page of `/programs/` (and of each audience, category and location) shows the next two
 * weeks, and numbered pages after it the weeks after those, so no page is endless.
 */
export const DEFAULT_LISTING_WEEKS = 2;

/** One page of a listing: the first (`/programs/`) or a later one (`/programs/page/2/`). */
export interface ListingPage {
  /** 1 for the first page, then 2, 3, ... (windows without dates get no page). */
  number: number;
  url: string;
  /** URL of the first page of the same listing (`/programs/`, `/audiences/kids/`). */
  firstUrl: string;
  facet?: Facet;
  id?: string;
  /** First day of the window, midnight in the library's zone (today for the first page). */
  from: DateTime;
  /** End of the window (exclusive midnight). */
  to: DateTime;
  /** The window's last day. */
  last: DateTime;
  /** Its listings by day, with the closures of those days. */
  days: DayGroup[];
  /** What the listing is: "Upcoming programs", "Programs for Kids", "Eastside Branch". */
  heading: string;
  /** The audience's, category's or location's own name ("Kids"); empty for all programs. */
  label: string;
  /** The page's title: the heading, and the window for a later page ("..., Dec 12 – Dec 25"). */
  title: string;
}

/** `/programs/`, `/audiences/<id>/`, `/categories/<id>/`, `/locations/<id>/`. */
export function listingUrl(facet?: Facet, id?: string): string {
  if (!facet || !id) return "/programs/";
  const folder =
    facet === "audience" ? "audiences" : facet === "category" ? "categories" : "locations";
  return `/${folder}/${id}/`;
}

/** What a listing shows about a program at a glance (see src/site/program-facts.ts). */
export interface ProgramFacts {
  /** URL of its picture's smallest variant, when it has one. */
  thumb?: string;
  /** Icon of its first category, shown without a picture. */
  icon: string;
  /** "Ages 0–11", or its audiences' labels. */
  forWhom: string;
}

/**
 * Where a listing falls in listing windows (whole days of the library's zone), in ms: its
 * start, or for a consortium member's program in another zone its wall-clock start read
 * in the library's zone, so it is in the window of the day it is listed under.
 */
function windowMillis({ program, occurrence }: Listing, zone: string): number {
  const own = program.member ? dayZoneOf(program, zone) : zone;
  if (own === zone) return occurrence.start.toMillis();
  const { year, month, day, hour, minute, second } = occurrence.start.setZone(own);
  return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }).toMillis();
}

/**
 * Most dates a consortium's listing page holds. Its members' programs make a listing of
 * `listingWeeks` weeks hold thousands of dates (20 members of 1,000 programs: 2,000 and
 * more on two weeks of `/programs/`); a window with more is cut into pages of this many,
 * about what a busy library's own two weeks hold.
 */
export const CONSORTIUM_PAGE_LISTINGS = 200;

/** A listing page's window: from midnight `from` to midnight `to`, and its listings. */
interface ListingWindow {
  from: DateTime;
  to: DateTime;
  listings: Listing[];
}

/**
 * A window of a consortium's listing as pages of at most CONSORTIUM_PAGE_LISTINGS dates,
 * each from the day of its first date to the end of the day of its last (a day with more
 * dates than a page goes on over the next one, under the same day's heading).
 */
function splitWindow(w: ListingWindow, zone: string): ListingWindow[] {
  const size = CONSORTIUM_PAGE_LISTINGS;
  if (w.listings.length <= size) return [w];
  const dayOf = (l: Listing) => DateTime.fromMillis(windowMillis(l, zone), { zone }).startOf("day");
  const out: ListingWindow[] = [];
  for (let i = 0; i < w.listings.length; i += size) {
    const listings = w.listings.slice(i, i + size);
    const last = i + size >= w.listings.length;
    out.push({
      from: i === 0 ? w.from : dayOf(listings[0]!),
      to: last ? w.to : dayOf(listings[listings.length - 1]!).plus({ days: 1 }),
      listings,
    });
  }
  return out;
}

function memo<T>(cache: Map<string, unknown>, key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

/** What the site view needs of the build's images: URLs of single variants. */
export interface SiteImagesView {
  /** URL of the smallest variant of a content image, for search results and thumbnails. */
  thumbnail(src: string): string | undefined;
  /** URL of the largest variant, for structured data. */
  largest(src: string): string | undefined;
  /** A body rendered with `<picture>`s, or undefined when it has no processed pictures. */
  bodyHtml(body: string): string | undefined;
}

/**
 * The paginated page kinds, each by the list its template paginates over (`site.render.*`)
 * and the id of one page in it. A run may render only some pages of each
 * (src/build/page-plan.ts).
 */
export const PAGE_KINDS = [
  "programs",
  "partners",
  "guides",
  "pages",
  "audiences",
  "categories",
  "locations",
  "calendarMonths",
  "printMonths",
  "quickViews",
  "signageScreens",
] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** Which pages a run renders, by kind, as ids (`pageId`); a kind left out: every page. */
export type RenderedItems = Partial<Record<PageKind, ReadonlySet<string>>>;

export interface SiteOptions {
  /** The items whose pages this run renders. Default: every item. */
  render?: RenderedItems;
  /** Rendered listing rows kept between preview runs; none in a build. */
  fragments?: FragmentCache;
  /** The loader's version of each content file (src/content/cache.ts), for `cacheSlot`. */
  versions?: ReadonlyMap<string, string>;
  /** The language this view's pages are in. Default: the library's own language. */
  language?: Language;
  /**
   * The site's languages (src/site/languages.ts) and this view's: its pages are under its
   * `prefix`. Default: the library's `site_languages`, this view in the first.
   */
  languages?: { all: readonly SiteLanguage[]; code: string };
}

/** A place for one rendered row: what was kept there, else the rendering, kept. */
export interface FragmentSlot {
  get(render: () => string): string;
}

/**
 * A class rather than a plain object on purpose: Eleventy deep-merges plain global data,
 * which would copy the whole catalogue; an instance is passed by reference.
 */
export class Site {
  readonly #cache = new Map<string, unknown>();
  readonly #options: SiteOptions;
  /** `cacheSlot`'s key for each listing, made once a run: a row shows on several pages. */
  readonly #rowKeys = new WeakMap<Listing, string>();

  constructor(
    readonly catalogue: Catalogue,
    /** This build's images; undefined in unit tests that build no images. */
    readonly images?: SiteImagesView,
    options: SiteOptions = {},
  ) {
    this.#options = options;
  }

  /** Every page of each paginated kind, in order (what a build renders). */
  pagesOf(kind: PageKind): readonly unknown[] {
    if (kind === "audiences" || kind === "categories" || kind === "locations") {
      return this.library[kind];
    }
    return this[kind];
  }

  /** The id of one page of a kind, as `RenderedItems` name it. */
  pageId(kind: PageKind, page: unknown): string {
    switch (kind) {
      case "calendarMonths":
        return (page as CalendarMonth).url;
      case "printMonths":
        return (page as PrintMonth).key;
      case "signageScreens":
        return (page as SignageScreen).location.id;
      default:
        return (page as { id: string }).id;
    }
  }

  /**
   * What the paginated templates paginate over: every page of each kind, but in a preview
   * rebuild only those whose inputs changed (src/build/page-plan.ts).
   */
  get render(): Record<PageKind, readonly unknown[]> {
    return memo(this.#cache, "render", () => {
      const plan = this.#options.render ?? {};
      const out = {} as Record<PageKind, readonly unknown[]>;
      for (const kind of PAGE_KINDS) {
        const ids = plan[kind];
        const all = this.pagesOf(kind);
        out[kind] = ids ? all.filter((page) => ids.has(this.pageId(kind, page))) : all;
      }
      return out;
    });
  }

  /**
   * Renders only these pages of each kind (a preview rebuild). Before anything is rendered:
   * the first read of `render` fixes it.
   */
  renderOnly(plan: RenderedItems | undefined): void {
    if (this.#cache.has("render")) throw new Error("[almanac/site] render was read already");
    this.#options.render = plan;
  }

  /**
   * A listing row's identity: its program and the version of its file, and its occurrence.
   * Undefined without the loader's versions (a build).
   */
  rowKey(listing: Listing): string | undefined {
    let key = this.#rowKeys.get(listing);
    if (key === undefined) {
      const version = this.#options.versions?.get(listing.program.file);
      if (version === undefined) return undefined;
      const o = listing.occurrence;
      key = `${listing.program.id}|${version}|${o.start.toMillis()}|${o.end.toMillis()}|${o.start.zoneName}|${o.allDay}|${o.cancelled}`;
      this.#rowKeys.set(listing, key);
    }
    return key;
  }

  /**
   * Where the rendering of one listing row is kept between preview runs (the `{% cache %}`
   * tag, plugins/fragments.ts), or undefined (a build: every row is rendered). The key
   * names all the row shows besides the library: `kind` (which row markup), the program
   * and its file's version, the occurrence, and the `extra` arguments of the markup.
   */
  cacheSlot(
    kind: string,
    listing: Listing,
    ...extra: (string | number | boolean | undefined)[]
  ): FragmentSlot | undefined {
    const fragments = this.#options.fragments;
    if (!fragments) return undefined;
    const row = this.rowKey(listing);
    if (row === undefined) return undefined;
    // Each language's rows are its own.
    const lang = this.prefix ? `${this.prefix}|` : "";
    const variant = lang + (extra.length ? `${kind}|${extra.join("|")}` : kind);
    return { get: (render) => fragments.get(row, variant, render) };
  }

  get library() {
    return this.catalogue.library;
  }

  /**
   * The language of the pages this view makes: their interface text (`t`), dates and
   * numbers. By default the library's main language, with its locale.
   */
  get lang(): Language {
    return memo(
      this.#cache,
      "lang",
      () =>
        this.#options.language ??
        language(this.library.language, {
          locale: this.library.locale,
          own: this.catalogue.strings,
        }),
    );
  }

  /** The site's languages, the first (at `/`) first. */
  get siteLanguages(): readonly SiteLanguage[] {
    return memo(
      this.#cache,
      "siteLanguages",
      () => this.#options.languages?.all ?? siteLanguages(this.library),
    );
  }

  /** Where this view's pages are: `""` for the first language, else `/<code>`. */
  get prefix(): string {
    const code = this.#options.languages?.code;
    return this.siteLanguages.find((l) => l.code === code)?.prefix ?? "";
  }

  /**
   * On a site in several `site_languages`, for the search page's "All languages" option
   * (layouts/assets/search.js): each language's `prefix`, `code` and the name of its
   * Pagefind index, which is its pages' `<html lang>` in lower case (the library's
   * `locale` for the first language, the code for the others: src/build/context.ts).
   * Undefined on a one-language site and on a consortium's (its search is its members').
   */
  get searchLanguages(): { prefix: string; code: string; index: string }[] | undefined {
    const all = this.siteLanguages;
    if (all.length < 2 || this.library.consortium) return undefined;
    return all.map((l, i) => ({
      prefix: l.prefix,
      code: l.code,
      index: (i === 0 ? this.library.locale : l.code).toLowerCase(),
    }));
  }

  /** A page's URL without this view's language prefix, as the templates compare URLs. */
  here(url: string): string {
    return this.prefix && typeof url === "string" ? unprefixed(url, this.siteLanguages) : url;
  }

  /**
   * The same page in each of the site's languages (the language switcher, `hreflang`):
   * none on a one-language site or on a page in the first language only.
   */
  alternates(url: string): { code: string; name: string; url: string; current: boolean }[] {
    const all = this.siteLanguages;
    if (all.length < 2 || typeof url !== "string") return [];
    const path = this.here(url);
    if (!inEveryLanguage(path)) return [];
    return all.map((l) => ({
      code: l.code,
      name: l.name,
      url: l.prefix + path,
      current: l.prefix === this.prefix,
    }));
  }

  /** The message `key` in this view's language (src/i18n/strings.ts). */
  t(key: string, values?: Readonly<Record<string, unknown>>): string {
    return t(key, this.lang, values);
  }
  get now() {
    return this.catalogue.now;
  }
  get programs(): Program[] {
    return this.catalogue.programs;
  }
  get partners(): Partner[] {
    return this.catalogue.partners;
  }
  get guides(): Guide[] {
    return this.catalogue.guides;
  }
  get pages(): Page[] {
    return this.catalogue.pages;
  }

  /** Pages with `nav`, in that order. */
  get navPages(): Page[] {
    return memo(this.#cache, "nav", () =>
      this.pages.filter((p) => p.nav !== undefined).sort((a, b) => a.nav! - b.nav!),
    );
  }

  get upcoming(): Listing[] {
    return this.catalogue.upcoming;
  }

  get upcomingDays(): DayGroup[] {
    return memo(this.#cache, "days", () => groupByDay(this.upcoming, this.library.timezone));
  }

  /** Upcoming occurrences per program id, in order. */
  #upcomingByProgram(): Map<string, Occurrence[]> {
    return memo(this.#cache, "byProgram", () => {
      const map = new Map<string, Occurrence[]>();
      for (const { program, occurrence } of this.upcoming) {
        let list = map.get(program.id);
        if (!list) map.set(program.id, (list = []));
        list.push(occurrence);
      }
      return map;
    });
  }

  upcomingOf(program: Program): Occurrence[] {
    return this.#upcomingByProgram().get(program.id) ?? [];
  }

  /** The next occurrence that is not cancelled, else the next one at all. */
  nextOf(program: Program): Occurrence | undefined {
    const list = this.upcomingOf(program);
    return list.find((o) => !o.cancelled) ?? list[0];
  }

  /**
   * A program's registration as of the build, with the states still to come by the clock
   * (the page shows each in turn); undefined without `registration`.
   */
  registrationOf(program: Program): RegistrationStatus | undefined {
    return memo(this.#cache, `registration:${program.id}`, () =>
      registrationStatus(program, this.now, this.library.timezone, this.catalogue.horizon),
    );
  }

  /** Whether patrons can register in `state` (the page shows the Register button). */
  registering(state: string): boolean {
    return (REGISTERING as readonly string[]).includes(state);
  }

  /** Featured programs with an upcoming occurrence, soonest first. */
  get featured(): Program[] {
    return memo(this.#cache, "featured", () =>
      this.programs
        .filter((p) => p.featured && this.nextOf(p))
        .sort((a, b) => this.nextOf(a)!.start.toMillis() - this.nextOf(b)!.start.toMillis()),
    );
  }

  /** The next `count` listings, one per program, for the home page. */
  nextListings(count: number): Listing[] {
    const seen = new Set<string>();
    const out: Listing[] = [];
    for (const listing of this.upcoming) {
      if (seen.has(listing.program.id)) continue;
      seen.add(listing.program.id);
      out.push(listing);
      if (out.length === count) break;
    }
    return out;
  }

  location(id: string | undefined): Location | undefined {
    if (!id) return undefined;
    return memo(
      this.#cache,
      "locations",
      () => new Map(this.library.locations.map((l) => [l.id, l])),
    ).get(id);
  }

  audience(id: string): Audience | undefined {
    return this.audienceMap.get(id);
  }

  /** Audiences by id. */
  get audienceMap(): ReadonlyMap<string, Audience> {
    return memo(
      this.#cache,
      "audiences",
      () => new Map(this.library.audiences.map((t) => [t.id, t])),
    );
  }

  /** A program's picture or icon and ages, for its listings. */
  factsOf(program: Program): ProgramFacts {
    const all = memo(this.#cache, "facts", () => new Map<string, ProgramFacts>());
    let facts = all.get(program.id);
    if (!facts) {
      const category = this.category(program.categories[0] ?? "");
      const thumb = program.image ? this.images?.thumbnail(program.image) : undefined;
      facts = {
        ...(thumb && { thumb }),
        icon: category ? categoryIcon(category) : "calendar",
        forWhom: forWhom(program, this.audienceMap, this.lang),
      };
      all.set(program.id, facts);
    }
    return facts;
  }

  /**
   * On a consortium's site, for a member's program in another zone than the site's: the
   * short name of its zone at that time ("CST", "GMT"), printed after its times, which are
   * its own library's wall-clock times. Else "" (nothing is printed).
   */
  zoneNote({ program, occurrence }: Listing): string {
    const member = program.member;
    if (!member || member.timezone === this.library.timezone || occurrence.allDay) return "";
    // A time the member wrote with its own offset: that offset ("UTC-05:00").
    if (occurrence.start.zone.type !== "iana")
      return this.t("listing.zoneOffset", { offset: occurrence.start.toFormat("ZZ") });
    return zoneName(occurrence.start, this.lang.locale);
  }

  /** The badge of one listed occurrence: "Cancelled", "Postponed", ... or undefined. */
  badgeOf(listing: Listing): string | undefined {
    return badgeOf(listing.program.status, listing.occurrence.cancelled, this.lang);
  }

  category(id: string): Term | undefined {
    return memo(
      this.#cache,
      "categories",
      () => new Map(this.library.categories.map((t) => [t.id, t])),
    ).get(id);
  }

  /**
   * Closures on an ISO date, for calendars: `{ name, reason }` with `name` the location, or
   * undefined when the whole library is closed.
   */
  closuresOn(date: string): Closure[] {
    const map = memo(this.#cache, "closures", () => {
      const byDate = new Map<string, Closure[]>();
      const add = (day: string, entry: Closure) => {
        let list = byDate.get(day);
        if (!list) byDate.set(day, (list = []));
        list.push(entry);
      };
      for (const c of this.library.closed) add(c.date, { reason: c.reason });
      for (const loc of this.library.locations) {
        for (const c of loc.closed) {
          if (!this.library.closed.some((all) => all.date === c.date)) {
            add(c.date, { name: closureName(loc), reason: c.reason });
          }
        }
      }
      return byDate;
    });
    return map.get(date) ?? [];
  }

  /**
   * Closed days by date, sorted: every closure (the whole library's and each location's),
   * or, for one location, the library's and that location's own.
   */
  closedDays(location?: string): { date: string; closures: Closure[] }[] {
    return memo(this.#cache, `closedDays:${location ?? ""}`, () => {
      const dates = new Set(this.library.closed.map((c) => c.date));
      for (const loc of this.library.locations)
        if (!location || loc.id === location) for (const c of loc.closed) dates.add(c.date);
      return [...dates].sort().map((date) => ({
        date,
        closures: this.closuresOn(date).filter(
          (c) =>
            !location || c.name === undefined || c.name === closureName(this.location(location)),
        ),
      }));
    });
  }

  /** Closed days from today to the horizon, for a location page. */
  upcomingClosures(location: string): { date: string; day: DateTime; closures: Closure[] }[] {
    const zone = this.library.timezone;
    const today = dayKey(this.now.setZone(zone));
    const horizon = dayKey(this.catalogue.horizon.setZone(zone));
    return this.closedDays(location)
      .filter((c) => c.date >= today && c.date <= horizon)
      .map((c) => ({ ...c, day: DateTime.fromISO(c.date, { zone }) }));
  }

  languageName(code: string): string {
    return this.library.languages[code] ?? code;
  }

  partnersOf(program: Program): Partner[] {
    return this.catalogue.partnersOf(program.id);
  }
  guidesOf(program: Program): Guide[] {
    return this.catalogue.guidesOf(program.id);
  }
  programsOfPartner(partner: Partner): Program[] {
    return this.catalogue.programsOfPartner(partner.id);
  }
  programsOfGuide(guide: Guide): Program[] {
    return this.catalogue.programsOfGuide(guide.id);
  }

  /** Upcoming listings under one audience, category or location, grouped by day. */
  daysFor(facet: Facet, id: string): DayGroup[] {
    return memo(this.#cache, `days:${facet}:${id}`, () =>
      groupByDay(listingsFor(this.upcoming, facet, id), this.library.timezone),
    );
  }

  /** Weeks of dates one listing page shows: `listing_weeks`, default DEFAULT_LISTING_WEEKS. */
  get listingWeeks(): number {
    return this.library.listingWeeks ?? DEFAULT_LISTING_WEEKS;
  }

  /**
   * End of the listing window: midnight in the library's zone `listingWeeks` weeks after
   * today. Listing pages show what starts before it and link later pages and the month
   * calendars for the rest (which, with the calendar files, `programs.json`, search and
   * the explorer's data, keep the full horizon), so no listing page is endless.
   */
  get listingEnd(): DateTime {
    return this.listingPages()[0]!.to;
  }

  /** `/programs/`: upcoming listings inside the listing window, grouped by day. */
  get listingDays(): DayGroup[] {
    return this.listingPages()[0]!.days;
  }

  /** One audience, category or location page: its listings inside the window, by day. */
  listingDaysFor(facet: Facet, id: string): DayGroup[] {
    return this.listingPages(facet, id)[0]!.days;
  }

  /**
   * The pages of a listing. All programs (`/programs/`): the first holds today and the
   * `listingWeeks` weeks from it, each later one (`/programs/page/2/`, ...) the next
   * `listingWeeks` weeks that have dates (empty windows get no page), up to the last date,
   * so every upcoming date is on a static page; on a consortium's site a window of more
   * than CONSORTIUM_PAGE_LISTINGS dates is cut into pages of that many, and each audience,
   * category and location is paged like `/programs/`. Elsewhere one audience, category or
   * location: the first page only, its later dates on the month calendars (and, with JavaScript, in the
   * explorer); later pages for each of them would hold every date four or five times over,
   * a large catalogue's biggest share of output and build memory. Each page's days carry
   * the closures that fall in its window.
   */
  listingPages(facet?: Facet, id?: string): ListingPage[] {
    return memo(this.#cache, `pages:${facet ?? ""}:${id ?? ""}`, () => {
      const listings = facet && id ? this.#listingsFor(facet, id) : this.upcoming;
      const zone = this.library.timezone;
      const weeks = this.listingWeeks;
      const consortium = !!this.library.consortium;
      const today = this.now.setZone(zone).startOf("day");
      // Listings into windows of `weeks` weeks (wall-clock, so DST never shifts a boundary).
      let windows: ListingWindow[] = [{ from: today, to: today.plus({ weeks }), listings: [] }];
      let current = windows[0]!;
      let end = current.to.toMillis();
      for (const listing of listings) {
        const start = windowMillis(listing, zone);
        if (start >= end) {
          if (facet && !consortium) break; // one page
          // Jump over empty windows without making them (a date years ahead is one step).
          const skip = Math.max(0, Math.floor((start - end) / (weeks * 7 * 86_400_000)) - 1);
          let from = current.to.plus({ weeks: weeks * skip });
          let to = from.plus({ weeks });
          while (start >= to.toMillis()) {
            from = to;
            to = from.plus({ weeks });
          }
          current = { from, to, listings: [] };
          windows.push(current);
          end = to.toMillis();
        }
        current.listings.push(listing);
      }
      if (consortium) windows = windows.flatMap((w) => splitWindow(w, zone));
      const closed = this.closedDays(facet === "location" ? id : undefined);
      const first = listingUrl(facet, id);
      const heading = this.#listingHeading(facet, id);
      const locale = this.lang.locale;
      const label =
        facet === "audience"
          ? (this.audience(id!)?.label ?? "")
          : facet === "category"
            ? (this.category(id!)?.label ?? "")
            : facet === "location"
              ? (this.location(id)?.name ?? "")
              : "";
      return windows.map((w, i) => ({
        heading,
        label,
        title:
          i === 0
            ? heading
            : this.t("listing.pageTitle", {
                heading,
                from: shortDate(w.from, locale),
                to: shortDate(w.to.minus({ days: 1 }), locale),
              }),
        number: i + 1,
        url: i === 0 ? first : `${first}page/${i + 1}/`,
        firstUrl: first,
        ...(facet && id && { facet, id }),
        from: w.from,
        to: w.to,
        last: w.to.minus({ days: 1 }),
        days: withClosures(
          groupByDay(w.listings, zone),
          closed,
          dayKey(w.from),
          dayKey(w.to),
          zone,
        ),
      }));
    });
  }

  #listingHeading(facet?: Facet, id?: string): string {
    if (facet === "audience")
      return this.t("listing.forAudience", { label: this.audience(id!)?.label ?? id });
    if (facet === "category")
      return this.t("listing.forCategory", { label: this.category(id!)?.label ?? id });
    if (facet === "location") return this.location(id)?.name ?? id!;
    return this.t("title.programs");
  }

  /**
   * The later pages (2, 3, ...) of `/programs/`, for the paginated template; on a
   * consortium's site those of each audience, category and location too.
   */
  get laterListingPages(): ListingPage[] {
    const later = this.listingPages().slice(1);
    if (!this.library.consortium) return later;
    const { audiences, categories, locations } = this.library;
    for (const t of audiences) later.push(...this.listingPages("audience", t.id).slice(1));
    for (const t of categories) later.push(...this.listingPages("category", t.id).slice(1));
    for (const l of locations) later.push(...this.listingPages("location", l.id).slice(1));
    return later;
  }

  /**
   * The months (`/calendar/YYYY/MM/` pages) that hold listings after the window, in order:
   * all programs, or only those of one audience, category or location.
   */
  laterMonths(facet?: Facet, id?: string): LaterMonth[] {
    return memo(this.#cache, `later:${facet ?? ""}:${id ?? ""}`, () => {
      const end = this.listingEnd.toMillis();
      const listings = facet && id ? this.#listingsFor(facet, id) : this.upcoming;
      const zone = this.library.timezone;
      const months = new Map<string, LaterMonth>();
      for (const listing of listings) {
        const { program, occurrence } = listing;
        if (windowMillis(listing, zone) < end) continue;
        // Occurrences are already in the library's zone (unless written with an offset):
        // reading their fields costs nothing, a setZone/startOf per listing would cost an
        // Intl offset look-up each, thousands of times per page.
        const start = occurrence.start;
        const own = program.member ? dayZoneOf(program, zone) : zone;
        const local = start.zoneName === own ? start : start.setZone(own);
        const key = `${local.year}-${String(local.month).padStart(2, "0")}`;
        if (!months.has(key)) {
          const first = DateTime.fromObject({ year: local.year, month: local.month }, { zone });
          months.set(key, { key, url: `/calendar/${first.toFormat("yyyy/MM")}/`, first });
        }
      }
      return [...months.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    });
  }

  /** Upcoming listings of one audience, category or location, computed once. */
  #listingsFor(facet: Facet, id: string): Listing[] {
    return memo(this.#cache, `listings:${facet}:${id}`, () =>
      listingsFor(this.upcoming, facet, id),
    );
  }

  /** Program and occurrence counts per audience, category or location id. */
  countsFor(facet: Facet, id: string): FacetCount {
    const terms =
      facet === "audience"
        ? this.library.audiences
        : facet === "category"
          ? this.library.categories
          : this.library.locations;
    return (
      memo(this.#cache, `counts:${facet}`, () => facetCounts(this.upcoming, facet, terms)).get(
        id,
      ) ?? { programs: 0, occurrences: 0 }
    );
  }

  /**
   * Any listings grouped by library-zone day, for `dayList`; with `from` and `to` (a quick
   * view's window), the closures of the days in it too.
   */
  groupDays(listings: Listing[], from?: DateTime, to?: DateTime): DayGroup[] {
    const zone = this.library.timezone;
    const days = groupByDay(listings, zone);
    if (!from || !to) return days;
    const today = dayKey(this.now.setZone(zone));
    const start = dayKey(from.setZone(zone));
    return withClosures(
      days,
      this.closedDays(),
      start > today ? start : today,
      dayKey(to.setZone(zone)),
      zone,
    );
  }

  /** Today, this week and this weekend, as of the build's "now". */
  get quickViews(): QuickView[] {
    return memo(this.#cache, "quick", () =>
      quickViews(this.upcoming, this.now, this.library.timezone, this.lang.locale, this.lang),
    );
  }

  /** Month grids from the current month to the horizon month. */
  get calendarMonths(): CalendarMonth[] {
    return memo(this.#cache, "calendar", () =>
      calendarMonths(this.upcoming, {
        now: this.now,
        horizon: this.catalogue.horizon,
        zone: this.library.timezone,
        locale: this.lang.locale,
      }),
    );
  }

  /** Programming coverage for the next 8 weeks, with chart geometry, for `/staff/report/`. */
  get staffReport(): StaffReport {
    return memo(this.#cache, "staffReport", () => staffReport(this.catalogue));
  }

  /**
   * The report pages to build: the report, or none when the library leaves it out
   * (`staff_report: false`), so that no file is written at `/staff/report/` at all.
   */
  get staffReportPages(): StaffReport[] {
    return this.library.staffReport ? [this.staffReport] : [];
  }

  /**
   * Each month from now to the horizon with its listings by day, and its closed days from
   * today on (a closed day with no listings too), for `/print/YYYY-MM/`.
   */
  get printMonths(): (PrintMonth & { days: DayGroup[] })[] {
    return memo(this.#cache, "printMonths", () => {
      const zone = this.library.timezone;
      const today = this.now.setZone(zone).startOf("day");
      return printMonths(this.upcoming, this.now, this.catalogue.horizon, zone).map((m) => ({
        ...m,
        days: withClosures(
          groupByDay(m.listings, zone),
          this.closedDays(),
          dayKey(today > m.month ? today : m.month),
          dayKey(m.month.plus({ months: 1 })),
          zone,
        ),
      }));
    });
  }

  /** Today and next at each location, and its closed days soon, for `/signage/<location>/`. */
  get signageScreens(): SignageScreen[] {
    return memo(this.#cache, "signage", () =>
      signageScreens(
        this.upcoming,
        this.library.locations,
        this.now,
        this.library.timezone,
        SIGNAGE_NEXT,
        this.library.closed,
      ),
    );
  }

  /**
   * An item's Markdown body as HTML, rendered once per build: with `<picture>`s for the
   * pictures the build's images processed, else plainly. The loaded item is not changed.
   */
  html(item: { body: string }): string {
    return memo(
      this.#cache,
      `html:${item.body}`,
      () => this.images?.bodyHtml(item.body) ?? renderMarkdown(item.body),
    );
  }

  /**
   * What a consortium's search page needs (its form's data, its Library menu): each
   * member's name and address, and for each member location the member's name and its own
   * id (the members' indexes know places by those); undefined on a library's own site.
   */
  get consortiumSearch():
    | { members: { name: string; url: string }[]; places: Record<string, [string, string]> }
    | undefined {
    const consortium = this.library.consortium;
    if (!consortium) return undefined;
    const places: Record<string, [string, string]> = {};
    for (const l of this.library.locations)
      if (l.member) places[l.id] = [l.member.name, l.member.id];
    return { members: consortium.members.map(({ name, url }) => ({ name, url })), places };
  }

  /** Absolute URL on the library's site. */
  absolute(path: string): string {
    return this.library.url + path;
  }
}
