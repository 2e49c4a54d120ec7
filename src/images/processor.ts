// Responsive images: every source image becomes a few widths in a few formats, written
// once into a disk cache keyed by the source's bytes and the options, so an unchanged
// rebuild encodes nothing. AVIF is slow (STYLE.md: 7.6 s a photo at default effort), hence
// the low effort, the cache and the bounded queue. Plain Node and sharp, no Eleventy.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Metadata, default as Sharp } from "sharp";
import { escapeHtml } from "../text/html.ts";

export type ImageFormat = "avif" | "webp" | "jpeg" | "png";

const FORMATS: readonly ImageFormat[] = ["avif", "webp", "jpeg", "png"];

export interface ImageOptions {
  /** Widths to generate (never upscaled beyond the source width). Default `[400, 800, 1200]`. */
  widths?: number[];
  /**
   * Output formats, best first; the last is the `<img>` fallback. Default
   * `["avif", "webp", "jpeg"]`, or `["avif", "webp", "png"]` for sources with transparency.
   */
  formats?: ImageFormat[];
  /** Folder the files are written into, e.g. `<output>/img`. */
  outputDir: string;
  /** URL prefix for that folder, e.g. `/img/`. */
  urlPath: string;
  /** Disk cache folder, keyed by source content hash + options. Default `.cache/images`. */
  cacheDir?: string;
  /** AVIF encoder effort 0–9. Default 2 (about 9x faster than sharp's default 4, files slightly larger). */
  avifEffort?: number;
  /** How many encodes may run at once. Default 2 (one per core on the reference machine). */
  concurrency?: number;
  /** Paths in error messages are relative to this folder (the site's). Default: the working directory. */
  root?: string;
}

/** Defaults in one place; each is documented on {@link ImageOptions}. */
export function imageDefaults() {
  return {
    widths: [400, 800, 1200],
    formats: ["avif", "webp", "jpeg"] as ImageFormat[],
    alphaFormats: ["avif", "webp", "png"] as ImageFormat[],
    cacheDir: ".cache/images",
    avifEffort: 2,
    concurrency: 2,
  };
}

/**
 * Encoder settings. Part of the cache key, so changing one re-encodes everything.
 * Qualities follow common practice: AVIF 50 looks like JPEG 75 at about half the size.
 */
const ENCODER = {
  avif: { quality: 50 },
  webp: { quality: 75 },
  jpeg: { quality: 75, mozjpeg: true },
  png: { compressionLevel: 9 },
} as const;

/**
 * Bump when the output of the same options changes (new encoder settings, layout of the cache).
 * 2: entries hold `<width>.<ext>` files, independent of the source's name, so two copies of
 * one picture under different names share an entry.
 */
const CACHE_VERSION = 2;

/**
 * How strictly a source is decoded, by `npm run check` and by every encode alike: sharp's
 * default, which stops at the first decoder warning (a JPEG whose middle was overwritten
 * decodes with a warning only, one cut short with an error). The check and the build must
 * use the same setting, or a picture could pass one and stop the other.
 */
export const FAIL_ON = "warning" as const;

/** Bump when what the full-decode check accepts changes, so cached verdicts are redone. */
const VERDICT_VERSION = 1;

export interface ImageVariant {
  url: string;
  width: number;
  height: number;
  format: ImageFormat;
}

