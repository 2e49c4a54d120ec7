// The one markdown-it instance for content bodies. Staff write Markdown, not HTML: raw HTML
// is shown as text (`html: false`), so a pasted `<script>` or `<iframe>` can never run on
// the library's site. Link schemes are limited for the same reason; escaping alone does
// not stop `[x](javascript:...)`. Protocol-relative links get an explicit `https:`.
import MarkdownIt, { type MarkdownIt as Md } from "markdown-it";

/** Schemes a body link or image may use; anything without a scheme is a relative link. */
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto", "tel"]);
const SCHEME = /^\s*([a-z][a-z0-9+.-]*):/i;

/** True for http(s), mailto, tel and relative URLs (`/pages/about/`, `#top`, `a.pdf`). */
export function isAllowedLink(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`).
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = SCHEME.exec(cleaned)?.[1];
  return scheme === undefined || ALLOWED_SCHEMES.has(scheme.toLowerCase());
}

/**
 * A protocol-relative URL (`//evil.example/p`) names another site while it reads like a
 * path on this one, to staff reviewing a change and to link checkers alike. Browsers read
 * any run of two or more `/` or `\` at the start that way (`/\evil.example`,
 * `\\evil.example`), ignoring tabs and newlines anywhere in a URL; they also read `https:`
 * followed by anything but `//` (`https:evil.example`, `https:\\evil.example`) as a link to
 * that host on some pages. Each becomes the explicit `https://evil.example/p` (or the
 * scheme written), so it is treated like any link to another site. Anything else is
 * returned as given.
 */
export function explicitScheme(url: string): string {
  // What a browser strips before it reads a URL: C0 controls and spaces around it, tabs
  // and newlines anywhere.
  const t = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  const m = /^(?:(https?):)?([/\\]*)(.*)$/is.exec(t)!;
  const [, scheme, slashes, rest] = m as unknown as [string, string | undefined, string, string];
  if (scheme === undefined ? slashes.length < 2 : slashes === "//") return url;
  // Backslashes are slashes to a browser in an http(s) URL, up to the query or fragment.
  const end = rest.search(/[?#]/);
  const [path, tail] = end < 0 ? [rest, ""] : [rest.slice(0, end), rest.slice(end)];
  return `${(scheme ?? "https").toLowerCase()}://${path.replace(/\\/g, "/")}${tail}`;
}

function createMarkdown(): Md {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
  // Every link and image destination (inline, reference, autolink, linkified text) passes
  // through normalizeLink, then validateLink.
  const normalizeLink = md.normalizeLink.bind(md);
  md.normalizeLink = (url) => normalizeLink(explicitScheme(url));
  md.validateLink = isAllowedLink;

  // The page's title is its only <h1> and the body sits right under it: the body's top
  // heading level becomes <h2> and the rest keep their distance (`#`/`##` -> h2/h3, and a
  // body that starts at `##` -> h2 too), up to <h6>. A fixed +1 shift turned the usual
  // `##` into an h3 straight after the h1, a skipped level (invalid per the Nu checker).
  md.core.ruler.push("almanac_shift_headings", (state) => {
    const headings = state.tokens.filter(
      (t) => t.type === "heading_open" || t.type === "heading_close",
    );
    const top = Math.min(...headings.map((t) => Number(t.tag.slice(1))));
    for (const token of headings) {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) - top + 2)}`;
    }
  });

  // Links that leave the site must not hand the opener window to the other site.
  const renderLinkOpen =
    md.renderer.rules.link_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx]!.attrGet("href") ?? "");
    if (/^https?:\/\//i.test(href)) tokens[idx]!.attrSet("rel", "noopener");
    return renderLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const markdown = createMarkdown();

/** Renders a content body to HTML (safe to print unescaped in layouts). */
export function renderMarkdown(body: string): string {
  return markdown.render(body);
}

/** The shared instance, for Eleventy's `setLibrary("md", ...)` so templates render alike. */
export function markdownLibrary(): Md {
  return markdown;
}
