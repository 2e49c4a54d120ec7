// Reading one source image and deciding whether the build can use it: found, a file, within
// the size limits (read from the header before any pixel is), and, unless told otherwise,
// decodable in full. Shared by `npm run check` (src/images/check.ts), the encoder
// (src/images/processor.ts), social cards and icons, so they all judge a picture alike and
// word its problems alike for staff.
import fs from "node:fs/promises";
import path from "node:path";
import type { Metadata, default as Sharp } from "sharp";
import { cacheKey, exists } from "./disk-cache.ts";

/**
 * How strictly a source is decoded, by `npm run check` and by every encode alike: sharp's
 * default, which stops at the first decoder warning (a JPEG whose middle was overwritten
 * decodes with a warning only, one cut short with an error). The check and the build must
 * use the same setting, or a picture could pass one and stop the other.
 */
export const FAIL_ON = "warning" as const;

/** Bump when what the full-decode check accepts changes, so cached verdicts are redone. */
const VERDICT_VERSION = 1;

/** A problem with a content image (missing, unreadable, too large). The message is for staff. */
export class ImageError extends Error {
  /** The front-matter field that named the image, when the caller knows it (e.g. `image`). */
  field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = "ImageError";
    if (field !== undefined) this.field = field;
  }
}

/** Size limits for source images: beyond them a build would crawl or run out of memory. */
export interface ImageLimits {
  /** File size in bytes. Default 25 MB. */
  maxBytes: number;
  /** Width x height in pixels. Default 50 megapixels. */
  maxPixels: number;
  /** Longest side in pixels. Default 12,000. */
  maxSide: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxPixels: 50_000_000,
  maxSide: 12_000,
};

type CheckResult = { ok: true; width: number; height: number } | { ok: false; message: string };

export interface CheckImageOptions extends Partial<ImageLimits> {
  /** Paths in messages are relative to this folder (the site's). Default: the working directory. */
  root?: string;
  /**
   * Decode the whole picture (at a tiny size), so a file whose header is fine but whose
   * pixels are cut off or damaged is refused here rather than in the middle of a build.
   * Default true; false reads the header alone (for callers whose own decode reports errors).
   */
  decode?: boolean;
  /**
   * Disk cache folder where a successful decode is remembered by the file's content hash,
   * so an unchanged picture is decoded once across runs. Default: none (always decode).
   */
  cacheDir?: string;
}

/**
 * Checks that `source` (absolute path) is an image the build can use: its header (format,
 * size limits, read before any pixel is), then its pixels. Messages are plain sentences for
 * staff, naming the path relative to the working directory:
 * `image not found: content/images/x.jpg`.
 */
export async function checkImage(
  source: string,
  options: CheckImageOptions = {},
): Promise<CheckResult> {
  const { root, decode = true, cacheDir, ...limits } = options;
  const lim = { ...DEFAULT_IMAGE_LIMITS, ...limits };
  return (await inspect(source, lim, root, { decode, ...(cacheDir && { cacheDir }) })).check;
}

/** Reads and checks a source once; the processor reuses the bytes. */
export async function inspect(
  source: string,
  lim: ImageLimits,
  root = process.cwd(),
  how: { decode: boolean; cacheDir?: string } = { decode: true },
): Promise<{ check: CheckResult; input?: Buffer }> {
  const displayPath = (file: string) => relativePath(file, root);
  let stat;
  try {
    stat = await fs.stat(source);
  } catch {
    return { check: { ok: false, message: `image not found: ${displayPath(source)}` } };
  }
  if (!stat.isFile()) {
    // A pipe or a device is never opened: reading one could hang or never end.
    const what = stat.isDirectory() ? "a folder" : "not a regular file";
    return {
      check: { ok: false, message: `not a readable image: ${displayPath(source)} (${what})` },
    };
  }
  if (stat.size > lim.maxBytes) {
    const message = `image too large: ${displayPath(source)} is ${fileSize(stat.size)} (limit ${fileSize(lim.maxBytes)})`;
    return { check: { ok: false, message } };
  }
  const input = await fs.readFile(source);
  const where = displayPath(source);
  const check = await checkHeader(input, where, lim);
  if (!check.ok || !how.decode) return { check, input };
  if (await isDamaged(input, how.cacheDir))
    return { check: { ok: false, message: damagedMessage(where) }, input };
  return { check, input };
}

