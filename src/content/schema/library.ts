// Schema of `_data/library.yaml`: the library itself, its locations, closed days and the
// vocabularies (audiences, categories, languages, access features) that content files
// refer to by id.
// Cross-checks (duplicate ids) and defaults that depend on other fields (languages from
// the locale) are applied in `src/content/catalogue.ts`.
import * as z from "zod";
import {
  contentPath,
  expected,
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

/** A closed day: `2026-12-25` or `{ date: 2026-12-25, reason: Christmas Day }`. */
export const closedDaySchema = z.preprocess(
  (v) => (typeof v === "string" ? { date: v } : v),
  z.strictObject(
    {
      /** The day, `YYYY-MM-DD`. */
      date: isoDate().describe("The closed day, written YYYY-MM-DD."),
      /** Shown to visitors and in build warnings. */
      reason: text().optional().describe("Optional reason shown to visitors, e.g. Christmas Day."),
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
    label: text().describe("Name shown to visitors."),
    /** Shown on the term's listing page. */
    description: text().optional().describe("Optional sentence shown on the term's listing page."),
  },
  { error: expected("{ id, label }") },
);

/** Oldest age an audience's `ages` may name (a range up to it means "and older"). */
export const MAX_AGE = 120;

/**
 * `ages: [min, max]`, whole years, both included. Checked and kept as a pair with
 * `min <= max`, so the explorer's age filter compares numbers without asking again.
 */
export const agesSchema = z
  .tuple([wholeNumber(0, MAX_AGE), wholeNumber(0, MAX_AGE)], {
    error: expected(`[youngest, oldest] in years, e.g. [0, 5] (up to ${MAX_AGE})`),
  })
  .refine(([min, max]) => min <= max, {
    error: (iss) => {
      const [min, max] = iss.input as [number, number];
      return `the youngest age comes first: write [${max}, ${min}], not [${min}, ${max}]`;
    },
  });

/**
 * `terms`: words patrons use for an audience (toddler, preschool, tween, elders), for
 * search. Kept trimmed, in lower case (search matches case-blind), without repeats.
 */
export const audienceTermsSchema = textList().transform((terms) => [
  ...new Set(terms.map((t) => t.toLowerCase())),
]);

/** An audience: a term with optional ages and words patrons use for it. */
export const audienceSchema = z.strictObject(
  {
    ...termSchema.shape,
    /** Ages the audience is for, in years, both included. */
    ages: agesSchema
      .optional()
      .describe(
        `Optional ages in years that the audience is for, both included, e.g. [0, 5]; the explorer's age filter matches a child's age against them (${MAX_AGE} for "and older", e.g. [60, ${MAX_AGE}]); default none: the audience is not offered for an age.`,
      ),
    /** Words patrons use for it, for search. */
    terms: audienceTermsSchema
      .optional()
      .describe(
        "Optional words patrons use for this audience, e.g. [toddler, preschool]; search finds the audience's programs by them; default none.",
      ),
  },
  { error: expected("{ id, label }") },
);

/** An access feature programs can name in `access` (ASL interpretation, step-free, ...). */
export const accessFeatureSchema = z.strictObject(
  {
    /** Used by programs' `access` and in the explorer's URL (`?access=<id>`). */
    id: id().describe(
      "Id that programs use in `access` and that appears in the explorer's address (/programs/?access=<id>); lowercase letters, digits and dashes.",
    ),
    /** Shown to visitors. */
    label: text().describe("Name shown to visitors, e.g. ASL interpretation."),
  },
  { error: expected("{ id, label }") },
);

/** A branch or building where programs take place. */
export const locationSchema = z.strictObject(
  {
    /** Used by programs' `location` and in `/locations/<id>/`. */
    id: id().describe("Id that programs use in `location` and that appears in /locations/<id>/."),
    /** Shown to visitors. */
    name: text().describe("Name shown to visitors, e.g. Central Library."),
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
export const librarySchema = z.strictObject({
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
  /** One-sentence description of the library. */
  description: text()
    .optional()
    .describe(
      "Optional one-sentence description used for the home page's meta description and the web app manifest.",
    ),
  /** Months ahead that open-ended series are listed. */
  horizon_months: wholeNumber(1, 36)
    .default(6)
    .describe("How many months ahead repeating programs are listed (1 to 36); default 6."),
  /** Weeks of dates a listing page shows; later dates are on later pages and the month calendars. */
  listing_weeks: wholeNumber(1, 52)
    .optional()
    .describe(
      "Optional: how many weeks of dates a listing page (/programs/ and each of its later pages, audience, topic and location pages) shows without JavaScript, 1 to 52; later dates are on the later pages of /programs/, the month calendars, in calendar files, search and the explorer; default 2.",
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
      z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
        error: (iss) => `"${String(iss.input)}" is not a language code such as en or es`,
      }),
      text(),
      { error: expected("code: name pairs, e.g. { en: English, es: Español }") },
    )
    .optional()
    .describe(
      "Language codes programs may list in `languages`, with their names, e.g. { en: English, es: Español }; the first is the library's main language; default the locale's language only.",
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
  /** Access features programs name in `access`. */
  access: z
    .array(accessFeatureSchema, { error: expected("a list of { id, label }") })
    .default([])
    .describe(
      "Optional access features programs can name in `access`, each { id, label }, e.g. { id: asl, label: ASL interpretation }; patrons filter programs by them; default none.",
    ),
  /** Colour of the browser chrome. */
  theme_color: z
    .string({ error: expected("a colour such as #1d4e89") })
    .trim()
    .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: "must be a hex colour such as #1d4e89" })
    .default("#1d4e89")
    .describe(
      "Theme colour for the web app manifest and browser chrome, as #rrggbb; default #1d4e89.",
    ),
  /** Default social image. */
  image: contentPath()
    .optional()
    .describe(
      "Optional default image for link previews, relative to content/, e.g. images/library.jpg.",
    ),
});

/** `_data/library.yaml` as written (after defaults). */
export type LibraryInput = z.output<typeof librarySchema>;
