// `node --import tsx bench/consortium.ts [--members 20] [--programs 1000] [--json FILE] [--keep]
//   [--dir DIR [--no-build]]`
//
// The consortium measurement (docs/consortium.md, docs/performance.md), runnable alone:
// generates `--members` member libraries of `--programs` programs each, builds a consortium
// site over them, then serves every member from its own origin and times a search across
// all of them in Chromium. Targets (issue 18): the build under a minute, a query under
// 300 ms, with the bytes a query fetches reported.
//
// Members are made cheaply rather than built: what a consortium reads of a member is its
// `/programs.json` (the build) and its `/pagefind/` index (the browser), so each member is
// a folder with an `.almanac-build` marker, a generated `programs.json` in Almanac's format
// (3 dates a program, members in four zones) and a Pagefind index made with Pagefind's
// Node API from generated program pages carrying the filters and metadata Almanac's pages
// carry (`type`, `audience`, `category`, `location`, `month`, `dates`; `title`, `date`,
// `place`), with the word list beside it (`almanac-words.json`). A real member build would
// index the same kind of page.
//
// To iterate without generating members each time: `--dir DIR` works in DIR and keeps it;
// a second run with the same DIR and sizes reuses its members (served on the ports they
// had, which the consortium names), and `--no-build` reuses its consortium build too.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { buildSite } from "../almanac.ts";
import { PROGRAMS_JSON_VERSION, type ProgramsJson } from "../src/outputs/programs-json.ts";
import { indexedText, Vocabulary, VOCABULARY_FILE, vocabularyJson } from "../src/search/words.ts";
import { launchBrowser } from "../test/helpers/browser.ts";
import { serveStatic, type StaticServer } from "../test/helpers/serve.ts";
import { BENCH_NOW } from "./generate.ts";

const ZONES = ["America/Chicago", "America/New_York", "Europe/London", "America/Denver"];
const AUDIENCES = ["kids", "teens", "adults", "seniors", "families"];
const CATEGORIES = ["technology", "books", "crafts", "science", "music", "languages", "careers"];
const TOPICS = [
  ["Storytime", "rhymes songs and picture books for little ones"],
  ["LEGO Club", "build share and show off with thousands of bricks"],
  ["Coding Club", "make a small game in Python or Scratch"],
  ["Knitting Circle", "bring your needles or borrow ours"],
  ["Book Group", "this month's novel and a cup of tea"],
  ["Job Help", "resumes cover letters and interview practice"],
  ["Chess Club", "all levels welcome boards provided"],
  ["Film Night", "a classic on the big screen with popcorn"],
  ["Tax Help", "free tax preparation with volunteers"],
  ["Science Lab", "experiments with slime magnets and rockets"],
] as const;

/** A tiny seeded PRNG (mulberry32), so every run generates the same members. */
function random(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedMember {
  id: string;
  name: string;
  folder: string;
  zone: string;
}

/** One member's folder: marker, programs.json and a Pagefind index of its program pages. */
async function generateMember(
  dir: string,
  n: number,
  programs: number,
  url: string,
): Promise<GeneratedMember> {
  const pagefind = await import("pagefind");
  const id = `member-${n + 1}`;
  const name = `Library ${n + 1}`;
  const zone = ZONES[n % ZONES.length]!;
  const folder = path.join(dir, id);
  const rand = random(1000 + n);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const now = DateTime.fromISO(BENCH_NOW, { zone });
  const locations = [1, 2, 3].map((i) => ({
    id: `branch-${i}`,
    name: `${name} Branch ${i}`,
    address: `${i} Main St`,
  }));
  const occurrences: ProgramsJson["occurrences"] = [];
  const pages: { url: string; content: string }[] = [];
  for (let p = 0; p < programs; p++) {
    const [topic, text] = pick(TOPICS);
    const title = `${topic} ${p + 1}`;
    const programId = `program-${p + 1}`;
    const pageUrl = `/programs/${programId}/`;
    const audience = pick(AUDIENCES);
    const category = pick(CATEGORIES);
    const place = pick(locations);
    const first = now
      .plus({ days: Math.floor(rand() * 60) })
      .set({ hour: 9 + Math.floor(rand() * 11), minute: rand() < 0.5 ? 0 : 30, second: 0 });
    const starts = [0, 7, 14].map((d) => first.plus({ days: d }));
    for (const start of starts) {
      occurrences.push({
        id: programId,
        title,
        summary: `${topic}: ${text}.`,
        start: start.toISO({ suppressMilliseconds: true })!,
        end: start.plus({ minutes: 60 }).toISO({ suppressMilliseconds: true })!,
        allDay: false,
        status: "scheduled",
        location: place,
        online: null,
        audiences: [audience],
        categories: [category],
        url: `${url}${pageUrl}`,
      });
    }
    const filters = [
      ["type", "program"],
      ["audience", audience],
      ["category", category],
      ["location", place.id],
      ["dates", "upcoming"],
      ...[...new Set(starts.map((s) => s.toFormat("yyyy-MM")))].map((m) => ["month", m]),
    ];
    const meta = [
      ["title", title],
      ["date", starts[0]!.toFormat("cccc, LLLL d, h:mm a")],
      ["place", place.name],
    ];
    pages.push({
      url: pageUrl,
      content: `<!doctype html><html lang="en"><head><title>${title}</title></head><body>
<article data-pagefind-body data-pagefind-sort="date:${starts[0]!.toUTC().toISO()}">
<h1>${title}</h1><p>${topic}: ${text}. For ${audience} at ${place.name}, ${place.address}.
Every week at ${name}; free, no registration needed.</p>
${filters.map(([k, v]) => `<span data-pagefind-filter="${k}[data-value]" data-value="${v}"></span>`).join("")}
${meta.map(([k, v]) => `<span data-pagefind-meta="${k}[data-value]" data-value="${v}"></span>`).join("")}
</article></body></html>`,
    });
  }
  occurrences.sort(
    (a, b) => DateTime.fromISO(a.start).toMillis() - DateTime.fromISO(b.start).toMillis(),
  );
  const feed: ProgramsJson = {
    version: PROGRAMS_JSON_VERSION,
    generated: now.toISO({ suppressMilliseconds: true })!,
    library: {
      name,
      url,
      timezone: zone,
      audiences: AUDIENCES.map((a) => ({ id: a, label: a[0]!.toUpperCase() + a.slice(1) })),
      categories: CATEGORIES.map((c) => ({ id: c, label: c[0]!.toUpperCase() + c.slice(1) })),
    },
    occurrences,
  };
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, ".almanac-build"), '{"generator":"almanac-bench"}');
  await writeFile(path.join(folder, "programs.json"), JSON.stringify(feed, null, 2) + "\n");
  const { index } = await pagefind.createIndex({ forceLanguage: "en" });
  if (!index) throw new Error("Pagefind could not start");
  const vocabulary = new Vocabulary();
  for (const page of pages) {
    await index.addHTMLFile(page);
    vocabulary.add(indexedText(page.content));
  }
  await index.writeFiles({ outputPath: path.join(folder, "pagefind") });
  await index.deleteIndex();
  // The word list a member's build writes beside its index (src/search/indexer.ts).
  await writeFile(path.join(folder, VOCABULARY_FILE), vocabularyJson(vocabulary));
  return { id, name, folder, zone };
}

