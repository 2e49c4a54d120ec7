// `npm run bench [-- --sizes 500,2000] [-- --cold-sizes 500] [-- --no-rebuild] [-- --no-check]
//   [-- --check-size 1000] [-- --rebuild-size 1000] [-- --explorer-sizes 2000]
//   [-- --languages-sizes 2000] [-- --no-baseline] [-- --no-demo] [-- --json FILE] [-- --keep]`
//
// Generates synthetic catalogues (bench/generate.ts), builds each size with Almanac and with
// the bare-Eleventy baseline (bench/baseline.ts), each build in a fresh child process
// (bench/child.ts) so its peak memory is its own, alternating which goes first. Then it times
// `npm run check` and the `npm start` rebuild after one edit at 1,000 programs (until the
// program's page, /programs/ and the program's calendar show it), weighs a program page, and
// measures the program explorer at 2,000 programs (its data file's size and a filter change
// in Chromium at 4x CPU throttling, bench/explorer.ts). At the --languages-sizes it also
// builds the same catalogue in two languages (English and Spanish, a third of the programs
// translated: generate.ts `spanish`), warm, beside the one-language warm build. Prints one
// line per build, a ratio line per size, and the targets.
// `--sizes "" --no-baseline --no-demo --no-check` measures
// the `npm start` rebuild alone.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { BENCH_NOW, generateCatalogue, type Generated } from "./generate.ts";
import { writeBaselineInput } from "./baseline.ts";
import type { ChildResult } from "./child.ts";
import { describeExplorer, measureExplorer, type ExplorerMeasure } from "./explorer.ts";
import { bundleEntry } from "../scripts/bundle.mjs";
import { freePort } from "../test/helpers/serve.ts";
import { CHROME_PATH, launchBrowser } from "../test/helpers/browser.ts";
import type { Browser, Page } from "playwright-core";
import { OUTPUT_KINDS, outputKind, type OutputByKind } from "./output-kinds.ts";

const APP_DIR = path.resolve(import.meta.dirname, "..");
const ENV = { ...process.env, ALMANAC_NOW: BENCH_NOW };
const TIME_BIN = "/usr/bin/time";

export interface BuildMeasure extends ChildResult {
  programs: number;
  wallMs: number;
  /** Peak RSS of the build's largest process (node or the Pagefind binary), KiB, from `time -v`. */
  timeMaxRssKiB?: number;
  /** Peak of the summed RSS of the build's process tree, sampled every 100 ms, KiB. */
  treePeakKiB: number;
  outputBytes: number;
  outputFiles: number;
  /** Bytes and files of each kind of output. */
  outputByKind: OutputByKind;
  /** Ours only: the image cache was empty (`cold`) or left by the previous build (`warm`). */
  cache?: "cold" | "warm";
  /** The site's number of `site_languages`, when more than one. */
  languages?: number;
}

// ---------------------------------------------------------------------------------------------
// Child processes and memory

