// `/sitemap.xml` and `/robots.txt`. The caller decides which URLs are listed (published
// pages only); these functions only write them correctly.
import { escapeXml } from "../text/xml.ts";

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  /** W3C date or date-time (`2026-10-20`, `2026-10-20T18:00:00-05:00`). */
  lastmod?: string;
}

/** A sitemaps.org 0.9 document, URLs in the order given (sort them for stable output). */
export function sitemapXml(urls: SitemapUrl[]): string {
  const out = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
  ];
  for (const { loc, lastmod } of urls) {
    const mod = lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : "";
    out.push(`  <url><loc>${escapeXml(loc)}</loc>${mod}</url>`);
  }
  out.push(`</urlset>`, "");
  return out.join("\n");
}

/** Allows everything and points crawlers at the sitemap. */
export function robotsTxt(libraryUrl: string): string {
  const base = libraryUrl.replace(/\/+$/, "");
  return `User-agent: *\nAllow: /\n\nSitemap: ${base}/sitemap.xml\n`;
}
