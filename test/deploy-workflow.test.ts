// The deploy workflow every library runs (`almanac init` copies it): it must gate on the
// library's content (check, then build) and never on Almanac's own test suite, which needs
// a browser and Java and belongs to the project's CI (.ci/run). Read as GitHub reads it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { LIBRARY_SCRIPTS } from "../src/staff/init.ts";
import { REPO } from "./helpers/site.ts";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string | number>;
}
interface Job {
  steps: Step[];
  container?: unknown;
}

const workflow = parse(readFileSync(path.join(REPO, ".github/workflows/deploy.yml"), "utf8")) as {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const commands = steps.flatMap((s) => (s.run ? [s.run] : []));

describe(".github/workflows/deploy.yml", () => {
  it("installs, checks the content and builds: exactly that, and no tests", () => {
    const npm = commands.flatMap((c) => c.match(/\bnpm (?:ci|install|run [\w:-]+|test)\b/g) ?? []);
    expect(npm).toEqual(["npm ci", "npm run check", "npm run build"]);
    for (const c of commands) expect(c).not.toMatch(/vitest|playwright|chromium|java|apt-get/);
    expect(Object.values(workflow.jobs).map((j) => j.container)).toEqual([undefined, undefined]);
  });

  it("runs the library's own almanac for check and build", () => {
    expect(LIBRARY_SCRIPTS.check).toBe("almanac check --root .");
    expect(LIBRARY_SCRIPTS.build).toBe("almanac build --root .");
    const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8"));
    // In this repository the same commands run the same CLI on the demo in content/.
    expect(manifest.scripts.check).toBe("node scripts/cli.mjs check");
    expect(manifest.scripts.build).toBe("node scripts/cli.mjs build");
  });

  it("uses the current major version of each action, on a current Node.js LTS", () => {
    expect(steps.flatMap((s) => (s.uses ? [s.uses] : []))).toEqual([
      "actions/checkout@v7",
      "actions/setup-node@v7",
      "actions/cache@v6",
      "actions/upload-pages-artifact@v5",
      "actions/deploy-pages@v5",
    ]);
    const node = steps.find((s) => s.uses?.startsWith("actions/setup-node"))!.with!;
    expect(Number(node["node-version"])).toBeGreaterThanOrEqual(22);
  });

  it("keeps the image cache between runs, restored before the build", () => {
    const cache = steps.findIndex((s) => s.uses?.startsWith("actions/cache"));
    expect(steps[cache]!.with).toMatchObject({
      path: ".cache",
      key: expect.stringContaining("hashFiles('content/images/**', 'package-lock.json')"),
      "restore-keys": expect.any(String),
    });
    expect(cache).toBeLessThan(steps.findIndex((s) => s.run?.startsWith("npm run build")));
  });

  it("runs on pull requests, pushes to main, every night and on demand", () => {
    expect(Object.keys(workflow.on).sort()).toEqual([
      "pull_request",
      "push",
      "schedule",
      "workflow_dispatch",
    ]);
  });

  it("leaves the test suite to the project's own CI", () => {
    expect(readFileSync(path.join(REPO, ".ci/run"), "utf8")).toMatch(/^npm test$/m);
  });
});
