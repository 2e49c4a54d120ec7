// Registers the `service-worker` output step: after the site is written AND Pagefind has
// indexed it (its file names change every build; the build's declared order puts this
// step last), writes `/offline/data.json` (what the offline page shows unsaved programs and
// months from, src/offline/offline-data.ts) and `/sw.js`, the service worker that precaches
// the app shell, the search index and the listing pages (see src/offline/service-worker.ts
// and docs/offline.md), and prints the precache size. Also registers the `offline` global data (`offline.enabled`)
// that base.njk reads to load `register-sw.js`.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type UserConfig from "@11ty/eleventy/UserConfig";
import {
  backgroundListJson,
  backgroundListUrl,
  DEFAULT_INSTALL_BUDGET,
  offlinePageLinks,
  precachedPaths,
  selectPrecache,
  splitPrecache,
  precacheBuildId,
  precacheSummary,
  retiredServiceWorkerScript,
  serviceWorkerScript,
  urlOf,
  type BuiltFile,
  type PrecacheOptions,
  type PrecachePlan,
} from "../src/offline/service-worker.ts";
import { offlineDataJson, offlineDataUrl } from "../src/offline/offline-data.ts";
import type { Build } from "../src/build/context.ts";
import { Queue } from "../src/images/queue.ts";
import { pluginOptions } from "./options.ts";

export interface OfflineOptions {
  /** The build this configuration renders (required). */
  build?: Build;
  /**
   * Write the offline service worker. Default: true; `ALMANAC_OFFLINE=off` turns it off.
   * Off, `/sw.js` is a worker that deletes this site's caches and unregisters itself.
   */
  enabled?: boolean;
  /**
   * Bytes the worker may precache at install (default 2 MiB). Above it, install takes
   * only the app shell and the search index and listings follow in the background.
   */
  installBudget?: number;
  /** Print `Offline: precaching N files, X KB` after each build. Default: true. */
  report?: boolean;
}

/** What a build precached (`build.stats.precache`), for tests and the benchmark. */
export type PrecacheStats = PrecachePlan & { buildId: string };

