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
import { contentFileKind } from "../content/files.ts";
import { APP_DIR } from "./build.ts";

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

/**
 * Watches the library's content/ and _data/ and Almanac's layouts/; calls `changed` with
 * each file (relative to the library's folder) and what it needs: a rebuild of the
 * content, a complete build (library.yaml, a picture), or one without kept rows (a layout).
 */
export function startWatching(
  root: string,
  changed: (file: string, kind: "content" | "fresh" | "layout") => void,
): { ready: Promise<unknown>; close(): void } {
  const ignored = (rel: string) => contentFileKind(path.posix.basename(rel)) === "ignored";
  const content = watchTree(path.join(root, "content"), (rel) => {
    const kind = contentFileKind(path.posix.basename(rel));
    if (kind !== "ignored") changed(`content/${rel}`, kind === "image" ? "fresh" : "content");
  });
  const data = watchTree(path.join(root, "_data"), (rel) => {
    if (rel === "library.yaml") changed("_data/library.yaml", "fresh");
    // A library's interface text (src/i18n/library-strings.ts) shows on every page.
    else if (/^strings\/[^/]+\.ya?ml$/.test(rel)) changed(`_data/${rel}`, "fresh");
  });
  const layouts = watchTree(path.join(APP_DIR, "layouts"), (rel) => {
    if (!ignored(rel)) changed(`layouts/${rel}`, "layout");
  });
  // content/ or _data/ made, removed or put back as a whole.
  let top: FSWatcher | undefined;
  try {
    top = watch(root, (_event, name) => {
      if (name !== "content" && name !== "_data") return;
      (name === "content" ? content : data).rescan();
      changed(`${name}/`, "fresh");
    });
    top.on("error", () => undefined);
  } catch {
    // The library's folder itself is gone: nothing to rebuild.
  }
  return {
    ready: Promise.all([content.ready, data.ready, layouts.ready]),
    close() {
      for (const w of [content, data, layouts]) w.close();
      top?.close();
    },
  };
}