export interface ImageResult {
  /** Size of the source, after EXIF orientation. */
  width: number;
  height: number;
  /** Variants per format, in the order of `formats` (best first), each list by width ascending. */
  formats: Record<string, ImageVariant[]>;
}

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
async function inspect(
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
    return {
      check: { ok: false, message: `not a readable image: ${displayPath(source)} (a folder)` },
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

/**
 * Turns source images into responsive variants. One processor per build: `process` is
 * memoised per source path, encodes are queued `concurrency` at a time, and results are
 * kept in `cacheDir` across builds.
 */
export class ImageProcessor {
  readonly stats = { encodes: 0, cacheHits: 0 };
  private readonly opts: Required<Omit<ImageOptions, "formats">> & { formats?: ImageFormat[] };
  private readonly memo = new Map<string, Promise<ImageResult>>();
  private readonly queue: Queue;

  constructor(options: ImageOptions) {
    const d = imageDefaults();
    const opts = {
      widths: options.widths ?? d.widths,
      formats: options.formats,
      outputDir: options.outputDir,
      urlPath: options.urlPath,
      cacheDir: options.cacheDir ?? d.cacheDir,
      avifEffort: options.avifEffort ?? d.avifEffort,
      concurrency: options.concurrency ?? d.concurrency,
      root: options.root ?? process.cwd(),
    };
    validateOptions(opts);
    this.opts = opts;
    this.queue = new Queue(opts.concurrency);
  }

  /** Processes one source (absolute path) and returns its variants. Throws {@link ImageError}. */
  process(source: string): Promise<ImageResult> {
    const abs = path.resolve(source);
    let job = this.memo.get(abs);
    if (!job) {
      job = this.run(abs);
      this.memo.set(abs, job);
    }
    return job;
  }

  private async run(source: string): Promise<ImageResult> {
    // The header alone: the encodes below decode every pixel and report damage themselves.
    const { check, input } = await inspect(source, DEFAULT_IMAGE_LIMITS, this.opts.root, {
      decode: false,
    });
    if (!check.ok || !input) throw new ImageError(check.ok ? "unreadable" : check.message);
    const sharp = await loadSharp();
    const meta = await sharp(input).metadata();
    const formats =
      this.opts.formats ?? (meta.hasAlpha ? imageDefaults().alphaFormats : imageDefaults().formats);
    const widths = effectiveWidths(this.opts.widths, check.width);
    const settings = {
      v: CACHE_VERSION,
      widths,
      formats,
      avifEffort: this.opts.avifEffort,
      encoder: ENCODER,
    };
    // The key depends on the bytes and settings only, never on the file's name: copies of
    // one picture under several names (and several processors) share one entry.
    const key = cacheKey(input, settings);
    const variants: Manifest["files"] = [];
    for (const format of formats) {
      for (const width of widths) {
        const height = Math.max(1, Math.round((check.height * width) / check.width));
        variants.push({ width, height, format });
      }
    }

    const hit = await withDiskCache(
      this.opts.cacheDir,
      key,
      async (dir) => {
        await Promise.all(
          variants.map((f) =>
            this.queue.run(async () => {
              const info = await encode(sharp, input, f.format, f.width, this.opts.avifEffort)
                .toFile(path.join(dir, cachedName(f)))
                .catch((err: unknown) => {
                  // The header was fine but the pixels are not (a truncated upload, say).
                  throw new ImageError(damagedMessage(relativePath(source, this.opts.root)));
                });
              this.stats.encodes++;
              f.height = info.height;
            }),
          ),
        );
        const manifest: Manifest = { width: check.width, height: check.height, files: variants };
        await fs.writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest));
      },
      // A hit must still hold every file (someone may have pruned the cache by hand).
      async (dir) => (await readManifest(dir)) !== undefined,
    );
    if (hit) this.stats.cacheHits++;
    const dir = path.join(this.opts.cacheDir, key);
    const manifest = await readManifest(dir);
    if (!manifest) throw new Error(`[almanac/images] cache entry ${dir} vanished while in use`);

    // Published names carry the source's name (readable URLs) and the key (cache-busting).
    const base = `${slug(path.parse(source).name)}-${key.slice(0, 8)}`;
    const published = (f: Manifest["files"][number]) => `${base}-${f.width}.${EXT[f.format]}`;
    await fs.mkdir(this.opts.outputDir, { recursive: true });
    await Promise.all(
      manifest.files.map((f) =>
        placeFile(path.join(dir, cachedName(f)), path.join(this.opts.outputDir, published(f))),
      ),
    );

    const result: ImageResult = { width: manifest.width, height: manifest.height, formats: {} };
    for (const f of manifest.files) {
      (result.formats[f.format] ??= []).push({
        url: joinUrl(this.opts.urlPath, published(f)),
        width: f.width,
        height: f.height,
        format: f.format,
      });
    }
    for (const list of Object.values(result.formats)) list.sort((a, b) => a.width - b.width);
    return result;
  }
}

