// Engagement from the host's own access logs (`npm run report -- --logs FILE`): which
// program, audience, category and location pages patrons open, calendar downloads and
// subscriptions, search use, and a "demand against supply" view that sets the views an
// audience or branch gets against the programs it is offered (the coverage report).
// No tracker and no cookie: only what the host logs anyway, and of that only what
// `access-log.ts` keeps (no IP address, no user agent, no search words). Counts only.
//
// What counts (docs/staff-guide.md says the same):
// - a request counts when it is a GET answered 2xx or 304, and not from a bot (the rule in
//   `access-log.ts`, when the log has user agents);
// - a page view is a request for a page of the site (a path ending in `/` or `.html`);
//   lobby screens (`/signage/`, which reload every 5 minutes) and the staff report are
//   left out;
// - audiences, categories and locations are credited with the views of their programs'
//   pages. Their own listing pages are shown apart: the offline service worker fetches
//   every listing page once on each device that installs it, so those views overstate;
// - a calendar download is a fetch of one program's `.ics` file ("Add to calendar");
//   a feed fetch is a fetch of a subscribable calendar (`/calendar.ics` and the audience,
//   category and location ones). A feed counts as subscribed when it is fetched on at least
//   SUBSCRIBED_MIN_DAYS different days and on at least half the days the logs cover: a
//   calendar app that subscribed fetches it again every day or so; a one-off import does
//   not repeat. Its typical daily fetches (the median over the days covered) estimate how
//   many apps keep it: no identifier is kept, so no one is told apart;
// - search: views of `/search/`, and how many of them carried a query; the words are not
//   kept (a search can name a person), so there is no list of terms.
import { DateTime } from "luxon";
import type { Catalogue } from "../content/model.ts";
import { logFileLines, MAX_LINE, parseLogLine, type LogRequest } from "./access-log.ts";
import type {
  DemandRow,
  EngagementReport,
  FeedRow,
  LineCounts,
  ProgramViews,
} from "./engagement-model.ts";
import type { CoverageReport, CoverageRow } from "./report.ts";

/** Fewest different days a feed is fetched on to count as subscribed. */
export const SUBSCRIBED_MIN_DAYS = 3;
/** Viewed this many times its share of what is offered (or more) is "far more". */
export const DEMAND_RATIO = 2;
/** Fewer views than this never flag a row: a handful of views is noise. */
export const DEMAND_MIN_VIEWS = 20;

type Facet = "audiences" | "categories" | "locations";
const FACETS: Facet[] = ["audiences", "categories", "locations"];

/** What a path is on this site, for counting. */
export type Route =
  | { kind: "program"; id: string }
  | { kind: "download"; id: string }
  | { kind: "feed"; id: string }
  | { kind: "listing"; facet: Facet; id: string }
  | { kind: "partner" | "guide"; id: string }
  | { kind: "search" }
  | { kind: "screen" }
  | { kind: "page" }
  | { kind: "file" };

