// Registers the `site` and computed `meta` global data (a `Site` over the validated catalogue) and watches the
// library's content and settings so `npm start` rebuilds on every edit.
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { buildState } from "../src/build/build-state.ts";
import { ContentError } from "../src/build/errors.ts";
import { formatProblems } from "../src/content/problems.ts";
import { Site } from "../src/site/site.ts";
import { pageMeta } from "../src/site/page-meta.ts";

export default function contentPlugin(eleventyConfig: UserConfig): void {
  const { root } = buildState();
  eleventyConfig.addWatchTarget(path.join(root, "content/"));
  eleventyConfig.addWatchTarget(path.join(root, "_data/library.yaml"));

  // `meta`: the title and description of the item each page shows.
  eleventyConfig.addGlobalData("eleventyComputed", { meta: pageMeta });

  eleventyConfig.addGlobalData("site", async () => {
    const state = buildState();
    if (state.preloaded) {
      const catalogue = state.preloaded;
      state.preloaded = undefined;
      return (state.site = new Site(catalogue));
    }
    const { catalogue, problems } = await loadCatalogue({ root: state.root });
    if (problems.length) console.error(formatProblems(problems));
    if (!catalogue) throw new ContentError(problems);
    return (state.site = new Site(catalogue));
  });
}
