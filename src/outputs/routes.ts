// The glue between the site's URLs and the generators in `ics.ts`, `sitemap.ts` and friends:
// which programs a subscribable calendar holds, the webcal:// form of a link, and which
// written pages belong in the sitemap. Pure functions, so `plugins/feeds.ts` only wires them.
import { placeOf } from "../content/assemble.ts";
import type { Catalogue, Program } from "../content/model.ts";
import type { SitemapUrl } from "./sitemap.ts";
import { absoluteUrl } from "../text/xml.ts";

/** The listing pages that have their own subscribable calendar (`/<kind>/<id>/calendar.ics`). */
export type CalendarKind = "audiences" | "categories" | "locations";

export interface CalendarSelection {
  programs: Program[];
  /** Calendar name shown in calendar apps (`X-WR-CALNAME`). */
  name: string;
  /** The site page the calendar belongs to. */
  url: string;
}

/**
 * The programs of one subscribable calendar (own and, on a consortium's site, members'):
 * every program for `/calendar.ics` (no kind),
 * else those naming the audience or category, or held at the location. An unknown id gives
 * an empty calendar rather than an error: a subscribed URL should keep answering.
 */
export function calendarSelection(
  catalogue: Catalogue,
  kind?: CalendarKind,
  id?: string,
): CalendarSelection {
  const { library } = catalogue;
  // A consortium's calendars hold its members' programs too (none on a library's own site).
  const all = catalogue.memberPrograms.length
    ? [...catalogue.programs, ...catalogue.memberPrograms]
    : catalogue.programs;
  if (!kind || !id) {
    return { programs: all, name: library.name, url: "/programs/" };
  }
  const label =
    kind === "locations"
      ? library.locations.find((l) => l.id === id)?.name
      : library[kind].find((t) => t.id === id)?.label;
  const programs = all.filter((p) =>
    kind === "locations"
      ? placeOf(p) === id
      : (kind === "audiences" ? p.audiences : p.categories).includes(id),
  );
  return { programs, name: `${library.name}: ${label ?? id}`, url: `/${kind}/${id}/` };
}

/**
 * The `webcal://` form of a site path or absolute URL, which calendar apps open as a
 * subscription (refetched on their schedule) instead of a one-time import. Browsers hand
 * the scheme to the system's calendar app; `webcal` means "https" to every client we know.
 */
export function webcalUrl(libraryUrl: string, path: string): string {
  return absoluteUrl(libraryUrl, path).replace(/^https?:/i, "webcal:");
}

/**
 * Google Calendar's "add by URL" page for a calendar feed. Google fetches the feed itself
 * (it must be public), and keeps it in sync, as with webcal:// elsewhere.
 */
export function googleSubscribeUrl(libraryUrl: string, path: string): string {
  return `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcalUrl(libraryUrl, path))}`;
}

/** The page's canonical, absolute URL: the library's base URL and the page's path. */
export function canonicalUrl(libraryUrl: string, pageUrl: string): string {
  return absoluteUrl(libraryUrl, pageUrl);
}

/** One page Eleventy wrote, as in the `results` of its `eleventy.after` event. */
export interface WrittenPage {
  url?: string | false;
  outputPath?: string | false;
  content?: unknown;
  data?: { noindex?: unknown };
}

const ROBOTS_NOINDEX =
  /<meta\s+name=["']?robots["']?\s+content=["'][^"']*\bnoindex\b[^"']*["']\s*\/?>/i;

/** True when an HTML page asks search engines not to index it (`<meta name="robots" content="noindex">`). */
export function isNoindex(html: string): boolean {
  return ROBOTS_NOINDEX.test(html);
}

/**
 * The sitemap's URLs from the pages actually written: every HTML page except `404.html`,
 * pages with `noindex: true` in their data, and pages whose HTML carries a robots noindex
 * meta tag. Unpublished content is never written, so it cannot be listed. Sorted by URL,
 * so rebuilding unchanged content gives the same file.
 */
export function sitemapUrls(pages: WrittenPage[], libraryUrl: string): SitemapUrl[] {
  const urls = new Set<string>();
  for (const page of pages) {
    if (typeof page.url !== "string" || typeof page.outputPath !== "string") continue;
    if (!page.outputPath.endsWith(".html")) continue;
    if (page.url === "/404.html" || page.url.endsWith("/404.html")) continue;
    if (page.data?.noindex) continue;
    if (typeof page.content === "string" && isNoindex(page.content)) continue;
    urls.add(canonicalUrl(libraryUrl, page.url));
  }
  return [...urls].sort().map((loc) => ({ loc }));
}

/**
 * The sitemap's URLs of a site in several languages (src/site/languages.ts), each with the
 * same page in every language it was written in. `languages` holds each language's code
 * and prefix, the first (at `/`) first; with one language the URLs are returned as they are.
 */
export function withLanguageAlternates(
  urls: SitemapUrl[],
  languages: readonly { code: string; prefix: string }[],
  libraryUrl: string,
): SitemapUrl[] {
  if (languages.length < 2) return urls;
  const base = libraryUrl.replace(/\/+$/, "");
  const listed = new Set(urls.map((u) => u.loc));
  return urls.map((u) => {
    let path = u.loc.slice(base.length);
    for (const { prefix } of languages)
      if (prefix && path.startsWith(`${prefix}/`)) path = path.slice(prefix.length);
    const alternates = languages
      .map((l) => ({ hreflang: l.code, href: `${base}${l.prefix}${path}` }))
      .filter((a) => listed.has(a.href));
    return alternates.length > 1 ? { ...u, alternates } : u;
  });
}
