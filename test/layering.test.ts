// The layers of docs/architecture.md: `src/` holds the logic and imports neither the
// Eleventy configuration, nor the plugins that wire it, nor the entry point above them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles } from "./helpers/walk.ts";
import { REPO } from "./helpers/site.ts";

const UPWARD =
  /(?:from|import)\s*\(?\s*["'](?:\.\.\/)+(?:plugins\/|eleventy\.config|almanac\.ts|cli\/)/;

describe("src/", () => {
  it("imports nothing from plugins/, cli/, eleventy.config.ts or almanac.ts", () => {
    const src = path.join(REPO, "src");
    const offenders = listFiles(src)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        readFileSync(path.join(src, f), "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `src/${f}:${i + 1}` }))
          .filter(({ line }) => UPWARD.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it("the check itself sees an upward import", () => {
    expect(UPWARD.test('import { x } from "../../plugins/search.ts";')).toBe(true);
    expect(UPWARD.test('import config from "../../eleventy.config.ts";')).toBe(true);
    expect(UPWARD.test('import { y } from "../content/model.ts";')).toBe(false);
  });
});
