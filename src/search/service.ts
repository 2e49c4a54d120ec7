// Pagefind's Node API runs one indexing service (a child process) per Node process, shared
// by every index created in it, and `close()` ends it for all of them. Builds that run at
// once in one process (tests, a library's own scripts) each hold an index: each releases
// its own (`deleteIndex`), and the service is closed when the last one is released, so the
// process can exit. The count mirrors Pagefind's own process-wide service; it is the one
// piece of module state in `src/`, and it holds no build's data.
import type { PagefindIndex } from "pagefind";

let open = 0;
/** The service being ended: a new index waits for it, then starts a new service. */
let closing: Promise<unknown> = Promise.resolve();

/** A new index with one forced language; release it with `releaseIndex`. */
export async function createIndex(language: string | undefined): Promise<PagefindIndex> {
  const pagefind = await import("pagefind");
  open++;
  try {
    await closing;
    // No language: each page in its `<html lang>`'s index (a site in several languages).
    const { index, errors } = await pagefind.createIndex(
      language === undefined ? {} : { forceLanguage: language },
    );
    if (!index) throw new Error(`[almanac/search] Pagefind could not start: ${errors.join("; ")}`);
    return index;
  } catch (error) {
    await release();
    throw error;
  }
}

const released = new WeakSet<PagefindIndex>();

/** Forgets `index` in the service, and ends the service when no index is left. Idempotent. */
export async function releaseIndex(index: PagefindIndex): Promise<void> {
  if (released.has(index)) return;
  released.add(index);
  try {
    await index.deleteIndex();
  } catch {
    // The service may already be gone (it crashed, or a failed build closed it).
  }
  await release();
}

async function release(): Promise<void> {
  open = Math.max(0, open - 1);
  if (open === 0) {
    const pagefind = await import("pagefind");
    if (open === 0) await (closing = pagefind.close());
  }
}
