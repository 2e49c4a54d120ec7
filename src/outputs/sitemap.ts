// `/sitemap.xml` and `/robots.txt`. The caller decides which URLs are listed (published
// pages only); these functions only write them correctly.
import { escapeXml } from "../text/xml.ts";

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  /** W3C date or date-time (`2026-10-20`, `2026-10-20T18:00:00-05:00`). */
  lastmod?: string;
  /** The same page in each language of the site (`hreflang` code -> absolute URL). */
  alternates?: { hreflang: string; href: string }[];
}

/** A sitemaps.org 0.9 document, URLs in the order given (sort them for stable output). */
export function sitemapXml(urls: SitemapUrl[]): string {
  // Pages in several languages name each other (Google's sitemap form of hreflang).
  const xhtml = urls.some((u) => u.alternates?.length)
    ? ` xmlns:xhtml="http://www.w3.org/1999/xhtml"`
    : "";
  const out = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${xhtml}>`,
  ];
  for (const { loc, lastmod, alternates } of urls) {
    const mod = lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : "";
    const alts = (alternates ?? [])
      .map(
        (a) =>
          `<xhtml:link rel="alternate" hreflang="${escapeXml(a.hreflang)}" href="${escapeXml(a.href)}"/>`,
      )
      .join("");
    out.push(`  <url><loc>${escapeXml(loc)}</loc>${mod}${alts}</url>`);
  }
  out.push(`</urlset>`, "");
  return out.join("\n");
}

/** Allows everything and points crawlers at the sitemap. */
export function robotsTxt(libraryUrl: string): string {
  const base = libraryUrl.replace(/\/+$/, "");
  return `User-agent: *\nAllow: /\n\nSitemap: ${base}/sitemap.xml\n`;
}
