// Images in real builds: responsive variants under /img/, <picture> markup, the disk cache
// across rebuilds, social cards, the app icons and manifest, and image content errors.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { buildFixture, DEMO_ROOT, REPO, type BuiltSite } from "./helpers/site.ts";
import { DEFAULT_LIBRARY, makeSite } from "./helpers/fixture.ts";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import { bodyImages } from "../src/images/check.ts";
import { SiteImages } from "../src/images/site-images.ts";
import { shortName } from "../src/images/manifest.ts";
import { ContentError } from "../src/content/problems.ts";
import type { ImageStats } from "../src/images/site-images.ts";
import almanacConfig, { config } from "../eleventy.config.ts";
import { runBuild } from "../src/build/build.ts";
import { Build } from "../src/build/context.ts";
import { findContentError } from "../src/build/errors.ts";

const NOW = "2026-11-28T10:00";

const program = (fields: string, body = "A program.") => `---
title: Teen Coding Club
summary: Games and websites with Python.
audiences: [teens]
categories: [technology]
location: central
start: 2026-12-01 16:30
end: 2026-12-01 18:00
${fields}
---
${body}
`;

/** Writes a picture with sharp: a gradient-free solid block is enough for sizes and formats. */
async function image(
  root: string,
  rel: string,
  width: number,
  height: number,
  format: "jpeg" | "png",
  alpha = false,
): Promise<void> {
  const file = path.join(root, "content", rel);
  await mkdir(path.dirname(file), { recursive: true });
  const img = sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 200, g: 40, b: 40, alpha: 0.5 } : "#3a7bd5",
    },
  });
  await (format === "jpeg" ? img.jpeg() : img.png()).toFile(file);
}

async function imageSize(file: string) {
  const meta = await sharp(file).metadata();
  return { format: meta.format, width: meta.width, height: meta.height };
}

