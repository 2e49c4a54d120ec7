// Registers the `marker` prepare step (the first, see src/build/context.ts): marks the output folder as an Almanac build
// (`.almanac-build`, see src/build/output-folder.ts) before anything is written into it. `npm run
// build` (and `npm start`'s first build) marks its staging folder itself; this covers
// Eleventy's own command line run on this configuration, whose `_site/` would otherwise be
// refused by the next `npm run build` had it been stopped before it finished writing. A
// folder holding other files is left unmarked.
import { mkdir } from "node:fs/promises";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Build } from "../src/build/context.ts";
import { describeFolder, writeMarker } from "../src/build/output-folder.ts";
import { pluginOptions } from "./options.ts";

export interface BuildMarkerOptions {
  /** The build this configuration renders (required). */
  build?: Build;
}

export default function buildMarkerPlugin(
  _eleventyConfig: UserConfig,
  options: BuildMarkerOptions = {},
): void {
  const { build } = pluginOptions("build-marker", options, {
    build: undefined as Build | undefined,
  });
  if (!build) throw new Error("[almanac/build-marker] the build option is required");
  build.prepareStep("marker", async ({ directories, outputMode }) => {
    if (outputMode && outputMode !== "fs") return;
    const state = await describeFolder(directories.output);
    if (state.kind === "build" && state.marked) return;
    if (state.kind === "file" || state.kind === "foreign") return;
    await mkdir(directories.output, { recursive: true });
    await writeMarker(directories.output, new Date().toISOString());
  });
}
