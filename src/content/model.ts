// The normalised content model every part of Almanac works from. Raw front matter is
// validated by the schemas in `src/content/schema/` and turned into these shapes by
// `src/content/assemble.ts`; layouts, feeds, calendars and search only ever see these.
//
// The types are derived from the schemas' outputs (`z.output`), not restated: a field the
// model takes as the schema gives it is `Pick`ed, so a field added to or changed in a
// schema changes the model with it. Only what the loader computes (ids, URLs, occurrences,
// camelCase names of snake_case fields) is declared here.
import type { DateTime } from "luxon";
import type * as z from "zod";
import type {
  accessFeatureSchema,
  audienceSchema,
  closedDaySchema,
  termSchema,
} from "./schema/library.ts";
import type {
  PROGRAM_STATUSES,
  ProgramInput,
  registrationSchema,
  repeatSchema,
} from "./schema/program.ts";
import type { PARTNER_KINDS, PartnerInput } from "./schema/partner.ts";
import type { GuideInput } from "./schema/guide.ts";
import type { PageInput } from "./schema/page.ts";
import type { Message } from "../i18n/strings.ts";

/** One line of the build's report: an error fails the build, a warning does not. */
export interface Problem {
  severity: "error" | "warning";
  /** Path relative to the site root, e.g. `content/programs/x.md` or `_data/library.yaml`. */
  file: string;
  /** 1-based line of the offending field, or of the front matter start when unknown. */
  line: number;
  /** Dotted field path, e.g. `repeat.until`; empty for file-level problems (bad YAML). */
  field: string;
  message: string;
}

/**
 * Text by language code, as the library wrote it (`label: { en: Kids, es: Niños }`): set
 * only when it wrote a map; the plain field beside it holds the default language's text.
 */
export type ByLanguage = Readonly<Record<string, string>>;

/**
 * The language a text of `_data/library.yaml` is in, when a page shows it in another: set
 * only in the view of the site in another of `site_languages` (src/site/languages.ts), on
 * text the library gave no value in that language for, which is then in the first of
 * `site_languages` (a label's fallback, or a plain text). The page marks it with `lang`.
 */
type FallbackLang = string;

/**
 * A label in the default language (`label`) and, when written as a map, by language;
 * `lang`: the language `label` is in when it is not the view's (`FallbackLang`).
 */
type Labelled<T> = Omit<T, "label"> & { label: string; labels?: ByLanguage; lang?: FallbackLang };

/**
 * An audience or a category, as `_data/library.yaml` lists it; `descriptionLang`: the
 * language its `description` (plain text) is in, when it is not the view's.
 */
export type Term = Labelled<z.output<typeof termSchema>> & { descriptionLang?: FallbackLang };

/** A closed day: ISO date `YYYY-MM-DD` and an optional reason (`reasons` by language). */
export type ClosedDay = Omit<z.output<typeof closedDaySchema>, "reason"> & {
  reason?: string;
  reasons?: ByLanguage;
  /** The language `reason` is in, when it is not the view's (`FallbackLang`). */
  lang?: FallbackLang;
};

/** An audience: a term with optional `ages` ([youngest, oldest], inclusive) and `terms`. */
export type Audience = Labelled<z.output<typeof audienceSchema>> & {
  descriptionLang?: FallbackLang;
};

/** A feature programs can offer and name in `access` (ASL interpretation, step-free access). */
export type AccessFeature = Labelled<z.output<typeof accessFeatureSchema>>;

export interface Location {
  id: string;
  /** In the site's default language. */
  name: string;
  /** `name` by language, when the library wrote a map. */
  names?: ByLanguage;
  /** The language `name` is in, when it is not the view's (`FallbackLang`). */
  lang?: FallbackLang;
  /**
   * The language `accessibility` and `hours` are in (plain text, in the first of
   * `site_languages`), in the view of another language (`FallbackLang`).
   */
  textLang?: FallbackLang;
  address: string;
  /** [latitude, longitude] */
  geo?: [number, number];
  accessibility?: string;
  phone?: string;
  hours?: string;
  /** Extra closed days of this location only. */
  closed: ClosedDay[];
  /** A consortium member's location: the member's name and the location's id there. */
  member?: { name: string; id: string };
}

