// Schema of `_data/library.yaml`: the library itself, its locations, closed days, the
// vocabularies (audiences, categories, access features, languages) that content files refer
// to by id, and the words search should treat as the same. The schemas of `search`, `brand`,
// `editor` and `consortium` are in their own files beside this one.
// Cross-checks (duplicate ids) and defaults that depend on other fields (languages from
// the locale) are applied in `src/content/catalogue.ts`.
import * as z from "zod";
import {
  contentPath,
  expected,
  flag,
  httpUrl,
  id,
  isoDate,
  locale,
  phone,
  text,
  textList,
  timeZone,
  wholeNumber,
} from "./common.ts";
import { brandSchema, hexColour } from "./brand.ts";
import { consortiumSchema } from "./consortium.ts";
import { editorSchema } from "./editor.ts";
import { searchSchema } from "./search.ts";

/** A language code such as `en`, `es` or `pt-BR`. */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const languageCode = () =>
  z.string().regex(LANGUAGE_CODE, {
    error: (iss) => `"${String(iss.input)}" is not a language code such as en or es`,
  });

/**
 * Text shown to visitors, as one text or by language code (`Kids`, or
 * `{ en: Kids, es: Niños }`); which codes a map may name is checked against
 * `site_languages` in src/content/library.ts.
 */
