// One build per library per test run, shared by every quality gate. A demo build takes
// 15-40 s on a busy 2-core machine, and vitest runs test files in separate workers, so
// without this each gate would build the demo again. The first worker to ask builds (under a
// lock folder); the others wait for it and read the same `_site`. The cache key includes
// the vitest run (the workers' parent process) and a fingerprint of every input file, so a
// new run, or an edit in watch mode, always gets a fresh build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildSite } from "../../almanac.ts";
import type { Problem } from "../../src/content/model.ts";
import { REPO } from "../helpers/site.ts";

/** The second library, for gates that must hold for any library's content. */
export const OTHER_LIBRARY_ROOT = path.join(REPO, "test/fixtures/other-library");

/** A library in English and Spanish (test/languages.test.ts). */
export const BILINGUAL_ROOT = path.join(REPO, "test/fixtures/bilingual");

/**
 * A library in Arabic (right to left) at / and te reo Māori under /mi/, a language with a
 * partial table of its own (test/rtl.browser.test.ts).
 */
export const ARABIC_ROOT = path.join(REPO, "test/fixtures/arabic");

/** A library with its own logo and brand colours (test/branding.test.ts). */
export const BRANDED_ROOT = path.join(REPO, "test/fixtures/branded");

/** The fixed "now" of every quality gate build (read in the library's zone). */
export const QUALITY_NOW = "2026-11-28T10:00";

export interface SharedBuild {
  ok: boolean;
  problems: Problem[];
  /** Absolute `_site` folder. Shared: do not write into it. */
  output: string;
  /** The library's published origin, e.g. `https://library.example.org`. */
  origin: string;
}

function fingerprint(paths: string[]): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort())
        if (name !== "node_modules" && !name.startsWith("_site")) visit(path.join(p, name));
    } else {
      hash.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  paths.forEach(visit);
  return hash.digest("hex").slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Builds `root` as of `now` once per test run and returns where the site is. */
export async function buildOnce(root: string, now = QUALITY_NOW): Promise<SharedBuild> {
  const inputs = ["src", "plugins", "layouts", "eleventy.config.ts", "package-lock.json"].map((p) =>
    path.join(REPO, p),
  );
  const key = createHash("sha256")
    .update(`${process.ppid}\0${path.resolve(root)}\0${now}\0`)
    .update(fingerprint([...inputs, path.join(root, "_data"), path.join(root, "content")]))
    .digest("hex")
    .slice(0, 20);
  const dir = path.join(os.tmpdir(), "almanac-quality", key);
  const done = path.join(dir, "result.json");
  const failed = path.join(dir, "error.txt");
  const lock = path.join(dir, "lock");
  await mkdir(dir, { recursive: true });
  for (;;) {
    if (existsSync(done)) return JSON.parse(await readFile(done, "utf8")) as SharedBuild;
    if (existsSync(failed))
      throw new Error(`shared build of ${root} failed:\n${await readFile(failed, "utf8")}`);
    try {
      await mkdir(lock);
    } catch {
      const owner = Number(await readFile(path.join(lock, "pid"), "utf8").catch(() => "0"));
      if (owner && !alive(owner)) await rm(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    await writeFile(path.join(lock, "pid"), String(process.pid));
    try {
      const output = path.join(dir, "_site");
      const result = await buildSite({ root, output, env: { ALMANAC_NOW: now } });
      const shared: SharedBuild = {
        ok: result.ok,
        problems: result.problems,
        output,
        origin: result.catalogue ? new URL(result.catalogue.library.url).origin : "",
      };
      await writeFile(done, JSON.stringify(shared));
      return shared;
    } catch (error) {
      await writeFile(failed, (error as Error).stack ?? String(error));
      throw error;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}
