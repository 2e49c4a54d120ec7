import { describe, it, expect } from "vitest";
import {
  planPrecache,
  precacheBuildId,
  precacheSummary,
  retiredServiceWorkerScript,
  serviceWorkerScript,
  backgroundListJson,
  offlinePageLinks,
  precachedPaths,
  selectPrecache,
  urlOf,
  type BuiltFile,
} from "../src/offline/service-worker.ts";

const site = (paths: Record<string, number>): BuiltFile[] =>
  Object.entries(paths).map(([path, bytes]) => ({ path, bytes }));

const FILES = site({
  "index.html": 10_000,
  "404.html": 3_000,
  "assets/site-1a2b3c.css": 6_000,
  "assets/site-4d5e6f.js": 1_000,
  "assets/register-sw-0a0b0c.js": 800,
  "icon-192.png": 4_000,
  "favicon-32.png": 900,
  "manifest.webmanifest": 500,
  "offline/index.html": 3_000,
  "offline/data.json": 12_000,
  "programs/index.html": 270_000,
  "programs/teen-coding-club/index.html": 20_000,
  "programs/teen-coding-club.ics": 9_000,
  "search/index.html": 8_000,
  "audiences/index.html": 5_000,
  "audiences/teens/index.html": 30_000,
  "audiences/teens/calendar.ics": 40_000,
  "categories/arts/index.html": 20_000,
  "locations/central/index.html": 50_000,
  "calendar/index.html": 4_000,
  "calendar/2026/11/index.html": 13_000,
  "calendar/2026/12/index.html": 13_000,
  "partners/index.html": 9_000,
  "partners/friends-of-the-library/index.html": 9_000,
  "img/storytime-800.webp": 60_000,
  "feed.xml": 70_000,
  "programs.json": 400_000,
  "pagefind/pagefind.js": 47_000,
  "pagefind/pagefind-worker.js": 43_000,
  "pagefind/pagefind-entry.json": 200,
  "pagefind/pagefind.en_c9ed538c37.pf_meta": 900,
  "pagefind/wasm.en.pagefind": 60_000,
  "pagefind/wasm.unknown.pagefind": 55_000,
  "pagefind/pagefind-ui.js": 126_000,
  "pagefind/pagefind-ui.css": 14_000,
  "pagefind/index/en_8f50621.pf_index": 26_000,
  "pagefind/filter/en_10931e7.pf_filter": 200,
  "pagefind/fragment/en_0a1b2c3.pf_fragment": 1_500,
});

describe("urlOf", () => {
  it("maps index.html files to folder URLs and leaves other files alone", () => {
    expect(urlOf("index.html")).toBe("/");
    expect(urlOf("programs/index.html")).toBe("/programs/");
    expect(urlOf("pagefind/pagefind.js")).toBe("/pagefind/pagefind.js");
  });
});

