// Body images as `<picture>`s: a markdown-it rule on the shared instance, used when a render
// passes the build's images (`SiteImages.bodyHtml`, ./site-images.ts).
import { markdownLibrary } from "../content/markdown.ts";

/**
 * Teaches the shared markdown-it instance to print a body image as a `<picture>` when the
 * render's env carries an `almanacPicture` function (only `SiteImages.prepare` passes one);
 * other renders keep markdown-it's plain `<img>`.
 */
export function installPictureRule(): void {
  const md = markdownLibrary();
  const flagged = md as unknown as { almanacPictureRule?: boolean };
  if (flagged.almanacPictureRule) return;
  flagged.almanacPictureRule = true;
  const fallback = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const resolve = (env as { almanacPicture?: PictureResolver } | undefined)?.almanacPicture;
    if (resolve) {
      const token = tokens[idx]!;
      const title = token.attrGet("title");
      const html = resolve(
        String(token.attrGet("src") ?? ""),
        self.renderInlineAsText(token.children ?? [], options, env),
        title === null ? undefined : String(title),
      );
      if (html !== undefined) return html;
    }
    return fallback(tokens, idx, options, env, self);
  };
}

type PictureResolver = (src: string, alt: string, title: string | undefined) => string | undefined;