/** The route of a request path (decoded, without query). */
export function routeOf(path: string): Route {
  let p = path.replace(/\/index\.html$/, "/");
  if (p === "/calendar.ics") return { kind: "feed", id: "all" };
  let m = /^\/(audiences|categories|locations)\/([^/]+)\/calendar\.ics$/.exec(p);
  if (m) return { kind: "feed", id: `${m[1]}/${m[2]}` };
  m = /^\/programs\/([^/]+)\.ics$/.exec(p);
  if (m) return { kind: "download", id: m[1]! };
  if (/^\/(signage|staff)\//.test(p)) return { kind: "screen" };
  // A page is a folder URL or an .html file; a host may log `/programs/x` before its redirect.
  const isPage = p.endsWith("/") || p.endsWith(".html") || !/\.[A-Za-z0-9]+$/.test(p);
  if (!isPage) return { kind: "file" };
  if (!p.endsWith("/") && !p.endsWith(".html")) p += "/";
  if (p === "/search/") return { kind: "search" };
  m = /^\/programs\/([^/]+)\/$/.exec(p);
  if (m && m[1] !== "page") return { kind: "program", id: m[1]! };
  m = /^\/(audiences|categories|locations)\/([^/]+)\/(?:page\/\d+\/)?$/.exec(p);
  if (m) return { kind: "listing", facet: m[1] as Facet, id: m[2]! };
  m = /^\/(partners|guides)\/([^/]+)\/$/.exec(p);
  if (m) return { kind: m[1] === "partners" ? "partner" : "guide", id: m[2]! };
  return { kind: "page" };
}

/** Adds requests up; `report` turns the sums into the report model. */
export class EngagementTally {
  readonly lines: LineCounts = {
    lines: 0,
    malformed: 0,
    requests: 0,
    counted: 0,
    notGet: 0,
    notOk: 0,
    bots: 0,
    screens: 0,
    files: 0,
    noAgent: 0,
  };
  files = 0;
  pageViews = 0;
  otherViews = 0;
  downloads = 0;
  readonly search = { views: 0, withQuery: 0 };
  readonly #views = new Map<string, number>();
  readonly #downloads = new Map<string, number>();
  readonly #feeds = new Map<string, { fetches: number; perDay: Map<string, number> }>();
  #first = Infinity;
  #last = -Infinity;
  readonly #zone: string;
  /** Day (ISO) of an hour (epoch hours): the zone's offset is looked up once an hour. */
  readonly #dayOfHour = new Map<number, number>();

  constructor(zone: string) {
    this.#zone = zone;
  }

  /** Reads one log line. */
  addLine(line: string): void {
    this.lines.lines++;
    const parsed = line.length > MAX_LINE ? { kind: "malformed" as const } : parseLogLine(line);
    if (parsed.kind === "malformed") this.lines.malformed++;
    else if (parsed.kind === "requests") for (const r of parsed.requests) this.add(r);
  }

  add(r: LogRequest): void {
    const { lines } = this;
    lines.requests++;
    if (r.method !== "GET") return void lines.notGet++;
    if (!((r.status >= 200 && r.status < 300) || r.status === 304)) return void lines.notOk++;
    if (r.bot) return void lines.bots++;
    const route = routeOf(r.path);
    if (route.kind === "screen") return void lines.screens++;
    if (route.kind === "file") return void lines.files++;
    lines.counted++;
    if (!r.hasAgent) lines.noAgent++;
    if (r.time !== undefined) {
      this.#first = Math.min(this.#first, r.time);
      this.#last = Math.max(this.#last, r.time);
    }
    switch (route.kind) {
      case "download":
        this.downloads++;
        bump(this.#downloads, route.id);
        return;
      case "feed": {
        const feed = this.#feeds.get(route.id) ?? { fetches: 0, perDay: new Map() };
        feed.fetches++;
        if (r.time !== undefined) bump(feed.perDay, this.#day(r.time));
        this.#feeds.set(route.id, feed);
        return;
      }
      case "search":
        this.search.views++;
        if (r.query) this.search.withQuery++;
        break;
      case "program":
        bump(this.#views, `programs/${route.id}`);
        break;
      case "listing":
        bump(this.#views, `${route.facet}/${route.id}`);
        break;
      case "partner":
      case "guide":
        bump(this.#views, `${route.kind}s/${route.id}`);
        break;
    }
    this.pageViews++;
  }

  #day(time: number): string {
    const hour = Math.floor(time / 3_600_000);
    let offset = this.#dayOfHour.get(hour);
    if (offset === undefined) {
      offset = DateTime.fromMillis(hour * 3_600_000, { zone: this.#zone }).offset;
      this.#dayOfHour.set(hour, offset);
    }
    return new Date(time + offset * 60_000).toISOString().slice(0, 10);
  }

  /** The report, against the catalogue (names, links) and its coverage (the supply). */
  report(catalogue: Catalogue, coverage: CoverageReport): EngagementReport {
    const views = (key: string) => this.#views.get(key) ?? 0;
    const known = new Set<string>();
    const programs: ProgramViews[] = catalogue.programs
      .map((p) => {
        known.add(`programs/${p.id}`);
        return {
          id: p.id,
          label: p.title,
          url: p.url,
          views: views(`programs/${p.id}`),
          downloads: this.#downloads.get(p.id) ?? 0,
        };
      })
      .filter((r) => r.views || r.downloads)
      .sort((a, b) => b.views - a.views || b.downloads - a.downloads || a.id.localeCompare(b.id));
    const rows = (
      kind: "partners" | "guides",
      items: { id: string; url: string; label: string }[],
    ) =>
      items
        .map((i) => {
          known.add(`${kind}/${i.id}`);
          return { id: i.id, label: i.label, url: i.url, views: views(`${kind}/${i.id}`) };
        })
        .filter((r) => r.views)
        .sort((a, b) => b.views - a.views || a.id.localeCompare(b.id));
    const partners = rows(
      "partners",
      catalogue.partners.map((p) => ({ id: p.id, url: p.url, label: p.name })),
    );
    const guides = rows(
      "guides",
      catalogue.guides.map((g) => ({ id: g.id, url: g.url, label: g.title })),
    );

    const { library } = catalogue;
    const terms: Record<Facet, { id: string; label: string }[]> = {
      audiences: library.audiences,
      categories: library.categories,
      locations: library.locations.map((l) => ({ id: l.id, label: l.name })),
    };
    for (const facet of FACETS) for (const t of terms[facet]) known.add(`${facet}/${t.id}`);
    let listed = 0;
    for (const [key, n] of this.#views) if (known.has(key)) listed += n;
    const rowsOf = (facet: Facet): DemandRow[] => {
      const offered = new Map(
        (coverage[facet] as CoverageRow[]).map((r) => [r.id, r.occurrences] as const),
      );
      const viewed = new Map<string, number>();
      for (const p of catalogue.programs) {
        const n = views(`programs/${p.id}`);
        if (!n) continue;
        const ids =
          facet === "locations" ? (p.location ? [p.location] : []) : p[facet as "audiences"];
        for (const id of ids) bump(viewed, id, n);
      }
      return demandRows(
        terms[facet].map((t) => ({
          id: t.id,
          label: t.label,
          views: viewed.get(t.id) ?? 0,
          listingViews: views(`${facet}/${t.id}`),
          offered: offered.get(t.id) ?? 0,
        })),
      );
    };

    // Only the library's own feeds are listed: a path from the log is never printed.
    const feedLabel = (id: string) => {
      if (id === "all") return { label: `All programs`, url: "/calendar.ics" };
      const [facet, term] = id.split("/") as [Facet, string];
      const found = terms[facet]?.find((t) => t.id === term);
      return found && { label: found.label, url: `/${facet}/${found.id}/calendar.ics` };
    };
    const days =
      this.#first === Infinity ? 0 : daysBetween(this.#day(this.#first), this.#day(this.#last));
    const feeds: FeedRow[] = [...this.#feeds]
      .filter(([id]) => feedLabel(id))
      .map(([id, f]) => {
        const counts = [...f.perDay.values()];
        const covered = Math.max(days, counts.length);
        return {
          id,
          ...feedLabel(id)!,
          fetches: f.fetches,
          days: f.perDay.size,
          perDay: median([...counts, ...new Array<number>(covered - counts.length).fill(0)]),
          subscribed: f.perDay.size >= SUBSCRIBED_MIN_DAYS && f.perDay.size * 2 >= covered,
        };
      })
      .sort((a, b) => b.fetches - a.fetches || a.id.localeCompare(b.id));

    return {
      files: this.files,
      lines: { ...this.lines },
      from: this.#first === Infinity ? null : this.#day(this.#first),
      to: this.#last === -Infinity ? null : this.#day(this.#last),
      days,
      pageViews: this.pageViews,
      programs,
      otherViews: this.pageViews - listed - this.search.views,
      partners,
      guides,
      downloads: this.downloads,
      feeds,
      search: { ...this.search },
      demand: {
        audiences: rowsOf("audiences"),
        categories: rowsOf("categories"),
        locations: rowsOf("locations"),
      },
      supplyFrom: coverage.from,
      supplyTo: coverage.to,
    };
  }
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/**
 * Shares and ratios for one kind of row. A program with two audiences credits both, on
 * both sides, so the shares stay comparable.
 */
export function demandRows(
  rows: { id: string; label: string; views: number; listingViews: number; offered: number }[],
): DemandRow[] {
  const allViews = rows.reduce((n, r) => n + r.views, 0);
  const allOffered = rows.reduce((n, r) => n + r.offered, 0);
  return rows.map((r) => {
    const viewShare = allViews ? r.views / allViews : 0;
    const offerShare = allOffered ? r.offered / allOffered : 0;
    const ratio = offerShare ? Math.round((viewShare / offerShare) * 100) / 100 : null;
    return {
      ...r,
      viewShare,
      offerShare,
      ratio,
      flagged: r.views >= DEMAND_MIN_VIEWS && (ratio === null || ratio >= DEMAND_RATIO),
    };
  });
}

/** A log file that could not be read: the message names the file and why, never its contents. */
export class LogReadError extends Error {
  override name = "LogReadError";
}

function whyUnreadable(error: unknown): string {
  const code = (error as { code?: string }).code ?? "";
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "a folder, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code.startsWith("Z_")) return "damaged gzip data";
  return code || "unreadable";
}

/** Reads every file, line by line, into one tally. */
export async function readLogs(files: string[], zone: string): Promise<EngagementTally> {
  const tally = new EngagementTally(zone);
  for (const file of files) {
    try {
      for await (const line of logFileLines(file)) tally.addLine(line);
    } catch (error) {
      throw new LogReadError(`cannot read access log ${file}: ${whyUnreadable(error)}`);
    }
    tally.files++;
  }
  return tally;
}
