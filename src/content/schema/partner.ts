// Schema of `content/partners/<id>.md` front matter: a community partner of the library.
import * as z from "zod";
import { contentPath, enumError, flag, httpUrl, idList, shortText, text, when } from "./common.ts";

/** Kinds of partner, used for grouping in the directory. */
export const PARTNER_KINDS = [
  "school",
  "business",
  "nonprofit",
  "government",
  "community",
  "other",
] as const;

/** Front matter of `content/partners/<id>.md`. */
export const partnerSchema = z.strictObject({
  /** Name of the organisation. */
  name: shortText(120).describe("Name of the organisation, at most 120 characters (required)."),
  /** Kind of organisation. */
  kind: z
    .enum(PARTNER_KINDS, { error: enumError(PARTNER_KINDS) })
    .describe("One of school, business, nonprofit, government, community, other (required)."),
  /** Summary for the directory. */
  summary: shortText(300).describe(
    "Plain-text summary for the partner directory, at most 300 characters (required).",
  ),
  /** Partner's own site. */
  website: httpUrl().optional().describe("Optional http(s) address of the partner's own website."),
  /** Logo path. */
  logo: contentPath()
    .optional()
    .describe(
      "Optional logo image relative to content/, e.g. images/partners/makerspace.png; logo_alt is then required.",
    ),
  /** Text alternative of the logo. */
  logo_alt: text()
    .optional()
    .describe(
      "Text alternative of the logo, e.g. City Makerspace logo; required when logo is set.",
    ),
  /** Program ids. */
  programs: idList()
    .default([])
    .describe(
      "Optional ids of programs run with this partner (files in content/programs/); the link shows on both pages; default none.",
    ),
  /** Never published. */
  draft: flag()
    .default(false)
    .describe("Set to true to keep the partner off the site entirely; default false."),
  /** Hidden before this date. */
  publish: when()
    .optional()
    .describe("Optional date (or date and time) before which the partner is not on the site."),
});

/** Front matter of a partner as validated (defaults applied). */
export type PartnerInput = z.output<typeof partnerSchema>;
