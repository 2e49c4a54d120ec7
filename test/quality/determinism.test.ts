// Gate: two builds of the same content with the same ALMANAC_NOW are byte-identical, file
// for file (so a nightly rebuild with no content change publishes nothing new, caches stay
// warm, and a diff of two builds shows only real changes). The second build goes to a
// different folder, which also catches build paths leaking into the output.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixture, DEMO_ROOT } from "../helpers/site.ts";
import { listFiles } from "../helpers/walk.ts";
import { buildOnce, OTHER_LIBRARY_ROOT, QUALITY_NOW } from "./build-once.ts";

function hashes(dir: string): Map<string, string> {
  return new Map(
    listFiles(dir).map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(path.join(dir, f)))
        .digest("hex"),
    ]),
  );
}

/** Files that differ between two outputs: missing on one side or with other bytes. */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [file, hash] of a) {
    if (!b.has(file)) out.push(`${file}: only in the first build`);
    else if (b.get(file) !== hash) out.push(`${file}: bytes differ`);
  }
  for (const file of b.keys()) if (!a.has(file)) out.push(`${file}: only in the second build`);
  return out;
}

describe.each([
  ["the demo library", DEMO_ROOT],
  ["another library (Pacific/Auckland)", OTHER_LIBRARY_ROOT],
])("building %s twice", (_name, root) => {
  it("gives byte-identical output", async () => {
    const first = await buildOnce(root, QUALITY_NOW);
    const second = await buildFixture(root, QUALITY_NOW);
    expect(first.ok && second.ok).toBe(true);
    const a = hashes(first.output);
    const b = hashes(second.output);
    expect(a.size).toBeGreaterThan(20);
    const diff = differences(a, b);
    if (diff.length) {
      // Show the first differing line of the first differing text file, to point at the cause.
      const file = diff.find((d) => d.endsWith("bytes differ"))?.split(":")[0];
      if (file) {
        const x = readFileSync(path.join(first.output, file), "utf8").split("\n");
        const y = readFileSync(path.join(second.output, file), "utf8").split("\n");
        const i = x.findIndex((line, n) => line !== y[n]);
        diff.push(
          `first difference in ${file}, line ${i + 1}:\n  ${x[i]?.slice(0, 300)}\n  ${y[i]?.slice(0, 300)}`,
        );
      }
    }
    expect(diff.slice(0, 30), `${diff.length} differences`).toEqual([]);
    // Two builds one after the other; the demo's, in two languages, take up to a minute each
    // on a busy 2-core machine.
  }, 300_000);
});

describe("the comparison itself", () => {
  it("reports changed, missing and extra files", () => {
    const a = new Map([
      ["a.html", "1"],
      ["b.html", "2"],
    ]);
    const b = new Map([
      ["a.html", "1"],
      ["b.html", "3"],
      ["c.html", "4"],
    ]);
    expect(differences(a, b)).toEqual(["b.html: bytes differ", "c.html: only in the second build"]);
    expect(differences(a, new Map([["a.html", "1"]]))).toEqual(["b.html: only in the first build"]);
  });
});
