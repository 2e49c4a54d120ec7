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
import { dayKey, listedTimeRange, zoneName } from "./format.ts";
import { renderMarkdown } from "../content/markdown.ts";
import { DEFAULT_COST } from "../content/schema/program.ts";
import { placeOf } from "../content/assemble.ts";
import { registrationStatus, REGISTERING, type RegistrationStatus } from "./registration.ts";
import { badgeOf, programFacts, type ProgramFacts } from "./program-facts.ts";
import { calendarMonths, monthChoices, type CalendarMonth, type MonthChoice } from "./calendar.ts";
import { programDates, type ProgramDates } from "./program-dates.ts";
import { staffReport, type StaffReport } from "../staff/report.ts";
import {
  printEntries,
  printMonths,
  signageScreens,
  SIGNAGE_NEXT,
  type PrintEntry,
  type PrintMonth,
  type SignageScreen,
} from "../staff/staff-pages.ts";
import type { FragmentCache } from "./fragment-cache.ts";
import { consortiumSearchOf, type ConsortiumSearch } from "./consortium-search.ts";
import { PAGE_KINDS, pageId, type PageKind, type RenderedItems } from "./page-kinds.ts";
import { closedDays, closuresByDate } from "./closures.ts";
import { groupByDay, withClosures, type Closure, type DayGroup } from "./day-groups.ts";
import {
  DEFAULT_LISTING_WEEKS,
  laterMonths,
  listingPages,
  type LaterMonth,
  type ListingPage,
} from "./listing-pages.ts";
import {
  directionOf,
  language,
  stringsFile,
  t,
  type Language,
  type StringsFile,
} from "../i18n/strings.ts";
import {
  alternatesOf,
  siteLanguages,
  unprefixed,
  type Alternate,
  type SiteLanguage,
} from "./languages.ts";
import {
  facetCounts,
  listingsFor,
  quickViews,
  type Facet,
  type FacetCount,
  type QuickView,
} from "./views.ts";

