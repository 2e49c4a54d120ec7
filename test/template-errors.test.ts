// A mistake in a layout is one line naming the template and its line in the file
// (src/build/errors.ts `templateErrorLine`): Nunjucks counts lines from the end of a page
// template's front matter, and the line it gave was that many lines short.
import { describe, expect, it } from "vitest";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { templateErrorLine } from "../src/build/errors.ts";

/** What Eleventy throws for `files` (name -> text) under a fresh input folder. */
async function failure(files: Record<string, string>): Promise<{ error: unknown; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "almanac-njk-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const eleventy = new Eleventy(path.join(dir, "pages"), path.join(dir, "_site"), {
    configPath: false as unknown as string,
    quietMode: true,
    config: (config: { setIncludesDirectory(dir: string): void }) => {
      config.setIncludesDirectory("../includes");
    },
  });
  const silent = () => {};
  (eleventy as unknown as { logger: { overrideLogger(l: object): void } }).logger.overrideLogger({
    log: silent,
    info: silent,
    warn: silent,
    error: silent,
  });
  try {
    await eleventy.write();
  } catch (error) {
    return { error, dir };
  }
  throw new Error("the template built");
}

describe("a Nunjucks mistake", () => {
  it("in a page template is reported at its line in the file, front matter counted", async () => {
    // Lines 1-5: front matter; the unclosed {{ is on line 8 and Nunjucks stops at line 9.
    const { error, dir } = await failure({
      "pages/broken.njk":
        "---\ntitle: Broken\nsection: x\ntags: [a]\n---\n<h1>{{ title }}</h1>\n<p>x</p>\n{{ title(\n<p>after</p>\n",
    });
    const line = templateErrorLine(error)!;
    expect(line.replace(dir, "<dir>").replace(/^.*?<dir>/, "<dir>")).toBe(
      "<dir>/pages/broken.njk:9: unexpected token: <",
    );
  });

  it("in an include (no front matter) keeps Nunjucks' line", async () => {
    const { error, dir } = await failure({
      "pages/page.njk": '---\ntitle: Page\n---\n{% include "part.njk" %}\n',
      "includes/part.njk": "<p>one</p>\n{% if %}\n",
    });
    const line = templateErrorLine(error)!;
    expect(line.replace(/^.*?(includes|pages)\//, "$1/")).toMatch(/^includes\/part\.njk:2: /);
    expect(dir).toBeTruthy();
  });

  it("is not a template error when it is something else", () => {
    expect(templateErrorLine(new Error("disk full"))).toBeUndefined();
  });
});
