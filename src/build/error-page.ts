// The page `npm start` shows in place of the site while it cannot be rebuilt (a content or
// layout mistake), to the browser's navigations only.
import type { IncomingMessage } from "node:http";
import { escapeHtml } from "../text/html.ts";

/** A page the browser navigates to (not a stylesheet, script or picture it fetches). */
export function isNavigation(req: IncomingMessage): boolean {
  const mode = req.headers["sec-fetch-mode"];
  if (mode !== undefined) return mode === "navigate";
  return String(req.headers.accept ?? "").includes("text/html");
}

/** What the browser shows while the site cannot be rebuilt. */
export function errorPage(title: string, lines: string[]): string {
  const items = lines.map((line) => `<li><code>${escapeHtml(line)}</code></li>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; color: #8a0015; }
ul { padding: 0; list-style: none; }
li { margin: 0 0 .75rem; padding: .75rem 1rem; background: #fff3f4; border-left: .25rem solid #b00020; }
code { white-space: pre-wrap; word-break: break-word; font-size: .95rem; }
</style>
</head>
<body>
<main>
<h1 id="almanac-preview-error">${escapeHtml(title)}</h1>
<ul class="problems">
${items}
</ul>
<p>The site is kept as it was before this change. Save the fix and this page turns back into the site by itself.</p>
</main>
</body>
</html>
`;
}
