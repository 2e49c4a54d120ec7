// A copy of the demo for the preview's tests (test/preview.test.ts and its browser tests).
import { expect } from "vitest";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEMO_ROOT } from "./site.ts";

/**
 * A copy of the demo in English only: without `site_languages`, its label maps' Spanish and
 * its `.es.md` translations. A site in several languages is rebuilt whole after every edit
 * (docs/content.md, "Translations"); the in-place rebuilds these tests are about are a
 * one-language site's (the bilingual fixture's complete rebuild is tested below).
 */
export async function demoCopy(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "almanac-preview-"));
  await cp(path.join(DEMO_ROOT, "content"), path.join(root, "content"), { recursive: true });
  await cp(path.join(DEMO_ROOT, "_data"), path.join(root, "_data"), { recursive: true });
  for (const entry of await readdir(path.join(root, "content"), { recursive: true }))
    if (entry.endsWith(".es.md")) await rm(path.join(root, "content", entry));
  const yaml = path.join(root, "_data/library.yaml");
  const english = (await readFile(yaml, "utf8"))
    .replace(/^site_languages:.*\n/m, "")
    .replace(/^description:\n {2}en: (.*)\n {2}es: .*\n/m, "description: $1\n")
    .replace(/\{ en: ((?:[^,{}"]|"[^"]*")+), es: (?:[^,{}"]|"[^"]*")+ \}/g, "$1");
  expect(english).not.toMatch(/\{ en: |^site_languages|^ {2}es: Programas/m);
  await writeFile(yaml, english);
  return root;
}
