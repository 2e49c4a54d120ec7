// Images: a prepare step that processes every image the content names (responsive AVIF/WebP/
// JPEG-or-PNG variants under `/img/`), makes the app icons at the site root and names a
// social card per program, all through the disk cache `<root>/.cache/images`; the cards are
// drawn while the pages render, and the `social-cards` output step waits for them and puts
// them under `/social/`; and the `manifest` output step, `/manifest.webmanifest`. Layouts
// then print precomputed results:
//   {% picture program.image, program.imageAlt, "hero" %}   a <picture> (roles: hero, card,
//                                                           body, logo, logo-card)
//   images.favicon, images.appleTouchIcon                  icons for the head
//   images.socialImage(program)                            the absolute URL of a program's
//                                                           social card (or the site's)
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Build } from "../src/build/context.ts";
import type { BuildEvent } from "../src/build/stages.ts";
import { SiteImages } from "../src/images/site-images.ts";
import type { PictureRole } from "../src/images/roles.ts";
import { pluginOptions } from "./options.ts";

export interface ImagesOptions {
  /** The build this configuration renders (required). */
  build?: Build;
  /** Disk cache folder, relative to the library root. Default `<root>/.cache/images`. */
  cacheDir?: string;
  /** Image encodes at once. Default 2 (one per core on a small build machine). */
  concurrency?: number;
}

export default function imagesPlugin(
  eleventyConfig: UserConfig,
  options: ImagesOptions = {},
): void {
  const { build, cacheDir, concurrency } = pluginOptions("images", options, {
    build: undefined as Build | undefined,
    cacheDir: undefined as string | undefined,
    concurrency: 2,
  });
  if (!build) throw new Error("[almanac/images] the build option is required");

  /** Set while the `social-cards` step waits: the cards drawn then move the progress line. */
  let waiting = false;
  build.prepareStep("images", async ({ directories }: BuildEvent) => {
    const images = new SiteImages(build.catalogue!, {
      root: build.root,
      output: path.resolve(directories.output),
      ...(cacheDir !== undefined && { cacheDir: path.resolve(build.root, cacheDir) }),
      concurrency,
      // An `npm start` rebuild in place (no picture changed: those rebuild afresh) takes
      // what the last run made.
      ...(build.inPlace && build.session?.images && { previous: build.session.images }),
      onProgress: () => {
        if (waiting) build.progress.tick();
      },
    });
    // Set first: a run that fails while this prepares (another step) stops its drawing too.
    build.images = images;
    await images.prepare();
    build.stats.images = { ...images.stats };
  });
  // A run that fails midway draws no more cards (and waits for those being drawn).
  build.onAbort(() => build.images?.stopDrawing());

  // The cards are drawn while the pages render; they are all on disk before the service
  // worker lists the files and before the build swaps its folder in.
  build.outputStep("social-cards", async () => {
    const images = build.images;
    if (!images) return;
    const { left, total } = images.cardsLeft;
    if (left > 0) {
      build.progress.phase("Drawing social cards", total);
      build.progress.tick(total - left);
      waiting = true;
    }
    try {
      await images.cardsDrawn();
    } finally {
      waiting = false;
    }
    build.stats.images = { ...images.stats };
  });

  build.outputStep("manifest", async ({ directories }: BuildEvent) => {
    if (!build.images) return;
    await writeFile(
      path.join(directories.output, "manifest.webmanifest"),
      `${JSON.stringify(build.images.manifest(), null, 2)}\n`,
    );
  });

  // A class instance: Eleventy passes it by reference (no deep copy of the catalogue).
  eleventyConfig.addGlobalData("images", () => build.images);

  // `{% picture src, alt, "hero" %}`: prints nothing when `src` is empty. Reads the images
  // from the page's data, not from this closure: Eleventy shares compiled layouts between
  // the builds of one process, so a tag must not hold on to one build.
  eleventyConfig.addShortcode(
    "picture",
    function (
      this: { ctx?: { images?: SiteImages } },
      src: string | undefined,
      alt: string | undefined,
      role: PictureRole = "body",
    ) {
      const images = this.ctx?.images;
      if (!images) {
        throw new Error("[almanac/images] no images for this page: is the images plugin on?");
      }
      return images.picture(src, alt, role);
    },
  );
}
