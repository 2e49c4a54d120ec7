// The browser editor at /admin/ (Sveltia CMS), driven in Chromium as staff use it on
// `npm start`: "Work with Local Repository", then a program created, and one edited,
// through its form; what it saved must pass `npm run check` as a file written by hand.
//
// Its local repository is the File System Access API: the browser writes the library's
// folder itself, once staff pick it in the system's folder dialog. A headless browser has
// no such dialog, so `showDirectoryPicker` hands the CMS a folder of the browser's own
// private file system (a real FileSystemDirectoryHandle, the same API), filled with a copy
// of a fixture library; what the CMS writes there is copied back into the library's
// folder on disk, and `npm run check` runs on that.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { ADMIN_CONTENT_SECURITY_POLICY } from "../src/outputs/csp.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";
import { buildFixture, REPO } from "./helpers/site.ts";

const run = promisify(execFile);
const BASIC = path.join(REPO, "test/fixtures/basic");
/** The one outside address the CMS asks in local mode: GitHub's status, for its backend. */
const GITHUB_STATUS = "https://www.githubstatus.com/api/v2/status.json";

let library: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  library = path.join(await mkdtemp(path.join(tmpdir(), "almanac-editor-")), "library");
  await cp(BASIC, library, { recursive: true });
  const site = await buildFixture(library);
  expect(site.ok).toBe(true);
  // Served as a host serves /admin/: with the editor's own policy as a header.
  server = await serveStatic(site.output, {
    "Content-Security-Policy": ADMIN_CONTENT_SECURITY_POLICY,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The library's text files (what the CMS reads), by path; `.git/HEAD` marks the repository. */
async function libraryFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = { ".git/HEAD": "ref: refs/heads/main\n" };
  files["_data/library.yaml"] = await readFile(path.join(library, "_data/library.yaml"), "utf8");
  for (const kind of ["programs", "partners", "guides", "pages"]) {
    for (const f of await readdir(path.join(library, "content", kind))) {
      files[`content/${kind}/${f}`] = await readFile(
        path.join(library, "content", kind, f),
        "utf8",
      );
    }
  }
  return files;
}

interface Editor {
  page: Page;
  context: BrowserContext;
  /** Requests to any other origin than the site's, each stopped. */
  outside: string[];
  /** Problems the page reported: CSP violations, console errors, page errors. */
  errors: string[];
  files: Record<string, string>;
}

/** Opens /admin/ on a copy of the library, signed in to its local repository. */
async function openEditor(): Promise<Editor> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const outside: string[] = [];
  const errors: string[] = [];
  await context.route(
    (url) => url.origin !== new URL(server.url).origin,
    (route) => {
      outside.push(route.request().url());
      return route.abort();
    },
  );
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // A request the route above stopped is not the page's fault.
    if (m.type() === "error" && !/ERR_FAILED|ERR_NAME_NOT_RESOLVED/.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  await page.addInitScript(
    `window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle("library", { create: true });`,
  );
  await page.goto(`${server.url}/admin/`);
  const files = await libraryFiles();
  await page.evaluate(`(async (files) => {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry("library", { recursive: true }).catch(() => {});
    const lib = await root.getDirectoryHandle("library", { create: true });
    for (const [p, text] of Object.entries(files)) {
      const parts = p.split("/");
      let dir = lib;
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const file = await dir.getFileHandle(parts[parts.length - 1], { create: true });
      const out = await file.createWritable();
      await out.write(text);
      await out.close();
    }
  })(${JSON.stringify(files)})`);
  await page.getByRole("button", { name: "Work with Local Repository" }).click();
  await page.getByRole("button", { name: "New" }).first().waitFor();
  return { page, context, outside, errors, files };
}

/**
 * Waits until the CMS has written files that differ from what it was given, copies them
 * into the library's folder on disk, and returns their paths.
 */
async function savedFiles(editor: Editor): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    // A file the CMS is writing can vanish under the walk (its swap file): look again.
    const now = (await editor.page
      .evaluate(
        `(async () => {
      const out = {};
      async function walk(dir, prefix) {
        for await (const [name, handle] of dir.entries()) {
          if (handle.kind === "directory") await walk(handle, prefix + name + "/");
          else out[prefix + name] = await (await handle.getFile()).text();
        }
      }
      await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle("library"), "");
      return out;
    })()`,
      )
      .catch(() => ({}))) as Record<string, string>;
    const changed = Object.keys(now).filter((f) => now[f] !== editor.files[f]);
    if (changed.length && !changed.some((f) => /\.crswap$/.test(f))) {
      for (const f of changed) {
        await mkdir(path.dirname(path.join(library, f)), { recursive: true });
        await writeFile(path.join(library, f), now[f]!);
      }
      return changed.sort();
    }
    await editor.page.waitForTimeout(200);
  }
  throw new Error("the editor saved nothing");
}

/** `npm run check` on the library, as the launcher runs it. */
async function check(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["scripts/cli.mjs", "check", "--root", library],
      { cwd: REPO, env: { ...process.env, ALMANAC_NOW: "2026-11-28T10:00" } },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** Front matter and body of a saved file. */
function split(text: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`not a content file:\n${text}`);
  return { data: parse(m[1]!) as Record<string, unknown>, body: m[2]! };
}