/** A cache entry: the source's size and its variants, stored as `<width>.<ext>`. */
interface Manifest {
  width: number;
  height: number;
  files: { width: number; height: number; format: ImageFormat }[];
}

const cachedName = (f: { width: number; format: ImageFormat }) => `${f.width}.${EXT[f.format]}`;

/** The entry's manifest when it and every file it lists are there, else undefined. */
async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(
      await fs.readFile(path.join(dir, "manifest.json"), "utf8"),
    ) as Manifest;
    await Promise.all(manifest.files.map((f) => fs.access(path.join(dir, cachedName(f)))));
    return manifest;
  } catch {
    return undefined;
  }
}

const EXT: Record<ImageFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg", png: "png" };
const MIME: Record<ImageFormat, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpeg: "image/jpeg",
  png: "image/png",
};

function encode(
  sharp: typeof Sharp,
  input: Buffer,
  format: ImageFormat,
  width: number,
  avifEffort: number,
) {
  // autoOrient() applies EXIF orientation; metadata is stripped by default (privacy: GPS).
  let img = sharp(input, { failOn: FAIL_ON })
    .autoOrient()
    .resize({ width, withoutEnlargement: true });
  switch (format) {
    case "avif":
      return img.avif({ ...ENCODER.avif, effort: avifEffort });
    case "webp":
      return img.webp(ENCODER.webp);
    case "jpeg":
      // JPEG has no alpha: put transparent areas on white rather than black.
      return img.flatten({ background: "#ffffff" }).jpeg(ENCODER.jpeg);
    case "png":
      return img.png(ENCODER.png);
  }
}

/**
 * Widths never exceed the source: larger requested widths collapse into one variant at the
 * source's own width (so a 1000 px source with `[400, 800, 1200]` gives 400, 800, 1000).
 */
export function effectiveWidths(requested: number[], sourceWidth: number): number[] {
  const out = new Set<number>();
  for (const w of requested) out.add(Math.min(w, sourceWidth));
  return [...out].sort((a, b) => a - b);
}

function validateOptions(o: {
  widths: number[];
  formats?: ImageFormat[];
  outputDir: string;
  urlPath: string;
  avifEffort: number;
  concurrency: number;
}): void {
  const bad = (what: string) => {
    throw new Error(`[almanac/images] ${what}`);
  };
  if (!o.outputDir) bad("outputDir is required, e.g. `_site/img`.");
  if (typeof o.urlPath !== "string") bad("urlPath is required, e.g. `/img/`.");
  if (!o.widths.length || o.widths.some((w) => !Number.isInteger(w) || w < 1)) {
    bad(
      `widths must be positive whole numbers, e.g. [400, 800, 1200]; got ${JSON.stringify(o.widths)}.`,
    );
  }
  if (o.formats && (!o.formats.length || o.formats.some((f) => !FORMATS.includes(f)))) {
    bad(`formats must be some of ${FORMATS.join(", ")}; got ${JSON.stringify(o.formats)}.`);
  }
  if (!Number.isInteger(o.avifEffort) || o.avifEffort < 0 || o.avifEffort > 9) {
    bad(`avifEffort must be a whole number from 0 to 9; got ${o.avifEffort}.`);
  }
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) {
    bad(`concurrency must be a whole number of at least 1; got ${o.concurrency}.`);
  }
}

// ---------------------------------------------------------------------------------------
// HTML

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

// ---------------------------------------------------------------------------------------
// Disk cache, shared with social cards and icons

