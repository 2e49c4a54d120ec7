// The offline service worker `/sw.js`, as pure functions of the built site: which files to
// precache (`planPrecache`), a build id that changes when any of them changes
// (`precacheBuildId`), and the worker's source text (`serviceWorkerScript`). The plugin
// (plugins/offline.ts) lists and hashes the files and writes the result after Pagefind has
// run, because Pagefind's file names change with every index.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { minifyAsset } from "../site/assets.ts";
import { OFFLINE_DATA_URL } from "./offline-data.ts";

/**
 * Install budget, in bytes transferred (compressed, as a static host serves them): above
 * it only the app shell is precached at install and the rest follows in the background.
 */
export const DEFAULT_INSTALL_BUDGET = 2 * 1024 * 1024;

/** How long a page request waits for the network before a saved copy is shown instead. */
export const NETWORK_TIMEOUT_MS = 4000;

/** Prefix of every cache this worker owns; activation deletes ours from older builds only. */
export const CACHE_PREFIX = "almanac-";

/** One file of the built site. */
export interface BuiltFile {
  /** Path inside the output folder, with `/` separators: `programs/index.html`. */
  path: string;
  /** Size in bytes on disk (and in the browser's cache storage). */
  bytes: number;
  /**
   * Bytes a patron downloads for it: gzip size as static hosts serve text compressed
   * (Pagefind's index files are compressed already). Default: `bytes`.
   */
  transferBytes?: number;
}

/** Why a file is precached: the budget report groups by it. */
export type PrecacheGroup = "shell" | "search" | "listing";

export interface PrecacheEntry {
  url: string;
  /** The file it came from, relative to the output folder. */
  path: string;
  bytes: number;
  transferBytes: number;
  group: PrecacheGroup;
}

export interface PrecacheOptions {
  /**
   * Pages to precache besides the built-in listing pages, as URLs: the plugin passes the
   * links of the offline page's "saved on this device" list (e.g. this month's calendar).
   * URLs with no built page are ignored.
   */
  extraPages?: string[];
  /**
   * Pagefind wasm names to precache (`languages.*.wasm` in `pagefind-entry.json`, e.g.
   * `["en"]`). Default: every `wasm.*.pagefind` file.
   */
  pagefindWasm?: string[];
  /**
   * Pagefind's optional UI bundles the site actually loads (`pagefind-ui.js`,
   * `pagefind-component-ui.css`, ...). Default: none; the search page uses `pagefind.js`.
   */
  pagefindUi?: string[];
  /** Bytes above which only the shell is precached at install. Default `DEFAULT_INSTALL_BUDGET`. */
  installBudget?: number;
  /**
   * The folders of the site's other languages (`["/es"]`, src/site/languages.ts): each
   * one's copies of the shell pages, the listing pages and its explorer data are precached
   * as the first language's are. Default: none (a one-language site).
   */
  languages?: readonly string[];
}

export interface PrecachePlan {
  /** Precached before the worker installs: install fails (and is retried) if one fails. */
  install: PrecacheEntry[];
  /**
   * Fetched after activation, in the background, when everything would exceed the
   * install budget (the Pagefind index and listing pages of a large catalogue).
   */
  background: PrecacheEntry[];
  /** Bytes of `install` plus `background` on disk. */
  bytes: number;
  /** Bytes of `install` plus `background` downloaded: what the budget limits. */
  transferBytes: number;
  installBudget: number;
}

/** `programs/index.html` -> `/programs/`, `index.html` -> `/`, `a/b.css` -> `/a/b.css`. */
export function urlOf(filePath: string): string {
  if (filePath === "index.html") return "/";
  if (filePath.endsWith("/index.html")) return `/${filePath.slice(0, -"index.html".length)}`;
  return `/${filePath}`;
}

// The listing pages every site has (when built): browsing starts from them.
const LISTING_PAGES = new Set([
  "/",
  "/programs/",
  "/search/",
  "/calendar/",
  "/partners/",
  "/guides/",
  "/audiences/",
  "/categories/",
  "/locations/",
]);
// One page per audience, category and location (not their .ics calendars).
const FACET_PAGE = /^\/(audiences|categories|locations)\/[^/]+\/$/;
// App icons and the manifest, at the site root (written by the images plugin).
const ICON = /^\/(icon|favicon|apple-touch-icon|maskable)[\w.-]*\.(png|svg|ico)$/;
const PAGEFIND_UI = /^\/pagefind\/pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;
const PAGEFIND_WASM = /^\/pagefind\/wasm\.([\w-]+)\.pagefind$/;
// The program explorer's data file (src/outputs/explorer-data.ts), named by its hash (the
// site in another language has its own, under its folder).
const EXPLORER_DATA = /^\/explorer\/data-[0-9a-f]+\.json$/;

