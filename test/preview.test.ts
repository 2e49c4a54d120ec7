// `npm start` (src/build/preview.ts) rebuilds only what an edit changed, in place; these
// tests hold it to the rule that makes that safe: after any edit, rename or deletion (a
// whole folder too), a content mistake and its fix, a new library.yaml, and across a
// restart, the preview's folder is byte for byte what `npm run build` publishes from the
// same content (search index, calendars and programs.json included), the offline worker
// aside (the preview publishes the retired one, as a build with ALMANAC_OFFLINE=off).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildSite, previewSite, type Preview, type RunReport } from "../almanac.ts";
import { DEMO_ROOT, REPO } from "./helpers/site.ts";
import {
  pageFiles,
  ReloadClients,
  untilReconnected,
  type Client,
  type Socket,
} from "../src/build/reload-clients.ts";
import { demoCopy } from "./helpers/preview.ts";

const ENV = { ALMANAC_NOW: "2026-11-28T10:00" };

/** Every file under `dir` -> a hash of its bytes. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(
      path.relative(dir, file).split(path.sep).join("/"),
      createHash("sha1")
        .update(await readFile(file))
        .digest("hex"),
    );
  }
  return files;
}

/** Files that differ between the preview's folder and a complete build of the same content. */
async function differences(root: string, output: string): Promise<string[]> {
  const built = path.join(await mkdtemp(path.join(os.tmpdir(), "almanac-built-")), "_site");
  const result = await buildSite({ root, output: built, env: { ...ENV, ALMANAC_OFFLINE: "off" } });
  expect(result.ok, "the content builds").toBe(true);
  const [preview, build] = await Promise.all([tree(output), tree(built)]);
  await rm(path.dirname(built), { recursive: true, force: true });
  return [...new Set([...preview.keys(), ...build.keys()])]
    .filter((file) => preview.get(file) !== build.get(file))
    .sort();
}

const quiet = { log: () => {}, error: () => {} };

