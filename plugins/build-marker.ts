// Registers one `eleventy.before` step: marks the output folder as an Almanac build
// (`.almanac-build`, see src/output-folder.ts) before anything is written into it. `npm run
// build` marks its staging folder itself; this covers `npm start`, whose `_site/` would
// otherwise be refused by the next `npm run build` had the dev server been stopped before
// it finished writing. A folder holding other files is left unmarked.
import { mkdir } from "node:fs/promises";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { describeFolder, writeMarker } from "../src/output-folder.ts";

export default function buildMarkerPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.on(
    "eleventy.before",
    async ({
      directories,
      outputMode,
    }: {
      directories: { output: string };
      outputMode?: string;
    }) => {
      if (outputMode && outputMode !== "fs") return;
      const state = await describeFolder(directories.output);
      if (state.kind === "build" && state.marked) return;
      if (state.kind === "file" || state.kind === "foreign") return;
      await mkdir(directories.output, { recursive: true });
      await writeMarker(directories.output, new Date().toISOString());
    },
  );
}
