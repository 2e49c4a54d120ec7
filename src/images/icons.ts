// App and browser icons from one square source image: the sizes the web app manifest,
// iOS home screens and browser tabs ask for. Cached like other images.
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { cacheKey, placeFile, withDiskCache } from "./disk-cache.ts";
import { checkImage, ImageError } from "./inspect.ts";
import { parseHex } from "./social-card.ts";

export interface IconEntry {
  /** URL of the PNG. */
  src: string;
  /** `"192x192"` etc., as the manifest wants it. */
  sizes: string;
  type: "image/png";
  /**
   * Set on the icons that belong in `manifest.webmanifest`: `"any"` or `"maskable"`.
   * Entries without it are for `<link>` tags only (see `rel`).
   */
  purpose?: "any" | "maskable";
  /** Set on the `<link>`-only icons: `"apple-touch-icon"` (180) or `"icon"` (favicon, 32). */
  rel?: "apple-touch-icon" | "icon";
}

export interface IconOptions {
  /** URL prefix of `outputDir`. Default `/`. */
  urlPath?: string;
  /** Disk cache folder. Default `.cache/images`. */
  cacheDir?: string;
}

interface IconSpec {
  name: string;
  size: number;
  purpose?: "any" | "maskable";
  rel?: "apple-touch-icon" | "icon";
  /** Share of the canvas the source fills. */
  scale: number;
  /** Put the icon on the theme colour (no transparency). */
  solid: boolean;
}

const ICONS: IconSpec[] = [
  { name: "icon-192.png", size: 192, purpose: "any", scale: 1, solid: false },
  { name: "icon-512.png", size: 512, purpose: "any", scale: 1, solid: false },
  // Maskable icons are cropped to a circle or squircle by the launcher: the safe zone is
  // the centre circle of 80% diameter, so the mark is scaled to 80% on a full background.
  { name: "icon-maskable-512.png", size: 512, purpose: "maskable", scale: 0.8, solid: true },
  // iOS fills transparency with black: give it the theme colour instead.
  { name: "apple-touch-icon.png", size: 180, rel: "apple-touch-icon", scale: 1, solid: true },
  { name: "favicon-32.png", size: 32, rel: "icon", scale: 1, solid: false },
];

const ICONS_VERSION = 1;

/**
 * Writes the icons into `outputDir` (fixed names, e.g. `icon-192.png`, `apple-touch-icon.png`)
 * and returns their entries. `source` should be square (a non-square one is centred).
 */
export async function makeIcons(
  source: string,
  outputDir: string,
  themeColor: string,
  options: IconOptions = {},
): Promise<IconEntry[]> {
  const urlPath = options.urlPath ?? "/";
  const cacheDir = options.cacheDir ?? ".cache/images";
  const theme = parseHex(themeColor);
  const check = await checkImage(source);
  if (!check.ok) throw new ImageError(check.message);
  const input = await fs.readFile(source);
  const key = `icons-${cacheKey(input, { v: ICONS_VERSION, themeColor: themeColor.toLowerCase(), ICONS })}`;

  await withDiskCache(cacheDir, key, async (dir) => {
    for (const spec of ICONS) {
      await renderIcon(input, spec, { ...theme, alpha: 1 }).toFile(path.join(dir, spec.name));
    }
  });
  await fs.mkdir(outputDir, { recursive: true });
  await Promise.all(
    ICONS.map((spec) =>
      placeFile(path.join(cacheDir, key, spec.name), path.join(outputDir, spec.name)),
    ),
  );

  return ICONS.map((spec) => ({
    src: urlPath.endsWith("/") ? urlPath + spec.name : `${urlPath}/${spec.name}`,
    sizes: `${spec.size}x${spec.size}`,
    type: "image/png" as const,
    ...(spec.purpose ? { purpose: spec.purpose } : {}),
    ...(spec.rel ? { rel: spec.rel } : {}),
  }));
}

function renderIcon(
  input: Buffer,
  spec: IconSpec,
  theme: { r: number; g: number; b: number; alpha: number },
) {
  const inner = Math.round(spec.size * spec.scale);
  const pad = spec.size - inner;
  // sharp flattens before it resizes and extends, so the padding gets its colour directly.
  const background = spec.solid ? theme : { r: 0, g: 0, b: 0, alpha: 0 };
  let img = sharp(input)
    .autoOrient()
    .resize(inner, inner, { fit: "contain", background })
    .extend({
      top: Math.floor(pad / 2),
      bottom: Math.ceil(pad / 2),
      left: Math.floor(pad / 2),
      right: Math.ceil(pad / 2),
      background,
    });
  if (spec.solid) img = img.flatten({ background: theme });
  return img.png({ compressionLevel: 9 });
}
