// Social cards (Open Graph images): a 1200x630 picture per program with its title over its
// image, so a shared link shows what the program is. The text is SVG rendered by sharp
// (librsvg); cards go through the same disk cache as other images. A card over a photo is
// a JPEG; a card without one (flat theme colour, two circles, text) is a palette PNG,
// about a third of the JPEG's bytes with sharper text, and drawn from one SVG (no
// composite). Both formats are read by every Open Graph consumer (WebP is not, everywhere).
// A card is published under a name made from what it is drawn from (`<hash>.png`), so
// programs with the same title and picture share one file.
import fs from "node:fs/promises";
import path from "node:path";
import sharp, { type OverlayOptions } from "sharp";
import { cacheKey, placeFile, withDiskCache } from "./disk-cache.ts";
import { checkImage, damagedMessage, FAIL_ON, ImageError, relativePath } from "./inspect.ts";
import { escapeHtml } from "../text/html.ts";
import { cleanText, ellipsize, fitTitle, FONT, PAD, SOCIAL_CARD, TEXT_WIDTH } from "./card-text.ts";

export interface SocialCardOptions {
  /** The program's title (plain text; anything in it is escaped). */
  title: string;
  /** Shown above the title. */
  libraryName: string;
  /** Absolute path of the program's image; without it the card is the theme colour. */
  image?: string;
  /** Hex colour, e.g. `#1d4e89`: the background without an image, the accent bar with one. */
  themeColor: string;
  /** Text colour on `themeColor` (a card without an image); default white or near-black by contrast. */
  textColor?: string;
  /** Absolute path of the library's logo, drawn before its name instead of the accent bar. */
  logo?: string;
  /** The folder the card is published in, e.g. `_site/social`; its name is `SocialCard.file`. */
  outputDir: string;
  /** Disk cache folder. Default `.cache/images`. */
  cacheDir?: string;
  /** Paths in error messages are relative to this folder (the site's). Default: the working directory. */
  root?: string;
}

export interface SocialCard {
  width: 1200;
  height: 630;
  /** Taken from the disk cache (not drawn). */
  cached: boolean;
  /** Its name in `outputDir`: hex digits of its cache key, `.png` without a picture, else `.jpg`. */
  file: string;
}

/** Bump when the card's design changes, so cached cards are redrawn. */
const DESIGN_VERSION = 3;
/** Hex digits of the cache key in a published card's name: 64 bits, no collision in practice. */
const NAME_DIGITS = 16;

/** Draws (or takes from the cache) the card and publishes it in `outputDir`. */
export async function socialCard(options: SocialCardOptions): Promise<SocialCard> {
  const card = await planSocialCard(options);
  const cached = await card.draw();
  await card.publish();
  return { ...SOCIAL_CARD, cached, file: card.file };
}

/** A card whose name is known and whose drawing is still to do (`planSocialCard`). */
export interface PlannedCard {
  /** Its name in `outputDir` (`SocialCard.file`). */
  file: string;
  /** Draws the card into the disk cache unless it is there: true when it was (not drawn). */
  draw(): Promise<boolean>;
  /** Puts the drawn card in `outputDir`, after `draw()`. */
  publish(): Promise<void>;
}

/**
 * Reads what the card is drawn from (the picture's header and bytes, the logo) and names
 * it, without drawing it: a build knows every page's card URL at once and draws the cards
 * while the pages render (src/images/site-images.ts). A picture whose header is unreadable
 * fails here; one that is damaged further in fails `draw()`.
 */
export async function planSocialCard(options: SocialCardOptions): Promise<PlannedCard> {
  const { title, libraryName, image, themeColor, outputDir } = options;
  const cacheDir = options.cacheDir ?? ".cache/images";
  const theme = parseHex(themeColor);
  if (image) {
    // The header only: content checks decoded the picture in full, and drawing it again
    // below reports damage too. One card a program may share one picture.
    const check = await checkImage(image, {
      decode: false,
      ...(options.root && { root: options.root }),
    });
    if (!check.ok) throw new ImageError(check.message, "image");
  }
  // Files are read again to draw, not kept until then: a thousand programs may each name a
  // large photo, and every card holds the logo.
  const logoKey = options.logo ? cacheKey(await fs.readFile(options.logo), {}) : undefined;
  // Only what is set joins the key, so a card without branding keeps its cached copy.
  const settings = {
    v: DESIGN_VERSION,
    title,
    libraryName,
    themeColor,
    font: FONT,
    ...(options.textColor && { textColor: options.textColor }),
    ...(logoKey && { logo: logoKey }),
  };
  const hash = cacheKey(image ? await fs.readFile(image) : "", settings);
  const key = `social-${hash}`;
  const ext = image ? "jpg" : "png";
  const file = `${hash.slice(0, NAME_DIGITS)}.${ext}`;
  const draw = async (): Promise<boolean> => {
    const hit = await withDiskCache(cacheDir, key, async (dir) => {
      const picture = image ? await fs.readFile(image) : undefined;
      const logo = options.logo ? await fs.readFile(options.logo) : undefined;
      // The card's name says what it is drawn from: a file replaced since it was named
      // would put another card in the cache under this name.
      const changed =
        picture && cacheKey(picture, settings) !== hash
          ? image
          : logo && cacheKey(logo, {}) !== logoKey
            ? options.logo
            : undefined;
      if (changed) {
        throw new ImageError(
          `${relativePath(changed, options.root)} changed during the build: build again`,
          "image",
        );
      }
      const brand = {
        ...(options.textColor && { ink: options.textColor }),
        ...(logo && { logo }),
      };
      const card = await drawCard(
        cleanText(title),
        cleanText(libraryName),
        theme,
        picture,
        brand,
      ).catch((err: unknown) => {
        // Only the picture can fail to draw: the text is ours and escaped.
        if (!image) throw err;
        throw new ImageError(damagedMessage(relativePath(image, options.root)), "image");
      });
      await fs.writeFile(path.join(dir, `card.${ext}`), card);
    });
    return hit !== undefined;
  };
  const publish = () =>
    placeFile(path.join(cacheDir, key, `card.${ext}`), path.join(outputDir, file));
  return { file, draw, publish };
}