/** sha256 of the input bytes and the JSON of everything else that shapes the output. */
export function cacheKey(input: Buffer | string, settings: unknown): string {
  return createHash("sha256")
    .update(input)
    .update("\0")
    .update(JSON.stringify(settings))
    .digest("hex");
}

/** Entries being produced in this process, by folder: one producer per entry at a time. */
const inFlight = new Map<string, Promise<string | undefined>>();

/**
 * Ensures `<cacheDir>/<key>/` holds the outputs. On a miss, `produce` writes them into a
 * private temporary folder that is then renamed into place, so an interrupted build never
 * leaves a half-written entry that a later build would trust; an entry `isComplete` rejects
 * is produced again. Within a process, callers asking for an entry that is being produced
 * wait for that one producer (two copies of a picture, two programs with the same card);
 * across processes the first rename wins and the others use its entry. Returns the entry's
 * folder on a hit, `undefined` after producing it (or waiting for its producer).
 */
export function withDiskCache(
  cacheDir: string,
  key: string,
  produce: (dir: string) => Promise<void>,
  isComplete: (dir: string) => Promise<boolean> = async () => true,
): Promise<string | undefined> {
  const dir = path.resolve(cacheDir, key);
  let job = inFlight.get(dir);
  if (!job) {
    job = fillEntry(path.resolve(cacheDir), key, dir, produce, isComplete).finally(() =>
      inFlight.delete(dir),
    );
    inFlight.set(dir, job);
  }
  return job;
}

async function fillEntry(
  cacheDir: string,
  key: string,
  dir: string,
  produce: (dir: string) => Promise<void>,
  isComplete: (dir: string) => Promise<boolean>,
): Promise<string | undefined> {
  const temp = (what: string) =>
    path.join(
      cacheDir,
      `.${what}-${key.slice(0, 8)}-${process.pid}-${randomBytes(4).toString("hex")}`,
    );
  if (await exists(dir)) {
    if (await isComplete(dir)) return dir;
    // Moved aside first, so no other build ever sees a half-removed entry under its name.
    const stale = temp("stale");
    await fs.rename(dir, stale).catch(() => {});
    await fs.rm(stale, { recursive: true, force: true });
  }
  await fs.mkdir(cacheDir, { recursive: true });
  const tmp = temp("tmp");
  await fs.mkdir(tmp);
  try {
    await produce(tmp);
    await fs.rename(tmp, dir);
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    // Another build finished the same entry first: theirs is as good.
    if (isCode(err, "ENOTEMPTY") || isCode(err, "EEXIST")) {
      if ((await exists(dir)) && (await isComplete(dir))) return undefined;
    }
    throw err;
  }
  return undefined;
}

/**
 * Puts a cached file at `to`: a hard link when possible (no copy, no extra disk), a copy
 * across file systems. A file that already is that link is left alone; anything else at
 * `to` is replaced in one rename, so a reader (or a second caller placing the same file)
 * never sees it missing or half-copied.
 */
export async function placeFile(from: string, to: string): Promise<void> {
  const [src, dst] = await Promise.all([fs.stat(from), fs.stat(to).catch(() => undefined)]);
  if (dst && dst.ino === src.ino && dst.dev === src.dev) return;
  await fs.mkdir(path.dirname(to), { recursive: true });
  const tmp = `${to}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await fs.link(from, tmp).catch(() => fs.copyFile(from, tmp));
    await fs.rename(tmp, to);
  } finally {
    // Gone after a rename, except when `to` had meanwhile become the same link (a second
    // placement of this file): POSIX then leaves both names.
    await fs.rm(tmp, { force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Small helpers

/** Runs async jobs at most `limit` at a time, in the order given. */
export class Queue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
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

function slug(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "image"
  );
}

function joinUrl(prefix: string, name: string): string {
  return prefix.endsWith("/") ? prefix + name : `${prefix}/${name}`;
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === code;
}
