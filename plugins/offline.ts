// Registers the `service-worker` output step: after the site is written AND Pagefind has
// indexed it (its file names change every build; the build's declared order puts this
// step last), writes `/offline/data.json` (what the offline page shows unsaved programs and
// months from, src/offline/offline-data.ts) and `/sw.js`, the service worker that precaches
// the app shell, the search index and the listing pages (see src/offline/service-worker.ts
// and docs/offline.md), and prints the precache size. Also registers the `offline` global data (`offline.enabled`)
// that base.njk reads to load `register-sw.js`.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type UserConfig from "@11ty/eleventy/UserConfig";
import {
  backgroundListJson,
  backgroundListUrl,
  DEFAULT_INSTALL_BUDGET,
  offlinePageLinks,
  selectPrecache,
  splitPrecache,
  precacheBuildId,
  precacheSummary,
  retiredServiceWorkerScript,
  serviceWorkerScript,
  type BuiltFile,
  type PrecachePlan,
} from "../src/offline/service-worker.ts";
import { offlineDataJson, offlineDataUrl } from "../src/offline/offline-data.ts";
import type { Build } from "../src/build/context.ts";
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
    const files = await listFiles(dir);
    const selected = selectPrecache(files, {
      extraPages: offlinePageLinks(
        await readFile(path.join(dir, "offline", "index.html"), "utf8").catch(() => ""),
      ),
      pagefindWasm: await pagefindWasm(dir),
      pagefindUi: await pagefindUiInUse(dir, files),
      // Each other language's shell and listing pages, and its explorer data.
      languages: prefixes,
    });
    // One read per precached file: its hash feeds the build id, its gzip size the budget.
    const hashes = new Map<string, string>();
    for (const entry of selected) {
      const body = await readFile(path.join(dir, entry.path));
      hashes.set(entry.url, createHash("sha256").update(body).digest("hex"));
      entry.transferBytes = compressible(entry.path) ? gzipSync(body).length : body.length;
    }
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

/** Text that static hosts serve gzip- or brotli-compressed (Pagefind's index is compressed already). */
function compressible(file: string): boolean {
  return /\.(html|css|js|mjs|json|webmanifest|svg|xml|txt)$/.test(file);
}

/** Every file under `dir`, with `/` separators, sorted (so the plan is deterministic). */
async function listFiles(dir: string): Promise<BuiltFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: BuiltFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    // `parentPath` is Node 20.12+; `path` is its older name.
    const full = path.join(
      entry.parentPath ?? (entry as { path?: string }).path ?? dir,
      entry.name,
    );
    files.push({
      path: path.relative(dir, full).split(path.sep).join("/"),
      bytes: (await stat(full)).size,
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
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
async function pagefindUiInUse(dir: string, files: BuiltFile[]): Promise<string[]> {
  const sources = files.filter(
    (f) => f.path === "search/index.html" || /^assets\/.*\.js$/.test(f.path),
  );
  const names = new Set<string>();
  for (const file of sources) {
    const text = await readFile(path.join(dir, file.path), "utf8");
    for (const m of text.matchAll(/pagefind\/(pagefind-[\w-]+\.(?:js|css))/g)) names.add(m[1]!);
  }
  return [...names];
}
