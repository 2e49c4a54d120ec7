// Links for sharing a program and adding an occurrence to a calendar. Plain links only: no
// third-party script runs on the site, and nothing is sent anywhere until a visitor clicks.
import { placeOf } from "../content/assemble.ts";
import { english, t, type Language } from "../i18n/strings.ts";
import type { DateTime } from "luxon";
import type { Catalogue, Library, Occurrence, Program } from "../content/model.ts";
import { absoluteUrl } from "../text/xml.ts";

const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:", "tel:"]);

/**
 * `url` (trimmed) when its scheme is http, https, mailto or tel; otherwise `undefined`.
 * Parsed with the WHATWG URL parser, the one browsers use, so tricks such as
 * `JaVaScRiPt:`, leading control characters or a tab inside the scheme are judged as a
 * browser would read them. Relative URLs are rejected: callers pass absolute ones.
 */
export function safeUrl(url: string | undefined | null): string | undefined {
  if (typeof url !== "string") return undefined;
  const trimmed = url.trim();
  try {
    return SAFE_SCHEMES.has(new URL(trimmed).protocol) ? trimmed : undefined;
  } catch {
    return undefined;
  }
}

const enc = encodeURIComponent;

function query(params: Record<string, string | undefined>): string {
  return Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${enc(v)}`)
    .join("&");
}

function locationText(program: Program, library: Library): string | undefined {
  const at = placeOf(program);
  const place = at ? library.locations.find((l) => l.id === at) : undefined;
  if (place) return `${place.name}, ${place.address}`;
  return program.online;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * `dt.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")`, from the instant's ISO form: luxon parses
 * a format string on every call, and every program page makes one of these links.
 */
function utcBasic(dt: DateTime): string {
  // 2026-10-20T23:00:00.000Z -> 20261020T230000Z
  return new Date(dt.toMillis()).toISOString().replace(/[-:]|\.\d+/g, "");
}

/** `dt.toFormat("yyyyMMdd")`, the date in its own zone. */
function basicDate(dt: DateTime): string {
  return `${dt.year}${pad2(dt.month)}${pad2(dt.day)}`;
}

/**
 * Google Calendar's "add event" template for one occurrence: times in UTC (unambiguous),
 * all-day occurrences as dates with Google's exclusive end, the library zone as `ctz`, and
 * the page's address as its details. The page's share.js puts the summary before the
 * address (from the Share button's `data-share-text`): written once on the page rather than
 * twice URL-encoded in links (issue 16), and the link works as it is without JavaScript.
 */
export function googleCalendarUrl(
  program: Program,
  occurrence: Occurrence,
  catalogue: Catalogue,
): string {
  const { library } = catalogue;
  const dates = occurrence.allDay
    ? `${basicDate(occurrence.start)}/${basicDate(occurrence.end)}`
    : `${utcBasic(occurrence.start)}/${utcBasic(occurrence.end)}`;
  return `https://calendar.google.com/calendar/render?${query({
    action: "TEMPLATE",
    text: program.title,
    dates,
    details: absoluteUrl(library.url, program.url),
    location: locationText(program, library),
    ctz: library.timezone,
  })}`;
}

/**
 * A `mailto:` link with the title as subject and the page URL as body (share.js puts the
 * summary before it, as for `googleCalendarUrl`).
 */
export function mailtoShareUrl(program: Program, catalogue: Catalogue): string {
  const url = absoluteUrl(catalogue.library.url, program.url);
  return `mailto:?${query({ subject: program.title, body: url })}`;
}

export interface ShareLink {
  /** Stable id for styling and icons: `email`, `facebook`, `x`, `bluesky`, `linkedin`, `whatsapp`. */
  id: string;
  /** The network's name, for the link text. */
  name: string;
  url: string;
}

/** Share links for a program page, in display order; e-mail first. */
export function shareLinks(
  program: Program,
  catalogue: Catalogue,
  lang: Language = english(catalogue.library.locale),
): ShareLink[] {
  const url = absoluteUrl(catalogue.library.url, program.url);
  const text = program.title;
  return [
    { id: "email", name: t("share.email", lang), url: mailtoShareUrl(program, catalogue) },
    {
      id: "facebook",
      name: "Facebook",
      url: `https://www.facebook.com/sharer/sharer.php?${query({ u: url })}`,
    },
    { id: "x", name: "X", url: `https://x.com/intent/post?${query({ text, url })}` },
    {
      id: "bluesky",
      name: "Bluesky",
      url: `https://bsky.app/intent/compose?${query({ text: `${text} ${url}` })}`,
    },
    {
      id: "linkedin",
      name: "LinkedIn",
      url: `https://www.linkedin.com/sharing/share-offsite/?${query({ url })}`,
    },
    {
      id: "whatsapp",
      name: "WhatsApp",
      url: `https://wa.me/?${query({ text: `${text} ${url}` })}`,
    },
  ];
}

/**
 * The library's `feedback_url` with `{id}` and `{title}` filled in (URL-encoded, every
 * occurrence of each). `undefined` when the library sets none or the result is not a safe
 * URL (see `safeUrl`).
 */
export function feedbackUrl(program: Program, library: Library): string | undefined {
  if (!library.feedbackUrl) return undefined;
  const filled = library.feedbackUrl.replace(/\{(id|title)\}/g, (_, key: "id" | "title") =>
    enc(key === "id" ? program.id : program.title),
  );
  return safeUrl(filled);
}
