// Almanac's Eleventy configuration: folders and engines, then one plugin per capability,
// each handed the one `Build` it works on (src/build/context.ts). Templates live in
// `layouts/` (routes in `layouts/pages/`); the library's own content is read by
// `src/content/catalogue.ts`, not by Eleventy, so a typo is reported before anything renders.
// `buildSite` and `previewSite` (almanac.ts) pass their build; when Eleventy's own command
// line loads this file, a build is made here, for the library in ALMANAC_ROOT or the folder
// the command runs in.
import type UserConfig from "@11ty/eleventy/UserConfig";
import { Build } from "./src/build/context.ts";
import contentPlugin from "./plugins/content.ts";
import filtersPlugin from "./plugins/filters.ts";
import assetsPlugin from "./plugins/assets.ts";
import njkCompileCachePlugin from "./plugins/njk-compile-cache.ts";
import imagesPlugin from "./plugins/images.ts";
import feedsPlugin from "./plugins/feeds.ts";
import explorerPlugin from "./plugins/explorer.ts";
import embedPlugin from "./plugins/embed.ts";
import searchPlugin from "./plugins/search.ts";
import offlinePlugin from "./plugins/offline.ts";
import securityPlugin from "./plugins/security.ts";
import editorPlugin from "./plugins/editor.ts";
import buildMarkerPlugin from "./plugins/build-marker.ts";
import quietBenchmarksPlugin from "./plugins/quiet-benchmarks.ts";
import releasePagesPlugin from "./plugins/release-pages.ts";
import fragmentsPlugin from "./plugins/fragments.ts";
import languagesPlugin from "./plugins/languages.ts";

export const config = {
  dir: {
    input: "layouts/pages",
    includes: "../includes",
    layouts: "../includes",
    data: "../../_data",
  },
  templateFormats: ["njk"],
  markdownTemplateEngine: "njk",
  htmlTemplateEngine: "njk",
};

export default function (eleventyConfig: UserConfig, options: { build?: Build } = {}): void {
  const build = options.build ?? new Build({ root: process.env.ALMANAC_ROOT ?? process.cwd() });
  eleventyConfig.setQuietMode(true);
  // Quiet means quiet: no "[11ty] Benchmark" lines when a filter happens to be slow.
  eleventyConfig.addPlugin(quietBenchmarksPlugin);
  // Output: marks the output folder as an Almanac build before anything is written.
  eleventyConfig.addPlugin(buildMarkerPlugin, { build });
  // Templates come from Almanac's own folder, which is node_modules/almanac when a library
  // installs it: Eleventy's default ignores (node_modules, .gitignore) would skip them all.
  eleventyConfig.ignores.delete("**/node_modules/**");
  eleventyConfig.setUseGitIgnore(false);
  // Speed: compile each Nunjucks template once per build, not once per paginated page.
  eleventyConfig.addPlugin(njkCompileCachePlugin);
  // Memory: each page's HTML is let go once written, not kept until the build ends.
  eleventyConfig.addPlugin(releasePagesPlugin);

  // Content: the validated catalogue as `site`, watched for live reload; the build's steps.
  eleventyConfig.addPlugin(contentPlugin, { build });
  // Languages: every page again under /<code>/ for each other of site_languages.
  eleventyConfig.addPlugin(languagesPlugin, { build });
  // Presentation: filters, the listing rows made in code, and hashed CSS/JS.
  eleventyConfig.addPlugin(filtersPlugin);
  eleventyConfig.addPlugin(fragmentsPlugin);
  eleventyConfig.addPlugin(assetsPlugin, { build });
  // Images: responsive <picture>s, social cards, app icons and manifest (cached in .cache/images).
  eleventyConfig.addPlugin(imagesPlugin, { build });
  // Calendars, Atom feed, programs.json, JSON-LD and meta tags, share links, sitemap, robots.
  eleventyConfig.addPlugin(feedsPlugin, { build });
  // Explorer: the filters of the listing pages and their data file.
  eleventyConfig.addPlugin(explorerPlugin, { build });
  // Embeds: /embed.js and its data for partner sites, the iframe page and the staff page.
  eleventyConfig.addPlugin(embedPlugin, { build });
  // Search: the Pagefind index, written after the site.
  eleventyConfig.addPlugin(searchPlugin, { build });
  // Offline: the service worker /sw.js (after the search index) and the /offline/ page.
  eleventyConfig.addPlugin(offlinePlugin, { build });
  // Security: the Content-Security-Policy meta tag and host header files (_headers, .htaccess).
  eleventyConfig.addPlugin(securityPlugin, { build });
  // Editor: the browser editor for staff at /admin/ (Sveltia CMS and its generated config).
  eleventyConfig.addPlugin(editorPlugin, { build });
}
