// Schema of `content/programs/<id>.md` front matter. It checks shapes and formats; ids are
// checked against the library and other files, and dates against the schedule rules, in
// `src/content/catalogue.ts`, where the whole content set is known.
import * as z from "zod";
import {
  contentPath,
  enumError,
  expected,
  flag,
  httpUrl,
  idRef,
  idList,
  shortText,
  text,
  when,
  whenText,
  wholeNumber,
} from "./common.ts";
import { parseWhen } from "../../schedule/time.ts";

/** Statuses a program can have; `cancelled` etc. are shown prominently on its page. */
export const PROGRAM_STATUSES = [
  "scheduled",
  "cancelled",
  "postponed",
  "rescheduled",
  "moved-online",
] as const;

/**
 * A program's `cost` when staff give none. The word of no language but the schema's: the
 * site says it as `facts.free` in the page's language (a cost staff write is shown as written).
 */
export const DEFAULT_COST = "Free";

const dateList = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? [v] : v),
    z.array(whenText(), { error: expected(`a list of ${what}, e.g. [2026-11-24]`) }),
  );

/** The words src/schedule/check.ts uses for a count below 1, so both read alike. */
const oneOrMore = (got: string) => `must be a whole number, 1 or more (got ${got})`;

/** `repeat:` makes `start` the first occurrence of a series. */
export const repeatSchema = z.strictObject(
  {
    /** Unit of the series. */
    every: z
      .enum(["day", "week", "month"], { error: enumError(["day", "week", "month"]) })
      .describe("Unit of the series: day, week or month."),
    /** Every n units. */
    interval: wholeNumber(1, 52, oneOrMore)
      .default(1)
      .describe("Repeat every this many units, e.g. 2 for every other week; default 1."),
    /** Weekdays (week) or `2nd tue`/`last fri` (month). */
    on: z
      .preprocess(
        (v) => (typeof v === "string" ? [v] : v),
        z.array(z.string({ error: expected("a weekday such as tue") }), {
          error: expected("a list such as [tue, thu] or [2nd tue]"),
        }),
      )
      .optional()
      .describe(
        "For every: week, the weekdays, e.g. [tue, thu]; for every: month, e.g. [2nd tue] or [last fri]; default the weekday (or day of month) of start.",
      ),
    /** Last date of the series. */
    until: whenText("a date such as 2027-03-30")
      .optional()
      .describe(
        "Optional last date of the series, YYYY-MM-DD; without until or count the series runs to the listing horizon.",
      ),
    /** Number of occurrences. */
    count: wholeNumber(1, 1000, oneOrMore)
      .optional()
      .describe("Optional number of occurrences in the series, instead of until."),
    /** Dates left out of the series. */
    except: dateList("dates")
      .default([])
      .describe(
        "Optional dates on which the series does not take place (not shown at all); default none.",
      ),
  },
  { error: expected("a group of fields such as { every: week }") },
);

/** `registration:` */
export const registrationSchema = z.strictObject(
  {
    /** Whether people must register. */
    required: flag()
      .default(false)
      .describe("Whether people must register to attend; default false."),
    /** Where to register. */
    url: httpUrl().optional().describe("Optional http(s) address of the registration form."),
    /** Number of places. */
    capacity: wholeNumber(1).optional().describe("Optional number of places."),
    /** When registration opens. */
    opens: when()
      .optional()
      .describe("Optional date (or date and time) registration opens, e.g. 2026-10-01."),
    /** When registration closes. */
    closes: when()
      .optional()
      .describe(
        "Optional last day (or date and time) to register, e.g. 2027-01-12; default until the last date begins.",
      ),
    /** Whether all places are taken. */
    full: flag().default(false).describe("Set to true when all places are taken; default false."),
  },
  { error: expected("a group of fields such as { required: true, url: ... }") },
).superRefine((reg, ctx) => {
  // Registration that closes before it opens never opens: a typo in one of the two dates.
  // Both are wall-clock times in the library's zone, so any one zone compares them.
  const opens = reg.opens ? parseWhen(reg.opens, "UTC") : undefined;
  const closes = reg.closes ? parseWhen(reg.closes, "UTC") : undefined;
  if (!opens || !closes) return;
  const lastMoment = closes.dateOnly ? closes.value.plus({ days: 1 }) : closes.value;
  if (lastMoment <= opens.value) {
    ctx.addIssue({
      code: "custom",
      path: ["closes"],
      input: reg.closes,
      message: `${JSON.stringify(reg.closes)} is before registration opens (${JSON.stringify(reg.opens)}); is one of them a typo?`,
    });
  }
});

