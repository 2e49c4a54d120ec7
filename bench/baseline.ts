// The yardstick for `npm run bench`: what bare Eleventy 3.1 costs for the same amount of
// Markdown. N plain Markdown files with the same titles and bodies as the generated programs,
// one Nunjucks layout, no data, no filters, then Pagefind over the output through its Node API.
// Almanac does more per program (schedules, listings, calendars, cross-links), and the target
// is to stay within 1.5x of this.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Eleventy from "@11ty/eleventy";
import * as pagefind from "pagefind";
import { writeTextFiles, type Generated } from "./generate.ts";

const LAYOUT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
</head>
<body>
<main data-pagefind-body>
<h1>{{ title }}</h1>
{{ content | safe }}
</main>
</body>
</html>
`;

/** Writes the baseline's Eleventy input: `programs/<id>.md` per program and one layout. */
export async function writeBaselineInput(generated: Generated, input: string): Promise<void> {
  await mkdir(path.join(input, "programs"), { recursive: true });
  await mkdir(path.join(input, "_includes"), { recursive: true });
  await writeFile(path.join(input, "_includes", "layout.njk"), LAYOUT);
  await writeTextFiles(
    [...generated.bodies].map(([id, { title, body }]): [string, string] => [
      path.join(input, "programs", `${id}.md`),
      `---\nlayout: layout.njk\ntitle: ${JSON.stringify(title)}\n---\n${body}`,
    ]),
  );
}

export interface BaselineTimes {
  /** Eleventy, from construction to the last file written (ms). */
  eleventyMs: number;
  /** Pagefind indexing and writing its files (ms). */
  pagefindMs: number;
  pagefindPages: number;
}

/** Builds the baseline site from `input` into `output`: Eleventy, then Pagefind. */
export async function buildBaseline(input: string, output: string): Promise<BaselineTimes> {
  const t0 = performance.now();
  const eleventy = new Eleventy(input, output, {
    configPath: false as unknown as string,
    quietMode: true,
    config: (eleventyConfig: { setTemplateFormats(f: string[]): void }) => {
      eleventyConfig.setTemplateFormats(["md"]);
    },
  });
  await eleventy.write();
  const t1 = performance.now();
  const pagefindPages = await runPagefind(output);
  const t2 = performance.now();
  return { eleventyMs: t1 - t0, pagefindMs: t2 - t1, pagefindPages };
}

/** Pagefind over a built site through its Node API, as a post-build step would run it. */
export async function runPagefind(site: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  const added = await index.addDirectory({ path: site });
  if (added.errors.length) throw new Error(`pagefind: ${added.errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath: path.join(site, "pagefind") });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
  await pagefind.close();
  return added.page_count;
}
