// `npm run build`: validates the content and writes the site to `_site/`, or prints every
// content problem (one a line) and exits 1 leaving the previous `_site/` as it was.
import { performance } from "node:perf_hooks";
import { buildSite } from "../build/build.ts";
import { formatProblems } from "../content/problems.ts";
import { findContentError } from "../build/errors.ts";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { root: { type: "string" }, output: { type: "string" } },
});

const started = performance.now();
try {
  const result = await buildSite({ root: values.root, output: values.output });
  if (result.problems.length) console.error(formatProblems(result.problems));
  if (!result.ok) {
    console.error("Build stopped: fix the problems above. The previous site was left as it was.");
    process.exit(1);
  }
  const c = result.catalogue!;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Built ${c.programs.length} programs (${c.upcoming.length} upcoming occurrences), ` +
      `${c.partners.length} partners, ${c.guides.length} guides, ${c.pages.length} pages into ${result.output} in ${seconds} s`,
  );
} catch (error) {
  const content = findContentError(error);
  if (content) {
    console.error(content.message);
    process.exit(1);
  }
  throw error;
}
