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
import { TRANSLATABLE } from "../src/content/schema/translation.ts";
import { ADMIN_CONTENT_SECURITY_POLICY } from "../src/outputs/csp.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";
import { buildFixture, REPO } from "./helpers/site.ts";

const run = promisify(execFile);
const BASIC = path.join(REPO, "test/fixtures/basic");
/** Published in French first, English second: its translations are `<id>.en.md`. */
const FR_EN = path.join(REPO, "test/fixtures/editor-languages");
/** The one outside address the CMS asks in local mode: GitHub's status, for its backend. */
const GITHUB_STATUS = "https://www.githubstatus.com/api/v2/status.json";

/** A copy of a fixture library, built and served as a host serves /admin/. */
interface Served {
  /** The copy's folder, where what the editor saves is copied back. */
  root: string;
  server: StaticServer;
}

async function serveLibrary(fixture: string): Promise<Served> {
  const root = path.join(await mkdtemp(path.join(tmpdir(), "almanac-editor-")), "library");
  await cp(fixture, root, { recursive: true });
  const site = await buildFixture(root);
  expect(site.ok).toBe(true);
  // With the editor's own policy as a header.
  const server = await serveStatic(site.output, {
    "Content-Security-Policy": ADMIN_CONTENT_SECURITY_POLICY,
  });
  return { root, server };
}

let basic: Served;
let browser: Browser;

beforeAll(async () => {
  basic = await serveLibrary(BASIC);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await basic?.server.close();
});

/** The library's text files (what the CMS reads), by path; `.git/HEAD` marks the repository. */
async function libraryFiles(library: string): Promise<Record<string, string>> {
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
  library: string;
  page: Page;
  context: BrowserContext;
  /** Requests to any other origin than the site's, each stopped. */
  outside: string[];
  /** Problems the page reported: CSP violations, console errors, page errors. */
  errors: string[];
  files: Record<string, string>;
}

/** Opens /admin/ on a copy of the library, signed in to its local repository. */
async function openEditor({ root: library, server }: Served = basic): Promise<Editor> {
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
  const files = await libraryFiles(library);
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
  return { library, page, context, outside, errors, files };
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
        await mkdir(path.dirname(path.join(editor.library, f)), { recursive: true });
        await writeFile(path.join(editor.library, f), now[f]!);
      }
      return changed.sort();
    }
    await editor.page.waitForTimeout(200);
  }
  throw new Error("the editor saved nothing");
}

/** `npm run check` on the library, as the launcher runs it. */
async function check(library: string): Promise<{ code: number; output: string }> {
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
        path.join(basic.root, "content/programs/robot-building-workshop.md"),
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

      const checked = await check(basic.root);
      expect(checked.output).not.toMatch(/robot-building-workshop/);
      expect(checked.code).toBe(0);
      const { catalogue } = await loadCatalogue({ root: basic.root });
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
        path.join(basic.root, "content/programs/teen-coding-club.md"),
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
      const checked = await check(basic.root);
      expect(checked.output).not.toMatch(/teen-coding-club/);
      expect(checked.code).toBe(0);
      expect(editor.errors).toEqual([]);
    } finally {
      await editor.context.close();
    }
  });
});