export default function offlinePlugin(
  eleventyConfig: UserConfig,
  options: OfflineOptions = {},
): void {
  const opts = pluginOptions("offline", options, {
    build: undefined as Build | undefined,
    enabled: undefined as boolean | undefined,
    installBudget: DEFAULT_INSTALL_BUDGET,
    report: true,
  });
  const build = opts.build;
  if (!build) throw new Error("[almanac/offline] the build option is required");
  const enabled = opts.enabled ?? build.env.ALMANAC_OFFLINE !== "off";
  const installBudget = opts.installBudget;
  if (!Number.isFinite(installBudget) || installBudget < 0) {
    throw new Error(
      `[almanac/offline] installBudget must be a number of bytes (e.g. 2097152 for 2 MB), not ${installBudget}.`,
    );
  }
  eleventyConfig.addGlobalData("offline", { enabled });

  build.outputStep("service-worker", async ({ directories, outputMode }) => {
    if (outputMode !== undefined && outputMode !== "fs") return; // --to=json: no files
    const dir = directories.output;
    if (!enabled) {
      await writeFile(path.join(dir, "sw.js"), retiredServiceWorkerScript());
      return;
    }
    // The data the offline page draws unsaved programs and months from: shell, precached;
    // each language's own, beside its offline page.
    const prefixes = (build.site?.siteLanguages ?? []).slice(1).map((l) => l.prefix);
    for (const site of build.sites.size ? build.sites.values() : [build.site!]) {
      const file = path.join(dir, offlineDataUrl(site.prefix).slice(1));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, offlineDataJson(site));
    }
    const paths = listFiles(dir);
    const options: PrecacheOptions = {
      extraPages: offlinePageLinks(
        await readFile(path.join(dir, "offline", "index.html"), "utf8").catch(() => ""),
      ),
      pagefindWasm: await pagefindWasm(dir),
      pagefindUi: await pagefindUiInUse(dir, paths),
      // Each other language's shell and listing pages, and its explorer data.
      languages: prefixes,
    };
    // One read per precached file (its size, its hash for the build id, its gzip size for
    // the budget), none for the others (7,900 files at 2,000 programs, 2,200 precached).
    // The files were just written (in the page cache) and this step runs alone, after every
    // other output: read synchronously, with gzip on libuv's threads meanwhile (a few files
    // at a time), they took less than half as long as with a promise a read.
    const hashes = new Map<string, string>();
    const queue = new Queue(GZIPS_AT_ONCE);
    const files = await Promise.all(
      precachedPaths(paths, options).map((file) =>
        queue.run(async (): Promise<BuiltFile> => {
          const body = readFileSync(path.join(dir, file));
          hashes.set(urlOf(file), createHash("sha256").update(body).digest("hex"));
          const transferBytes = compressible(file) ? (await gzipAsync(body)).length : body.length;
          return { path: file, bytes: body.length, transferBytes };
        }),
      ),
    );
    const selected = selectPrecache(files, options);
    const plan = splitPrecache(selected, installBudget);
    const buildId = precacheBuildId(plan, hashes);
    // A consortium's: its members' search index folders, which the worker saves as fetched.
    const members = (build.site?.library.consortium?.members ?? []).map(
      (m) => `${m.url}/pagefind/`,
    );
    await writeFile(path.join(dir, "sw.js"), serviceWorkerScript(plan, buildId, members, prefixes));
    if (plan.background.length) {
      await writeFile(
        path.join(dir, backgroundListUrl(buildId).slice(1)),
        backgroundListJson(plan),
      );
    }
    build.stats.precache = { ...plan, buildId } satisfies PrecacheStats;
    if (opts.report) console.log(precacheSummary(plan));
  });
}

/**
 * Files held for gzip at once: one for each of libuv's four threads (a listing page is
 * megabytes at 5,000 programs, and Pagefind's process may not have ended yet).
 */
const GZIPS_AT_ONCE = 4;

const gzipAsync = promisify(gzip);

/** Text that static hosts serve gzip- or brotli-compressed (Pagefind's index is compressed already). */
function compressible(file: string): boolean {
  return /\.(html|css|js|mjs|json|webmanifest|svg|xml|txt)$/.test(file);
}

/**
 * Every file under `dir`, as paths with `/` separators, sorted (so the plan is
 * deterministic). Synchronously, as the reads above: 2,000 program folders at 2,000
 * programs, where the promise version took four times as long.
 */
function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    // `parentPath` is Node 20.12+; `path` is its older name.
    const full = path.join(
      entry.parentPath ?? (entry as { path?: string }).path ?? dir,
      entry.name,
    );
    files.push(path.relative(dir, full).split(path.sep).join("/"));
  }
  return files.sort();
}

/** The wasm names Pagefind's entry file lists (one a language), or undefined without an index. */
async function pagefindWasm(dir: string): Promise<string[] | undefined> {
  const text = await readFile(path.join(dir, "pagefind", "pagefind-entry.json"), "utf8").catch(
    () => undefined,
  );
  if (!text) return undefined;
  const entry = JSON.parse(text) as { languages?: Record<string, { wasm?: string }> };
  return Object.values(entry.languages ?? {}).flatMap((lang) => (lang.wasm ? [lang.wasm] : []));
}

/** Pagefind UI bundles named by the search page or the site's own scripts. */
async function pagefindUiInUse(dir: string, files: string[]): Promise<string[]> {
  const sources = files.filter((f) => f === "search/index.html" || /^assets\/.*\.js$/.test(f));
  const texts = await Promise.all(sources.map((file) => readFile(path.join(dir, file), "utf8")));
  const names = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(/pagefind\/(pagefind-[\w-]+\.(?:js|css))/g)) names.add(m[1]!);
  }
  return [...names];
}
