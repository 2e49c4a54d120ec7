// Listing and reading the library's files: every entry under `content/` is looked at once,
// so what the build would silently skip, and what it must never read, is reported before
// anything is parsed. The rules (docs/content.md, "Files Almanac reads"):
//
// - `content/` must exist and be a folder.
// - `content/<kind>/<id>.md` (kind: programs, partners, guides, pages) are the content files.
// - Images (by extension) may be anywhere under `content/`, as front matter names them
//   relative to it; `content/images/` may hold anything.
// - Any other file gets a warning naming it (`chess.MD`, `programs/sub/x.md`, a folder
//   `content/events/` with files in it, `notes.txt` beside the programs), except hidden
//   files and editor or system leftovers (`.DS_Store`, `.x.md.swp`, `x.md~`, `#x.md#`,
//   `Thumbs.db`, `desktop.ini`), which are skipped silently.
// - A symbolic link (`content` itself, anything under it, `_data/library.yaml`) must resolve
//   inside the site's folder: one that points elsewhere, nowhere, in a loop, or at a folder
//   holding `content/` is an error naming it, so a build (of a pull request, on a machine
//   with other files on it) never reads, prints or publishes a file from outside the site.
//   Links inside are followed.
// - Anything that is not a regular file or a folder (a named pipe, a device, a socket) is
//   an error and is never opened: a pipe would hang the build, `/dev/zero` never ends.
// - Each content file and `library.yaml` is read by ./read-file.ts: one larger than
//   MAX_FILE_BYTES is an error, not read; one that is not valid UTF-8 is read with U+FFFD
//   for the bad bytes and a warning.
import { statSync, type Dirent, type Stats } from "node:fs";
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "./model.ts";
import { errorText, problem, readTextFile, typeOf, type EntryType } from "./read-file.ts";
import { textVersion, type ContentCache } from "./cache.ts";

/** The folders of `content/` that hold Markdown content files, one kind each. */
export const KINDS = ["programs", "partners", "guides", "pages"] as const;
export type Kind = (typeof KINDS)[number];

/** One `content/<kind>/<id>.md` (or a translation, `<id>.<code>.md`), read. */
export interface ContentFile {
  kind: Kind;
  id: string;
  /** A translation's language code (`teen-coding-club.es.md`: `es`). */
  lang?: string;
  /** Relative to the root, with forward slashes. */
  file: string;
  text: string;
}

