// Registers the embeds for partner and school sites (docs/embed.md): the `embed` output
// step, which writes the widget `/embed.js` (minified from layouts/embed/embed.js, at a
// stable address) and its data files under `/embed/data/` (src/outputs/embed-data.ts), and
// the `embed` global data the iframe page (`/embed/`) and the staff page that makes the
// snippets (`/staff/embed/`) read: the script's address and the widget's limits.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Build } from "../src/build/context.ts";
import {
  EMBED_DEFAULT_LIMIT,
  EMBED_MAX_LIMIT,
  EMBED_OCCURRENCES,
  embedFiles,
} from "../src/outputs/embed-data.ts";
import { EMBED_SCRIPT_SOURCE, EMBED_SCRIPT_URL, embedScript } from "../src/outputs/embed-script.ts";
import { pluginOptions } from "./options.ts";
import { byReference } from "./global-data.ts";

export interface EmbedOptions {
  /** The build this configuration renders (required). */
  build?: Build;
}

export default function embedPlugin(eleventyConfig: UserConfig, options: EmbedOptions = {}): void {
  const { build } = pluginOptions("embed", options, { build: undefined as Build | undefined });
  if (!build) throw new Error("[almanac/embed] the build option is required");
  eleventyConfig.addWatchTarget(EMBED_SCRIPT_SOURCE);
  eleventyConfig.addGlobalData(
    "embed",
    byReference({
      script: EMBED_SCRIPT_URL,
      defaultLimit: EMBED_DEFAULT_LIMIT,
      maxLimit: EMBED_MAX_LIMIT,
      occurrences: EMBED_OCCURRENCES,
    }),
  );
  build.outputStep("embed", async ({ directories, outputMode, rebuild }) => {
    if (outputMode !== undefined && outputMode !== "fs") return; // --to=json: no files
    const dir = directories.output;
    // A preview rebuild in place (`rebuild`: this step is one of its DEFERRED_OUTPUTS) keeps
    // the script the run before wrote: only a layout change, a complete build, changes it.
    if (!rebuild) await writeFile(path.join(dir, EMBED_SCRIPT_URL.slice(1)), embedScript());
    const files = embedFiles(rebuild?.site ?? build.site!);
    // Under `npm start`, only the files whose data changed are written again.
    await Promise.all(files.map((f) => build.writeOutput(dir, f.path, f.json)));
  });
}
