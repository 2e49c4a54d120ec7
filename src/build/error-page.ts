// What `npm start` says when a run cannot rebuild the site: the lines it prints once and
// the page it shows in place of the site (a content or layout mistake), to the browser's
// navigations only, until the site is rebuilt.
import type { IncomingMessage } from "node:http";
import type { Problem } from "../content/model.ts";
import { escapeHtml } from "../text/html.ts";
import { BuildStopped, findContentError, findSystemError, templateErrorLine } from "./errors.ts";
import { OutputError } from "./output-folder.ts";

/** A failed run: the error page's title and lines, and the lines printed at the terminal. */
export interface Failure {
  title: string;
  shown: string[];
  printed: string[];
}

/** A content problem in one line: `file:line: field: message`. */
export function problemLine(p: Problem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ""}${p.message}`;
}

/**
 * What to show and print for `error`: a content mistake as its problems' lines, a layout
 * mistake at its line, a system error (a full disk) or a known stop in one line; anything
 * else is a bug, printed with its stack and what Eleventy said before it (`held`).
 */
export function describeFailure(error: unknown, held: readonly string[]): Failure {
  const content = findContentError(error);
  if (content) {
    const lines = content.problems.filter((p) => p.severity === "error").map(problemLine);
    return {
      title: "The site was not rebuilt: fix the content",
      shown: lines,
      printed: [content.message],
    };
  }
  const template = templateErrorLine(error);
  if (template) {
    return {
      title: "The site was not rebuilt: fix the layout",
      shown: [template],
      printed: [template],
    };
  }
  const system = findSystemError(error);
  const known =
    system ?? (error instanceof OutputError || error instanceof BuildStopped ? error : undefined);
  if (known) {
    const line = `preview: ${known.message}`;
    return { title: "The site was not rebuilt", shown: [line], printed: [line] };
  }
  // A bug: its stack is worth having, with what Eleventy said about it.
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    title: "The site was not rebuilt: Almanac failed",
    shown: [stack.split("\n")[0]!],
    printed: [...held, stack],
  };
}

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