/** Scrolls the form down until the body's editor is shown (the CMS draws fields as needed). */
async function bodyEditor(page: Page) {
  await page.getByRole("textbox", { name: "Title" }).hover();
  const body = page.getByRole("group", { name: /Description/ });
  for (let i = 0; i < 30 && !(await body.count()); i++) {
    await page.mouse.wheel(0, 1500);
    await page.waitForTimeout(100);
  }
  return body.getByRole("textbox", { name: "Description" });
}

describe("the browser editor with its local repository", () => {
  it("creates a program that passes npm run check, in content/programs/<id>.md", async () => {
    const editor = await openEditor();
    const { page } = editor;
    try {
      await page.getByRole("button", { name: "New" }).first().click();
      await page.getByRole("textbox", { name: "Title" }).fill("Robot Building Workshop");
      await page.getByRole("textbox", { name: "Summary" }).fill("Build and program a small robot.");
      await page.getByRole("checkbox", { name: "Teens" }).check();
      await page.getByRole("checkbox", { name: "Technology" }).check();
      await page.getByRole("radio", { name: "Central Library" }).check();
      // A datetime-local input, as the browser offers it: a wall-clock date and time.
      await page.getByRole("textbox", { name: "Start" }).fill("2026-12-03T18:00");
      const body = await bodyEditor(page);
      await body.click();
      await page.keyboard.type("Bring a laptop if you have one.");
      await page.getByRole("button", { name: "Save" }).click();

      expect(await savedFiles(editor)).toEqual(["content/programs/robot-building-workshop.md"]);
      const text = await readFile(
        path.join(library, "content/programs/robot-building-workshop.md"),
        "utf8",
      );
      // The time as staff write it by hand: wall-clock, no zone, no seconds, not quoted.
      expect(text).toMatch(/^start: 2026-12-03 18:00$/m);
      const { data, body: written } = split(text);
      expect(data).toMatchObject({
        title: "Robot Building Workshop",
        summary: "Build and program a small robot.",
        audiences: ["teens"],
        categories: ["technology"],
        location: "central",
        start: "2026-12-03 18:00",
      });
      // Empty optional fields are left out, not written as "" (which check refuses).
      for (const value of Object.values(data)) expect(value).not.toBe("");
      expect(written.trim()).toBe("Bring a laptop if you have one.");

      const checked = await check();
      expect(checked.output).not.toMatch(/robot-building-workshop/);
      expect(checked.code).toBe(0);
      const { catalogue } = await loadCatalogue({ root: library });
      const program = catalogue!.programs.find((p) => p.id === "robot-building-workshop")!;
      expect(program.occurrences[0]!.start.toISO()).toBe("2026-12-03T18:00:00.000-06:00");

      expect(editor.outside.filter((u) => u !== GITHUB_STATUS)).toEqual([]);
      expect(editor.errors).toEqual([]);
    } finally {
      await editor.context.close();
    }
  });

  it("edits an existing program and keeps what the form did not change", async () => {
    const editor = await openEditor();
    const { page } = editor;
    try {
      await page.getByText("Teen Coding Club", { exact: true }).first().click();
      await page
        .getByRole("textbox", { name: "Summary" })
        .fill("Build a small game in Python, in pairs.");
      await page.getByRole("button", { name: "Save" }).click();

      expect(await savedFiles(editor)).toEqual(["content/programs/teen-coding-club.md"]);
      const text = await readFile(
        path.join(library, "content/programs/teen-coding-club.md"),
        "utf8",
      );
      const before = split(editor.files["content/programs/teen-coding-club.md"]!);
      const after = split(text);
      expect(after.data).toMatchObject({
        ...before.data,
        summary: "Build a small game in Python, in pairs.",
      });
      expect(text).toMatch(/^start: 2026-10-20 18:00$/m);
      expect(after.body.trim()).toBe(before.body.trim());
      const checked = await check();
      expect(checked.output).not.toMatch(/teen-coding-club/);
      expect(checked.code).toBe(0);
      expect(editor.errors).toEqual([]);
    } finally {
      await editor.context.close();
    }
  });
});

describe("the editor's interface languages", () => {
  /** The sign-in screen of /admin/ in a browser set to `locale`, and the site's answers. */
  async function signIn(locale: string, name: string): Promise<{ missing: string[] }> {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const missing: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
    });
    await context.route(
      (url) => url.origin !== new URL(server.url).origin,
      (route) => route.abort(),
    );
    await page.goto(`${server.url}/admin/`);
    await page.getByRole("button", { name }).waitFor({ timeout: 20_000 });
    await context.close();
    return { missing };
  }

  it("speaks a language of the library (es) from its file, others in its built-in English", async () => {
    // The fixture library writes in en and es: Spanish from es-CO.json, the one Spanish
    // Sveltia has; German is not published and not listed, so no request fails.
    expect(await signIn("es-MX", "Trabajar con un repositorio local")).toEqual({ missing: [] });
    expect(await signIn("de-DE", "Work with Local Repository")).toEqual({ missing: [] });
  });
});