export function labelText() {
  const one = text();
  const byLanguage = z
    .record(z.string(), text(), {
      error: expected("text, or text by language such as { en: Kids, es: Niños }"),
    })
    .superRefine((v, ctx) => {
      const codes = Object.keys(v);
      if (!codes.length)
        ctx.addIssue({
          code: "custom",
          message: "name the text in at least one language, e.g. { en: Kids, es: Niños }",
        });
      for (const code of codes)
        if (!LANGUAGE_CODE.test(code))
          ctx.addIssue({
            code: "custom",
            path: [code],
            message: `"${code}" is not a language code such as en or es`,
          });
    });
  // One schema or the other by the value's shape, so each reports in its own words (a union
  // would report that neither matched).
  return z.unknown().transform((value, ctx): string | Record<string, string> => {
    const map = value !== null && typeof value === "object" && !Array.isArray(value);
    const result = (map ? byLanguage : one).safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues)
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

/** A closed day: `2026-12-25` or `{ date: 2026-12-25, reason: Christmas Day }`. */
export const closedDaySchema = z.preprocess(
  (v) => (typeof v === "string" ? { date: v } : v),
  z.strictObject(
    {
      /** The day, `YYYY-MM-DD`. */
      date: isoDate().describe("The closed day, written YYYY-MM-DD."),
      /** Shown to visitors and in build warnings. */
      reason: labelText()
        .optional()
        .describe(
          "Optional reason shown to visitors, e.g. Christmas Day, or by language, e.g. { en: Christmas Day, es: Navidad }.",
        ),
    },
    { error: expected("a date or { date, reason }") },
  ),
);

const closedListSchema = z
  .array(closedDaySchema, { error: expected("a list of dates, e.g. [2026-12-25]") })
  .default([]);

/** One term of a vocabulary (an audience or a category). */
export const termSchema = z.strictObject(
  {
    /** Used in content files and URLs. */
    id: id().describe(
      "Id that content files use and that appears in URLs (/audiences/<id>/, /categories/<id>/); lowercase letters, digits and dashes.",
    ),
    /** Shown to visitors. */
    label: labelText().describe(
      "Name shown to visitors, or names by language, e.g. { en: Kids, es: Niños }.",
    ),
    /** Shown on the term's listing page. */
    description: text().optional().describe("Optional sentence shown on the term's listing page."),
  },
  { error: expected("{ id, label }") },
);

/** Oldest age an audience's `ages` may name. */
export const MAX_AGE = 120;

/** Whole years, 0 to MAX_AGE. */
const age = () => wholeNumber(0, MAX_AGE);

/** An audience: a term, with the ages it is for and the words patrons use for it. */
export const audienceSchema = termSchema.extend({
  /** `[youngest, oldest]`, inclusive, in years. */
  ages: z
    .tuple([age(), age()], {
      error: (iss) =>
        iss.code === "too_small" || iss.code === "too_big"
          ? "expected two ages, [youngest, oldest], e.g. [0, 11]"
          : expected(`[youngest, oldest] in years, e.g. [0, 5] (up to ${MAX_AGE})`)(iss),
    })
    .refine(([min, max]) => min <= max, {
      error: (iss) => {
        const [min, max] = iss.input as [number, number];
        return `the youngest age comes first: write [${max}, ${min}], not [${min}, ${max}]`;
      },
    })
    .optional()
    .describe(
      "Optional ages this audience is for, [youngest, oldest] in whole years, inclusive, e.g. [0, 11]; search then finds its programs for \"4 year old\".",
    ),
  /** Other words for the audience, searched with its programs. */
  terms: textList()
    // Lower case and without repeats: search and the explorer compare them as words.
    .transform((terms) => [...new Set(terms.map((t) => t.toLowerCase()))])
    .optional()
    .describe(
      "Optional words patrons use for this audience, e.g. [children, toddler, preschool]; searching any of them finds its programs.",
    ),
});

/** A feature programs can offer (ASL interpretation, sensory-friendly, step-free access). */
export const accessFeatureSchema = z.strictObject(
  {
    /** Used by programs' `access`. */
    id: id().describe(
      "Id that programs name in `access`; lowercase letters, digits and dashes, e.g. asl.",
    ),
    /** Shown to visitors and searched. */
    label: labelText().describe(
      "Name shown to visitors and found by search, e.g. ASL interpretation, or names by language.",
    ),
  },
  { error: expected("{ id, label }") },
);

/** A branch or building where programs take place. */
export const locationSchema = z.strictObject(
  {
    /** Used by programs' `location` and in `/locations/<id>/`. */
    id: id().describe("Id that programs use in `location` and that appears in /locations/<id>/."),
    /** Shown to visitors. */
    name: labelText().describe(
      "Name shown to visitors, e.g. Central Library, or names by language, e.g. { en: Central Library, es: Biblioteca Central }.",
    ),
    /** Postal address, one line. */
    address: text().describe("Street address on one line; used on pages and in calendar files."),
    /** `[latitude, longitude]`. */
    geo: z
      .tuple([wholeOrDecimal(-90, 90, "latitude"), wholeOrDecimal(-180, 180, "longitude")], {
        error: expected("[latitude, longitude], e.g. [41.8264, -87.8228]"),
      })
      .optional()
      .describe("Optional [latitude, longitude] for maps and structured data."),
    /** Free text about access. */
    accessibility: text()
      .optional()
      .describe("Optional accessibility notes (entrances, hearing loops, parking)."),
    /** Phone number as written. */
    phone: phone()
      .optional()
      .describe("Optional phone number of this location, as it should be shown."),
    /** Opening hours as written. */
    hours: text()
      .optional()
      .describe("Optional opening hours as free text, e.g. Mon–Fri 9–8, Sat 10–5."),
    /** Closed days of this location only (the library's `closed` apply too). */
    closed: closedListSchema.describe(
      "Optional extra days this location alone is closed, as dates or { date, reason }; default none.",
    ),
  },
  { error: expected("{ id, name, address }") },
);

function wholeOrDecimal(min: number, max: number, what: string) {
  return z
    .number({ error: expected(`a ${what} number`) })
    .min(min, { error: `${what} must be between ${min} and ${max}` })
    .max(max, { error: `${what} must be between ${min} and ${max}` });
}

/** `_data/library.yaml`. */
export const librarySchema = z
  .strictObject({
  /** The library's name. */
  name: text().describe("The library's name, shown in the header, titles and feeds."),
  /** Absolute base URL of the published site. */
  url: httpUrl()
    .refine((v) => !/[?#]/.test(v) && !new URL(v).username && !new URL(v).password, {
      error:
        "must be the site's own address, without ?, # or a user name, e.g. https://library.example.org",
    })
    .describe(
      "Absolute http(s) address of the published site, e.g. https://library.example.org; used in feeds, sitemap, structured data and calendar ids.",
    ),
  /** IANA zone for every wall-clock time. */
  timezone: timeZone().describe(
    "IANA time zone, e.g. America/Chicago; every time written without an offset is wall-clock time here.",
  ),
  /** BCP 47 locale for dates and numbers. */
  locale: locale()
    .default("en-US")
    .describe("Locale for formatting dates and numbers, e.g. en-US or es-MX; default en-US."),
  /** One-sentence description of the library, or one by language. */
  description: labelText()
    .optional()
    .describe(
      "Optional one-sentence description used for the home page's meta description and the web app manifest, or one by language, e.g. { en: Free programs for every age., es: Programas gratuitos para todas las edades. }.",
    ),
  /** Months ahead that open-ended series are listed. */
  horizon_months: wholeNumber(1, 36)
    .default(6)
    .describe("How many months ahead repeating programs are listed (1 to 36); default 6."),
  /** Weeks of dates the listing pages show; later dates are on the month calendars. */
  listing_weeks: wholeNumber(1, 52)
    .optional()
    .describe(
      "Optional: how many weeks ahead the listing pages (/programs/, audience, topic and location pages) show, each page one window of that many weeks, 1 to 52; /programs/ has one later page, and later dates stay on the month calendars, in calendar files and in search; default 2.",
    ),
  /** Feedback form template. */
  feedback_url: httpUrl()
    // Normalising writes the braces of a {id} in the path as %7B...%7D; keep them fillable.
    .transform((v) => v.replace(/%7B(id|title)%7D/g, "{$1}"))
    .optional()
    .describe(
      "Optional http(s) address of a feedback form; {id} and {title} are replaced with the program's id and title.",
    ),
  /** How to reach the library. */
  contact: z
    .strictObject(
      {
        /** Contact e-mail address. */
        email: z
          .string({ error: expected("an e-mail address") })
          .trim()
          .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, {
            error: "not an e-mail address such as ask@library.example.org",
          })
          .optional()
          .describe("Optional contact e-mail address."),
        /** Contact phone number. */
        phone: phone().optional().describe("Optional contact phone number, as it should be shown."),
      },
      { error: expected("{ email, phone }") },
    )
    .default({})
    .describe("Optional contact details shown in the footer: { email, phone }; default none."),
  /** Language codes programs may list, with their names. */
  languages: z
    .record(
      languageCode(),
      text(),
      { error: expected("code: name pairs, e.g. { en: English, es: Español }") },
    )
    .optional()
    .describe(
      "Language codes programs may list in `languages`, with their names, e.g. { en: English, es: Español }; the first is the library's main language; default the locale's language only.",
    ),
  /** The languages the site is published in; the first at `/`, the others under `/<code>/`. */
  site_languages: z
    .array(languageCode(), { error: expected("a list of language codes, e.g. [en, es]") })
    .min(1, { error: "list at least one language, e.g. [en, es]" })
    .optional()
    .describe(
      "Optional languages the whole site is published in, codes from `languages`, e.g. [en, es]: the first at /, each other under /<code>/ (docs/content.md, Translations); default the library's main language only.",
    ),
  /** Branches and buildings. */
  locations: z
    .array(locationSchema, { error: expected("a list of locations") })
    .default([])
    .describe(
      "Branches and buildings where programs take place, each { id, name, address, ... }; default none.",
    ),
  /** Days every location is closed. */
  closed: closedListSchema.describe(
    "Optional days every location is closed, as dates or { date, reason }; in-person occurrences on these days are left out with a warning; default none.",
  ),
  /** Who programs are for. */
  audiences: z
    .array(audienceSchema, { error: expected("a list of { id, label }") })
    .min(1, { error: "list at least one audience" })
    .describe(
      "Who programs are for, each { id, label, description, ages, terms }; programs and guides name one or more by id.",
    ),
  /** What programs are about. */
  categories: z
    .array(termSchema, { error: expected("a list of { id, label }") })
    .min(1, { error: "list at least one category" })
    .describe(
      "What programs are about, each { id, label, description }; programs name one or more by id.",
    ),
  /** Features programs name in `access`. */
  access: z
    .array(accessFeatureSchema, { error: expected("a list of { id, label }") })
    .default([])
    .describe(
      "Optional accessibility features programs can offer, each { id, label }, e.g. { id: asl, label: ASL interpretation }; programs name them in `access`; default none.",
    ),
  /** How search reads patrons' words. */
  search: searchSchema
    .default({ synonyms: {} })
    .describe("Optional search settings: { synonyms }; default none."),
  /** Colour of the browser chrome. */
  theme_color: hexColour()
    .optional()
    .describe(
      "Theme colour for the web app manifest and browser chrome, as #rrggbb; default the brand colour, else #1d4e89.",
    ),
  /** The library's logo, shown in the header, on lobby screens and social cards. */
  logo: contentPath()
    .optional()
    .describe(
      "Optional logo image relative to content/, e.g. images/logo.png: shown in the header, on the lobby screens and on social cards, and the app icons when there is no content/icon.png; logo_alt is then required.",
    ),
  /** Text alternative of the logo. */
  logo_alt: text()
    .optional()
    .describe(
      "Text alternative of the logo, e.g. Maple Hollow Public Library logo; required when logo is set.",
    ),
  /** The library's colours. */
  brand: brandSchema
    .optional()
    .describe(
      "Optional brand colours, { color, text_color }: the header and buttons, charts, the lobby screens, social cards and icons; default Almanac's blue (#1d4e89) with white text.",
    ),
  /** Default social image. */
  image: contentPath()
    .optional()
    .describe(
      "Optional default image for link previews, relative to content/, e.g. images/library.jpg.",
    ),
  /** Where the browser editor at /admin/ saves: the library's GitHub repository. */
  editor: editorSchema
    .prefault({})
    .describe(
      "Optional settings of the browser editor at /admin/: { repo, branch, auth_url }; default local editing only.",
    ),
  /** Whether the site has the staff coverage report at /staff/report/. */
  staff_report: flag()
    .default(true)
    .describe(
      "Set to false to leave the staff coverage report (/staff/report/) out of the site; it is never linked, indexed or searched, but open to anyone who knows its address unless the host protects it (docs/deploy.md); default true.",
    ),
  /** Makes this site a consortium of member libraries (docs/consortium.md). */
  consortium: consortiumSchema
    .optional()
    .describe(
      "Optional: makes this site a consortium's, { members: [{ id, name, url, source }] }; its listings, calendars, explorer, calendar files and programs.json hold every member's programs, and its search searches every member's index (docs/consortium.md); default none.",
    ),
  /** The consortium this library is a member of: its site may read this one's files. */
  consortium_url: httpUrl()
    .refine((v) => !/[?#]/.test(v), { error: "must be the consortium site's own address, without ? or #" })
    .optional()
    .describe(
      "Optional address of the consortium site this library is a member of, e.g. https://libraries.example.org; the build's _headers and .htaccess then let that site read this one's search index and programs.json (docs/consortium.md); default none.",
    ),
  })
  .superRefine((library, ctx) => {
    if (library.logo !== undefined && library.logo_alt === undefined) {
      ctx.addIssue({
        code: "custom",
        // On the logo's line: the missing field has none.
        path: ["logo"],
        message:
          "needs logo_alt, a text alternative describing the logo for people who cannot see it, e.g. logo_alt: Maple Hollow Public Library logo",
      });
    }
  });

/** `_data/library.yaml` as written (after defaults). */
export type LibraryInput = z.output<typeof librarySchema>;
