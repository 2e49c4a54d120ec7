// `almanac init`: what a new library's repository pins and holds, and that it never
// overwrites anything (the whole path, install to upgrade, is test/library-repo.test.ts).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import {
  InitError,
  LIBRARY_ALLOW_SCRIPTS,
  LIBRARY_SCRIPTS,
  initLibrary,
  installedSpec,
} from "../src/staff/init.ts";
import { REPO } from "./helpers/site.ts";
import { listFiles } from "./helpers/walk.ts";

const run = promisify(execFile);

/** An Almanac "installed" in `<tmp>/node_modules/almanac`, by a folder whose manifest is `manifest`. */
async function installedBy(manifest: object): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "almanac-init-"));
  await mkdir(path.join(dir, "node_modules/almanac"), { recursive: true });
  await writeFile(path.join(dir, "package.json"), JSON.stringify(manifest));
  return path.join(dir, "node_modules/almanac");
}

describe("installedSpec", () => {
  it("pins what `npx <spec> init` installed, or the library's own pin", async () => {
    const npx = (spec: string) => ({ dependencies: { almanac: "x" }, _npx: { packages: [spec] } });
    expect(
      await installedSpec(await installedBy(npx("github:owner/almanac#v0.2.0")), "0.2.0"),
    ).toBe("github:owner/almanac#v0.2.0");
    expect(await installedSpec(await installedBy(npx("almanac@0.3.1")), "0.3.1")).toBe("0.3.1");
    expect(await installedSpec(await installedBy(npx("almanac")), "0.3.1")).toBe("0.3.1");
    expect(
      await installedSpec(
        await installedBy({ dependencies: { almanac: "https://example.org/almanac-0.2.0.tgz" } }),
        "0.2.0",
      ),
    ).toBe("https://example.org/almanac-0.2.0.tgz");
  });

  it("pins nothing from a local path or a checkout: that would mean nothing elsewhere", async () => {
    const npx = { _npx: { packages: ["./almanac-0.2.0.tgz"] } };
    expect(await installedSpec(await installedBy(npx), "0.2.0")).toBeUndefined();
    const dep = { dependencies: { almanac: "file:../almanac" } };
    expect(await installedSpec(await installedBy(dep), "0.2.0")).toBeUndefined();
    expect(await installedSpec(REPO, "0.2.0")).toBeUndefined();
  });
});

const STARTER = path.join(REPO, "test/fixtures/basic");

/**
 * An Almanac folder whose starter library is a fixture: what init copies is the
 * installation's content/, whatever that holds (this repository's is the library's own).
 */
async function almanacWithStarter(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "almanac-app-"));
  for (const file of ["package.json", ".github/workflows/deploy.yml"]) {
    await cp(path.join(REPO, file), path.join(dir, file));
  }
  for (const folder of ["content", "_data"]) {
    await cp(path.join(STARTER, folder), path.join(dir, folder), { recursive: true });
  }
  return dir;
}

describe("initLibrary", () => {
  it("writes package.json with the pin and scripts, the starter library and the workflow", async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "almanac-init-")), "Riverside Library");
    const appDir = await almanacWithStarter();
    const files = await initLibrary({ dir, almanac: "github:owner/almanac#v9.9.9", appDir });
    const starter = listFiles(path.join(STARTER, "content")).map((f) => `content/${f}`);
    expect(files).toEqual(
      [
        ".github/workflows/deploy.yml",
        ".gitignore",
        "README.md",
        "_data/library.yaml",
        "package.json",
        ...starter,
      ].sort(),
    );
    for (const file of [...starter, "_data/library.yaml"]) {
      expect(await readFile(path.join(dir, file), "utf8"), file).toBe(
        await readFile(path.join(STARTER, file), "utf8"),
      );
    }
    const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8"));
    const ours = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8"));
    expect(manifest).toEqual({
      name: "riverside-library",
      private: true,
      description: expect.any(String),
      engines: ours.engines,
      scripts: LIBRARY_SCRIPTS,
      dependencies: { almanac: "github:owner/almanac#v9.9.9" },
      allowScripts: LIBRARY_ALLOW_SCRIPTS,
    });
    expect(await readFile(path.join(dir, ".github/workflows/deploy.yml"), "utf8")).toBe(
      await readFile(path.join(REPO, ".github/workflows/deploy.yml"), "utf8"),
    );
    expect(await readFile(path.join(dir, ".gitignore"), "utf8")).toMatch(/^node_modules\/$/m);
  });

  it("allows the install scripts of exactly the packages a library installs that have one", async () => {
    // npm 11 warns on every `npm ci` about install scripts no allowScripts entry covers, and
    // npm reads only the project's own package.json: a library's must name Almanac's.
    const lock = JSON.parse(await readFile(path.join(REPO, "package-lock.json"), "utf8"));
    const entries = Object.entries(
      lock.packages as Record<string, { dev?: boolean; hasInstallScript?: boolean }>,
    );
    const withScripts = (dev: boolean) =>
      entries
        .filter(([where, e]) => where && e.hasInstallScript && Boolean(e.dev) === dev)
        .map(([where]) => where.replace(/^.*node_modules\//, ""));
    expect(Object.keys(LIBRARY_ALLOW_SCRIPTS).sort()).toEqual(withScripts(false).sort());
    // Almanac's own package.json covers its development ones too.
    const ours = JSON.parse(await readFile(path.join(REPO, "package.json"), "utf8"));
    expect(Object.keys(ours.allowScripts).sort()).toEqual(
      [...withScripts(false), ...withScripts(true)].sort(),
    );
  });

  it("writes nothing when any file it would write exists", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "almanac-init-"));
    await writeFile(path.join(dir, "README.md"), "ours");
    const appDir = await almanacWithStarter();
    const error = await initLibrary({ dir, almanac: "1.0.0", appDir }).catch((e) => e);
    expect(error).toBeInstanceOf(InitError);
    expect(error.message.replace(dir, "DIR")).toMatchInlineSnapshot(
      `"DIR already has README.md: init writes a new repository and never overwrites; choose an empty folder"`,
    );
    expect(existsSync(path.join(dir, "package.json"))).toBe(false);
    expect(await readFile(path.join(dir, "README.md"), "utf8")).toBe("ours");
  });

  it("asks where to install Almanac from when run from a checkout", async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "almanac-init-")), "lib");
    const result = await run(process.execPath, [
      path.join(REPO, "bin/almanac.mjs"),
      "init",
      dir,
    ]).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toMatch(
      /^init: say where the library installs Almanac from with --almanac, e\.g\. --almanac github:owner\/almanac#v\d+\.\d+\.\d+$/,
    );
    expect(existsSync(dir)).toBe(false);
  });
});
