// Turning Problems into the lines staff read: `file:line: field: message`, one a line,
// sorted so the output of a build and of `npm run check` is stable and diffable.
import type { Problem } from "./model.ts";
import { escapeForOutput } from "./safe-text.ts";
import { editDistance } from "../text/edit-distance.ts";

/**
 * `content/programs/x.md:4: audiences: unknown audience "teen" (did you mean "teens"?)`;
 * a warning has `warning: ` after the line number; a file-level problem has no field.
 * Messages quote values from content: control characters, line breaks and bidi controls
 * in them are printed as `\uXXXX`, so a value can never start a line of its own.
 */
export function formatProblem(p: Problem): string {
  const severity = p.severity === "warning" ? "warning: " : "";
  const field = p.field ? `${p.field}: ` : "";
  return escapeForOutput(`${p.file}:${p.line}: ${severity}${field}${p.message}`);
}

/** Sorts by file, then line, then field (errors before warnings on the same line). */
export function sortProblems(ps: readonly Problem[]): Problem[] {
  return [...ps].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      compare(a.severity, b.severity) ||
      compare(a.field, b.field) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** All problems, one a line, sorted, then a summary line such as `2 errors, 1 warning`. */
export function formatProblems(ps: readonly Problem[]): string {
  const lines = sortProblems(ps).map(formatProblem);
  lines.push(summary(ps));
  return lines.join("\n");
}

/** `2 errors, 1 warning`, `1 error`, `no problems`. */
export function summary(ps: readonly Problem[]): string {
  const errors = ps.filter((p) => p.severity === "error").length;
  const warnings = ps.length - errors;
  const parts: string[] = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  return parts.length ? parts.join(", ") : "no problems";
}

/**
 * The candidate the input was most likely meant to be, or undefined. Compares
 * case-insensitively by optimal-string-alignment distance (Levenshtein plus adjacent
 * swaps, so `titel` finds `title`) with a small threshold (1 for up to 3 characters,
 * 2 up to 7, else 3), and also accepts a candidate the input begins (`tech` finds
 * `technology`). Ties go to the earlier candidate, so pass candidates in a sensible order.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const a = input.toLowerCase();
  if (a === "") return undefined;
  const limit = a.length <= 3 ? 1 : a.length <= 7 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const b = candidate.toLowerCase();
    let d = editDistance(a, b, limit);
    if (d > limit && a.length >= 3 && b.startsWith(a)) d = limit;
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `(did you mean "x"?)` with a leading space, or "" when nothing is close. */
export function didYouMeanHint(input: string, candidates: readonly string[]): string {
  const guess = didYouMean(input, candidates);
  return guess === undefined ? "" : ` (did you mean "${guess}"?)`;
}

/**
 * Content problems thrown where they cannot be returned (the build's image step, a rebuild
 * under `npm start`): the message is the problems, one a line, for staff; the CLIs print it
 * alone, without a stack trace.
 */
export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(formatProblems(problems));
    this.name = "ContentError";
  }
}
