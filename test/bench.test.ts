// Smoke test of the benchmark tooling (no timing assertions: timings depend on the machine).
// The generator must produce a catalogue the real loader accepts, deterministically, and
// `npm run bench` must run end to end at a tiny size and print its ratio line.
import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { BENCH_NOW, generateCatalogue } from "../bench/generate.ts";
import { loadCatalogue } from "../src/content/catalogue.ts";

const APP_DIR = path.resolve(import.meta.dirname, "..");

describe("bench/generate.ts", () => {
  it("writes a catalogue of N programs that loads with no errors or warnings", async () => {
    const gen = await generateCatalogue({ programs: 20 });
    const now = DateTime.fromISO(BENCH_NOW, { zone: "America/Chicago" });
    const { catalogue, problems } = await loadCatalogue({ root: gen.root, now });
    expect(problems).toEqual([]);
    expect(catalogue?.programs).toHaveLength(20);
    expect(catalogue?.partners.length).toBe(gen.partners);
    expect(catalogue?.guides.length).toBe(gen.guides);
    expect(catalogue!.upcoming.length).toBeGreaterThan(20);
    const files = await readdir(path.join(gen.root, "content/programs"));
    expect(files.sort()).toEqual(gen.programIds.map((id) => `${id}.md`).sort());
  });

  it("mixes schedules and links like a real catalogue", async () => {
    const gen = await generateCatalogue({ programs: 400 });
    const texts = await Promise.all(
      gen.programIds.map((id) =>
        readFile(path.join(gen.root, "content/programs", `${id}.md`), "utf8"),
      ),
    );
    const share = (re: RegExp) => texts.filter((t) => re.test(t)).length / texts.length;
    expect(share(/every: week/)).toBeGreaterThan(0.3);
    expect(share(/every: week/)).toBeLessThan(0.5);
    expect(share(/every: month/)).toBeGreaterThan(0.05);
    expect(share(/^dates:/m)).toBeGreaterThan(0.12);
    expect(share(/^partners:/m)).toBeGreaterThan(0.15);
    expect(share(/^guides:/m)).toBeGreaterThan(0.05);
  });

  it("is deterministic for a given size and seed", async () => {
    const a = await generateCatalogue({ programs: 10, seed: 7 });
    const b = await generateCatalogue({ programs: 10, seed: 7 });
    expect(b.programIds).toEqual(a.programIds);
    const id = a.programIds[3]!;
    const read = (root: string) =>
      readFile(path.join(root, "content/programs", `${id}.md`), "utf8");
    expect(await read(b.root)).toBe(await read(a.root));
  });
});

describe("npm run bench", () => {
  it("builds a tiny catalogue with Almanac and the baseline and prints the ratio", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "bench/run.ts",
        "--sizes",
        "20",
        "--cold-sizes",
        "20",
        "--no-rebuild",
        "--check-size",
        "20",
        "--explorer-sizes",
        "20",
      ],
      { cwd: APP_DIR, timeout: 240_000, maxBuffer: 1 << 24 },
    );
    expect(stdout).toMatch(/^ours-cold +N=20 .*total/m);
    expect(stdout).toMatch(/^baseline +N=20 .*total/m);
    expect(stdout).toMatch(/^ours-warm +N=20 .*total/m);
    expect(stdout).toMatch(/^ratio N=20 \(warm image cache\): ours\/baseline = \d+\.\d\dx/m);
    expect(stdout).toMatch(/^npm run check, 20 programs: .*✓ 20 programs/m);
    expect(stdout).toMatch(/^Program page \(20 pages\): HTML\+CSS max/m);
    expect(stdout).toMatch(
      /^Explorer data, N=20 \(\d+ programs with upcoming dates, \d+ dates\): [\d.]+ KiB, [\d.]+ KiB gzip, [\d.]+ KiB brotli \(target under 200 KB compressed: met\)$/m,
    );
    expect(stdout).toMatch(
      /^Explorer filter, N=20, 4x CPU throttling: median [\d.]+ ms, worst [\d.]+ ms over 14 changes/m,
    );
    expect(stdout).toMatch(
      /^Demo library \(\d+ programs\): first build \d+\.\d s \(empty image cache\), warm build \d+\.\d s/m,
    );
  }, 300_000);
});
