// Telling errors that mean "the content is wrong" (`ContentError`, src/content/problems.ts)
// or "the disk is full" from a bug in Almanac: the CLIs print their message alone (no stack
// trace) and exit 1.
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
