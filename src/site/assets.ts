// The site's own CSS and JS as published: minified, under content-hashed names, so browsers
// and the service worker can cache them forever and a changed file always gets a new URL.
// The sources in `layouts/assets/` stay readable (comments, indentation); only the copies
// in the built site are minified, and the hash is of those published bytes.
//
// A page script may `import` the modules of `layouts/assets/lib/` (code that several
// scripts share: a hashed file cannot import another by a fixed name). Each script is
// published as one bundled ES module with what it imports inside; the folders themselves
// are never published.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSync, stop, transformSync, version as esbuildVersion } from "esbuild";

export interface Asset {
  /** Source file, absolute. */
  source: string;
  /** Output path relative to the site root, e.g. `assets/site-1a2b3c4d.css`. */
  output: string;
  /** URL, e.g. `/assets/site-1a2b3c4d.css`. */
  url: string;
  /** The bytes published at `output`: minified CSS or JS, any other file as it is. */
  contents: Buffer;
  /**
   * Every file the published bytes were made of, absolute: the source and what it imports
   * (none for an asset the build makes).
   */
  inputs: string[];
}

/**
 * Browsers the minified output must keep working in. esbuild lowers or prefixes anything
 * newer than these (e.g. it would expand CSS nesting or modern colour syntax); the sources
 * use nothing that needs it today, so in practice it only decides which shorthands esbuild
 * may write. Chrome/Edge 109 and Firefox 115 are the last releases for Windows 7/8.1
 * (still found on library public computers); Safari 15.4 is the first with `:focus-visible`
 * and `clip-path` unprefixed.
 */
export const ASSET_TARGETS = ["chrome109", "edge109", "firefox115", "safari15.4"];

const LOADERS = { ".css": "css", ".js": "js" } as const;

const APP_DIR = path.resolve(import.meta.dirname, "..", "..");

/**
 * Where minified and bundled assets are kept between builds: esbuild's work is the same
 * every build (about 0.25 s, and an esbuild process of about 20 MiB started for it) unless
 * a source changed. As scripts/bundle.mjs's cache: this repository's
 * `node_modules/.cache/almanac/assets`, or the installing library's `node_modules/.cache`.
 */
export const ASSET_CACHE_DIR = path.join(
  path.basename(path.dirname(APP_DIR)) === "node_modules"
    ? path.dirname(APP_DIR)
    : path.join(APP_DIR, "node_modules"),
  ".cache",
  "almanac",
  "assets",
);

/**
 * What a cache record holds: `stamp`, what the key does not say of the input (a hash of
 * the text minified), and the files the value was made of, by hash of their bytes.
 */
interface CacheRecord<T> {
  stamp: string;
  inputs: Record<string, string>;
  value: T;
}

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

/**
 * `make()`'s value, kept in `cacheDir` under a hash of `key` (which output this is: an
 * asset's name, a script's entry files; one record each, replaced when it changes) and used
 * again while `stamp` is the same and every file the value was made of has the same bytes.
 * Nothing is kept when `cacheDir` is undefined; a cache that cannot be read or written is
 * only a slower build.
 */
function cachedValue<T>(
  cacheDir: string | undefined,
  key: unknown,
  stamp: string,
  make: () => { value: T; inputs: string[] },
): T {
  if (!cacheDir) return make().value;
  const file = path.join(cacheDir, `${sha256(JSON.stringify([esbuildVersion, key]))}.json`);
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as CacheRecord<T>;
    const same =
      record.stamp === stamp &&
      Object.entries(record.inputs).every(([input, hash]) => {
        try {
          return sha256(readFileSync(input)) === hash;
        } catch {
          return false; // gone
        }
      });
    if (same) return record.value;
  } catch {
    // no record yet, or an unreadable one: made again
  }
  const started = Date.now();
  const { value, inputs } = make();
  try {
    // A file saved while esbuild read it (or within the file system's timestamp grain of
    // that): the bytes hashed now may not be those bundled, so nothing is kept this time.
    if (inputs.some((input) => statSync(input).mtimeMs >= started - 2000)) return value;
    const record: CacheRecord<T> = {
      stamp,
      inputs: Object.fromEntries(inputs.map((input) => [input, sha256(readFileSync(input))])),
      value,
    };
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed: a build starting beside this one never reads half a record.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(record));
    renameSync(tmp, file);
  } catch {
    // a read-only node_modules: nothing kept
  }
  return value;
}

/**
 * `text` minified as CSS or JS by its file extension (`.css`, `.js`); any other extension:
 * undefined (published as is). Comments go, including `/*!` ones: the sources carry no
 * licence text. A syntax error throws esbuild's message naming the file.
 */
export function minifyAsset(
  name: string,
  text: string,
  cacheDir: string | undefined = ASSET_CACHE_DIR,
): string | undefined {
  const loader = LOADERS[path.extname(name) as keyof typeof LOADERS];
  if (!loader) return undefined;
  const options = {
    loader,
    minify: true,
    target: ASSET_TARGETS,
    legalComments: "none",
    sourcefile: name,
  } as const;
  return cachedValue(cacheDir, ["transform", options], sha256(text), () => ({
    value: transformSync(text, options).code,
    inputs: [],
  }));
}

/**
 * The script at `file` with every module it imports, as one minified file: an ES module
 * (a page script: `<script type="module">`) or, with `format: "iife"`, a classic script
 * (the embed, which needs `document.currentScript`). A syntax error, or an import that is
 * not there, throws esbuild's message naming the file. `inputs`: the files it was made
 * of, absolute.
 */
