#!/usr/bin/env node
// `almanac <command>`: Almanac's command line. This repository's npm scripts run it, and so do
// a library's own repository's, where Almanac is a dependency (`almanac init` writes one:
// its scripts run `almanac build --root .` and the rest). Each command's TypeScript runs from
// a bundle compiled once and cached (scripts/bundle.mjs), so it starts at once.
//
//   almanac start|build|check|new|report [--root DIR] [arguments]
//   almanac init DIR [--almanac SPEC]
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { APP_DIR, bundleEntry } from "../scripts/bundle.mjs";

/** Command -> what it does, for the usage text. Each runs `cli/<command>.ts`. */
const COMMANDS = {
  start: "build the site and serve it at http://localhost:8080/, rebuilding on every save",
  build: "build the site into _site/ (a failed build leaves the previous one as it was)",
  check: "check all content and list every problem at once (--json for tools)",
  new: 'write a starter file that passes the check: new program "Title" (or partner, guide, page)',
  report: "programming coverage for the next weeks (--weeks N, --json)",
  init: "write a new library's repository into DIR: init DIR [--almanac SPEC]",
};

const USAGE = `usage: almanac <command> [--root DIR] [arguments]

${Object.entries(COMMANDS)
  .map(([name, what]) => `  ${name.padEnd(7)} ${what}`)
  .join("\n")}

--root DIR is the library's folder (content/ and _data/library.yaml); default: the current folder.`;

const [name, ...args] = process.argv.slice(2);
if (name === "help" || name === "--help" || name === "-h") {
  console.log(USAGE);
  process.exit(0);
}
if (name === "--version" || name === "-v") {
  console.log(JSON.parse(readFileSync(path.join(APP_DIR, "package.json"), "utf8")).version);
  process.exit(0);
}
if (!Object.hasOwn(COMMANDS, name ?? "")) {
  console.error(name ? `almanac: unknown command "${name}"\n\n${USAGE}` : USAGE);
  process.exit(2);
}

let file;
try {
  file = await bundleEntry(`cli/${name}.ts`);
} catch (error) {
  console.error(`${name}: could not compile the command: ${error.message}`);
  process.exit(1);
}
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
