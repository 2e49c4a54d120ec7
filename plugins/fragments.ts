// Registers the Nunjucks tag `{% cache slot %}...{% endcache %}`: the body is rendered once
// and kept in `slot` (`site.cacheSlot(...)`, src/site/site.ts), which a later page or a
// later preview run gets back without rendering it again; with no slot (a build, where
// `cacheSlot` gives none) the body is simply rendered. The listing rows use it
// (layouts/includes/macros.njk, calendar-month.njk, print-month.njk): after one edit in
// `npm start`, the hundred listing pages are rendered again mostly from kept rows.
//
// The body must print only what the slot's key names (the row's program and occurrence,
// the arguments given to `cacheSlot`) and the library; a `set` inside it does not run when
// the kept rendering is used, so nothing after the tag may read what it sets.
import type UserConfig from "@11ty/eleventy/UserConfig";

interface NunjucksParser {
  nextToken(): { value: string };
  parseSignature(a: null, b: boolean): unknown;
  advanceAfterBlockEnd(name?: string): void;
  parseUntilBlocks(...names: string[]): unknown;
}

interface NunjucksLib {
  runtime: { SafeString: new (html: string) => unknown };
}

interface NunjucksNodes {
  CallExtension: new (ext: object, method: string, args: unknown, content: unknown[]) => unknown;
}

interface Slot {
  get(render: () => string): string;
}

export default function fragmentsPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addNunjucksTag("cache", (nunjucks: NunjucksLib) => ({
    tags: ["cache"],
    parse(parser: NunjucksParser, nodes: NunjucksNodes) {
      const token = parser.nextToken();
      const args = parser.parseSignature(null, true);
      parser.advanceAfterBlockEnd(token.value);
      const body = parser.parseUntilBlocks("endcache");
      parser.advanceAfterBlockEnd();
      return new nodes.CallExtension(this, "run", args, [body]);
    },
    run(_context: unknown, slot: Slot | undefined, body: () => string) {
      // The body's output is escaped already: kept and returned as markup.
      const html = slot && typeof slot.get === "function" ? slot.get(() => String(body())) : body();
      return new nunjucks.runtime.SafeString(String(html));
    },
  }));
}