/** Front matter of `content/programs/<id>.md`. */
export const programSchema = z.strictObject({
  /** Plain-text title. */
  title: shortText(120).describe(
    "Title of the program, plain text, at most 120 characters (required).",
  ),
  /** One-sentence summary for listings. */
  summary: shortText(300).describe(
    "Plain-text summary for listings and previews, at most 300 characters (required).",
  ),
  /** Who it is for. */
  audiences: idList(1).describe(
    "One or more audience ids from library.yaml, e.g. [teens] (required).",
  ),
  /** What it is about. */
  categories: idList(1).describe(
    "One or more category ids from library.yaml, e.g. [technology] (required).",
  ),
  /** Where it takes place. */
  location: idRef()
    .optional()
    .describe(
      "Location id from library.yaml; may be left out only when online is set (online-only).",
    ),
  /** Room within the location. */
  room: text().optional().describe("Optional room within the location, e.g. Maker Lab."),
  /** Online link. */
  online: httpUrl()
    .optional()
    .describe(
      "Optional http(s) address to join online; online-only without location, hybrid with it.",
    ),
  /** First (or only) occurrence. */
  start: whenText().describe(
    "First (or only) occurrence, e.g. 2026-10-20 18:00 (wall-clock in the library's time zone) or a date alone for all day (required).",
  ),
  /** End of the first occurrence. */
  end: whenText()
    .optional()
    .describe(
      "Optional end of the first occurrence, e.g. 2026-10-20 19:30; every occurrence lasts as long; default start + 60 minutes.",
    ),
  /** Length in minutes. */
  duration: wholeNumber(
    1,
    60 * 24 * 31,
    (got) => `must be a positive number of minutes (got ${got})`,
  )
    .optional()
    .describe("Optional length in minutes, instead of end; default 60."),
  /** Repeating series. */
  repeat: repeatSchema
    .optional()
    .describe(
      "Optional rule that makes start the first of a series: { every, interval, on, until or count, except }.",
    ),
  /** Dates shown but marked cancelled. */
  cancelled: dateList("dates")
    .default([])
    .describe(
      "Optional dates (or date-times) of occurrences that are shown but marked cancelled; default none.",
    ),
  /** Extra occurrences. */
  dates: dateList("dates and times")
    .default([])
    .describe(
      "Optional extra occurrences (same length as the first), e.g. [2026-11-05 10:00]; an alternative to repeat; default none.",
    ),
  /** Status of the whole program. */
  status: z
    .enum(PROGRAM_STATUSES, { error: enumError(PROGRAM_STATUSES) })
    .default("scheduled")
    .describe(
      "One of scheduled, cancelled, postponed, rescheduled, moved-online; default scheduled.",
    ),
  /** Registration details. */
  registration: registrationSchema
    .optional()
    .describe("Optional registration details: { required, url, capacity, opens, closes, full }."),
  /** Price as text. */
  cost: text()
    .default(DEFAULT_COST)
    .describe("Optional price as text, e.g. $5, materials included; default Free."),
  /** Languages spoken. */
  languages: idList(1)
    .optional()
    .describe(
      "Optional language codes from library.yaml's languages, e.g. [en, es]; default the library's main language.",
    ),
  /** Partner ids. */
  partners: idList()
    .default([])
    .describe("Optional ids of partners (files in content/partners/); default none."),
  /** Guide ids. */
  guides: idList()
    .default([])
    .describe("Optional ids of guides (files in content/guides/); default none."),
  /** Image path. */
  image: contentPath()
    .optional()
    .describe(
      "Optional image relative to content/, e.g. images/teen-coding.jpg; image_alt is then required.",
    ),
  /** Text alternative of the image. */
  image_alt: text()
    .optional()
    .describe(
      "Text alternative describing the image for people who cannot see it; required when image is set.",
    ),
  /** Accessibility notes. */
  accessibility: text()
    .optional()
    .describe("Optional accessibility notes, e.g. ASL interpretation on request."),
  /** Access feature ids. */
  access: idList()
    .default([])
    .describe(
      "Optional ids of access features from library.yaml's access, e.g. [asl, step-free]; search finds the program by their labels; default none.",
    ),
  /** Featured on the home page. */
  featured: flag()
    .default(false)
    .describe("Set to true to show the program first on the home page; default false."),
  /** Never published. */
  draft: flag()
    .default(false)
    .describe("Set to true to keep the program off the site entirely; default false."),
  /** Hidden before this date. */
  publish: when()
    .optional()
    .describe(
      "Optional date (or date and time) before which the program is not on the site, e.g. 2026-09-15.",
    ),
  /** Free-form data for custom layouts. */
  extra: z
    .record(z.string(), z.unknown(), { error: expected("a group of fields") })
    .default({})
    .describe(
      "Optional free-form data for custom layouts; not checked, except for invisible control characters and the names `__proto__`, `constructor` and `prototype`; default none.",
    ),
});

/** Front matter of a program as validated (defaults applied). */
export type ProgramInput = z.output<typeof programSchema>;
