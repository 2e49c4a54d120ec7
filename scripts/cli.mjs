// Runs a staff command (`npm run build`, `check`, `new`, `report`) from plain JavaScript:
// its TypeScript is compiled into one cached module by scripts/bundle.mjs (rebuilt whenever
// a source changes), so the command starts at once instead of going through tsx's loader.
// `npm start` keeps tsx: Eleventy's dev server loads eleventy.config.ts itself.
//
//   node scripts/cli.mjs check [--json] [--root DIR]
import { pathToFileURL } from "node:url";
import { bundleEntry } from "./bundle.mjs";

const COMMANDS = new Set(["build", "check", "new", "report"]);

const [name, ...args] = process.argv.slice(2);
if (!COMMANDS.has(name)) {
  console.error(`usage: node scripts/cli.mjs ${[...COMMANDS].join("|")} [arguments]`);
  process.exit(2);
}

let file;
try {
  file = await bundleEntry(`src/cli/${name}.ts`);
} catch (error) {
  console.error(`${name}: could not compile the command: ${error.message}`);
  process.exit(1);
}
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
