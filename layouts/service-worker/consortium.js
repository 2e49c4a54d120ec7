// A consortium site's addition to the service worker (docs/consortium.md), appended to
// `/sw.js` by the build only when `_data/library.yaml` names members. The search page reads
// every member's Pagefind index from the member's own site; this keeps the files it fetched
// (in this build's runtime cache, as the site's own), so a search made online works again
// offline. The worker's own fetch handler leaves other origins alone; this one answers for
// the members' `/pagefind/` folders only. Their entry file and vocabulary keep their names
// across builds: network first, the saved copy when the member cannot be reached. Every
// other index file is named by its content: the saved copy first.
/* global ALMANAC_SW */
"use strict";
(() => {
  const MEMBERS = ALMANAC_SW.members || [];
  const CACHE = ALMANAC_SW.runtime;
  const FRESH = /\/pagefind\/(pagefind-entry|almanac-words)\.json$/;

  const memberOf = (url) => MEMBERS.find((prefix) => url.startsWith(prefix));
  // The query (Pagefind's `?ts=`) names no other file.
  const keyOf = (url) => url.split("?")[0];
  const storable = (response) =>
    response.ok && (response.type === "cors" || response.type === "basic");

  async function save(key, response) {
    const cache = await caches.open(CACHE);
    await cache.put(key, response);
  }

  async function saved(key) {
    const cache = await caches.open(CACHE);
    return cache.match(key);
  }

  async function networkFirst(event, key) {
    try {
      const response = await fetch(event.request);
      if (storable(response)) event.waitUntil(save(key, response.clone()));
      return response;
    } catch (error) {
      const copy = await saved(key);
      if (copy) return copy;
      throw error;
    }
  }

  async function savedFirst(event, key) {
    const copy = await saved(key);
    if (copy) return copy;
    const response = await fetch(event.request);
    if (storable(response)) event.waitUntil(save(key, response.clone()));
    return response;
  }

  self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET" || !memberOf(request.url)) return;
    const key = keyOf(request.url);
    event.respondWith(FRESH.test(key) ? networkFirst(event, key) : savedFirst(event, key));
  });
})();