/** `<id>.<code>.md`: a translation (the code as `languages` writes codes). */
const TRANSLATION_NAME = /^([^.]+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;
const IMAGE = /\.(?:jpe?g|png|webp|avif|gif|svg|tiff?)$/i;
/** Hidden files and editor/OS leftovers: never read, never warned about. */
const JUNK = /^(?:\..*|.*~|#.*#|Thumbs\.db|desktop\.ini)$/i;

/** How a file under `content/` counts, by its name: a picture, ignored, or anything else. */
export function contentFileKind(name: string): "image" | "ignored" | "other" {
  if (JUNK.test(name)) return "ignored";
  return IMAGE.test(name) ? "image" : "other";
}
const KNOWN_FOLDERS = `content/${KINDS.join("/, ")}/ and images/`;

interface Walk {
  /** Real path of the site's folder: links must resolve inside it. */
  root: string;
  /** Real path of `content/`: a link to it, or to a folder holding it, would walk it again. */
  content: string;
  /** Real paths of folders already walked (links can make cycles). */
  seen: Set<string>;
  wanted: { kind: Kind; id: string; lang?: string; rel: string; abs: string }[];
  /** Unknown top-level folders with a file that is not an image: the first such file. */
  unknownFolders: Map<string, string>;
  problems: Problem[];
}

/**
 * Lists and reads `content/`: the content files, sorted by kind then name, and every
 * problem with the folder (see the rules above). Never throws for a content mistake.
 * With a `cache` (src/content/cache.ts), a file that `stat` says is unchanged is not read
 * again; the folder is still walked and checked in full.
 */
export async function readContentFolder(
  root: string,
  cache?: ContentCache,
): Promise<{ files: ContentFile[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const contentDir = path.join(root, "content");
  let info: Stats;
  try {
    info = await stat(contentDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ELOOP") throw error;
    problems.push(
      problem(
        "error",
        "content/",
        "folder not found: every site needs content/ (programs/, partners/, guides/, pages/, images/); run the command in the site's folder",
      ),
    );
    return { files: [], problems };
  }
  if (!info.isDirectory()) {
    problems.push(
      problem(
        "error",
        "content/",
        `not a folder: content/ must be a folder holding ${KNOWN_FOLDERS}`,
      ),
    );
    return { files: [], problems };
  }
  const realRoot = await realpath(root);
  const realContent = await realpath(contentDir);
  if (!isWithin(realContent, realRoot)) {
    problems.push(
      problem(
        "error",
        "content/",
        `symbolic link to ${realContent}, outside the site's folder: run the command with --root set to the folder that holds the content instead`,
      ),
    );
    return { files: [], problems };
  }
  const known = await Promise.all(
    [...KINDS, "images"].map((name) => realpath(path.join(contentDir, name)).catch(() => "")),
  );
  const walk: Walk = {
    root: realRoot,
    content: realContent,
    seen: new Set([realContent, ...known.filter(Boolean)]),
    wanted: [],
    unknownFolders: new Map(),
    problems,
  };
  await walkFolder(walk, contentDir, "content", []);
  for (const [folder, file] of walk.unknownFolders) {
    problems.push(
      problem(
        "warning",
        `content/${folder}/`,
        `folder not read: ${file} and everything else in it but images is not published; Almanac reads ${KNOWN_FOLDERS}`,
      ),
    );
  }

  const read = new Array<ContentFile | undefined>(walk.wanted.length);
  const keep = (i: number, text: string) => {
    const { kind, id, lang, rel } = walk.wanted[i]!;
    read[i] = { kind, id, ...(lang && { lang }), file: rel, text };
  };
  // A preview's reload (every edit): the files unchanged since the last load are known by
  // one synchronous stat each, a few milliseconds for a thousand, where a promise a file
  // on libuv's threads took several times as long; the others are read below.
  const unread: number[] = [];
  for (let i = 0; i < walk.wanted.length; i++) {
    const known = cache ? knownText(walk.wanted[i]!.abs, problems, cache) : false;
    if (known === false) unread.push(i);
    else keep(i, known);
  }
  // Bounded concurrency: 20,000 files opened at once exhaust file descriptors (EMFILE).
  let next = 0;
  const worker = async () => {
    while (next < unread.length) {
      const i = unread[next++]!;
      const { rel, abs } = walk.wanted[i]!;
      const text = cache
        ? await readCachedTextFile(abs, rel, problems, cache)
        : await readTextFile(abs, rel, problems);
      if (text !== undefined) keep(i, text);
    }
  };
  await Promise.all(Array.from({ length: Math.min(32, unread.length) }, worker));
  if (cache) {
    // Files gone since the last load are forgotten.
    const kept = new Set(walk.wanted.map((w) => w.abs));
    for (const abs of cache.texts.keys()) {
      if (!kept.has(abs) && abs.startsWith(contentDir + path.sep)) cache.texts.delete(abs);
    }
  }
  const files = read.filter((f): f is ContentFile => f !== undefined);
  const order = (f: ContentFile) => KINDS.indexOf(f.kind);
  files.sort((a, b) => order(a) - order(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, problems };
}

/** `inside` is `base` or under it. */
function isWithin(inside: string, base: string): boolean {
  const rel = path.relative(base, inside);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

async function walkFolder(walk: Walk, abs: string, rel: string, parts: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch (error) {
    walk.problems.push(problem("error", `${rel}/`, `cannot be read: ${errorText(error)}`));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const entryAbs = path.join(abs, entry.name);
    const entryRel = `${rel}/${entry.name}`;
    let type = typeOf(entry);
    let real: string | undefined;
    if (entry.isSymbolicLink()) {
      const followed = await followLink(walk, entryAbs, entryRel);
      if (!followed) continue;
      ({ type, real } = followed);
    }
    // A linked folder is walked once, and never when it is content/ or one of its known
    // folders (walked as themselves): links may lead in circles.
    const knownTop = parts.length === 0 && [...KINDS, "images"].includes(entry.name);
    if (real !== undefined && type === "folder" && !knownTop) {
      if (walk.seen.has(real)) continue;
      walk.seen.add(real);
    }
    if (typeof type === "object") {
      walk.problems.push(
        problem(
          "error",
          entryRel,
          `not a regular file (${type.other}): Almanac never reads it; delete it or replace it with a file`,
        ),
      );
    } else if (type === "folder") {
      if (parts.length === 1 && KINDS.includes(parts[0] as Kind) && entry.name.endsWith(".md")) {
        walk.problems.push(
          problem(
            "error",
            entryRel,
            `is a folder, not a file: a ${singular(parts[0]!)} is one file ${entryRel}; rename or remove the folder`,
          ),
        );
      }
      await walkFolder(walk, entryAbs, entryRel, [...parts, entry.name]);
    } else {
      classifyFile(walk, parts, entry.name, entryRel, entryAbs);
    }
  }
}

/** Resolves a link; undefined (and a problem) when it points outside the site or nowhere. */
async function followLink(
  walk: Walk,
  abs: string,
  rel: string,
): Promise<{ real: string; type: EntryType } | undefined> {
  let real: string;
  try {
    real = await realpath(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === "ELOOP" ? "a loop of links" : "nothing (its target does not exist)";
    walk.problems.push(
      problem("error", rel, `symbolic link to ${what}: fix the link or delete it`),
    );
    return undefined;
  }
  if (!isWithin(real, walk.root)) {
    walk.problems.push(
      problem(
        "error",
        rel,
        `symbolic link to ${real}, outside the site's folder: links may only point inside it; copy the file into content/ instead`,
      ),
    );
    return undefined;
  }
  if (isWithin(walk.content, real)) {
    walk.problems.push(
      problem(
        "error",
        rel,
        `symbolic link to ${real}, a folder that holds content/ itself: delete the link`,
      ),
    );
    return undefined;
  }
  return { real, type: typeOf(await stat(abs)) };
}

function singular(kind: string): string {
  return kind.replace(/s$/, "");
}

/** Decides what a file under `content/` is: wanted, allowed, junk, or ignored with a warning. */
function classifyFile(walk: Walk, parts: string[], name: string, rel: string, abs: string): void {
  if (JUNK.test(name)) return;
  const top = parts[0];
  const inKind = parts.length === 1 && KINDS.includes(top as Kind);
  if (inKind && name.endsWith(".md")) {
    // `<id>.<code>.md` is a translation of `<id>.md` (checked in src/content/translations.ts).
    const translation = TRANSLATION_NAME.exec(name);
    if (translation)
      walk.wanted.push({ kind: top as Kind, id: translation[1]!, lang: translation[2]!, rel, abs });
    else walk.wanted.push({ kind: top as Kind, id: name.slice(0, -3), rel, abs });
    return;
  }
  if (top === "images" && !/\.md$/i.test(name)) return;
  if (IMAGE.test(name)) return;
  if (top !== undefined && !KINDS.includes(top as Kind) && top !== "images") {
    if (!walk.unknownFolders.has(top)) walk.unknownFolders.set(top, rel);
    return;
  }
  const md = /\.md$/i.test(name);
  let why: string;
  if (inKind && md) {
    why = `the name must end in .md in lowercase: rename it ${name.slice(0, -3)}.md`;
  } else if (inKind) {
    why = `only .md files in content/${top}/ are read (and images)`;
  } else if (top === undefined) {
    why = md
      ? `Markdown files directly in content/ are not published: move it into content/programs/ (or partners/, guides/, pages/)`
      : `only ${KNOWN_FOLDERS} are read`;
  } else if (top === "images") {
    why = `Markdown files in content/images/ are not published: move it into content/pages/ (or programs/, partners/, guides/)`;
  } else {
    why = md
      ? `files in subfolders of content/${top}/ are not published: move it to content/${top}/${name}`
      : `only .md files directly in content/${top}/ are read (and images)`;
  }
  walk.problems.push(problem("warning", rel, `file not read: ${why}`));
}

/** What identifies a file's text between loads: it changes whenever the text may have. */
const textKey = (s: Stats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

/**
 * The text `cache` holds for the file at `abs` when the file is unchanged since it was read
 * (its problems added to `problems`), or false: the file must be read (`readCachedTextFile`),
 * which reports any error. Synchronous: one call a file, no promise.
 */
function knownText(abs: string, problems: Problem[], cache: ContentCache): string | false {
  const known = cache.texts.get(abs);
  if (!known) return false;
  let stats: Stats | undefined;
  try {
    stats = statSync(abs, { throwIfNoEntry: false });
  } catch {
    return false; // reading it says what is wrong
  }
  if (!stats || textKey(stats) !== known.key) return false;
  problems.push(...known.problems);
  return known.text;
}

/**
 * `readTextFile` through `cache`: the text read last time when `stat` says the file is the
 * same one, unchanged (same device, inode, size, modification and change times), with the
 * problems reading it gave; else read again and remembered.
 */
export async function readCachedTextFile(
  abs: string,
  rel: string,
  problems: Problem[],
  cache: ContentCache,
): Promise<string | undefined> {
  const key = await stat(abs).then(textKey, () => undefined);
  const known = key === undefined ? undefined : cache.texts.get(abs);
  if (known && known.key === key) {
    problems.push(...known.problems);
    return known.text;
  }
  cache.stats.read++;
  const own: Problem[] = [];
  const text = await readTextFile(abs, rel, own);
  problems.push(...own);
  if (text === undefined || key === undefined) cache.texts.delete(abs);
  else cache.texts.set(abs, { key, text, problems: own, version: textVersion(text) });
  return text;
}

/**
 * Reads a file of the site such as `_data/library.yaml` (`rel`, relative to `root`) like
 * `readTextFile`, after checking that it does not lead outside the site's folder.
 */
export async function readSiteFile(
  root: string,
  rel: string,
  problems: Problem[],
  cache?: ContentCache,
): Promise<string | undefined> {
  const abs = path.join(root, rel);
  let real: string;
  try {
    real = await realpath(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !(await isLink(abs))) return undefined;
    const what = code === "ELOOP" ? "a loop of links" : "nothing (its target does not exist)";
    problems.push(problem("error", rel, `symbolic link to ${what}: fix the link or delete it`));
    return undefined;
  }
  if (!isWithin(real, await realpath(root))) {
    problems.push(
      problem(
        "error",
        rel,
        `symbolic link to ${real}, outside the site's folder: links may only point inside it; copy the file into ${path.posix.dirname(rel)}/ instead`,
      ),
    );
    return undefined;
  }
  return cache ? readCachedTextFile(abs, rel, problems, cache) : readTextFile(abs, rel, problems);
}

async function isLink(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isSymbolicLink();
  } catch {
    return false;
  }
}

