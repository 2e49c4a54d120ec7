// The disk cache shared by responsive images, social cards and icons (eleventy-img's
// model): an entry is a folder `<cacheDir>/<key>/`, the key a hash of the input bytes and of
// every setting that shapes the output, so an unchanged rebuild produces nothing. Entries are
// written aside and renamed into place, and published files are placed by link and rename,
// so no build (or reader) ever sees half of one.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** sha256 of the input bytes and the JSON of everything else that shapes the output. */
export function cacheKey(input: Buffer | string, settings: unknown): string {
  return createHash("sha256")
    .update(input)
    .update("\0")
    .update(JSON.stringify(settings))
    .digest("hex");
}

/** Entries being produced in this process, by folder: one producer per entry at a time. */
const inFlight = new Map<string, Promise<string | undefined>>();

/**
 * Ensures `<cacheDir>/<key>/` holds the outputs. On a miss, `produce` writes them into a
 * private temporary folder that is then renamed into place, so an interrupted build never
 * leaves a half-written entry that a later build would trust; an entry `isComplete` rejects
 * is produced again. Within a process, callers asking for an entry that is being produced
 * wait for that one producer (two copies of a picture, two programs with the same card);
 * across processes the first rename wins and the others use its entry. Returns the entry's
 * folder on a hit, `undefined` after producing it (or waiting for its producer).
 */
export function withDiskCache(
  cacheDir: string,
  key: string,
  produce: (dir: string) => Promise<void>,
  isComplete: (dir: string) => Promise<boolean> = async () => true,
): Promise<string | undefined> {
  const dir = path.resolve(cacheDir, key);
  let job = inFlight.get(dir);
  if (!job) {
    job = fillEntry(path.resolve(cacheDir), key, dir, produce, isComplete).finally(() =>
      inFlight.delete(dir),
    );
    inFlight.set(dir, job);
  }
  return job;
}

async function fillEntry(
  cacheDir: string,
  key: string,
  dir: string,
  produce: (dir: string) => Promise<void>,
  isComplete: (dir: string) => Promise<boolean>,
): Promise<string | undefined> {
  const temp = (what: string) =>
    path.join(
      cacheDir,
      `.${what}-${key.slice(0, 8)}-${process.pid}-${randomBytes(4).toString("hex")}`,
    );
  if (await exists(dir)) {
    if (await isComplete(dir)) return dir;
    // Moved aside first, so no other build ever sees a half-removed entry under its name.
    const stale = temp("stale");
    await fs.rename(dir, stale).catch(() => {});
    await fs.rm(stale, { recursive: true, force: true });
  }
  await fs.mkdir(cacheDir, { recursive: true });
  const tmp = temp("tmp");
  await fs.mkdir(tmp);
  try {
    await produce(tmp);
    await fs.rename(tmp, dir);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    // Another build finished the same entry first: theirs is as good.
    if (isCode(err, "ENOTEMPTY") || isCode(err, "EEXIST")) {
      if ((await exists(dir)) && (await isComplete(dir))) return undefined;
    }
    throw err;
  }
  return undefined;
}

/**
 * Puts a cached file at `to`: a hard link when possible (no copy, no extra disk), a copy
 * across file systems. A file that already is that link is left alone; anything else at
 * `to` is replaced in one rename, so a reader (or a second caller placing the same file)
 * never sees it missing or half-copied.
 */
export async function placeFile(from: string, to: string): Promise<void> {
  // Nothing at `to` yet, as in a build's fresh folder (1,400 social cards at 2,000
  // programs): one link, where the steps below take five more system calls a file.
  try {
    await fs.link(from, to);
    return;
  } catch {
    // Something is there already, its folder is missing, or no hard links here: below.
  }
  const [src, dst] = await Promise.all([fs.stat(from), fs.stat(to).catch(() => undefined)]);
  if (dst && dst.ino === src.ino && dst.dev === src.dev) return;
  await fs.mkdir(path.dirname(to), { recursive: true });
  const tmp = `${to}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await fs.link(from, tmp).catch(() => fs.copyFile(from, tmp));
    await fs.rename(tmp, to);
  } finally {
    // Gone after a rename, except when `to` had meanwhile become the same link (a second
    // placement of this file): POSIX then leaves both names.
    await fs.rm(tmp, { force: true });
  }
}

export async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === code;
}
