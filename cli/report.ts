// `npm run report [-- --weeks N] [--json] [--root DIR]`: programming coverage for the next
// N weeks (default 8) as tables in the terminal, or the report model as JSON. The same
// model is rendered at `/staff/report/` on the built site.
import path from "node:path";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import { DEFAULT_WEEKS, coverageReport, formatCoverage } from "../src/staff/report.ts";
import { parseCommandLine, UsageError, usageLine } from "./args.ts";

const SYNOPSIS = "npm run report -- [--weeks N] [--json] [--root DIR]";
const USAGE = `usage: ${SYNOPSIS}`;
const HELP = `${USAGE}

Programming coverage for the coming weeks: occurrences per audience, category, location
and language, and the gaps, as tables (the same report is on the built site at
/staff/report/).

  --weeks N    how many weeks from now, 1 to 104 (default: ${DEFAULT_WEEKS})
  --json       print the report model as JSON instead (for tools)
  --root DIR   the library's folder, holding content/ and _data/library.yaml
               (default: the current folder)
  -h, --help   print this help

Environment: ALMANAC_NOW=2026-12-01T09:00 reports as of that moment (ISO 8601).
Exit status: 0 done, 1 content errors (npm run check lists them), 2 a usage mistake.`;

async function main(): Promise<number> {
  let values: { weeks?: string; json?: boolean; root?: string; help?: boolean };
  try {
    ({ values } = parseCommandLine({
      options: {
        weeks: { type: "string" },
        json: { type: "boolean" },
        root: { type: "string" },
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
  const root = path.resolve(values.root ?? process.cwd());
  const { catalogue, problems } = await loadCatalogue({ root });
  if (!catalogue) {
    console.error(formatProblems(problems));
    console.error("report: fix the problems above first (npm run check lists them).");
    return 1;
  }
  const report = coverageReport(catalogue, { weeks });
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else console.log(formatCoverage(report, catalogue.library.name));
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`report: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
