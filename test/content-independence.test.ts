// The project's own suite builds its fixtures, never the repository's `content/` and
// `_data/`: those belong to the library (in a library's repository, its catalogue; in this
// one, the starter `almanac init` copies), and a library's content must never make our
// tests fail. A cheap guard on the test sources, so a new test cannot quietly start reading
// them; the whole suite was also run once with another library's content in their place.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_ROOT, REPO } from "./helpers/site.ts";
import { listFiles } from "./helpers/walk.ts";

/** Ways a test could reach the repository's own library files. */
const READS_LIBRARY_FILES = [
  // path.join(REPO, "content"), path.resolve(APP_DIR, "_data/library.yaml"), ...
  /\b(REPO|APP_DIR)\s*,\s*["'`](\.\/)?(content|_data)\b/,
  // `${REPO}/content/...`
  /\$\{(REPO|APP_DIR)\}\/(content|_data)\b/,
  // A build or a load of the repository itself.
  /\b(buildFixture|buildOnce|buildSite|loadCatalogue)\(\s*(\{\s*root:\s*)?(REPO|APP_DIR)\b/,
  /\b(root|appDir):\s*(REPO|APP_DIR)\b/,
  /["']--root["']\s*,\s*(REPO|APP_DIR|["']\.["'])/,
];

describe("the test suite", () => {
  it("builds the demo from its frozen fixture, not from the repository's content/", () => {
    expect(path.relative(REPO, DEMO_ROOT)).toBe(path.join("test", "fixtures", "demo"));
  });

  it("never reads the repository's content/ or _data/", async () => {
    const self = path.relative(REPO, import.meta.filename);
    const sources = [...listFiles(path.join(REPO, "test")).map((f) => `test/${f}`)]
      .concat(listFiles(path.join(REPO, "bench")).map((f) => `bench/${f}`))
      .filter((f) => /\.(ts|mjs|js)$/.test(f) && f !== self && !f.startsWith("test/fixtures/"));
    expect(sources.length).toBeGreaterThan(30);
    const found: string[] = [];
    for (const file of sources) {
      const lines = (await readFile(path.join(REPO, file), "utf8")).split("\n");
      lines.forEach((line, i) => {
        if (READS_LIBRARY_FILES.some((re) => re.test(line)))
          found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
