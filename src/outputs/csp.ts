// The site's Content-Security-Policy, in one place. The site ships it twice: as a
// `<meta http-equiv>` tag in every page (works on any static host, even one that cannot
// set headers) and as HTTP headers in host config files (`_headers`; see docs/quality.md
// for nginx, Apache and Caddy), which can also carry the directives a meta tag cannot.
//
// Why each source is allowed:
// - `'wasm-unsafe-eval'`: Pagefind compiles its WebAssembly search engine in the browser.
// - `worker-src 'self' blob:`: Pagefind runs its search in a worker made from a blob URL;
//   the service worker (`/sw.js`) is same-origin.
// - `img-src data:`: small inline SVG/PNG data URLs (icons) in CSS or markup.
// Nothing else is allowed: no inline script (JSON-LD `<script type="application/ld+json">`
// is data, not script, and is not affected), no inline style, no third-party origins.

/** Directive name -> sources. Order is the order in the emitted policy. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "worker-src": ["'self'", "blob:"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * Directives browsers ignore (and warn about on the console) when the policy comes from a
 * `<meta>` element: they only work as an HTTP header.
 */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = [
  "frame-ancestors",
  "report-uri",
  "report-to",
  "sandbox",
];

function serialise(
  directives: Readonly<Record<string, readonly string[]>>,
  skip: readonly string[] = [],
): string {
  return Object.entries(directives)
    .filter(([name]) => !skip.includes(name))
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}

/** The full policy, for the `Content-Security-Policy` HTTP header. */
export const CONTENT_SECURITY_POLICY: string = serialise(CSP_DIRECTIVES);

/**
 * The policy for `<meta http-equiv="Content-Security-Policy">`: the full policy minus the
 * header-only directives (a meta tag with `frame-ancestors` makes Chrome log an error).
 */
export const META_CONTENT_SECURITY_POLICY: string = serialise(
  CSP_DIRECTIVES,
  HEADER_ONLY_DIRECTIVES,
);

/**
 * Security headers every page should be served with (besides the policy). Hosts that read
 * `_headers` get them from the build; docs/quality.md shows them for other servers.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/**
 * `_headers` for Netlify and Cloudflare Pages (both read it from the published folder):
 * the security headers on every path.
 */
export function netlifyHeaders(
  headers: Readonly<Record<string, string>> = SECURITY_HEADERS,
): string {
  const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
  return `# Security headers for every page (Netlify, Cloudflare Pages). Written by Almanac's build.\n/*\n${lines.join("\n")}\n`;
}

/**
 * `.htaccess` for Apache hosts that allow overrides (`AllowOverride FileInfo`); ignored
 * where mod_headers is missing rather than breaking the site.
 */
export function apacheHtaccess(
  headers: Readonly<Record<string, string>> = SECURITY_HEADERS,
): string {
  const lines = Object.entries(headers).map(
    ([name, value]) => `  Header always set ${name} "${value}"`,
  );
  return `# Security headers for every page (Apache). Written by Almanac's build.\n<IfModule mod_headers.c>\n${lines.join("\n")}\n</IfModule>\n`;
}
