// `npm run report [-- --weeks N] [--json] [--root DIR] [--logs FILE...] [--html FILE]`:
// programming coverage for the next N weeks (default 8) as tables in the terminal, or the
// report model as JSON. The same model is rendered at `/staff/report/` on the built site.
// With `--logs`, engagement from the host's access logs is added (src/staff/engagement.ts),
// and `--html` writes it as one HTML file with charts, which is never part of the site.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import { DEFAULT_WEEKS, coverageReport } from "../src/staff/report.ts";
import { formatCoverage } from "../src/staff/report-text.ts";
import { LogReadError, readLogs } from "../src/staff/engagement.ts";
import { formatEngagement } from "../src/staff/engagement-text.ts";
import { engagementHtml } from "../src/staff/engagement-html.ts";
import { parseCommandLine, UsageError, usageLine } from "./args.ts";

const SYNOPSIS =
  "npm run report -- [--weeks N] [--json] [--root DIR] [--logs FILE ...] [--html FILE]";
const USAGE = `usage: ${SYNOPSIS}`;
const HELP = `${USAGE}

Programming coverage for the coming weeks: occurrences per audience, category, location
and language, and the gaps, as tables (the same report is on the built site at
/staff/report/).

  --weeks N    how many weeks from now, 1 to 104 (default: ${DEFAULT_WEEKS})
  --json       print the report model as JSON instead (for tools)
  --root DIR   the library's folder, holding content/ and _data/library.yaml
               (default: the current folder)
  --logs FILE  add engagement from the site host's access log FILE: common or combined
               log format, Netlify log drain or Cloudflare Logpush JSON lines, plain or
               gzip; repeat it for more files. IP addresses, user agents and search
               words are dropped as each line is read: only counts are kept
  --html FILE  with --logs: also write the report with charts to FILE, one HTML page
               for staff (never published with the site)
  -h, --help   print this help

Environment: ALMANAC_NOW=2026-12-01T09:00 reports as of that moment (ISO 8601).
Exit status: 0 done, 1 content errors (npm run check lists them) or an access log that
cannot be read, 2 a usage mistake.`;

async function main(): Promise<number> {
  let values: {
    weeks?: string;
    json?: boolean;
    root?: string;
    logs?: string[];
    html?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseCommandLine({
      options: {
        weeks: { type: "string" },
        json: { type: "boolean" },
        root: { type: "string" },
        logs: { type: "string", multiple: true },
        html: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(usageLine("report", error.message, SYNOPSIS));
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const weeks = values.weeks === undefined ? DEFAULT_WEEKS : Number(values.weeks);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104) {
    console.error(
      `report: --weeks must be a whole number from 1 to 104, got "${values.weeks}"\n${USAGE}`,
    );
    return 2;
  }
  if (values.html !== undefined && !values.logs) {
    console.error(usageLine("report", "--html needs --logs", SYNOPSIS));
    return 2;
  }
  const root = path.resolve(values.root ?? process.cwd());
  const { catalogue, problems } = await loadCatalogue({ root });
  if (!catalogue) {
    console.error(formatProblems(problems));
    console.error("report: fix the problems above first (npm run check lists them).");
    return 1;
  }
  const report = coverageReport(catalogue, { weeks });
  let engagement;
  if (values.logs) {
    try {
      const tally = await readLogs(values.logs, catalogue.library.timezone);
      engagement = tally.report(catalogue, report);
    } catch (error) {
      if (!(error instanceof LogReadError)) throw error;
      console.error(`report: ${error.message}`);
      return 1;
    }
  }
  if (values.json) {
    const json = engagement ? { ...report, engagement } : report;
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    console.log(formatCoverage(report, catalogue.library.name));
    if (engagement) console.log(`\n${formatEngagement(engagement)}`);
  }
  if (engagement && values.html !== undefined) {
    const file = path.resolve(values.html);
    await writeFile(
      file,
      engagementHtml({ library: catalogue.library, coverage: report, engagement }),
    );
    console.error(`report: wrote ${path.relative(process.cwd(), file) || file}`);
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`report: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