/** Sums the RSS (KiB) of `pid` and all its descendants, from /proc. */
function treeRssKiB(pid: number): number {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const e of entries) {
    try {
      const stat = readFileSync(`/proc/${e}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      const pages = Number(fields[21]);
      const id = Number(e);
      rss.set(id, (pages * 4096) / 1024);
      children.set(ppid, [...(children.get(ppid) ?? []), id]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

interface Ran {
  stdout: string;
  stderr: string;
  code: number | null;
  wallMs: number;
  treePeakKiB: number;
}

function run(command: string, args: string[], cwd = APP_DIR): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let treePeakKiB = 0;
    const sampler = setInterval(() => {
      if (child.pid) treePeakKiB = Math.max(treePeakKiB, treeRssKiB(child.pid));
    }, 100);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(sampler);
      resolve({ stdout, stderr, code, wallMs: performance.now() - t0, treePeakKiB });
    });
  });
}

async function outputSize(
  dir: string,
  languages: readonly string[],
): Promise<{ bytes: number; files: number; byKind: OutputByKind }> {
  let bytes = 0;
  let files = 0;
  const byKind = Object.fromEntries(
    OUTPUT_KINDS.map((k) => [k, { bytes: 0, files: 0 }]),
  ) as OutputByKind;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const size = (await stat(full)).size;
    const kind = byKind[outputKind(path.relative(dir, full).split(path.sep).join("/"), languages)];
    files++;
    bytes += size;
    kind.files++;
    kind.bytes += size;
  }
  return { bytes, files, byKind };
}

async function measureBuild(
  mode: "ours" | "baseline",
  dir: string,
  output: string,
  programs: number,
  /** The folders of the site's other languages (`["es"]`), weighed as the first's pages. */
  languages: readonly string[] = [],
): Promise<BuildMeasure> {
  await rm(output, { recursive: true, force: true });
  // Compiled like `npm run build` (scripts/cli.mjs): plain Node, no tsx loader, for both.
  const node = [process.execPath, await bundleEntry("bench/child.ts")];
  const useTime = existsSync(TIME_BIN);
  const ran = useTime
    ? await run(TIME_BIN, ["-v", ...node, mode, dir, output])
    : await run(node[0]!, [...node.slice(1), mode, dir, output]);
  const line = ran.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (ran.code !== 0 || !line) {
    throw new Error(
      `${mode} build of ${programs} programs failed (exit ${ran.code}):\n${ran.stderr.slice(-3000)}`,
    );
  }
  const result = JSON.parse(line.slice("BENCH_RESULT ".length)) as ChildResult;
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(ran.stderr);
  const size = await outputSize(output, languages);
  return {
    ...result,
    programs,
    wallMs: ran.wallMs,
    timeMaxRssKiB: timeRss ? Number(timeRss[1]) : undefined,
    treePeakKiB: ran.treePeakKiB,
    outputBytes: size.bytes,
    outputFiles: size.files,
    outputByKind: size.byKind,
  };
}

// ---------------------------------------------------------------------------------------------
// `npm run check` and the `npm start` rebuild

/** Wall time of `npm run check` over `root`, npm's own start-up included: what staff wait for. */
async function measureCheck(root: string): Promise<{ ms: number; ok: boolean; line: string }> {
  const ran = await run("npm", ["run", "--silent", "check", "--", "--root", root]);
  return { ms: ran.wallMs, ok: ran.code === 0, line: ran.stdout.trim().split("\n").pop() ?? "" };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(test: () => boolean, timeoutMs: number, stepMs = 10): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (test()) return true;
    await sleep(stepMs);
  }
  return false;
}

function contains(file: string, text: string): boolean {
  try {
    return readFileSync(file, "utf8").includes(text);
  } catch {
    return false;
  }
}

/**
 * When the page in `tab` first painted its heading saying `text` (across the reloads that
 * bring it), as an epoch time in ms: its document's first contentful paint, read once the
 * heading says it (polling finds it later than it was drawn).
 */
async function shownIn(tab: Page, text: string, selector = "h1"): Promise<number> {
  const until = performance.now() + 60_000;
  while (performance.now() < until) {
    const seen = await tab
      .evaluate(
        ([t, where]) => {
          if (!document.querySelector(where!)?.textContent?.includes(t!)) return undefined;
          const paint = performance.getEntriesByName("first-contentful-paint")[0];
          return paint ? performance.timeOrigin + paint.startTime : undefined;
        },
        [text, selector],
      )
      .catch(() => undefined); // mid-reload
    if (seen !== undefined) return seen;
    await sleep(20);
  }
  throw new Error(`the page in Chromium never showed "${text}"`);
}

export interface RebuildMeasure {
  programs: number;
  /** First full build in `npm start`, to the server's address printed. */
  initialMs: number;
  /** One per edit: from writing the file to the program page on disk showing the edit. */
  editsMs: number[];
  /** ...to the listing page (`/programs/`) showing it too. */
  listingsMs: number[];
  /**
   * ...to the program page open in Chromium painting it (the dev server's live reload, the
   * page fetched, its first contentful paint): what staff see. Empty without Chromium (CHROME_PATH).
   */
  browserMs: number[];
  /** ...to `/programs/`, open in a second tab, painting it (empty without Chromium). */
  listingBrowserMs: number[];
  /** ...to the program's first audience page (`termUrl`), open in a third tab, painting it. */
  termBrowserMs: number[];
  termUrl: string;
  /**
   * A page the edit does not change (`otherUrl`, a free page), open in a fourth tab: how
   * often it loaded again over all the edits (0: the reloads reached only the changed pages).
   */
  otherReloads?: number;
  otherUrl?: string;
  /** What the preview printed of each rebuild, and when, from the first edit on (ms). */
  runs?: string[];
  /** ...to the program's calendar (`/programs/<id>.ics`, written after the pages) showing it. */
  calendarsMs: number[];
}

/**
 * Runs `npm start`'s command (`node scripts/cli.mjs start`, without npm's own start-up) on a
 * free port against `gen.root`, edits one program's title `edits` times, and times until
 * its page, `/programs/` and its calendar in the output show each edit, and until its page,
 * `/programs/` and its first audience's page, open in three tabs of Chromium, paint it; a
 * fourth tab shows a page the edit does not change (`/pages/about/`), whose loads are counted.
 */
async function measureRebuild(gen: Generated, edits = 3): Promise<RebuildMeasure> {
  let browser: Browser | undefined;
  let tab: Page | undefined;
  let listingTab: Page | undefined;
  let termTab: Page | undefined;
  let otherTab: Page | undefined;
  const output = await mkdtemp(path.join(tmpdir(), "almanac-bench-serve-"));
  const port = await freePort();
  const id = gen.programIds[Math.floor(gen.programIds.length / 2)]!;
  const source = path.join(gen.root, "content/programs", `${id}.md`);
  const page = path.join(output, "programs", id, "index.html");
  const listing = path.join(output, "programs", "index.html");
  const calendar = path.join(output, "programs", `${id}.ics`);
  const original = await readFile(source, "utf8");
  const audience = /^audiences: \[([a-z0-9-]+)/m.exec(original)?.[1];
  if (!audience) throw new Error(`${source} names no audience`);
  const termUrl = `/audiences/${audience}/`;
  const otherUrl = "/pages/about/";
  const child: ChildProcess = spawn(
    process.execPath,
    ["scripts/cli.mjs", "start", "--root", gen.root, "--output", output, "--port", String(port)],
    { cwd: APP_DIR, env: ENV, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const { title } = gen.bodies.get(id)!;
  try {
    const t0 = performance.now();
    const ready = await waitFor(
      () => contains(page, title) && /Preview at/.test(log),
      10 * 60_000,
      50,
    );
    if (!ready) throw new Error(`npm start did not build ${page}:\n${log.slice(-2000)}`);
    const initialMs = performance.now() - t0;
    if (!contains(listing, title)) throw new Error(`${id} is not on /programs/: pick another`);
    if (existsSync(CHROME_PATH)) {
      browser = await launchBrowser();
      tab = await browser.newPage();
      await tab.goto(`http://localhost:${port}/programs/${id}/`);
      listingTab = await browser.newPage();
      await listingTab.goto(`http://localhost:${port}/programs/`);
      termTab = await browser.newPage();
      await termTab.goto(`http://localhost:${port}${termUrl}`);
      otherTab = await browser.newPage();
      const other = await otherTab.goto(`http://localhost:${port}${otherUrl}`);
      if (other?.status() !== 200) throw new Error(`${otherUrl} answered ${other?.status()}`);
    }
    await sleep(1000);
    const browserMs: number[] = [];
    const listingBrowserMs: number[] = [];
    const termBrowserMs: number[] = [];
    const editsMs: number[] = [];
    const listingsMs: number[] = [];
    const calendarsMs: number[] = [];
    let otherReloads = 0;
    const edited = performance.now();
    const seen = log.length;
    otherTab?.on("load", () => {
      otherReloads++;
      log += `(${otherUrl} loaded at ${Math.round(performance.now() - edited)} ms)\n`;
    });
    for (let k = 1; k <= edits; k++) {
      const marker = `${title} edit${k}`;
      const t = performance.now();
      const saved = Date.now();
      const drawn = tab && shownIn(tab, marker).then((at) => at - saved);
      const listed = listingTab && shownIn(listingTab, marker, "main").then((at) => at - saved);
      const termed = termTab && shownIn(termTab, marker, "main").then((at) => at - saved);
      await writeFile(source, original.replace(`title: ${title}`, `title: ${marker}`));
      const shown = await waitFor(() => contains(page, marker), 60_000);
      if (!shown) throw new Error(`edit ${k} never showed in ${page}:\n${log.slice(-2000)}`);
      editsMs.push(performance.now() - t);
      if (!(await waitFor(() => contains(listing, marker), 60_000)))
        throw new Error(`edit ${k} never showed in ${listing}`);
      listingsMs.push(performance.now() - t);
      if (!(await waitFor(() => contains(calendar, marker), 60_000)))
        throw new Error(`edit ${k} never showed in ${calendar}`);
      calendarsMs.push(performance.now() - t);
      if (drawn) browserMs.push(await drawn);
      if (listed) listingBrowserMs.push(await listed);
      if (termed) termBrowserMs.push(await termed);
      await sleep(1500);
    }
    return {
      programs: gen.programIds.length,
      initialMs,
      editsMs,
      listingsMs,
      browserMs,
      listingBrowserMs,
      termBrowserMs,
      termUrl,
      ...(otherTab && { otherReloads, otherUrl }),
      runs: log.slice(seen).split("\n").filter(Boolean),
      calendarsMs,
    };
  } finally {
    await browser?.close();
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
    await writeFile(source, original);
    await rm(output, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Page weight

export interface PageWeight {
  pages: number;
  /** Largest program page: HTML plus the CSS it links, bytes. */
  maxHtmlCss: number;
  medianHtmlCss: number;
  /** 90th percentile. */
  p90HtmlCss: number;
  /** Program pages at or over 30 KB of HTML+CSS. */
  over30k: number;
  /** Our own JS a program page loads (scripts outside /pagefind/), bytes. */
  maxOwnJs: number;
  /** Scripts in a program page that block rendering (classic `<script src>` in the head without defer/async). */
  renderBlocking: string[];
}

function weighPage(
  site: string,
  html: string,
): { htmlCss: number; ownJs: number; blocking: string[] } {
  const file = (url: string) => path.join(site, url.split(/[?#]/)[0]!);
  let htmlCss = Buffer.byteLength(html);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    if (!/rel="?stylesheet/.test(m[0])) continue;
    const href = /href="([^"]+)"/.exec(m[0])?.[1];
    if (href?.startsWith("/") && existsSync(file(href))) htmlCss += statSync(file(href)).size;
  }
  let ownJs = 0;
  const blocking: string[] = [];
  const head = html.slice(0, html.indexOf("</head>") + 1 || html.length);
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const src = /src="([^"]+)"/.exec(attrs)?.[1];
    if (!src) continue;
    if (src.startsWith("/") && !src.startsWith("/pagefind/") && existsSync(file(src)))
      ownJs += statSync(file(src)).size;
    const deferred = /\b(defer|async)\b|type="module"/.test(attrs);
    if (!deferred && m.index! < head.length) blocking.push(src);
  }
  return { htmlCss, ownJs, blocking };
}

async function measurePageWeight(site: string, programIds: string[]): Promise<PageWeight> {
  const dir = path.join(site, "programs");
  const sizes: number[] = [];
  let maxOwnJs = 0;
  const blocking = new Set<string>();
  for (const id of programIds) {
    const html = await readFile(path.join(dir, id, "index.html"), "utf8").catch(() => "");
    if (!html) continue;
    const w = weighPage(site, html);
    sizes.push(w.htmlCss);
    maxOwnJs = Math.max(maxOwnJs, w.ownJs);
    w.blocking.forEach((b) => blocking.add(b));
  }
  sizes.sort((a, b) => a - b);
  return {
    pages: sizes.length,
    maxHtmlCss: sizes.at(-1) ?? 0,
    medianHtmlCss: sizes[Math.floor(sizes.length / 2)] ?? 0,
    p90HtmlCss: sizes[Math.floor(sizes.length * 0.9)] ?? 0,
    over30k: sizes.filter((b) => b >= 30_000).length,
    maxOwnJs,
    renderBlocking: [...blocking],
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function describe(m: BuildMeasure): string {
  const peak = Math.max(m.treePeakKiB, m.timeMaxRssKiB ?? 0);
  return [
    `${(m.cache ? `${m.mode}-${m.cache}${m.languages ? `-${m.languages}-languages` : ""}` : m.mode).padEnd(9)} N=${String(m.programs).padEnd(6)}`,
    `total ${s(m.totalMs).padStart(7)}`,
    m.loadMs !== undefined ? `load ${s(m.loadMs)}` : "",
    `eleventy ${s(m.eleventyMs)}`,
    `pagefind ${s(m.pagefindMs)} (${Math.round((100 * m.pagefindMs) / m.totalMs)}%${m.pagefindBy === "bench" && m.mode === "ours" ? ", run by the bench" : ""})`,
    `process ${s(m.wallMs)}`,
    `peak ${mib(peak)} (node ${mib(m.maxRssKiB)})`,
    `output ${(m.outputBytes / 1048576).toFixed(1)} MiB in ${m.outputFiles} files`,
    `${(m.totalMs / m.programs).toFixed(2)} ms/program`,
  ]
    .filter(Boolean)
    .join(", ");
}

/** The two-language target: at most this many times the one-language build, at 2,000. */
const LANGUAGES_TARGET = 2.2;

/** The output-size target: under 35 KiB a program at 2,000 programs. */
const OUTPUT_TARGET_KIB = 35;

/** What each kind of output weighs, per program, largest first; and the target at 2,000. */
function describeOutput(m: BuildMeasure): string {
  const perProgram = (bytes: number) => bytes / 1024 / m.programs;
  const kinds = OUTPUT_KINDS.map((k) => [k, m.outputByKind[k]] as const)
    .filter(([, v]) => v.files > 0)
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(
      ([k, v]) =>
        `${k} ${(v.bytes / 1048576).toFixed(1)} MiB in ${v.files} files (${perProgram(v.bytes).toFixed(1)} KiB/program)`,
    );
  const total = perProgram(m.outputBytes);
  const target =
    m.programs === 2000
      ? ` (target under ${OUTPUT_TARGET_KIB} KiB: ${total < OUTPUT_TARGET_KIB ? "met" : `NOT met, ${(total / OUTPUT_TARGET_KIB).toFixed(2)}x`})`
      : "";
  return `Output by kind, ${m.mode}${m.cache ? `-${m.cache}` : ""} N=${m.programs}: ${total.toFixed(1)} KiB/program${target}: ${kinds.join("; ")}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "500,2000,5000,20000" },
      "no-rebuild": { type: "boolean" },
      "no-check": { type: "boolean" },
      "no-baseline": { type: "boolean" },
      "no-demo": { type: "boolean" },
      "cold-sizes": { type: "string", default: "500" },
      "check-size": { type: "string", default: "1000" },
      "rebuild-size": { type: "string", default: "1000" },
      "explorer-sizes": { type: "string", default: "2000" },
      "languages-sizes": { type: "string", default: "2000" },
      json: { type: "string" },
      keep: { type: "boolean" },
    },
  });
  const sizes = values
    .sizes!.split(",")
    .filter((v) => v.trim())
    .map((v) => {
      const n = Number(v.trim());
      if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes: "${v}" is not a whole number`);
      return n;
    });
  const coldSizes = new Set(
    values["cold-sizes"]!.split(",")
      .filter(Boolean)
      .map((v) => Number(v.trim())),
  );
  const explorerSizes = new Set(
    values["explorer-sizes"]!.split(",")
      .filter(Boolean)
      .map((v) => Number(v.trim())),
  );
  const languagesSizes = new Set(
    values["languages-sizes"]!.split(",")
      .filter((v) => v.trim())
      .map((v) => Number(v.trim())),
  );
  const explorers: (ExplorerMeasure & { size: number })[] = [];
  const work = await mkdtemp(path.join(tmpdir(), "almanac-bench-"));
  const builds: BuildMeasure[] = [];
  const ratios: { programs: number; cache: "cold" | "warm"; ratio: number }[] = [];
  /** Two languages against one, warm, whole process, by size. */
  const languageRatios: { programs: number; translated: number; ratio: number }[] = [];
  let weight: PageWeight | undefined;
  const cleanup: string[] = [work];
  const built = new Map<number, Generated>();
  /** The last size's image cache, handed on to the next size (see the priming build). */
  const carried = path.join(work, "image-cache");

  console.log(
    `Almanac benchmark: sizes ${sizes.join(", ")}; ALMANAC_NOW=${BENCH_NOW}; work in ${work}`,
  );
  for (const [i, n] of sizes.entries()) {
    const g0 = performance.now();
    const gen = await generateCatalogue({ programs: n, root: path.join(work, `lib-${n}`) });
    const input = path.join(work, `baseline-${n}`);
    if (!values["no-baseline"]) await writeBaselineInput(gen, input);
    console.log(
      `\nN=${n}: generated ${n} programs, ${gen.partners} partners, ${gen.guides} guides in ${s(performance.now() - g0)}`,
    );
    // Ours twice: first with an empty image cache (a first build), then again with the cache
    // that build left in `<root>/.cache/images` (every later build, `npm start`, a CI job that
    // keeps the cache). The baseline goes first on every other size.
    // A cold build draws every social card (about 0.2 s each here), so it runs only at the
    // --cold-sizes; the others prime the cache with a build that is not measured.
    type Run = "ours-cold" | "baseline" | "ours-warm" | "two-languages";
    const cold = coldSizes.has(n);
    if (!cold) {
      // The image cache is keyed by what each image is made of, so the previous size's cards
      // are valid here (same library, many titles in common): only new titles are drawn.
      if (existsSync(carried)) {
        await cp(carried, path.join(gen.root, ".cache"), { recursive: true });
      }
      const prime = await measureBuild("ours", gen.root, path.join(work, `prime-${n}-site`), n);
      console.log(`(image cache primed by an unmeasured build: ${s(prime.wallMs)})`);
      await rm(path.join(work, `prime-${n}-site`), { recursive: true, force: true });
    }
    // The same catalogue in English and Spanish, its image cache primed as the one-language
    // library's (the Spanish pages share the English pages' cards and pictures).
    const bilingual = languagesSizes.has(n)
      ? await generateCatalogue({
          programs: n,
          root: path.join(work, `lib-${n}-es`),
          spanish: true,
        })
      : undefined;
    if (bilingual) {
      // From the one-language library's cache once primed (same titles, same cards).
      const cache = existsSync(path.join(gen.root, ".cache"))
        ? path.join(gen.root, ".cache")
        : carried;
      if (existsSync(cache))
        await cp(cache, path.join(bilingual.root, ".cache"), { recursive: true });
      const prime = await measureBuild(
        "ours",
        bilingual.root,
        path.join(work, `prime-${n}-es-site`),
        n,
      );
      console.log(
        `(two languages: ${bilingual.translated.length} programs translated; image cache primed by an unmeasured build: ${s(prime.wallMs)})`,
      );
      await rm(path.join(work, `prime-${n}-es-site`), { recursive: true, force: true });
    }
    const runs: Run[] = values["no-baseline"]
      ? ["ours-cold", "ours-warm"]
      : i % 2 === 0
        ? ["ours-cold", "baseline", "ours-warm"]
        : ["baseline", "ours-cold", "ours-warm"];
    // The two-language build beside the one-language warm one, after it on every other size.
    if (bilingual)
      runs.splice(runs.indexOf("ours-warm") + (i % 2 === 0 ? 1 : 0), 0, "two-languages");
    const order = runs.filter((r) => cold || r !== "ours-cold");
    const here: Partial<Record<Run, BuildMeasure>> = {};
    for (const kind of order) {
      const mode = kind === "baseline" ? "baseline" : "ours";
      const out = path.join(work, `${kind}-${n}-site`);
      const m =
        kind === "two-languages"
          ? await measureBuild(mode, bilingual!.root, out, n, ["es"])
          : await measureBuild(mode, mode === "ours" ? gen.root : input, out, n);
      m.cache = kind === "ours-cold" ? "cold" : kind === "baseline" ? undefined : "warm";
      if (kind === "two-languages") m.languages = 2;
      here[kind] = m;
      builds.push(m);
      console.log(describe(m));
      if (kind === "ours-warm") console.log(describeOutput(m));
      if (kind === "ours-warm" && !weight) weight = await measurePageWeight(out, gen.programIds);
      if (kind === "ours-warm" && explorerSizes.has(n)) {
        const explorer = await measureExplorer(out);
        explorers.push({ ...explorer, size: n });
        for (const line of describeExplorer(n, explorer)) console.log(line);
      }
      await rm(out, { recursive: true, force: true });
    }
    const base = here.baseline;
    for (const kind of ["ours-warm", "ours-cold"] as const) {
      const ours = here[kind];
      if (!ours || !base) continue;
      const ratio = ours.wallMs / base.wallMs;
      ratios.push({ programs: n, cache: ours.cache!, ratio });
      const target =
        n === 2000 || n === 5000
          ? ` (target at most 1.5x: ${ratio <= 1.5 ? "met" : "NOT met"})`
          : "";
      console.log(
        `ratio N=${n} (${ours.cache} image cache): ours/baseline = ${ratio.toFixed(2)}x${target} [whole process: ${s(ours.wallMs)} vs ${s(base.wallMs)}]`,
      );
    }
    const one = here["ours-warm"];
    const two = here["two-languages"];
    if (one && two && bilingual) {
      const ratio = two.wallMs / one.wallMs;
      languageRatios.push({ programs: n, translated: bilingual.translated.length, ratio });
      const target =
        n === 2000
          ? ` (target at most ${LANGUAGES_TARGET}x: ${ratio <= LANGUAGES_TARGET ? "met" : "NOT met"})`
          : "";
      console.log(
        `languages N=${n} (warm image cache, ${bilingual.translated.length} programs translated): two languages ${s(two.wallMs)}, one language ${s(one.wallMs)}, two/one = ${ratio.toFixed(2)}x${target}`,
      );
    }
    if (bilingual && !values.keep) await rm(bilingual.root, { recursive: true, force: true });
    await rm(input, { recursive: true, force: true });
    await rm(carried, { recursive: true, force: true });
    await cp(path.join(gen.root, ".cache"), carried, { recursive: true });
    // A library built here (its image cache warm) is reused for the check and npm start runs.
    if (n === Number(values["check-size"]) || n === Number(values["rebuild-size"]))
      built.set(n, gen);
    else if (!values.keep) await rm(gen.root, { recursive: true, force: true });
  }

  // The demo library (its frozen copy in test/fixtures/demo), first build with an empty image
  // cache (every image encoded, every social card drawn), then again with the cache it left.
  let demo: { cold: BuildMeasure; warm: BuildMeasure } | undefined;
  if (!values["no-demo"]) {
    const root = path.join(work, "demo");
    const fixture = path.join(APP_DIR, "test/fixtures/demo");
    await cp(path.join(fixture, "content"), path.join(root, "content"), { recursive: true });
    await cp(path.join(fixture, "_data"), path.join(root, "_data"), { recursive: true });
    const programs = (await readdir(path.join(root, "content/programs"))).length;
    const cold = await measureBuild("ours", root, path.join(work, "demo-cold"), programs);
    const warm = await measureBuild("ours", root, path.join(work, "demo-warm"), programs);
    demo = { cold, warm };
    console.log(
      `\nDemo library (${programs} programs): first build ${s(cold.wallMs)} (empty image cache), warm build ${s(warm.wallMs)}`,
    );
  }

  const ours = builds.filter((b) => b.cache === "warm" && !b.languages);
  if (ours.length > 1) {
    console.log(
      "\nGrowth (ours, warm cache, whole process): " +
        ours
          .slice(1)
          .map((b, k) => {
            const a = ours[k]!;
            return `${a.programs}→${b.programs}: ×${(b.programs / a.programs).toFixed(1)} programs, ×${(b.wallMs / a.wallMs).toFixed(2)} time`;
          })
          .join("; "),
    );
  }

  let check: { ms: number; ok: boolean; line: string } | undefined;
  let rebuild: RebuildMeasure | undefined;
  const extraSizes = new Set<number>();
  if (!values["no-check"]) extraSizes.add(Number(values["check-size"]));
  if (!values["no-rebuild"]) extraSizes.add(Number(values["rebuild-size"]));
  for (const n of extraSizes) {
    const reused = built.get(n);
    const gen =
      reused ?? (await generateCatalogue({ programs: n, root: path.join(work, `extra-${n}`) }));
    if (!values["no-check"] && n === Number(values["check-size"])) {
      await measureCheck(gen.root); // warm the disk cache and compile the command
      check = await measureCheck(gen.root);
      console.log(
        `\nnpm run check, ${n} programs: ${s(check.ms)} (target under 2 s: ${check.ms < 2000 ? "met" : "NOT met"}): ${check.line}`,
      );
    }
    if (!values["no-rebuild"] && n === Number(values["rebuild-size"])) {
      // Staff run `npm start` on a library that has been built before: prime the image cache.
      if (!reused) {
        if (existsSync(carried))
          await cp(carried, path.join(gen.root, ".cache"), { recursive: true });
        await measureBuild("ours", gen.root, path.join(work, `prime-serve-${n}`), n);
        await rm(path.join(work, `prime-serve-${n}`), { recursive: true, force: true });
      }
      rebuild = await measureRebuild(gen);
      const worst = Math.max(
        ...rebuild.editsMs,
        ...rebuild.listingsMs,
        ...rebuild.browserMs,
        ...rebuild.listingBrowserMs,
        ...rebuild.termBrowserMs,
      );
      const ms = (list: number[]) => list.map((m) => `${Math.round(m)} ms`).join(", ");
      console.log(
        `npm start, ${n} programs: first build ${s(rebuild.initialMs)}; one edit shows on its page in ${ms(rebuild.editsMs)}, on /programs/ in ${ms(rebuild.listingsMs)}, in Chromium in ${rebuild.browserMs.length ? `${ms(rebuild.browserMs)} (/programs/ in a second tab: ${ms(rebuild.listingBrowserMs)}; ${rebuild.termUrl} in a third: ${ms(rebuild.termBrowserMs)}; ${rebuild.otherUrl}, unchanged, in a fourth: reloaded ${rebuild.otherReloads} times)` : "(no Chromium)"} (target under 1 s: ${worst < 1000 ? "met" : "NOT met"}); its calendar follows in ${ms(rebuild.calendarsMs)}`,
      );
    }
  }

  if (weight) {
    console.log(
      `\nProgram page (${weight.pages} pages): HTML+CSS max ${kb(weight.maxHtmlCss)}, median ${kb(weight.medianHtmlCss)}, 90th percentile ${kb(weight.p90HtmlCss)}, ${weight.over30k} at or over 30 KB (target under 30 KB: ${weight.maxHtmlCss < 30_000 ? "met" : "NOT met"}); ` +
        `own JS ${kb(weight.maxOwnJs)} (target under 10 KB: ${weight.maxOwnJs < 10_000 ? "met" : "NOT met"}); ` +
        `render-blocking scripts: ${weight.renderBlocking.length ? weight.renderBlocking.join(", ") : "none"}`,
    );
  }
  if (values.json) {
    await writeFile(
      values.json,
      JSON.stringify(
        { sizes, builds, ratios, languageRatios, check, rebuild, weight, demo, explorers },
        null,
        2,
      ),
    );
  }
  if (!values.keep) for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
}

await main();
