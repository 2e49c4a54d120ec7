// Registers the date, time and text filters layouts use to print values, and `t`, the
// interface text in the page's language (src/i18n/strings.ts).
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { DateTime } from "luxon";
import nunjucks from "nunjucks";
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
import {
  formatNumber,
  scriptStrings,
  t,
  type Language,
  type TextWriter,
} from "../src/i18n/strings.ts";
import { escapeMessage } from "../src/text/html.ts";
import { constantMessage } from "../src/site/listing-html.ts";
import { addNunjucksFilter } from "./njk-filters.ts";

/** A date filter's locale: a language (its locale) or a locale as written. */
type LocaleOf = Language | string;
const loc = (l: LocaleOf): string => (typeof l === "string" ? l : l.locale);

const { SafeString } = nunjucks.runtime;
const { escape } = nunjucks.lib as unknown as { escape(text: string): string };

/**
 * How `t` writes a message into a page: its text escaped for element text and
 * double-quoted attributes (`&`, `<`, `>`, `"`; an apostrophe stays one, as in a layout's
 * own text) with the punctuation above as references, and each value escaped as Nunjucks
 * prints it, unless it is markup already (a macro's output, e.g. a `<time>`).
 */
const HTML: TextWriter = {
  text: escapeMessage,
  value: (value, lang) =>
    value instanceof SafeString
      ? String(value)
      : escape(typeof value === "number" ? formatNumber(value, lang) : String(value)),
};

export default function filtersPlugin(eleventyConfig: UserConfig): void {
  // {{ "nav.menu" | t(site.lang) }}, {{ "count.programs" | t(site.lang, { n: 3 }) }}
  addNunjucksFilter(
    eleventyConfig,
    "t",
    (key: string, lang: Language, values?: Record<string, unknown>) =>
      new SafeString(values ? t(key, lang, values, HTML) : constantMessage(key, lang)),
  );
  // data-strings="{{ site.lang | scriptStrings("explorer", "time.allDay") }}"
  addNunjucksFilter(eleventyConfig, "scriptStrings", (lang: Language, ...names: string[]) =>
    scriptStrings(lang, ...names),
  );
  addNunjucksFilter(eleventyConfig, "isoAttr", (value: DateTime, allDay?: boolean) =>
    isoAttr(value, allDay),
  );
  addNunjucksFilter(eleventyConfig, "longDate", (value: DateTime, locale: LocaleOf) =>
    longDate(value, loc(locale)),
  );
  addNunjucksFilter(eleventyConfig, "shortDate", (value: DateTime, locale: LocaleOf) =>
    shortDate(value, loc(locale)),
  );
  addNunjucksFilter(eleventyConfig, "timeOfDay", (value: DateTime, locale: LocaleOf) =>
    timeOfDay(value, loc(locale)),
  );
  addNunjucksFilter(eleventyConfig, "timeRange", (occ: Occurrence, locale: LocaleOf) =>
    timeRange(occ, locale),
  );
  addNunjucksFilter(eleventyConfig, "endLabel", (occ: Occurrence, locale: LocaleOf) =>
    endLabel(occ, locale),
  );
  addNunjucksFilter(
    eleventyConfig,
    "readableDate",
    (text: string, zone: string, locale: LocaleOf) => readableDate(text, zone, locale),
  );
  addNunjucksFilter(eleventyConfig, "whenAttr", (text: string, zone: string) =>
    whenAttr(text, zone),
  );
  addNunjucksFilter(eleventyConfig, "monthLabel", (value: DateTime, locale: LocaleOf) =>
    monthLabel(value, loc(locale)),
  );
}
