// The engagement report as text for a terminal (`npm run report -- --logs FILE`), printed
// after the coverage tables; the counting is `engagement.ts`.
import { DEMAND_MIN_VIEWS, DEMAND_RATIO } from "./engagement.ts";
import type { DemandRow, EngagementReport } from "./engagement-model.ts";

/** `1 view`, `2 views`. */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** `2.5x`, or `nothing offered`. */
export function ratioText(row: DemandRow): string {
  return row.ratio === null ? (row.views ? "nothing offered" : "–") : `${row.ratio}x`;
}

/** The engagement report as text for a terminal, after the coverage tables. */
export function formatEngagement(e: EngagementReport): string {
  const l = e.lines;
  const out: string[] = [
    `Engagement from ${e.files} access log file${e.files === 1 ? "" : "s"}` +
      (e.from ? `, ${e.from} to ${e.to} (${e.days} day${e.days === 1 ? "" : "s"})` : ""),
    `${l.lines} lines: ${l.counted} requests counted, ${l.malformed} malformed lines skipped; ` +
      `not counted: ${l.notGet} not GET, ${l.notOk} not successful, ${l.bots} bots, ` +
      `${l.screens} lobby screens and staff pages, ${l.files} other files.`,
  ];
  if (l.noAgent) {
    out.push(
      `${l.noAgent} counted requests had no user agent in the log (common log format, or PII left out), so bots among them could not be left out.`,
    );
  }
  out.push(
    `${e.pageViews} page views; ${e.downloads} calendar downloads; search page opened ${e.search.views} times, ${e.search.withQuery} with a search (the words are not kept).`,
    "",
    "Program pages (views, calendar downloads)",
  );
  if (e.programs.length) {
    for (const p of e.programs)
      out.push(`  ${p.label}: ${count(p.views, "view")}, ${count(p.downloads, "download")}`);
  } else {
    out.push("  none viewed");
  }
  out.push("", "Calendar feeds (fetches, days fetched, typical fetches a day)");
  if (e.feeds.length) {
    for (const f of e.feeds) {
      out.push(
        `  ${f.label} (${f.url}): ${count(f.fetches, "fetch").replace("fetchs", "fetches")} on ${count(f.days, "day")}, ${f.perDay} a day${f.subscribed ? ", subscribed" : ""}`,
      );
    }
  } else {
    out.push("  none fetched");
  }
  const demand = (title: string, rows: DemandRow[]) => {
    out.push(
      "",
      `${title}: program page views against occurrences offered ${e.supplyFrom} to ${e.supplyTo}`,
    );
    for (const r of rows) {
      out.push(
        `  ${r.flagged ? "! " : ""}${r.label}: ${count(r.views, "view")} (${percent(r.viewShare)}), ${r.offered} offered (${percent(r.offerShare)}), ${ratioText(r)}; listing page ${count(r.listingViews, "view")}`,
      );
    }
  };
  demand("Audiences", e.demand.audiences);
  demand("Locations", e.demand.locations);
  demand("Categories", e.demand.categories);
  out.push(
    "",
    `! viewed far more than offered: at least ${DEMAND_RATIO}x its share of occurrences, or nothing offered, with ${DEMAND_MIN_VIEWS} views or more.`,
  );
  return out.join("\n");
}
