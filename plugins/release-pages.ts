// Keeps each page in memory only from its render to its write, so a build's memory does not
// grow with the site it writes.
//
// Eleventy 3.1 renders every page's content (the template without its layout) before it
// writes any page (`TemplateMap#populateContentDataInMap`, so that collections can offer
// `templateContent`), and keeps every page it renders until the build ends, four times
// over: the content (`pageEntry.templateContent`) and the promise of it
// (`Template#_cacheRenderedPromise`), the finished page
// (`Template#_cacheRenderedTransformsAndLayoutsPromise`), and the finished page again in
// the `results` it hands to `eleventy.after` (`Template#_write` returns `{ content }`). No
// option or hook turns either off (docs/performance.md, "Peak memory"), so for a
// configuration that added the plugin this plugin
// - skips the up-front render: `TemplateMap#populateContentDataInMap` does nothing, and
//   `Template#renderPageEntry` (which Eleventy calls right before writing a page) renders
//   the page's content first, exactly as the up-front pass would have. Almanac uses no
//   Eleventy collections, so nothing reads a page's content before its own render;
// - wraps `Template#_write`: once a page is written, its rendered strings and its data are
//   dropped and its result keeps everything but `content` (a step that needs a page's HTML
//   reads the file at `outputPath`).
// Reaches into Eleventy's internals: test/library-patches.test.ts fails if an upgrade moves
// them.
//
// A template that reads another page's `templateContent` (through a collection) would then
// find it missing and fail (Eleventy's "Tried to use templateContent too early"), not print
// nothing: Almanac's layouts never do, and its templates all live in Almanac's own `layouts/`.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type UserConfig from "@11ty/eleventy/UserConfig";

interface PageEntry {
  template?: TemplateLike;
  data?: unknown;
  page?: unknown;
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
  renderPageEntry(page: PageEntry): Promise<unknown>;
  renderPageEntryWithoutLayout(page: PageEntry): Promise<unknown>;
}

interface TemplateMapLike {
  userConfig?: unknown;
  populateContentDataInMap(orderedMap: unknown[]): Promise<void>;
}

const PATCHED = Symbol.for("almanac.releasePages");
/** The configurations whose pages are released (Eleventy's module is shared by every build). */
const releasing = new WeakSet<object>();

/**
 * Eleventy's Template and TemplateMap classes, from the same files Eleventy itself loads:
 * resolved from Almanac's folder, as the bundle resolves packages (scripts/bundle.mjs).
 */
const eleventyDir = path.dirname(
  createRequire(path.join(import.meta.dirname, "release-pages.ts")).resolve("@11ty/eleventy"),
);
const { default: Template } = (await import(
  pathToFileURL(path.join(eleventyDir, "Template.js")).href
)) as { default: { prototype: TemplateLike & { [PATCHED]?: true } } };
const { default: TemplateMap } = (await import(
  pathToFileURL(path.join(eleventyDir, "TemplateMap.js")).href
)) as { default: { prototype: TemplateMapLike } };

function missing(what: string): Error {
  return new Error(
    `[almanac/release-pages] this Eleventy has no ${what}: update plugins/release-pages.ts for it`,
  );
}

/** Patches Eleventy once per process. Exported for test/library-patches.test.ts. */
export function installReleasePages(): void {
  const proto = Template.prototype;
  if (proto[PATCHED]) return;
  const write = proto._write;
  const renderPageEntry = proto.renderPageEntry;
  const mapProto = TemplateMap.prototype;
  const populate = mapProto.populateContentDataInMap;
  if (typeof write !== "function") throw missing("Template#_write");
  if (typeof renderPageEntry !== "function") throw missing("Template#renderPageEntry");
  if (typeof proto.renderPageEntryWithoutLayout !== "function")
    throw missing("Template#renderPageEntryWithoutLayout");
  if (typeof populate !== "function") throw missing("TemplateMap#populateContentDataInMap");

  mapProto.populateContentDataInMap = function (this: TemplateMapLike, orderedMap: unknown[]) {
    const config = this.userConfig;
    if (config && releasing.has(config)) return Promise.resolve();
    return populate.call(this, orderedMap);
  };
  proto.renderPageEntry = async function (this: TemplateLike, page: PageEntry) {
    const config = this.eleventyConfig?.userConfig;
    // What the up-front pass would have set, rendered now: the same call, so the same
    // content (and its errors, wrapped as the page's).
    if (config && releasing.has(config) && page.template && page._templateContent === undefined)
      page.templateContent = await page.template.renderPageEntryWithoutLayout(page);
    return renderPageEntry.call(this, page);
  };
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
    // The page's data (its pagination item, `page`, computed data) and, for a paginated
    // template, its own copy of the Template: nothing in Eleventy reads them once the page
    // is written (an error message reads `outputPath`, which stays). About 45 MiB at 5,000
    // programs while Pagefind writes its index.
    page.data = undefined;
    page.page = undefined;
    page.template = undefined;
    return result;
  };
  proto[PATCHED] = true;
}

export default function releasePagesPlugin(eleventyConfig: UserConfig): void {
  installReleasePages();
  releasing.add(eleventyConfig);
}
