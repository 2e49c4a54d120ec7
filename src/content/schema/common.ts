// Zod pieces shared by the content schemas. Each one carries its own "expected ..." wording
// so a wrong value reads as a sentence staff understand (`expected a list of ids, got a
// number`) rather than zod's default text; `src/content/catalogue.ts` turns issues into Problems.
import * as z from "zod";
import { IANAZone } from "luxon";
import { amPmAdvice, isIsoDate, parseWhen } from "../../schedule/time.ts";
import { didYouMean, didYouMeanHint } from "../problems.ts";

/** A file or term id: lowercase letters and digits in groups joined by single `-`. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** How a YAML value is named in messages: "a number", "text", "a list", ... */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return value.trim() === "" ? "empty text" : `"${clip(value)}"`;
  if (typeof value === "number") return `a number (${value})`;
  if (typeof value === "boolean") return `${value}`;
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a group of fields";
  return typeof value;
}

function clip(text: string): string {
  if (text.length <= 40) return text;
  // Never cut an emoji (a surrogate pair) in half.
  const end = /[\uD800-\uDBFF]/.test(text[36]!) ? 36 : 37;
  return `${text.slice(0, end)}...`;
}

/** Longest text a field without its own limit takes (a few paragraphs). */
export const MAX_TEXT = 1000;
/** Longest id. */
export const MAX_ID = 100;
/** Longest URL (what browsers and servers reliably handle). */
export const MAX_URL = 2000;

/**
 * A zod error customiser: `expected <label>, got <what was written>`, or `required` when
 * the field is absent. Used on schemas whose wrong type needs a more specific name than
 * the generic one in `src/content/catalogue.ts`.
 */
export function expected(label: string) {
  return (issue: { code?: string; input?: unknown }) => {
    if (issue.code !== "invalid_type") return undefined;
    if (issue.input === undefined) return "required field is missing";
    return `expected ${label}, got ${describeValue(issue.input)}${colonHint(issue.input)}`;
  };
}

/**
 * `- Search the claim: is it real?` is read by YAML as a field named "Search the claim";
 * when text was expected and a single-field group came, say how to fix it.
 */
function colonHint(input: unknown): string {
  if (!input || typeof input !== "object" || Array.isArray(input)) return "";
  const keys = Object.keys(input);
  if (keys.length !== 1) return "";
  const value = (input as Record<string, unknown>)[keys[0]!];
  if (typeof value !== "string" && typeof value !== "number") return "";
  const read = `: YAML read "${clip(`${keys[0]}: ${value}`)}" as a field`;
  // `- “Ask: who?”`: the curly quotes a word processor types are not quotes to YAML.
  const curly = /^[“”„‘’‚«»]/.exec(keys[0]!)?.[0];
  if (curly) {
    const inner = `${keys[0]!.slice(1)}: ${String(value).replace(/[”’“»]$/, "")}`;
    return `${read}, because curly quotes (${curly}) are not quotes to YAML; use straight ones: ${clip(JSON.stringify(inner))}`;
  }
  return `${read}; put text containing ": " in quotes`;
}

/**
 * Plain text. A number is accepted and kept as written (`room: 101`, `cost: 5`), because
 * YAML reads those as numbers and staff cannot be expected to quote them.
 */
export function text() {
  return shortText(MAX_TEXT);
}

/**
 * The string schemas of free-text fields (`shortText`), so a field can be told apart from
 * ids, dates and addresses (`isTextField` in src/content/error-map.ts): a `#` in free text is
 * likely part of it, where YAML reads it as a comment.
 */
export const TEXT_SCHEMAS = new WeakSet<object>();

/** Text of at most `max` characters (counted after trimming). */
export function shortText(max: number) {
  const inner = z
    .string({ error: expected("text") })
    .min(1, { error: "must not be empty" })
    .max(max, { error: (iss) => `at most ${max} characters (got ${String(iss.input).length})` });
  TEXT_SCHEMAS.add(inner);
  return z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : v),
    inner,
  );
}

const tooLong = (max: number) => ({
  error: (iss: { input?: unknown }) =>
    `at most ${max} characters (got ${String(iss.input).length})`,
  abort: true,
});

/** One id (`teen-coding-club`). */
export function id() {
  return z
    .string({ error: expected("an id") })
    .max(MAX_ID, tooLong(MAX_ID))
    .regex(ID_PATTERN, {
      error: (iss) =>
        `${describeValue(iss.input)} is not a valid id: use lowercase letters, digits and single dashes`,
    });
}

/**
 * One id naming an item defined elsewhere (a program's `location`): whether it exists, with
 * a did-you-mean among the ids and their labels, is the cross-check's to say
 * (src/content/checks.ts `checkIds`), in one line.
 */
export function idRef() {
  return z.string({ error: expected("an id") }).max(MAX_ID, tooLong(MAX_ID));
}

/** A list of ids; a single id written without brackets is accepted as a list of one. */
export function idList(min = 0) {
  return z.preprocess(
    (v) => (typeof v === "string" ? [v] : v),
    z
      .array(z.string({ error: expected("an id") }).max(MAX_ID, tooLong(MAX_ID)), {
        error: expected("a list of ids, e.g. [teens, adults]"),
      })
      .min(min, { error: "list at least one id" }),
  );
}

/** A list of text items (free tags, checklist lines); a single item is accepted as a list of one. */
export function textList() {
  return z.preprocess(
    (v) => (typeof v === "string" || typeof v === "number" ? [v] : v),
    z.array(text(), { error: expected("a list, e.g. [one, two]") }),
  );
}

