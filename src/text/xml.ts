// Escaping for the XML we write by hand (Atom feed, sitemap). Kept tiny on purpose: every
// value that goes into an element or attribute passes through `escapeXml`, so a title such
// as `<script>` or `Tom & Jerry` can never change the document's structure.

// Characters XML 1.0 forbids anywhere in a document (C0 controls other than tab, newline and
// carriage return, lone surrogates, U+FFFE/U+FFFF). One stray control character pasted from
// a word processor would otherwise make the whole feed unreadable to strict parsers.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for use in XML element content or a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * Joins the library's base URL and a site path into an absolute URL. Paths that are already
 * absolute (`https://...`) are returned unchanged, so callers need not know which they hold.
 */
export function absoluteUrl(base: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  const root = base.replace(/\/+$/, "");
  return path.startsWith("/") ? root + path : `${root}/${path}`;
}
