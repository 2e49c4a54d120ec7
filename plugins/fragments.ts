// Registers the listing rows' filters and the Nunjucks tag `{% cache slot %}...{% endcache %}`.
//
// The rows made in code (src/site/listing-html.ts), each kept in its `site.cacheSlot`:
//   {{ day.listings | listingRows(site) }}        a day's `<li class="listing">`s (dayList)
//   {{ listing | listingRow(site, true) }}        one row, its day before its time
//   {{ cell.listings | calendarItems(site) }}     a month calendar day's items
//   {{ printMonth.programs | printEntries(site) }} a print month's programs (not kept)
//
// The tag: the body is rendered once
// and kept in `slot` (`site.cacheSlot(...)`, src/site/site.ts), which a later page or a
// later preview run gets back without rendering it again; with no slot (a build, where
// `cacheSlot` gives none) the body is simply rendered. After one edit in `npm start`, the
// hundred listing pages are rendered again mostly from kept rows.
//
// The body must print only what the slot's key names (the row's program and occurrence,
// the arguments given to `cacheSlot`) and the library; a `set` inside it does not run when
// the kept rendering is used, so nothing after the tag may read what it sets.
import type UserConfig from "@11ty/eleventy/UserConfig";
import nunjucks from "nunjucks";
import type { Listing } from "../src/content/model.ts";
import {
  calendarItemsHtml,
  keptListingRow,
  listingRowsHtml,
  printEntriesHtml,
} from "../src/site/listing-html.ts";
import type { Site } from "../src/site/site.ts";
import type { PrintEntry } from "../src/staff/staff-pages.ts";

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

const { SafeString } = nunjucks.runtime;

export default function fragmentsPlugin(eleventyConfig: UserConfig): void {
  // Markup made by src/site/listing-html.ts, every value in it escaped there.
  eleventyConfig.addFilter(
    "listingRows",
    (listings: Listing[], site: Site) => new SafeString(listingRowsHtml(site, listings)),
  );
  eleventyConfig.addFilter(
    "listingRow",
    (listing: Listing, site: Site, showDate = false) =>
      new SafeString(keptListingRow(site, listing, showDate)),
  );
  eleventyConfig.addFilter(
    "calendarItems",
    (listings: Listing[], site: Site) => new SafeString(calendarItemsHtml(site, listings)),
  );
  eleventyConfig.addFilter(
    "printEntries",
    (entries: PrintEntry[], site: Site) => new SafeString(printEntriesHtml(site, entries)),
  );
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