describe("images in a built site", () => {
  let root: string;
  let site: BuiltSite;
  let firstStats: ImageStats | undefined;

  beforeAll(async () => {
    root = await makeSite({
      "content/programs/coding.md": program(
        `featured: true
image: images/programs/coding.jpg
image_alt: Two teens at a laptop
partners: [acme]`,
        `Bring a friend.

![A map of the Maker Lab](images/map.png)

![](images/divider.png "decorative")
`,
      ),
      "content/programs/plain.md": program("").replace("Teen Coding Club", "Plain Program"),
      "content/partners/acme.md": `---
name: Acme Makers
kind: business
summary: Tools and training.
logo: images/partners/acme.png
logo_alt: Acme Makers logo
---
`,
    });
    await image(root, "images/programs/coding.jpg", 1000, 600, "jpeg");
    await image(root, "images/map.png", 500, 300, "png", true);
    await image(root, "images/divider.png", 200, 20, "png");
    await image(root, "images/partners/acme.png", 300, 300, "png", true);
    site = await buildFixture(root, NOW);
    firstStats = site.stats?.images;
  }, 120_000);

  it("builds", () => {
    expect(formatProblems(site.problems)).toBe("no problems");
    expect(site.ok).toBe(true);
  });

  it("writes AVIF, WebP and a JPEG or PNG fallback at each width, never upscaled", async () => {
    const dir = path.join(site.output, "img");
    const files = (await readdir(dir)).sort();
    const strip = (f: string) => f.replace(/-[0-9a-f]{8}-/, "-#-");
    expect(files.map(strip)).toEqual(
      [
        // Logos get logo widths (160, 320), capped at the 300 px source.
        ...["160", "300"].flatMap((w) => ["avif", "png", "webp"].map((e) => `acme-#-${w}.${e}`)),
        // A photo: 400, 800 and the source's own 1000 instead of 1200.
        ...["1000", "400", "800"].flatMap((w) =>
          ["avif", "jpg", "webp"].map((e) => `coding-#-${w}.${e}`),
        ),
        "divider-#-200.avif",
        "divider-#-200.jpg",
        "divider-#-200.webp",
        // Transparency keeps a PNG fallback.
        ...["400", "500"].flatMap((w) => ["avif", "png", "webp"].map((e) => `map-#-${w}.${e}`)),
      ].sort(),
    );
    const coding = files.filter((f) => f.startsWith("coding-"));
    for (const f of coding) {
      const [, width, ext] = /-(\d+)\.(\w+)$/.exec(f)!;
      const meta = await imageSize(path.join(dir, f));
      expect(meta.width, f).toBe(Number(width));
      expect(meta.height, f).toBe(Math.round((Number(width) * 600) / 1000));
      expect(meta.format, f).toBe({ avif: "heif", jpg: "jpeg", webp: "webp" }[ext!]);
    }
  });

  it("prints the program image as an eager <picture> with width, height and alt", async () => {
    const html = await site.read("/programs/coding/");
    const hero = /<picture>.*?<\/picture>/.exec(html)![0];
    expect(hero.replace(/-[0-9a-f]{8}-/g, "-#-")).toMatchInlineSnapshot(
      `"<picture><source type="image/avif" srcset="/img/coding-#-400.avif 400w, /img/coding-#-800.avif 800w, /img/coding-#-1000.avif 1000w" sizes="(min-width: 50rem) 48rem, calc(100vw - 2rem)"><source type="image/webp" srcset="/img/coding-#-400.webp 400w, /img/coding-#-800.webp 800w, /img/coding-#-1000.webp 1000w" sizes="(min-width: 50rem) 48rem, calc(100vw - 2rem)"><img src="/img/coding-#-1000.jpg" srcset="/img/coding-#-400.jpg 400w, /img/coding-#-800.jpg 800w, /img/coding-#-1000.jpg 1000w" sizes="(min-width: 50rem) 48rem, calc(100vw - 2rem)" width="1000" height="600" alt="Two teens at a laptop" class="hero-image" loading="eager" fetchpriority="high" decoding="async"></picture>"`,
    );
    // Every other image on the page loads lazily.
    const imgs = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(imgs).toHaveLength(3);
    expect(imgs.slice(1).every((i) => i.includes('loading="lazy"'))).toBe(true);
    expect(html).not.toContain('src="images/');
  });

  it("turns body images into lazy <picture>s, decorative ones with an empty alt", async () => {
    const html = await site.read("/programs/coding/");
    const prose = html.slice(html.indexOf('<div class="prose">'));
    const imgs = [...prose.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(imgs[0]).toContain('alt="A map of the Maker Lab"');
    expect(imgs[0]).toMatch(/src="\/img\/map-[0-9a-f]{8}-500\.png" .*width="500" height="300"/);
    expect(imgs[1]).toContain('alt=""');
    expect(imgs[1]).not.toContain("title=");
    expect(prose).toContain("<picture><source");
  });

  it("shows a lazy image in featured cards and logos on partner pages", async () => {
    const home = await site.read("/");
    expect(home).toMatch(/<img [^>]*alt="Two teens at a laptop" class="card-image" loading="lazy"/);
    const partner = await site.read("/partners/acme/");
    expect(partner).toMatch(
      /<img src="\/img\/acme-[0-9a-f]{8}-300\.png" [^>]*width="300" height="300" alt="Acme Makers logo" class="logo"/,
    );
    // In the directory the name sits beside the logo: decorative there.
    const directory = await site.read("/partners/");
    expect(directory).toMatch(/<img [^>]*alt="" class="logo logo-small" loading="lazy"/);
  });

  it("draws a 1200x630 social card per program and one for the site, used by og:image", async () => {
    const ogImage = async (url: string) => {
      const m =
        /<meta property="og:image" content="https:\/\/library\.example\.org(\/social\/[0-9a-f]{16}\.(?:jpg|png))">/.exec(
          await site.read(url),
        );
      expect(m, url).not.toBeNull();
      return m![1]!;
    };
    const cards = {
      coding: await ogImage("/programs/coding/"),
      plain: await ogImage("/programs/plain/"),
      site: await ogImage("/partners/"),
    };
    // Over the program's picture a JPEG; on the theme colour (no picture) a PNG.
    const formats = { coding: "jpeg", plain: "png", site: "png" };
    for (const [name, url] of Object.entries(cards)) {
      const meta = await imageSize(path.join(site.output, url));
      expect(meta, name).toEqual({ format: formats[name as "coding"], width: 1200, height: 630 });
    }
    expect(new Set(Object.values(cards)).size).toBe(3);
    expect(await site.read("/")).toContain(`content="https://library.example.org${cards.site}"`);
    // Every card published is used, once each (programs drawn alike would share one).
    expect((await readdir(path.join(site.output, "social"))).sort()).toEqual(
      Object.values(cards)
        .map((u) => u.slice("/social/".length))
        .sort(),
    );
    // X reads og:image; only the card type is its own tag.
    const html = await site.read("/programs/coding/");
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(html).not.toContain('name="twitter:image"');
  });

  it("writes a valid manifest whose icons exist, and links icons and theme colour", async () => {
    const manifest = JSON.parse(await site.read("/manifest.webmanifest"));
    expect(manifest).toMatchObject({
      name: "Riverside Public Library",
      short_name: "Riverside",
      start_url: "/",
      scope: "/",
      display: "standalone",
      theme_color: "#1d4e89",
    });
    expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`))
      .toMatchInlineSnapshot(`
        [
          "192x192 any",
          "512x512 any",
          "512x512 maskable",
        ]
      `);
    for (const icon of manifest.icons) {
      const size = Number(icon.sizes.split("x")[0]);
      const meta = await imageSize(path.join(site.output, icon.src));
      expect(meta).toEqual({ format: "png", width: size, height: size });
    }
    const head = await site.read("/");
    expect(head).toContain('<link rel="manifest" href="/manifest.webmanifest">');
    expect(head).toContain(
      '<link rel="icon" href="/favicon-32.png" sizes="32x32" type="image/png">',
    );
    expect(head).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png">');
    expect(head).toContain('<meta name="theme-color" content="#1d4e89">');
    expect(await imageSize(path.join(site.output, "favicon-32.png"))).toEqual({
      format: "png",
      width: 32,
      height: 32,
    });
  });

  it("does all image work once, and nothing on an unchanged rebuild", async () => {
    // 9 photo variants + 6 map + 3 divider + 6 logo; 3 cards; one icon set.
    expect(firstStats).toMatchObject({ encodes: 24, cardsDrawn: 3, iconSetsDrawn: 1 });
    const again = await buildFixture(root, NOW);
    expect(again.ok).toBe(true);
    expect(again.stats?.images).toMatchObject({
      encodes: 0,
      cacheHits: 4,
      cardsDrawn: 0,
      iconSetsDrawn: 0,
    });
    expect((await readdir(path.join(again.output, "img"))).length).toBe(24);
    // A changed image is encoded again, alone.
    await image(root, "images/divider.png", 240, 20, "png");
    const changed = await buildFixture(root, NOW);
    expect(changed.ok).toBe(true);
    expect(changed.stats?.images).toMatchObject({ encodes: 3, cacheHits: 3, cardsDrawn: 0 });
  }, 120_000);
});

describe("image content errors", () => {
  it("names the file, line and field of every missing, unreadable or oversized image", async () => {
    const root = await makeSite({
      "_data/library.yaml": `${DEFAULT_LIBRARY}image: images/default.jpg\n`,
      "content/programs/missing.md": program(
        "image: images/programs/nope.jpg\nimage_alt: Nothing here",
      ),
      "content/programs/broken.md": program("image: images/broken.jpg\nimage_alt: Broken"),
      "content/programs/huge.md": program("image: images/huge.png\nimage_alt: A long strip"),
      "content/programs/body.md": program(
        "",
        `Intro paragraph.

Some text
![](images/huge.png) on a second line.

![Map](https://example.org/map.png)

![A folder](images)
`,
      ),
      "content/partners/acme.md": `---
name: Acme Makers
kind: business
summary: Tools and training.
logo: images/partners/acme.png
logo_alt: Acme Makers logo
---
`,
      "content/images/broken.jpg": "this is not a picture",
    });
    // 12,001 pixels wide: over the longest-side limit while the file stays tiny.
    await image(root, "images/huge.png", 12_001, 4, "png");
    await mkdir(path.join(root, "content/images/site-icon.png"), { recursive: true });

    const { catalogue, problems } = await loadCatalogue({ root, env: { ALMANAC_NOW: NOW } });
    expect(catalogue).toBeUndefined();
    expect(formatProblems(problems)).toMatchInlineSnapshot(`
      "_data/library.yaml:23: image: image not found: content/images/default.jpg
      content/images/site-icon.png:1: not a readable image: content/images/site-icon.png (a folder)
      content/partners/acme.md:5: logo: image not found: content/images/partners/acme.png
      content/programs/body.md:14: body: image images/huge.png has no alt text: describe it between the brackets, ![A librarian reading to children](images/huge.png), or mark a purely decorative image with ![](images/huge.png "decorative")
      content/programs/body.md:14: body: image too large: content/images/huge.png is 12001x4 pixels (limit 12000 on the longest side)
      content/programs/body.md:16: body: image must be a file under content/, such as images/photo.jpg, not a link to another site (got "https://example.org/map.png"): save the image under content/images/ and write its path
      content/programs/body.md:18: body: not a readable image: content/images (a folder)
      content/programs/broken.md:9: image: not a readable image: content/images/broken.jpg (unsupported image format)
      content/programs/huge.md:9: image: image too large: content/images/huge.png is 12001x4 pixels (limit 12000 on the longest side)
      content/programs/missing.md:9: image: image not found: content/images/programs/nope.jpg
      10 errors"
    `);

    // A build stops before rendering with the same list, and writes nothing.
    const built = await buildFixture(root, NOW);
    expect(built.ok).toBe(false);
    expect(formatProblems(built.problems)).toBe(formatProblems(problems));
    expect(built.exists("/")).toBe(false);
  });

  it("checks the size limit in bytes too", async () => {
    const root = await makeSite({
      "content/programs/big.md": program("image: images/big.jpg\nimage_alt: Big"),
    });
    // A valid JPEG followed by 26 MB of zeros: readable, but over the 25 MB file limit.
    await image(root, "images/big.jpg", 10, 10, "jpeg");
    const file = path.join(root, "content/images/big.jpg");
    await writeFile(file, Buffer.concat([await readFile(file), Buffer.alloc(26 * 1024 * 1024)]));
    const { problems } = await loadCatalogue({ root, env: { ALMANAC_NOW: NOW } });
    expect(formatProblems(problems)).toMatchInlineSnapshot(`
      "content/programs/big.md:9: image: image too large: content/images/big.jpg is 27 MB (limit 25 MB)
      1 error"
    `);
  });
});

/** A real photo from the demo library with its second half cut off, or its middle zeroed. */
async function damaged(root: string, rel: string, how: "cut" | "zeroed"): Promise<void> {
  const bytes = await readFile(path.join(DEMO_ROOT, "content/images/programs/stargazing.jpg"));
  const file = path.join(root, "content", rel);
  await mkdir(path.dirname(file), { recursive: true });
  if (how === "cut") {
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  } else {
    const copy = Buffer.from(bytes);
    copy.fill(0, Math.floor(copy.length / 3), Math.floor((2 * copy.length) / 3));
    await writeFile(file, copy);
  }
}

describe("damaged pictures (header intact)", () => {
  it("are found by the check, one line each with file, line and field, and stop the build the same way", async () => {
    const root = await makeSite({
      "_data/library.yaml": `${DEFAULT_LIBRARY}image: images/default.jpg\n`,
      "content/programs/cut.md": program("image: images/programs/cut.jpg\nimage_alt: A kite"),
      "content/programs/plain.md": program("").replace("Teen Coding Club", "No image of its own"),
      "content/pages/map.md": `---
title: Visiting
---
How to find us.

![The reading room](images/zeroed.jpg)
`,
    });
    await damaged(root, "images/programs/cut.jpg", "cut");
    await damaged(root, "images/zeroed.jpg", "zeroed");
    // The library-wide picture: every card without a program image is drawn over it.
    await damaged(root, "images/default.jpg", "zeroed");

    const { catalogue, problems } = await loadCatalogue({ root, env: { ALMANAC_NOW: NOW } });
    expect(catalogue).toBeUndefined();
    expect(formatProblems(problems)).toMatchInlineSnapshot(`
      "_data/library.yaml:23: image: not a readable image: content/images/default.jpg (damaged or cut off: open it and save it again, or use the original)
      content/pages/map.md:6: body: not a readable image: content/images/zeroed.jpg (damaged or cut off: open it and save it again, or use the original)
      content/programs/cut.md:9: image: not a readable image: content/images/programs/cut.jpg (damaged or cut off: open it and save it again, or use the original)
      3 errors"
    `);

    const built = await buildFixture(root, NOW);
    expect(built.ok).toBe(false);
    expect(formatProblems(built.problems)).toBe(formatProblems(problems));
    expect(built.exists("/")).toBe(false);
  });

  it("the library-wide image alone: check and build name _data/library.yaml and the field, no stack trace", async () => {
    const root = await makeSite({
      "_data/library.yaml": `${DEFAULT_LIBRARY}image: images/default.jpg\n`,
      "content/programs/plain.md": program(""),
    });
    await damaged(root, "images/default.jpg", "cut");
    const run = (command: string) =>
      new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ["scripts/cli.mjs", command, "--root", root],
          { cwd: REPO, env: { ...process.env, ALMANAC_NOW: NOW, ALMANAC_SEARCH: "off" } },
          (error, _stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        );
      });
    const expected =
      "_data/library.yaml:23: image: not a readable image: content/images/default.jpg (damaged or cut off: open it and save it again, or use the original)";
    for (const command of ["check", "build"]) {
      const { code, stderr } = await run(command);
      expect(code, command).toBe(1);
      expect(stderr.split("\n")[0], command).toBe(expected);
      expect(stderr, command).not.toMatch(/^\s+at /m);
    }
    expect(existsSync(path.join(root, "_site"))).toBe(false);
  }, 120_000);

  it("a picture damaged after the check (between check and encode) is still one line naming the file", async () => {
    const root = await makeSite({
      "content/programs/later.md": program("image: images/later.jpg\nimage_alt: A kite"),
    });
    await copyFile(
      path.join(DEMO_ROOT, "content/images/programs/stargazing.jpg"),
      path.join(root, "content/images/later.jpg"),
    ).catch(async () => {
      await mkdir(path.join(root, "content/images"), { recursive: true });
      await copyFile(
        path.join(DEMO_ROOT, "content/images/programs/stargazing.jpg"),
        path.join(root, "content/images/later.jpg"),
      );
    });
    const { catalogue } = await loadCatalogue({ root, env: { ALMANAC_NOW: NOW } });
    expect(catalogue).toBeDefined();
    await damaged(root, "images/later.jpg", "cut");
    const output = await mkdtemp(path.join(os.tmpdir(), "almanac-late-"));
    const error = await new SiteImages(catalogue!, { root, output })
      .prepare()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).message).toMatchInlineSnapshot(`
      "content/programs/later.md:1: image: not a readable image: content/images/later.jpg (damaged or cut off: open it and save it again, or use the original)
      1 error"
    `);
  });
});

describe("social cards drawn while the pages render", () => {
  it("prepare names every card (its URL is known) and leaves the drawing to cardsDrawn()", async () => {
    const root = await makeSite({
      "content/programs/chess.md": program("").replace("Teen Coding Club", "Chess Club"),
      "content/programs/chess-too.md": program("").replace("Teen Coding Club", "Chess Club"),
      "content/programs/coding.md": program(""),
    });
    const { catalogue } = await loadCatalogue({ root, env: { ALMANAC_NOW: NOW } });
    const output = await mkdtemp(path.join(os.tmpdir(), "almanac-cards-"));
    const images = new SiteImages(catalogue!, { root, output });
    await images.prepare();
    // Three files: the site's card and one per title (the two Chess Clubs share theirs),
    // every page's URL known, none drawn yet.
    expect(images.cardsLeft).toEqual({ left: 3, total: 3 });
    const urls = catalogue!.programs.map((p) => images.socialPath(p));
    expect(urls[0]).toMatch(/^\/social\/[0-9a-f]{16}\.png$/);
    expect(new Set(urls).size).toBe(2);
    expect(images.stats.cardsDrawn).toBe(0);
    await images.cardsDrawn();
    expect(images.cardsLeft).toEqual({ left: 0, total: 3 });
    expect(images.stats.cardsDrawn).toBe(3);
    for (const url of [...urls, images.socialPath()]) {
      expect(existsSync(path.join(output, url)), url).toBe(true);
    }
  });

  it("a card that fails to draw fails the build with its one-line problem, and leaves nothing behind", async () => {
    const root = await makeSite({
      "_data/library.yaml": `${DEFAULT_LIBRARY}image: images/default.jpg\n`,
      "content/programs/plain.md": program(""),
    });
    await mkdir(path.join(root, "content/images"), { recursive: true });
    await copyFile(
      path.join(DEMO_ROOT, "content/images/programs/stargazing.jpg"),
      path.join(root, "content/images/default.jpg"),
    );
    // Checked whole, then damaged before the build: the library-wide picture is drawn only
    // on the cards, so it is a card's drawing that finds it.
    const env = { ALMANAC_NOW: NOW, ALMANAC_SEARCH: "off" };
    const build = new Build({ root, env });
    const loaded = await build.load();
    expect(loaded.catalogue).toBeDefined();
    await damaged(root, "images/default.jpg", "zeroed");
    const output = path.join(await mkdtemp(path.join(os.tmpdir(), "almanac-cards-")), "_site");
    const error = await runBuild(
      { configure: almanacConfig, ...config },
      { root, output, env },
      { build, loaded },
    ).catch((e: unknown) => e);
    expect(findContentError(error)?.message).toMatchInlineSnapshot(`
      "_data/library.yaml:1: image: not a readable image: content/images/default.jpg (damaged or cut off: open it and save it again, or use the original)
      1 error"
    `);
    expect(await readdir(path.dirname(output))).toEqual([]);
  }, 120_000);
});

describe("copies of one picture under different names", () => {
  const copies = ["kite.jpg", "kite-copy.jpg", "programs/kite.jpg"];

  it("share one cache entry: an empty cache, many programs, then a warm build", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) {
      const image = copies[i % copies.length];
      // Pairs of programs with the same title and picture also share one social card.
      files[`content/programs/flight-${i}.md`] = program(
        `image: images/${image}\nimage_alt: A red kite`,
        `![The same kite](images/${copies[(i + 1) % copies.length]})`,
      ).replace("Teen Coding Club", `Kite flying ${Math.floor(i / 2)}`);
    }
    files["content/partners/kites.md"] = `---
name: Kite Club
kind: community
summary: Kites.
logo: images/kite-copy.jpg
logo_alt: Kite Club logo
---
`;
    const root = await makeSite(files);
    const source = path.join(DEMO_ROOT, "content/images/programs/stargazing.jpg");
    for (const name of copies) {
      await mkdir(path.dirname(path.join(root, "content/images", name)), { recursive: true });
      await copyFile(source, path.join(root, "content/images", name));
    }
    expect(existsSync(path.join(root, ".cache"))).toBe(false);

    const cold = await buildFixture(root, NOW);
    expect(formatProblems(cold.problems)).toBe("no problems");
    expect(cold.ok).toBe(true);
    // One set of photo variants (3 widths x 3 formats) and one of logo variants (2 x 3),
    // whatever the number of names; each name is published under its own file name
    // (images/kite.jpg and images/programs/kite.jpg share theirs).
    expect(cold.stats?.images).toMatchObject({ encodes: 15 });
    const published = (await readdir(path.join(cold.output, "img"))).map((f) =>
      f.replace(/-[0-9a-f]{8}-/, "-#-"),
    );
    expect(published.filter((f) => f.startsWith("kite-#-"))).toHaveLength(9);
    expect(published.filter((f) => f.startsWith("kite-copy-#-"))).toHaveLength(15);
    await expectEveryPictureExists(cold);

    const warm = await buildFixture(root, NOW);
    expect(warm.ok).toBe(true);
    expect(warm.stats?.images).toMatchObject({ encodes: 0, cardsDrawn: 0 });
    await expectEveryPictureExists(warm);
  }, 180_000);
});

/** Every /img/ and /social/ file a program page refers to was written. */
async function expectEveryPictureExists(site: BuiltSite): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const html = await site.read(`/programs/flight-${i}/`);
    const urls = [...html.matchAll(/(?:src|srcset|content)="([^"]+)"/g)]
      .flatMap((m) => m[1]!.split(/,\s*/))
      .map((u) => u.trim().split(/\s+/)[0]!.replace("https://library.example.org", ""))
      .filter((u) => u.startsWith("/img/") || u.startsWith("/social/"));
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls) expect(site.exists(url), url).toBe(true);
  }
}

describe("body images", () => {
  it("finds each image with its line, alt text and decorative mark", () => {
    expect(
      bodyImages(`Para one.

Line a
Line b ![Alt *with* emphasis](images/a.png)

- item ![](images/b.png "decorative")
- ![](images/c.png)

[not an image](images/d.png) and ![x](javascript:alert(1))
`),
    ).toEqual([
      { src: "images/a.png", alt: "Alt with emphasis", decorative: false, line: 3 },
      { src: "images/b.png", alt: "", title: "decorative", decorative: true, line: 5 },
      { src: "images/c.png", alt: "", decorative: false, line: 6 },
    ]);
  });
});

describe("short_name", () => {
  it("drops Library from long names and keeps short ones", () => {
    expect(shortName("Maple Hollow Public Library")).toBe("Maple Hollow");
    expect(shortName("Riverside Public Library")).toBe("Riverside");
    expect(shortName("Oak Library")).toBe("Oak Library");
    expect(shortName("Bibliothèque municipale de Saint-Étienne")).toBe("Bibliothèque");
  });
});
