// What `npm run build` may do to the folders around it (issue 13). It never replaces a
// folder that is not a previous build of its own (the library, a folder holding it,
// content/, someone's files); when it is stopped (a signal, kill -9, a full disk) it leaves
// the previous site byte-identical and nothing of its own behind, or the next build removes
// it; one build at a time swaps into one output; a symlinked output stays a symlink; a
// read-only folder is one line. Real builds in child processes, as staff run them; faults
// at a known moment come from test/helpers/build-faults.mjs, signals and kill -9 are real.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import {
  chmod,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { MARKER, markerText } from "../src/build/output-folder.ts";
import { REPO } from "./helpers/site.ts";

const FIXTURE = path.join(REPO, "test/fixtures/basic");
const NOW = "2026-11-28T10:00";
const FAULTS = pathToFileURL(path.join(REPO, "test/helpers/build-faults.mjs")).href;
const VERSION = (
  JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8")) as {
    version: string;
  }
).version;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Builds still running: a test that fails midway must not leave one behind. */
const running = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
});

/** Starts `node scripts/cli.mjs <command> ...args` (with the fault preload when `faults` is given). */
function start(args: string[], faults?: Record<string, string>, command = "build") {
  const child = spawn(
    process.execPath,
    [...(faults ? ["--import", FAULTS] : []), "scripts/cli.mjs", command, ...args],
    {
      cwd: REPO,
      // The search index only where a test is about its process (stopping a build).
      env: { ...process.env, ALMANAC_NOW: NOW, ALMANAC_SEARCH: "off", ...faults },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  running.add(child);
  const done = new Promise<Ended>((resolve) =>
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  let ended = false;
  void done.then(() => (ended = true));
  return {
    pid: child.pid!,
    child,
    done,
    /** Resolves once the build printed `text` on stderr; throws if it ended first. */
    async printed(text: string): Promise<void> {
      while (!stderr.includes(text)) {
        if (ended) throw new Error(`the build ended without printing "${text}":\n${stderr}`);
        await sleep(20);
      }
    },
  };
}

const build = (args: string[], faults?: Record<string, string>) => start(args, faults).done;

/** A library in a temp folder as a working copy holds it: git, package.json, staff notes. */
async function newLibrary(): Promise<{ tmp: string; root: string }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "almanac-safety-"));
  const root = path.join(tmp, "lib");
  // Without the image cache other tests' builds of the fixture may have left beside it, so that
  // each test starts as a clean clone does.
  await cp(FIXTURE, root, { recursive: true, filter: (src) => !src.includes(`${path.sep}.cache`) });
  await mkdir(path.join(root, ".git"));
  await writeFile(path.join(root, ".git/HEAD"), "ref: refs/heads/main\n");
  await writeFile(path.join(root, "package.json"), "{}\n");
  await writeFile(path.join(root, "notes.md"), "Uncommitted work.\n");
  return { tmp, root };
}

/** A previous site as a build leaves it (small, but marked). */
async function previousSite(dir: string): Promise<void> {
  await mkdir(path.join(dir, "programs"), { recursive: true });
  await writeFile(path.join(dir, "index.html"), "the previous site");
  await writeFile(path.join(dir, "programs/old.html"), "an old page");
  await writeFile(path.join(dir, MARKER), markerText(VERSION, "2026-11-27T10:00:00.000-06:00"));
}

/** Every entry under `dir`: folders, symlinks (their target) and files (a hash of the bytes). */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(dir, r);
      if (e.isSymbolicLink()) out[r] = `-> ${await readlink(full)}`;
      else if (e.isDirectory()) {
        out[`${r}/`] = "folder";
        await walk(r);
      } else
        out[r] = createHash("sha256")
          .update(await readFile(full))
          .digest("hex");
    }
  };
  await walk("");
  return out;
}

/** The names in `dir`, leaving out the image cache (`.cache/`), which a build may start. */
const ls = async (dir: string) => (await readdir(dir)).filter((n) => n !== ".cache").sort();
const lines = (text: string) => text.trim().split("\n");
/** The id of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

/** The folders a build writes beside its output, which it must never leave behind. */
const BESIDE = /\.(staging|old)-\d+$|\.lock$/;

