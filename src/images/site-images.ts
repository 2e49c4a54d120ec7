// A site's images for one build: every image the content refers to (program images,
// partner logos, images in Markdown bodies) is processed once, up front, into `/img/`; a
// social card is named per program up front (by what it shows, so programs drawn alike
// share one), drawn into the disk cache while the pages render and put into `/social/` by
// `cardsDrawn()`, which an output step awaits; the app icons and the web app manifest are
// made from the site icon. Layouts then only look results up, so thousands of pages cost
// no image work, and the disk cache makes an unchanged rebuild encode nothing.
// Framework-free: `plugins/images.ts` wires it into Eleventy.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Catalogue, Library, Problem, Program } from "../content/model.ts";
import { ContentError } from "../content/problems.ts";
import { ImageError } from "./inspect.ts";
import { pictureHtml } from "./picture.ts";
import { ImageProcessor, type ImageResult } from "./processor.ts";
import { planSocialCard } from "./social-card.ts";
import { CardDrawing, uniqueProblems } from "./card-drawing.ts";
import { makeIcons, type IconEntry } from "./icons.ts";
import { markdownLibrary } from "../content/markdown.ts";
import { installPictureRule } from "./body-pictures.ts";
import { shortName, type WebAppManifest } from "./manifest.ts";
import { LOGO_WIDTHS, PHOTO_WIDTHS, ROLES, type PictureRole } from "./roles.ts";
import { bodyImagePath, bodyImages, DECORATIVE, SITE_ICON } from "./check.ts";

/** Almanac's own icon, used when the library has no `content/images/site-icon.png`. */
export const DEFAULT_ICON = path.resolve(import.meta.dirname, "..", "..", "layouts", "icon.png");

/** Where the library-wide `image` is written. */
const LIBRARY_FILE = "_data/library.yaml";

export interface SiteImagesOptions {
  /** Site root: holds `content/` (images are paths relative to `content/`). */
  root: string;
  /** The build's output folder. */
  output: string;
  /** Disk cache. Default `<root>/.cache/images`. */
  cacheDir?: string;
  /** Encodes at once. Default 2. */
  concurrency?: number;
  /**
   * The images of the previous run into the same output folder, whose image files have not
   * changed since (an `npm start` rebuild after a Markdown edit): pictures it processed and
   * cards it drew with the same title and picture are taken from it, not made again.
   */
  previous?: SiteImages;
  /** Called as each social card is drawn: `(done, total)`, for the progress line. */
  onProgress?: (done: number, total: number) => void;
}

/** What the last build did, for tests and the benchmark. */
export interface ImageStats {
  /** Image variants encoded (0 on an unchanged rebuild). */
  encodes: number;
  /** Source images whose variants all came from the disk cache. */
  cacheHits: number;
  /** Social cards drawn (not taken from the cache). */
  cardsDrawn: number;
  /** Icon sets drawn (not taken from the cache): 0 or 1. */
  iconSetsDrawn: number;
  /** Milliseconds spent in `prepare`, in all (the cards are drawn after it returns). */
  ms: number;
  /** ...of which on responsive variants (program images, logos, body images). */
  variantsMs: number;
  /** Icons and naming the cards in `prepare`, then drawing the cards (while pages render). */
  cardsMs: number;
}

export class SiteImages {
  readonly stats: ImageStats = {
    encodes: 0,
    cacheHits: 0,
    cardsDrawn: 0,
    iconSetsDrawn: 0,
    ms: 0,
    variantsMs: 0,
    cardsMs: 0,
  };
  /** Icons written at the site root: manifest icons, the apple-touch-icon, the favicon. */
  icons: IconEntry[] = [];
  readonly #photos: ImageProcessor;
  readonly #logos: ImageProcessor;
  readonly #results = new Map<string, ImageResult>();
  /** Bodies that name pictures `prepare` processed (their HTML gets `<picture>`s). */
  readonly #withPictures = new Set<string>();
  readonly #root: string;
  readonly #output: string;
  readonly #cacheDir: string;
  readonly #concurrency: number;
  readonly #previous?: SiteImages;
  /**
   * The social cards of this run, by program id (`site` for the site's own): what each was
   * drawn from and its file in `/social/` (programs drawn alike share one).
   */
  readonly #cards = new Map<string, { drawnFrom: string; file: string }>();
  /** The cards' drawing and publishing (`cardsDrawn()`). */
  readonly #drawing: CardDrawing;

