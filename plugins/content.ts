// Registers the `site` global data (the build's `Site`, a view over the validated
// catalogue) and the `pageMeta()` function layouts read a page's title and description
// from, and watches the library's content and settings (for Eleventy's own
// `--serve`; `npm start` watches them itself, src/build/preview.ts). Also the build's
// lifecycle: one `eleventy.before` listener that prepares the run (the catalogue, then the
// prepare steps other plugins registered, in the order `src/build/context.ts` declares),
// one `eleventy.after` listener that writes the outputs in that declared order; and the
// pages rendered of all, for the progress line.
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Build } from "../src/build/context.ts";
import type { BuildEvent } from "../src/build/stages.ts";
import { pageMeta, type PageData } from "../src/site/page-meta.ts";
import { pluginOptions } from "./options.ts";

export interface ContentOptions {
  /** The build this configuration renders (required). */
  build?: Build;
}

export default function contentPlugin(
  eleventyConfig: UserConfig,
  options: ContentOptions = {},
): void {
  const { build } = pluginOptions("content", options, { build: undefined as Build | undefined });
  if (!build) throw new Error("[almanac/content] the build option is required");
  eleventyConfig.addWatchTarget(path.join(build.root, "content/"));
  eleventyConfig.addWatchTarget(path.join(build.root, "_data/library.yaml"));

  eleventyConfig.on("eleventy.before", (event: BuildEvent) => build.prepare(event));
  // Every page Eleventy will write is known before the first is rendered.
  eleventyConfig.on("eleventy.contentMap", ({ urlToInputPath }: { urlToInputPath: object }) =>
    build.progress.phase("Rendering pages", Object.keys(urlToInputPath).length),
  );
  eleventyConfig.addTransform("almanac-progress", (content: unknown) => {
    build.progress.tick();
    return content;
  });
  eleventyConfig.on("eleventy.after", async (event: BuildEvent) => {
    if (!build.site) return; // nothing was rendered (the run failed before it)
    await build.writeOutputs(event);
  });

  // `pageMeta()`: the title and description of the item the page shows (base.njk sets
  // `meta` from it). A function the layout calls, not `eleventyComputed` data: computed
  // data made Eleventy set up a dependency graph for every page and work out its URL and
  // output path again (issue 16).
  eleventyConfig.addNunjucksGlobal("pageMeta", function (this: { ctx: PageData }) {
    return pageMeta(this.ctx);
  });
  // A class instance: Eleventy passes it by reference (no deep copy of the catalogue).
  eleventyConfig.addGlobalData("site", () => build.site);
}
