// A library's own repository, end to end, as a library gets and runs it. `npm pack` this
// repository (Almanac version A); `almanac init` a repository and put another library's
// content in it; install A with npm and run exactly the `run:` steps of its deploy workflow
// (npm ci, npm run check, npm run build): a site ready to publish. Then pack version B (the
// same with one visible change in a layout), upgrade with `npm install`, run the workflow
// again: the change shows, and not one of the library's own files changed.
//
// Without the network: npm installs from its cache, which installing this repository
// filled. npm cannot resolve versions offline, so the lock file a library commits after its
// first `npm install` is written here, from this repository's lock (the same packages at the
// same versions, minus the development ones); `npm ci` then needs no registry.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "./helpers/site.ts";
import { listFiles } from "./helpers/walk.ts";
import { freePort } from "./helpers/serve.ts";

const exec = promisify(execFile);
const OTHER = path.join(REPO, "test/fixtures/other-library");
const NOW = "2026-11-28T10:00";

/**
 * The environment the library's commands run in: this test's Node first on the PATH (so a
 * run under another Node tests that one), npm offline and quiet, and none of the `npm_*`
 * variables an outer `npm test` sets, which would point npm back at this repository.
 */
const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
  npm_config_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  ALMANAC_NOW: NOW,
};

async function sh(command: string, cwd: string): Promise<{ stdout: string; stderr: string }> {
  try {
    return await exec("bash", ["-eo", "pipefail", "-c", command], {
      cwd,
      env: ENV,
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} (in ${cwd}) failed:\n${e.stdout ?? ""}\n${e.stderr ?? e.message}`);
  }
}

/** `npm pack` of `dir` into `into`; returns the tarball's file name. */
async function pack(dir: string, into: string): Promise<string> {
  const { stdout } = await sh(`npm pack --json --pack-destination ${JSON.stringify(into)}`, dir);
  return (JSON.parse(stdout) as { filename: string }[])[0]!.filename;
}

/** The lock file npm would write for `library` depending on Almanac from `spec` (a tarball). */
async function writeLock(library: string, spec: string): Promise<void> {
  const tarball = path.resolve(library, spec.replace(/^file:/, ""));
  const almanac = JSON.parse(
    (await sh(`tar -xzOf ${JSON.stringify(tarball)} package/package.json`, library)).stdout,
  );
  const ours = JSON.parse(await readFile(path.join(REPO, "package-lock.json"), "utf8"));
  const { name } = JSON.parse(await readFile(path.join(library, "package.json"), "utf8"));
  const packages: Record<string, unknown> = {
    "": { name, dependencies: { almanac: spec } },
    "node_modules/almanac": {
      version: almanac.version,
      resolved: spec,
      integrity: `sha512-${createHash("sha512")
        .update(await readFile(tarball))
        .digest("base64")}`,
      dependencies: almanac.dependencies,
      bin: almanac.bin,
      engines: almanac.engines,
    },
  };
  for (const [where, entry] of Object.entries(ours.packages as Record<string, { dev?: true }>)) {
    if (where && !entry.dev) packages[where] = entry;
  }
  const lock = { name, lockfileVersion: 3, requires: true, packages };
  await writeFile(path.join(library, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
}

/** What a step printed that would alarm a newcomer: npm's warnings, and Eleventy's benchmarks. */
const ALARMING = /^npm warn|^\[11ty\] Benchmark/im;

/**
 * Runs the build job's `run:` steps of the library's own workflow, in order; each step's
 * alarming output lines (`ALARMING`) are collected in `alarms`.
 */
async function runWorkflow(library: string, alarms: string[] = []): Promise<string[]> {
  const workflow = parse(
    await readFile(path.join(library, ".github/workflows/deploy.yml"), "utf8"),
  ) as { jobs: { build: { steps: { run?: string }[] } } };
  const ran: string[] = [];
  for (const { run } of workflow.jobs.build.steps) {
    if (!run) continue;
    const { stdout, stderr } = await sh(run, library);
    alarms.push(...`${stdout}\n${stderr}`.split("\n").filter((l) => ALARMING.test(l)));
    ran.push(run);
  }
  return ran;
}

/** sha256 of each of the library's own files (everything but what npm and the build write). */
async function libraryFiles(library: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of listFiles(library)) {
    if (/^(node_modules|_site|\.cache)\//.test(f) || /^(package(-lock)?\.json|build\.log)$/.test(f))
      continue;
    out[f] = createHash("sha256")
      .update(await readFile(path.join(library, f)))
      .digest("hex");
  }
  return out;
}

let work: string;
let library: string;
let versions: { a: string; b: string };
let tarballs: { a: string; b: string };
let before: Record<string, string>;
const MARKER = "Upgraded layouts: version B";

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "almanac-library-"));
  // Version A: this repository as npm packs it.
  const a = await pack(REPO, work);
  // Version B: A with its version bumped and one visible change in the base layout.
  const unpacked = path.join(work, "b");
  await mkdir(unpacked);
  await sh(`tar -xzf ${JSON.stringify(path.join(work, a))}`, unpacked);
  const source = path.join(unpacked, "package");
  const manifest = JSON.parse(await readFile(path.join(source, "package.json"), "utf8"));
  const [major, minor, patch] = (manifest.version as string).split(/[.-]/).map(Number);
  versions = { a: manifest.version, b: `${major}.${minor}.${patch! + 1}` };
  manifest.version = versions.b;
  await writeFile(path.join(source, "package.json"), JSON.stringify(manifest, null, 2));
  const base = path.join(source, "layouts/includes/base.njk");
  const layout = await readFile(base, "utf8");
  expect(layout).toContain("</footer>");
  await writeFile(base, layout.replace("</footer>", `<p>${MARKER}</p>\n</footer>`));
  const b = await pack(source, work);

  // The library's repository, with another library's content in place of the demo.
  library = path.join(work, "library");
  await exec(process.execPath, [
    path.join(REPO, "bin/almanac.mjs"),
    "init",
    library,
    "--almanac",
    `file:../${a}`,
  ]);
  for (const dir of ["content", "_data"]) {
    await rm(path.join(library, dir), { recursive: true });
    await cp(path.join(OTHER, dir), path.join(library, dir), { recursive: true });
  }
  await writeLock(library, `file:../${a}`);
  before = await libraryFiles(library);
  tarballs = { a, b };
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("a library's repository", () => {
  it("installs Almanac and builds a site ready to publish with exactly its workflow's steps", async () => {
    const alarms: string[] = [];
    const ran = await runWorkflow(library, alarms);
    expect(ran.map((r) => r.split(" ").slice(0, 3).join(" "))).toEqual([
      "npm ci",
      "npm run check",
      "npm run build",
      "tail -n 20",
    ]);
    // A newcomer's install and build print nothing alarming: no install-script warning
    // (package.json's allowScripts), no Eleventy benchmark line (build.log's tail).
    expect(alarms).toEqual([]);
    const site = path.join(library, "_site");
    for (const file of [
      "index.html",
      "404.html",
      "programs/harbour-history-walk/index.html",
      "programs.json",
      "calendar.ics",
      "sw.js",
      "_headers",
      ".htaccess",
      "pagefind/pagefind.js",
    ]) {
      expect(existsSync(path.join(site, file)), file).toBe(true);
    }
    const home = await readFile(path.join(site, "index.html"), "utf8");
    const { name } = parse(await readFile(path.join(OTHER, "_data/library.yaml"), "utf8"));
    expect(home).toContain(name);
    expect(home).not.toContain("Riverside");
    expect(existsSync(path.join(library, ".cache/images"))).toBe(true);
    expect(
      JSON.parse(await readFile(path.join(library, "node_modules/almanac/package.json"), "utf8"))
        .version,
    ).toBe(versions.a);
  });

  it("prints only JSON for `npm run -s check -- --json` and `almanac check --json`", async () => {
    for (const command of ["npm run -s check -- --json", "npx almanac check --json"]) {
      const { stdout } = await sh(command, library);
      expect(JSON.parse(stdout), command).toEqual(expect.any(Array));
    }
  });

  it("previews with `npm start` on the library's content, and stops", async () => {
    const port = await freePort();
    const child = spawn("npm", ["start", "--", "--port", String(port)], {
      cwd: library,
      env: ENV,
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no server after 60 s:\n${output}`)),
          60_000,
        );
        const look = () => {
          const m = /Preview at (http:\/\/localhost:\d+\/)/.exec(output);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        };
        child.stdout.on("data", look);
        child.stderr.on("data", look);
        child.on("exit", () => reject(new Error(`npm start stopped:\n${output}`)));
      });
      const html = await (await fetch(url)).text();
      expect(html).toContain("programs/harbour-history-walk/");
    } finally {
      process.kill(-child.pid!, "SIGINT");
      await new Promise((resolve) => child.on("close", resolve));
    }
  }, 90_000);

  it("upgrades to the next version with one npm install, and its files stay as they were", async () => {
    await sh(`npm install ../${tarballs.b}`, library);
    const manifest = JSON.parse(await readFile(path.join(library, "package.json"), "utf8"));
    expect(manifest.dependencies).toEqual({ almanac: `file:../${tarballs.b}` });
    await runWorkflow(library);
    const installed = JSON.parse(
      await readFile(path.join(library, "node_modules/almanac/package.json"), "utf8"),
    );
    expect(installed.version).toBe(versions.b);
    expect(await readFile(path.join(library, "_site/index.html"), "utf8")).toContain(MARKER);
    expect(await libraryFiles(library)).toEqual(before);
  });
});
