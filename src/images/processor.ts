// Responsive images: every source image becomes a few widths in a few formats, written
// once into a disk cache keyed by the source's bytes and the options, so an unchanged
// rebuild encodes nothing. AVIF is slow (STYLE.md: 7.6 s a photo at default effort), hence
// the low effort, the cache and the bounded queue. Plain Node and sharp, no Eleventy.
// The cache is src/images/disk-cache.ts, the check of a source src/images/inspect.ts, and the
// `<picture>` markup for a result src/images/picture.ts.
import fs from "node:fs/promises";
import path from "node:path";
import type { default as Sharp } from "sharp";
import { cacheKey, placeFile, withDiskCache } from "./disk-cache.ts";
import {
  DEFAULT_IMAGE_LIMITS,
  FAIL_ON,
  ImageError,
  damagedMessage,
  inspect,
  loadSharp,
  relativePath,
} from "./inspect.ts";
import { Queue } from "./queue.ts";

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