describe("the preview", () => {
  let root: string;
  let preview: Preview;
  const file = (rel: string) => path.join(root, "content", rel);
  const edit = async (rel: string, from: string | RegExp, to: string) => {
    const text = await readFile(file(rel), "utf8");
    expect(text.replace(from, to), `${rel} changes`).not.toBe(text);
    await writeFile(file(rel), text.replace(from, to));
  };
  /** Makes a change, waits for the rebuild it causes and what follows it. */
  const step = async (change: () => Promise<unknown>): Promise<RunReport> => {
    const next = preview.nextRun();
    await change();
    const report = await next;
    await preview.settled();
    return report;
  };

  beforeAll(async () => {
    root = await demoCopy();
    preview = await previewSite({ root, port: 0, env: ENV, print: quiet });
  });
  afterAll(async () => {
    await preview?.close();
  });

  it("starts from a complete build", async () => {
    expect(preview.runs.map((r) => r.kind)).toEqual(["built"]);
    expect(await differences(root, preview.output)).toEqual([]);
  });

  it("lets the browser keep the files named by their contents, not the pages", async () => {
    const cacheOf = async (url: string) => {
      const response = await fetch(new URL(url, preview.url));
      expect(response.status, url).toBe(200);
      await response.arrayBuffer();
      return response.headers.get("cache-control");
    };
    const home = await readFile(path.join(preview.output, "programs/index.html"), "utf8");
    const named = [
      ...home.matchAll(
        /(?:href|src|data-[a-z-]+)="(\/(?:assets\/[^"]+-[0-9a-f]{10}\.(?:css|js)|explorer\/data-[0-9a-f]+\.json))"/g,
      ),
    ].map((m) => m[1]!);
    expect(named.some((u) => u.endsWith(".css"))).toBe(true);
    expect(named.some((u) => u.startsWith("/explorer/"))).toBe(true);
    for (const url of new Set(named)) expect(await cacheOf(url), url).toMatch(/immutable/);
    for (const url of ["/programs/", "/programs/chess-club/", "/sw.js", "/pagefind/pagefind.js"])
      expect((await cacheOf(url)) ?? "", url).not.toMatch(/immutable|max-age=[1-9]/);
  });

  it("an edit re-renders its program's page and the listings it is on, not every page", async () => {
    const report = await step(() =>
      edit("programs/chess-club.md", /^title: .*$/m, "title: Chess for Everyone"),
    );
    expect(report).toMatchObject({ kind: "rebuilt", files: ["content/programs/chess-club.md"] });
    const all = (await tree(preview.output)).size;
    expect(report.pages).toBeGreaterThan(0);
    expect(report.pages).toBeLessThan(all / 2);
    // Its own page and the listings it is on first (/programs/, its audience, topic and
    // location pages, the quick views), on disk and shown before the months and the rest.
    expect(report.shownFirst).toBeGreaterThanOrEqual(2);
    expect(report.shownFirst).toBeLessThan(report.pages);
    const written = async (rel: string) => {
      const file = path.join(preview.output, rel, "index.html");
      expect(await readFile(file, "utf8"), rel).toContain("Chess for Everyone");
      return (await stat(file)).mtimeMs;
    };
    const month = await written("calendar/2026/12");
    for (const rel of ["programs/chess-club", "programs", "audiences/teens", "locations/eastside"])
      expect(await written(rel), `${rel} before the month calendar`).toBeLessThan(month);
    expect(
      await readFile(path.join(preview.output, "programs/chess-club/index.html"), "utf8"),
    ).toContain("<h1>Chess for Everyone</h1>");
    expect(await differences(root, preview.output)).toEqual([]);
  });

  it("a title edit writes again only what it changes: not the editor's files, nor the embed data or pages it leaves as they were", async () => {
    const out = (rel: string) => path.join(preview.output, rel);
    /** The editor's files, the embed's script and data: rel -> modification time, bytes. */
    const outputs = async () => {
      const files = new Map<string, { mtime: number; bytes: Buffer }>();
      for (const dir of ["admin", "embed/data"]) {
        for (const entry of await readdir(out(dir), { recursive: true, withFileTypes: true })) {
          // The editor's page and its host header file are a page and the headers' output.
          if (!entry.isFile() || entry.name === "index.html" || entry.name === ".htaccess")
            continue;
          const rel = path.relative(preview.output, path.join(entry.parentPath, entry.name));
          const file = out(rel);
          files.set(rel.split(path.sep).join("/"), {
            mtime: (await stat(file)).mtimeMs,
            bytes: await readFile(file),
          });
        }
      }
      files.set("embed.js", {
        mtime: (await stat(out("embed.js"))).mtimeMs,
        bytes: await readFile(out("embed.js")),
      });
      return files;
    };
    const address = (html: string) =>
      /data-src="(\/explorer\/data-[0-9a-f]+\.json)"/.exec(html)?.[1];
    // Chess is not storytime: that page's rows stay, while the explorer's data changes.
    const storytime = await readFile(out("categories/storytime/index.html"), "utf8");
    const before = await outputs();
    const report = await step(() =>
      edit("programs/chess-club.md", /^title: .*$/m, "title: Chess Club for All"),
    );
    const after = await outputs();
    const changed = [...before].filter(([rel, was]) => !after.get(rel)?.bytes.equals(was.bytes));
    const rewritten = [...before].filter(([rel, was]) => after.get(rel)?.mtime !== was.mtime);
    expect(changed.map(([rel]) => rel)).toContain("embed/data/category/culture.json");
    expect(changed.every(([rel]) => rel.startsWith("embed/data/"))).toBe(true);
    expect(rewritten.map(([rel]) => rel)).toEqual(changed.map(([rel]) => rel));
    // Its address is all that changed on the storytime page: given it, not rendered again.
    const page = await readFile(out("categories/storytime/index.html"), "utf8");
    expect(address(page)).toBeDefined();
    expect(address(page)).not.toBe(address(storytime));
    expect(page).toBe(storytime.replaceAll(address(storytime)!, address(page)!));
    expect(report.readdressed).toBeGreaterThan(0);
    expect(await differences(root, preview.output)).toEqual([]);
  });

  it("a date moved to another month, a mistake and its fix", async () => {
    await step(() => edit("programs/noon-years-eve.md", /2026-12-31/g, "2027-01-15"));
    expect(await differences(root, preview.output)).toEqual([]);
    const broken = await step(() =>
      edit("programs/chess-club.md", /^audiences: .*$/m, "audiences: [astronauts]"),
    );
    expect(broken.kind).toBe("failed");
    expect(broken.error).toMatch(
      /^content\/programs\/chess-club\.md:\d+: audiences: unknown audience "astronauts"/,
    );
    const fixed = await step(() =>
      edit("programs/chess-club.md", /^audiences: .*$/m, "audiences: [adults, teens]"),
    );
    expect(fixed.kind).toBe("rebuilt");
    expect(await differences(root, preview.output)).toEqual([]);
  });

  it("a renamed, a deleted and a new program", async () => {
    const page = await readFile(
      path.join(preview.output, "programs/gentle-yoga/index.html"),
      "utf8",
    );
    const card = /property="og:image" content="[^"]*\/(social\/[^"]+)"/.exec(page)![1]!;
    await step(() =>
      rename(file("programs/knitting-circle.md"), file("programs/knitting-club.md")),
    );
    await step(() => rm(file("programs/gentle-yoga.md")));
    await step(() =>
      writeFile(
        file("programs/seed-library.md"),
        "---\ntitle: Seed Library Opening\nsummary: Take seeds, leave seeds.\naudiences: [adults]\ncategories: [technology]\nlocation: central\nstart: 2026-12-10 18:00\n---\nBring seeds to share.\n",
      ),
    );
    const files = await tree(preview.output);
    expect(files.has("programs/knitting-circle/index.html")).toBe(false);
    expect(files.has("programs/knitting-circle.ics")).toBe(false);
    // The deleted program's social card goes too (no other program has its title).
    expect(files.has(card)).toBe(false);
    expect(files.has("programs/gentle-yoga/index.html")).toBe(false);
    expect(files.has("programs/knitting-club/index.html")).toBe(true);
    expect(files.has("programs/seed-library/index.html")).toBe(true);
    expect(await differences(root, preview.output)).toEqual([]);
  });

  it("a partner renamed, a page in the menu retitled (every page changes), a whole folder deleted", async () => {
    await step(() =>
      edit("partners/hollow-works-makerspace.md", /^name: .*$/m, "name: Hollow Works Maker Space"),
    );
    await step(() => edit("pages/about.md", /^title: .*$/m, "title: About Maple Hollow"));
    expect(await differences(root, preview.output)).toEqual([]);
    // content/guides/ goes: first the programs stop naming its guides.
    await step(async () => {
      for (const name of await readdir(file("programs"))) {
        const text = await readFile(file(`programs/${name}`), "utf8");
        if (/^guides: /m.test(text))
          await writeFile(file(`programs/${name}`), text.replace(/^guides: .*\n/m, ""));
      }
    });
    await preview.settled();
    const gone = await step(() => rm(file("guides"), { recursive: true }));
    expect(gone.kind).toBe("rebuilt");
    const files = await tree(preview.output);
    expect(
      [...files.keys()].filter((f) => f.startsWith("guides/") && f !== "guides/index.html"),
    ).toEqual([]);
    expect(await differences(root, preview.output)).toEqual([]);
  });

  it("a new library.yaml makes a complete build; old search index files do not pile up", async () => {
    const library = path.join(root, "_data/library.yaml");
    const report = await step(async () =>
      writeFile(
        library,
        (await readFile(library, "utf8")).replace(/^name: .*$/m, "name: Maple Hollow Library"),
      ),
    );
    expect(report.kind).toBe("built");
    // Five more edits, each reindexed in place: the index has as many files as a build's.
    for (let k = 1; k <= 5; k++) {
      await step(() => edit("programs/chess-club.md", /^title: .*$/m, `title: Chess ${k}`));
    }
    expect(await differences(root, preview.output)).toEqual([]);
    const names = await readdir(preview.output);
    expect(names.filter((n) => n.startsWith(".pagefind"))).toEqual([]);
  });
});

