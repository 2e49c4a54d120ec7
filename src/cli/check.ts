// `npm run check [-- --json] [-- --root DIR]`: validates the content without building.
// Prints every problem one a line (or, with --json, an array of problems on stdout) and
// exits 1 when any is an error; warnings alone exit 0. Never prints a stack trace for a
// content problem.
import { parseArgs } from "node:util";
import { loadCatalogue } from "../content/catalogue.ts";
import { formatProblems, sortProblems } from "../content/problems.ts";
import { escapeForOutput, escapeJsonForOutput } from "../content/safe-text.ts";

function main(): Promise<number> | number {
  let values: { json?: boolean; root?: string };
  try {
    ({ values } = parseArgs({
      options: { json: { type: "boolean" }, root: { type: "string" } },
    }));
  } catch (error) {
    console.error(
      `check: ${(error as Error).message}\nusage: npm run check -- [--json] [--root DIR]`,
    );
    return 2;
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
