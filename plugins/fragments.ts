// Registers the listing rows' filters: the rows made in code (src/site/listing-html.ts),
// each kept in its `site.cacheSlot` between preview runs (a build keeps none), so that after
// one edit in `npm start` the hundred listing pages are rendered again mostly from kept rows:
//   {{ day.listings | listingRows(site) }}        a day's `<li class="listing">`s (dayList)
//   {{ listing | listingRow(site, true) }}        one row, its day before its time
//   {{ cell.listings | calendarItems(site) }}     a month calendar day's items
//   {{ printMonth.programs | printEntries(site) }} a print month's programs (not kept)
//   {{ dates.first | dateItems(site) }}          a program page's dates (not kept)
import type UserConfig from "@11ty/eleventy/UserConfig";
import nunjucks from "nunjucks";
import type { Listing, Occurrence } from "../src/content/model.ts";
import {
  calendarItemsHtml,
  dateItemsHtml,
  keptListingRow,
  listingRowsHtml,
  printEntriesHtml,
} from "../src/site/listing-html.ts";
import type { Site } from "../src/site/site.ts";
import type { PrintEntry } from "../src/staff/staff-pages.ts";
import { addNunjucksFilter } from "./njk-filters.ts";

const { SafeString } = nunjucks.runtime;

export default function fragmentsPlugin(eleventyConfig: UserConfig): void {
  // Markup made by src/site/listing-html.ts, every value in it escaped there.
  addNunjucksFilter(
    eleventyConfig,
    "listingRows",
    (listings: Listing[], site: Site) => new SafeString(listingRowsHtml(site, listings)),
  );
  addNunjucksFilter(
    eleventyConfig,
    "listingRow",
    (listing: Listing, site: Site, showDate = false) =>
      new SafeString(keptListingRow(site, listing, showDate)),
  );
  addNunjucksFilter(
    eleventyConfig,
    "calendarItems",
    (listings: Listing[], site: Site) => new SafeString(calendarItemsHtml(site, listings)),
  );
  addNunjucksFilter(
    eleventyConfig,
    "printEntries",
    (entries: PrintEntry[], site: Site) => new SafeString(printEntriesHtml(site, entries)),
  );
  addNunjucksFilter(
    eleventyConfig,
    "dateItems",
    (occurrences: Occurrence[], site: Site) => new SafeString(dateItemsHtml(site, occurrences)),
  );
}
