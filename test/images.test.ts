import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIcons } from "../src/images/icons.ts";
import { placeFile, withDiskCache } from "../src/images/disk-cache.ts";
import { checkImage, ImageError } from "../src/images/inspect.ts";
import { pictureHtml } from "../src/images/picture.ts";
import { effectiveWidths, ImageProcessor, type ImageResult } from "../src/images/processor.ts";
import { Queue } from "../src/images/queue.ts";
import { socialCard } from "../src/images/social-card.ts";
import { DEMO_ROOT } from "./helpers/site.ts";

let tmp: string;
let photo: string; // 300x200 JPEG
let logo: string; // 120x120 PNG with transparency

/** A small photo-like picture: a gradient with a shape, so encoders have something to do. */
function drawing(width: number, height: number, color = "#e63946"): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><linearGradient id="g"><stop offset="0" stop-color="#1d4e89"/><stop offset="1" stop-color="#f1faee"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/>
      <circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="${color}"/>
    </svg>`,
  );
}

/** A PNG whose header claims `width` x `height` but that holds almost no pixel data. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.alloc(100))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "almanac-images-"));
  photo = path.join(tmp, "src", "Summer Photo.jpg");
  logo = path.join(tmp, "src", "logo.png");
  await fs.mkdir(path.dirname(photo), { recursive: true });
  await sharp(drawing(300, 200)).jpeg().toFile(photo);
  await sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><circle cx="60" cy="60" r="50" fill="#2a9d8f"/></svg>`,
    ),
  )
    .png()
    .toFile(logo);
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** A processor writing into a fresh output folder; the cache folder is shared unless given. */
function processor(
  name: string,
  extra: Partial<ConstructorParameters<typeof ImageProcessor>[0]> = {},
) {
  return new ImageProcessor({
    widths: [100, 200, 400],
    outputDir: path.join(tmp, name, "img"),
    urlPath: "/img/",
    cacheDir: path.join(tmp, "cache"),
    ...extra,
  });
}

async function readBack(outputDir: string, url: string) {
  return sharp(path.join(outputDir, path.basename(url))).metadata();
}

