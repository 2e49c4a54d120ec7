// Reading a consortium's members: each member's `programs.json`, from the folder of its
// built site or from the address it is served at, checked against its format. Whatever
// goes wrong with one member is one line naming it, reported at the `source` line of
// `_data/library.yaml` (at build and `check` time alike), never a stack trace; the other
// members are still read, so every bad member is listed at once.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Library, Member } from "../content/model.ts";
import type { LineIndex } from "../content/front-matter.ts";
import { LIBRARY_FILE, type Report } from "../content/entry.ts";
import { MARKER } from "../build/output-folder.ts";
import { parseFeed, type Feed } from "./feed-schema.ts";

/** A member and the programs.json read for it. */
export interface MemberFeed {
  member: Member;
  feed: Feed;
}

/** Longest a member's `programs.json` may be (a 20,000-date catalogue's is about 15 MB). */
export const MAX_FEED_BYTES = 200 * 1024 * 1024;

/** How long a member's address may take to answer, in milliseconds. */
export const FETCH_TIMEOUT_MS = 30_000;

export interface ReadMembersOptions {
  /** The consortium's folder (relative `source` folders start there). */
  root: string;
  /** `fetch` for `source` addresses; default the global one (tests pass their own). */
  fetch?: typeof globalThis.fetch;
}

/** Why a member could not be read, as the end of a sentence that starts with its name. */
class MemberProblem extends Error {}

/**
 * Every member's feed, in the order `consortium.members` lists them; a member that cannot
 * be read is reported in `report` and left out.
 */
export async function readMembers(
  library: Library,
  lines: LineIndex,
  report: Report,
  options: ReadMembersOptions,
): Promise<MemberFeed[]> {
  const members = library.consortium?.members ?? [];
  const read = await Promise.all(
    members.map(async (member, i) => {
      try {
        return { member, feed: await readMember(member, options) };
      } catch (error) {
        if (!(error instanceof MemberProblem)) throw error;
        const field = `consortium.members.${i}.source`;
        report.error(
          LIBRARY_FILE,
          lines.get(["consortium", "members", String(i), "source"]),
          field,
          `member "${member.id}": ${error.message}`,
        );
        return undefined;
      }
    }),
  );
  return read.filter((r): r is MemberFeed => r !== undefined);
}

async function readMember(member: Member, options: ReadMembersOptions): Promise<Feed> {
  const text = /^https?:\/\//i.test(member.source)
    ? await fetchFeed(member.source, options.fetch ?? globalThis.fetch)
    : await readFolderFeed(member.source, options.root);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's own words differ between Node versions: say it plainly.
    throw new MemberProblem("its programs.json is not valid JSON (cut short, or another file?)");
  }
  const parsed = parseFeed(data);
  if ("error" in parsed) throw new MemberProblem(parsed.error);
  return parsed.feed;
}

/** `programs.json` of a built site's folder. */
async function readFolderFeed(source: string, root: string): Promise<string> {
  const folder = path.resolve(root, source);
  const kind = await statKind(folder);
  if (kind === "none") {
    throw new MemberProblem(`folder ${source} not found (build the member's site there first)`);
  }
  if (kind !== "folder") throw new MemberProblem(`${source} is not a folder`);
  const file = path.join(folder, "programs.json");
  const [marker, feed] = await Promise.all([statKind(path.join(folder, MARKER)), statKind(file)]);
  if (feed !== "file") {
    throw new MemberProblem(
      marker === "none"
        ? `${source} is not an Almanac build (it has neither ${MARKER} nor programs.json)`
        : `${source} has no programs.json (build the member's site again)`,
    );
  }
  const size = (await stat(file)).size;
  if (size > MAX_FEED_BYTES)
    throw new MemberProblem(`its programs.json is too large (${size} bytes)`);
  return readFile(file, "utf8");
}

async function statKind(file: string): Promise<"file" | "folder" | "other" | "none"> {
  try {
    const s = await stat(file);
    return s.isFile() ? "file" : s.isDirectory() ? "folder" : "other";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "none";
    throw new MemberProblem(`${file} cannot be read (${code ?? (error as Error).message})`);
  }
}

/** `programs.json` of a published site. */
async function fetchFeed(source: string, fetch: typeof globalThis.fetch): Promise<string> {
  const url = `${source.replace(/\/+$/, "")}/programs.json`;
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: "application/json" },
      redirect: "follow",
    });
  } catch (error) {
    throw new MemberProblem(`${url} could not be fetched (${networkReason(error)})`);
  }
  if (!response.ok) {
    throw new MemberProblem(`${url} answered ${response.status} ${response.statusText}`.trimEnd());
  }
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > MAX_FEED_BYTES)
    throw new MemberProblem(`its programs.json is too large (${length} bytes)`);
  try {
    return await response.text();
  } catch (error) {
    throw new MemberProblem(`${url} could not be read to the end (${networkReason(error)})`);
  }
}

/** `ECONNREFUSED`, `timed out`, `ENOTFOUND`: the cause of a failed fetch, in a few words. */
function networkReason(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError") return `no answer in ${FETCH_TIMEOUT_MS / 1000} seconds`;
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
