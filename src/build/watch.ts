// Watching a folder and everything under it, for `npm start`: one `fs.watch` per folder,
// not Node's `recursive` option. On Linux, Node 20 implements `recursive` by watching the
// files themselves, and an editor that saves by writing a new file and renaming it over
// the old one (vim, sed -i, many IDEs) leaves the watch on the old file: the next saves go
// unseen. A folder's own watch reports every entry made, changed, renamed or removed in
// it, however it was saved. Folders made later are watched as they appear; removed ones
// drop out.
import { watch, type FSWatcher } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

/** Deepest folder watched below the top one (content/ is two levels deep). */
const MAX_DEPTH = 8;

export interface TreeWatcher {
  /** Resolves when every folder there was at the start is watched. */
  ready: Promise<void>;
  /** Looks at the top folder again (it was made, or put back, after watching began). */
  rescan(): void;
  close(): void;
}

/**
 * Calls `changed(rel)` (the entry's path relative to `dir`, with `/`) for every entry made,
 * changed, renamed or removed under `dir`, at any depth (links to folders followed once).
 */
export function watchTree(dir: string, changed: (rel: string) => void): TreeWatcher {
  /** Folder -> its watch, and the folder's identity (a folder put back is a new one). */
  const watched = new Map<string, { watcher: FSWatcher; real: string; ino: number }>();
  let closed = false;

  const add = async (folder: string, depth: number): Promise<void> => {
    if (closed || depth > MAX_DEPTH) return;
    let real: string;
    let ino: number;
    try {
      real = await realpath(folder);
      const info = await stat(real);
      if (!info.isDirectory()) return drop(folder);
      ino = info.ino;
    } catch {
      return drop(folder);
    }
    const known = watched.get(folder);
    if (known && known.ino === ino && known.real === real) return;
    drop(folder);
    // A link back up the tree would be watched without end.
    if ([...watched.values()].some((w) => w.real === real)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => {
        if (!name) return;
        const entry = path.join(folder, String(name));
        changed(path.relative(dir, entry).split(path.sep).join("/"));
        // A folder made, moved in, removed or put back is watched (or dropped) accordingly.
        void add(entry, depth + 1);
      });
    } catch {
      return;
    }
    watcher.on("error", () => drop(folder));
    watched.set(folder, { watcher, real, ino });
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries
        .filter((e) => e.isDirectory() || e.isSymbolicLink())
        .map((e) => add(path.join(folder, e.name), depth + 1)),
    );
  };

  const drop = (folder: string) => {
    const known = watched.get(folder);
    if (!known) return;
    watched.delete(folder);
    known.watcher.close();
    // What was under it is gone with it.
    for (const inner of [...watched.keys()]) {
      if (inner.startsWith(folder + path.sep)) drop(inner);
    }
  };

  const ready = add(dir, 0);
  return {
    ready,
    rescan: () => void add(dir, 0),
    close() {
      closed = true;
      for (const folder of [...watched.keys()]) drop(folder);
    },
  };
}
