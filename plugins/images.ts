// Images: before each build, processes every image the content names (responsive AVIF/WebP/
// JPEG-or-PNG variants under `/img/`), draws a social card per program under `/social/`
// and the app icons at the site root, all through the disk cache `<root>/.cache/images`.
// Layouts then print precomputed results:
//   {% picture program.image, program.imageAlt, "hero" %}   a <picture> (roles: hero, card,
//                                                           body, logo, logo-card)
//   images.thumbnail(src), images.largest(src)             URLs of single variants
//   images.manifest()                                      the web app manifest object
// and every page gets `socialImage` (the absolute URL of its social card) for meta.njk.
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { buildState } from "../src/build/build-state.ts";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import type { Program } from "../src/content/model.ts";
import { SiteImages, type ImageStats, type PictureRole } from "../src/images/site-images.ts";

export interface ImagesOptions {
  /** Disk cache folder. Default `<site root>/.cache/images`. */
  cacheDir?: string;
  /** Image encodes at once. Default 2 (one per core on a small build machine). */
  concurrency?: number;
}

let current: SiteImages | undefined;
let lastStats: ImageStats | undefined;

/**
 * This build's images, for other plugins (JSON-LD and search metadata want URLs of real
 * variants: `siteImages()?.largest(program.image)`, `siteImages()?.thumbnail(program.image)`).
 * Undefined before the `eleventy.before` step and when the content has errors.
 */
export function siteImages(): SiteImages | undefined {
  return current;
}

/** What the last build in this process did with images (tests, benchmark). */
export function lastImageStats(): ImageStats | undefined {
  return lastStats;
}

function images(): SiteImages {
  if (!current) {
    throw new Error(
      "[almanac/images] images were not prepared: the eleventy.before step did not run (is plugins/images.ts registered?)",
    );
  }
  return current;
}

export default function imagesPlugin(
  eleventyConfig: UserConfig,
  options: ImagesOptions = {},
): void {
  for (const key of Object.keys(options)) {
    if (key !== "cacheDir" && key !== "concurrency") {
      throw new Error(
        `[almanac/images] unknown option "${key}"; known options: cacheDir, concurrency`,
      );
    }
  }

  eleventyConfig.on(
    "eleventy.before",
    async ({ directories }: { directories: { output: string } }) => {
      current = undefined;
      const state = buildState();
      let catalogue = state.preloaded;
      if (!catalogue) {
        // `npm start`: nothing preloaded. Load once here and hand it to the content plugin, so
        // both see the same catalogue. With errors, do nothing: the content plugin reports them.
        const loaded = await loadCatalogue({ root: state.root });
        if (!loaded.catalogue) return;
        if (loaded.problems.length) console.error(formatProblems(loaded.problems));
        catalogue = loaded.catalogue;
        state.preloaded = catalogue;
      }
      const site = new SiteImages(catalogue, {
        root: state.root,
        output: path.resolve(directories.output),
        ...(options.cacheDir !== undefined && {
          cacheDir: path.resolve(state.root, options.cacheDir),
        }),
        ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
      });
      await site.prepare();
      current = site;
      lastStats = { ...site.stats };
    },
  );

  // A class instance: Eleventy passes it by reference (no deep copy of the catalogue).
  eleventyConfig.addGlobalData("images", () => current);

  // The social card of the page's program, else the site's card. Registered under the
  // content plugin's `eleventyComputed` object (dotted key), so `meta` is kept.
  eleventyConfig.addGlobalData(
    "eleventyComputed.socialImage",
    () => (data: { program?: Program }) => current?.socialImage(data.program),
  );

  // `{% picture src, alt, "hero" %}`: prints nothing when `src` is empty.
  eleventyConfig.addShortcode(
    "picture",
    (src: string | undefined, alt: string | undefined, role: PictureRole = "body") =>
      images().picture(src, alt, role),
  );
}
