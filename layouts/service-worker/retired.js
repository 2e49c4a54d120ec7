// The `/sw.js` published when offline support is turned off: it deletes this site's caches
// and unregisters itself, so patrons who installed an earlier worker are not left with it.
// The build minifies it and puts ALMANAC_SW before it: `prefix`, that of the caches it owns.
/* global ALMANAC_SW */
"use strict";
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(ALMANAC_SW.prefix)) await caches.delete(name);
      }
      await self.registration.unregister();
    })(),
  );
});
