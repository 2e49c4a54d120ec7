// `<picture>` markup for a processed image: one `<source>` per format, best first, and an
// `<img>` with the fallback format, its size (no layout shift) and lazy loading.
import { escapeHtml } from "../text/html.ts";
import type { ImageFormat, ImageResult, ImageVariant } from "./processor.ts";

const MIME: Record<ImageFormat, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpeg: "image/jpeg",
  png: "image/png",
};

export interface PictureOptions {
  /** The `sizes` attribute: how wide the image is shown. Default `100vw`. */
  sizes?: string;
  /** Above the fold (the page's main image): load at once with high priority. */
  eager?: boolean;
  /** Class on the `<img>`. */
  className?: string;
}

/**
 * A `<picture>` with one `<source>` per format except the last, which is the `<img>`
 * fallback. `width`/`height` of the largest fallback let the browser reserve the space
 * (no layout shift). Everything printed is escaped.
 */
export function pictureHtml(result: ImageResult, alt: string, opts: PictureOptions = {}): string {
  const entries = Object.entries(result.formats).filter(([, list]) => list.length > 0);
  if (!entries.length) throw new Error("[almanac/images] pictureHtml: the image has no variants.");
  const sizes = opts.sizes ?? "100vw";
  const srcset = (list: ImageVariant[]) => list.map((v) => `${v.url} ${v.width}w`).join(", ");
  const attr = (name: string, value: string | number) => ` ${name}="${escapeHtml(String(value))}"`;

  const [, fallback] = entries[entries.length - 1]!;
  const largest = fallback[fallback.length - 1]!;
  let html = "<picture>";
  for (const [format, list] of entries.slice(0, -1)) {
    html += `<source${attr("type", MIME[format as ImageFormat] ?? `image/${format}`)}${attr("srcset", srcset(list))}${attr("sizes", sizes)}>`;
  }
  html += "<img";
  html += attr("src", largest.url);
  if (fallback.length > 1) html += attr("srcset", srcset(fallback)) + attr("sizes", sizes);
  html += attr("width", largest.width) + attr("height", largest.height);
  html += attr("alt", alt);
  if (opts.className) html += attr("class", opts.className);
  html += opts.eager
    ? attr("loading", "eager") + attr("fetchpriority", "high")
    : attr("loading", "lazy");
  html += attr("decoding", "async");
  html += "></picture>";
  return html;
}
