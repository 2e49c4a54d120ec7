// Runs one of the staff commands (`npm run check`, `new`, `report`) from plain JavaScript.
//
// These commands are run often and should answer at once; started through tsx, Node spends
// about 0.4 s handing every module (ours and node_modules') to tsx's loader thread before
// any work starts. So the command's TypeScript is bundled once with esbuild (our files only;
// packages stay imports) into `node_modules/.cache/almanac/cli/<name>.mjs`, and rebundled
// whenever one of the files that went into it has changed (size or modification time), so
// the bundle is never stale. The build and the dev server keep tsx: Eleventy loads the
// config and layouts itself, and they run for seconds anyway.
//
//   node scripts/cli.mjs check [--json] [--root DIR]
import { readFile, rename, stat, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const APP_DIR = path.resolve(import.meta.dirname, "..");
const COMMANDS = new Set(["check", "new", "report"]);
const CACHE_DIR = path.join(APP_DIR, "node_modules", ".cache", "almanac", "cli");

const [name, ...args] = process.argv.slice(2);
if (!COMMANDS.has(name)) {
  console.error(`usage: node scripts/cli.mjs ${[...COMMANDS].join("|")} [arguments]`);
  process.exit(2);
}

/** `size:mtime` of each file, or undefined when one is gone. */
async function fingerprint(files) {
  const stamps = {};
  for (const file of files) {
    try {
      const s = await stat(path.join(APP_DIR, file));
      stamps[file] = `${s.size}:${s.mtimeMs}`;
    } catch {
      return undefined;
    }
  }
  return stamps;
}

/** The bundle of `src/cli/<name>.ts`, rebuilt when any of its input files changed. */
async function bundle(name) {
  const out = path.join(CACHE_DIR, `${name}.mjs`);
  const stampFile = path.join(CACHE_DIR, `${name}.json`);
  const previous = await readFile(stampFile, "utf8")
    .then(JSON.parse)
    .catch(() => undefined);
  if (previous) {
    const now = await fingerprint(Object.keys(previous));
    const fresh = now && Object.entries(previous).every(([file, stamp]) => now[file] === stamp);
    if (fresh) return out;
  }
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: APP_DIR,
    entryPoints: [`src/cli/${name}.ts`],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: out,
    write: false,
    metafile: true,
    logLevel: "error",
  });
  await mkdir(CACHE_DIR, { recursive: true });
  // Written under a temporary name and renamed, so a command started at the same moment
  // never reads half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  await writeFile(tmp, result.outputFiles[0].contents);
  await rename(tmp, out);
  const stamps = await fingerprint(Object.keys(result.metafile.inputs));
  if (stamps) {
    await writeFile(`${stampFile}.${process.pid}.tmp`, JSON.stringify(stamps));
    await rename(`${stampFile}.${process.pid}.tmp`, stampFile);
  }
  return out;
}

let file;
try {
  file = await bundle(name);
} catch (error) {
  console.error(`${name}: could not compile the command: ${error.message}`);
  process.exit(1);
}
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
