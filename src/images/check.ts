// Content checks for images, run with every other content check before anything renders:
// a program `image`, a partner `logo`, the library's default `image`, the site icon and every
// image in a Markdown body must be a readable picture within the size limits, and a body
// image must have alt text (or be marked decorative). Problems name the file, the line and
// the field, like every other content problem; nothing here throws for bad content.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Token } from "markdown-it";
import type { Problem } from "../content/model.ts";
import type { LineIndex } from "../content/front-matter.ts";
import { parseYaml } from "../content/front-matter.ts";
import { markdownLibrary } from "../content/markdown.ts";
import { checkImage, type ImageLimits } from "./inspect.ts";
import { Queue } from "./queue.ts";
import { isContentPath } from "../content/schema/common.ts";

/**
 * The title that marks a body image as decorative, so it may have an empty alt:
 * `![](images/divider.png "decorative")`. Any other image needs alt text between the brackets.
 */
export const DECORATIVE = "decorative";

/** The site icon a library may add; without it Almanac's own `layouts/icon.png` is used. */
export const SITE_ICON = "images/site-icon.png";

/** What the check needs of one content file (the loader's entries have all of it). */
export interface ImageCheckItem {
  /** `content/programs/x.md` */
  file: string;
  /** The front matter as written. */
  raw: Record<string, unknown>;
  /** Lines of the front-matter fields. */
  lines: LineIndex;
  /** The Markdown body. */
  body: string;
}

/** One image in a Markdown body. */
export interface BodyImage {
  /** As written, e.g. `images/map.png`. */
  src: string;
  /** Plain-text alt (empty when none was written). */
  alt: string;
  /** The image's title, if any. */
  title?: string;
  /** Marked decorative (`"decorative"` as its title). */
  decorative: boolean;
  /** 0-based line within the body. */
  line: number;
}

/** Front-matter fields holding an image path, per kind of content file. */
const IMAGE_FIELDS = ["image", "logo"] as const;

/**
 * Every image in a Markdown body, with the line it is on. Uses the site's own markdown-it
 * instance, so exactly the images that would render are found (`![x](javascript:...)` is
 * not an image there, so it is not one here either).
 */
export function bodyImages(body: string): BodyImage[] {
  if (!body.includes("![")) return [];
  const md = markdownLibrary();
  const out: BodyImage[] = [];
  for (const block of md.parse(body, {})) {
    if (block.type !== "inline" || !block.children) continue;
    let line = block.map?.[0] ?? 0;
    for (const child of block.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      if (child.type !== "image") continue;
      const titleAttr = child.attrGet("title");
      const title = titleAttr === null ? undefined : String(titleAttr);
      out.push({
        src: String(child.attrGet("src") ?? ""),
        alt: altText(child).trim(),
        ...(title !== undefined && { title }),
        decorative: title?.trim().toLowerCase() === DECORATIVE,
        line,
      });
    }
  }
  return out;
}

/** The alt text markdown-it would print: the plain text of the image's children. */
function altText(token: Token): string {
  let text = "";
  for (const child of token.children ?? []) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "image") text += altText(child);
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
  }
  return text;
}

/**
 * The body image `src` as a path under `content/`, or a message saying why it cannot be
 * used. Body images are written like front-matter ones (`images/map.png`, relative to
 * `content/`); a leading `/` is tolerated. Images on other sites are not fetched.
 */
export function bodyImagePath(src: string): { path: string } | { message: string } {
  let value: string;
  try {
    value = decodeURI(src.trim());
  } catch {
    value = src.trim();
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//")) {
    return {
      message: `image must be a file under content/, such as images/photo.jpg, not a link to another site (got "${src}"): save the image under content/images/ and write its path`,
    };
  }
  const rel = value.replace(/^\/+/, "");
  if (!isContentPath(rel)) {
    return {
      message: `must be a path relative to content/, such as images/photo.jpg, without ".." (got "${src}")`,
    };
  }
  return { path: rel };
}

export interface CheckImagesOptions {
  /** Site root (holds `content/` and `_data/`). */
  root: string;
  /** Content files to check. */
  items: readonly ImageCheckItem[];
  /** The library's default `image` from `_data/library.yaml`, when it passed the schema. */
  libraryImage?: string;
  /** The library's `logo` from `_data/library.yaml`, when it passed the schema. */
  libraryLogo?: string;
  /** Size limits; default {@link DEFAULT_IMAGE_LIMITS}. */
  limits?: Partial<ImageLimits>;
  /**
   * Where pictures that decoded in full are remembered (by content hash), so an unchanged
   * picture is decoded once, not at every check. Default `<root>/.cache/images`, the
   * build's image cache.
   */
  cacheDir?: string;
}

