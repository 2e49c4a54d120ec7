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
import {
  ARABIC_ROOT,
  BILINGUAL_ROOT,
  BRANDED_ROOT,
  buildOnce,
  OTHER_LIBRARY_ROOT,
  type SharedBuild,
} from "./build-once.ts";
import { loadCatalogue } from "../../src/content/catalogue.ts";
import { readLogs } from "../../src/staff/engagement.ts";
import { engagementHtml } from "../../src/staff/engagement-html.ts";
import { coverageReport } from "../../src/staff/report.ts";

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
  let engagementPage = "";
  let messages: VnuMessage[] = [];
  let files: string[] = [];

  beforeAll(async () => {
    sites.demo = await buildOnce(DEMO_ROOT);
    sites.other = await buildOnce(OTHER_LIBRARY_ROOT);
    sites.branded = await buildOnce(BRANDED_ROOT);
    sites.bilingual = await buildOnce(BILINGUAL_ROOT);
    sites.arabic = await buildOnce(ARABIC_ROOT);
    for (const site of Object.values(sites)) {
      files.push(
        ...htmlFiles(site.output)
          .filter((f) => !f.startsWith("pagefind/"))
          .map((f) => path.join(site.output, f)),
      );
    }
    // A known-bad page rides along in the same java run, to prove the checker reports.
    const tmp = await mkdtemp(path.join(os.tmpdir(), "almanac-vnu-"));
    const bad = path.join(tmp, "known-bad.html");
    await writeFile(bad, '<!doctype html><html lang="en"><title>x</title><img src="a.png">');
    // So does the staff engagement page `npm run report -- --logs --html` writes (not a
    // page of the site), from the sample logs.
    engagementPage = path.join(tmp, "engagement.html");
    await writeFile(engagementPage, await sampleEngagementPage());
    messages = await vnu([...files, bad, engagementPage]);
  });

  it("checks every page of the three sites", () => {
    expect(Object.values(sites).every((s) => s.ok)).toBe(true);
    expect(files.length).toBeGreaterThan(60);
  });

  it.each(["demo", "other", "branded", "bilingual", "arabic"])(
    "finds zero errors in the %s site",
    (name) => {
      const prefix = `file:${sites[name].output}/`;
      const errors = messages
        .filter((m) => m.url.startsWith(prefix) || !m.url.startsWith("file:"))
        .map(
          (m) =>
            `${m.url.replace(prefix, "")}:${m.lastLine ?? "?"}: ${m.message} [${(m.extract ?? "").replace(/\s+/g, " ").trim()}]`,
        );
      expect(errors.slice(0, 40), `${errors.length} errors`).toEqual([]);
    },
  );

  it("finds zero errors in the staff engagement page", () => {
    const errors = messages
      .filter((m) => m.url.endsWith("/engagement.html"))
      .map((m) => `${m.lastLine ?? "?"}: ${m.message}`);
    expect(errors).toEqual([]);
  });

  it("would catch an invalid page (the checker really runs)", () => {
    const found = messages.filter((m) => m.url.endsWith("/known-bad.html")).map((m) => m.message);
    expect(found.join("\n")).toMatch(/alt/);
  });
});

/** The engagement page for the demo and the sample logs in test/fixtures/logs/. */
async function sampleEngagementPage(): Promise<string> {
  const { catalogue } = await loadCatalogue({
    root: DEMO_ROOT,
    env: { ALMANAC_NOW: "2026-11-28T10:00" },
  });
  const logs = path.join(REPO, "test/fixtures/logs");
  const files = ["combined.log", "netlify-traffic.ndjson", "cloudflare-http-requests.json"];
  const tally = await readLogs(
    files.map((f) => path.join(logs, f)),
    catalogue!.library.timezone,
  );
  const coverage = coverageReport(catalogue!);
  return engagementHtml({
    library: catalogue!.library,
    coverage,
    engagement: tally.report(catalogue!, coverage),
  });
}
