// The offline service worker `/sw.js`, as pure functions of the built site: which files to
// precache (`planPrecache`), a build id that changes when any of them changes
// (`precacheBuildId`), and the worker's source text (`serviceWorkerScript`). The plugin
// (plugins/offline.ts) lists and hashes the files and writes the result after Pagefind has
// run, because Pagefind's file names change with every index.
import { createHash } from "node:crypto";

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

/** Which group a file belongs to, or undefined when it is only cached on visit (or never). */
function groupOf(
  url: string,
  options: PrecacheOptions,
  extra: Set<string>,
): PrecacheGroup | undefined {
  if (
    url.startsWith("/assets/") ||
    ICON.test(url) ||
    url === "/manifest.webmanifest" ||
    url === "/offline/"
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

/**
 * Chooses what `/sw.js` precaches from the list of built files: the app shell (hashed CSS
 * and JS, icons, manifest, `/offline/`), Pagefind's runtime and whole index, and the
 * listing pages, in that order. Program, partner, guide and free pages are cached when
 * visited instead (a catalogue's worth of them would cost every patron the whole site).
 */
export function selectPrecache(files: BuiltFile[], options: PrecacheOptions = {}): PrecacheEntry[] {
  const extra = new Set(options.extraPages ?? []);
  const entries: PrecacheEntry[] = [];
  for (const file of files) {
    if (file.path.endsWith(".html") && !file.path.endsWith("index.html")) continue; // 404.html
    const url = urlOf(file.path);
    const group = groupOf(url, options, extra);
    if (group)
      entries.push({
        url,
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

/**
 * The source of `/sw.js` for one build. Strategies: cache-first for hashed or immutable
 * files (`/assets/`, `/pagefind/` but its entry file, `/img/`); network-first with a saved
 * copy as fallback for pages (after `NETWORK_TIMEOUT_MS` on a slow network), saving each
 * page visited; `/offline/` for a page never saved. Pagefind asks for
 * `pagefind-entry.json?ts=...`, so Pagefind files are matched ignoring the query.
 * Caches are named `almanac-<kind>-<buildId>`; activation deletes older builds' caches and
 * takes over open pages, so an update reaches a patron on the next visit. No eval.
 */
export function serviceWorkerScript(plan: PrecachePlan, buildId: string): string {
  if (!/^[\w-]+$/.test(buildId))
    throw new Error(
      `[almanac/offline] build id must be letters, digits, - or _, not "${buildId}".`,
    );
  const json = (urls: PrecacheEntry[]) => JSON.stringify(urls.map((e) => e.url));
  return `// Almanac service worker for build ${buildId}. Generated by the build (src/service-worker.ts): do not edit.
"use strict";
const BUILD = ${JSON.stringify(buildId)};
const PRECACHE = ${JSON.stringify(`${CACHE_PREFIX}precache-${buildId}`)};
const RUNTIME = ${JSON.stringify(`${CACHE_PREFIX}runtime-${buildId}`)};
const PREFIX = ${JSON.stringify(CACHE_PREFIX)};
const OFFLINE_PAGE = "/offline/";
const NETWORK_TIMEOUT_MS = ${NETWORK_TIMEOUT_MS};
// Precached before install completes.
const INSTALL = ${json(plan.install)};
// Fetched in the background after activation (a catalogue over the install budget): the
// list is a file of its own so this script, fetched on every update check, stays small.
const BACKGROUND_LIST = ${plan.background.length ? JSON.stringify(backgroundListUrl(buildId)) : "null"};

// Fetches urls into the precache, a few at a time, skipping those already there. Bypasses
// the HTTP cache so a new build never stores an older file.
async function precache(urls) {
  const cache = await caches.open(PRECACHE);
  const have = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
  const queue = urls.filter((url) => !have.has(url));
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const response = await fetch(new Request(url, { cache: "reload", credentials: "same-origin" }));
      if (!response.ok) throw new Error("Almanac offline: " + url + " answered " + response.status);
      await cache.put(url, await storable(response));
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

// A redirected response cannot answer a navigation: keep its body and headers only.
async function storable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers });
}

// Looks in this build's caches only (never in an older build's, still there while this
// worker installs), the fresher runtime copy first.
async function lookup(request, ignoreSearch) {
  for (const name of [RUNTIME, PRECACHE]) {
    const cache = await caches.open(name);
    const found = await cache.match(request, { ignoreSearch });
    if (found) return found;
  }
  return undefined;
}

function pageKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  return key.href;
}

// Network first, so patrons online always see the current site; the saved copy when the
// network fails or is slower than NETWORK_TIMEOUT_MS; the offline page when there is none.
async function page(event) {
  const key = pageKey(event.request.url);
  let saved = Promise.resolve();
  const network = fetch(event.request).then((response) => {
    if (response.ok && !response.redirected && response.type === "basic") {
      const copy = response.clone();
      saved = caches.open(RUNTIME).then((cache) => cache.put(key, copy));
    }
    return response;
  });
  event.waitUntil(network.then(() => saved).catch(() => undefined));
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, "slow"));
  const first = await Promise.race([network.catch(() => "failed"), slow]);
  if (first instanceof Response) return first;
  const cached = await lookup(key, true);
  if (cached) return cached;
  if (first === "slow") {
    try {
      return await network;
    } catch {}
  }
  return (await lookup(OFFLINE_PAGE, false)) || Response.error();
}

// Cache first, for files whose URL changes when their content does.
async function immutable(event, ignoreSearch) {
  const cached = await lookup(event.request, ignoreSearch);
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    event.waitUntil(caches.open(RUNTIME).then((cache) => cache.put(event.request, copy)));
  }
  return response;
}

// Network first for a file that keeps its name across builds (Pagefind's entry file, the
// manifest, icons); this build's precached copy when the network fails.
async function fresh(event, ignoreSearch) {
  try {
    return await fetch(event.request);
  } catch (error) {
    const cached = await lookup(event.request, ignoreSearch);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache(INSTALL).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== PRECACHE && name !== RUNTIME) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// Pages ask for the background precache once this worker controls them (register-sw.js);
// waitUntil keeps the worker alive until it is done. Several asks share one run.
let prefetching;
self.addEventListener("message", (event) => {
  // A page that sees this worker waiting asks again (see register-sw.js).
  if (event.data && event.data.type === "almanac:skip-waiting") {
    event.waitUntil(self.skipWaiting());
    return;
  }
  if (!event.data || event.data.type !== "almanac:prefetch" || !BACKGROUND_LIST) return;
  const run = async () => {
    const list = await fetch(BACKGROUND_LIST, { cache: "reload" });
    if (!list.ok) throw new Error("Almanac offline: " + BACKGROUND_LIST + " answered " + list.status);
    await precache(await list.json());
  };
  prefetching = prefetching || run().catch(() => {
    prefetching = undefined;
  });
  event.waitUntil(prefetching);
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === "/sw.js") return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname === "/pagefind/pagefind-entry.json") {
    event.respondWith(fresh(event, true));
  } else if (url.pathname.startsWith("/pagefind/")) {
    event.respondWith(immutable(event, true));
  } else if (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/img/")) {
    event.respondWith(immutable(event, false));
  } else if (INSTALL.includes(url.pathname)) {
    event.respondWith(fresh(event, false));
  }
});
`;
}

/**
 * The `/sw.js` written when offline support is turned off: it deletes this site's caches
 * and unregisters itself, so patrons who installed an earlier worker are not left with it.
 */
export function retiredServiceWorkerScript(): string {
  return `// Almanac: offline support is turned off for this site. This worker removes itself.
"use strict";
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(${JSON.stringify(CACHE_PREFIX)})) await caches.delete(name);
      }
      await self.registration.unregister();
    })(),
  );
});
`;
}
