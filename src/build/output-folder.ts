// What a build may do to its output folder. The build replaces the output folder whole (the
// new site is built beside it, then swapped in by renaming), so before it writes anything it
// checks that the folder is one it may replace: missing, empty, or a previous Almanac build.
// The library's own folder, a folder holding it, anything inside `content/` or `_data/`, and
// a folder of other files are refused with one sentence, and nothing is changed.
//
// A previous build is recognised by the marker every build writes (`.almanac-build`), or, for
// a `_site/` written before builds were marked, by the files every build since the offline
// version has written (`looksLikeUnmarkedBuild`). The folders a build leaves beside its
// output when it is killed (`<output>.staging-<pid>`, `<output>.old-<pid>`) are removed by the
// next build, only when their process is gone and they are ours (`removeStaleSiblings`).
import { existsSync, readFileSync, type Stats } from "node:fs";
import {
  lstat,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import path from "node:path";

/** Almanac's version, written into the marker. */
export const VERSION = (
  JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as {
    version: string;
  }
).version;

/** The file that marks a folder as written by an Almanac build. */
export const MARKER = ".almanac-build";

/**
 * Names that never appear in a built site and always in a working copy or a library: a
 * folder holding one is never taken for a build, whatever else it holds.
 */
const NEVER_IN_A_BUILD = [".git", "package.json", "node_modules", "content", "_data"];

/** A refused or unusable output folder: the message is one sentence for staff. */
export class OutputError extends Error {
  override name = "OutputError";
}

export interface MarkerData {
  generator: "almanac";
  /** Almanac's version (package.json). */
  version: string;
  /** The moment the site was built as of (`ALMANAC_NOW` or the clock), ISO 8601. */
  built: string;
}

/** The marker's text. `built` is the build's "now", so two builds as of one moment match. */
export function markerText(version: string, built: string): string {
  const data: MarkerData = { generator: "almanac", version, built };
  return `${JSON.stringify(data)}\n`;
}

export async function writeMarker(dir: string, built: string): Promise<void> {
  await writeFile(path.join(dir, MARKER), markerText(VERSION, built));
}

/** What an output folder holds now, as far as replacing it goes. */
export type FolderState =
  | { kind: "missing" }
  | { kind: "empty" }
  | { kind: "build"; marked: boolean }
  | { kind: "file" }
  /** Files no build wrote: `sample` names a few of them. */
  | { kind: "foreign"; sample: string[] };

export async function describeFolder(dir: string): Promise<FolderState> {
  let info: Stats;
  try {
    info = await stat(dir);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return { kind: "missing" };
    throw error;
  }
  if (!info.isDirectory()) return { kind: "file" };
  const names = (await readdir(dir)).sort();
  if (names.length === 0) return { kind: "empty" };
  const telling = names.filter((n) => NEVER_IN_A_BUILD.includes(n));
  if (telling.length) return { kind: "foreign", sample: telling.slice(0, 3) };
  if (await hasMarker(dir)) return { kind: "build", marked: true };
  if (await looksLikeUnmarkedBuild(dir, names)) return { kind: "build", marked: false };
  return { kind: "foreign", sample: names.slice(0, 3) };
}

async function hasMarker(dir: string): Promise<boolean> {
  const file = path.join(dir, MARKER);
  try {
    const info = await lstat(file);
    if (!info.isFile() || info.size > 4096) return false;
    return (
      (JSON.parse(await readFile(file, "utf8")) as Partial<MarkerData>).generator === "almanac"
    );
  } catch {
    return false;
  }
}

/**
 * A site written by an Almanac from before builds were marked: it has the files every build
 * has written since offline support came (`index.html`, `programs.json`,
 * `manifest.webmanifest` and a `sw.js` that starts with Almanac's header comment, also when
 * offline support is turned off). `pagefind/` is not required: `ALMANAC_SEARCH=off` builds
 * have none. A folder without them (a build older still, or a half-written `npm start`
 * output) is refused like any other: delete it by hand once.
 */
async function looksLikeUnmarkedBuild(dir: string, names: string[]): Promise<boolean> {
  for (const name of ["index.html", "programs.json", "manifest.webmanifest", "sw.js"]) {
    if (!names.includes(name)) return false;
    if (!(await lstat(path.join(dir, name))).isFile()) return false;
  }
  const sw = await readFile(path.join(dir, "sw.js"), "utf8").catch(() => "");
  return sw.startsWith("// Almanac");
}

/**
 * `dir` with every symlink followed, in it and in its parents, also when it (or the end of
 * its chain of links) does not exist yet.
 */
export async function realFolder(dir: string): Promise<string> {
  let current = path.resolve(dir);
  for (let hops = 0; hops < 40; hops++) {
    current = path.join(await realAncestor(path.dirname(current)), path.basename(current));
    let info: Stats;
    try {
      info = await lstat(current);
    } catch (error) {
      if (errorCode(error) === "ENOENT") return current;
      throw error;
    }
    if (!info.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw new OutputError(`the output folder ${dir} is a loop of symbolic links`);
}

/** `realpath` of the deepest part of `dir` that exists, with the rest appended. */
async function realAncestor(dir: string): Promise<string> {
  try {
    return await realpath(dir);
  } catch (error) {
    if (errorCode(error) !== "ENOENT" || path.dirname(dir) === dir) throw error;
    return path.join(await realAncestor(path.dirname(dir)), path.basename(dir));
  }
}

export interface OutputCheck {
  /** The folder as asked for, absolute (may be a symlink). */
  requested: string;
  /** The library root. */
  root: string;
  /** Folders the output must stay out of besides the library's, each with how to name it. */
  reserved?: { folder: string; what: string }[];
}

/**
 * Throws an `OutputError` when the build must not replace the output folder; otherwise
 * returns where the site really goes: the folder itself, or, when it is a symlink (a
 * `_site -> /srv/www/site` deploy set-up), the link's target, which is replaced while the
 * link stays as it is. Writes nothing.
 */
export async function checkOutputFolder(check: OutputCheck): Promise<string> {
  const requested = path.resolve(check.requested);
  const real = await realFolder(requested);
  const root = await realFolder(check.root);
  const named = real === requested ? requested : `${requested} (a link to ${real})`;
  const refuse = (why: string, fix: string): never => {
    throw new OutputError(
      `the output folder ${named} ${why}; a build replaces its output folder whole, so nothing was changed: ${fix}`,
    );
  };
  const suggestion = `choose a folder of its own, such as ${path.join(check.root, "_site")}`;
  if (real === root) refuse("is the library's own folder", suggestion);
  if (inside(root, real)) refuse(`holds the library's folder ${root}`, suggestion);
  for (const [folder, what] of [
    [path.join(root, "content"), "the library's content/ folder"],
    [path.join(root, "_data"), "the library's _data/ folder"],
    ...(check.reserved ?? []).map((r) => [r.folder, r.what]),
  ] as const) {
    const realReserved = await realFolder(folder);
    if (real === realReserved) refuse(`is ${what}`, suggestion);
    if (inside(real, realReserved)) refuse(`is inside ${what}`, suggestion);
    if (inside(realReserved, real)) refuse(`holds ${what}`, suggestion);
  }
  const state = await describeFolder(real);
  if (state.kind === "file") {
    throw new OutputError(
      `the output folder ${named} is a file, not a folder; nothing was changed: choose a folder`,
    );
  }
  if (state.kind === "foreign") {
    refuse(
      `holds files that no Almanac build wrote (${state.sample.join(", ")}${state.sample.length < 3 ? "" : ", ..."})`,
      "empty it or move it away, or choose another folder",
    );
  }
  if (state.kind !== "missing" && (await isMountPoint(real))) {
    throw new OutputError(
      `the output folder ${named} is a mount point; a build swaps the new site in by renaming folders, which cannot move a mount point, so nothing was changed: mount the folder above it instead, or build into a folder inside the mount`,
    );
  }
  return real;
}

async function isMountPoint(dir: string): Promise<boolean> {
  const parent = path.dirname(dir);
  if (parent === dir) return true;
  return (await stat(dir)).dev !== (await stat(parent)).dev;
}

/** True when `child` is strictly inside `parent` (both absolute, normalised). */
function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/** True while a process with this id runs (or exists but belongs to another user). */
export function processAlive(pid: number): boolean {
  // 0 and negative ids name process groups; larger ids than a pid_t holds exist nowhere.
  if (!Number.isInteger(pid) || pid <= 0 || pid > 2 ** 31 - 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

const SIBLING = /^(?<kind>staging|old)-(?<pid>[1-9]\d{0,9})$/;

/**
 * Removes what killed builds left beside `output` (its real path): `<output>.staging-<pid>`
 * and `<output>.old-<pid>` folders whose process is gone (or is this one: the caller holds
 * the build lock and has not made its own yet), and only when they are ours: a folder that
 * carries the marker, or a previous build, or an empty one. Anything else with such a name is
 * left alone. When the output itself is missing (a build killed between its two renames), the
 * newest `.old` folder is renamed back instead, so the previous site is not lost.
 */
export async function removeStaleSiblings(output: string): Promise<string[]> {
  const parent = path.dirname(output);
  const prefix = `${path.basename(output)}.`;
  const stale: { dir: string; kind: string; mtime: number }[] = [];
  for (const name of await readdir(parent)) {
    if (!name.startsWith(prefix)) continue;
    const match = SIBLING.exec(name.slice(prefix.length));
    if (!match?.groups) continue;
    const pid = Number(match.groups.pid);
    if (pid !== process.pid && processAlive(pid)) continue;
    const dir = path.join(parent, name);
    const info = await lstat(dir).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    const state = await describeFolder(dir);
    if (state.kind !== "build" && state.kind !== "empty") continue;
    stale.push({ dir, kind: match.groups.kind!, mtime: info.mtimeMs });
  }
  const removed: string[] = [];
  const olds = stale.filter((s) => s.kind === "old").sort((a, b) => b.mtime - a.mtime);
  if (olds.length && !existsSync(output)) {
    const newest = olds[0]!;
    if ((await describeFolder(newest.dir)).kind === "build") {
      await rename(newest.dir, output);
      stale.splice(stale.indexOf(newest), 1);
    }
  }
  for (const s of stale) {
    try {
      await rm(s.dir, { recursive: true, force: true, maxRetries: 3 });
      removed.push(s.dir);
    } catch (error) {
      // Not worth failing this build for: said, and tried again by the next one.
      console.error(`build: could not remove ${s.dir} (${(error as Error).message})`);
    }
  }
  return removed;
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * A sentence for a file-system error met while preparing `dir` (the folder the output sits
 * in), or undefined when it is not one staff can fix by choosing or freeing a folder.
 */
export function folderProblem(error: unknown, dir: string): OutputError | undefined {
  const why: Record<string, string> = {
    EACCES: `cannot write in ${dir} (permission denied)`,
    EPERM: `cannot write in ${dir} (not permitted)`,
    EROFS: `cannot write in ${dir}: it is on a read-only file system`,
    ENOSPC: `no space left on the disk holding ${dir}`,
    EDQUOT: `the disk quota for ${dir} is used up`,
    ENOTDIR: `${dir} is not a folder (part of its path is a file)`,
  };
  const sentence = why[errorCode(error) ?? ""];
  if (!sentence) return undefined;
  return new OutputError(
    `${sentence}: the build writes the new site beside the output folder and swaps it in, so that folder must be writable`,
  );
}