/** Which group a file belongs to, or undefined when it is only cached on visit (or never). */
function groupOf(
  url: string,
  options: PrecacheOptions,
  extra: Set<string>,
): PrecacheGroup | undefined {
  const folder = options.languages?.find((prefix) => url.startsWith(`${prefix}/`));
  if (folder) {
    // Another language's copy of a page (or its own explorer data): as the first's. Its
    // calendars and feeds are not precached, as the first language's are not.
    const bare = url.slice(folder.length);
    if (
      EXPLORER_DATA.test(bare) ||
      bare === "/offline/" ||
      bare === "/my-plan/" ||
      bare === OFFLINE_DATA_URL
    )
      return "shell";
    if (LISTING_PAGES.has(bare) || FACET_PAGE.test(bare) || extra.has(url) || extra.has(bare))
      return "listing";
    return undefined;
  }
  if (
    url.startsWith("/assets/") ||
    // The explorer's data: the listing pages' filters work offline with it.
    EXPLORER_DATA.test(url) ||
    ICON.test(url) ||
    url === "/manifest.webmanifest" ||
    url === "/offline/" ||
    // A patron's plan (its data is the explorer's): it must open offline, and it is small.
    url === "/my-plan/" ||
    url === OFFLINE_DATA_URL
  ) {
    return "shell";
  }
  if (url.startsWith("/pagefind/")) {
    if (PAGEFIND_UI.test(url)) {
      return options.pagefindUi?.includes(url.slice("/pagefind/".length)) ? "search" : undefined;
    }
    const wasm = PAGEFIND_WASM.exec(url);
    if (wasm && options.pagefindWasm && !options.pagefindWasm.includes(wasm[1]!)) return undefined;
    return "search";
  }
  if (LISTING_PAGES.has(url) || FACET_PAGE.test(url) || extra.has(url)) return "listing";
  return undefined;
}

/**
 * The site-internal links of the offline page's "saved on this device" list
 * (`<ul data-offline-pages>`): the page promises they work offline, so they are precached.
 */
