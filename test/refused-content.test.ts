// Content that is refused (docs/quality.md, "Content that is refused"): files the build
// would skip or must never read, symbolic links out of the site, reserved ids, invisible
// characters, huge or deeply nested input, URLs with spaces or line breaks, prototype keys.
// Each mistake is one line naming the file, line and field, from loadCatalogue and from
// both CLIs, which exit 1 without a stack trace. Messages are locked: staff read them.
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import { DEFAULT_LIBRARY, makeSite, md, programFile } from "./helpers/fixture.ts";
import { REPO } from "./helpers/site.ts";

const NOW = DateTime.fromISO("2026-10-01T09:00", { zone: "America/Chicago" });

/** Formatted problems of the site at `root`. */
async function problemsOf(root: string): Promise<string> {
  const result = await loadCatalogue({ root, now: NOW });
  if (result.problems.some((p) => p.severity === "error")) expect(result.catalogue).toBeUndefined();
  return formatProblems(result.problems);
}

const check = async (files: Record<string, string>) => problemsOf(await makeSite(files));

const DEFAULTS = { title: "Chess Club", summary: "Play and learn chess." };

/** A valid program (front matter on lines 2-8), then `more` from line 9. */
const program = (more = "", replace: Record<string, string> = {}, body?: string) =>
  programFile(DEFAULTS, more, replace, body);

