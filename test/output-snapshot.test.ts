// Gate: what the build publishes for the demo and for other libraries' fixtures is locked,
// file by file (path, size and SHA-256), in `test/snapshots/output/*.txt`. A refactoring must
// leave every byte as it was; a change that means to change the output updates the
// snapshot in the same commit (`npx vitest run test/output-snapshot.test.ts -u`), so the
// diff shows which files changed. Builds start with an empty image cache, as in CI, and run
// concurrently in one process.
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "vitest";
import { buildSite } from "../almanac.ts";
import { makeBerlinSite, BERLIN_NOW } from "./helpers/berlin.ts";
import { DEMO_ROOT, REPO } from "./helpers/site.ts";
import { listFiles } from "./helpers/walk.ts";

/** One line a file: `sha256 bytes path`, sorted by path. */
function manifest(dir: string): string {
  return (
    listFiles(dir)
      .map((file) => {
        const full = path.join(dir, file);
        const hash = createHash("sha256").update(readFileSync(full)).digest("hex");
        return `${hash} ${statSync(full).size} ${file}`;
      })
      .join("\n") + "\n"
  );
}

/** A copy of a library's content and settings in a fresh folder (so its image cache is cold). */
function copyLibrary(root: string): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), "almanac-snapshot-"));
  cpSync(path.join(root, "content"), path.join(copy, "content"), { recursive: true });
  cpSync(path.join(root, "_data"), path.join(copy, "_data"), { recursive: true });
  return copy;
}

const libraries: [string, () => Promise<string>, string][] = [
  ["demo", async () => copyLibrary(DEMO_ROOT), "2026-11-28T10:00"],
  [
    "other-library",
    async () => copyLibrary(path.join(REPO, "test/fixtures/other-library")),
    "2026-11-28T10:00",
  ],
  ["berlin", makeBerlinSite, BERLIN_NOW],
];

// The three build at once in one process: builds share no state, so each must still give
// exactly its own snapshot.
describe.concurrent.each(libraries)("the published output of %s", (name, make, now) => {
  it("is byte-identical to the locked snapshot", async ({ expect }) => {
    const root = await make();
    const output = path.join(root, "_site");
    const result = await buildSite({ root, output, env: { ALMANAC_NOW: now } });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    await expect(manifest(output)).toMatchFileSnapshot(`snapshots/output/${name}.txt`);
  });
});
