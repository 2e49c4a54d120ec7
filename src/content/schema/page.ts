// Schema of `content/pages/<id>.md` front matter: a free page (about, accessibility, ...).
import * as z from "zod";
import { flag, shortText, when, wholeNumber } from "./common.ts";

/** Front matter of `content/pages/<id>.md`. */
export const pageSchema = z.strictObject({
  /** Plain-text title. */
  title: shortText(120).describe(
    "Title of the page, plain text, at most 120 characters (required).",
  ),
  /** Summary for previews. */
  summary: shortText(300)
    .optional()
    .describe("Optional plain-text summary for link previews and search, at most 300 characters."),
  /** Position in the site navigation. */
  nav: wholeNumber(0, 999)
    .optional()
    .describe(
      "Optional position in the site navigation (lower first); pages without nav are not in the navigation.",
    ),
  /** Never published. */
  draft: flag()
    .default(false)
    .describe("Set to true to keep the page off the site entirely; default false."),
  /** Hidden before this date. */
  publish: when()
    .optional()
    .describe("Optional date (or date and time) before which the page is not on the site."),
});

/** Front matter of a page as validated (defaults applied). */
export type PageInput = z.output<typeof pageSchema>;
