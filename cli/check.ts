// `npm run check [-- --json] [-- --root DIR]`: validates the content without building.
// Prints every problem one a line (or, with --json, an array of problems on stdout) and
// exits 1 when any is an error; warnings alone exit 0. Never prints a stack trace for a
// content problem.
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems, sortProblems } from "../src/content/problems.ts";
import { escapeForOutput, escapeJsonForOutput } from "../src/content/safe-text.ts";
import { parseCommandLine, UsageError, usageLine } from "./args.ts";

const SYNOPSIS = "npm run check -- [--json] [--root DIR]";
const HELP = `usage: ${SYNOPSIS}

Checks all content without building and lists every problem at once, one a line
(file:line: field: message). Exits 1 when any problem is an error; warnings alone exit 0.

  --json       print the problems as a JSON array on stdout instead (for tools)
  --root DIR   the library's folder, holding content/ and _data/library.yaml
               (default: the current folder)
  -h, --help   print this help

Environment: ALMANAC_NOW=2026-12-01T09:00 checks as of that moment (ISO 8601).
Exit status: 0 no errors, 1 errors (or the content could not be read), 2 a usage mistake.`;

function main(): Promise<number> | number {
  let values: { json?: boolean; root?: string; help?: boolean };
  try {
    ({ values } = parseCommandLine({
      options: {
        json: { type: "boolean" },
        root: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(usageLine("check", error.message, SYNOPSIS));
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  return run(values.root ?? process.cwd(), values.json ?? false);
}

async function run(root: string, json: boolean): Promise<number> {
  const { catalogue, problems } = await loadCatalogue({ root });
  const failed = problems.some((p) => p.severity === "error");
  if (json) {
    // Same values; C1 controls and line separators from content escaped like the rest.
    const text = escapeJsonForOutput(JSON.stringify(sortProblems(problems), null, 2));
    process.stdout.write(`${text}\n`);
    return failed ? 1 : 0;
  }
  if (problems.length) (failed ? console.error : console.log)(formatProblems(problems));
  if (catalogue) {
    const c = catalogue;
    const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
    const counts = [
      count(c.programs.length, "program"),
      count(c.partners.length, "partner"),
      count(c.guides.length, "guide"),
      count(c.pages.length, "page"),
    ].join(", ");
    console.log(`✓ ${counts}: ${problems.length ? "no errors" : "no problems"}`);
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  // Not a content problem (those are returned, never thrown): an unreadable ALMANAC_NOW,
  // a disk error. A sentence is more use to staff than a stack trace.
  console.error(
    `check: ${escapeForOutput(error instanceof Error ? error.message : String(error))}`,
  );
  process.exitCode = 1;
}