/** True for an absolute `http:` or `https:` URL. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * An absolute http(s) URL: anything else (`javascript:`, `ftp:`, a bare host) is refused,
 * and so is any space, tab, line break or control character in it, even at either end (a
 * URL parser drops some of them silently, so the text written and the address used would
 * differ). The
 * value kept, and printed everywhere, is the parser's normalised form (`new URL(v).href`),
 * never the text as written.
 */
export function httpUrl() {
  return z
    .string({ error: expected("an http(s) URL") })
    .max(MAX_URL, tooLong(MAX_URL))
    .refine((v) => !/[\s\u0000-\u001F\u007F-\u009F]/.test(v), {
      error: (iss) =>
        `must be one address without spaces, tabs or line breaks (write a space as %20; got ${describeValue(iss.input)})`,
      abort: true,
    })
    .refine(isHttpUrl, {
      error: (iss) =>
        `must be an http(s) URL starting with https:// (got ${describeValue(iss.input)})`,
      abort: true,
    })
    .transform((v) => new URL(v).href);
}

/** True for a path such as `images/photo.jpg`: relative, inside `content/`, no `..`. */
export function isContentPath(value: string): boolean {
  if (value === "" || value.startsWith("/") || value.includes("\\")) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return false;
  return value.split("/").every((part) => part !== ".." && part !== "");
}

/** An image path relative to `content/` (existence is checked by the image step). */
export function contentPath() {
  return z
    .string({ error: expected("a path such as images/photo.jpg") })
    .trim()
    .refine(isContentPath, {
      error: (iss) =>
        `must be a path relative to content/, such as images/photo.jpg, without ".." (got ${describeValue(iss.input)})`,
    });
}

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function isoDate() {
  return z
    .string({ error: expected("a date such as 2026-10-20") })
    .trim()
    .refine(isIsoDate, {
      error: (iss) => `${describeValue(iss.input)} is not a real date in the form 2026-10-20`,
    });
}

/**
 * A date or date-time as in `start` (`2026-10-20`, `2026-10-20 18:00`, with optional
 * offset). The zone only matters for meaning, not validity, so UTC is used to check.
 */
export function when() {
  return z
    .string({ error: expected("a date or time such as 2026-10-20 18:00") })
    .trim()
    .refine((v) => parseWhen(v, "UTC") !== undefined, {
      error: (iss) =>
        (typeof iss.input === "string" && amPmAdvice(iss.input, "2026-10-20")) ||
        `${describeValue(iss.input)} is not a real date or time in the form 2026-10-20 or 2026-10-20 18:00`,
    });
}

/** Date-like fields whose validity is checked later with the schedule rules. */
export function whenText(label = "a date or time such as 2026-10-20 18:00") {
  return z.string({ error: expected(label) }).trim();
}

/** A phone number as it should be shown, on one line (it also becomes a `tel:` link). */
export function phone() {
  return text().refine((v) => !/[\t\n]/.test(v), {
    error: "must be on one line, without tabs",
  });
}

/** true/false. */
export function flag() {
  return z.boolean({ error: expected("true or false") });
}

/**
 * A whole number within bounds. `tooSmall` words a number below `min`, when "must be at
 * least 1" says less than it could (`must be a positive number of minutes`).
 */
export function wholeNumber(
  min: number,
  max?: number,
  tooSmall = (got: string) => `must be at least ${min} (got ${got})`,
) {
  let schema = z
    .number({ error: expected("a whole number") })
    .int({ error: (iss) => `expected a whole number, got ${describeValue(iss.input)}` })
    .min(min, { error: (iss) => tooSmall(String(iss.input)) });
  if (max !== undefined) {
    schema = schema.max(max, {
      error: (iss) => `must be at most ${max} (got ${String(iss.input)})`,
    });
  }
  return schema;
}

/** An IANA time zone luxon knows (`America/Chicago`). */
export function timeZone() {
  return z
    .string({ error: expected("a time zone such as America/Chicago") })
    .trim()
    .refine((v) => IANAZone.isValidZone(v), {
      error: (iss) => {
        const input = String(iss.input);
        const hint = didYouMeanZone(input);
        return `unknown time zone ${describeValue(input)}${hint ? ` (did you mean "${hint}"?)` : ""}; use an IANA name such as America/Chicago`;
      },
    });
}

let zones: string[] | undefined;
function didYouMeanZone(input: string): string | undefined {
  zones ??= Intl.supportedValuesOf("timeZone");
  return didYouMean(input, zones);
}

/** True for a BCP 47 locale this Node build can format dates in. */
export function isKnownLocale(value: string): boolean {
  try {
    const canonical = Intl.getCanonicalLocales(value);
    return canonical.length === 1 && Intl.DateTimeFormat.supportedLocalesOf(canonical).length === 1;
  } catch {
    return false;
  }
}

/** A BCP 47 locale (`en-US`, `es-MX`). */
export function locale() {
  return z
    .string({ error: expected("a locale such as en-US") })
    .trim()
    .refine(isKnownLocale, {
      error: (iss) =>
        `unknown locale ${describeValue(iss.input)}; use a code such as en-US or es-MX`,
    });
}

/**
 * For `z.enum`: `must be one of a, b, c (got "x")`, with a did-you-mean when a value is
 * close, or `required field is missing`.
 */
export function enumError(values: readonly string[]) {
  return (issue: { code?: string; input?: unknown }) => {
    if (issue.input === undefined) return "required field is missing";
    const got =
      typeof issue.input === "string"
        ? didYouMeanHint(issue.input, values) || ` (got "${clip(issue.input)}")`
        : ` (got ${describeValue(issue.input)})`;
    return `must be one of ${values.join(", ")}${got}`;
  };
}
