// Registers the program explorer (the filters of `/programs/` and of the audience, category
// and location pages; see docs/staff-guide.md): the `explorer` global data layouts read
// (`explorer.dataUrl(site)`, the address of the data file the explorer script loads), and
// the `explorer-data` output step that writes that file, `/explorer/data-<hash>.json`
// (src/outputs/explorer-data.ts; `/<code>/explorer/...` for each other of `site_languages`),
// before the service worker lists what to precache.
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Build } from "../src/build/context.ts";
import { explorerFile } from "../src/outputs/explorer-data.ts";
import type { Site } from "../src/site/site.ts";
import { pluginOptions } from "./options.ts";
import { byReference } from "./global-data.ts";

export interface ExplorerOptions {
  /** The build this configuration renders (required). */
  build?: Build;
}

export default function explorerPlugin(
  eleventyConfig: UserConfig,
  options: ExplorerOptions = {},
): void {
  const { build } = pluginOptions("explorer", options, { build: undefined as Build | undefined });
  if (!build) throw new Error("[almanac/explorer] the build option is required");
  eleventyConfig.addGlobalData("explorer", () =>
    byReference({ dataUrl: (site: Site) => explorerFile(site).url }),
  );
  build.outputStep("explorer-data", async ({ directories, outputMode }) => {
    if (outputMode !== undefined && outputMode !== "fs") return; // --to=json: no files
    // Each language's view has its own (`/es/explorer/data-<hash>.json`: titles in Spanish,
    // links to the /es/ pages); `build.sites` holds the first language's too.
    for (const site of build.sites.size ? build.sites.values() : [build.site!]) {
      const file = explorerFile(site);
      const target = path.join(directories.output, file.url.slice(1));
      const folder = path.dirname(target);
      await mkdir(folder, { recursive: true });
      await writeFile(target, file.json);
      // A preview rebuilds in place: the data file of the run before has another hash. Its
      // first pass (the edited item's page and the listings) leaves it to the pages not yet
      // rendered again or re-addressed, which the second pass does.
      if (build.pass === "first") continue;
      for (const name of await readdir(folder)) {
        if (/^data-[0-9a-f]+\.json$/.test(name) && name !== path.basename(target)) {
          await rm(path.join(folder, name));
        }
      }
    }
  });
}