  constructor(
    readonly catalogue: Catalogue,
    options: SiteImagesOptions,
  ) {
    this.#root = path.resolve(options.root);
    this.#output = path.resolve(options.output);
    this.#cacheDir = path.resolve(options.cacheDir ?? path.join(this.#root, ".cache/images"));
    this.#concurrency = options.concurrency ?? 2;
    this.#previous = options.previous;
    this.#drawing = new CardDrawing({
      concurrency: this.#concurrency,
      onProgress: options.onProgress,
      onDrawn: () => this.stats.cardsDrawn++,
      onTime: (ms) => (this.stats.cardsMs += ms),
    });
    const common = {
      root: this.#root,
      outputDir: path.join(this.#output, "img"),
      urlPath: "/img/",
      cacheDir: this.#cacheDir,
      concurrency: this.#concurrency,
    };
    this.#photos = new ImageProcessor({ ...common, widths: PHOTO_WIDTHS });
    this.#logos = new ImageProcessor({ ...common, widths: LOGO_WIDTHS });
  }

  get library(): Library {
    return this.catalogue.library;
  }

  /**
   * Does the image work the pages need: images, body HTML with `<picture>`, icons, and the
   * social cards' names; then starts drawing the cards, which `cardsDrawn()` awaits.
   * Content was checked by the loader (every picture decoded in full), so an `ImageError`
   * here (or in `cardsDrawn()`) means a file changed in between: it is thrown as a
   * `ContentError` naming the content files that use the picture, like any other content
   * problem.
   */
  async prepare(): Promise<void> {
    const started = performance.now();
    const { programs, partners, guides, pages } = this.catalogue;
    const problems: Problem[] = [];
    /** Runs an image job; an `ImageError` becomes a problem of `file`'s `field`. */
    const blame = (job: () => Promise<unknown>, file: string, field: string) =>
      job().catch((err: unknown) => {
        if (!(err instanceof ImageError)) throw err;
        problems.push({ severity: "error", file, line: 1, field, message: err.message });
      });
    const settle = async (jobs: Promise<unknown>[]) => {
      const results = await Promise.allSettled(jobs);
      const failed = results.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
      if (problems.length) throw new ContentError(uniqueProblems(problems));
    };

    const jobs: Promise<unknown>[] = [];
    for (const p of programs) {
      if (p.image) jobs.push(blame(() => this.#process(p.image!, false), p.file, "image"));
    }
    for (const p of partners) {
      if (p.logo) jobs.push(blame(() => this.#process(p.logo!, true), p.file, "logo"));
    }
    const logo = this.library.logo;
    if (logo) jobs.push(blame(() => this.#process(logo.src, true), LIBRARY_FILE, "logo"));
    const bodies = [...programs, ...partners, ...guides, ...pages];
    const withImages = bodies
      .map((item) => ({ item, images: bodyImages(item.body) }))
      .filter((x) => x.images.length > 0);
    for (const { item, images } of withImages) {
      for (const image of images) {
        const target = bodyImagePath(image.src);
        if ("path" in target) {
          jobs.push(blame(() => this.#process(target.path, false), item.file, "body"));
        }
      }
    }
    await settle(jobs);
    this.stats.variantsMs = Math.round(performance.now() - started);

    for (const { item } of withImages) this.#withPictures.add(item.body);

    // The icons before any page renders (every head links them); the cards are only named
    // now and drawn while the pages render: a page needs its card's URL, not its file.
    const cardsStarted = performance.now();
    const planned: Promise<unknown>[] = [
      blame(() => this.#icons(), `content/${SITE_ICON}`, ""),
      blame(
        () =>
          this.#planCard(
            this.library.description ?? this.library.name,
            "site",
            this.library.image,
            LIBRARY_FILE,
          ),
        LIBRARY_FILE,
        "image",
      ),
    ];
    for (const p of programs) {
      const named = p.image ? p.file : LIBRARY_FILE;
      planned.push(
        blame(
          () => this.#planCard(p.title, p.id, p.image ?? this.library.image, named),
          named,
          "image",
        ),
      );
    }
    await settle(planned);
    this.#drawing.start();

    for (const processor of [this.#photos, this.#logos]) {
      this.stats.encodes += processor.stats.encodes;
      this.stats.cacheHits += processor.stats.cacheHits;
    }
    this.stats.cardsMs = Math.round(performance.now() - cardsStarted);
    this.stats.ms = Math.round(performance.now() - started);
  }

  /**
   * Resolves when every social card is drawn and published in `/social/` (an output step
   * awaits it before anything lists or swaps in the output folder); rejects as `prepare`
   * would have, with a `ContentError` for a picture that failed to draw.
   */
  cardsDrawn(): Promise<void> {
    return this.#drawing.published();
  }

  /** Social cards named but not drawn yet, of how many this run draws (0 of 0 once drawn). */
  get cardsLeft(): { left: number; total: number } {
    return this.#drawing.left;
  }

  /** Draws no more cards and waits for those being drawn (a build that failed midway). */
  stopDrawing(): Promise<void> {
    return this.#drawing.stop();
  }

  async #process(src: string, logo: boolean): Promise<void> {
    const key = `${logo ? "logo" : "photo"}:${src}`;
    if (this.#results.has(key)) return;
    const known = this.#previous ? this.#previous.#results.get(key) : undefined;
    if (known) {
      this.#results.set(key, known);
      return;
    }
    const processor = logo ? this.#logos : this.#photos;
    const result = await processor.process(path.join(this.#root, "content", src));
    this.#results.set(key, result);
  }

  /** Names the card of `name` (a program id, or `site`); `blame` names its picture. */
  async #planCard(
    title: string,
    name: string,
    image: string | undefined,
    blame: string,
  ): Promise<void> {
    const drawnFrom = JSON.stringify([title, image ?? null]);
    const known = this.#previous ? this.#previous.#cards.get(name) : undefined;
    if (known?.drawnFrom === drawnFrom) {
      this.#cards.set(name, known);
      return;
    }
    const card = await planSocialCard({
      title,
      libraryName: this.library.name,
      ...(image !== undefined && { image: path.join(this.#root, "content", image) }),
      themeColor: this.library.brand?.color ?? this.library.themeColor,
      ...(this.library.brand && { textColor: this.library.brand.textColor }),
      ...(this.library.logo && { logo: path.join(this.#root, "content", this.library.logo.src) }),
      outputDir: path.join(this.#output, "social"),
      cacheDir: this.#cacheDir,
      root: this.#root,
    });
    this.#cards.set(name, { drawnFrom, file: card.file });
    // Programs drawn alike share one file: it is drawn once, and its failure blames each.
    this.#drawing.add(card, { file: blame, field: "image" });
  }

  /**
   * The `/social/` files the previous run (`options.previous`) published that no card of
   * this one uses, as URLs: a rebuild in place removes them (a retitled or deleted program's
   * old card).
   */
  staleCards(): string[] {
    if (!this.#previous) return [];
    const used = new Set([...this.#cards.values()].map((c) => c.file));
    const stale = new Set<string>();
    for (const { file } of this.#previous.#cards.values()) if (!used.has(file)) stale.add(file);
    return [...stale].map((file) => `/social/${file}`);
  }

  async #icons(): Promise<void> {
    if (this.#previous) {
      this.icons = this.#previous.icons;
      return;
    }
    // The library's icon.png, else its logo (on the brand colour where the icon is solid),
    // else Almanac's own.
    const own = path.join(this.#root, "content", SITE_ICON);
    const logo = this.library.logo && path.join(this.#root, "content", this.library.logo.src);
    const source = existsSync(own) ? own : (logo ?? DEFAULT_ICON);
    const before = await this.#iconEntries();
    this.icons = await makeIcons(source, this.#output, this.library.themeColor, {
      urlPath: "/",
      cacheDir: this.#cacheDir,
    });
    if ((await this.#iconEntries()) > before) this.stats.iconSetsDrawn++;
  }

  async #iconEntries(): Promise<number> {
    try {
      return (await readdir(this.#cacheDir)).filter((n) => n.startsWith("icons-")).length;
    } catch {
      return 0;
    }
  }

  // -------------------------------------------------------------------------------------
  // Lookups for layouts.

  /**
   * A Markdown body rendered with a `<picture>` for each picture in it that `prepare`
   * processed, or undefined for a body with none (the plain rendering is the same).
   */
  bodyHtml(body: string): string | undefined {
    if (!this.#withPictures.has(body)) return undefined;
    return markdownLibrary().render(body, {
      almanacPicture: (src: string, alt: string, title: string | undefined) => {
        const target = bodyImagePath(src);
        if (!("path" in target)) return undefined;
        const decorative = title?.trim().toLowerCase() === DECORATIVE;
        return this.picture(target.path, decorative ? "" : alt, "body");
      },
    });
  }

  /**
   * `<picture>` markup for an image `prepare` processed (`src` relative to `content/`).
   * Empty for no image; throws for an image `prepare` never saw (a layout asking for
   * something the content does not reference: a bug, not a content error).
   */
  picture(src: string | undefined, alt: string | undefined, role: PictureRole = "body"): string {
    if (!src) return "";
    const options = ROLES[role];
    if (!options) {
      throw new Error(
        `[almanac/images] unknown picture role "${role}"; use one of ${Object.keys(ROLES).join(", ")}`,
      );
    }
    const result = this.#result(src, options.logo);
    return pictureHtml(result, alt ?? "", options);
  }

  /** URL of the smallest fallback (JPEG/PNG) variant, e.g. for search results and feeds. */
  thumbnail(src: string | undefined, role: PictureRole = "card"): string | undefined {
    if (!src) return undefined;
    const result = this.#result(src, ROLES[role]?.logo ?? false);
    const formats = Object.values(result.formats);
    return formats[formats.length - 1]?.[0]?.url;
  }

  /** URL of the largest fallback variant (for JSON-LD `image`, which wants a big picture). */
  largest(src: string | undefined, role: PictureRole = "hero"): string | undefined {
    if (!src) return undefined;
    const result = this.#result(src, ROLES[role]?.logo ?? false);
    const formats = Object.values(result.formats);
    const list = formats[formats.length - 1];
    return list?.[list.length - 1]?.url;
  }

  #result(src: string, logo: boolean): ImageResult {
    const result = this.#results.get(`${logo ? "logo" : "photo"}:${src}`);
    if (!result) {
      throw new Error(
        `[almanac/images] ${src} was not prepared as a ${logo ? "logo" : "photo"}: only images named in the content (image, logo, Markdown bodies) are processed`,
      );
    }
    return result;
  }

  /**
   * Site-relative URL of the social card of a program, or of the site (no program, or a
   * program `prepare` drew no card for).
   */
  socialPath(program?: Pick<Program, "id">): string {
    const card = (program && this.#cards.get(program.id)) ?? this.#cards.get("site");
    if (!card) throw new Error("[almanac/images] social cards are drawn by prepare() first");
    return `/social/${card.file}`;
  }

  /** Absolute URL of that card, for `og:image`. */
  socialImage(program?: Pick<Program, "id">): string {
    return this.library.url + this.socialPath(program);
  }

  /** The icon `<link>`s' targets. */
  get favicon(): IconEntry | undefined {
    return this.icons.find((i) => i.rel === "icon");
  }
  get appleTouchIcon(): IconEntry | undefined {
    return this.icons.find((i) => i.rel === "apple-touch-icon");
  }

  /** The web app manifest (`/manifest.webmanifest`), as an object. */
  manifest(): WebAppManifest {
    const lib = this.library;
    return {
      name: lib.name,
      short_name: shortName(lib.name),
      ...(lib.description !== undefined && { description: lib.description }),
      lang: lib.language,
      start_url: "/",
      scope: "/",
      display: "standalone",
      theme_color: lib.themeColor,
      background_color: "#ffffff",
      icons: this.icons
        .filter((i) => i.purpose)
        .map((i) => ({ src: i.src, sizes: i.sizes, type: i.type, purpose: i.purpose! })),
    };
  }
}

installPictureRule();