describe("ImageProcessor", () => {
  it("writes every format at every width, never wider than the source, with the sizes it reports", async () => {
    const p = processor("formats", { cacheDir: path.join(tmp, "cache-formats") });
    const result = await p.process(photo);
    expect(result.width).toBe(300);
    expect(result.height).toBe(200);
    expect(Object.keys(result.formats)).toEqual(["avif", "webp", "jpeg"]);
    for (const [format, variants] of Object.entries(result.formats)) {
      // 400 is wider than the 300 px source: it becomes 300, not an upscaled 400.
      expect(variants.map((v) => v.width)).toEqual([100, 200, 300]);
      for (const v of variants) {
        expect(v.url).toMatch(
          new RegExp(`^/img/summer-photo-[0-9a-f]{8}-${v.width}\\.(avif|webp|jpg)$`),
        );
        const meta = await readBack(path.join(tmp, "formats", "img"), v.url);
        expect(meta.format).toBe(format === "avif" ? "heif" : format);
        expect(meta.width).toBe(v.width);
        expect(meta.height).toBe(v.height);
        expect(v.height).toBe(Math.round((v.width * 2) / 3));
      }
    }
    expect(p.stats.encodes).toBe(9);
  });

  it("does not upscale a source smaller than every width", async () => {
    const tiny = path.join(tmp, "src", "tiny.jpg");
    await sharp(drawing(80, 60)).jpeg().toFile(tiny);
    const p = processor("tiny", { formats: ["webp", "jpeg"] });
    const result = await p.process(tiny);
    for (const variants of Object.values(result.formats)) {
      expect(variants).toHaveLength(1);
      expect(variants[0]).toMatchObject({ width: 80, height: 60 });
      const meta = await readBack(path.join(tmp, "tiny", "img"), variants[0]!.url);
      expect([meta.width, meta.height]).toEqual([80, 60]);
    }
  });

  it("keeps transparency for PNG sources: avif, webp, png by default", async () => {
    const p = processor("alpha", { widths: [60] });
    const result = await p.process(logo);
    expect(Object.keys(result.formats)).toEqual(["avif", "webp", "png"]);
    const meta = await readBack(path.join(tmp, "alpha", "img"), result.formats.png![0]!.url);
    expect(meta.hasAlpha).toBe(true);
    expect(meta.width).toBe(60);
  });

  it("memoises per build: the same source twice is processed once", async () => {
    const p = processor("memo", { formats: ["jpeg"], cacheDir: path.join(tmp, "cache-memo") });
    const [a, b] = await Promise.all([p.process(photo), p.process(photo)]);
    expect(a).toBe(b);
    expect(p.stats.encodes).toBe(3);
  });

  it("a second processor with the same cache encodes nothing and still writes the outputs", async () => {
    const cacheDir = path.join(tmp, "cache-warm");
    const cold = processor("cold", { cacheDir, formats: ["webp", "jpeg"] });
    const first = await cold.process(photo);
    expect(cold.stats).toEqual({ encodes: 6, cacheHits: 0 });

    const warm = processor("warm", { cacheDir, formats: ["webp", "jpeg"] });
    const second = await warm.process(photo);
    expect(warm.stats).toEqual({ encodes: 0, cacheHits: 1 });
    expect(second).toEqual(first);
    for (const v of Object.values(second.formats).flat()) {
      const meta = await readBack(path.join(tmp, "warm", "img"), v.url);
      expect(meta.width).toBe(v.width);
    }
  });

  it("re-encodes when the source changes, under a new file name", async () => {
    const cacheDir = path.join(tmp, "cache-change");
    const source = path.join(tmp, "src", "changing.jpg");
    await sharp(drawing(300, 200)).jpeg().toFile(source);
    const before = await processor("change1", { cacheDir, formats: ["jpeg"] }).process(source);

    await sharp(drawing(300, 200, "#ffb703"))
      .jpeg()
      .toFile(source);
    const p = processor("change2", { cacheDir, formats: ["jpeg"] });
    const after = await p.process(source);
    expect(p.stats).toEqual({ encodes: 3, cacheHits: 0 });
    expect(after.formats.jpeg![0]!.url).not.toBe(before.formats.jpeg![0]!.url);
  });

  it("re-encodes when an option that shapes the output changes", async () => {
    const cacheDir = path.join(tmp, "cache-options");
    await processor("opt1", { cacheDir, formats: ["jpeg"] }).process(photo);
    const p = processor("opt2", { cacheDir, formats: ["jpeg"], widths: [150] });
    await p.process(photo);
    expect(p.stats.encodes).toBe(1);
  });

  it("rebuilds a cache entry someone pruned by hand", async () => {
    const cacheDir = path.join(tmp, "cache-pruned");
    const first = await processor("pruned1", { cacheDir, formats: ["jpeg"] }).process(photo);
    const [entry] = (await fs.readdir(cacheDir)).filter((n) => !n.startsWith("."));
    // Entries hold `<width>.<ext>`, whatever the source's name.
    await fs.rm(path.join(cacheDir, entry!, `${first.formats.jpeg![0]!.width}.jpg`));
    const p = processor("pruned2", { cacheDir, formats: ["jpeg"] });
    await p.process(photo);
    expect(p.stats.encodes).toBe(3);
  });

  it("throws an ImageError naming the file for a missing source", async () => {
    const p = processor("missing");
    const err = await p.process(path.join(tmp, "src", "nope.jpg")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect((err as Error).message).toBe(`image not found: ${path.join(tmp, "src", "nope.jpg")}`);
  });

  it("throws an ImageError for a file whose header is fine but whose pixels are cut off", async () => {
    const cut = path.join(tmp, "src", "cut.jpg");
    const bytes = await fs.readFile(photo);
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    // The header alone passes; only a decode finds it (checkImage decodes, see below).
    expect(await checkImage(cut, { decode: false })).toMatchObject({ ok: true });
    const err = await processor("cut", { formats: ["jpeg"] })
      .process(cut)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect((err as Error).message).toMatch(
      /^not a readable image: .*cut\.jpg \(damaged or cut off: open it and save it again, or use the original\)$/,
    );
  });

  it("encodes two copies of one picture (different names) once, even at the same time", async () => {
    const cacheDir = path.join(tmp, "cache-copies");
    const copy = path.join(tmp, "src", "Summer Photo copy.jpg");
    await fs.copyFile(photo, copy);
    const opts = { cacheDir, formats: ["webp", "jpeg"] as ("webp" | "jpeg")[] };
    // Two processors (one per build step, say) and both names, all at once, empty cache.
    const a = processor("copies-a", opts);
    const b = processor("copies-b", opts);
    const results = await Promise.all([
      a.process(photo),
      a.process(copy),
      b.process(copy),
      b.process(photo),
    ]);
    expect(a.stats.encodes + b.stats.encodes).toBe(6);
    // Each name keeps its own readable file name; the hash part is the same.
    const names = results.map((r) => path.basename(r.formats.jpeg![0]!.url));
    expect(names[0]).toMatch(/^summer-photo-[0-9a-f]{8}-100\.jpg$/);
    expect(names[1]).toBe(names[0]!.replace("summer-photo-", "summer-photo-copy-"));
    for (const [i, dir] of ["copies-a", "copies-a", "copies-b", "copies-b"].entries()) {
      for (const v of Object.values(results[i]!.formats).flat()) {
        const meta = await readBack(path.join(tmp, dir, "img"), v.url);
        expect([meta.width, meta.height]).toEqual([v.width, v.height]);
      }
    }
    // One cache entry, no temporary folders left.
    expect((await fs.readdir(cacheDir)).length).toBe(1);

    // Warm: nothing is encoded, both names are written.
    const warm = processor("copies-warm", opts);
    const [first, second] = await Promise.all([warm.process(copy), warm.process(photo)]);
    expect(warm.stats).toEqual({ encodes: 0, cacheHits: 2 });
    expect(first.formats.jpeg![0]!.url).toBe(`/img/${names[1]}`);
    expect(second.formats.jpeg![0]!.url).toBe(`/img/${names[0]}`);
  });

  it("rejects bad options with a sentence naming the plugin", () => {
    expect(() => processor("bad", { widths: [0, 400] })).toThrowErrorMatchingInlineSnapshot(
      `[Error: [almanac/images] widths must be positive whole numbers, e.g. [400, 800, 1200]; got [0,400].]`,
    );
    expect(() =>
      processor("bad", { formats: ["gif" as "png"] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[Error: [almanac/images] formats must be some of avif, webp, jpeg, png; got ["gif"].]`,
    );
  });
});

describe("withDiskCache", () => {
  it("runs one producer for many concurrent callers of the same entry", async () => {
    const cacheDir = path.join(tmp, "cache-inflight");
    let produced = 0;
    const produce = async (dir: string) => {
      produced++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await fs.writeFile(path.join(dir, "out.txt"), "made once");
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => withDiskCache(cacheDir, "same-key", produce)),
    );
    expect(produced).toBe(1);
    expect(results.every((r) => r === undefined)).toBe(true);
    expect(await fs.readFile(path.join(cacheDir, "same-key", "out.txt"), "utf8")).toBe("made once");
    expect(await fs.readdir(cacheDir)).toEqual(["same-key"]);
    // Later callers get a hit.
    expect(await withDiskCache(cacheDir, "same-key", produce)).toBe(
      path.join(cacheDir, "same-key"),
    );
    expect(produced).toBe(1);
  });

  it("uses the entry another build finished first, and leaves no temporary folder", async () => {
    const cacheDir = path.join(tmp, "cache-race");
    const entry = path.join(cacheDir, "raced");
    // While this producer works, "another process" renames its complete entry into place.
    const result = await withDiskCache(cacheDir, "raced", async (dir) => {
      await fs.writeFile(path.join(dir, "out.txt"), "ours");
      await fs.mkdir(entry);
      await fs.writeFile(path.join(entry, "out.txt"), "theirs");
    });
    expect(result).toBeUndefined();
    expect(await fs.readFile(path.join(entry, "out.txt"), "utf8")).toBe("theirs");
    expect(await fs.readdir(cacheDir)).toEqual(["raced"]);
  });
});

describe("placeFile", () => {
  it("replaces what is at the target, and two placements of one file at once both succeed", async () => {
    const dir = path.join(tmp, "place");
    await fs.mkdir(dir, { recursive: true });
    const from = path.join(dir, "cached.txt");
    const to = path.join(dir, "out", "published.txt");
    await fs.writeFile(from, "new");
    await fs.mkdir(path.dirname(to), { recursive: true });
    await fs.writeFile(to, "old");
    await Promise.all([placeFile(from, to), placeFile(from, to), placeFile(from, to)]);
    expect(await fs.readFile(to, "utf8")).toBe("new");
    expect(await fs.readdir(path.dirname(to))).toEqual(["published.txt"]);
  });

  it("links the file where nothing was, its folder made as needed", async () => {
    const dir = path.join(tmp, "place-fresh");
    await fs.mkdir(dir, { recursive: true });
    const from = path.join(dir, "cached.txt");
    await fs.writeFile(from, "card");
    for (const to of [path.join(dir, "published.txt"), path.join(dir, "new", "published.txt")]) {
      await placeFile(from, to);
      expect((await fs.stat(to)).ino).toBe((await fs.stat(from)).ino);
      expect(await fs.readdir(path.dirname(to))).toContain("published.txt");
    }
    expect((await fs.readdir(dir)).sort()).toEqual(["cached.txt", "new", "published.txt"]);
    expect(await fs.readdir(path.join(dir, "new"))).toEqual(["published.txt"]);
  });
});

describe("Queue", () => {
  it("never runs more jobs at once than its limit, and runs them all", async () => {
    const queue = new Queue(2);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(
      [5, 1, 4, 2, 3].map((ms, i) =>
        queue.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((resolve) => setTimeout(resolve, ms));
          active--;
          return i;
        }),
      ),
    );
    expect(done).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });
});

describe("effectiveWidths", () => {
  it("caps widths at the source width and drops duplicates", () => {
    expect(effectiveWidths([400, 800, 1200], 1000)).toEqual([400, 800, 1000]);
    expect(effectiveWidths([1200, 400, 800], 300)).toEqual([300]);
  });
});

describe("pictureHtml", () => {
  const result: ImageResult = {
    width: 1600,
    height: 1000,
    formats: {
      avif: [
        { url: "/img/a-1-400.avif", width: 400, height: 250, format: "avif" },
        { url: "/img/a-1-800.avif", width: 800, height: 500, format: "avif" },
      ],
      webp: [
        { url: "/img/a-1-400.webp", width: 400, height: 250, format: "webp" },
        { url: "/img/a-1-800.webp", width: 800, height: 500, format: "webp" },
      ],
      jpeg: [
        { url: "/img/a-1-400.jpg", width: 400, height: 250, format: "jpeg" },
        { url: "/img/a-1-800.jpg", width: 800, height: 500, format: "jpeg" },
      ],
    },
  };

  it("gives sources best first, a sized lazy fallback, and escapes the alt text", () => {
    expect(
      pictureHtml(result, `Kids say "hi" <b>&</b> 'wave'`, {
        sizes: "(min-width: 40em) 50vw, 100vw",
      }),
    ).toMatchInlineSnapshot(
      `"<picture><source type="image/avif" srcset="/img/a-1-400.avif 400w, /img/a-1-800.avif 800w" sizes="(min-width: 40em) 50vw, 100vw"><source type="image/webp" srcset="/img/a-1-400.webp 400w, /img/a-1-800.webp 800w" sizes="(min-width: 40em) 50vw, 100vw"><img src="/img/a-1-800.jpg" srcset="/img/a-1-400.jpg 400w, /img/a-1-800.jpg 800w" sizes="(min-width: 40em) 50vw, 100vw" width="800" height="500" alt="Kids say &quot;hi&quot; &lt;b&gt;&amp;&lt;/b&gt; &#39;wave&#39;" loading="lazy" decoding="async"></picture>"`,
    );
  });

  it("loads the main image eagerly with high priority, and escapes the class", () => {
    const html = pictureHtml(result, "", { eager: true, className: `hero" onload="x` });
    expect(html).toContain(`alt=""`);
    expect(html).toContain(`loading="eager" fetchpriority="high"`);
    expect(html).not.toContain(`loading="lazy"`);
    expect(html).toContain(`class="hero&quot; onload=&quot;x"`);
  });

  it("works end to end on a processed image", async () => {
    const processed = await processor("html", { formats: ["webp", "jpeg"] }).process(photo);
    const html = pictureHtml(processed, "A red circle");
    expect(html).toMatch(
      /^<picture><source type="image\/webp" srcset="[^"]+ 100w, [^"]+ 200w, [^"]+ 300w"/,
    );
    expect(html).toContain(`width="300" height="200"`);
  });
});

describe("checkImage", () => {
  it("accepts a readable image and reports its size", async () => {
    expect(await checkImage(photo)).toEqual({ ok: true, width: 300, height: 200 });
  });

  it("calls a pipe named as an image not a regular file, not a folder, and never opens it", async () => {
    const fifo = path.join(tmp, "pipe.jpg");
    execFileSync("mkfifo", [fifo]);
    expect(await checkImage(fifo, { root: tmp })).toEqual({
      ok: false,
      message: "not a readable image: pipe.jpg (not a regular file)",
    });
  });

  it("says so when the file is missing", async () => {
    expect(await checkImage(path.join(tmp, "content/images/x.jpg"), { root: tmp }))
      .toMatchInlineSnapshot(`
        {
          "message": "image not found: content/images/x.jpg",
          "ok": false,
        }
      `);
  });

  it("says so when the file is not an image", async () => {
    const text = path.join(tmp, "notes.jpg");
    await fs.writeFile(text, "these are my notes, not a photo\n");
    expect(await checkImage(text, { root: tmp })).toMatchInlineSnapshot(`
      {
        "message": "not a readable image: notes.jpg (unsupported image format)",
        "ok": false,
      }
    `);
  });

  it("states the limit an oversized image breaks", async () => {
    const root = path.dirname(photo);
    expect(await checkImage(photo, { root, maxPixels: 50_000 })).toMatchInlineSnapshot(`
      {
        "message": "image too large: Summer Photo.jpg is 0.06 megapixels (limit 0.05)",
        "ok": false,
      }
    `);
    expect(await checkImage(photo, { root, maxSide: 250 })).toMatchInlineSnapshot(`
      {
        "message": "image too large: Summer Photo.jpg is 300x200 pixels (limit 250 on the longest side)",
        "ok": false,
      }
    `);
    expect(await checkImage(photo, { root, maxBytes: 100 })).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^image too large: Summer Photo\.jpg is \d+ KB \(limit 1 KB\)$/,
      ),
    });
  });

  it("reads only the header: a tiny file claiming 61 megapixels is refused under the default limits", async () => {
    const huge = path.join(tmp, "huge.png");
    await fs.writeFile(huge, pngHeaderOnly(8000, 7625));
    expect(await checkImage(huge, { root: tmp })).toMatchInlineSnapshot(`
      {
        "message": "image too large: huge.png is 61 megapixels (limit 50)",
        "ok": false,
      }
    `);
    const err = await processor("huge")
      .process(huge)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect((err as Error).message).toMatch(
      /^image too large: .*huge\.png is 61 megapixels \(limit 50\)$/,
    );
  });

  it("decodes the whole picture: a JPEG cut in half or with its middle zeroed is refused", async () => {
    const bytes = await fs.readFile(path.join(DEMO_ROOT, "content/images/programs/stargazing.jpg"));
    const cut = path.join(tmp, "cut-half.jpg");
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const zeroed = path.join(tmp, "zeroed.jpg");
    const copy = Buffer.from(bytes);
    copy.fill(0, Math.floor(copy.length / 3), Math.floor((2 * copy.length) / 3));
    await fs.writeFile(zeroed, copy);
    expect(await checkImage(cut, { root: tmp })).toMatchInlineSnapshot(`
      {
        "message": "not a readable image: cut-half.jpg (damaged or cut off: open it and save it again, or use the original)",
        "ok": false,
      }
    `);
    expect(await checkImage(zeroed, { root: tmp })).toMatchInlineSnapshot(`
      {
        "message": "not a readable image: zeroed.jpg (damaged or cut off: open it and save it again, or use the original)",
        "ok": false,
      }
    `);
    // The build decodes as strictly as the check: the zeroed one does not encode either.
    const err = await processor("zeroed", { formats: ["jpeg"] })
      .process(zeroed)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
  });

  it("remembers a picture that decoded, by content, in the cache folder it is given", async () => {
    const cacheDir = path.join(tmp, "cache-verdicts");
    expect(await checkImage(photo, { cacheDir })).toMatchObject({ ok: true });
    const [marker] = await fs.readdir(path.join(cacheDir, "decoded"));
    expect(marker).toMatch(/^[0-9a-f]{64}$/);
    // A damaged picture is never remembered as good.
    const cut = path.join(tmp, "cut-verdict.jpg");
    const bytes = await fs.readFile(photo);
    await fs.writeFile(cut, bytes.subarray(0, 200));
    expect(await checkImage(cut, { cacheDir })).toMatchObject({ ok: false });
    expect(await fs.readdir(path.join(cacheDir, "decoded"))).toEqual([marker]);
  });

  it("names the path relative to the working directory by default", async () => {
    const inside = path.join(process.cwd(), "content/images/does-not-exist.jpg");
    expect(await checkImage(inside)).toEqual({
      ok: false,
      message: "image not found: content/images/does-not-exist.jpg",
    });
  });
});