/**
 * All image problems of a site, as content errors. Each distinct image file is read once,
 * a few at a time (thousands of programs may share a handful of pictures), and decoded in
 * full, so a damaged picture is found here and never stops a build halfway.
 */
export async function checkImages(options: CheckImagesOptions): Promise<Problem[]> {
  const root = path.resolve(options.root);
  const cacheDir = path.resolve(root, options.cacheDir ?? ".cache/images");
  const problems: Problem[] = [];
  const queue = new Queue(8);
  const checks = new Map<string, Promise<string | undefined>>();
  /** The problem with `content/<rel>`, or undefined when it is a usable image. */
  const check = (rel: string) => {
    let job = checks.get(rel);
    if (!job) {
      job = queue.run(async () => {
        const result = await checkImage(path.join(root, "content", rel), {
          ...options.limits,
          root,
          cacheDir,
        });
        return result.ok ? undefined : result.message;
      });
      checks.set(rel, job);
    }
    return job;
  };
  const error = (file: string, line: number, field: string, message: string): Problem => ({
    severity: "error",
    file,
    line,
    field,
    message,
  });

  const pending: Promise<void>[] = [];
  for (const item of options.items) {
    for (const field of IMAGE_FIELDS) {
      const value = item.raw[field];
      // A wrong type or path was reported by the schema already.
      if (typeof value !== "string" || !isContentPath(value.trim())) continue;
      pending.push(
        check(value.trim()).then((message) => {
          if (message) problems.push(error(item.file, item.lines.get(field), field, message));
        }),
      );
    }
    const images = bodyImages(item.body);
    if (!images.length) continue;
    // Lines in the body are counted from where the body starts in the file.
    const bodyLine = bodyStartLine(root, item);
    for (const image of images) {
      const at = async () => (await bodyLine) + image.line;
      if (!image.alt && !image.decorative) {
        pending.push(
          at().then((line) => {
            problems.push(
              error(
                item.file,
                line,
                "body",
                `image ${image.src} has no alt text: describe it between the brackets, ![A librarian reading to children](${image.src}), or mark a purely decorative image with ![](${image.src} "${DECORATIVE}")`,
              ),
            );
          }),
        );
      }
      const target = bodyImagePath(image.src);
      if ("message" in target) {
        pending.push(
          at().then((line) => {
            problems.push(error(item.file, line, "body", target.message));
          }),
        );
        continue;
      }
      pending.push(
        check(target.path).then(async (message) => {
          if (message) problems.push(error(item.file, await at(), "body", message));
        }),
      );
    }
  }

  if (options.libraryImage !== undefined && isContentPath(options.libraryImage)) {
    pending.push(
      check(options.libraryImage).then(async (message) => {
        if (!message) return;
        const line = await libraryLine(root, "image");
        problems.push(error("_data/library.yaml", line, "image", message));
      }),
    );
  }
  if (options.libraryLogo !== undefined && isContentPath(options.libraryLogo)) {
    pending.push(
      check(options.libraryLogo).then(async (message) => {
        if (!message) return;
        const line = await libraryLine(root, "logo");
        problems.push(error("_data/library.yaml", line, "logo", message));
      }),
    );
  }
  // The site icon is optional, but when present it must be usable.
  pending.push(
    (async () => {
      const message = await check(SITE_ICON);
      if (message && !message.startsWith("image not found")) {
        problems.push(error(`content/${SITE_ICON}`, 1, "", message));
      }
    })(),
  );

  await Promise.all(pending);
  return problems;
}

/**
 * The 1-based line the body starts on. The loader keeps the body, not the file, so the file
 * is read again; that happens only for files whose body has an image.
 */
async function bodyStartLine(root: string, item: ImageCheckItem): Promise<number> {
  try {
    const text = await readFile(path.join(root, item.file), "utf8");
    const total = text.split(/\r?\n/).length;
    const bodyLines = item.body.split(/\r?\n/).length;
    return total - bodyLines + 1;
  } catch {
    return 1;
  }
}

async function libraryLine(root: string, field: string): Promise<number> {
  try {
    const text = await readFile(path.join(root, "_data/library.yaml"), "utf8");
    return parseYaml(text.replace(/^\uFEFF/, "")).lines.get(field);
  } catch {
    return 1;
  }
}
