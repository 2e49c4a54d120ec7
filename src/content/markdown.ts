// The one markdown-it instance for content bodies. Staff write Markdown, not HTML: raw HTML
// is shown as text (`html: false`), so a pasted `<script>` or `<iframe>` can never run on
// the library's site. Link schemes are limited for the same reason; escaping alone does
// not stop `[x](javascript:...)`.
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

function createMarkdown(): Md {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
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