describe("the output folder", () => {
  const refusals: [string, string, (lib: string) => Promise<void>, string][] = [
    [
      "the library's own folder (`--output .`)",
      "lib",
      async () => {},
      "build: the output folder <tmp>/lib is the library's own folder; a build replaces its output folder whole, so nothing was changed: choose a folder of its own, such as <tmp>/lib/_site",
    ],
    [
      "a folder holding the library",
      "",
      async () => {},
      "build: the output folder <tmp> holds the library's folder <tmp>/lib; a build replaces its output folder whole, so nothing was changed: choose a folder of its own, such as <tmp>/lib/_site",
    ],
    [
      "content/",
      "lib/content",
      async () => {},
      "build: the output folder <tmp>/lib/content is the library's content/ folder; a build replaces its output folder whole, so nothing was changed: choose a folder of its own, such as <tmp>/lib/_site",
    ],
    [
      "a new folder inside content/",
      "lib/content/site",
      async () => {},
      "build: the output folder <tmp>/lib/content/site is inside the library's content/ folder; a build replaces its output folder whole, so nothing was changed: choose a folder of its own, such as <tmp>/lib/_site",
    ],
    [
      "_data/",
      "lib/_data",
      async () => {},
      "build: the output folder <tmp>/lib/_data is the library's _data/ folder; a build replaces its output folder whole, so nothing was changed: choose a folder of its own, such as <tmp>/lib/_site",
    ],
    [
      "a folder of someone's files",
      "lib/public",
      async (lib) => {
        await mkdir(path.join(lib, "public"));
        await writeFile(path.join(lib, "public/flyer.pdf"), "%PDF");
      },
      "build: the output folder <tmp>/lib/public holds files that no Almanac build wrote (flyer.pdf); a build replaces its output folder whole, so nothing was changed: empty it or move it away, or choose another folder",
    ],
    [
      "a folder that looks like an old build but holds a git repository",
      "lib/_site",
      async (lib) => {
        await mkdir(path.join(lib, "_site/.git"), { recursive: true });
        for (const f of ["index.html", "programs.json", "manifest.webmanifest"]) {
          await writeFile(path.join(lib, "_site", f), "x");
        }
        await writeFile(path.join(lib, "_site/sw.js"), "// Almanac service worker for build 1.");
      },
      "build: the output folder <tmp>/lib/_site holds files that no Almanac build wrote (.git); a build replaces its output folder whole, so nothing was changed: empty it or move it away, or choose another folder",
    ],
    [
      "a file",
      "lib/notes.md",
      async () => {},
      "build: the output folder <tmp>/lib/notes.md is a file, not a folder; nothing was changed: choose a folder",
    ],
    [
      "a symlink to a folder of someone's files",
      "lib/_site",
      async (lib) => {
        await mkdir(path.join(lib, "../www"));
        await writeFile(path.join(lib, "../www/index.html"), "the web server's own page");
        await symlink("../www", path.join(lib, "_site"));
      },
      "build: the output folder <tmp>/lib/_site (a link to <tmp>/www) holds files that no Almanac build wrote (index.html); a build replaces its output folder whole, so nothing was changed: empty it or move it away, or choose another folder",
    ],
  ];

  it.each(refusals)(
    "refuses %s: one line, exit 1, nothing changed",
    async (_name, output, setup, message) => {
      const { tmp, root } = await newLibrary();
      await setup(root);
      const before = await tree(tmp);
      const result = await build(["--root", root, "--output", path.join(tmp, output)]);
      expect(result.stderr.replaceAll(tmp, "<tmp>").trim()).toBe(message);
      expect(result.code).toBe(1);
      expect(await tree(tmp)).toEqual(before);
    },
  );

  it("replaces a missing folder, an empty one, a previous build, and an unmarked build from before builds were marked", async () => {
    const { tmp, root } = await newLibrary();
    const out = path.join(root, "_site");
    const first = await build(["--root", root]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(out, MARKER), "utf8"))).toEqual({
      generator: "almanac",
      version: VERSION,
      built: "2026-11-28T10:00:00.000-06:00",
    });
    // As an earlier version left it: no marker, and a page since removed.
    await rm(path.join(out, MARKER));
    await writeFile(path.join(out, "removed-page.html"), "old");
    const second = await build(["--root", root]);
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(path.join(out, "removed-page.html"))).toBe(false);
    expect(existsSync(path.join(out, MARKER))).toBe(true);
    // A previous build (marked) is replaced.
    await writeFile(path.join(out, "removed-page.html"), "old");
    expect((await build(["--root", root])).code).toBe(0);
    expect(existsSync(path.join(out, "removed-page.html"))).toBe(false);
    // An empty folder is fine.
    const empty = path.join(tmp, "empty");
    await mkdir(empty);
    expect((await build(["--root", root, "--output", empty])).code).toBe(0);
    expect(existsSync(path.join(empty, "index.html"))).toBe(true);
    expect(await ls(tmp)).toEqual(["empty", "lib"]);
    expect((await ls(root)).filter((n) => BESIDE.test(n))).toEqual([]);
  });

  it("keeps a symlinked output a symlink: builds beside its target and replaces the target", async () => {
    const { tmp, root } = await newLibrary();
    await mkdir(path.join(tmp, "www"));
    await previousSite(path.join(tmp, "www/site"));
    await symlink("../www/site", path.join(root, "_site"));
    for (let i = 0; i < 2; i++) {
      const result = await build(["--root", root]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`into ${path.join(root, "_site")} in`);
      expect((await lstat(path.join(root, "_site"))).isSymbolicLink()).toBe(true);
      expect(await readlink(path.join(root, "_site"))).toBe("../www/site");
      expect(await readFile(path.join(tmp, "www/site/index.html"), "utf8")).toContain(
        "Riverside Public Library",
      );
      expect(existsSync(path.join(tmp, "www/site/programs/old.html"))).toBe(false);
      expect(await ls(path.join(tmp, "www"))).toEqual(["site"]);
      expect((await ls(root)).filter((n) => BESIDE.test(n))).toEqual([]);
    }
  });

  it("marks what `npm start` writes, so the next `npm run build` may replace it", async () => {
    const { tmp, root } = await newLibrary();
    const out = path.join(tmp, "dev");
    const dev = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "node_modules/@11ty/eleventy/cmd.cjs",
        "--config=eleventy.config.ts",
        `--output=${out}`,
      ],
      {
        cwd: REPO,
        env: { ...process.env, ALMANAC_ROOT: root, ALMANAC_NOW: NOW, ALMANAC_SEARCH: "off" },
        encoding: "utf8",
      },
    );
    expect(dev.status, dev.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(out, MARKER), "utf8"))).toMatchObject({
      generator: "almanac",
      version: VERSION,
    });
    expect((await build(["--root", root, "--output", out])).code).toBe(0);
  });
});

