// Lets go of each page's HTML once it is written, so a build's memory does not grow with
// the site it writes.
//
// Eleventy 3.1 keeps every page it renders until the build ends, four times over: the
// page's content before its layout (`pageEntry.templateContent`, for collections) and the
// promise of it (`Template#_cacheRenderedPromise`), the finished page
// (`Template#_cacheRenderedTransformsAndLayoutsPromise`), and the finished page again in
// the `results` it hands to `eleventy.after` (`Template#_write` returns `{ content }`). No
// option or hook turns that off (docs/performance.md, "Peak memory"), so this plugin wraps
// `Template#_write`: once a page of a configuration that added the plugin is written, its
// rendered strings are dropped and its result keeps everything but `content` (a step that
// needs a page's HTML reads the file at `outputPath`). Reaches into Eleventy's internals:
// test/library-patches.test.ts fails if an upgrade moves them.
//
// A template that reads another page's `templateContent` would then find it gone and fail
// (Eleventy's "Tried to use templateContent too early"), not print nothing: Almanac's
// layouts never do, and its templates all live in Almanac's own `layouts/`.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type UserConfig from "@11ty/eleventy/UserConfig";

interface PageEntry {
  template?: TemplateLike;
  /** Eleventy's accessor: setting it also sets whether a read of it is checked. */
  templateContent?: unknown;
  _templateContent?: unknown;
  needsCheck?: boolean;
}

interface TemplateLike {
  eleventyConfig?: { userConfig?: unknown };
  _cacheRenderedPromise?: unknown;
  _cacheRenderedTransformsAndLayoutsPromise?: unknown;
  _write(page: PageEntry, content: unknown): Promise<{ content?: unknown } | undefined>;
}

const PATCHED = Symbol.for("almanac.releasePages");
/** The configurations whose pages are released (Eleventy's module is shared by every build). */
const releasing = new WeakSet<object>();

/**
 * Eleventy's Template class, from the same file Eleventy itself loads: resolved from
 * Almanac's folder, as the bundle resolves packages (scripts/bundle.mjs).
 */
const eleventyDir = path.dirname(
  createRequire(path.join(import.meta.dirname, "release-pages.ts")).resolve("@11ty/eleventy"),
);
const { default: Template } = (await import(
  pathToFileURL(path.join(eleventyDir, "Template.js")).href
)) as { default: { prototype: TemplateLike & { [PATCHED]?: true } } };

/** Wraps `Template#_write` once per process. Exported for test/library-patches.test.ts. */
export function installReleasePages(): void {
  const proto = Template.prototype;
  if (proto[PATCHED]) return;
  const write = proto._write;
  if (typeof write !== "function") {
    throw new Error(
      "[almanac/release-pages] this Eleventy's Template has no _write: update plugins/release-pages.ts for it",
    );
  }
  proto._write = async function (this: TemplateLike, page: PageEntry, content: unknown) {
    const result = await write.call(this, page, content);
    const config = this.eleventyConfig?.userConfig;
    if (!config || !releasing.has(config)) return result;
    const template = page.template;
    if (template) {
      delete template._cacheRenderedPromise;
      delete template._cacheRenderedTransformsAndLayoutsPromise;
    }
    if ("_templateContent" in page) {
      page._templateContent = undefined;
      page.needsCheck = true; // a later read fails loudly instead of reading nothing
    }
    if (result) result.content = undefined;
    return result;
  };
  proto[PATCHED] = true;
}

export default function releasePagesPlugin(eleventyConfig: UserConfig): void {
  installReleasePages();
  releasing.add(eleventyConfig);
}
