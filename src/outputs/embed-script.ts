// `/embed.js`, the widget partner and school sites paste (docs/embed.md): the readable
// source in `layouts/embed/embed.js`, bundled with the modules of `layouts/assets/lib/` it
// imports and minified for the asset targets, as a classic script (it reads
// `document.currentScript`). Published at a stable, unhashed address, unlike `/assets/`:
// hosts keep the URL in their pages for years.
import path from "node:path";
import { bundleScript } from "../site/assets.ts";

/** Where the script is published, from the site root. */
export const EMBED_SCRIPT_URL = "/embed.js";

/** The script's source. */
export const EMBED_SCRIPT_SOURCE = path.resolve(
  import.meta.dirname,
  "..",
  "..",
  "layouts",
  "embed",
  "embed.js",
);

/**
 * Bytes `/embed.js` may weigh as served, minified and uncompressed (test/embed.test.ts
 * holds it to this): a partner's page loads it on every visit.
 */
export const EMBED_SCRIPT_BUDGET = 10 * 1024;

/** The published `/embed.js`: the source, bundled (read afresh, so `npm start` sees edits). */
export function embedScript(source = EMBED_SCRIPT_SOURCE): string {
  return bundleScript(source, "iife").code;
}