describe("a build that is stopped", () => {
  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "by %s removes its staging folder and lock, ends by the signal, and leaves the previous site byte-identical",
    async (signal) => {
      const { root } = await newLibrary();
      await previousSite(path.join(root, "_site"));
      const before = { site: await tree(path.join(root, "_site")), names: await ls(root) };
      const run = start(["--root", root], { ALMANAC_FAULT_HANG_AT: "5", ALMANAC_SEARCH: "on" });
      await run.printed("fault: hanging");
      expect(await ls(root)).toContain(`_site.staging-${run.pid}`);
      run.child.kill(signal);
      const ended = await run.done;
      expect(ended.signal).toBe(signal);
      expect(await ls(root)).toEqual(before.names);
      expect(await tree(path.join(root, "_site"))).toEqual(before.site);
    },
  );

  it("by kill -9 leaves folders the next build removes, and only those", async () => {
    const { tmp, root } = await newLibrary();
    await previousSite(path.join(root, "_site"));
    const run = start(["--root", root], { ALMANAC_FAULT_HANG_AT: "5", ALMANAC_SEARCH: "on" });
    await run.printed("fault: hanging");
    run.child.kill("SIGKILL");
    expect((await run.done).signal).toBe("SIGKILL");
    expect(await ls(root)).toEqual(
      expect.arrayContaining([`_site.staging-${run.pid}`, "_site.lock"]),
    );
    // Other leftovers: an `.old` folder of another dead build (removed), and what is not
    // ours to remove: a same-named folder without our marker, one of a live process, one
    // beside another output.
    const dead = deadPid();
    await previousSite(path.join(root, `_site.old-${dead}`));
    await mkdir(path.join(root, `_site.staging-${dead + 1}`));
    await writeFile(path.join(root, `_site.staging-${dead + 1}/mine.txt`), "not a build");
    await previousSite(path.join(root, `_site.old-${process.pid}`));
    await previousSite(path.join(root, `public.staging-${dead}`));
    const kept = [
      `_site.staging-${dead + 1}`,
      `_site.old-${process.pid}`,
      `public.staging-${dead}`,
    ];
    const keptBefore = await Promise.all(kept.map((k) => tree(path.join(root, k))));

    const next = await build(["--root", root]);
    expect(next.code, next.stderr).toBe(0);
    expect((await ls(root)).filter((n) => BESIDE.test(n))).toEqual([...kept].sort());
    expect(await Promise.all(kept.map((k) => tree(path.join(root, k))))).toEqual(keptBefore);
    expect(existsSync(path.join(root, "_site/index.html"))).toBe(true);
    expect(existsSync(path.join(root, "_site/programs/old.html"))).toBe(false);
    expect(await ls(tmp)).toEqual(["lib"]);
  });

  it("by kill -9 between the swap's two renames: the next build puts the previous site back first", async () => {
    const { root } = await newLibrary();
    await previousSite(path.join(root, "_site"));
    const before = await tree(path.join(root, "_site"));
    const never = path.join(root, "never");
    const run = start(["--root", root], { ALMANAC_FAULT_SWAP_PAUSE: never });
    await run.printed("fault: between renames");
    run.child.kill("SIGKILL");
    await run.done;
    expect(existsSync(path.join(root, "_site"))).toBe(false);
    expect(await ls(root)).toContain(`_site.old-${run.pid}`);
    // The next build fails (a full disk): the previous site is where it was.
    const next = await build(["--root", root], { ALMANAC_FAULT_FULL_AFTER: "3" });
    expect(next.code).toBe(1);
    expect(await tree(path.join(root, "_site"))).toEqual(before);
    expect((await ls(root)).filter((n) => BESIDE.test(n))).toEqual([]);
  });

  it("by a full disk (ENOSPC) prints one line, exits 1, removes its staging folder, leaves the previous site byte-identical", async () => {
    const { root } = await newLibrary();
    await previousSite(path.join(root, "_site"));
    const before = { site: await tree(path.join(root, "_site")), names: await ls(root) };
    const result = await build(["--root", root], {
      ALMANAC_FAULT_FULL_AFTER: "3",
      ALMANAC_SEARCH: "on",
    });
    expect(lines(result.stderr)).toEqual([
      "build: ENOSPC: no space left on device, write; the previous site was left as it was",
    ]);
    expect(result.code).toBe(1);
    expect(await ls(root)).toEqual(before.names);
    expect(await tree(path.join(root, "_site"))).toEqual(before.site);
  });
});

