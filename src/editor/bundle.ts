// The browser editor's files as the site publishes them under /admin/: Sveltia CMS's
// bundle from node_modules (pinned in package.json), with the addresses it would fetch from
// CDNs at run time pointed at copies on the site itself, and those copies:
// - its three fonts (text, code, and the icon font its buttons draw their icons with) from
//   jsDelivr: the same Fontsource files, installed from npm;
// - its own folder on unpkg, where it checks for a newer version (`package.json`) and finds
//   the strings of its interface in other languages (`locales/`): answered from the copy
//   installed, so it never offers an update Almanac has not pinned.
// Of its interface languages, only those of the library's languages (`locale`, `languages`,
// `site_languages`: every regional variant Sveltia has) are published, and its list of
// languages is cut to the same, so it neither offers nor picks one it cannot load; the
// rest fall back to its built-in en-US, which needs no file (docs/editor.md).
// And one fix: its viewport tag no longer forbids zooming (axe's meta-viewport rule).
// Each rewrite must find what it rewrites, or this throws: an upgrade that moves one fails
// the build and `test/editor.test.ts`, instead of quietly loading from a CDN again.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const APP_DIR = path.resolve(import.meta.dirname, "..", "..");

/** One file of the editor, to write at `output` (relative to the site's root). */
export interface EditorFile {
  output: string;
  contents: Buffer | string;
}

export interface EditorBundle {
  /** URL of the CMS script, content-hashed: `/admin/sveltia-cms-1a2b3c4d5e.js`. */
  script: string;
  /** The installed Sveltia CMS version. */
  version: string;
  files: EditorFile[];
}

/** The folder and manifest of package `name`, as Node resolves it from Almanac's folder. */
function packageOf(name: string): { dir: string; version: string } {
  let dir = path.dirname(createRequire(path.join(APP_DIR, "package.json")).resolve(name));
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version: string };
      if (json.name === name) return { dir, version: json.version };
    }
  }
  throw new Error(`[almanac/editor] cannot find the folder of ${name}: run npm install`);
}

const FONT =
  /https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\/([a-z0-9-]+)(:vf)?@([\d.]+)\/([\w-]+\.woff2)/g;
const UNPKG = "https://unpkg.com/@sveltia/cms";
/** Where the CMS's own unpkg folder is answered from, on the site. */
export const VENDOR_URL = "/admin/sveltia-cms";