export function offlinePageLinks(html: string): string[] {
  const list = /<ul[^>]*\sdata-offline-pages[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  return [...list.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}

function groupOfFile(
  filePath: string,
  options: PrecacheOptions,
  extra: Set<string>,
): PrecacheGroup | undefined {
  if (filePath.endsWith(".html") && !filePath.endsWith("index.html")) return undefined; // 404.html
  return groupOf(urlOf(filePath), options, extra);
}

/**
 * The paths among `paths` (inside the output folder, `/` separators) that `selectPrecache`
 * keeps: it chooses by path alone, so only these need reading for their sizes and hashes.
 */
export function precachedPaths(paths: readonly string[], options: PrecacheOptions = {}): string[] {
  const extra = new Set(options.extraPages ?? []);
  return paths.filter((p) => groupOfFile(p, options, extra) !== undefined);
}

/**
 * Chooses what `/sw.js` precaches from the list of built files: the app shell (hashed CSS
 * and JS, the explorer's data, icons, manifest, `/offline/`, `/my-plan/`), Pagefind's runtime and whole index, and the
 * listing pages, in that order. Program, partner, guide and free pages are cached when
 * visited instead (a catalogue's worth of them would cost every patron the whole site).
 */
export function selectPrecache(files: BuiltFile[], options: PrecacheOptions = {}): PrecacheEntry[] {
  const extra = new Set(options.extraPages ?? []);
  const entries: PrecacheEntry[] = [];
  for (const file of files) {
    const group = groupOfFile(file.path, options, extra);
    if (group)
      entries.push({
        url: urlOf(file.path),
        path: file.path,
        bytes: file.bytes,
        transferBytes: file.transferBytes ?? file.bytes,
        group,
      });
  }
  const order: PrecacheGroup[] = ["shell", "search", "listing"];
  return entries.sort(
    (a, b) =>
      order.indexOf(a.group) - order.indexOf(b.group) ||
      (a.url < b.url ? -1 : a.url > b.url ? 1 : 0),
  );
}

/**
 * Splits the precache between install and background. Under the budget everything is
 * precached at install, so the first visit leaves the whole site searchable offline; over
 * it, install takes only the shell and the rest is fetched after activation, so a large
 * catalogue never holds up (or, on a bad connection, fails) the worker's install.
 */
export function splitPrecache(
  entries: PrecacheEntry[],
  installBudget = DEFAULT_INSTALL_BUDGET,
): PrecachePlan {
  const bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
  const transferBytes = entries.reduce((sum, e) => sum + e.transferBytes, 0);
  const plan = { bytes, transferBytes, installBudget };
  if (transferBytes <= installBudget) return { install: entries, background: [], ...plan };
  return {
    install: entries.filter((e) => e.group === "shell"),
    background: entries.filter((e) => e.group !== "shell"),
    ...plan,
  };
}

/** `selectPrecache` then `splitPrecache`. */
export function planPrecache(files: BuiltFile[], options: PrecacheOptions = {}): PrecachePlan {
  return splitPrecache(selectPrecache(files, options), options.installBudget);
}

/**
 * A short id for one build's precache: a hash of every precached URL with its contents'
 * hash (`hashes` by URL). The same files give the same id; any changed byte gives a new
 * one, hence a new `/sw.js`, which is how browsers learn that the site changed.
 */
export function precacheBuildId(plan: PrecachePlan, hashes: Map<string, string>): string {
  const lines = [...plan.install, ...plan.background].map(
    (e) => `${e.url} ${hashes.get(e.url) ?? "?"}`,
  );
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 12);
}

/** The one-line build report: `Offline: precaching 120 files, 2,050 KB (380 KB compressed)`. */
export function precacheSummary(plan: PrecachePlan): string {
  const kb = (n: number) => Math.ceil(n / 1024).toLocaleString("en");
  const sum = (entries: PrecacheEntry[]) => entries.reduce((s, e) => s + e.transferBytes, 0);
  const count = plan.install.length + plan.background.length;
  const head = `Offline: precaching ${count.toLocaleString("en")} files, ${kb(plan.bytes)} KB (${kb(plan.transferBytes)} KB compressed)`;
  if (!plan.background.length) return head;
  return (
    `${head}, over the ${kb(plan.installBudget)} KB install budget: ` +
    `${plan.install.length} shell files (${kb(sum(plan.install))} KB) at install, ` +
    `${plan.background.length.toLocaleString("en")} files (${kb(sum(plan.background))} KB) in the background`
  );
}

/** URL of the JSON list of URLs fetched in the background (written only when there are some). */
export function backgroundListUrl(buildId: string): string {
  return `/sw-background-${buildId}.json`;
}

/** The JSON file at `backgroundListUrl(buildId)`. */
export function backgroundListJson(plan: PrecachePlan): string {
  return JSON.stringify(plan.background.map((e) => e.url));
}

/** The worker's sources (real JavaScript, formatted and checked like the site's assets). */
const SOURCES = path.resolve(import.meta.dirname, "..", "..", "layouts", "service-worker");

/**
 * `layouts/service-worker/<name>` minified for the asset targets, after a one-line banner and
 * `const ALMANAC_SW = <settings as JSON>;`, the build's settings the source reads.
 */
function workerSource(name: string, settings: Record<string, unknown>, banner: string): string {
  return `${banner}\nconst ALMANAC_SW = ${JSON.stringify(settings)};\n${minifiedWorker(name)}`;
}

function minifiedWorker(name: string): string {
  const file = path.join(SOURCES, name);
  return minifyAsset(file, readFileSync(file, "utf8"))!;
}

/**
 * The source of `/sw.js` for one build: `layouts/service-worker/sw.js` with this build's
 * settings. Strategies: cache-first for hashed or immutable files (`/assets/`, `/pagefind/`
 * but its entry file, `/img/`, `/explorer/`, and this build's `/offline/data.json`);
 * network-first with a saved copy as fallback for pages (after `NETWORK_TIMEOUT_MS` on a
 * slow network), saving each page visited; `/offline/` for a page never saved (which draws
 * a program or month from the offline data). Pagefind asks for `pagefind-entry.json?ts=...`, so Pagefind files
 * are matched ignoring the query. Caches are named `almanac-<kind>-<buildId>`; activation
 * deletes older builds' caches and takes over open pages, so an update reaches a patron on
 * the next visit. No eval.
 */
export function serviceWorkerScript(
  plan: PrecachePlan,
  buildId: string,
  /** A consortium's members' index folders (`https://member.example.org/pagefind/`). */
  members: readonly string[] = [],
  /**
   * The folders of the site's other languages (`["/es"]`): a page under one that was never
   * saved gets that language's offline page (`/es/offline/`), which reads its own data.
   */
  languages: readonly string[] = [],
): string {
  if (!/^[\w-]+$/.test(buildId))
    throw new Error(
      `[almanac/offline] build id must be letters, digits, - or _, not "${buildId}".`,
    );
  const script = workerSource(
    "sw.js",
    {
      precache: `${CACHE_PREFIX}precache-${buildId}`,
      runtime: `${CACHE_PREFIX}runtime-${buildId}`,
      prefix: CACHE_PREFIX,
      networkTimeoutMs: NETWORK_TIMEOUT_MS,
      install: plan.install.map((e) => e.url),
      backgroundList: plan.background.length ? backgroundListUrl(buildId) : null,
      offlineData: OFFLINE_DATA_URL,
      ...(members.length && { members }),
      ...(languages.length && { languages }),
    },
    `// Almanac service worker for build ${buildId}, made from layouts/service-worker/sw.js.`,
  );
  // A consortium's site: the members' search indexes, saved as they are fetched.
  return members.length ? `${script}\n${minifiedWorker("consortium.js")}` : script;
}

/**
 * The `/sw.js` written when offline support is turned off (`layouts/service-worker/retired.js`):
 * it deletes this site's caches and unregisters itself, so patrons who installed an
 * earlier worker are not left with it.
 */
export function retiredServiceWorkerScript(): string {
  return workerSource(
    "retired.js",
    { prefix: CACHE_PREFIX },
    "// Almanac: offline support is turned off for this site. This worker removes itself.",
  );
}
