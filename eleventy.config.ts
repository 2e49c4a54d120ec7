// Almanac's Eleventy configuration: folders and engines, then one plugin per capability.
// Templates live in `layouts/` (routes in `layouts/pages/`); the library's own content is
// read by `src/catalogue.ts`, not by Eleventy, so a typo is reported before anything renders.
import type UserConfig from "@11ty/eleventy/UserConfig";
import contentPlugin from "./plugins/content.ts";
import filtersPlugin from "./plugins/filters.ts";
import assetsPlugin from "./plugins/assets.ts";
import njkCompileCachePlugin from "./plugins/njk-compile-cache.ts";
import imagesPlugin from "./plugins/images.ts";
import feedsPlugin from "./plugins/feeds.ts";
import searchPlugin from "./plugins/search.ts";
import offlinePlugin from "./plugins/offline.ts";
import securityPlugin from "./plugins/security.ts";

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

export default function (eleventyConfig: UserConfig): void {
  eleventyConfig.setQuietMode(true);
  // Templates come from Almanac's own folder, which is node_modules/almanac when a library
  // installs it: Eleventy's default ignores (node_modules, .gitignore) would skip them all.
  eleventyConfig.ignores.delete("**/node_modules/**");
  eleventyConfig.setUseGitIgnore(false);
  // Speed: compile each Nunjucks template once per build, not once per paginated page.
  eleventyConfig.addPlugin(njkCompileCachePlugin);

  // Content: the validated catalogue as `site`, watched for live reload.
  eleventyConfig.addPlugin(contentPlugin);
  // Presentation: filters and hashed CSS/JS.
  eleventyConfig.addPlugin(filtersPlugin);
  eleventyConfig.addPlugin(assetsPlugin);
  // Images: responsive <picture>s, social cards, app icons and manifest (cached in .cache/images).
  eleventyConfig.addPlugin(imagesPlugin);
  // Calendars, feeds, programs.json, JSON-LD and meta tags, share links, sitemap and robots.
  eleventyConfig.addPlugin(feedsPlugin);
  // Search: the Pagefind index, written after the site.
  eleventyConfig.addPlugin(searchPlugin);
  // Offline: the service worker /sw.js (after the search index) and the /offline/ page.
  eleventyConfig.addPlugin(offlinePlugin);
  // Security: the Content-Security-Policy meta tag and host header files (_headers, .htaccess).
  eleventyConfig.addPlugin(securityPlugin);
}