export function bundleScript(
  file: string,
  format: "esm" | "iife" = "esm",
  cacheDir: string | undefined = ASSET_CACHE_DIR,
): { code: string; inputs: string[] } {
  return bundleScripts([file], format, cacheDir).get(path.resolve(file))!;
}

type Bundles = Map<string, { code: string; inputs: string[] }>;

/**
 * `bundleScript` of each of `files` (names unique), in one run of esbuild: by file,
 * absolute. Kept in `cacheDir` between builds while none of the files that went in changed.
 */
export function bundleScripts(
  files: readonly string[],
  format: "esm" | "iife" = "esm",
  cacheDir: string | undefined = ASSET_CACHE_DIR,
): Bundles {
  if (!files.length) return new Map();
  const entries = files.map((file) => path.resolve(file));
  const key = ["bundle", format, ASSET_TARGETS, entries];
  const bundles = cachedValue(cacheDir, key, "", () => {
    const made = runBundle(entries, format);
    // The entries too: one that is gone or unreadable must not come from the cache.
    const inputs = new Set([...entries, ...[...made.values()].flatMap((b) => b.inputs)]);
    return { value: [...made], inputs: [...inputs] };
  });
  return new Map(bundles);
}

function runBundle(files: readonly string[], format: "esm" | "iife"): Bundles {
  const out: Bundles = new Map();
  const outdir = path.resolve("/almanac-bundles"); // never written: `write: false`
  const result = buildSync({
    entryPoints: [...files],
    outdir,
    bundle: true,
    format,
    minify: true,
    target: ASSET_TARGETS,
    legalComments: "none",
    sourcemap: false,
    metafile: true,
    write: false,
    // Pagefind's script is an address of the site the browser loads, not a module of ours.
    external: ["/pagefind/*"],
    logLevel: "silent",
  });
  const code = new Map(result.outputFiles.map((f) => [f.path, f.text]));
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    out.set(path.resolve(meta.entryPoint), {
      code: code.get(path.resolve(output))!,
      inputs: Object.keys(meta.inputs).map((input) => path.resolve(input)),
    });
  }
  return out;
}

/**
 * Every file in `dir`, by file name (`site.css`), minified, with its hashed output name;
 * a script bundled with the modules it imports (`bundleScript`). Folders (`lib/`) hold
 * those modules and are not published.
 */
export function hashAssets(
  dir: string,
  urlDir = "assets",
  cacheDir: string | undefined = ASSET_CACHE_DIR,
): Record<string, Asset> {
  const out: Record<string, Asset> = {};
  const names = readdirSync(dir)
    .sort()
    .filter((name) => !statSync(path.join(dir, name)).isDirectory());
  const scripts = bundleScripts(
    names.filter((name) => path.extname(name) === ".js").map((name) => path.join(dir, name)),
    "esm",
    cacheDir,
  );
  for (const name of names) {
    const source = path.join(dir, name);
    const script = scripts.get(path.resolve(source));
    if (script) {
      const { code, inputs } = script;
      out[name] = { ...hashedBytes(name, Buffer.from(code), urlDir), source, inputs };
    } else
      out[name] = {
        ...hashedAsset(name, readFileSync(source), source, urlDir, cacheDir),
        inputs: [source],
      };
  }
  return out;
}

/**
 * An asset made by the build rather than read from `layouts/assets/` (the brand sheet,
 * src/site/brand.ts): minified and named by its hash like the others. `source` says
 * where it comes from, for messages.
 */
export function hashedAsset(
  name: string,
  raw: Buffer,
  source: string,
  urlDir = "assets",
  cacheDir: string | undefined = ASSET_CACHE_DIR,
): Asset {
  const minified = minifyAsset(name, raw.toString("utf8"), cacheDir);
  const contents = minified === undefined ? raw : Buffer.from(minified);
  return { ...hashedBytes(name, contents, urlDir), source, inputs: [] };
}

/** `contents` named by their hash: `<urlDir>/<name>-<hash><ext>`. */
function hashedBytes(name: string, contents: Buffer, urlDir: string) {
  const hash = createHash("sha256").update(contents).digest("hex").slice(0, 10);
  const ext = path.extname(name);
  const output = `${urlDir}/${path.basename(name, ext)}-${hash}${ext}`;
  return { output, url: `/${output}`, contents };
}

/**
 * What `stat` says of the files in `dirs` and of every file `assets` were made of (a
 * script's imported modules too): a file added, removed or changed gives another text, so
 * `npm start` knows to publish them again.
 */
export function assetsStamp(dirs: readonly string[], assets: readonly Asset[]): string {
  const files = new Set(assets.flatMap((a) => a.inputs));
  for (const dir of dirs) for (const name of readdirSync(dir)) files.add(path.join(dir, name));
  return [...files]
    .sort()
    .map((file) => {
      try {
        const s = statSync(file);
        return `${file}:${s.size}:${s.mtimeMs}`;
      } catch {
        return `${file}:gone`;
      }
    })
    .join("|");
}

/**
 * Ends esbuild's service for now. Its synchronous calls run in a worker thread that starts
 * an esbuild process and keeps both until the process exits (about 20 MiB for the process
 * alone, through the whole build); the next call starts them again.
 */
export function releaseEsbuild(): Promise<void> {
  return stop();
}