/** Runs `npm run check` or `npm run build` (the bundled CLI) on `root`. */
function cli(
  command: "check" | "build",
  root: string,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const extra = command === "build" ? ["--output", path.join(root, "_site")] : [];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/cli.mjs", command, "--root", root, ...extra, ...args],
      {
        cwd: REPO,
        timeout: 120_000,
        env: { ...process.env, ALMANAC_NOW: "2026-10-01T09:00", ALMANAC_SEARCH: "off" },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Both CLIs exit 1 on `root`, print `lines` (and nothing else but their summary lines). */
async function expectBothRefuse(root: string, lines: string[]): Promise<void> {
  for (const command of ["check", "build"] as const) {
    const { code, stdout, stderr } = await cli(command, root);
    expect(code, `${command}: ${stderr}`).toBe(1);
    expect(stderr).not.toMatch(/^\s+at /m);
    const printed = `${stdout}${stderr}`
      .split("\n")
      .filter((l) => l && !/^\d+ errors?|^Build stopped/.test(l));
    expect(printed, command).toEqual(lines);
  }
  expect(existsSync(path.join(root, "_site"))).toBe(false);
}

describe("files under content/", () => {
  it("a site without content/ is an error in check and build, one line each", async () => {
    const root = await makeSite({});
    await rm(path.join(root, "content"), { recursive: true });
    expect(await problemsOf(root)).toMatchInlineSnapshot(`
      "content/:1: folder not found: every site needs content/ (programs/, partners/, guides/, pages/, images/); run the command in the site's folder
      1 error"
    `);
    await expectBothRefuse(root, [
      "content/:1: folder not found: every site needs content/ (programs/, partners/, guides/, pages/, images/); run the command in the site's folder",
    ]);
  });

  it("files the build does not read get a warning naming them; junk and images do not", async () => {
    const root = await makeSite({
      "content/programs/chess-club.md": program(),
      "content/programs/chess.MD": program(),
      "content/programs/sub/x.md": program(),
      "content/programs/notes.txt": "to do",
      "content/programs/chess-club.jpg": "",
      "content/events/spring-fair.md": program(),
      "content/events/poster.png": "",
      "content/photos/a.jpg": "",
      "content/README.md": "# Our content",
      "content/images/credits.txt": "Photos: staff",
      "content/images/notes.md": "",
      // Editor and system leftovers: skipped silently.
      "content/programs/.DS_Store": "",
      "content/programs/.chess-club.md.swp": "",
      "content/programs/chess-club.md~": "",
      "content/programs/#chess-club.md#": "",
      "content/programs/Thumbs.db": "",
      "content/images/desktop.ini": "",
    });
    expect(await problemsOf(root)).toMatchInlineSnapshot(`
      "content/README.md:1: warning: file not read: Markdown files directly in content/ are not published: move it into content/programs/ (or partners/, guides/, pages/)
      content/events/:1: warning: folder not read: content/events/spring-fair.md and everything else in it but images is not published; Almanac reads content/programs/, partners/, guides/, pages/ and images/
      content/images/notes.md:1: warning: file not read: Markdown files in content/images/ are not published: move it into content/pages/ (or programs/, partners/, guides/)
      content/programs/chess.MD:1: warning: file not read: the name must end in .md in lowercase: rename it chess.md
      content/programs/notes.txt:1: warning: file not read: only .md files in content/programs/ are read (and images)
      content/programs/sub/x.md:1: warning: file not read: files in subfolders of content/programs/ are not published: move it to content/programs/x.md
      6 warnings"
    `);
  });

  it("a .md that is a folder, and library.yaml as a folder, are one line each", async () => {
    const root = await makeSite({ "content/programs/chess.md/x.txt": "" });
    await rm(path.join(root, "_data/library.yaml"));
    await mkdir(path.join(root, "_data/library.yaml"));
    expect(await problemsOf(root)).toMatchInlineSnapshot(`
      "_data/library.yaml:1: is a folder, not a file
      content/programs/chess.md:1: is a folder, not a file: a program is one file content/programs/chess.md; rename or remove the folder
      content/programs/chess.md/x.txt:1: warning: file not read: only .md files directly in content/programs/ are read (and images)
      2 errors, 1 warning"
    `);
  });

  it("a named pipe or a device is never opened: not a regular file, or a link out of the site", async () => {
    const root = await makeSite({
      "content/programs/chess-club.md": program(),
      "content/images/kite.jpg": "",
    });
    execFileSync("mkfifo", [path.join(root, "content/programs/pipe.md")]);
    execFileSync("mkfifo", [path.join(root, "content/images/pipe.jpg")]);
    await symlink("/dev/zero", path.join(root, "content/programs/zero.md"));
    await rm(path.join(root, "_data/library.yaml"));
    execFileSync("mkfifo", [path.join(root, "_data/library.yaml")]);
    // Reading any of them would never end: the test's own timeout is the failure.
    expect(await problemsOf(root)).toMatchInlineSnapshot(`
      "_data/library.yaml:1: not a regular file (a named pipe): Almanac never reads it; delete it or replace it with a file
      content/images/pipe.jpg:1: not a regular file (a named pipe): Almanac never reads it; delete it or replace it with a file
      content/programs/pipe.md:1: not a regular file (a named pipe): Almanac never reads it; delete it or replace it with a file
      content/programs/zero.md:1: symbolic link to /dev/zero, outside the site's folder: links may only point inside it; copy the file into content/ instead
      4 errors"
    `);
    await rm(path.join(root, "_data/library.yaml"));
    await symlink("/dev/zero", path.join(root, "_data/library.yaml"));
    expect(await problemsOf(root)).toContain(
      "_data/library.yaml:1: symbolic link to /dev/zero, outside the site's folder: links may only point inside it; copy the file into _data/ instead",
    );
  }, 20_000);

  it("a file that is not UTF-8 is read, with a warning at the first bad byte", async () => {
    const root = await makeSite({});
    const latin1 = Buffer.from(program("room: Salle de réunion"), "latin1");
    await mkdir(path.join(root, "content/programs"));
    await writeFile(path.join(root, "content/programs/chess-club.md"), latin1);
    const result = await loadCatalogue({ root, now: NOW });
    expect(formatProblems(result.problems)).toMatchInlineSnapshot(`
      "content/programs/chess-club.md:9: warning: not UTF-8: the file was saved in another encoding (Latin-1 or Windows-1252?), so letters such as é show as � on the site; save it as UTF-8
      1 warning"
    `);
    expect(result.catalogue!.programs[0]!.room).toBe("Salle de r\uFFFDunion");
  });

  it("a file over 1 MB, such as one 20 MB line, is one error and never parsed", async () => {
    const root = await makeSite({
      "content/programs/chess-club.md": program(`extra: { blob: ${"x".repeat(20_000_000)} }`),
      "content/pages/about.md": md(`title: About\nsummary: ${"y".repeat(1200)}`),
      "content/partners/p.md": md(
        `name: P\nkind: other\nsummary: S.\nwebsite: https://example.org/${"a".repeat(2100)}`,
      ),
    });
    expect(await problemsOf(root)).toMatchInlineSnapshot(`
      "content/pages/about.md:3: summary: at most 300 characters (got 1200)
      content/partners/p.md:5: website: at most 2000 characters (got 2120)
      content/programs/chess-club.md:1: file too large: 19.1 MB, and a file may be at most 1.0 MB; split it, or move pictures and attachments out of it
      3 errors"
    `);
  });

  it("text fields without their own limit take at most 1000 characters, ids 100", async () => {
    expect(
      await check({
        "content/programs/chess-club.md": program(`room: ${"r".repeat(1001)}`, {
          audiences: `[${"t".repeat(101)}]`,
        }),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/chess-club.md:4: audiences: at most 100 characters (got 101)
      content/programs/chess-club.md:9: room: at most 1000 characters (got 1001)
      2 errors"
    `);
  });

  it("YAML nested thousands of levels deep is bad YAML, not a stack overflow", async () => {
    expect(
      await check({
        "content/programs/a.md": program(`extra: ${"[".repeat(5000)}${"]".repeat(5000)}`),
        "content/programs/b.md": program(
          `extra:\n${Array.from({ length: 200 }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`).join("\n")}`,
        ),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/a.md:9: bad YAML: nested more than 64 levels deep
      content/programs/b.md:74: bad YAML: nested more than 64 levels deep
      2 errors"
    `);
  });
});

describe("symbolic links", () => {
  it("links that point outside the site are errors naming the link; links inside are followed", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "almanac-outside-"));
    await writeFile(path.join(outside, "private.jpg"), "");
    await writeFile(path.join(outside, "x.md"), program());
    const root = await makeSite({
      "content/programs/chess-club.md": program(),
      "content/partners/p.md": md("name: P\nkind: other\nsummary: S."),
      "shared/club.md": program("", { title: "Linked Club" }),
      "shared/photos/kite.jpg": "",
      "content/images/kite.jpg": "",
    });
    const link = (target: string, at: string) => symlink(target, path.join(root, at));
    await link("/", "content/images/root");
    await link(path.join(outside, "private.jpg"), "content/images/private.jpg");
    await link(path.join(outside, "x.md"), "content/programs/outside.md");
    await link(outside, "content/partners/more");
    await link("../../shared/club.md", "content/programs/linked-club.md");
    await link("../../shared/photos", "content/images/shared");
    await link("nowhere.jpg", "content/images/broken.jpg");
    await link("loop-b", "content/images/loop-a");
    await link("loop-a", "content/images/loop-b");
    await link("..", "content/images/up");
    const report = (await problemsOf(root)).replaceAll(outside, "<outside>");
    expect(report).toMatchInlineSnapshot(`
      "content/images/broken.jpg:1: symbolic link to nothing (its target does not exist): fix the link or delete it
      content/images/loop-a:1: symbolic link to a loop of links: fix the link or delete it
      content/images/loop-b:1: symbolic link to a loop of links: fix the link or delete it
      content/images/private.jpg:1: symbolic link to <outside>/private.jpg, outside the site's folder: links may only point inside it; copy the file into content/ instead
      content/images/root:1: symbolic link to /, outside the site's folder: links may only point inside it; copy the file into content/ instead
      content/images/up:1: symbolic link to ${path.join(root, "content")}, a folder that holds content/ itself: delete the link
      content/partners/more:1: symbolic link to <outside>, outside the site's folder: links may only point inside it; copy the file into content/ instead
      content/programs/outside.md:1: symbolic link to <outside>/x.md, outside the site's folder: links may only point inside it; copy the file into content/ instead
      8 errors"
    `);
    // Inside the site: read like any file.
    await rm(outside, { recursive: true });
    for (const name of ["root", "private.jpg", "broken.jpg", "loop-a", "loop-b", "up"])
      await rm(path.join(root, "content/images", name));
    for (const name of ["programs/outside.md", "partners/more"])
      await rm(path.join(root, "content", name));
    const result = await loadCatalogue({ root, now: NOW });
    expect(formatProblems(result.problems)).toBe("no problems");
    expect(result.catalogue!.programs.map((p) => p.title)).toEqual(["Chess Club", "Linked Club"]);
  });

  it("content/ may itself be a link inside the site, not out of it", async () => {
    const root = await makeSite({
      "library-content/programs/chess-club.md": program(),
      "library-content/photos/kite.jpg": "",
      "library-content/images/.keep": "",
    });
    await rm(path.join(root, "content"), { recursive: true });
    await symlink("library-content", path.join(root, "content"));
    await symlink("../photos/kite.jpg", path.join(root, "library-content/images/kite.jpg"));
    const ok = await loadCatalogue({ root, now: NOW });
    expect(formatProblems(ok.problems)).toBe("no problems");
    expect(ok.catalogue!.programs.map((p) => p.id)).toEqual(["chess-club"]);

    const elsewhere = await mkdtemp(path.join(tmpdir(), "almanac-outside-"));
    await rm(path.join(root, "content"));
    await symlink(elsewhere, path.join(root, "content"));
    expect((await problemsOf(root)).replaceAll(elsewhere, "<elsewhere>")).toMatchInlineSnapshot(`
      "content/:1: symbolic link to <elsewhere>, outside the site's folder: run the command with --root set to the folder that holds the content instead
      1 error"
    `);
  });

  it("a link out of the site stops check and build", async () => {
    const root = await makeSite({
      "content/programs/chess-club.md": program(),
      "content/images/kite.jpg": "",
    });
    await symlink("/etc", path.join(root, "content/images/etc"));
    await expectBothRefuse(root, [
      "content/images/etc:1: symbolic link to /etc, outside the site's folder: links may only point inside it; copy the file into content/ instead",
    ]);
  });
});

describe("reserved ids", () => {
  it("program files named like a page the site writes are errors", async () => {
    expect(
      await check({
        "content/programs/today.md": program(),
        "content/programs/this-week.md": program(),
        "content/programs/this-weekend.md": program(),
        "content/programs/page.md": program(),
        "content/pages/today.md": md("title: Today"),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/page.md:1: file name "page.md" is reserved: /programs/page/2/ and on are the later pages of the list of upcoming programs; choose another name, e.g. page-program.md
      content/programs/this-week.md:1: file name "this-week.md" is reserved: /programs/this-week/ is the list of this week's programs; choose another name, e.g. this-week-program.md
      content/programs/this-weekend.md:1: file name "this-weekend.md" is reserved: /programs/this-weekend/ is the list of this weekend's programs; choose another name, e.g. this-weekend-program.md
      content/programs/today.md:1: file name "today.md" is reserved: /programs/today/ is the list of today's programs; choose another name, e.g. today-program.md
      4 errors"
    `);
  });
});

describe("characters", () => {
  it("a lone surrogate escape is an error naming the file, line and field", async () => {
    expect(
      await check({
        "content/programs/chess-club.md": program("", { title: '"Chess \\uD83D club"' }),
        "content/pages/about.md": md('title: About\nsummary: "\\uDE00 fine"'),
        "content/programs/emoji.md": program("", { title: '"Chess \\uD83D\\uDE00 club"' }),
      }),
    ).toMatchInlineSnapshot(`
      "content/pages/about.md:3: summary: contains half of a character (\\uDE00, an unpaired surrogate) at the start: write the character itself, or both halves of its escape (e.g. \\uD83D\\uDE00)
      content/programs/chess-club.md:2: title: contains half of a character (\\uD83D, an unpaired surrogate) after "Chess ": write the character itself, or both halves of its escape (e.g. \\uD83D\\uDE00)
      2 errors"
    `);
  });

  it("control characters are refused in every kind of file, in values, keys, lists and bodies", async () => {
    const library = DEFAULT_LIBRARY.replace("Central Library", '"Central\\u2028Library"').replace(
      "{ id: kids, label: Kids }",
      '{ id: kids, label: "Ki\\x85ds" }',
    );
    expect(
      await check({
        "_data/library.yaml": library,
        "content/programs/chess-club.md": program(
          'room: "Lab\\vB"\nextra:\n  note: "\\e[31mred"\n  "bad\\0key": 1',
          { summary: "Play\u0007 chess." },
          "Bring a\u000bboard.\n\nOr a clock.\u0000\n",
        ),
        "content/partners/p.md": md('name: P\nkind: other\nsummary: "S.\\r"'),
        "content/guides/g.md": md(
          'title: G\nsummary: S.\nlevel: beginner\naudiences: [teens]\nchecklist:\n  - ok\n  - "\\fpage"',
        ),
        "content/pages/about.md": md("title: About", "Line one\rline two\n"),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:8: locations.0.name: contains an invisible control character (U+2028, line separator) after "Central": delete it (it is often pasted from a word processor)
      _data/library.yaml:17: audiences.0.label: contains an invisible control character (U+0085, next line) after "Ki": delete it (it is often pasted from a word processor)
      content/guides/g.md:8: checklist: contains an invisible control character (U+000C, form feed) at the start: delete it (it is often pasted from a word processor)
      content/pages/about.md:4: contains an invisible control character (U+000D, carriage return) after "Line one": delete it (it is often pasted from a word processor)
      content/partners/p.md:4: summary: contains an invisible control character (U+000D, carriage return) after "S.": delete it (it is often pasted from a word processor)
      content/programs/chess-club.md:3: summary: contains an invisible control character (U+0007, bell) after "Play": delete it (it is often pasted from a word processor)
      content/programs/chess-club.md:9: room: contains an invisible control character (U+000B, vertical tab) after "Lab": delete it (it is often pasted from a word processor)
      content/programs/chess-club.md:11: extra.note: contains an invisible control character (U+001B, escape) at the start: delete it (it is often pasted from a word processor)
      content/programs/chess-club.md:12: extra.bad\\u0000key: name contains an invisible control character (U+0000, NUL) after "bad": delete it (it is often pasted from a word processor)
      content/programs/chess-club.md:14: contains an invisible control character (U+000B, vertical tab) after "Bring a": delete it (it is often pasted from a word processor)
      content/programs/chess-club.md:16: contains an invisible control character (U+0000, NUL) after "Or a clock.": delete it (it is often pasted from a word processor)
      11 errors"
    `);
  });

  it("tabs, CRLF line ends, bidi marks and emoji are fine", async () => {
    const text = program("room: Lab\tB", { title: '"\u202bنادي الشطرنج\u202c 😀"' }, "Body\n");
    const result = await loadCatalogue({
      root: await makeSite({ "content/programs/chess-club.md": text.replaceAll("\n", "\r\n") }),
      now: NOW,
    });
    expect(formatProblems(result.problems)).toBe("no problems");
    expect(result.catalogue!.programs[0]!.room).toBe("Lab\tB");
  });

  it("check prints values from content escaped, never a raw line break or escape", async () => {
    const root = await makeSite({
      "content/programs/chess-club.md": program("", {
        audiences: '["teen\\r\\nX-Injected: 1\\e[2J\\u2028\\u202e"]',
      }),
    });
    const { code, stdout, stderr } = await cli("check", root);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatchInlineSnapshot(`
      "content/programs/chess-club.md:4: audiences: contains an invisible control character (U+000D, carriage return) after "teen": delete it (it is often pasted from a word processor)
      content/programs/chess-club.md:4: audiences: unknown audience "teen\\u000D\\u000AX-Injected: 1\\u001B[2J\\u2028\\u202E"; use one of kids, teens, adults or add it to audiences in _data/library.yaml
      2 errors
      "
    `);
    const json = await cli("check", root, ["--json"]);
    expect(json.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
    const problems = JSON.parse(json.stdout) as { message: string }[];
    expect(problems[1]!.message).toContain("teen\r\nX-Injected: 1\u001b[2J\u2028\u202e");
  });
});

describe("URLs", () => {
  it("a URL with a line break, space or tab is refused everywhere; the normalised URL is kept", async () => {
    const library = DEFAULT_LIBRARY.replace(
      "url: https://library.example.org",
      'url: "https://library.example.org/\\r\\nBEGIN:VEVENT"\nfeedback_url: "https://forms.example.org/f ?p={id}"',
    );
    expect(
      await check({
        "_data/library.yaml": library,
        "content/programs/chess-club.md": program(
          'online: "https://meet.example.org/\\tchess"\nregistration:\n  url: "https://example.org/r\\n"',
        ),
        "content/partners/p.md": md(
          'name: P\nkind: other\nsummary: S.\nwebsite: "https://a\\u2028b.org"',
        ),
        "content/guides/g.md": md(
          'title: G\nsummary: S.\nlevel: beginner\naudiences: [teens]\nsources:\n  - { title: T, url: "https://x.org/a b" }',
        ),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:2: url: contains an invisible control character (U+000D, carriage return) after "...library.example.org/": delete it (it is often pasted from a word processor)
      _data/library.yaml:3: feedback_url: must be one address without spaces, tabs or line breaks (write a space as %20; got "https://forms.example.org/f ?p={id}")
      content/guides/g.md:7: sources.0.url: must be one address without spaces, tabs or line breaks (write a space as %20; got "https://x.org/a b")
      content/partners/p.md:5: website: contains an invisible control character (U+2028, line separator) after "https://a": delete it (it is often pasted from a word processor)
      content/programs/chess-club.md:9: online: must be one address without spaces, tabs or line breaks (write a space as %20; got "https://meet.example.org/\\u0009chess")
      content/programs/chess-club.md:11: registration.url: must be one address without spaces, tabs or line breaks (write a space as %20; got "https://example.org/r\\u000A")
      6 errors"
    `);
  });

  it("stores the normalised form of every URL", async () => {
    const library = DEFAULT_LIBRARY.replace(
      "url: https://library.example.org",
      "url: HTTPS://Library.Example.ORG/\nfeedback_url: https://Forms.example.org/{id}/f?t={title}",
    );
    const root = await makeSite({
      "_data/library.yaml": library,
      "content/programs/chess-club.md": program("online: https://MEET.example.org/Chess Club"),
    });
    const { catalogue, problems } = await loadCatalogue({ root, now: NOW });
    expect(problems.map((p) => p.message)).toEqual([
      'must be one address without spaces, tabs or line breaks (write a space as %20; got "https://MEET.example.org/Chess Club")',
    ]);
    expect(catalogue).toBeUndefined();
    const fixed = await makeSite({
      "_data/library.yaml": library,
      "content/programs/chess-club.md": program("online: https://MEET.example.org/Chess%20Club"),
    });
    const ok = (await loadCatalogue({ root: fixed, now: NOW })).catalogue!;
    expect(ok.library.url).toBe("https://library.example.org");
    expect(ok.library.feedbackUrl).toBe("https://forms.example.org/{id}/f?t={title}");
    expect(ok.programs[0]!.online).toBe("https://meet.example.org/Chess%20Club");
  });

  it("the site's url must be its plain address", async () => {
    for (const url of ["https://library.example.org/?x=1", "https://user:pw@library.example.org"]) {
      const library = DEFAULT_LIBRARY.replace("https://library.example.org", url);
      expect(await check({ "_data/library.yaml": library })).toBe(
        `_data/library.yaml:2: url: must be the site's own address, without ?, # or a user name, e.g. https://library.example.org\n1 error`,
      );
    }
  });

  it("a CR/LF in the library's url stops check and build: it reaches no calendar, robots.txt or sitemap", async () => {
    const root = await makeSite({
      "_data/library.yaml": DEFAULT_LIBRARY.replace(
        "url: https://library.example.org",
        'url: "https://library.example.org/\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:Injected"',
      ),
      "content/programs/chess-club.md": program(),
    });
    await expectBothRefuse(root, [
      '_data/library.yaml:2: url: contains an invisible control character (U+000D, carriage return) after "...library.example.org/": delete it (it is often pasted from a word processor)',
    ]);
  });
});

describe("prototype keys", () => {
  it("__proto__, constructor and prototype are unknown fields at their own line, in every file", async () => {
    const library = DEFAULT_LIBRARY.replace(
      "locale: en-US",
      "locale: en-US\nconstructor: x\n__proto__: { name: y }",
    ).replace("    closed: [2026-12-26]", "    closed: [2026-12-26]\n    prototype: 1");
    expect(
      await check({
        "_data/library.yaml": library,
        // The fast reader (plain lines) and the careful one (a flow mapping) alike.
        "content/programs/hidden.md": program("__proto__:\n  draft: true"),
        "content/programs/flow.md": program("__proto__: { draft: true }"),
        "content/programs/untitled.md": program("__proto__: {title: x}", { title: "" }),
        "content/programs/nested.md": program(
          "repeat:\n  every: week\n  constructor: 1\nextra:\n  prototype: 2\n  ok: { __proto__: 3 }",
        ),
        "content/pages/about.md": md("title: About\nconstructor: { nav: 1 }"),
      }),
    ).toMatchInlineSnapshot(`
      "_data/library.yaml:5: constructor: unknown field (__proto__, constructor and prototype are never fields)
      _data/library.yaml:6: __proto__: unknown field (__proto__, constructor and prototype are never fields)
      _data/library.yaml:13: locations.0.prototype: unknown field (__proto__, constructor and prototype are never fields)
      content/pages/about.md:3: constructor: unknown field (__proto__, constructor and prototype are never fields)
      content/programs/flow.md:9: __proto__: unknown field (__proto__, constructor and prototype are never fields)
      content/programs/hidden.md:9: __proto__: unknown field (__proto__, constructor and prototype are never fields)
      content/programs/nested.md:11: repeat.constructor: unknown field (__proto__, constructor and prototype are never fields)
      content/programs/nested.md:13: extra.prototype: unknown field (__proto__, constructor and prototype are never fields)
      content/programs/nested.md:14: extra.ok.__proto__: unknown field (__proto__, constructor and prototype are never fields)
      content/programs/untitled.md:1: title: required field is missing
      content/programs/untitled.md:8: __proto__: unknown field (__proto__, constructor and prototype are never fields)
      11 errors"
    `);
  });
});

describe("messages", () => {
  it("a key written twice inside extra or a list item names its whole path", async () => {
    expect(
      await check({
        "content/programs/a.md": program("extra:\n  room_code: B12\n  room_code: B13"),
        "content/programs/b.md": program("extra: { a: 1, a: 2 }"),
        "content/guides/g.md": md(
          "title: G\nsummary: S.\nlevel: beginner\naudiences: [teens]\nsources:\n  - title: T\n    url: https://x.org\n    title: U",
        ),
      }),
    ).toMatchInlineSnapshot(`
      "content/guides/g.md:9: bad YAML: field "sources.0.title" is written twice
      content/programs/a.md:11: bad YAML: field "extra.room_code" is written twice
      content/programs/b.md:9: bad YAML: field "extra.a" is written twice
      3 errors"
    `);
  });

  it("YAML tags outside the core schema are refused with a fix", async () => {
    expect(
      await check({
        "content/programs/a.md": program("extra: !!set { a, b }"),
        "content/programs/b.md": program("room: !!binary aGVsbG8="),
        "content/programs/c.md": program("room: !local Lab"),
        "content/programs/d.md": program("room: !!str 101"),
      }),
    ).toMatchInlineSnapshot(`
      "content/programs/a.md:9: bad YAML: the tag !!set is not supported: write a list such as [a, b], or fields written as name: value
      content/programs/b.md:9: bad YAML: the tag !!binary is not supported: remove it and write the value plainly
      content/programs/c.md:9: bad YAML: the tag !local is not supported: remove it and write the value plainly
      3 errors"
    `);
  });
});

describe("everything at once", () => {
  it("both CLIs list every refused thing, one line each, and write nothing", async () => {
    const root = await makeSite({
      "content/programs/today.md": program("__proto__: { draft: true }"),
      "content/programs/chess.MD": program(),
      "content/pages/about.md": md('title: "About \\uD83D"'),
      "content/images/kite.jpg": "",
    });
    await symlink("/etc/hostname", path.join(root, "content/images/host.jpg"));
    await expectBothRefuse(root, [
      "content/images/host.jpg:1: symbolic link to /etc/hostname, outside the site's folder: links may only point inside it; copy the file into content/ instead",
      'content/pages/about.md:2: title: contains half of a character (\\uD83D, an unpaired surrogate) after "About ": write the character itself, or both halves of its escape (e.g. \\uD83D\\uDE00)',
      "content/programs/chess.MD:1: warning: file not read: the name must end in .md in lowercase: rename it chess.md",
      'content/programs/today.md:1: file name "today.md" is reserved: /programs/today/ is the list of today\'s programs; choose another name, e.g. today-program.md',
      "content/programs/today.md:9: __proto__: unknown field (__proto__, constructor and prototype are never fields)",
    ]);
    expect(await readdir(root)).not.toContain("_site");
  });
});
