// Reading one text file of the site without trusting what is there (docs/content.md,
// "Files Almanac reads"):
//
// - Anything that is not a regular file (a folder, a named pipe, a device, a socket) is a
//   problem and is never read: the file is opened without blocking and checked before
//   reading, so a pipe put in its place cannot hang the build, nor `/dev/zero` fill memory.
// - A file larger than MAX_FILE_BYTES is an error, not read.
// - A file that is not valid UTF-8 is read with U+FFFD for the bad bytes and a warning.
//
// Problems are added for staff, never thrown. Which files are read, and where a symbolic link
// may lead, is src/content/files.ts.
import { constants, type Dirent, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import type { Problem } from "./model.ts";

/** Largest content file or library.yaml read, in bytes (1 MiB: hundreds of pages of text). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A problem about a whole file (no field), at line 1 unless given. */
export const problem = (
  severity: Problem["severity"],
  file: string,
  message: string,
  line = 1,
): Problem => ({ severity, file, line, field: "", message });

/** What a directory entry turned out to be, after following a permitted link. */
export type EntryType = "file" | "folder" | { other: string };

export function typeOf(s: Dirent | Stats): EntryType {
  if (s.isFile()) return "file";
  if (s.isDirectory()) return "folder";
  if (s.isFIFO()) return { other: "a named pipe" };
  if (s.isSocket()) return { other: "a socket" };
  if (s.isCharacterDevice() || s.isBlockDevice()) return { other: "a device" };
  return { other: "not a file or folder" };
}

/** Why a file or folder cannot be read, in a few words. */
export function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a text file: undefined when it does not exist (the caller says what that means) or
 * cannot be used (a problem is added: not a regular file, a folder, too large, unreadable).
 * Opened without blocking, and checked before reading, so a pipe or device put in its
 * place is never read. Bytes that are not UTF-8 become U+FFFD, with a warning at the line
 * of the first one.
 */
export async function readTextFile(
  abs: string,
  rel: string,
  problems: Problem[],
): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "EISDIR") {
      problems.push(problem("error", rel, "is a folder, not a file"));
    } else if (code === "ELOOP") {
      problems.push(problem("error", rel, "symbolic link to a loop of links: fix the link"));
    } else {
      problems.push(problem("error", rel, `cannot be read: ${errorText(error)}`));
    }
    return undefined;
  }
  try {
    const info = await handle.stat();
    const type = typeOf(info);
    if (type === "folder") {
      problems.push(problem("error", rel, "is a folder, not a file"));
      return undefined;
    }
    if (typeof type === "object") {
      problems.push(
        problem(
          "error",
          rel,
          `not a regular file (${type.other}): Almanac never reads it; delete it or replace it with a file`,
        ),
      );
      return undefined;
    }
    if (info.size > MAX_FILE_BYTES) {
      problems.push(
        problem(
          "error",
          rel,
          `file too large: ${megabytes(info.size)}, and a file may be at most ${megabytes(MAX_FILE_BYTES)}; split it, or move pictures and attachments out of it`,
        ),
      );
      return undefined;
    }
    const bytes = await handle.readFile();
    return decodeUtf8(bytes, rel, problems);
  } catch (error) {
    problems.push(problem("error", rel, `cannot be read: ${errorText(error)}`));
    return undefined;
  } finally {
    await handle.close();
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const looseUtf8 = new TextDecoder("utf-8");

function decodeUtf8(bytes: Uint8Array, rel: string, problems: Problem[]): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const text = looseUtf8.decode(bytes);
    const at = text.indexOf("\uFFFD");
    const line = at < 0 ? 1 : text.slice(0, at).split("\n").length;
    problems.push(
      problem(
        "warning",
        rel,
        "not UTF-8: the file was saved in another encoding (Latin-1 or Windows-1252?), so letters such as é show as \uFFFD on the site; save it as UTF-8",
        line,
      ),
    );
    return text;
  }
}
