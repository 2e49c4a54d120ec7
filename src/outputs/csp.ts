// The site's Content-Security-Policy, in one place. The site ships it twice: as a
// `<meta http-equiv>` tag in every page (works on any static host, even one that cannot
// set headers) and as HTTP headers in host config files (`_headers`; see docs/quality.md
// for nginx, Apache and Caddy), which can also carry the directives a meta tag cannot.
//
// Why each source is allowed:
// - `'wasm-unsafe-eval'`: Pagefind compiles its WebAssembly search engine in the browser.
// - `worker-src 'self'`: Pagefind (1.6) runs its search in `/pagefind/pagefind-worker.js`
//   and the service worker is `/sw.js`, both same-origin; nothing makes a `blob:` worker.
// - `img-src data:`: small inline SVG/PNG data URLs (icons) in CSS or markup.
// Nothing else is allowed: no inline script (JSON-LD `<script type="application/ld+json">`
// is data, not script, and is not affected), no inline style, no third-party origins.

/** Directive name -> sources. Order is the order in the emitted policy. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "worker-src": ["'self'"],
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
 * The policy of a consortium's site (docs/consortium.md), whose search page reads its
 * members' search indexes from their own origins: `connect-src` names those origins too.
 * Without members, the site's usual policy, unchanged.
 */
export function sitePolicy(connectOrigins: readonly string[] = []): {
  header: string;
  meta: string;
  headers: Readonly<Record<string, string>>;
} {
  if (!connectOrigins.length) {
    return {
      header: CONTENT_SECURITY_POLICY,
      meta: META_CONTENT_SECURITY_POLICY,
      headers: SECURITY_HEADERS,
    };
  }
  const directives = {
    ...CSP_DIRECTIVES,
    "connect-src": [...CSP_DIRECTIVES["connect-src"]!, ...new Set(connectOrigins)],
  };
  const header = serialise(directives);
  return {
    header,
    meta: serialise(directives, HEADER_ONLY_DIRECTIVES),
    headers: { ...SECURITY_HEADERS, "Content-Security-Policy": header },
  };
}

/**
 * What a consortium's member library lets the consortium's site read (its `consortium_url`):
 * its search index and `programs.json`, fetched from the consortium's pages. A CORS header
 * naming that one origin; `Vary: Origin` so shared caches keep answers apart.
 */
export function corsHeaders(consortiumUrl: string): Readonly<Record<string, string>> {
  return {
    "Access-Control-Allow-Origin": new URL(consortiumUrl).origin,
    Vary: "Origin",
  };
}

/** The paths a consortium reads from a member's site. */
export const CORS_PATHS = ["/pagefind/*", "/programs.json"] as const;

/**
 * The policy of the browser editor at `/admin/` only (docs/editor.md): Sveltia CMS, served
 * from the site itself, needs more than the public pages, and no page but `/admin/` gets it.
 * - `style-src 'unsafe-inline'`: the CMS (Svelte) styles its interface with `<style>`
 *   elements and `style` attributes it writes as it runs.
 * - `img-src blob:`, `media-src blob:`: previews of images picked or read from the
 *   repository; `https://avatars.githubusercontent.com`: the signed-in person's picture.
 * - `connect-src blob: data:`: the CMS reads pictures it holds in memory with `fetch`;
 *   `https://api.github.com`: the GitHub backend (REST and GraphQL);
 *   `https://www.githubstatus.com`: the CMS warns when GitHub is having an outage.
 * - `frame-src blob:`: the preview pane.
 * No `'unsafe-eval'` (the CMS needs none), no other origin: fonts and the CMS's own files
 * are on the site (src/editor/bundle.ts).
 */
export const ADMIN_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com"],
  "media-src": ["'self'", "blob:"],
  "font-src": ["'self'"],
  "connect-src": [
    "'self'",
    "blob:",
    "data:",
    "https://api.github.com",
    "https://www.githubstatus.com",
  ],
  "frame-src": ["'self'", "blob:"],
  "worker-src": ["'self'", "blob:"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/** The editor's policy, for its HTTP header (`_headers`' `/admin/*`, `admin/.htaccess`). */
export const ADMIN_CONTENT_SECURITY_POLICY: string = serialise(ADMIN_CSP_DIRECTIVES);

/** The editor's policy, for the `<meta>` tag of `/admin/`. */
export const ADMIN_META_CONTENT_SECURITY_POLICY: string = serialise(
  ADMIN_CSP_DIRECTIVES,
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
  // Geolocation for this site's own pages only: the explorer's "nearest first" asks for it
  // (and keeps the position in the page).
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
};

/**
 * `/sw.js` must be fetched fresh (revalidated) every time: browsers check it for updates
 * anyway, but a CDN or proxy that caches it would keep every visitor on an old site.
 */
export const SERVICE_WORKER_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-cache",
};

/**
 * The policy of the embed's iframe page, `/embed/` (docs/embed.md): the site's own, but any
 * site may frame it (`frame-ancestors *`), which is the page's whole purpose. Every other
 * page keeps `frame-ancestors 'none'`.
 */
export const EMBED_FRAME_POLICY: string = serialise({
  ...CSP_DIRECTIVES,
  "frame-ancestors": ["*"],
});

/**
 * What the embed's files get besides the security headers: the widget's script and its
 * data readable from any origin (a partner's page fetches them), and the iframe page
 * framable by any site.
 */