function memo<T>(cache: Map<string, unknown>, key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

/** The messages plan.js shows (the Save buttons, on every page but My plan). */
export const PLAN_STRINGS = ["planScript", "nav.plan"] as const;

/** What the site view needs of the build's images: URLs of single variants. */
export interface SiteImagesView {
  /** URL of the smallest variant of a content image, for search results and thumbnails. */
  thumbnail(src: string): string | undefined;
  /** URL of the largest variant, for structured data. */
  largest(src: string): string | undefined;
  /** A body rendered with `<picture>`s, or undefined when it has no processed pictures. */
  bodyHtml(body: string): string | undefined;
}

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
    return pageId(kind, page);
  }

  /**
   * What the paginated templates paginate over: every page of each kind, but in a preview
   * rebuild only those whose inputs changed (src/build/page-plan.ts).
   */
  get render(): Record<PageKind, readonly unknown[]> {
    return memo(this.#cache, "render", () => {
      const plan = this.#options.render ?? {};
      const out = {} as Record<PageKind, readonly unknown[]>;
      // Each kind's list is made when its template reads it: a preview run that renders only
      // the edited program's page first (src/build/preview.ts) makes no month calendars.
      for (const kind of PAGE_KINDS) {
        Object.defineProperty(out, kind, {
          enumerable: true,
          get: () =>
            memo(this.#cache, `render:${kind}`, () => {
              const ids = plan[kind];
              if (ids?.size === 0) return [];
              const all = this.pagesOf(kind);
              return ids ? all.filter((page) => ids.has(this.pageId(kind, page))) : all;
            }),
        });
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
   * Where the rendering of one listing row is kept between preview runs (the rows made in
   * src/site/listing-html.ts), or undefined (a build: every row is rendered). The key
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

  /**
   * What the explorer's data kept of each program from the last preview run
   * (src/outputs/explorer-data.ts); undefined in a build.
   */
  get keptExplorer(): FragmentCache["explorer"] | undefined {
    return this.#options.fragments?.explorer;
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

  /** The Save buttons' words (layouts/assets/plan.js), a file of their own (`stringsFile`). */
  get planStrings(): StringsFile {
    return stringsFile(this.lang, "plan", ...PLAN_STRINGS);
  }

  /** The Share button's words (layouts/assets/share.js, on program pages), a file too. */
  get shareStrings(): StringsFile {
    return stringsFile(this.lang, "share", "shareScript");
  }

  /** Every file of script words this view's pages name, for the `script-strings` step. */
  get stringsFiles(): StringsFile[] {
    return [this.planStrings, this.shareStrings];
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
   * Pagefind index, which is its pages' `<html lang>` (its `locale`) in lower case.
   * Undefined on a one-language site and on a consortium's (its search is its members').
   */
  get searchLanguages(): { prefix: string; code: string; index: string }[] | undefined {
    const all = this.siteLanguages;
    if (all.length < 2 || this.library.consortium) return undefined;
    return all.map((l) => ({ prefix: l.prefix, code: l.code, index: l.locale.toLowerCase() }));
  }

  /** A page's URL without this view's language prefix, as the templates compare URLs. */
  here(url: string): string {
    return this.prefix && typeof url === "string" ? unprefixed(url, this.siteLanguages) : url;
  }

  /**
   * The same page in each of the site's languages (the language switcher, `hreflang`):
   * none on a one-language site or on a page in the first language only.
   */
  alternates(url: string): Alternate[] {
    return alternatesOf(this.siteLanguages, this.prefix, url);
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

  /** What a program page lists of its upcoming dates (src/site/program-dates.ts). */
  datesOf(program: Program): ProgramDates {
    return programDates(this.upcomingOf(program), this.library.timezone);
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

  /** Whether a program's cost is the default one (`DEFAULT_COST`), said as `facts.free`. */
  isDefaultCost(program: Program): boolean {
    return program.cost === DEFAULT_COST;
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

  /** The location a program takes place at (none once it has moved online: `placeOf`). */
  placeOf(program: Program): Location | undefined {
    return this.location(placeOf(program));
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
      facts = programFacts(
        program,
        this.category(program.categories[0] ?? ""),
        program.image ? this.images?.thumbnail(program.image) : undefined,
        this.audienceMap,
        this.lang,
      );
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
    const map = memo(this.#cache, "closures", () => closuresByDate(this.library));
    return map.get(date) ?? [];
  }

  /**
   * Closed days by date, sorted: every closure (the whole library's and each location's),
   * or, for one location, the library's and that location's own.
   */
  closedDays(location?: string): { date: string; closures: Closure[] }[] {
    return memo(this.#cache, `closedDays:${location ?? ""}`, () => closedDays(this, location));
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

  /**
   * The writing direction of a language code, for text shown in another language than the
   * page's (an untranslated item, a language's name): `dir` is set where it differs.
   */
  dirOf(code: string): "ltr" | "rtl" {
    return directionOf(code);
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
   * `listingWeeks` weeks that have dates (empty windows get no page), PROGRAMS_LATER_PAGES
   * of them (src/site/listing-pages.ts); the dates after them are on the month calendars.
   * On a consortium's site every date is on a listing page, to the last; a window of more
   * than CONSORTIUM_PAGE_LISTINGS dates (src/site/listing-pages.ts) is cut into pages of
   * that many, and each audience, category and location is paged like `/programs/`.
   * Elsewhere one audience, category or location: the first page only, its later dates on the month calendars (and, with JavaScript, in the
   * explorer); later pages for each of them would hold every date four or five times over,
   * a large catalogue's biggest share of output and build memory. Each page's days carry
   * the closures that fall in its window.
   */
  listingPages(facet?: Facet, id?: string): ListingPage[] {
    return memo(this.#cache, `pages:${facet ?? ""}:${id ?? ""}`, () =>
      listingPages(this, facet && id ? this.#listingsFor(facet, id) : this.upcoming, facet, id),
    );
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
    return memo(this.#cache, `later:${facet ?? ""}:${id ?? ""}`, () =>
      laterMonths(
        facet && id ? this.#listingsFor(facet, id) : this.upcoming,
        this.listingEnd,
        this.library.timezone,
      ),
    );
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

  /** The months from the current month to the horizon month (no grids: menus, links). */
  get monthChoices(): MonthChoice[] {
    return memo(this.#cache, "months", () =>
      monthChoices({
        now: this.now,
        horizon: this.catalogue.horizon,
        zone: this.library.timezone,
        locale: this.lang.locale,
      }),
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
   * Each month from now to the horizon with its programs, each once with its dates there,
   * and its days with closures from today on, for `/print/YYYY-MM/`.
   */
  get printMonths(): (PrintMonth & { programs: PrintEntry[]; closures: DayGroup[] })[] {
    return memo(this.#cache, "printMonths", () => {
      const zone = this.library.timezone;
      const today = this.now.setZone(zone).startOf("day");
      const lang = this.lang;
      const closedDays = () => this.closedDays();
      // A month's entries and closures are worked out when its page reads them: a preview
      // rebuild renders the months an edit touched (`render`), not all of them.
      return printMonths(this.upcoming, this.now, this.catalogue.horizon, zone).map((m) => {
        let programs: PrintEntry[] | undefined;
        let closures: DayGroup[] | undefined;
        return {
          ...m,
          get programs() {
            return (programs ??= printEntries(m.listings, (l) =>
              listedTimeRange(l.occurrence, lang),
            ));
          },
          get closures() {
            return (closures ??= withClosures(
              [],
              closedDays(),
              dayKey(today > m.month ? today : m.month),
              dayKey(m.month.plus({ months: 1 })),
              zone,
            ));
          },
        };
      });
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
  get consortiumSearch(): ConsortiumSearch | undefined {
    return consortiumSearchOf(this.library);
  }

  /** Absolute URL on the library's site. */
  absolute(path: string): string {
    return this.library.url + path;
  }
}