describe("planPrecache", () => {
  const plan = planPrecache(FILES, {
    extraPages: ["/calendar/2026/11/", "/nowhere/"],
    pagefindWasm: ["en"],
  });
  const urls = plan.install.map((e) => e.url);

  it("precaches the shell, the whole search index and the listing pages at install when under budget", () => {
    expect(plan.background).toEqual([]);
    expect(urls).toEqual([
      "/assets/register-sw-0a0b0c.js",
      "/assets/site-1a2b3c.css",
      "/assets/site-4d5e6f.js",
      "/favicon-32.png",
      "/icon-192.png",
      "/manifest.webmanifest",
      "/offline/",
      "/offline/data.json",
      "/pagefind/filter/en_10931e7.pf_filter",
      "/pagefind/fragment/en_0a1b2c3.pf_fragment",
      "/pagefind/index/en_8f50621.pf_index",
      "/pagefind/pagefind-entry.json",
      "/pagefind/pagefind-worker.js",
      "/pagefind/pagefind.en_c9ed538c37.pf_meta",
      "/pagefind/pagefind.js",
      "/pagefind/wasm.en.pagefind",
      "/",
      "/audiences/",
      "/audiences/teens/",
      "/calendar/",
      "/calendar/2026/11/",
      "/categories/arts/",
      "/locations/central/",
      "/partners/",
      "/programs/",
      "/search/",
    ]);
    expect(plan.bytes).toBe(plan.install.reduce((s, e) => s + e.bytes, 0));
  });

  it("leaves out program pages, other months, calendars, feeds, images, unused Pagefind UI and languages", () => {
    for (const url of [
      "/programs/teen-coding-club/",
      "/calendar/2026/12/",
      "/audiences/teens/calendar.ics",
      "/programs.json",
      "/img/storytime-800.webp",
      "/pagefind/pagefind-ui.js",
      "/pagefind/wasm.unknown.pagefind",
      "/404.html",
      "/nowhere/",
    ]) {
      expect(urls, url).not.toContain(url);
    }
  });

  it("puts the explorer's data file in the shell, precached at install even over the budget", () => {
    const files = [
      ...FILES,
      ...site({ "explorer/data-0a1b2c3d4e.json": 58_000, "explorer/notes.txt": 10 }),
    ];
    const big = planPrecache(files, { installBudget: 100_000 });
    const data = big.install.find((e) => e.url === "/explorer/data-0a1b2c3d4e.json");
    expect(data?.group).toBe("shell");
    expect([...big.install, ...big.background].map((e) => e.url)).not.toContain(
      "/explorer/notes.txt",
    );
  });

  it("puts My plan in the shell with the explorer's data it reads: it opens offline, even over the budget", () => {
    const files = [
      ...FILES,
      ...site({ "explorer/data-0a1b2c3d4e.json": 58_000, "my-plan/index.html": 4_000 }),
    ];
    const big = planPrecache(files, { installBudget: 100_000 });
    expect(big.install.find((e) => e.url === "/my-plan/")?.group).toBe("shell");
    expect(big.install.map((e) => e.url)).toContain("/explorer/data-0a1b2c3d4e.json");
  });

  it("precaches another language's shell, listing pages and explorer data as the first's, not its files", () => {
    const es = Object.fromEntries(FILES.map((f) => [`es/${f.path}`, f.bytes]));
    const files = [
      ...FILES,
      ...site({
        ...es,
        "es/explorer/data-5f6a7b8c9d.json": 58_000,
        "es/my-plan/index.html": 4_000,
      }),
    ];
    const plan = planPrecache(files, { installBudget: 100_000, languages: ["/es"] });
    const group = (url: string) =>
      [...plan.install, ...plan.background].find((e) => e.url === url)?.group;
    expect(
      [
        "/es/explorer/data-5f6a7b8c9d.json",
        "/es/my-plan/",
        "/es/offline/",
        "/es/offline/data.json",
      ].map(group),
    ).toEqual(["shell", "shell", "shell", "shell"]);
    expect(["/es/", "/es/programs/", "/es/audiences/teens/"].map(group)).toEqual([
      "listing",
      "listing",
      "listing",
    ]);
    // Its program pages, calendars, feed, programs.json and any other file: cached on visit.
    for (const url of [
      "/es/programs/teen-coding-club/",
      "/es/programs/teen-coding-club.ics",
      "/es/feed.xml",
      "/es/programs.json",
      "/es/assets/site-1a2b3c.css",
      "/es/404.html",
    ])
      expect(group(url)).toBeUndefined();
    // Without `languages`, nothing of the folder is (a one-language site has none).
    const none = planPrecache(files, { installBudget: 100_000 });
    expect([...none.install, ...none.background].filter((e) => e.url.startsWith("/es/"))).toEqual(
      [],
    );
  });

  it("keeps a Pagefind UI bundle the site loads", () => {
    const withUi = planPrecache(FILES, { pagefindUi: ["pagefind-ui.js"] });
    expect(withUi.install.map((e) => e.url)).toContain("/pagefind/pagefind-ui.js");
    expect(withUi.install.map((e) => e.url)).not.toContain("/pagefind/pagefind-ui.css");
  });

  it("over the install budget, installs only the shell and fetches the rest in the background", () => {
    const big = planPrecache(FILES, { installBudget: 100_000 });
    expect(new Set(big.install.map((e) => e.group))).toEqual(new Set(["shell"]));
    // The offline data is shell: unsaved programs and months open as soon as it installs.
    expect(big.install.map((e) => e.url)).toContain("/offline/data.json");
    expect(big.background.map((e) => e.url)).toContain("/pagefind/pagefind.js");
    expect(big.background.map((e) => e.url)).toContain("/programs/");
    expect(big.install.length + big.background.length).toBe(planPrecache(FILES).install.length);
    expect(serviceWorkerScript(big, "b1")).toContain(`"backgroundList":"/sw-background-b1.json"`);
    expect(JSON.parse(backgroundListJson(big))).toEqual(big.background.map((e) => e.url));
    expect(precacheSummary(big)).toMatchInlineSnapshot(
      `"Offline: precaching 26 files, 653 KB (653 KB compressed), over the 98 KB install budget: 8 shell files (28 KB) at install, 18 files (625 KB) in the background"`,
    );
  });
});