describe("a preview started on a content mistake", () => {
  it("serves the error, then makes a complete build once it is fixed", async () => {
    const root = await demoCopy();
    // What an earlier session left: a site with a program since deleted.
    const first = await previewSite({ root, port: 0, env: ENV, print: quiet });
    await first.close();
    await rm(path.join(root, "content/programs/gentle-yoga.md"));
    const chess = path.join(root, "content/programs/chess-club.md");
    const good = await readFile(chess, "utf8");
    await writeFile(chess, good.replace(/^audiences: .*$/m, "audiences: [astronauts]"));
    const preview = await previewSite({ root, port: 0, env: ENV, print: quiet });
    try {
      expect(preview.runs.map((r) => r.kind)).toEqual(["failed"]);
      const next = preview.nextRun();
      await writeFile(chess, good);
      expect((await next).kind).toBe("built");
      await preview.settled();
      expect((await tree(preview.output)).has("programs/gentle-yoga/index.html")).toBe(false);
      expect(await differences(root, preview.output)).toEqual([]);
    } finally {
      await preview.close();
    }
  });
});

describe("a preview started again", () => {
  it("removes the pages of programs deleted while it was stopped", async () => {
    const root = await demoCopy();
    const first = await previewSite({ root, port: 0, env: ENV, print: quiet });
    await first.close();
    await rm(path.join(root, "content/programs/gentle-yoga.md"));
    const second = await previewSite({ root, port: 0, env: ENV, print: quiet });
    try {
      const files = await tree(second.output);
      expect(files.has("programs/gentle-yoga/index.html")).toBe(false);
      expect(await differences(root, second.output)).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe("the preview of a site in several languages", () => {
  it("rebuilds the whole site after an edit, each language's pages included", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "almanac-preview-"));
    const fixture = path.join(REPO, "test/fixtures/bilingual");
    await cp(path.join(fixture, "content"), path.join(root, "content"), { recursive: true });
    await cp(path.join(fixture, "_data"), path.join(root, "_data"), { recursive: true });
    const preview = await previewSite({ root, port: 0, env: ENV, print: quiet });
    try {
      const translation = path.join(root, "content/programs/coding-club.es.md");
      const next = preview.nextRun();
      const text = await readFile(translation, "utf8");
      await writeFile(translation, text.replace("Club de programación", "Club de código"));
      const report = await next;
      await preview.settled();
      expect(report).toMatchObject({
        kind: "built",
        files: ["content/programs/coding-club.es.md"],
      });
      const page = path.join(preview.output, "es/programs/coding-club/index.html");
      expect(await readFile(page, "utf8")).toContain("<h1>Club de código</h1>");
      // Its calendar and programs.json too, after the pages (the deferred outputs).
      const ics = path.join(preview.output, "es/programs/coding-club.ics");
      expect(await readFile(ics, "utf8")).toContain("SUMMARY:Club de código");
      const json = path.join(preview.output, "es/programs.json");
      expect(await readFile(json, "utf8")).toContain('"title":"Club de código"');
      expect(await differences(root, preview.output)).toEqual([]);
    } finally {
      await preview.close();
    }
  });
});

describe("the second reload of a rebuild in place", () => {
  const later = (ms: number, act: () => void) => setTimeout(act, ms);
  const tab = (page: string): Client => ({ page: pageFiles(page) });

  it("waits until every page the first reached has reconnected", async () => {
    const a = tab("/programs/");
    const b = tab("/programs/chess-club/");
    const open = new Set<Client>([a, b]);
    const t0 = performance.now();
    const back = untilReconnected([a, b], open, 2000);
    // The reload closes both connections; the reloaded pages connect anew, one later.
    later(20, () => open.clear());
    later(60, () => open.add(tab("/programs/")));
    later(150, () => open.add(tab("/programs/chess-club/")));
    await back;
    expect(open.size).toBe(2);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("waits only for the pages it reloaded, not for a tab left as it was", async () => {
    const a = tab("/programs/");
    const kept = tab("/guides/lateral-reading/");
    const open = new Set<Client>([a, kept]);
    const t0 = performance.now();
    const back = untilReconnected([a], open, 2000);
    later(20, () => open.delete(a));
    later(60, () => open.add(tab("/programs/")));
    await back;
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("does not wait with no page reloaded, and not forever for a tab closed meanwhile", async () => {
    await untilReconnected([], new Set([tab("/")]), 5000);
    const a = tab("/programs/");
    const b = tab("/audiences/teens/");
    const open = new Set<Client>([a, b]);
    const t0 = performance.now();
    const back = untilReconnected([a, b], open, 300);
    later(20, () => open.clear());
    later(40, () => open.add(tab("/programs/"))); // tab b was closed
    await back;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });
});

describe("the preview's reload", () => {
  it("maps a tab's address to the files it is served from, in any language folder", () => {
    expect(pageFiles("/")).toEqual(["index.html"]);
    expect(pageFiles("/index.html")).toContain("index.html");
    expect(pageFiles("/es/")).toEqual(["es/index.html"]);
    expect(pageFiles("/es/programs/chess-club/")).toEqual(["es/programs/chess-club/index.html"]);
    expect(pageFiles("/programs/chess-club/index.html")).toContain(
      "programs/chess-club/index.html",
    );
    expect(pageFiles("/404.html")).toContain("404.html");
    expect(pageFiles("/about")).toEqual(expect.arrayContaining(["about.html", "about/index.html"]));
    expect(pageFiles("/programs/caf%C3%A9/")).toEqual(["programs/café/index.html"]);
  });

  it("tells only the tabs whose page was written, and every tab when told to", () => {
    const reloads = new ReloadClients();
    const sent: string[] = [];
    let connected: ((socket: Socket, req: { url?: string }) => void) | undefined;
    reloads.listen({ on: (_event, listener) => (connected = listener) });
    const connect = (page: string) => {
      const socket: Socket = { readyState: 1, send: () => void sent.push(page), once: () => {} };
      connected!(socket, { url: `/.almanac/reload?page=${encodeURIComponent(page)}` });
    };
    // Not the client's socket: not a tab to reload.
    connected!(
      { readyState: 1, send: () => void sent.push("other"), once: () => {} },
      { url: "/" },
    );
    for (const page of ["/", "/index.html", "/es/", "/es/programs/", "/guides/lateral-reading/"])
      connect(page);
    expect(reloads.reload(["index.html", "es/programs/index.html"]).length).toBe(3);
    expect(sent.sort()).toEqual(["/", "/es/programs/", "/index.html"]);
    sent.length = 0;
    expect(reloads.reload([]).length).toBe(0);
    expect(reloads.reload().length).toBe(5);
  });
});
