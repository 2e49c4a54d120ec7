// The site's own CSS and JS as published: minified, under content-hashed names, so browsers
// and the service worker can cache them forever and a changed file always gets a new URL.
// The sources in `layouts/assets/` stay readable (comments, indentation); only the copies
// in the built site are minified, and the hash is of those published bytes.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { transformSync } from "esbuild";

export interface Asset {
  /** Source file, absolute. */
  source: string;
  /** Output path relative to the site root, e.g. `assets/site-1a2b3c4d.css`. */
  output: string;
  /** URL, e.g. `/assets/site-1a2b3c4d.css`. */
  url: string;
  /** The bytes published at `output`: minified CSS or JS, any other file as it is. */
  contents: Buffer;
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

/**
 * `text` minified as CSS or JS by its file extension (`.css`, `.js`); any other extension:
 * undefined (published as is). Comments go, including `/*!` ones: the sources carry no
 * licence text. A syntax error throws esbuild's message naming the file.
 */
export function minifyAsset(name: string, text: string): string | undefined {
  const loader = LOADERS[path.extname(name) as keyof typeof LOADERS];
  if (!loader) return undefined;
  return transformSync(text, {
    loader,
    minify: true,
    target: ASSET_TARGETS,
    legalComments: "none",
    sourcefile: name,
  }).code;
}

/** Every file in `dir`, by file name (`site.css`), minified, with its hashed output name. */
export function hashAssets(dir: string, urlDir = "assets"): Record<string, Asset> {
  const out: Record<string, Asset> = {};
  for (const name of readdirSync(dir).sort()) {
    const source = path.join(dir, name);
    out[name] = hashedAsset(name, readFileSync(source), source, urlDir);
  }
  return out;
}

/**
 * An asset made by the build rather than read from `layouts/assets/` (the brand sheet,
 * src/site/brand.ts): minified and named by its hash like the others. `source` says
 * where it comes from, for messages.
 */
export function hashedAsset(name: string, raw: Buffer, source: string, urlDir = "assets"): Asset {
  const minified = minifyAsset(name, raw.toString("utf8"));
  const contents = minified === undefined ? raw : Buffer.from(minified);
  const hash = createHash("sha256").update(contents).digest("hex").slice(0, 10);
  const ext = path.extname(name);
  const output = `${urlDir}/${path.basename(name, ext)}-${hash}${ext}`;
  return { source, output, url: `/${output}`, contents };
}
