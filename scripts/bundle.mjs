// Compiles one of our TypeScript entry points (a CLI, the benchmark's build child) into a
// single ES module with esbuild, cached in `node_modules/.cache/almanac/cli/`, and rebuilt
// whenever a file that went into it has changed (size or modification time), so it is never
// stale. Our files are bundled; packages stay imports, loaded by Node as usual, each named
// by the absolute path it resolves to from Almanac's folder, so the bundle finds the same
// packages wherever the cache is.
//
// Why: under tsx, Node hands every module it loads (ours, Eleventy's, every package's) to
// tsx's loader thread and waits for the answer, about 0.5 s before a build or check starts
// its work and 0.1 to 0.3 s more while it runs. A bundle loads with no loader at all.
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const APP_DIR = path.resolve(import.meta.dirname, "..");

/**
 * In this repository, its own `node_modules/.cache/almanac/cli`. When a library installs
 * Almanac (`<library>/node_modules/almanac`), the library's `node_modules/.cache`, where
 * tools keep their caches, rather than inside the package npm replaces on every upgrade.
 * src/site/assets.ts (`ASSET_CACHE_DIR`) keeps the site's assets by the same rule: this
 * file runs before any TypeScript is compiled, so the two cannot share one function.
 */
export const CACHE_DIR = path.join(
  path.basename(path.dirname(APP_DIR)) === "node_modules"
    ? path.dirname(APP_DIR)
    : path.join(APP_DIR, "node_modules"),
  ".cache",
  "almanac",
  "cli",
);

/**
 * `size:mtime` of each file (relative to APP_DIR, or absolute), or undefined when one is
 * gone.
 */
async function fingerprint(files) {
  const stamps = {};
  for (const file of files) {
    try {
      const s = await stat(path.resolve(APP_DIR, file));
      stamps[file] = `${s.size}:${s.mtimeMs}`;
    } catch {
      return undefined;
    }
  }
  return stamps;
}

/**
 * Writes under a temporary name and renames, so a command started at the same moment never
 * reads half a file.
 */
async function writeWhole(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/**
 * Each file keeps its own `import.meta.dirname` (src/build/build.ts finds the layouts through it),
 * written in as a string, since the bundle itself lives elsewhere.
 */
const ownDirname = {
  name: "own-dirname",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const dir = JSON.stringify(path.dirname(args.path));
      return { contents: text.replaceAll("import.meta.dirname", dir), loader: "ts" };
    });
  },
};

/**
 * Packages are left as imports of the file each resolves to from here (Almanac's own
 * folder), as Node would resolve them for our sources: the bundle lives in a cache folder
 * from which a bare name could find other copies, or none. Those files join the bundle's
 * fingerprint, so a reinstall that moves a package rebuilds it.
 */
function packagesFromAppDir(resolved) {
  return {
    name: "packages-from-app-dir",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        const url = import.meta.resolve(args.path);
        resolved.add(fileURLToPath(url));
        return { path: url, external: true };
      });
    },
  };
}

/**
 * The path of the bundle of `entry` (e.g. `cli/check.ts`, relative to the repository),
 * compiled now if it is missing or any of its inputs changed.
 */
export async function bundleEntry(entry) {
  const name = entry.replace(/\.ts$/, "").replaceAll("/", "-");
  const out = path.join(CACHE_DIR, `${name}.mjs`);
  const stampFile = path.join(CACHE_DIR, `${name}.json`);
  const previous = await readFile(stampFile, "utf8")
    .then(JSON.parse)
    .catch(() => undefined);
  // The bundle holds absolute paths (each file's dirname): a moved repository rebuilds it.
  if (previous?.appDir === APP_DIR) {
    const now = await fingerprint(Object.keys(previous.files));
    const fresh = now && Object.entries(previous.files).every(([file, s]) => now[file] === s);
    if (fresh) return out;
  }
  const { build } = await import("esbuild");
  const packages = new Set();
  const result = await build({
    absWorkingDir: APP_DIR,
    entryPoints: [entry],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: out,
    write: false,
    metafile: true,
    logLevel: "error",
    plugins: [ownDirname, packagesFromAppDir(packages)],
  });
  await mkdir(CACHE_DIR, { recursive: true });
  await writeWhole(out, result.outputFiles[0].contents);
  const stamps = await fingerprint([...Object.keys(result.metafile.inputs), ...packages]);
  if (stamps) await writeWhole(stampFile, JSON.stringify({ appDir: APP_DIR, files: stamps }));
  return out;
}
