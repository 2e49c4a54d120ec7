// Schemas of translations, `content/<kind>/<id>.<code>.md`: the translatable fields of each
// kind only, each optional (what a translation leaves out is shown from the base file, in
// its language). Every other field of the kind is refused with its own message by
// src/content/translations.ts before these run; fields of no kind are unknown fields.
import * as z from "zod";
import { shortText, text, textList } from "./common.ts";
import type { Kind } from "../files.ts";

/** The fields a translation may hold, by kind (docs/content.md, "Translations"). */
export const TRANSLATABLE: Readonly<Record<Kind, readonly string[]>> = {
  programs: ["title", "summary", "room", "accessibility", "cost", "image_alt"],
  partners: ["name", "summary", "logo_alt"],
  guides: ["title", "summary", "checklist", "sources"],
  pages: ["title", "summary"],
};

const title = () =>
  shortText(120).optional().describe("The title in this language, at most 120 characters.");
const summary = () =>
  shortText(300).optional().describe("The summary in this language, at most 300 characters.");

/** `content/programs/<id>.<code>.md`. */
export const programTranslationSchema = z.strictObject({
  title: title(),
  summary: summary(),
  room: text().optional().describe("The room's name in this language."),
  accessibility: text().optional().describe("The accessibility notes in this language."),
  cost: text().optional().describe("The price in this language, e.g. Gratis."),
  image_alt: text().optional().describe("The image's text alternative in this language."),
});

/** `content/partners/<id>.<code>.md`. */
export const partnerTranslationSchema = z.strictObject({
  name: shortText(120).optional().describe("The partner's name in this language."),
  summary: summary(),
  logo_alt: text().optional().describe("The logo's text alternative in this language."),
});

/** `content/guides/<id>.<code>.md`. */
export const guideTranslationSchema = z.strictObject({
  title: title(),
  summary: summary(),
  checklist: textList().optional().describe("The checklist in this language, line for line."),
  sources: textList()
    .optional()
    .describe(
      "The titles of the base file's sources in this language, in the same order and as many (their addresses come from the base file).",
    ),
});

/** `content/pages/<id>.<code>.md`. */
export const pageTranslationSchema = z.strictObject({
  title: title(),
  summary: summary(),
});

export const TRANSLATION_SCHEMAS = {
  programs: programTranslationSchema,
  partners: partnerTranslationSchema,
  guides: guideTranslationSchema,
  pages: pageTranslationSchema,
} as const;

export type ProgramTranslationInput = z.output<typeof programTranslationSchema>;
export type PartnerTranslationInput = z.output<typeof partnerTranslationSchema>;
export type GuideTranslationInput = z.output<typeof guideTranslationSchema>;
export type PageTranslationInput = z.output<typeof pageTranslationSchema>;