/** Rewrites the bundle's CDN addresses; returns the new text and the fonts to copy. */
export function rewriteBundle(
  text: string,
  fontFile: (pkg: string, version: string, file: string) => string,
): { text: string; fonts: { url: string; source: string }[] } {
  const fonts: { url: string; source: string }[] = [];
  let out = text.replace(FONT, (_url, family: string, variable: string, version: string, file) => {
    const pkg = `@fontsource${variable ? "-variable" : ""}/${family}`;
    const url = `/admin/fonts/${family}-${file}`;
    fonts.push({ url, source: fontFile(pkg, version, `${family}-${file}`) });
    return url;
  });
  if (fonts.length === 0) throw new Error("[almanac/editor] no Fontsource font found in the CMS");
  const unpkg = `\`${UNPKG}\``;
  if (!out.includes(unpkg)) throw new Error(`[almanac/editor] ${UNPKG} not found in the CMS`);
  out = out.replace(unpkg, `\`${VENDOR_URL}\``);
  // Its viewport tag forbids zooming (maximum-scale=1): WCAG 1.4.4 wants text that can be
  // zoomed to 200%, and axe reports it. The rest of the tag stays.
  const zoom = "`initial-scale=1`,`maximum-scale=1`,";
  if (!out.includes(zoom)) throw new Error("[almanac/editor] the CMS's viewport tag has moved");
  out = out.replace(zoom, "`initial-scale=1`,");
  const left = /https:\/\/(cdn\.jsdelivr\.net|unpkg\.com\/@sveltia\/cms\b)[^`'")\s]*/.exec(out);
  if (left) throw new Error(`[almanac/editor] the CMS still loads ${left[0]}`);
  return { text: out, fonts };
}

/** The font file `file` of the installed package `pkg`, which must be at `version`. */
function installedFont(pkg: string, version: string, file: string): string {
  const installed = packageOf(pkg);
  if (installed.version !== version) {
    throw new Error(
      `[almanac/editor] the CMS wants ${pkg}@${version}, ${installed.version} is installed: npm install --save-exact ${pkg}@${version}`,
    );
  }
  return path.join(installed.dir, "files", file);
}

/**
 * The interface languages of `available` (Sveltia's, `en-GB`) to publish for staff who
 * write in `languages` (codes as the library writes them, `en`, `fr-CA`): each whose
 * language is one of theirs, every region of it, since the CMS matches the browser's
 * language and region among those it lists.
 */
export function editorLocales(
  available: readonly string[],
  languages: readonly string[],
): string[] {
  const wanted = new Set(languages.map((code) => code.split("-")[0]!.toLowerCase()));
  return available.filter((code) => wanted.has(code.split("-")[0]!.toLowerCase()));
}

/**
 * Cuts the CMS's list of interface languages (`ar,bg,...` split at commas, defined right
 * after its fallback language) from `all` to `keep` plus the fallback. Returns the new text
 * and the fallback, whose strings are in the bundle and so need no file.
 */
export function rewriteLocales(
  text: string,
  all: readonly string[],
  keep: readonly string[],
): { text: string; fallback: string } {
  const list = `\`${all.join(",")}\`.split(\`,\`)`;
  const at = text.indexOf(list);
  const before = /(\w+)=`([A-Za-z-]+)`,\w+=$/.exec(text.slice(Math.max(0, at - 80), at));
  if (at < 0 || text.indexOf(list, at + 1) >= 0 || !before) {
    throw new Error("[almanac/editor] the CMS's list of interface languages has moved");
  }
  const [, name, fallback] = before as unknown as [string, string, string];
  if (!text.includes(`fallbackLocale:${name}`) || !all.includes(fallback)) {
    throw new Error("[almanac/editor] the CMS's fallback interface language has moved");
  }
  const published = all.filter((code) => code === fallback || keep.includes(code));
  const out =
    text.slice(0, at) + `\`${published.join(",")}\`.split(\`,\`)` + text.slice(at + list.length);
  return { text: out, fallback };
}

let cached: { key: string; bundle: EditorBundle } | undefined;

/**
 * The editor's files, for staff who write in `languages` (the library's codes). Read and
 * hashed once per process, installed version and set of languages.
 */
export function editorBundle(languages: readonly string[] = []): EditorBundle {
  const cms = packageOf("@sveltia/cms");
  const source = path.join(cms.dir, "dist", "sveltia-cms.js");
  const all = readdirSync(path.join(cms.dir, "locales"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
  const keep = editorLocales(all, languages);
  const key = `${source}@${cms.version}:${keep.join(",")}`;
  if (cached?.key === key) return cached.bundle;
  const rewritten = rewriteBundle(readFileSync(source, "utf8"), installedFont);
  const { fonts } = rewritten;
  const { text, fallback } = rewriteLocales(rewritten.text, all, keep);
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 10);
  const script = `/admin/sveltia-cms-${hash}.js`;
  const vendor = `${VENDOR_URL.slice(1)}@${cms.version}`;
  const files: EditorFile[] = [
    { output: script.slice(1), contents: text },
    ...fonts.map((f) => ({ output: f.url.slice(1), contents: readFileSync(f.source) })),
    {
      output: `${VENDOR_URL.slice(1)}/package.json`,
      contents: `${JSON.stringify({ name: "@sveltia/cms", version: cms.version })}\n`,
    },
    ...keep
      .filter((code) => code !== fallback)
      .map((code) => ({
        output: `${vendor}/locales/${code}.json`,
        contents: readFileSync(path.join(cms.dir, "locales", `${code}.json`)),
      })),
  ];
  const bundle = { script, version: cms.version, files };
  cached = { key, bundle };
  return bundle;
}