describe("two builds into one output", () => {
  async function reference(): Promise<Record<string, string>> {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "almanac-safety-ref-")), "_site");
    const result = await build(["--root", FIXTURE, "--output", out]);
    expect(result.code, result.stderr).toBe(0);
    return tree(out);
  }

  it("the second waits while the first is between its renames; both succeed, nothing left over", async () => {
    const expected = await reference();
    const { root } = await newLibrary();
    await previousSite(path.join(root, "_site"));
    const go = path.join(root, "../go");
    const first = start(["--root", root], { ALMANAC_FAULT_SWAP_PAUSE: go });
    await first.printed("fault: between renames");
    const second = start(["--root", root]);
    await second.printed(`build: waiting for the build in process ${first.pid} to finish`);
    await writeFile(go, "");
    const [a, b] = await Promise.all([first.done, second.done]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(a.stderr + b.stderr).not.toMatch(/ENOTEMPTY|^\s+at /m);
    expect((await ls(root)).filter((n) => BESIDE.test(n))).toEqual([]);
    expect(await tree(path.join(root, "_site"))).toEqual(expected);
  });

  it("started at the same moment: both succeed, the site is complete, nothing left over", async () => {
    const expected = await reference();
    const { root } = await newLibrary();
    await previousSite(path.join(root, "_site"));
    const [a, b] = await Promise.all([build(["--root", root]), build(["--root", root])]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect((await ls(root)).filter((n) => BESIDE.test(n))).toEqual([]);
    expect(await tree(path.join(root, "_site"))).toEqual(expected);
  });

  it("a lock of a process that is gone is taken over; a live one is waited for", async () => {
    const { root } = await newLibrary();
    const lock = path.join(root, "_site.lock");
    const held = (pid: number) =>
      writeFile(lock, JSON.stringify({ pid, token: "t", started: "2026-11-28T16:00:00Z" }));
    await held(deadPid());
    const taken = await build(["--root", root]);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).not.toContain("waiting");
    expect(existsSync(lock)).toBe(false);

    await previousSite(path.join(root, "_site"));
    const before = await tree(path.join(root, "_site"));
    await held(process.pid);
    const run = start(["--root", root]);
    await run.printed(`build: waiting for the build in process ${process.pid} to finish (${lock})`);
    await sleep(300);
    expect(await tree(path.join(root, "_site"))).toEqual(before);
    await rm(lock);
    const ended = await run.done;
    expect(ended.code, ended.stderr).toBe(0);
    expect(existsSync(path.join(root, "_site/programs/old.html"))).toBe(false);
    expect(existsSync(lock)).toBe(false);
  });
});

