// Smoke test of the benchmark tooling (no timing assertions: timings depend on the machine).
// The generator must produce a catalogue the real loader accepts, deterministically, and
// `npm run bench` must run end to end at a tiny size and print its ratio line.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { BENCH_NOW, generateCatalogue } from "../bench/generate.ts";
import { OUTPUT_KINDS, outputKind } from "../bench/output-kinds.ts";
import { loadCatalogue } from "../src/content/catalogue.ts";

const APP_DIR = path.resolve(import.meta.dirname, "..");

/**
 * The problems of a generated catalogue but one kind of warning: the generator excepts the
 * holidays from every series, also from a fortnightly one that has no session that day
 * (`repeat.except "2026-11-26" matches none of the program's dates`). It is kept so, as
 * the catalogues stay byte for byte what earlier benchmark runs built.
 */
const unexpected = (problems: { severity: string; field?: string; message: string }[]) =>
  problems.filter(
    (p) =>
      !(
        p.severity === "warning" &&
        p.field === "repeat.except" &&
        p.message.includes("matches none of the program's dates")
      ),
  );

describe("bench/generate.ts", () => {
  it("writes a catalogue of N programs that loads with no errors or warnings", async () => {
    const gen = await generateCatalogue({ programs: 20 });
    const now = DateTime.fromISO(BENCH_NOW, { zone: "America/Chicago" });
    const { catalogue, problems } = await loadCatalogue({ root: gen.root, now });
    expect(unexpected(problems)).toEqual([]);
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

  it("writes a two-language catalogue that loads, and leaves the one-language files as they were", async () => {
    const one = await generateCatalogue({ programs: 60, seed: 3 });
    const two = await generateCatalogue({ programs: 60, seed: 3, spanish: true });
    const now = DateTime.fromISO(BENCH_NOW, { zone: "America/Chicago" });
    const { catalogue, problems } = await loadCatalogue({ root: two.root, now });
    expect(unexpected(problems)).toEqual([]);
    expect(catalogue!.library.siteLanguages).toEqual(["en", "es"]);
    expect(catalogue!.library.audiences[0]!.labels).toEqual({ en: "Kids", es: "Niños" });
    // About a third translated, each with a Spanish title, summary and body.
    expect(two.translated.length).toBeGreaterThan(10);
    expect(two.translated.length).toBeLessThan(30);
    const translated = catalogue!.programs.filter((p) => p.translations?.es);
    expect(translated.map((p) => p.id).sort()).toEqual([...two.translated].sort());
    for (const p of translated) {
      const es = p.translations!.es!;
      expect(es.title).not.toBe(p.title);
      expect(es.summary).toBeTruthy();
      expect(es.body.length).toBeGreaterThan(100);
    }
    expect(one.translated).toEqual([]);
    // The same programs: every file of the one-language library is in the other, the same
    // but for library.yaml.
    expect(two.programIds).toEqual(one.programIds);
    for (const id of one.programIds) {
      const read = (root: string) =>
        readFile(path.join(root, "content/programs", `${id}.md`), "utf8");
      expect(await read(two.root), id).toBe(await read(one.root));
    }
  });

  it("writes the one-language library it always wrote, byte for byte", async () => {
    // Figures of earlier runs stay comparable only while the generator draws what it drew:
    // new fields come from PRNGs of their own. The hash of every file (path and bytes) of
    // the 20-program library, as the generator wrote it before the two-language option.
    const gen = await generateCatalogue({ programs: 20 });
    const files = (await readdir(gen.root, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(gen.root, path.join(e.parentPath, e.name)))
      .sort();
    const hash = createHash("sha256");
    for (const f of files)
      hash
        .update(`${f}\0`)
        .update(await readFile(path.join(gen.root, f)))
        .update("\0");
    expect(`${files.length} ${hash.digest("hex")}`).toBe(
      "33 af0887d696c615e7816f4e9ce4407be52d36eb2a6c2b5b156f13ed1f8e33a7a9",
    );
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

describe("bench/output-kinds.ts", () => {
  it("sorts every file of the demo's output into a kind, pages by what they show", async () => {
    const files = (await readFile(path.join(APP_DIR, "test/snapshots/output/demo.txt"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => line.split(" ")[2]!);
    // The demo is in English and Spanish: /es/ pages are of their English pages' kinds.
    const kind = (file: string) => outputKind(file, ["es"]);
    const byKind = new Map<string, string[]>();
    for (const file of files) byKind.set(kind(file), [...(byKind.get(kind(file)) ?? []), file]);
    const count = (kind: string) => byKind.get(kind)?.length ?? 0;
    const programs = files.filter((f) => /^programs\/[^/]+\.ics$/.test(f)).length;
    expect(count("program pages")).toBe(2 * programs);
    expect(byKind.get("program pages")).toContain("es/programs/homework-help/index.html");
    expect(byKind.get("listing pages")).toEqual(
      expect.arrayContaining([
        "index.html",
        "programs/index.html",
        "programs/today/index.html",
        "programs/page/2/index.html",
        "audiences/kids/index.html",
        "categories/arts/index.html",
        "locations/central/index.html",
      ]),
    );
    expect(byKind.get("other pages")).toEqual(
      expect.arrayContaining([
        "guides/lateral-reading/index.html",
        "404.html",
        "search/index.html",
      ]),
    );
    expect(byKind.get("programs.json")).toEqual(["es/programs.json", "programs.json"]);
    expect(byKind.get("offline data")).toEqual(["es/offline/data.json", "offline/data.json"]);
    expect(count("calendars (.ics)")).toBeGreaterThan(programs);
    expect(count("month calendars")).toBeGreaterThan(0);
    expect(count("print months")).toBeGreaterThan(0);
    // A card a program and one for the site; programs drawn alike share theirs (and a
    // program's Spanish page shares its English page's).
    expect(count("social cards")).toBeGreaterThan(programs / 2);
    expect(count("social cards")).toBeLessThanOrEqual(programs + 1);
    expect(count("Pagefind")).toBeGreaterThan(10);
    // Whatever is left is small and named here, so a new kind of output is not missed.
    // (The scripts' words, `/assets/plan-strings-<hash>.json` and share's, are a few hundred
    // bytes a language.)
    const words = /^assets\/[a-z]+-strings-[0-9a-f]{10}\.json$/;
    expect(
      byKind
        .get("other")
        ?.every((f) => !f.endsWith(".html") && (!f.endsWith(".json") || words.test(f))),
    ).toBe(true);
    expect([...byKind.keys()].every((k) => (OUTPUT_KINDS as readonly string[]).includes(k))).toBe(
      true,
    );
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
        "--languages-sizes",
        "20",
      ],
      // Four builds of the tiny library (the two-language one primed, then measured), the
      // baseline and the demo's two: minutes on a busy 2-core machine.
      { cwd: APP_DIR, timeout: 480_000, maxBuffer: 1 << 24 },
    );
    expect(stdout).toMatch(/^ours-cold +N=20 .*total/m);
    expect(stdout).toMatch(/^baseline +N=20 .*total/m);
    expect(stdout).toMatch(/^ours-warm +N=20 .*total/m);
    expect(stdout).toMatch(/^ratio N=20 \(warm image cache\): ours\/baseline = \d+\.\d\dx/m);
    // The same catalogue in English and Spanish, warm, beside the one-language warm build.
    expect(stdout).toMatch(/^ours-warm-2-languages N=20 .*total/m);
    expect(stdout).toMatch(
      /^languages N=20 \(warm image cache, \d+ programs translated\): two languages \d+\.\d s, one language \d+\.\d s, two\/one = \d+\.\d\dx$/m,
    );
    // Largest first, so in no fixed order.
    const byKind = /^Output by kind, ours-warm N=20: [\d.]+ KiB\/program: (.*)$/m.exec(stdout);
    expect(byKind?.[1]).toMatch(
      /(^|; )program pages [\d.]+ MiB in 20 files \([\d.]+ KiB\/program\)/,
    );
    expect(byKind?.[1]).toMatch(/(^|; )social cards [\d.]+ MiB in \d+ files/);
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
  }, 540_000);
});
