// The engagement report as one self-contained HTML file (`npm run report -- --logs FILE
// --html report.html`), for staff to open from disk or share by e-mail. It is never part
// of the built site: figures from the logs stay off the public web. The charts are the
// staff report's (bar geometry from `report.ts`, drawn as inline SVG the same way
// `layouts/pages/staff-report.njk` draws them); the one stylesheet is inline, allowed by
// its hash in the page's Content-Security-Policy, and there is no script.
import { createHash } from "node:crypto";
import type { Library } from "../content/model.ts";
import { escapeHtml } from "../text/html.ts";
import { DEMAND_MIN_VIEWS, DEMAND_RATIO, SUBSCRIBED_MIN_DAYS } from "./engagement.ts";
import type { DemandRow, EngagementReport } from "./engagement-model.ts";
import { ratioText } from "./engagement-text.ts";
import { barChart, type BarChart, type CoverageReport } from "./report.ts";

const STYLE = `
:root { --ink: #1b1f24; --muted: #4a5360; --line: #d5dae1; --brand: #1d4e89; --danger: #a4161a; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); }
h1 { line-height: 1.2; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); }
.note { color: var(--muted); }
figure { margin: 1rem 0; max-width: 44rem; }
figcaption { color: var(--muted); font-size: 0.9rem; }
svg { width: 100%; height: auto; font-size: 13px; font-family: inherit; }
.bar { fill: var(--brand); }
.bar-empty { fill: var(--danger); }
.bar-label, .bar-value { fill: var(--ink); }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); text-align: right; }
th[scope="row"], thead th:first-child { text-align: left; }
caption { text-align: left; color: var(--muted); padding-bottom: 0.25rem; }
.flagged th, .flagged td { background: #fde8e8; }
.flag { color: var(--danger); font-weight: 700; }
`.trim();

function chart(id: string, title: string, c: BarChart): string {
  const bars = c.bars
    .map(
      (b) =>
        `<text class="bar-label" x="${c.barX - 8}" y="${b.textY}" text-anchor="end">${escapeHtml(b.label)}</text>` +
        (b.empty
          ? `<rect class="bar bar-empty" x="${c.barX}" y="${b.y}" width="4" height="18"></rect>`
          : `<rect class="bar" x="${c.barX}" y="${b.y}" width="${b.width}" height="18"></rect>`) +
        `<text class="bar-value" x="${c.barX + b.width + 8}" y="${b.textY}">${b.value}</text>`,
    )
    .join("\n");
  return `<figure>
<svg viewBox="0 0 ${c.width} ${c.height}" role="img" aria-labelledby="${id}-title"><title id="${id}-title">${escapeHtml(title)}</title>
${bars}
</svg>
<figcaption>${escapeHtml(title)}</figcaption>
</figure>`;
}

