// Copies `layouts/assets/*` to `/assets/` under content-hashed names and registers the
// `assets` global data (`assets["site.css"].url`) layouts link them with.
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { hashAssets } from "../src/assets.ts";

export interface AssetsOptions {
  /** Folder of the site's own CSS and JS. Default: `layouts/assets` beside this plugin. */
  dir?: string;
}

export default function assetsPlugin(
  eleventyConfig: UserConfig,
  options: AssetsOptions = {},
): void {
  const dir = options.dir ?? path.join(import.meta.dirname, "..", "layouts", "assets");
  const assets = hashAssets(dir);
  for (const asset of Object.values(assets)) {
    eleventyConfig.addPassthroughCopy({ [asset.source]: asset.output });
  }
  eleventyConfig.addGlobalData("assets", assets);
}