export interface Library {
  name: string;
  /** Absolute base URL without trailing slash, e.g. `https://library.example.org`. */
  url: string;
  /** IANA zone, e.g. `America/Chicago`. */
  timezone: string;
  /** BCP 47 locale, e.g. `en-US`. */
  locale: string;
  /** The library's main language code (first key of `languages`, or the locale's language). */
  language: string;
  description?: string;
  /** `description` by language, when written as a map. */
  descriptions?: ByLanguage;
  /** The language `description` is in, when it is not the view's (`FallbackLang`). */
  descriptionLang?: FallbackLang;
  horizonMonths: number;
  /**
   * Weeks of dates that listing pages (`/programs/`, audience, category and location pages)
   * show, from today; later dates are linked through the month calendars. Month calendars,
   * calendar files, `programs.json` and search keep the full horizon. Undefined (the
   * default): listing pages show every upcoming occurrence.
   */
  listingWeeks?: number;
  /** Template with `{id}` and `{title}`; absent when the library sets none. */
  feedbackUrl?: string;
  contact: { email?: string; phone?: string };
  /** code -> name, in the order written. */
  languages: Record<string, string>;
  /**
   * The languages the site is published in (`site_languages`): the first (the default) at
   * `/`, each other under `/<code>/`. Default: `[language]`.
   */
  siteLanguages: string[];
  locations: Location[];
  closed: ClosedDay[];
  audiences: Audience[];
  categories: Term[];
  /** Features programs name in `access`, in the order written. */
  access: AccessFeature[];
  search: {
    /**
     * Groups of words and phrases search treats as the same (from `search.synonyms`):
     * lowercase, spaces collapsed, each group without repeats, e.g.
     * `[["story time", "storytime"]]`.
     */
    synonyms: string[][];
  };
  /** Theme colour for the manifest and browser chrome (`theme_color`, else the brand colour). */
  themeColor: string;
  /** The library's logo (`logo`, `logo_alt`), relative to `content/`; absent when none is set. */
  logo?: { src: string; alt: string };
  /**
   * The library's colours (`brand`), as `#rrggbb`: `textColor` is the one written, or white
   * or near-black, whichever reads better. Absent when none is set: the site keeps its own.
   */
  brand?: { color: string; textColor: string };
  /** Optional site-wide default social image, relative to `content/`. */
  image?: string;
  /** Whether the site has the staff coverage report, `/staff/report/` (`staff_report`). */
  staffReport: boolean;
  /** The browser editor's repository settings (`editor`). */
  editor: { repo?: string; branch: string; authUrl?: string };
  /** A consortium's site: its member libraries (`consortium.members`), in order. */
  consortium?: { members: Member[] };
  /** The consortium this library is a member of (`consortium_url`), without trailing slash. */
  consortiumUrl?: string;
}

/** A member library of a consortium, as the consortium's `library.yaml` names it. */
export interface Member {
  id: string;
  name: string;
  /** Where the member's site is published, without trailing slash. */
  url: string;
  /** Its built site's folder (relative to the consortium's root) or its http(s) address. */
  source: string;
}

/**
 * What a consortium's listing of a member's program says of the member: its name, where
 * its site is, and the zone its times are shown in (its own, from its `programs.json`).
 */
export interface MemberOf {
  id: string;
  name: string;
  url: string;
  timezone: string;
  /**
   * Whether the program costs nothing and can be joined without registering, as the
   * member's `programs.json` says; unset when it does not say (a member built by an older
   * Almanac): the program is then claimed neither free nor drop-in.
   */
  free?: boolean;
  dropIn?: boolean;
}

export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export interface Occurrence {
  /**
   * Start, in the library's zone on a program (`inLibraryZone`; the schedule engine's own
   * result keeps an explicit offset as written; a consortium member's program, its library's).
   */
  start: DateTime;
  /** Exclusive end. For all-day occurrences, midnight after the last day. */
  end: DateTime;
  allDay: boolean;
  /** Listed in `cancelled`: shown, marked cancelled. */
  cancelled: boolean;
}

/** `repeat:` as its schema gives it (`on`: `mon`..`sun` by week; `2nd tue`, `last fri` by month). */
export type Repeat = z.output<typeof repeatSchema>;

/** A program's schedule as written in its front matter. */
export interface ScheduleSpec {
  /** As written: `2026-10-20`, `2026-10-20 18:00`, `2026-10-20T18:00:30`, `...-05:00`, `...Z`. */
  start: string;
  /** Same forms; for all-day programs a date = the LAST day (inclusive). */
  end?: string;
  /** Minutes. */
  duration?: number;
  repeat?: Repeat;
  /** Extra occurrences, same length as the first. */
  dates: string[];
  /** Dates (or date-times) of occurrences shown but marked cancelled. */
  cancelled: string[];
}

/** `registration:` as its schema gives it (`opens`: the date or date-time as written). */
export type Registration = z.output<typeof registrationSchema>;

/** What every published item has besides its fields: where it comes from and lives. */
interface Item {
  id: string;
  /** `content/<kind>/<id>.md` */
  file: string;
  /** `/<kind>/<id>/` */
  url: string;
  /** Markdown body as written (the site view renders it). */
  body: string;
  /**
   * Set only in the view of the site in another of `site_languages`
   * (src/site/languages.ts) on an item without a translation into it: the language its
   * text is in, for its `lang` attribute.
   */
  lang?: string;
}

