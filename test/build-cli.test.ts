// `npm run build` as staff run it: a content mistake prints one line per problem, no stack
// trace, exits 1 and leaves the previous site exactly as it was.
import { describe, it, expect } from "vitest";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile, mkdir, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO } from "./helpers/site.ts";
import { MARKER, markerText } from "../src/build/output-folder.ts";

function build(
  root: string,
  output: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/cli.mjs", "build", "--root", root, "--output", output],
      {
        cwd: REPO,
        env: { ...process.env, ALMANAC_NOW: "2026-11-28T10:00", ALMANAC_SEARCH: "off" },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run build", () => {
  it("on bad content: every problem, no stack trace, exit 1, previous site untouched", async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "almanac-cli-")), "_site");
    await mkdir(out);
    await writeFile(path.join(out, "index.html"), "previous site");
    await writeFile(path.join(out, MARKER), markerText("0.1.0", "2026-11-27T10:00:00.000-06:00"));
    const result = await build(path.join(REPO, "test/fixtures/errors-mixed"), out);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(
      lines.filter((l) => /^(content|_data)\/[^:]+:\d+: /.test(l)).length,
    ).toBeGreaterThanOrEqual(4);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).toContain("previous site was left as it was");
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("previous site");
    // No staging folder left behind.
    expect((await readdir(path.dirname(out))).sort()).toEqual(["_site"]);
  });

  it("on good content: replaces the previous site in one step", async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "almanac-cli-")), "_site");
    await mkdir(out);
    await writeFile(path.join(out, "stale.html"), "old");
    await writeFile(path.join(out, MARKER), markerText("0.1.0", "2026-11-27T10:00:00.000-06:00"));
    const result = await build(path.join(REPO, "test/fixtures/basic"), out);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Built \d+ programs/m);
    expect(existsSync(path.join(out, "stale.html"))).toBe(false);
    expect(existsSync(path.join(out, "index.html"))).toBe(true);
    expect((await readdir(path.dirname(out))).sort()).toEqual(["_site"]);
  });
});
