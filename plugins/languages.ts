// The site in each other language of `site_languages` (src/site/languages.ts): every page
// template of layouts/pages/, but those of ONE_LANGUAGE_PAGES, is added again as a virtual
// template `<code>/<name>.njk` whose permalink is under `/<code>/` and whose `site` is that
// language's view (`build.sites`), and a transform keeps the links of those pages in their
// language. A one-language site registers nothing: its output is what it was.
//
// The languages are read when Eleventy reads this configuration, from the catalogue
// `runBuild` loaded first; an Eleventy run from its own command line (no catalogue yet)
// renders the first language only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { Build } from "../src/build/context.ts";
import { Site } from "../src/site/site.ts";
import { inEveryLanguage, localiseLinks } from "../src/site/languages.ts";
import { pluginOptions } from "./options.ts";

export interface LanguagesOptions {
  /** The build this configuration renders (required). */
  build?: Build;
  /** Folder of the page templates. Default: `layouts/pages` beside this plugin. */
  dir?: string;
}

/** `permalink: /x/` or `permalink: "{{ view.url }}"` in front matter, under `/<code>`. */
function prefixPermalink(template: string, code: string): string | undefined {
  const end = template.indexOf("\n---", 3);
  if (!template.startsWith("---") || end < 0) return undefined;
  const front = template.slice(0, end);
  const match = /^permalink:\s*(["']?)(.*?)\1\s*$/m.exec(front);
  if (!match) return undefined;
  const value = match[2]!;
  // The URL the first language's page has, when it is written out: in every language?
  if (value.startsWith("/") && !inEveryLanguage(value)) return undefined;
  const line = `permalink: ${JSON.stringify(`/${code}${value}`)}`;
  return front.replace(match[0], line) + template.slice(end);
}

/**
 * A stand-in for the `site` of one language that reads the current run's view on every
 * use (a preview session renders many runs with one configuration). Methods are bound to
 * the view: they read its private fields.
 */
function siteOf(build: Build, code: string): Site {
  const current = () => {
    const site = build.sites.get(code);
    if (!site) throw new Error(`[almanac/languages] no site view in ${code} for this run`);
    return site;
  };
  // A class instance's prototype, so Eleventy passes it by reference rather than merging it.
  return new Proxy(Object.create(Site.prototype) as Site, {
    get(_, key) {
      const site = current();
      const value = Reflect.get(site, key, site) as unknown;
      return typeof value === "function" ? value.bind(site) : value;
    },
    has: (_, key) => key in current(),
  });
}

export default function languagesPlugin(
  eleventyConfig: UserConfig,
  options: LanguagesOptions = {},
): void {
  const { build, dir } = pluginOptions("languages", options, {
    build: undefined as Build | undefined,
    dir: path.join(import.meta.dirname, "..", "layouts", "pages"),
  });
  if (!build) throw new Error("[almanac/languages] the build option is required");
  const [, ...others] = build.siteLanguages;
  if (!others.length) return;
  const templates = readdirSync(dir)
    .filter((name) => name.endsWith(".njk"))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), "utf8") }));
  const prefixes = new Set(others.map((code) => `/${code}/`));
  for (const code of others) {
    const site = siteOf(build, code);
    for (const { name, text } of templates) {
      const copy = prefixPermalink(text, code);
      if (copy !== undefined) eleventyConfig.addTemplate(`${code}/${name}`, copy, { site });
    }
  }
  eleventyConfig.addTransform(
    "almanac-languages",
    function (this: { page: { url?: unknown } }, content: unknown) {
      const url = this.page.url;
      if (typeof url !== "string" || typeof content !== "string") return content;
      const prefix = [...prefixes].find((p) => url.startsWith(p));
      return prefix ? localiseLinks(content, prefix.slice(0, -1)) : content;
    },
  );
}