/** Logo height on the card; the library's name is set beside it. */
const LOGO_HEIGHT = 64;

async function drawCard(
  title: string,
  libraryName: string,
  theme: Rgb,
  image: Buffer | undefined,
  brand: { ink?: string; logo?: Buffer } = {},
): Promise<Buffer> {
  const { width, height } = SOCIAL_CARD;
  const ink = image ? "#ffffff" : (brand.ink ?? (luminance(theme) < 0.179 ? "#ffffff" : "#111111"));
  const logo = brand.logo
    ? await sharp(brand.logo, { failOn: FAIL_ON })
        .autoOrient()
        .resize({ height: LOGO_HEIGHT, width: 360, fit: "inside" })
        .png()
        .toBuffer({ resolveWithObject: true })
    : undefined;
  const nameX = logo ? PAD + logo.info.width + 20 : PAD + 28;
  const layout = await fitTitle(title);
  const lineHeight = Math.round(layout.size * 1.15);
  const bottom = height - PAD;
  const firstBaseline = bottom - (layout.lines.length - 1) * lineHeight;
  const hex = toHex(theme);

  const tspans = layout.lines
    .map(
      (line, i) =>
        `<text x="${PAD}" y="${firstBaseline + i * lineHeight}">${escapeHtml(line)}</text>`,
    )
    .join("");
  // Over a photo: a shade so the text reads; without one: the theme colour and circles.
  const ground = image
    ? `<defs>
    <linearGradient id="shade" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#000" stop-opacity="0.2"/>
      <stop offset="1" stop-color="#000" stop-opacity="0.72"/>
    </linearGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="url(#shade)"/>`
    : `<rect width="${width}" height="${height}" fill="${hex}"/>
  ${decoration(theme)}`;
  const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  ${ground}
  ${logo ? "" : `<rect x="${PAD}" y="${PAD}" width="12" height="44" fill="${image ? toHex(mix(theme, WHITE, 0.45)) : ink}"/>`}
  <text x="${nameX}" y="${PAD + 36}" font-family="${FONT}" font-size="34" fill="${ink}">${escapeHtml(ellipsize(libraryName, 34, TEXT_WIDTH - (nameX - PAD)))}</text>
  <g font-family="${FONT}" font-weight="bold" font-size="${layout.size}" fill="${ink}">${tspans}</g>
</svg>`;
  // The logo's middle on the name's line (its text is 34 px, baseline at PAD + 36).
  const logoLayer: OverlayOptions[] = logo
    ? [{ input: logo.data, left: PAD, top: PAD + 24 - Math.round(logo.info.height / 2) }]
    : [];

  if (!image) {
    // One render of the SVG, then a palette of 16 colours: the theme colour, the circles,
    // the ink and the shades of their anti-aliased edges (measured on the benchmark's
    // cards: 10 to 16 KB against 30 to 50 KB as JPEG, and 6 ms to render against 30 ms
    // for a canvas composited with the SVG). No dithering: flat areas stay flat. A logo
    // brings colours of its own: a full palette then.
    if (!logo) {
      // The SVG starts with an opaque rectangle over the whole card, so every pixel is
      // opaque already: no `flatten` (it would change no byte of the PNG and cost a tenth
      // of the card, 33 against 37 ms of CPU).
      return sharp(Buffer.from(overlay))
        .png({ palette: true, colours: 16, dither: 0, effort: 1, compressionLevel: 9 })
        .toBuffer();
    }
    const drawn = sharp(Buffer.from(overlay)).flatten({ background: hex });
    return sharp(await drawn.png().toBuffer())
      .composite(logoLayer)
      .png({ palette: true, colours: 256, effort: 1, compressionLevel: 9 })
      .toBuffer();
  }
  return (
    sharp(image, { failOn: FAIL_ON })
      .autoOrient()
      .resize(width, height, { fit: "cover", position: "attention" })
      .modulate({ brightness: 0.9 })
      .composite([{ input: Buffer.from(overlay) }, ...logoLayer])
      .flatten({ background: hex })
      // libjpeg-turbo with optimised Huffman tables: about 4x faster than mozjpeg for ~10%
      // more bytes, which matters with a card per program (5,000 programs, 5,000 cards).
      .jpeg({ quality: 82, optimiseCoding: true })
      .toBuffer()
  );
}

/** Soft circles so a card without an image is not a flat slab of colour. */
function decoration(theme: Rgb): string {
  const light = toHex(mix(theme, WHITE, 0.12));
  const lighter = toHex(mix(theme, WHITE, 0.22));
  return `<circle cx="1080" cy="90" r="260" fill="${light}"/><circle cx="1160" cy="560" r="170" fill="${lighter}"/>`;
}

// ---------------------------------------------------------------------------------------
// Colour

interface Rgb {
  r: number;
  g: number;
  b: number;
}

export function parseHex(color: string): Rgb {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) {
    throw new Error(
      `[almanac/social-card] themeColor must be a hex colour like #1d4e89; got "${color}".`,
    );
  }
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join("") : m[1]!;
  const n = Number.parseInt(hex, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 };

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return { r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t };
}

/** WCAG relative luminance, to pick white or near-black text on the theme colour. */
function luminance({ r, g, b }: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
