// Programming coverage for the next weeks: how many programs and occurrences each audience,
// category, location and language gets, week by week, and where the gaps are. It is how a
// library sees whether it serves its whole community. One model, two views: the terminal
// table of `npm run report` (`formatCoverage`, in `report-text.ts`) and the `/staff/report/`
// page (`barChart`). Pure and linear in the number of occurrences.
import { DateTime } from "luxon";
import type { Catalogue, Listing, Program } from "../content/model.ts";
import { placeOf } from "../content/assemble.ts";

export interface CoverageOptions {
  /** Number of weeks from today (the build's "now") covered; default 8. */
  weeks?: number;
}

export const DEFAULT_WEEKS = 8;

export interface CoverageWeek {
  /** First day of the week, ISO date in the library's zone. */
  start: string;
  /** Last day of the week (inclusive), ISO date. */
  last: string;
  /** Distinct programs with at least one occurrence this week. */
  programs: number;
  occurrences: number;
}

/** Counts for one audience, category, location or language. */
export interface CoverageRow {
  id: string;
  label: string;
  /** Distinct programs with at least one occurrence in the period. */
  programs: number;
  occurrences: number;
  /** Occurrences per week, in the order of `CoverageReport.weeks`. */
  perWeek: number[];
}

/** A week in which an audience or a location has nothing at all. */
export interface CoverageGap {
  kind: "audience" | "location";
  id: string;
  label: string;
  /** ISO date of the week's first day. */
  week: string;
}

export interface CoverageReport {
  /** ISO date of the first day covered: today in the library's zone. */
  from: string;
  /** ISO date of the last day covered (inclusive). */
  to: string;
  weeks: CoverageWeek[];
  totals: {
    /** Distinct programs with a counted occurrence in the period. */
    programs: number;
    /** Occurrences counted (not cancelled) in the period. */
    occurrences: number;
    /** Occurrences in the period left out because they are cancelled or postponed. */
    cancelled: number;
    /** Counted occurrences of online-only programs (no location). */
    onlineOnly: number;
  };
  audiences: CoverageRow[];
  categories: CoverageRow[];
  locations: CoverageRow[];
  languages: CoverageRow[];
  /** Weeks with no occurrence for an audience or a location, audiences first. */
  gaps: CoverageGap[];
  /** Partners none of whose programs has an upcoming, not cancelled occurrence (to the horizon). */
  idlePartners: { id: string; name: string; url: string }[];
  /** Guides that no published program links to (in either file). */
  unlinkedGuides: { id: string; title: string; url: string }[];
}

/** An occurrence that does not take place does not serve anyone. */
function takesPlace({ program, occurrence }: Listing): boolean {
  return !occurrence.cancelled && program.status !== "cancelled" && program.status !== "postponed";
}

class Tally {
  readonly programs = new Set<string>();
  occurrences = 0;
  readonly perWeek: number[];
  constructor(
    readonly id: string,
    readonly label: string,
    weeks: number,
  ) {
    this.perWeek = new Array<number>(weeks).fill(0);
  }
  add(program: Program, week: number): void {
    this.programs.add(program.id);
    this.occurrences++;
    this.perWeek[week]!++;
  }
  row(): CoverageRow {
    return {
      id: this.id,
      label: this.label,
      programs: this.programs.size,
      occurrences: this.occurrences,
      perWeek: [...this.perWeek],
    };
  }
}

function tallies(terms: { id: string; label: string }[], weeks: number): Map<string, Tally> {
  return new Map(terms.map((t) => [t.id, new Tally(t.id, t.label, weeks)]));
}

/**
 * Coverage of the catalogue's upcoming occurrences that start before the end of the
 * `weeks`-th week from today. Week 1 is today and the six days after it (not a calendar
 * week), so the report reads the same whichever day it is run. Occurrences that began
 * before today and are still running count in week 1.
 */
