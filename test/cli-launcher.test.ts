// scripts/cli.mjs runs `npm run check`, `new` and `report` from an esbuild bundle of their
// TypeScript. The bundle must never be stale: a change to any file that went into it is
// picked up on the next run. Tested on a copy of the sources, so the repository's own
// bundle cache is left alone.
import { execFile } from "node:child_process";
import {
  cp,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ROOT, REPO } from "./helpers/site.ts";

const run = promisify(execFile);
let copy: string;

beforeAll(async () => {
  copy = await mkdtemp(path.join(tmpdir(), "almanac-cli-"));
  for (const dir of ["bin", "scripts", "cli", "src"]) {
    await cp(path.join(REPO, dir), path.join(copy, dir), { recursive: true });
  }
  for (const dir of ["_data", "content"]) {
    await cp(path.join(DEMO_ROOT, dir), path.join(copy, dir), { recursive: true });
  }
  await cp(path.join(REPO, "package.json"), path.join(copy, "package.json"));
  // Packages stay imports in the bundle. A node_modules of links to the repository's
  // packages, so the copy's bundle cache (node_modules/.cache) is its own.
  await mkdir(path.join(copy, "node_modules"));
  for (const name of await readdir(path.join(REPO, "node_modules"))) {
    if (name === ".cache") continue;
    await symlink(path.join(REPO, "node_modules", name), path.join(copy, "node_modules", name));
  }
});

afterAll(async () => {
  await rm(copy, { recursive: true, force: true });
});

async function check(): Promise<string> {
  const { stdout } = await run(process.execPath, ["scripts/cli.mjs", "check"], {
    cwd: copy,
  });
  return stdout;
}

describe("scripts/cli.mjs", () => {
  it("is what package.json runs for start, build, check, new and report", async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8"));
    for (const name of ["start", "build", "check", "new", "report"]) {
      expect(pkg.scripts[name]).toBe(`node scripts/cli.mjs ${name}`);
    }
    // ... and what a library's repository runs, as `almanac` (bin/almanac.mjs).
    expect(pkg.bin).toEqual({ almanac: "bin/almanac.mjs" });
  });

  it("rebundles when a source file changes, and only then", async () => {
    expect(await check()).toMatch(/✓ \d+ programs/);
    const bundle = path.join(copy, "node_modules", ".cache", "almanac", "cli", "cli-check.mjs");
    const first = (await stat(bundle)).mtimeMs;
    // An unchanged tree reuses the bundle as it is.
    await check();
    expect((await stat(bundle)).mtimeMs).toBe(first);
    // A change deep in the imports (not the command's own file) is picked up.
    const problems = path.join(copy, "src", "content", "problems.ts");
    await writeFile(
      problems,
      `${await readFile(problems, "utf8")}\nconsole.log("edited after the first run");\n`,
    );
    expect(await check()).toMatch(/^edited after the first run$/m);
  });

  it("refuses an unknown command", async () => {
    await expect(
      run(process.execPath, ["scripts/cli.mjs", "deploy"], { cwd: copy }),
    ).rejects.toMatchObject({ code: 2 });
  });
});