function table(
  caption: string,
  head: string[],
  rows: { cells: (string | number)[]; flagged?: boolean }[],
): string {
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr${r.flagged ? ' class="flagged"' : ""}>` +
        r.cells
          .map((c, i) =>
            i === 0
              ? `<th scope="row">${escapeHtml(String(c))}</th>`
              : `<td>${escapeHtml(String(c))}</td>`,
          )
          .join("") +
        "</tr>",
    )
    .join("\n");
  return `<div class="table-scroll"><table>
<caption>${escapeHtml(caption)}</caption>
<thead><tr>${th}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

function demandSection(id: string, heading: string, rows: DemandRow[], chartOf: BarChart): string {
  const flagged = rows.filter((r) => r.flagged);
  return `<section aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${escapeHtml(heading)}</h2>
${
  flagged.length
    ? `<p><span class="flag">Viewed far more than offered:</span> ${flagged.map((r) => `<strong>${escapeHtml(r.label)}</strong> (${escapeHtml(ratioText(r))})`).join(", ")}.</p>`
    : `<p>Nothing is viewed far more than it is offered.</p>`
}
${chart(id, `${heading}: views of their programs' pages`, chartOf)}
${table(
  `${heading}: program page views against occurrences offered`,
  [
    heading,
    "Program page views",
    "Share of views",
    "Occurrences offered",
    "Share offered",
    "Ratio",
    "Listing page views",
  ],
  rows.map((r) => ({
    flagged: r.flagged,
    cells: [
      r.label,
      r.views,
      pct(r.viewShare),
      r.offered,
      pct(r.offerShare),
      ratioText(r),
      r.listingViews,
    ],
  })),
)}
</section>`;
}

/** The whole HTML document. */
export function engagementHtml(options: {
  library: Pick<Library, "name" | "locale">;
  coverage: CoverageReport;
  engagement: EngagementReport;
}): string {
  const { library, coverage, engagement: e } = options;
  const charts = engagementCharts(e);
  const l = e.lines;
  const styleHash = createHash("sha256").update(STYLE).digest("base64");
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const period = e.from
    ? `${e.from} to ${e.to} (${e.days} day${e.days === 1 ? "" : "s"})`
    : "no times in the logs";
  const named = (rows: { label: string; views: number }[], none: string) =>
    rows.length
      ? `<ul>${rows.map((r) => `<li>${escapeHtml(r.label)}: ${r.views}</li>`).join("")}</ul>`
      : `<p>${escapeHtml(none)}</p>`;

  return `<!doctype html>
<html lang="${escapeHtml(library.locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Engagement · ${escapeHtml(library.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Engagement: ${escapeHtml(library.name)}</h1>
<p>From the site's own access logs, ${escapeHtml(period)}: <strong>${e.pageViews}</strong> page views, <strong>${e.downloads}</strong> calendar downloads, <strong>${e.feeds.reduce((n, f) => n + f.fetches, 0)}</strong> calendar feed fetches, the search page opened <strong>${e.search.views}</strong> times (<strong>${e.search.withQuery}</strong> with a search).</p>
<p class="note">For library staff; not part of the website. Only counts are kept: no IP address, no browser or device, no search words, nothing that tells one person from another. ${l.lines} lines read from ${e.files} file${e.files === 1 ? "" : "s"}; <strong>${l.malformed}</strong> malformed lines skipped.${l.noAgent ? ` ${l.noAgent} counted requests came without a user agent, so bots among them could not be left out.` : ""}</p>

${demandSection("audiences", "Audiences", e.demand.audiences, charts.audiences)}
${demandSection("locations", "Locations", e.demand.locations, charts.locations)}
${demandSection("categories", "Categories", e.demand.categories, charts.categories)}
<p class="note">Demand against supply: each row's share of the views of program pages, divided by its share of the occurrences offered from ${escapeHtml(coverage.from)} to ${escapeHtml(coverage.to)} (the coverage report's weeks). 1x is viewed as much as offered; rows at ${DEMAND_RATIO}x or more, or with nothing offered, are marked when they have ${DEMAND_MIN_VIEWS} views or more. Listing page views are shown apart: the offline feature fetches every listing page once on each device that installs it.</p>

<section aria-labelledby="programs-heading">
<h2 id="programs-heading">Program pages</h2>
${e.programs.length ? chart("programs", `Most viewed programs (top ${TOP_PROGRAMS})`, charts.programs) : ""}
${
  e.programs.length
    ? table(
        "Views of each program's page, and downloads of its calendar file",
        ["Program", "Page views", "Calendar downloads"],
        e.programs.map((p) => ({ cells: [p.label, p.views, p.downloads] })),
      )
    : "<p>No program page was viewed.</p>"
}
</section>

<section aria-labelledby="feeds-heading">
<h2 id="feeds-heading">Calendar subscriptions</h2>
${e.feeds.length ? chart("feeds", "Calendar feed fetches", charts.feeds) : ""}
${
  e.feeds.length
    ? table(
        "Fetches of each calendar feed",
        ["Feed", "Address", "Fetches", "Days fetched", "Typical fetches a day", "Subscribed"],
        e.feeds.map((f) => ({
          cells: [f.label, f.url, f.fetches, f.days, f.perDay, f.subscribed ? "yes" : "no"],
        })),
      )
    : "<p>No calendar feed was fetched.</p>"
}
<p class="note">Calendar apps that subscribed fetch a feed again every day or so. A feed fetched on at least ${SUBSCRIBED_MIN_DAYS} different days and on half the days or more is counted as subscribed; its typical fetches a day (the median) estimate how many apps keep it.</p>
</section>

<section aria-labelledby="search-heading">
<h2 id="search-heading">Search</h2>
<p>The search page was opened ${e.search.views} times, ${e.search.withQuery} of them with a search. What patrons searched for is not kept.</p>
</section>

<section aria-labelledby="partners-heading">
<h2 id="partners-heading">Partner and guide pages</h2>
<h3>Partners</h3>
${named(e.partners, "No partner page was viewed.")}
<h3>Guides</h3>
${named(e.guides, "No guide page was viewed.")}
<p>${e.otherViews} other page views (home, lists, month calendars, pages, past programs).</p>
</section>

<section aria-labelledby="lines-heading">
<h2 id="lines-heading">What was counted</h2>
${table(
  "Lines and requests read from the logs",
  ["Lines and requests", "Count"],
  [
    { cells: ["Lines read", l.lines] },
    { cells: ["Malformed lines (skipped)", l.malformed] },
    { cells: ["Requests", l.requests] },
    { cells: ["Counted", l.counted] },
    { cells: ["Not GET", l.notGet] },
    { cells: ["Not successful (not 2xx or 304)", l.notOk] },
    { cells: ["Bots", l.bots] },
    { cells: ["Lobby screens and staff pages", l.screens] },
    { cells: ["Other files (styles, scripts, images, data)", l.files] },
  ],
)}
</section>
</main>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------
// Charts for the HTML report (geometry only, as for the coverage charts).

export interface EngagementCharts {
  programs: BarChart;
  audiences: BarChart;
  locations: BarChart;
  categories: BarChart;
  feeds: BarChart;
}

/** How many programs the views chart shows (the table lists them all). */
export const TOP_PROGRAMS = 15;

export function engagementCharts(e: EngagementReport): EngagementCharts {
  const views = (rows: DemandRow[]) =>
    barChart(rows.map((r) => ({ label: chartLabel(r.label), value: r.views })));
  return {
    programs: barChart(
      e.programs
        .slice(0, TOP_PROGRAMS)
        .map((p) => ({ label: chartLabel(p.label), value: p.views })),
    ),
    audiences: views(e.demand.audiences),
    locations: views(e.demand.locations),
    categories: views(e.demand.categories),
    feeds: barChart(e.feeds.map((f) => ({ label: chartLabel(f.label), value: f.fetches }))),
  };
}

/** Labels sit in 200 chart units left of the bars: about 28 characters at 13px. */
function chartLabel(label: string): string {
  const chars = [...label];
  return chars.length <= 28 ? label : `${chars.slice(0, 27).join("").trimEnd()}…`;
}
