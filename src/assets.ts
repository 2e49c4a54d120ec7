// Content-hashed names for the site's own CSS and JS, so browsers and the service worker
// can cache them forever and a changed file always gets a new URL.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Asset {
  /** Source file, absolute. */
  source: string;
  /** Output path relative to the site root, e.g. `assets/site-1a2b3c4d.css`. */
  output: string;
  /** URL, e.g. `/assets/site-1a2b3c4d.css`. */
  url: string;
}

/** Every file in `dir`, by file name (`site.css`), with its hashed output name. */
export function hashAssets(dir: string, urlDir = "assets"): Record<string, Asset> {
  const out: Record<string, Asset> = {};
  for (const name of readdirSync(dir).sort()) {
    const source = path.join(dir, name);
    const hash = createHash("sha256").update(readFileSync(source)).digest("hex").slice(0, 10);
    const ext = path.extname(name);
    const output = `${urlDir}/${path.basename(name, ext)}-${hash}${ext}`;
    out[name] = { source, output, url: `/${output}` };
  }
  return out;
}