describe("the browser editor in a library of two site languages (fr, en)", () => {
  let frEn: Served;
  beforeAll(async () => {
    frEn = await serveLibrary(FR_EN);
  });
  afterAll(async () => {
    await frEn?.server.close();
  });

  /** Shows the English side of the open item in the form's pane. */
  async function english(page: Page) {
    await page
      .getByRole("group", { name: /^Edit .*Content$/ })
      .getByRole("radiogroup", { name: "Switch Locale" })
      .getByRole("radio", { name: /^English/ })
      .click();
    return page.getByRole("group", { name: /^Edit .*English.* Content$/ });
  }

  /** A saved translation holds only its kind's translatable fields, and a body. */
  async function translation(kind: keyof typeof TRANSLATABLE, file: string) {
    const saved = split(await readFile(path.join(frEn.root, "content", kind, file), "utf8"));
    for (const field of Object.keys(saved.data)) {
      expect(TRANSLATABLE[kind], `${file}: ${field}`).toContain(field);
    }
    return saved;
  }

  it("edits a program's translation: <id>.en.md with translatable fields only, <id>.md without a code", async () => {
    const editor = await openEditor(frEn);
    const { page } = editor;
    try {
      await page.getByText("Atelier de robotique", { exact: true }).first().click();
      const form = await english(page);
      await form.getByRole("textbox", { name: "Summary" }).fill("Build a robot, then program it.");
      await form.getByRole("textbox", { name: "Room" }).fill("Robotics lab");
      await page.getByRole("button", { name: "Save" }).click();

      // The CMS writes every language's file of the item; the base file keeps its name.
      expect(await savedFiles(editor)).toEqual([
        "content/programs/atelier-robotique.en.md",
        "content/programs/atelier-robotique.md",
      ]);
      const saved = await translation("programs", "atelier-robotique.en.md");
      expect(saved.data).toEqual({
        title: "Robotics Workshop",
        summary: "Build a robot, then program it.",
        room: "Robotics lab",
        cost: "Free",
      });
      expect(saved.body.trim()).toBe("A new challenge every week.");
      const base = split(
        await readFile(path.join(frEn.root, "content/programs/atelier-robotique.md"), "utf8"),
      );
      expect(base.data).toMatchObject(
        split(editor.files["content/programs/atelier-robotique.md"]!).data,
      );

      // The project's own check and loader: the translation is accepted and attached.
      const checked = await check(frEn.root);
      expect(checked.output).not.toMatch(/atelier-robotique/);
      expect(checked.code).toBe(0);
      const { catalogue } = await loadCatalogue({ root: frEn.root });
      const program = catalogue!.programs.find((p) => p.id === "atelier-robotique")!;
      expect(program.summary).toBe("Construire et programmer un petit robot.");
      expect(program.translations?.en).toMatchObject({
        summary: "Build a robot, then program it.",
        room: "Robotics lab",
      });
      expect(editor.outside.filter((u) => u !== GITHUB_STATUS)).toEqual([]);
      expect(editor.errors).toEqual([]);
    } finally {
      await editor.context.close();
    }
  });

  it("adds a translation to a program that had none, with no default written into it", async () => {
    const editor = await openEditor(frEn);
    const { page } = editor;
    try {
      await page.getByText("Club de lecture", { exact: true }).first().click();
      const form = await english(page);
      await form.getByRole("button", { name: /^Enable .*English/ }).click();
      await form.getByRole("textbox", { name: "Title" }).fill("Book club");
      await form
        .getByRole("textbox", { name: "Summary" })
        .fill("We talk about the book of the month.");
      await page.getByRole("button", { name: "Save" }).click();

      expect(await savedFiles(editor)).toEqual([
        "content/programs/club-de-lecture.en.md",
        "content/programs/club-de-lecture.md",
      ]);
      // No `cost: Free` (the field's default): the English site shows the base file's cost.
      const saved = await translation("programs", "club-de-lecture.en.md");
      expect(saved.data).toEqual({
        title: "Book club",
        summary: "We talk about the book of the month.",
      });
      const checked = await check(frEn.root);
      expect(checked.output).not.toMatch(/club-de-lecture/);
      expect(checked.code).toBe(0);
      expect(editor.errors).toEqual([]);
    } finally {
      await editor.context.close();
    }
  });

  it("keeps a guide translation's source titles when the guide is saved", async () => {
    const editor = await openEditor(frEn);
    const { page } = editor;
    try {
      await page.getByText("Guides", { exact: true }).first().click();
      await page.getByText("Repérer les fausses nouvelles", { exact: true }).first().click();
      await page
        .getByRole("textbox", { name: "Summary" })
        .fill("Cinq vérifications, puis partagez.");
      const form = await english(page);
      await form.getByRole("textbox", { name: "Summary" }).fill("Five checks, then share.");
      await page.getByRole("button", { name: "Save" }).click();

      expect(await savedFiles(editor)).toEqual([
        "content/guides/reperer-les-fausses-nouvelles.en.md",
        "content/guides/reperer-les-fausses-nouvelles.md",
      ]);
      const saved = await translation("guides", "reperer-les-fausses-nouvelles.en.md");
      expect(saved.data).toEqual({
        title: "Spotting fake news",
        summary: "Five checks, then share.",
        checklist: ["Who posted it first?"],
        sources: ["Reverse image search"],
      });
      const base = split(
        await readFile(
          path.join(frEn.root, "content/guides/reperer-les-fausses-nouvelles.md"),
          "utf8",
        ),
      );
      expect(base.data).toMatchObject({
        summary: "Cinq vérifications, puis partagez.",
        sources: [{ title: "Recherche d'image inversée", url: "https://example.org/recherche" }],
      });
      const checked = await check(frEn.root);
      expect(checked.output).not.toMatch(/reperer-les-fausses-nouvelles/);
      expect(checked.code).toBe(0);
      expect(editor.errors).toEqual([]);
    } finally {
      await editor.context.close();
    }
  });

  it("creates a program in the first language only, as <id>.md", async () => {
    const editor = await openEditor(frEn);
    const { page } = editor;
    try {
      await page.getByRole("button", { name: "New" }).first().click();
      await page.getByRole("textbox", { name: "Title" }).fill("Heure du conte");
      await page.getByRole("textbox", { name: "Summary" }).fill("Des histoires pour les petits.");
      await page.getByRole("checkbox", { name: "Jeunes" }).check();
      await page.getByRole("checkbox", { name: "Numérique" }).check();
      await page.getByRole("radio", { name: "Bibliothèque centrale" }).check();
      await page.getByRole("textbox", { name: "Start" }).fill("2026-12-03T10:00");
      const body = await bodyEditor(page);
      await body.click();
      await page.keyboard.type("Pour les 3 à 5 ans.");
      await page.getByRole("button", { name: "Save" }).click();

      expect(await savedFiles(editor)).toEqual(["content/programs/heure-du-conte.md"]);
      const checked = await check(frEn.root);
      expect(checked.output).not.toMatch(/heure-du-conte/);
      expect(checked.code).toBe(0);
      // Sveltia CMS 0.221.1's language switcher reads the closed draft's validities as the
      // editor leaves a new item (src/lib/components/contents/details/locale-switcher.svelte,
      // `Object.values(validities[locale])`): an error in the page, after the file is written.
      expect(
        editor.errors.filter((e) => e !== "page error: Cannot convert undefined or null to object"),
      ).toEqual([]);
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
      (url) => url.origin !== new URL(basic.server.url).origin,
      (route) => route.abort(),
    );
    await page.goto(`${basic.server.url}/admin/`);
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
