// Lists what a build wrote, so quality gates cover every page that exists (pages added
// later are covered without touching the tests), and maps files to the URLs that serve them.
import { readdirSync } from "node:fs";
import path from "node:path";

/** Every file under `dir`, as sorted `/`-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk("");
  return out.sort();
}

/** Every built HTML file under `dir` (relative paths, sorted). */
export function htmlFiles(dir: string): string[] {
  return listFiles(dir).filter((f) => f.endsWith(".html"));
}

/** The URL path a static host serves `file` at: `programs/x/index.html` -> `/programs/x/`. */
export function urlOf(file: string): string {
  return `/${file}`.replace(/(^|\/)index\.html$/, "$1");
}

/**
 * The file a URL path resolves to on a static host (`/x/` -> `x/index.html`, `/x` ->
 * `x` or `x/index.html`), relative to the site root, or undefined when none exists.
 */
export function fileOf(urlPath: string, files: ReadonlySet<string>): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, "");
  } catch {
    return undefined;
  }
  const candidates =
    rel === "" || rel.endsWith("/")
      ? [`${rel}index.html`]
      : [rel, `${rel}/index.html`, `${rel}.html`];
  return candidates.find((c) => files.has(c));
}
