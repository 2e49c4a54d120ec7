// A library's own repository, as `almanac init` writes it: a package.json that pins Almanac
// as a dependency and whose scripts run it on the repository (`almanac build --root .`, ...),
// the demo library as starter content, the deploy workflow, a .gitignore and a README. The
// layouts and source stay inside the installed package, so taking a new Almanac version
// changes one line of package.json (and the lock file), never the library's files.
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { slugify } from "./scaffold.ts";

/** The npm scripts of a library's repository: each runs the installed `almanac`. */
export const LIBRARY_SCRIPTS: Readonly<Record<string, string>> = {
  start: "almanac start --root .",
  build: "almanac build --root .",
  check: "almanac check --root .",
  new: "almanac new --root .",
  report: "almanac report --root .",
};

/** Copied from Almanac's folder as they are: the starter library and the deploy workflow. */
const COPIED = ["content", "_data/library.yaml", ".github/workflows/deploy.yml"];

const GITIGNORE = `node_modules/
_site/
.cache/
*.log
`;

export class InitError extends Error {}

export interface InitOptions {
  /** Folder of the new repository: missing, empty, or holding nothing init would write. */
  dir: string;
  /**
   * How package.json names the Almanac to install: a version (`0.2.0`), a git tag
   * (`github:owner/almanac#v0.2.0`) or a tarball URL.
   */
  almanac: string;
  /** The Almanac installation whose starter content and workflow are copied. */
  appDir: string;
}

/**
 * Dependencies of Almanac whose install scripts npm (11.16 and later) may run in a library's
 * repository: esbuild's postinstall checks its platform binary. npm reads `allowScripts`
 * from the project's own package.json only, so the library's must list them; without it
 * every `npm ci` warns, and npm 12 skips the scripts. test/init.test.ts checks this list
 * against Almanac's lock file.
 */
export const LIBRARY_ALLOW_SCRIPTS: Readonly<Record<string, boolean>> = { esbuild: true };

/** The repository's package.json, as an object. */
export function libraryPackage(
  name: string,
  almanac: string,
  engines: Record<string, string> | undefined,
): Record<string, unknown> {
  return {
    name: slugify(name) || "library-site",
    private: true,
    description: "Our library's program catalogue, published with Almanac",
    ...(engines ? { engines } : {}),
    scripts: { ...LIBRARY_SCRIPTS },
    dependencies: { almanac },
    allowScripts: { ...LIBRARY_ALLOW_SCRIPTS },
  };
}

function readme(name: string): string {
  return `# ${name}

Our library's program catalogue, published with Almanac. This repository holds only our
content: \`content/\` (programs, partners, guides, pages and images) and
\`_data/library.yaml\` (the library's name, address, time zone, locations, audiences,
categories). Almanac itself (layouts, search, calendars, feeds) is a dependency, pinned in
\`package.json\`.

## Every day

    npm install                        # once, after cloning (needs Node.js 20.19 or newer)
    npm start                          # preview at http://localhost:8080/, Ctrl-C stops it
    npm run check                      # every mistake, one a line, with file and line
    npm run new -- program "Title"     # a starter file (a draft) that passes the check

Push to \`main\`, or merge a pull request: GitHub Actions checks the content, builds the
site and publishes it, and rebuilds it every night (\`.github/workflows/deploy.yml\`).

## A new Almanac version

    npm install <the new version, as package.json names almanac>
    npm run check && npm start

then commit \`package.json\` and \`package-lock.json\`. Nothing in \`content/\` or \`_data/\`
changes. Guides: \`node_modules/almanac/docs/staff-guide.md\` (editing) and
\`node_modules/almanac/docs/deploy.md\` (publishing and upgrading).
`;
}

/** Every file under `dir`, relative to it, `/`-separated. */
async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/**
 * Writes the repository and returns the files written (relative, sorted). Writes nothing
 * and throws an InitError when any of them exists already: init never overwrites.
 */
export async function initLibrary(options: InitOptions): Promise<string[]> {
  const { dir, almanac, appDir } = options;
  const manifest = JSON.parse(await readFile(path.join(appDir, "package.json"), "utf8"));
  const name = path.basename(path.resolve(dir));
  const files = new Map<string, Buffer | string>([
    [
      "package.json",
      `${JSON.stringify(libraryPackage(name, almanac, manifest.engines), null, 2)}\n`,
    ],
    [".gitignore", GITIGNORE],
    ["README.md", readme(name)],
  ]);
  for (const source of COPIED) {
    const from = path.join(appDir, source);
    const rels = (await stat(from)).isDirectory() ? await filesUnder(from) : [""];
    for (const rel of rels) {
      const file = rel ? `${source}/${rel}` : source;
      files.set(file, await readFile(path.join(appDir, file)));
    }
  }
  const taken = [...files.keys()].filter((f) => existsSync(path.join(dir, f))).sort();
  if (taken.length) {
    throw new InitError(
      `${dir} already has ${taken.slice(0, 3).join(", ")}${taken.length > 3 ? ` and ${taken.length - 3} more` : ""}: ` +
        "init writes a new repository and never overwrites; choose an empty folder",
    );
  }
  for (const [file, data] of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), data, { flag: "wx" });
  }
  return [...files.keys()].sort();
}

/**
 * The spec that installed this Almanac, when `npx <spec> init` did (npm records it in the
 * folder it installs into) or when it is a library's dependency: what the new repository
 * should pin. Undefined when Almanac runs from a checkout, or was installed from a local
 * path that would mean nothing on another machine.
 */
export async function installedSpec(appDir: string, version: string): Promise<string | undefined> {
  if (path.basename(path.dirname(appDir)) !== "node_modules") return undefined;
  let manifest: { _npx?: { packages?: string[] }; dependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(
      await readFile(path.join(path.dirname(path.dirname(appDir)), "package.json"), "utf8"),
    );
  } catch {
    return undefined;
  }
  const packages = manifest._npx?.packages ?? [];
  const spec = packages.length === 1 ? packages[0]! : manifest.dependencies?.almanac;
  if (!spec || /^(\.|\/|~|file:)/.test(spec)) return undefined;
  // `npx almanac@0.2.0` asks the registry for a version: the dependency is the version.
  const registry = /^almanac(?:@(.+))?$/.exec(spec);
  return registry ? (registry[1] ?? version) : spec;
}