describe("precachedPaths", () => {
  it("names the files selectPrecache keeps, which the plugin alone reads", () => {
    const options = {
      extraPages: ["/calendar/2026/11/"],
      pagefindWasm: ["en"],
      languages: ["/es"],
    };
    const files = [...FILES, ...site({ "es/programs/index.html": 1, "es/feed.xml": 1 })];
    const kept = precachedPaths(files.map((f) => f.path).sort(), options);
    expect(kept).toEqual(
      selectPrecache(files, options)
        .map((e) => e.path)
        .sort(),
    );
    expect(kept).toContain("es/programs/index.html");
    expect(kept).not.toContain("404.html");
  });
});

describe("the install budget", () => {
  it("counts the bytes a patron downloads (compressed), not the bytes on disk", () => {
    const compressed = FILES.map((f) => ({ ...f, transferBytes: Math.ceil(f.bytes / 5) }));
    const onDisk = planPrecache(FILES, { installBudget: 200_000 });
    const downloaded = planPrecache(compressed, { installBudget: 200_000 });
    expect(onDisk.background.length).toBeGreaterThan(0);
    expect(downloaded.background).toEqual([]);
    expect(downloaded.transferBytes).toBeLessThanOrEqual(200_000);
    expect(precacheSummary(downloaded)).toMatchInlineSnapshot(
      `"Offline: precaching 26 files, 653 KB (131 KB compressed)"`,
    );
  });
});

describe("precacheBuildId", () => {
  const plan = planPrecache(FILES);
  const hashes = new Map(plan.install.map((e) => [e.url, `hash-of-${e.url}`]));

  it("is the same for the same files and changes when one file's contents change", () => {
    expect(precacheBuildId(plan, hashes)).toBe(
      precacheBuildId(planPrecache(FILES), new Map(hashes)),
    );
    expect(precacheBuildId(plan, hashes)).toMatch(/^[0-9a-f]{12}$/);
    const changed = new Map(hashes).set("/programs/", "another");
    expect(precacheBuildId(plan, changed)).not.toBe(precacheBuildId(plan, hashes));
  });
});

/** The settings a built worker carries on its second line. */
function settingsOf(script: string): unknown {
  return JSON.parse(/^const ALMANAC_SW = (.*);$/m.exec(script)![1]!);
}

describe("serviceWorkerScript", () => {
  const plan = planPrecache(FILES);
  const script = serviceWorkerScript(plan, "abc123def456");

  it("names its caches after the build and lists the precache", () => {
    expect(settingsOf(script)).toEqual({
      precache: "almanac-precache-abc123def456",
      runtime: "almanac-runtime-abc123def456",
      prefix: "almanac-",
      networkTimeoutMs: 4000,
      install: plan.install.map((e) => e.url),
      backgroundList: null,
      offlineData: "/offline/data.json",
    });
  });

  it("is the source in layouts/service-worker/, minified", () => {
    expect(script.split("\n").length).toBeLessThanOrEqual(4);
    expect(script).toContain('self.addEventListener("fetch"');
  });

  it("is valid JavaScript that needs no eval", () => {
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/\beval\(|new Function|importScripts/);
  });

  it("rejects a build id that could break out of the script", () => {
    expect(() => serviceWorkerScript(plan, `x";alert(1)//`)).toThrowErrorMatchingInlineSnapshot(
      `[Error: [almanac/offline] build id must be letters, digits, - or _, not "x";alert(1)//".]`,
    );
  });
});

describe("retiredServiceWorkerScript", () => {
  it("is valid JavaScript that deletes this site's caches and unregisters itself", () => {
    const script = retiredServiceWorkerScript();
    expect(() => new Function(script)).not.toThrow();
    expect(settingsOf(script)).toEqual({ prefix: "almanac-" });
    expect(script).toContain(".startsWith(ALMANAC_SW.prefix)");
    expect(script).toContain("self.registration.unregister()");
  });
});

describe("offlinePageLinks", () => {
  it("reads the links of the saved-pages list only", () => {
    const html = `<a href="/elsewhere/">x</a><ul data-offline-pages>
      <li><a href="/">Home</a></li><li><a href="/calendar/2026/11/">Nov</a></li></ul><a href="/after/">y</a>`;
    expect(offlinePageLinks(html)).toEqual(["/", "/calendar/2026/11/"]);
  });
});
