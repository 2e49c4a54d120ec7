// The normalised content model every part of Almanac works from. Raw front matter is
// validated by the schemas in `src/schema/` and turned into these shapes by
// `src/content/catalogue.ts`; layouts, feeds, calendars and search only ever see these.
import type { DateTime } from "luxon";

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

export interface Term {
  id: string;
  label: string;
  description?: string;
}

/** An audience: a term with optional ages (`[min, max]` years, both included) and search words. */
export interface Audience extends Term {
  ages?: [number, number];
  /** Words patrons use for it, lower case. */
  terms?: string[];
}

/** An access feature programs name in `access`. */
export interface AccessFeature {
  id: string;
  label: string;
}

export interface ClosedDay {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  reason?: string;
}

export interface Location {
  id: string;
  name: string;
  address: string;
  /** [latitude, longitude] */
  geo?: [number, number];
  accessibility?: string;
  phone?: string;
  hours?: string;
  /** Extra closed days of this location only. */
  closed: ClosedDay[];
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
  horizonMonths: number;
  /**
   * Weeks of dates a listing page (`/programs/` and its later pages, audience, category and
   * location pages) shows, from today; undefined: `DEFAULT_LISTING_WEEKS` (src/site/site.ts).
   * Month calendars, calendar files, `programs.json`, search and the explorer keep the
   * full horizon.
   */
  listingWeeks?: number;
  /** Template with `{id}` and `{title}`; absent when the library sets none. */
  feedbackUrl?: string;
  contact: { email?: string; phone?: string };
  /** code -> name, in the order written. */
  languages: Record<string, string>;
  locations: Location[];
  closed: ClosedDay[];
  audiences: Audience[];
  categories: Term[];
  /** Access features, in the order written. */
  access: AccessFeature[];
  /** Theme colour for the manifest and browser chrome. */
  themeColor: string;
  /** Optional site-wide default social image, relative to `content/`. */
  image?: string;
}

export type ProgramStatus =
  "scheduled" | "cancelled" | "postponed" | "rescheduled" | "moved-online";

export interface Occurrence {
  /** Start in the program's zone (library zone, or the explicit offset given). */
  start: DateTime;
  /** Exclusive end. For all-day occurrences, midnight after the last day. */
  end: DateTime;
  allDay: boolean;
  /** Listed in `cancelled`: shown, marked cancelled. */
  cancelled: boolean;
}

export interface Repeat {
  every: "day" | "week" | "month";
  interval: number;
  /** week: `mon`..`sun`; month: `2nd tue`, `last fri`, ... */
  on?: string[];
  until?: string;
  count?: number;
  except: string[];
}

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

export interface Registration {
  required: boolean;
  url?: string;
  capacity?: number;
  /** ISO date or date-time string as written. */
  opens?: string;
  full: boolean;
}

export interface Program {
  id: string;
  /** `content/programs/<id>.md` */
  file: string;
  url: string;
  title: string;
  summary: string;
  audiences: string[];
  categories: string[];
  location?: string;
  room?: string;
  online?: string;
  /** Raw schedule fields as written (strings), as `src/schedule/schedule.ts` expands them. */
  schedule: ScheduleSpec;
  /** Every occurrence from the first up to the horizon, sorted by start. */
  occurrences: Occurrence[];
  status: ProgramStatus;
  registration?: Registration;
  cost: string;
  languages: string[];
  partners: string[];
  guides: string[];
  image?: string;
  imageAlt?: string;
  accessibility?: string;
  /** Ids of `library.access` features. */
  access: string[];
  featured: boolean;
  draft: boolean;
  publish?: string;
  extra: Record<string, unknown>;
  /** Markdown body rendered to HTML. */
  html: string;
  /** Markdown body as written. */
  body: string;
}

export type PartnerKind =
  "school" | "business" | "nonprofit" | "government" | "community" | "other";

export interface Partner {
  id: string;
  file: string;
  url: string;
  name: string;
  kind: PartnerKind;
  summary: string;
  website?: string;
  logo?: string;
  logoAlt?: string;
  /** Ids named in this file (links both ways are resolved in `Catalogue`). */
  programs: string[];
  draft: boolean;
  publish?: string;
  html: string;
  body: string;
}

export interface Guide {
  id: string;
  file: string;
  url: string;
  title: string;
  summary: string;
  level: "beginner" | "intermediate" | "advanced";
  audiences: string[];
  topics: string[];
  checklist: string[];
  sources: { title: string; url: string }[];
  programs: string[];
  updated?: string;
  draft: boolean;
  publish?: string;
  html: string;
  body: string;
}

export interface Page {
  id: string;
  file: string;
  url: string;
  title: string;
  summary?: string;
  nav?: number;
  draft: boolean;
  publish?: string;
  html: string;
  body: string;
}

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
  /** Upcoming occurrences of all programs (not yet ended at `now`), sorted by start then title. */
  upcoming: Listing[];
  /** Links resolved on both sides. */
  partnersOf(programId: string): Partner[];
  programsOfPartner(partnerId: string): Program[];
  guidesOf(programId: string): Guide[];
  programsOfGuide(guideId: string): Program[];
  /** Warnings from loading (closed days), for printing. */
  warnings: Problem[];
}
