// Publishes `layouts/assets/*` to `/assets/`, minified and under content-hashed names (the
// `assets` prepare step), and registers the `assets` global data (`assets["site.css"].url`)
// layouts link them with. A library that sets `brand` or `logo` also gets `brand.css`
// (src/site/brand.ts), made from `_data/library.yaml`.
// The words of the Save buttons (plan.js, on every page) and of the Share button (share.js)
// are files of their own, one a language, `/assets/plan-strings-<hash>.json`
// (`site.stringsFiles`), written by the `script-strings` output step.
// A consortium's site (docs/consortium.md) also gets
// `layouts/consortium/*`, its search and the worker's code for its members' indexes; a
// library's own site never has them.
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Build } from "../src/build/context.ts";
import {
  assetsStamp,
  hashAssets,
  hashedAsset,
  releaseEsbuild,
  type Asset,
} from "../src/site/assets.ts";
import { brandCss } from "../src/site/brand.ts";
import { pluginOptions } from "./options.ts";
import { byReference } from "./global-data.ts";

export interface AssetsOptions {
  /** The build this configuration renders (required). */
  build?: Build;
  /** Folder of the site's own CSS and JS. Default: `layouts/assets` beside this plugin. */
  dir?: string;
  /** Folder of a consortium site's own scripts. Default: `layouts/consortium`. */
  consortiumDir?: string;
}

export default function assetsPlugin(
  eleventyConfig: UserConfig,
  options: AssetsOptions = {},
): void {
  const { build, dir, consortiumDir } = pluginOptions("assets", options, {
    build: undefined as Build | undefined,
    dir: path.join(import.meta.dirname, "..", "layouts", "assets"),
    consortiumDir: path.join(import.meta.dirname, "..", "layouts", "consortium"),
  });
  if (!build) throw new Error("[almanac/assets] the build option is required");
  // Minified when the configuration loads (about 60 ms for all of them), and again before
  // an `npm start` rebuild when a file changed, so an edited stylesheet, or a script whose
  // imported module was edited, is published under its new hash.
  let assets: Record<string, Asset> = hashAssets(dir);
  let consortium: Record<string, Asset> = hashAssets(consortiumDir);
  const seenNow = () =>
    assetsStamp([dir, consortiumDir], [...Object.values(assets), ...Object.values(consortium)]);
  let hashed = seenNow();
  eleventyConfig.addWatchTarget(dir);
  eleventyConfig.addWatchTarget(consortiumDir);
  // Written by us, not by passthrough copy: the published bytes are the minified ones, which
  // exist only in memory. Before rendering, so the pages never link a file not yet written.
  build.prepareStep("assets", async ({ directories }) => {
    const seen = seenNow();
    if (seen !== hashed) {
      assets = hashAssets(dir);
      consortium = hashAssets(consortiumDir);
      hashed = seen;
    } else if (build.inPlace) {
      return; // the output has them already (a new library.yaml makes a complete build)
    }
    // The library's branding, when it sets any: a sheet of its own, after the others.
    delete assets["brand.css"];
    const brand = build.catalogue && brandCss(build.catalogue.library);
    if (brand) {
      assets["brand.css"] = hashedAsset(
        "brand.css",
        Buffer.from(brand),
        "_data/library.yaml (brand, logo)",
      );
    }
    // The language switcher's sheet is a site in several languages' only: a one-language
    // site's output stays as it was.
    const own = Object.values(assets).filter(
      (a) =>
        a !== assets["languages.css"] || (build.catalogue?.library.siteLanguages.length ?? 0) > 1,
    );
    const published = build.catalogue?.library.consortium
      ? [...own, ...Object.values(consortium)]
      : own;
    await Promise.all(
      published.map(async (a) => {
        const file = path.join(directories.output, a.output);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, a.contents);
      }),
    );
    // Minified and written: esbuild's service would otherwise stay through the rendering.
    await releaseEsbuild();
  });
  build.outputStep("script-strings", async ({ directories, outputMode }) => {
    if (outputMode !== undefined && outputMode !== "fs") return; // --to=json: no files
    const folder = path.join(directories.output, "assets");
    const written = new Set<string>();
    for (const site of build.sites.size ? build.sites.values() : [build.site!]) {
      for (const file of site.stringsFiles) {
        const target = path.join(directories.output, file.url.slice(1));
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, file.json);
        written.add(path.basename(target));
      }
    }
    // A preview rebuilds in place: a run before with other words wrote other names.
    for (const name of await readdir(folder)) {
      if (/^[a-z]+-strings-[0-9a-f]+\.json$/.test(name) && !written.has(name)) {
        await rm(path.join(folder, name));
      }
    }
  });
  // Names and URLs only: templates never need the bytes.
  eleventyConfig.addGlobalData("assets", () =>
    byReference(
      Object.fromEntries(
        Object.entries({ ...consortium, ...assets }).map(([name, { source, output, url }]) => [
          name,
          { source, output, url },
        ]),
      ),
    ),
  );
}