let sharpLoading: Promise<typeof Sharp> | undefined;

/**
 * sharp, loaded on first use: loading libvips takes about 0.2 s, which `npm run check` of
 * content without images need not pay.
 */
export function loadSharp(): Promise<typeof Sharp> {
  return (sharpLoading ??= import("sharp").then((m) => m.default));
}

async function checkHeader(input: Buffer, where: string, lim: ImageLimits): Promise<CheckResult> {
  const sharp = await loadSharp();
  let meta;
  try {
    meta = await sharp(input).metadata();
  } catch (err) {
    return {
      ok: false,
      message: `not a readable image: ${where} (${sharpReason(err)})`,
    };
  }
  const { width, height } = orientedSize(meta);
  if (!width || !height) {
    return { ok: false, message: `not a readable image: ${where} (no size)` };
  }
  const pixels = width * height;
  if (pixels > lim.maxPixels) {
    return {
      ok: false,
      message: `image too large: ${where} is ${megapixels(pixels)} megapixels (limit ${megapixels(lim.maxPixels)})`,
    };
  }
  if (Math.max(width, height) > lim.maxSide) {
    return {
      ok: false,
      message: `image too large: ${where} is ${width}x${height} pixels (limit ${lim.maxSide} on the longest side)`,
    };
  }
  return { ok: true, width, height };
}

/**
 * True when the picture cannot be decoded in full. It is decoded at 8 px at most: JPEG and
 * WebP then decode at a fraction of their size (every byte is still read), so this costs a
 * few milliseconds for a typical photo. With a `cacheDir`, a success is remembered as an
 * empty file named by the content hash (and the libvips version, which may grow stricter).
 */
async function isDamaged(input: Buffer, cacheDir: string | undefined): Promise<boolean> {
  const sharp = await loadSharp();
  const marker =
    cacheDir &&
    path.join(
      cacheDir,
      "decoded",
      cacheKey(input, { v: VERDICT_VERSION, failOn: FAIL_ON, vips: sharp.versions.vips }),
    );
  if (marker && (await exists(marker))) return false;
  try {
    await sharp(input, { failOn: FAIL_ON }).resize(8, 8, { fit: "inside" }).raw().toBuffer();
  } catch {
    return true;
  }
  if (marker) {
    // Best effort: a read-only cache only costs the decode next time.
    await fs
      .mkdir(path.dirname(marker), { recursive: true })
      .then(() => fs.writeFile(marker, ""))
      .catch(() => {});
  }
  return false;
}

function orientedSize(meta: Metadata): { width?: number; height?: number } {
  if (meta.autoOrient) return meta.autoOrient;
  const swap = (meta.orientation ?? 1) >= 5;
  return swap
    ? { width: meta.height, height: meta.width }
    : { width: meta.width, height: meta.height };
}

/**
 * The message for a picture whose header reads but whose pixels do not decode. libvips'
 * own reason is left out: its error text is shared by concurrent decodes (one file's
 * message may carry another's) and varies between runs, and the output must be stable.
 */
export function damagedMessage(where: string): string {
  return `not a readable image: ${where} (damaged or cut off: open it and save it again, or use the original)`;
}

function sharpReason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  // libvips may give one line per decoder message, each with its module name, often the
  // same line twice: keep each distinct message once, without the module name.
  const lines = msg
    .replace(/^Input (file|buffer) (contains|has) /i, "")
    .split(/[\r\n]+/)
    .map((line) =>
      line
        .replace(/^\s*Vips\w*: /, "")
        .replace(/[\u0000-\u001f\u007f]+/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(Boolean);
  return [...new Set(lines)].join("; ");
}

/** The path as staff know it: relative to the site folder when inside it. */
export function relativePath(file: string, root = process.cwd()): string {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel)
    ? rel.split(path.sep).join("/")
    : file;
}

const fileSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.ceil(bytes / (1024 * 1024))} MB` : `${Math.ceil(bytes / 1024)} KB`;
/** Whole megapixels, rounded up (so 50.2 reads "51 (limit 50)"); two digits below 10. */
const megapixels = (pixels: number) => {
  const mp = pixels / 1_000_000;
  return mp >= 10 ? String(Math.ceil(mp)) : String(Number(mp.toPrecision(2)));
};