describe("socialCard", () => {
  it("draws a 1200x630 JPEG over the program image, and takes it from the cache the second time", async () => {
    const outputDir = path.join(tmp, "social");
    const opts = {
      title: "Teen Coding Club: build a small game in Python, one evening a week",
      libraryName: "Riverside Public Library",
      image: photo,
      themeColor: "#1d4e89",
      outputDir,
      cacheDir: path.join(tmp, "cache-social"),
    };
    const card = await socialCard(opts);
    expect(card).toEqual({
      width: 1200,
      height: 630,
      cached: false,
      file: expect.stringMatching(/^[0-9a-f]{16}\.jpg$/),
    });
    const outputFile = path.join(outputDir, card.file);
    const meta = await sharp(outputFile).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1200, 630]);

    await fs.rm(outputFile);
    const again = await socialCard(opts);
    expect(again).toEqual({ ...card, cached: true });
    expect((await sharp(outputFile).metadata()).width).toBe(1200);
  });

  it("draws a card without a picture as a small palette PNG named by what it shows", async () => {
    const outputDir = path.join(tmp, "social-flat");
    const opts = {
      title: "Family Board Games Afternoon",
      libraryName: "Riverside Public Library",
      themeColor: "#1d4e89",
      outputDir,
      cacheDir: path.join(tmp, "cache-social"),
    };
    const card = await socialCard(opts);
    expect(card.file).toMatch(/^[0-9a-f]{16}\.png$/);
    const outputFile = path.join(outputDir, card.file);
    const meta = await sharp(outputFile).metadata();
    expect([meta.format, meta.width, meta.height, meta.isPalette]).toEqual([
      "png",
      1200,
      630,
      true,
    ]);
    // A third of the JPEG it used to be (30 to 50 KB): the output-size target counts on it.
    expect((await fs.stat(outputFile)).size).toBeLessThan(20_000);
    // The theme colour fills the card (the palette's nearest, within a step or two), with
    // white text on it.
    const { data, info } = await sharp(outputFile).raw().toBuffer({ resolveWithObject: true });
    const corner = [...data.subarray(0, 3)];
    [0x1d, 0x4e, 0x89].forEach((v, i) => expect(Math.abs(corner[i]! - v)).toBeLessThanOrEqual(2));
    let white = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i] === 255) white++;
    expect(white).toBeGreaterThan(5_000);
    // The same title: the same file; another title: another.
    expect((await socialCard(opts)).file).toBe(card.file);
    expect((await socialCard({ ...opts, title: "Chess Club" })).file).not.toBe(card.file);
  });

  it("survives a hostile title and a very long one (no image: theme colour)", async () => {
    for (const [i, title] of [
      `</text><script>alert(1)</script><text x="0">& "quotes" ]]> \u0001`,
      "A".repeat(40) + " " + "word ".repeat(60),
    ].entries()) {
      const outputDir = path.join(tmp, "social");
      const result = await socialCard({
        title,
        libraryName: `Library <&> "Name"`,
        themeColor: "#1d4e89",
        outputDir,
        cacheDir: path.join(tmp, "cache-social"),
      });
      expect(result.width).toBe(1200);
      const outputFile = path.join(outputDir, result.file);
      const meta = await sharp(outputFile).metadata();
      expect([meta.width, meta.height]).toEqual([1200, 630]);
      // The title was drawn: the card is not a flat theme-colour slab.
      const stats = await sharp(outputFile).stats();
      expect(stats.channels[0]!.max).toBeGreaterThan(200);
    }
  });

  it("rejects a theme colour that is not a hex colour", async () => {
    await expect(
      socialCard({
        title: "x",
        libraryName: "y",
        themeColor: "red;}",
        outputDir: path.join(tmp, "social"),
        cacheDir: path.join(tmp, "cache-social"),
      }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[Error: [almanac/social-card] themeColor must be a hex colour like #1d4e89; got "red;}".]`,
    );
  });
});