export function coverageReport(
  catalogue: Catalogue,
  options: CoverageOptions = {},
): CoverageReport {
  const weekCount = options.weeks ?? DEFAULT_WEEKS;
  if (!Number.isInteger(weekCount) || weekCount < 1 || weekCount > 104) {
    throw new Error(`weeks must be a whole number from 1 to 104, got ${weekCount}`);
  }
  const { library } = catalogue;
  const zone = library.timezone;
  const from = catalogue.now.setZone(zone).startOf("day");
  // Boundaries as wall-clock midnights, so a week across a DST change is still 7 days.
  const bounds: DateTime[] = [];
  for (let i = 0; i <= weekCount; i++) bounds.push(from.plus({ weeks: i }));
  const endMs = bounds[weekCount]!.toMillis();

  const audiences = tallies(library.audiences, weekCount);
  const categories = tallies(library.categories, weekCount);
  const locations = tallies(
    library.locations.map((l) => ({ id: l.id, label: l.name })),
    weekCount,
  );
  const languages = tallies(
    Object.entries(library.languages).map(([id, label]) => ({ id, label })),
    weekCount,
  );
  const all = new Set<string>();
  const weekPrograms = bounds.slice(0, weekCount).map(() => new Set<string>());
  const weekOccurrences = new Array<number>(weekCount).fill(0);
  let cancelled = 0;
  let onlineOnly = 0;

  // `upcoming` is sorted by start, so the week index only moves forward: linear time.
  let week = 0;
  for (const listing of catalogue.upcoming) {
    const startMs = listing.occurrence.start.toMillis();
    if (startMs >= endMs) break;
    while (week < weekCount - 1 && startMs >= bounds[week + 1]!.toMillis()) week++;
    if (!takesPlace(listing)) {
      cancelled++;
      continue;
    }
    const { program } = listing;
    all.add(program.id);
    weekPrograms[week]!.add(program.id);
    weekOccurrences[week]!++;
    for (const id of program.audiences) audiences.get(id)?.add(program, week);
    for (const id of program.categories) categories.get(id)?.add(program, week);
    for (const id of program.languages) languages.get(id)?.add(program, week);
    const place = placeOf(program);
    if (place) locations.get(place)?.add(program, week);
    else onlineOnly++;
  }

  const weeks: CoverageWeek[] = weekPrograms.map((programs, i) => ({
    start: bounds[i]!.toISODate()!,
    last: bounds[i + 1]!.minus({ days: 1 }).toISODate()!,
    programs: programs.size,
    occurrences: weekOccurrences[i]!,
  }));

  const gaps: CoverageGap[] = [];
  const findGaps = (kind: CoverageGap["kind"], map: Map<string, Tally>) => {
    for (const t of map.values()) {
      t.perWeek.forEach((n, i) => {
        if (n === 0) gaps.push({ kind, id: t.id, label: t.label, week: weeks[i]!.start });
      });
    }
  };
  findGaps("audience", audiences);
  findGaps("location", locations);

  // Partners and guides are judged over everything listed, not only the report's weeks:
  // a partner whose program is in three months is not idle.
  const active = new Set<string>();
  for (const listing of catalogue.upcoming) if (takesPlace(listing)) active.add(listing.program.id);
  const idlePartners = catalogue.partners
    .filter((p) => !catalogue.programsOfPartner(p.id).some((program) => active.has(program.id)))
    .map((p) => ({ id: p.id, name: p.name, url: p.url }));
  const unlinkedGuides = catalogue.guides
    .filter((g) => catalogue.programsOfGuide(g.id).length === 0)
    .map((g) => ({ id: g.id, title: g.title, url: g.url }));

  const rows = (map: Map<string, Tally>) => [...map.values()].map((t) => t.row());
  return {
    from: from.toISODate()!,
    to: weeks[weekCount - 1]!.last,
    weeks,
    totals: {
      programs: all.size,
      occurrences: weeks.reduce((n, w) => n + w.occurrences, 0),
      cancelled,
      onlineOnly,
    },
    audiences: rows(audiences),
    categories: rows(categories),
    locations: rows(locations),
    languages: rows(languages),
    gaps,
    idlePartners,
    unlinkedGuides,
  };
}

// ---------------------------------------------------------------------------------------------
// Chart geometry for the staff page: the layout prints these numbers into SVG attributes.

export interface Bar {
  label: string;
  value: number;
  /** Top of the bar's row. */
  y: number;
  /** Bar width in chart units (0 for a zero value). */
  width: number;
  /** Baseline of the row's text. */
  textY: number;
  /** Nothing at all in the period: drawn as a gap. */
  empty: boolean;
}

export interface BarChart {
  /** For the SVG `viewBox`: `0 0 width height`. */
  width: number;
  height: number;
  /** Where bars start (room for labels on the left). */
  barX: number;
  /** Longest possible bar. */
  barMax: number;
  bars: Bar[];
}

const ROW = 28;
const BAR = 18;

/**
 * Horizontal bars for `rows` (label and value), scaled to the largest value. Labels sit
 * left of `barX`, values right of each bar. Geometry only: the layout draws it.
 */
export function barChart(
  rows: { label: string; value: number }[],
  options: { width?: number; labelWidth?: number } = {},
): BarChart {
  const width = options.width ?? 640;
  const barX = options.labelWidth ?? 200;
  const barMax = width - barX - 60;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const bars = rows.map((r, i) => ({
    label: r.label,
    value: r.value,
    y: i * ROW + (ROW - BAR) / 2,
    width: Math.round((r.value / max) * barMax * 10) / 10,
    textY: i * ROW + ROW / 2 + 5,
    empty: r.value === 0,
  }));
  return { width, height: Math.max(ROW, rows.length * ROW), barX, barMax, bars };
}

/** The coverage report with its charts, as `/staff/report/` shows it. */
export interface StaffReport {
  report: CoverageReport;
  /** Week headings in the library's locale ("Nov 28"), in the order of `report.weeks`. */
  weekLabels: string[];
  charts: {
    weeks: BarChart;
    audiences: BarChart;
    categories: BarChart;
    locations: BarChart;
    languages: BarChart;
  };
}

/** `coverageReport` plus chart geometry and localised week labels for the staff page. */
export function staffReport(catalogue: Catalogue, options: CoverageOptions = {}): StaffReport {
  const report = coverageReport(catalogue, options);
  const { locale, timezone } = catalogue.library;
  const weekLabels = report.weeks.map((w) =>
    DateTime.fromISO(w.start, { zone: timezone })
      .setLocale(locale)
      .toLocaleString({ month: "short", day: "numeric" }),
  );
  const bars = (rows: CoverageRow[]) =>
    barChart(rows.map((r) => ({ label: r.label, value: r.occurrences })));
  return {
    report,
    weekLabels,
    charts: {
      weeks: barChart(
        report.weeks.map((w, i) => ({ label: weekLabels[i]!, value: w.occurrences })),
      ),
      audiences: bars(report.audiences),
      categories: bars(report.categories),
      locations: bars(report.locations),
      languages: bars(report.languages),
    },
  };
}
