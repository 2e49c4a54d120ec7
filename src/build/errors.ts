// Telling errors that mean "the content is wrong" (`ContentError`, src/content/problems.ts)
// or "the disk is full" from a bug in Almanac: the CLIs print their message alone (no stack
// trace) and exit 1. A mistake in a layout is one line too, at its line in the file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ContentError } from "../content/problems.ts";

/** True for errors that carry a message meant for staff, whatever wrapped them. */
export function findContentError(error: unknown): ContentError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    if (current instanceof ContentError) return current;
    current =
      (current as { originalError?: unknown; cause?: unknown }).originalError ??
      (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The file-system error behind a failed build (no space left, a read-only disk, too many
 * open files...), whatever wrapped it: its message already says what happened and where, so
 * the CLI prints it in one line instead of a stack trace.
 */
export function findSystemError(error: unknown): NodeJS.ErrnoException | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const e = current as NodeJS.ErrnoException & { originalError?: unknown };
    if (
      typeof e.code === "string" &&
      /^E[A-Z0-9]+$/.test(e.code) &&
      typeof e.syscall === "string"
    ) {
      return e;
    }
    current = e.originalError ?? e.cause;
  }
  return undefined;
}

/** A build that stopped for a reason given in its message (one line, for staff). */
export class BuildStopped extends Error {
  override name = "BuildStopped";
}

/**
 * A template error (a mistake in a Nunjucks layout) as one line, `file:line: message`, with
 * the line counted in the file: Nunjucks counts lines from the end of a page template's
 * front matter, which this adds back. Undefined for any other error.
 */
export function templateErrorLine(error: unknown): string | undefined {
  let template: string | undefined;
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string") {
      const wrapper = /^Having trouble rendering \w+ template (\S+)/.exec(message);
      if (wrapper) template = wrapper[1];
      // `(page.njk) [Line 5, Column 1]\n  message`; from an include, the including templates
      // come first: `(page.njk)\n (part.njk) [Line 2, Column 7]\n  message`.
      const njk = /^((?:\s*\([^()\n]*\))+) \[Line (\d+), Column (\d+)\]\s*([\s\S]*)$/.exec(message);
      if (njk) {
        const last = /\(([^()\n]*)\)\s*$/.exec(njk[1]!)![1]!;
        const file = last === "unknown path" ? template : last;
        const text = njk[4]!.trim().replace(/\s+/g, " ");
        if (!file) return `template error at line ${njk[2]}: ${text}`;
        const line = Number(njk[2]) + frontMatterLines(file);
        return `${displayPath(file)}:${line}: ${text}`;
      }
    }
    current =
      (current as { originalError?: unknown }).originalError ??
      (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Lines of a template's front matter, both `---` lines included (0 when it has none). */
function frontMatterLines(file: string): number {
  let text: string;
  try {
    text = readFileSync(path.resolve(file), "utf8");
  } catch {
    return 0;
  }
  const lines = text.split(/\r?\n/);
  if (!/^---\s*$/.test(lines[0] ?? "")) return 0;
  const close = lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l));
  return close === -1 ? 0 : close + 1;
}

function displayPath(file: string): string {
  const abs = path.resolve(file);
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
}
