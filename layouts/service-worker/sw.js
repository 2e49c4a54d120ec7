// Almanac's offline service worker, published as `/sw.js` (see docs/offline.md). The build
// minifies this file and puts ALMANAC_SW before it, this build's settings: the URLs to
// precache at install, the list fetched in the background, the cache names
// (src/offline/service-worker.ts, `serviceWorkerScript`). No eval, no imports.
/* global ALMANAC_SW */
"use strict";
const PRECACHE = ALMANAC_SW.precache;
const RUNTIME = ALMANAC_SW.runtime;
const PREFIX = ALMANAC_SW.prefix;
const OFFLINE_PAGE = "/offline/";
const NETWORK_TIMEOUT_MS = ALMANAC_SW.networkTimeoutMs;
// Precached before install completes.
const INSTALL = ALMANAC_SW.install;
// Fetched in the background after activation (a catalogue over the install budget): the
// list is a file of its own so this script, fetched on every update check, stays small.
const BACKGROUND_LIST = ALMANAC_SW.backgroundList;
// What the offline page draws unsaved programs and months from: this build's, in the
// precache, so it is read from there first (no wait on a dead network).
const OFFLINE_DATA = ALMANAC_SW.offlineData;
// The folders of the site's other languages (`/es`): each has its own offline page and data.
const LANGUAGES = ALMANAC_SW.languages || [];

// The folder of the language `path` is in: `/es` for `/es/programs/`, `""` for the first.
function languageOf(path) {
  return LANGUAGES.find((prefix) => path === prefix + "/" || path.startsWith(prefix + "/")) || "";
}

// Fetches urls into the precache, a few at a time, skipping those already there. Bypasses
// the HTTP cache so a new build never stores an older file.
async function precache(urls) {
  const cache = await caches.open(PRECACHE);
  const have = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
  const queue = urls.filter((url) => !have.has(url));
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const response = await fetch(
        new Request(url, { cache: "reload", credentials: "same-origin" }),
      );
      if (!response.ok) throw new Error("Almanac offline: " + url + " answered " + response.status);
      await cache.put(url, await storable(response));
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

// A redirected response cannot answer a navigation: keep its body and headers only.
async function storable(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
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
  // The offline page in the language of the page asked for.
  const offline = languageOf(new URL(key).pathname) + OFFLINE_PAGE;
  return (await lookup(offline, false)) || Response.error();
}

// Cache first, for files whose URL changes when their content does (and the offline data,
// which belongs to this build's caches).
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
        if (name.startsWith(PREFIX) && name !== PRECACHE && name !== RUNTIME)
          await caches.delete(name);
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
    if (!list.ok)
      throw new Error("Almanac offline: " + BACKGROUND_LIST + " answered " + list.status);
    await precache(await list.json());
  };
  prefetching =
    prefetching ||
    run().catch(() => {
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
  } else if (
    url.pathname.startsWith("/assets/") ||
    url.pathname.startsWith("/img/") ||
    url.pathname === languageOf(url.pathname) + OFFLINE_DATA ||
    url.pathname.startsWith("/explorer/")
  ) {
    event.respondWith(immutable(event, false));
  } else if (INSTALL.includes(url.pathname)) {
    event.respondWith(fresh(event, false));
  }
});
