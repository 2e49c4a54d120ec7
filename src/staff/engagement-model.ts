// The shape of the engagement report: what `EngagementTally.report` (`engagement.ts`)
// returns and the terminal and HTML views print.

export interface LineCounts {
  /** Lines read, blank ones included. */
  lines: number;
  /** Lines no supported format reads (counted and skipped). */
  malformed: number;
  /** Requests read from the lines. */
  requests: number;
  /** Requests counted: page views, calendar downloads and feed fetches. */
  counted: number;
  notGet: number;
  /** Not answered 2xx or 304 (redirects, not found, errors). */
  notOk: number;
  bots: number;
  /** Lobby screens and the staff report. */
  screens: number;
  /** Other files: styles, scripts, images, the search index, data files. */
  files: number;
  /** Counted requests whose line had no user agent, so bots could not be left out. */
  noAgent: number;
}

export interface ViewRow {
  id: string;
  label: string;
  url: string;
  views: number;
}

export interface ProgramViews extends ViewRow {
  /** Fetches of the program's `.ics` file. */
  downloads: number;
}

export interface FeedRow {
  /** `all`, or `audiences/kids` etc. */
  id: string;
  label: string;
  url: string;
  fetches: number;
  /** Different days (in the library's zone) it was fetched on. */
  days: number;
  /** Median fetches a day over the days the logs cover. */
  perDay: number;
  subscribed: boolean;
}

/** One audience, category or location: what patrons look at against what is offered. */
export interface DemandRow {
  id: string;
  label: string;
  /** Views of its programs' pages. */
  views: number;
  /** Views of its own listing page (overstated by offline precaching; not in the ratio). */
  listingViews: number;
  /** Occurrences in the coverage report's weeks. */
  offered: number;
  /** Its share of all views of this kind, and of all occurrences, from 0 to 1. */
  viewShare: number;
  offerShare: number;
  /** viewShare / offerShare; null when nothing is offered. */
  ratio: number | null;
  /** Viewed far more than offered: ratio at least DEMAND_RATIO (or nothing offered), with DEMAND_MIN_VIEWS views. */
  flagged: boolean;
}

export interface EngagementReport {
  /** How many files were read. */
  files: number;
  lines: LineCounts;
  /** First and last request time, ISO dates in the library's zone; null without times. */
  from: string | null;
  to: string | null;
  /** Days from `from` to `to`, inclusive (0 without times). */
  days: number;
  pageViews: number;
  programs: ProgramViews[];
  /** Views of pages that are in no row below (home, lists, calendars, pages, past programs). */
  otherViews: number;
  partners: ViewRow[];
  guides: ViewRow[];
  downloads: number;
  feeds: FeedRow[];
  search: { views: number; withQuery: number };
  demand: { audiences: DemandRow[]; categories: DemandRow[]; locations: DemandRow[] };
  /** The coverage report's period the supply side is from. */
  supplyFrom: string;
  supplyTo: string;
}
