// One complete build: validate the content, render with Eleventy into a temporary folder
// beside the output, then swap it in. A failed build leaves the previous site untouched.
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { DateTime } from "luxon";
import { loadCatalogue } from "../content/catalogue.ts";
import { Build, type BuildStats } from "./context.ts";
import type { Catalogue, Problem } from "../content/model.ts";
import almanacConfig, { config as almanacDirs } from "../../eleventy.config.ts";

/** The Almanac installation: layouts, plugins and config live here. */
export const APP_DIR = path.resolve(import.meta.dirname, "..", "..");

export interface BuildOptions {
  /** Folder with the library's `content/` and `_data/library.yaml`. Default: the current folder. */
  root?: string;
  /** Output folder. Default: `<root>/_site`. */
  output?: string;
  /** Overrides `ALMANAC_NOW` and the clock. */
  now?: DateTime;
  env?: NodeJS.ProcessEnv;
}

export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  catalogue?: Catalogue;
  output: string;
  /** What the build's steps did (`images`, `dataFiles`, `precache`), when it succeeded. */
  stats?: BuildStats;
}

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const root = path.resolve(options.root ?? process.cwd());
  const output = path.resolve(options.output ?? path.join(root, "_site"));
  const { catalogue, problems } = await loadCatalogue({ root, now: options.now, env: options.env });
  if (!catalogue) return { ok: false, problems, output };

  const staging = `${output}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.dirname(output), { recursive: true });
  const build = new Build({ root, env: options.env, now: options.now, catalogue });
  try {
    // The config is imported here and handed over as a callback (no config file), so a
    // build works wherever this module runs: under tsx, in vitest, in the benchmark.
    const eleventy = new Eleventy(path.join(APP_DIR, almanacDirs.dir.input), staging, {
      configPath: false as unknown as string,
      quietMode: true,
      config: async (eleventyConfig: Parameters<typeof almanacConfig>[0]) => {
        eleventyConfig.setIncludesDirectory(almanacDirs.dir.includes);
        eleventyConfig.setLayoutsDirectory(almanacDirs.dir.layouts);
        eleventyConfig.setTemplateFormats(almanacDirs.templateFormats);
        await almanacConfig(eleventyConfig, { build });
      },
    });
    await eleventy.write();
    await swapInto(staging, output);
  } catch (error) {
    // Pagefind indexes while pages render; a build that stopped midway stops it too.
    await build.abort();
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return { ok: true, problems, catalogue, output, stats: build.stats };
}

/** Replaces `output` with `staging` using renames, so no reader ever sees half a site. */
async function swapInto(staging: string, output: string): Promise<void> {
  const old = `${output}.old-${process.pid}`;
  if (existsSync(output)) await rename(output, old);
  await rename(staging, output);
  await rm(old, { recursive: true, force: true });
}
