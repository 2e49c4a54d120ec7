// Schema of `content/guides/<id>.md` front matter: a media-literacy guide.
import * as z from "zod";
import {
  enumError,
  expected,
  flag,
  httpUrl,
  idList,
  isoDate,
  shortText,
  text,
  textList,
  when,
} from "./common.ts";

/** Guide levels, easiest first. */
export const GUIDE_LEVELS = ["beginner", "intermediate", "advanced"] as const;

/** One source a guide cites. */
export const sourceSchema = z.strictObject(
  {
    /** Title of the source. */
    title: text().describe("Title of the source as shown in the list."),
    /** Where it is. */
    url: httpUrl().describe("http(s) address of the source."),
  },
  { error: expected('{ title, url }, e.g. { title: "Reverse image search", url: "https://..." }') },
);

/** Front matter of `content/guides/<id>.md`. */
export const guideSchema = z.strictObject({
  /** Plain-text title. */
  title: shortText(120).describe(
    "Title of the guide, plain text, at most 120 characters (required).",
  ),
  /** Summary for listings. */
  summary: shortText(300).describe(
    "Plain-text summary for listings, at most 300 characters (required).",
  ),
  /** Difficulty. */
  level: z
    .enum(GUIDE_LEVELS, { error: enumError(GUIDE_LEVELS) })
    .describe("One of beginner, intermediate, advanced (required)."),
  /** Who it is for. */
  audiences: idList(1).describe(
    "One or more audience ids from library.yaml, e.g. [teens, adults] (required).",
  ),
  /** Free tags. */
  topics: textList().default([]).describe("Optional free tags, e.g. [images, ai]; default none."),
  /** Checklist lines. */
  checklist: textList()
    .default([])
    .describe("Optional list of short checks shown as a checklist; default none."),
  /** Cited sources. */
  sources: z
    .array(sourceSchema, { error: expected("a list of { title, url }") })
    .default([])
    .describe("Optional sources, each { title, url } with an http(s) url; default none."),
  /** Program ids. */
  programs: idList()
    .default([])
    .describe(
      "Optional ids of related programs (files in content/programs/); the link shows on both pages; default none.",
    ),
  /** Last reviewed. */
  updated: isoDate().optional().describe("Optional date the guide was last reviewed, YYYY-MM-DD."),
  /** Never published. */
  draft: flag()
    .default(false)
    .describe("Set to true to keep the guide off the site entirely; default false."),
  /** Hidden before this date. */
  publish: when()
    .optional()
    .describe("Optional date (or date and time) before which the guide is not on the site."),
});

/** Front matter of a guide as validated (defaults applied). */
export type GuideInput = z.output<typeof guideSchema>;