describe("makeIcons", () => {
  it("writes the manifest, apple-touch and favicon sizes, with a maskable icon on the theme colour", async () => {
    const outputDir = path.join(tmp, "icons");
    const icons = await makeIcons(logo, outputDir, "#1d4e89", {
      urlPath: "/",
      cacheDir: path.join(tmp, "cache-icons"),
    });
    expect(icons).toEqual([
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      {
        src: "/apple-touch-icon.png",
        sizes: "180x180",
        type: "image/png",
        rel: "apple-touch-icon",
      },
      { src: "/favicon-32.png", sizes: "32x32", type: "image/png", rel: "icon" },
    ]);
    for (const icon of icons) {
      const file = path.join(outputDir, icon.src.slice(1));
      const meta = await sharp(file).metadata();
      expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
      expect(meta.format).toBe("png");
    }
    // Maskable: the corner (outside the safe zone) is the theme colour, fully opaque.
    const { data } = await sharp(path.join(outputDir, "icon-maskable-512.png"))
      .ensureAlpha()
      .extract({ left: 0, top: 0, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([...data]).toEqual([0x1d, 0x4e, 0x89, 255]);
    // The plain icon keeps its transparent corners.
    const plain = await sharp(path.join(outputDir, "icon-512.png"))
      .ensureAlpha()
      .extract({ left: 0, top: 0, width: 1, height: 1 })
      .raw()
      .toBuffer();
    expect(plain[3]).toBe(0);
  });
});
