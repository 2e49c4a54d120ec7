// `npm start [-- --port N] [--root DIR] [--output DIR] [--progress]` (`almanac start`): builds
// the site and serves it at http://localhost:8080/ with Eleventy's dev server, rebuilding
// what changed and reloading the browser on every save in content/ or _data/library.yaml,
// until Ctrl-C (src/build/preview.ts). Runs in this process, with Almanac's configuration
// handed to Eleventy (almanac.ts), so it works the same in this repository and in a
// library's folder, from node_modules/almanac.
import { existsSync } from "node:fs";
import path from "node:path";
import { previewSite } from "../almanac.ts";
import { OutputError } from "../src/build/output-folder.ts";
import { Progress } from "../src/build/progress.ts";
import { parseCommandLine, UsageError, usageLine } from "./args.ts";

const SYNOPSIS = "npm start -- [--port N] [--root DIR] [--output DIR] [--progress]";
const HELP = `usage: ${SYNOPSIS}

Builds the site, serves it at http://localhost:8080/ and rebuilds it on every save in
content/ or _data/library.yaml (a new, renamed or deleted file too), reloading the
browser. A content mistake is printed once and shown in the browser, naming the file, the
line and the field, until it is fixed. Ctrl-C stops it.

  --port N       serve on port N (default 8080; the next free one when it is taken)
  --root DIR     the library's folder, holding content/ and _data/library.yaml
                 (default: the current folder)
  --output DIR   where the site is written and served from (default: <root>/_site),
                 checked like npm run build's
  --progress     show the first build's progress even when the output is not a terminal
                 (or CI is set); on a terminal it shows by itself
  -h, --help     print this help

Environment: ALMANAC_NOW=2026-12-01T09:00 previews the site as of that moment;
ALMANAC_SEARCH=off leaves out the search index.`;

async function main(): Promise<number | undefined> {
  const { values } = parseCommandLine({
    options: {
      root: { type: "string" },
      output: { type: "string" },
      port: { type: "string" },
      progress: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = values.port;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) > 0 && Number(port) < 65536)) {
    throw new UsageError(`--port must be a number from 1 to 65535, not "${port}"`);
  }
  const root = path.resolve(values.root ?? process.cwd());
  if (!existsSync(path.join(root, "_data/library.yaml"))) {
    console.error(
      `start: no _data/library.yaml in ${root}: run this in the site's folder or pass --root`,
    );
    return 1;
  }
  const preview = await previewSite({
    root,
    output: values.output,
    port: port === undefined ? undefined : Number(port),
    progress: new Progress({ force: values.progress }),
  });
  // Ctrl-C: the rebuild under way finishes or stops, then the server closes; a second
  // Ctrl-C does not wait.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(signal === "SIGINT" ? 130 : 143);
    stopping = true;
    void preview.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return undefined;
}

try {
  const code = await main();
  if (code !== undefined) process.exitCode = code;
} catch (error) {
  if (error instanceof UsageError) {
    console.error(usageLine("start", error.message, SYNOPSIS));
    process.exitCode = 2;
  } else if (error instanceof OutputError) {
    console.error(`start: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
}
