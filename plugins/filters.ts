// Registers the date, time and text filters layouts use to print values.
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { DateTime } from "luxon";
import type { Occurrence } from "../src/content/model.ts";
import {
  endLabel,
  isoAttr,
  longDate,
  monthLabel,
  readableDate,
  shortDate,
  whenAttr,
  timeOfDay,
  timeRange,
} from "../src/site/format.ts";

export default function filtersPlugin(eleventyConfig: UserConfig): void {
  eleventyConfig.addFilter("isoAttr", (value: DateTime, allDay?: boolean) =>
    isoAttr(value, allDay),
  );
  eleventyConfig.addFilter("longDate", (value: DateTime, locale: string) =>
    longDate(value, locale),
  );
  eleventyConfig.addFilter("shortDate", (value: DateTime, locale: string) =>
    shortDate(value, locale),
  );
  eleventyConfig.addFilter("timeOfDay", (value: DateTime, locale: string) =>
    timeOfDay(value, locale),
  );
  eleventyConfig.addFilter("timeRange", (occ: Occurrence, locale: string) =>
    timeRange(occ, locale),
  );
  eleventyConfig.addFilter("endLabel", (occ: Occurrence, locale: string) => endLabel(occ, locale));
  eleventyConfig.addFilter("readableDate", (text: string, zone: string, locale: string) =>
    readableDate(text, zone, locale),
  );
  eleventyConfig.addFilter("whenAttr", (text: string, zone: string) => whenAttr(text, zone));
  eleventyConfig.addFilter("monthLabel", (value: DateTime, locale: string) =>
    monthLabel(value, locale),
  );
}
