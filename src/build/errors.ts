// Errors that mean "the content is wrong", as opposed to a bug in Almanac. The CLIs print
// their message alone (no stack trace) and exit 1.
import type { Problem } from "../content/model.ts";
import { formatProblems } from "../content/problems.ts";

export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(formatProblems(problems));
    this.name = "ContentError";
  }
}

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
