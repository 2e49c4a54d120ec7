// `npm run build [-- --root DIR] [--output DIR] [--progress]`: validates the content and
// writes the site to `_site/`, or prints every content problem (one a line) and exits 1
// leaving the previous `_site/` as it was. A refused output folder, a full or read-only
// disk, a mistake in a layout: one line, exit 1. A usage mistake: one line, exit 2. Never a
// stack trace for any of these. On a terminal, a long build shows its progress.
import { performance } from "node:perf_hooks";
import { buildSite } from "../almanac.ts";
import { formatProblems } from "../src/content/problems.ts";
import {
  BuildStopped,
  findContentError,
  findSystemError,
  templateErrorLine,
} from "../src/build/errors.ts";
import { catalogueSummary, Progress } from "../src/build/progress.ts";
import { OutputError } from "../src/build/output-folder.ts";
import { parseCommandLine, UsageError, usageLine } from "./args.ts";

const SYNOPSIS = "npm run build -- [--root DIR] [--output DIR] [--progress]";
const HELP = `usage: ${SYNOPSIS}

Checks the content, renders the site into a new folder beside the output folder, and swaps
it in. On a content problem it lists every problem (one a line), exits 1 and leaves the
previous site as it was.

  --root DIR     the library's folder, holding content/ and _data/library.yaml
                 (default: the current folder)
  --output DIR   where the site goes (default: <root>/_site). The build replaces this
                 folder whole, so it must be missing, empty, or a previous Almanac build
                 (marked by its .almanac-build file); the library's folder, a folder
                 holding it, anything in content/ or _data/, and a folder of other files
                 are refused. A symlink stays a symlink: its target is replaced.
  --progress     show progress (phase, pages done of all) even when the output is not a
                 terminal or CI is set; on a terminal it shows by itself after 2 s
  -h, --help     print this help

Environment: ALMANAC_NOW=2026-12-01T09:00 builds the site as of that moment (ISO 8601);
ALMANAC_SEARCH=off leaves out the search index (quicker previews).
Exit status: 0 built, 1 not built (the reason in one line a problem), 2 a usage mistake.`;

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    options: {
      root: { type: "string" },
      output: { type: "string" },
      progress: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const started = performance.now();
  const result = await buildSite({
    root: values.root,
    output: values.output,
    progress: new Progress({ force: values.progress }),
  });
  if (result.problems.length) console.error(formatProblems(result.problems));
  if (!result.ok) {
    console.error("Build stopped: fix the problems above. The previous site was left as it was.");
    return 1;
  }
  const c = result.catalogue!;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Built ${catalogueSummary(c, c.upcoming.length)} into ${result.output} in ${seconds} s`,
  );
  return 0;
}

// A page write that fails (a full disk) is left unhandled by Eleventy for a moment, and
// src/build.ts fails the build with it; Node's later note that the rejection "was handled
// asynchronously" says nothing to staff, so it is left out. Other warnings print as usual.
for (const listener of process.listeners("warning")) {
  process.off("warning", listener);
  process.on("warning", (warning) => {
    if (warning.name !== "PromiseRejectionHandledWarning") listener(warning);
  });
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(usageLine("build", error.message, SYNOPSIS));
    process.exitCode = 2;
  } else if (error instanceof OutputError || error instanceof BuildStopped) {
    console.error(`build: ${error.message}`);
    process.exitCode = 1;
  } else {
    const content = findContentError(error);
    const system = content ? undefined : findSystemError(error);
    const template = content || system ? undefined : templateErrorLine(error);
    if (content) console.error(content.message);
    else if (system) {
      console.error(`build: ${system.message}; the previous site was left as it was`);
    } else if (template) {
      console.error(`build: ${template}; the previous site was left as it was`);
    } else throw error;
    process.exitCode = 1;
  }
}