export interface ConsortiumMeasure {
  members: number;
  programsPerMember: number;
  occurrences: number;
  generateMs: number;
  buildMs: number;
  buildOk: boolean;
  /** `--dir`: the members were generated by an earlier run (`generateMs` is that run's). */
  reusedMembers?: boolean;
  /** `--no-build`: the consortium's build is an earlier run's (no `buildMs`). */
  reusedBuild?: boolean;
  /** Opening /search/ until every member's index is merged. */
  searchReadyMs: number;
  /** Each query: its words, time from submit to results shown, bytes fetched, results. */
  queries: { q: string; ms: number; bytes: number; requests: number; results: number }[];
}

/** What `--dir` keeps of generated members, to serve them again on the same origins. */
interface KeptMembers {
  members: number;
  programs: number;
  generateMs: number;
  generated: (GeneratedMember & { port: number })[];
}

export async function measureConsortium(options: {
  members: number;
  programs: number;
  keep?: boolean;
  /** Work in this folder and keep it; reuse the members generated there (same sizes). */
  dir?: string;
  /** With `dir`: reuse its consortium build instead of building again. */
  noBuild?: boolean;
}): Promise<ConsortiumMeasure> {
  const dir = options.dir
    ? path.resolve(options.dir)
    : await mkdtemp(path.join(tmpdir(), "almanac-consortium-bench-"));
  const keptFile = path.join(dir, "bench-members.json");
  const kept = options.dir
    ? ((await readFile(keptFile, "utf8")
        .then((t) => JSON.parse(t) as KeptMembers)
        .catch(() => undefined)) ?? undefined)
    : undefined;
  const reuse = kept?.members === options.members && kept.programs === options.programs;
  const servers: StaticServer[] = [];
  try {
    // Each member's origin first: the consortium names where they are published.
    const cors = { "access-control-allow-origin": "*" };
    const members: GeneratedMember[] = [];
    let generateMs = reuse ? kept.generateMs : 0;
    if (reuse) {
      for (const m of kept.generated) {
        servers.push(await serveStatic(m.folder, cors, m.port));
        members.push({ id: m.id, name: m.name, folder: m.folder, zone: m.zone });
      }
    } else {
      for (let i = 0; i < options.members; i++) servers.push(await serveStatic(dir, cors));
      const t0 = performance.now();
      for (let i = 0; i < options.members; i++) {
        members.push(await generateMember(dir, i, options.programs, servers[i]!.url));
        servers[i]!.setRoot(members[i]!.folder);
      }
      const pagefind = await import("pagefind");
      await pagefind.close();
      generateMs = performance.now() - t0;
      const record: KeptMembers = {
        members: options.members,
        programs: options.programs,
        generateMs,
        generated: members.map((m, i) => ({ ...m, port: Number(new URL(servers[i]!.url).port) })),
      };
      if (options.dir) await writeFile(keptFile, JSON.stringify(record, null, 2) + "\n");
    }

    const root = path.join(dir, "consortium");
    await mkdir(path.join(root, "content/pages"), { recursive: true });
    await mkdir(path.join(root, "_data"), { recursive: true });
    await writeFile(
      path.join(root, "content/pages/about.md"),
      "---\ntitle: About the consortium\n---\nEvery member library, searched together.\n",
    );
    await writeFile(
      path.join(root, "_data/library.yaml"),
      `name: Bench Consortium
url: https://consortium.example.net
timezone: America/Chicago
horizon_months: 3
audiences:
  - { id: adults, label: Adults }
categories:
  - { id: technology, label: Technology }
consortium:
  members:
${members.map((m, i) => `    - { id: ${m.id}, name: ${m.name}, url: "${servers[i]!.url}", source: "../${m.id}" }`).join("\n")}
`,
    );
    const t1 = performance.now();
    const output = path.join(root, "_site");
    const built =
      reuse && options.noBuild
        ? { ok: true, output, problems: [] }
        : await buildSite({ root, output, env: { ALMANAC_NOW: BENCH_NOW } });
    const buildMs = performance.now() - t1;
    if (!built.ok)
      throw new Error(`consortium build failed: ${JSON.stringify(built.problems.slice(0, 3))}`);

    const site = await serveStatic(built.output);
    servers.push(site);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const t2 = performance.now();
      await page.goto(`${site.url}/search/`);
      await page.waitForSelector("[data-consortium-search-form][data-ready]", { timeout: 120_000 });
      const searchReadyMs = performance.now() - t2;
      const queries: ConsortiumMeasure["queries"] = [];
      for (const q of ["storytime", "lego", "coding club", "knitting"]) {
        // Sizes are read once the query is timed: reading bodies meanwhile slows the page.
        const requests: import("playwright-core").Request[] = [];
        const listener = (request: import("playwright-core").Request) => requests.push(request);
        page.on("request", listener);
        // Time in the page: from the input event to the status line naming the query.
        // A string, not a function: tsx would add its helpers to a function's source.
        const ms = (await page.evaluate(`(async (query) => {
          const input = document.querySelector("#search-q");
          const status = document.querySelector("[data-search-status]");
          const start = performance.now();
          input.value = query;
          input.form.requestSubmit();
          await new Promise((resolve) => {
            const check = () =>
              status.textContent.includes("“" + query + "”") ? resolve() : requestAnimationFrame(check);
            check();
          });
          return performance.now() - start;
        })(${JSON.stringify(q)})`)) as number;
        page.off("request", listener);
        const sizes = await Promise.all(
          requests.map((request) =>
            request
              .response()
              .then((r) => r?.body())
              .then((b) => b?.length ?? 0)
              .catch(() => 0),
          ),
        );
        const results = await page.locator(".search-result").count();
        queries.push({
          q,
          ms,
          bytes: sizes.reduce((a, b) => a + b, 0),
          requests: sizes.length,
          results,
        });
      }
      return {
        members: options.members,
        programsPerMember: options.programs,
        occurrences: options.members * options.programs * 3,
        generateMs,
        buildMs,
        buildOk: built.ok,
        reusedMembers: reuse,
        reusedBuild: reuse && options.noBuild,
        searchReadyMs,
        queries,
      };
    } finally {
      await browser.close();
    }
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    if (!options.keep && !options.dir) await rm(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

/** The figures as lines, with the targets. */
export function describeConsortium(m: ConsortiumMeasure): string[] {
  const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  return [
    `consortium: ${m.members} members x ${m.programsPerMember} programs (${m.occurrences} dates); members generated in ${(m.generateMs / 1000).toFixed(1)} s${m.reusedMembers ? " (by an earlier run, reused)" : ""}`,
    m.reusedBuild
      ? `  build reused (--no-build)`
      : `  build ${(m.buildMs / 1000).toFixed(1)} s (target < 60 s)${m.buildMs < 60_000 ? "" : "  OVER"}`,
    `  search ready (every member's index merged) ${m.searchReadyMs.toFixed(0)} ms`,
    ...m.queries.map(
      (q) =>
        `  query "${q.q}": ${q.ms.toFixed(0)} ms (target < 300 ms)${q.ms < 300 ? "" : "  OVER"}, ${kib(q.bytes)} in ${q.requests} requests, ${q.results} results shown`,
    ),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      members: { type: "string", default: "20" },
      programs: { type: "string", default: "1000" },
      json: { type: "string" },
      keep: { type: "boolean", default: false },
      dir: { type: "string" },
      "no-build": { type: "boolean", default: false },
    },
  });
  const measure = await measureConsortium({
    members: Number(values.members),
    programs: Number(values.programs),
    keep: values.keep,
    dir: values.dir,
    noBuild: values["no-build"],
  });
  for (const line of describeConsortium(measure)) console.log(line);
  if (values.json) await writeFile(values.json, JSON.stringify(measure, null, 2) + "\n");
}