export const EMBED_HEADERS = {
  /** `/embed.js` and `/embed/data/*` */
  cors: { "Access-Control-Allow-Origin": "*" },
  /** `/embed/` */
  frame: { "Content-Security-Policy": EMBED_FRAME_POLICY },
} as const satisfies Record<string, Readonly<Record<string, string>>>;

/**
 * `_headers` for Netlify and Cloudflare Pages (both read it from the published folder):
 * the security headers on every path, `/sw.js` never cached, the embed's own headers, and
 * the browser editor's own policy on `/admin/`. Where rules overlap, Netlify serves the
 * later rule's value of a header (as its header parser and dev server do); Cloudflare Pages
 * would join both policies, so the embed's and the editor's rules first detach the site's
 * with `! Content-Security-Policy` (a line Netlify skips, having no colon).
 */
export function netlifyHeaders(
  headers: Readonly<Record<string, string>> = SECURITY_HEADERS,
  /** A consortium member's: the consortium's site address (`consortium_url`). */
  consortiumUrl?: string,
): string {
  const lines = (h: Readonly<Record<string, string>>) =>
    Object.entries(h).map(([name, value]) => `  ${name}: ${value}`);
  const cors = consortiumUrl
    ? [
        "# The consortium's site reads the search index and programs.json (docs/consortium.md).",
        ...CORS_PATHS.flatMap((p) => [p, ...lines(corsHeaders(consortiumUrl))]),
      ]
    : [];
  return [
    "# Security headers for every page (Netlify, Cloudflare Pages). Written by Almanac's build.",
    "/*",
    ...lines(headers),
    "# The service worker, revalidated on every load so an update is never missed.",
    "/sw.js",
    ...lines(SERVICE_WORKER_HEADERS),
    "# The embed (docs/embed.md): its script and data read from other sites, its page framed by them.",
    "/embed.js",
    ...lines(EMBED_HEADERS.cors),
    "/embed/data/*",
    ...lines(EMBED_HEADERS.cors),
    "/embed/*",
    "  ! Content-Security-Policy",
    ...lines(EMBED_HEADERS.frame),
    ...cors,
    "# The browser editor's own policy (docs/editor.md). Netlify serves the last matching",
    "# rule's value of a header, so this replaces the policy above for /admin/ only (the",
    "# ! line does it on Cloudflare Pages, which would join the two).",
    "/admin/*",
    "  ! Content-Security-Policy",
    ...lines({ "Content-Security-Policy": ADMIN_CONTENT_SECURITY_POLICY }),
    "",
  ].join("\n");
}

/**
 * `.htaccess` for Apache: the 404 page, the security headers, `/sw.js` never cached, the
 * embed's headers (`<If>` sections apply after the folder's own, so their `set` wins). It
 * needs `AllowOverride FileInfo` (without it Apache answers every request with an error
 * 500); the headers also need mod_headers, and are skipped rather than fatal without it.
 */
export function apacheHtaccess(
  headers: Readonly<Record<string, string>> = SECURITY_HEADERS,
  /** A consortium member's: the consortium's site address (`consortium_url`). */
  consortiumUrl?: string,
): string {
  const set = (h: Readonly<Record<string, string>>, indent: string) =>
    Object.entries(h).map(([name, value]) => `${indent}Header always set ${name} "${value}"`);
  const cors = consortiumUrl
    ? [
        "  # The consortium's site reads the search index and programs.json (docs/consortium.md).",
        '  <If "%{REQUEST_URI} =~ m#^/(pagefind/|programs\\.json$)#">',
        ...set(corsHeaders(consortiumUrl), "    "),
        "  </If>",
      ]
    : [];
  return [
    "# Apache settings for the site. Written by Almanac's build.",
    "# Needs `AllowOverride FileInfo` for this folder (otherwise Apache answers every request",
    "# with an error 500) and mod_headers for the headers (skipped without it).",
    "ErrorDocument 404 /404.html",
    "<IfModule mod_headers.c>",
    ...set(headers, "  "),
    "  # The service worker, revalidated on every load so an update is never missed.",
    '  <Files "sw.js">',
    ...set(SERVICE_WORKER_HEADERS, "    "),
    "  </Files>",
    "  # The embed (docs/embed.md): its script and data read from other sites, its page framed by them.",
    `  <If "%{REQUEST_URI} == '/embed.js' || %{REQUEST_URI} =~ m#^/embed/data/#">`,
    ...set(EMBED_HEADERS.cors, "    "),
    "  </If>",
    `  <If "%{REQUEST_URI} =~ m#^/embed/#">`,
    ...set(EMBED_HEADERS.frame, "    "),
    "  </If>",
    ...cors,
    "</IfModule>",
    "",
  ].join("\n");
}

/**
 * `admin/.htaccess`: the editor's policy for `/admin/` on Apache. A folder's `.htaccess` is
 * applied after its parent's, so this `set` replaces the site-wide one there.
 */
export function apacheAdminHtaccess(): string {
  return [
    "# The browser editor's own Content-Security-Policy (docs/editor.md). Written by Almanac's build.",
    "<IfModule mod_headers.c>",
    `  Header always set Content-Security-Policy "${ADMIN_CONTENT_SECURITY_POLICY}"`,
    "</IfModule>",
    "",
  ].join("\n");
}
