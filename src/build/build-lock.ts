// One build at a time into one output folder. Two builds swapping into the same folder
// would trip over each other's renames (ENOTEMPTY, a left-over `.old` folder), so a build
// holds `<output>.lock` (created exclusively, holding its process id) from before it cleans
// up until after its swap; a second build waits for it, saying which process it waits for.
// A lock whose process is gone (a build killed with kill -9, a machine that lost power) is
// taken over.
import { randomUUID } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { errorCode, processAlive } from "./output-folder.ts";

/** How often a waiting build looks at the lock again. */
const POLL_MS = 150;
/** A lock file still empty or unreadable after this long was left by a crash mid-write. */
const UNREADABLE_STALE_MS = 5_000;

interface LockData {
  pid: number;
  token: string;
  started: string;
}

/** Lock files this process holds, so a lock naming this process is told from a stale one. */
const held = new Set<string>();

export interface BuildLock {
  readonly file: string;
  /** Waits to hold the lock again if another build took it over meanwhile (see `takeOver`). */
  confirm(): Promise<void>;
  release(): Promise<void>;
  /** For signal handlers, which cannot wait. */
  releaseSync(): void;
}

/**
 * Takes the lock for `output` (its real path), waiting while a live build holds it.
 * `onWait(pid)` is called once per build waited for.
 */
export async function acquireBuildLock(
  output: string,
  onWait: (pid: number) => void,
): Promise<BuildLock> {
  const file = `${output}.lock`;
  const token = randomUUID();
  const text = `${JSON.stringify({ pid: process.pid, token, started: new Date().toISOString() } satisfies LockData)}\n`;
  const ours = (body: string | undefined) => body !== undefined && parse(body)?.token === token;

  const take = async (): Promise<void> => {
    let waitedFor: number | undefined;
    for (;;) {
      try {
        await writeFile(file, text, { flag: "wx" });
        held.add(file);
        return;
      } catch (error) {
        if (errorCode(error) !== "EEXIST") throw error;
      }
      const body = await readFile(file, "utf8").catch(() => undefined);
      if (body === undefined) continue; // released between the two calls
      const owner = parse(body);
      if (owner ? isStale(owner.pid, file) : await unreadableForLong(file)) {
        await takeOver(file, body);
        continue;
      }
      if (owner && owner.pid !== waitedFor) {
        waitedFor = owner.pid;
        onWait(owner.pid);
      }
      await sleep(POLL_MS);
    }
  };

  await take();
  return {
    file,
    async confirm() {
      if (!ours(await readFile(file, "utf8").catch(() => undefined))) {
        held.delete(file);
        await take();
      }
    },
    async release() {
      held.delete(file);
      if (ours(await readFile(file, "utf8").catch(() => undefined)))
        await rm(file, { force: true });
    },
    releaseSync() {
      held.delete(file);
      let body: string | undefined;
      try {
        body = readFileSync(file, "utf8");
      } catch {
        return;
      }
      if (ours(body)) unlinkSync(file);
    },
  };
}

function parse(body: string): LockData | undefined {
  try {
    const data = JSON.parse(body) as Partial<LockData>;
    return Number.isSafeInteger(data.pid) && typeof data.token === "string"
      ? (data as LockData)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A lock naming this process that it does not hold is left from before (a reused id). */
function isStale(pid: number, file: string): boolean {
  if (pid === process.pid) return !held.has(file);
  return !processAlive(pid);
}

async function unreadableForLong(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > UNREADABLE_STALE_MS;
}

/**
 * Removes a stale lock whose text is `staleBody`. It is first renamed aside: if another
 * build took it over meanwhile, what was renamed is that build's live lock, which is put
 * back. (Should a third build have locked in the instant between, two builds would think
 * they hold it: each `confirm`s before its swap, so only one swaps at a time.)
 */
async function takeOver(file: string, staleBody: string): Promise<void> {
  const aside = `${file}.stale-${process.pid}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw error;
  }
  const body = await readFile(aside, "utf8").catch(() => undefined);
  if (body !== undefined && body !== staleBody) await rename(aside, file);
  else await rm(aside, { force: true });
}
