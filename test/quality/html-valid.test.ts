// Gate: every built HTML page passes the Nu HTML Checker (vnu) with zero errors, for the
// demo library and for another library. All pages of both sites go to one `java`
// invocation (its start-up costs seconds). Pages are found by walking `_site`, so pages
// added later are checked without changes here.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_ROOT, REPO } from "../helpers/site.ts";
import { htmlFiles } from "../helpers/walk.ts";
import { buildOnce, OTHER_LIBRARY_ROOT, type SharedBuild } from "./build-once.ts";

const VNU_JAR = path.join(REPO, "node_modules/vnu-jar/build/dist/vnu.jar");

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** Runs vnu on `files`; resolves with its error messages (the JSON report's `messages`). */
function vnu(files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile(
      "java",
      ["-Xss2m", "-jar", VNU_JAR, "--errors-only", "--format", "json", ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        // vnu writes the JSON report to stderr and exits 1 when it found errors.
        try {
          resolve((JSON.parse(stderr) as { messages: VnuMessage[] }).messages);
        } catch {
          reject(
            new Error(
              `vnu did not report JSON (is Java 11+ installed?): ${error?.message ?? ""}\n${stderr.slice(0, 2000)}`,
            ),
          );
        }
      },
    );
  });
}

describe("valid HTML (Nu HTML Checker)", () => {
  const sites: Record<string, SharedBuild> = {};
  let messages: VnuMessage[] = [];
  let files: string[] = [];

  beforeAll(async () => {
    sites.demo = await buildOnce(DEMO_ROOT);
    sites.other = await buildOnce(OTHER_LIBRARY_ROOT);
    for (const site of Object.values(sites)) {
      files.push(
        ...htmlFiles(site.output)
          .filter((f) => !f.startsWith("pagefind/"))
          .map((f) => path.join(site.output, f)),
      );
    }
    // A known-bad page rides along in the same java run, to prove the checker reports.
    const bad = path.join(await mkdtemp(path.join(os.tmpdir(), "almanac-vnu-")), "known-bad.html");
    await writeFile(bad, '<!doctype html><html lang="en"><title>x</title><img src="a.png">');
    messages = await vnu([...files, bad]);
  });

  it("checks every page of both sites", () => {
    expect(sites.demo.ok && sites.other.ok).toBe(true);
    expect(files.length).toBeGreaterThan(60);
  });

  it.each(["demo", "other"])("finds zero errors in the %s site", (name) => {
    const prefix = `file:${sites[name].output}/`;
    const errors = messages
      .filter((m) => m.url.startsWith(prefix) || !m.url.startsWith("file:"))
      .map(
        (m) =>
          `${m.url.replace(prefix, "")}:${m.lastLine ?? "?"}: ${m.message} [${(m.extract ?? "").replace(/\s+/g, " ").trim()}]`,
      );
    expect(errors.slice(0, 40), `${errors.length} errors`).toEqual([]);
  });

  it("would catch an invalid page (the checker really runs)", () => {
    const found = messages.filter((m) => m.url.endsWith("/known-bad.html")).map((m) => m.message);
    expect(found.join("\n")).toMatch(/alt/);
  });
});
