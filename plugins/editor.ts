// Registers the browser editor at /admin/ (docs/editor.md): the `editor` global data
// (`editor.script`, the CMS bundle's hashed URL, for layouts/pages/admin.njk), the `editor`
// output step that writes the CMS's files and `/admin/config.yml` (generated from the
// schemas and the library: src/editor/), and, under `npm start`, a dev-server route that
// serves /admin/ without the preview's reload script: saving in the editor rebuilds the site,
// and a reload of the editor would ask for the library's folder again.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Build } from "../src/build/context.ts";
import { editorBundle } from "../src/editor/bundle.ts";
import { cmsConfigYaml } from "../src/editor/cms-config.ts";
import { pluginOptions } from "./options.ts";
import { byReference } from "./global-data.ts";

export interface EditorOptions {
  /** The build this configuration renders (required). */
  build?: Build;
}

export default function editorPlugin(
  eleventyConfig: UserConfig,
  options: EditorOptions = {},
): void {
  const { build } = pluginOptions("editor", options, { build: undefined as Build | undefined });
  if (!build) throw new Error("[almanac/editor] the build option is required");
  // The languages staff may want the editor's interface in: the library's.
  const languages = (): string[] => {
    const library = build.catalogue?.library;
    if (!library) return [];
    return [library.locale, ...Object.keys(library.languages), ...library.siteLanguages];
  };
  eleventyConfig.addGlobalData("editor", () =>
    byReference({ script: editorBundle(languages()).script }),
  );

  let output: string | undefined;
  build.outputStep("editor", async ({ directories, outputMode }) => {
    if (outputMode !== undefined && outputMode !== "fs") return;
    output = directories.output;
    const files = [
      ...editorBundle(languages()).files,
      { output: "admin/config.yml", contents: cmsConfigYaml(build.catalogue!.library) },
    ];
    // Under `npm start`, only once a session's folder: they change with the library only.
    await Promise.all(
      files.map((f) => build.writeOutput(directories.output, f.output, f.contents)),
    );
  });

  eleventyConfig.setServerOptions({
    middleware: [
      async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const url = (req.url ?? "").split("?")[0];
        if (!output || (url !== "/admin/" && url !== "/admin/index.html")) return next();
        const html = await readFile(path.join(output, "admin/index.html")).catch(() => undefined);
        if (!html) return next();
        // A Buffer, not a string: the preview adds its reload script to strings only
        // (src/build/reload-clients.ts).
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(html);
      },
    ],
  });
}