/**
 * Makes `dir` read-only for this process, for real: by its mode, or, as root (whom modes do
 * not stop), by the immutable attribute. Returns the function that undoes it.
 */
async function readOnly(dir: string): Promise<() => Promise<void>> {
  const writable = async () => {
    const probe = path.join(dir, ".probe");
    try {
      await writeFile(probe, "");
      await rm(probe);
      return true;
    } catch {
      return false;
    }
  };
  await chmod(dir, 0o555);
  if (!(await writable())) return () => chmod(dir, 0o755);
  const chattr = (flag: string) => spawnSync("chattr", [flag, dir], { encoding: "utf8" });
  const set = chattr("+i");
  if (set.status === 0 && !(await writable())) {
    return async () => {
      chattr("-i");
      await chmod(dir, 0o755);
    };
  }
  throw new Error(
    `cannot make ${dir} read-only here: chmod does not stop this user and chattr +i failed (${set.stderr || set.error})`,
  );
}

describe("a read-only folder", () => {
  it("above the output: one line naming it, exit 1, previous site byte-identical", async () => {
    const { tmp } = await newLibrary();
    const parent = path.join(tmp, "published");
    await previousSite(path.join(parent, "_site"));
    const before = await tree(parent);
    const undo = await readOnly(parent);
    try {
      const result = await build([
        "--root",
        path.join(tmp, "lib"),
        "--output",
        path.join(parent, "_site"),
      ]);
      expect(lines(result.stderr.replaceAll(tmp, "<tmp>"))).toEqual([
        expect.stringMatching(
          /^build: cannot write in <tmp>\/published( \(permission denied\)| \(not permitted\)|: it is on a read-only file system): the build writes the new site beside the output folder and swaps it in, so that folder must be writable$/,
        ),
      ]);
      expect(result.code).toBe(1);
    } finally {
      await undo();
    }
    expect(await tree(parent)).toEqual(before);
  });
});

describe("the command line", () => {
  const COMMANDS: [string, string[], string][] = [
    [
      "build",
      ["--root", "--output", "--progress", "--help"],
      "npm run build -- [--root DIR] [--output DIR] [--progress]",
    ],
    [
      "start",
      ["--port", "--root", "--output", "--progress", "--help"],
      "npm start -- [--port N] [--root DIR] [--output DIR] [--progress]",
    ],
    ["check", ["--json", "--root", "--help"], "npm run check -- [--json] [--root DIR]"],
    [
      "new",
      ["--id", "--root", "--help"],
      'npm run new -- <program|partner|guide|page> "Title" [--id some-id] [--root DIR]',
    ],
    [
      "report",
      ["--weeks", "--json", "--root", "--logs", "--html", "--help"],
      "npm run report -- [--weeks N] [--json] [--root DIR] [--logs FILE ...] [--html FILE]",
    ],
  ];

  it.each(COMMANDS)(
    "%s: --help explains every option; an unknown one is one line of usage, exit 2",
    async (command, options, synopsis) => {
      const help = await start(["--help"], undefined, command).done;
      expect(help.code).toBe(0);
      for (const option of options) {
        expect(help.stdout).toMatch(new RegExp(`^ +(-\\w, )?${option}\\b`, "m"));
      }
      const wrong = await start(["--outptu", "x"], undefined, command).done;
      expect(wrong.code).toBe(2);
      expect(lines(wrong.stderr)).toEqual([
        `${command}: unknown option --outptu. Usage: ${synopsis} (--help explains each option)`,
      ]);
    },
  );

  it("the README's Commands section names every option of every command", async () => {
    const readme = await readFile(path.join(REPO, "README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("## Commands"),
      readme.indexOf("\n## ", readme.indexOf("## Commands") + 1),
    );
    for (const [command, options] of COMMANDS) {
      for (const option of options) {
        expect(section, `${command} ${option}`).toContain(option);
      }
    }
    expect(section).toContain("--output");
  });
});