/** What every translation has: its file and its Markdown body (empty: the base file's). */
export interface Translated {
  /** `content/<kind>/<id>.<code>.md` */
  file: string;
  body: string;
}

/** A program's translation into one language: the fields it gives, and its body. */
export type ProgramTranslation = Translated &
  Partial<Pick<Program, "title" | "summary" | "room" | "accessibility" | "cost" | "imageAlt">>;
export type PartnerTranslation = Translated &
  Partial<Pick<Partner, "name" | "summary" | "logoAlt">>;
/** `sourceTitles`: the titles of the base file's sources, in order. */
export type GuideTranslation = Translated &
  Partial<Pick<Guide, "title" | "summary" | "checklist">> & { sourceTitles?: string[] };
export type PageTranslation = Translated & Partial<Pick<Page, "title" | "summary">>;

/** Translations of an item by language code (none when it has none). */
type Translations<T> = { translations?: Readonly<Record<string, T>> };

export interface Program
  extends
    Translations<ProgramTranslation>,
    Item,
    Pick<
      ProgramInput,
      | "title"
      | "summary"
      | "audiences"
      | "categories"
      | "location"
      | "room"
      | "online"
      | "status"
      | "registration"
      | "partners"
      | "guides"
      | "image"
      | "accessibility"
      | "access"
      | "featured"
      | "draft"
      | "publish"
      | "extra"
    > {
  /** Raw schedule fields as written (strings), as `src/schedule/schedule.ts` expands them. */
  schedule: ScheduleSpec;
  /** Every occurrence from the first up to the horizon, sorted by start. */
  occurrences: Occurrence[];
  /** `cost`, or "Free". */
  cost: string;
  /**
   * Whether it costs nothing (`isFree` of the main language's `cost`, src/content/cost.ts):
   * a translation's `cost` is its wording, not another fact. A consortium member's program:
   * what its member's file says, false when it says nothing.
   */
  free: boolean;
  /** `languages`, or the library's language. */
  languages: string[];
  /** `image_alt` */
  imageAlt?: string;
  /**
   * Set on a consortium's copy of a member library's program (src/consortium/): its `url`
   * is then the absolute address of the program's page on the member's site, it has no
   * page on the consortium's, and its dates fall on days of the member's zone.
   */
  member?: MemberOf;
}

export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Partner
  extends
    Item,
    Translations<PartnerTranslation>,
    Pick<PartnerInput, "name" | "kind" | "summary" | "website" | "logo" | "draft" | "publish"> {
  /** `logo_alt` */
  logoAlt?: string;
  /** Ids named in this file (links both ways are resolved in `Catalogue`). */
  programs: string[];
}

export interface Guide
  extends
    Item,
    Translations<GuideTranslation>,
    Pick<
      GuideInput,
      | "title"
      | "summary"
      | "level"
      | "audiences"
      | "topics"
      | "checklist"
      | "sources"
      | "programs"
      | "updated"
      | "draft"
      | "publish"
    > {}

export interface Page
  extends Item,
    Translations<PageTranslation>,
    Pick<PageInput, "title" | "summary" | "nav" | "draft" | "publish"> {}

/** One occurrence with its program, as listed on the site. */
export interface Listing {
  program: Program;
  occurrence: Occurrence;
}

/**
 * The whole validated, published content set. Unpublished items (drafts, `publish` in
 * the future) are not in it at all, so nothing downstream can leak them.
 */
export interface Catalogue {
  library: Library;
  /** The build's "now" (from `ALMANAC_NOW` or the clock) in the library zone. */
  now: DateTime;
  /** End of the listing horizon: `now + horizon_months`. */
  horizon: DateTime;
  programs: Program[];
  partners: Partner[];
  guides: Guide[];
  pages: Page[];
  /**
   * A consortium's member libraries' programs (src/consortium/), by id: listed, in the
   * calendars and in `programs.json`, but with no page here (their pages are the members').
   * Empty on a library's own site.
   */
  memberPrograms: Program[];
  /**
   * Upcoming occurrences of all programs, own and members' (not yet ended at `now`),
   * sorted by start then title; on a consortium's site whose members' zones differ, by
   * the day each starts on in its own library's zone first.
   */
  upcoming: Listing[];
  /** Links resolved on both sides. */
  partnersOf(programId: string): Partner[];
  programsOfPartner(partnerId: string): Program[];
  guidesOf(programId: string): Guide[];
  programsOfGuide(guideId: string): Program[];
  /** Warnings from loading (closed days), for printing. */
  warnings: Problem[];
  /** The library's own interface text by language code (`_data/strings/<code>.yaml`). */
  strings?: ReadonlyMap<string, Readonly<Record<string, Message>>>;
}
