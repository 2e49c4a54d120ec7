// Gate: `npm run check` passing means `npm run build` passes. A property test (fast-check)
// writes small libraries (a few programs, partners, guides and pages) whose ids, texts,
// dates, links and pictures come from generators that mix the ordinary with the hostile
// and the careless: reserved and malformed ids, lone surrogates and control characters,
// dates out of range or impossible, protocol-relative links, and pictures from a small
// pool holding a damaged JPEG, a file that is not a picture, a missing one and several
// copies of one photo under different names. For each, `loadCatalogue` (what `check` runs)
// and then a real `buildSite` (search index included, empty image cache):
// - no errors from the check: the build succeeds;
// - errors: the build reports exactly the same problems, throws nothing, writes nothing.
// A failure prints the seed and the generated files (`ALMANAC_CHECK_BUILD_SEED=<seed>`
// replays it; `ALMANAC_CHECK_BUILD_RUNS=50` runs more).
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../almanac.ts";
import { loadCatalogue } from "../../src/content/catalogue.ts";
import { formatProblems } from "../../src/content/problems.ts";
import { makeSite } from "../helpers/fixture.ts";
import { DEMO_ROOT } from "../helpers/site.ts";

const RUNS = Number(process.env.ALMANAC_CHECK_BUILD_RUNS ?? 15);
const SEED = process.env.ALMANAC_CHECK_BUILD_SEED;
const NOW = "2026-11-28T10:00";

// ---------------------------------------------------------------------------------------
// The picture pool: written once, copied into every generated site.

/** Under `content/images/`: name -> how it is made. Not in the list: `missing.jpg`. */
const POOL = {
  "kite.jpg": "photo",
  "kite-copy.jpg": "photo", // the same bytes under another name
  "programs/kite.jpg": "photo", // ... and under the same name in another folder
  "Summer Photo.jpg": "photo",
  "logo.png": "alpha",
  "cut.jpg": "cut", // header intact, second half missing
  "notes.jpg": "text", // not a picture at all
} as const;
const IMAGES = [...Object.keys(POOL), "missing.jpg"].map((name) => `images/${name}`);

let pool: string;

beforeAll(async () => {
  pool = await makeSite({});
  const dir = path.join(pool, "content/images");
  await mkdir(path.join(dir, "programs"), { recursive: true });
  // Small, so a run's encodes (every variant, every social card) cost little.
  const photo = await sharp(path.join(DEMO_ROOT, "content/images/programs/stargazing.jpg"))
    .resize(160)
    .jpeg()
    .toBuffer();
  const alpha = await sharp({
    create: {
      width: 64,
      height: 64,
      channels: 4,
      background: { r: 40, g: 120, b: 90, alpha: 0.5 },
    },
  })
    .png()
    .toBuffer();
  const made = {
    photo,
    alpha,
    cut: photo.subarray(0, Math.floor(photo.length / 2)),
    text: Buffer.from("my notes, not a photo\n"),
  };
  for (const [name, kind] of Object.entries(POOL)) {
    await writeFile(path.join(dir, name), made[kind]);
  }
});

async function copyPool(root: string): Promise<void> {
  for (const name of Object.keys(POOL)) {
    const to = path.join(root, "content/images", name);
    await mkdir(path.dirname(to), { recursive: true });
    await copyFile(path.join(pool, "content/images", name), to);
  }
}

// ---------------------------------------------------------------------------------------
// Generators. Each mostly gives ordinary values, so that many sites pass the check and get
// built, and sometimes odd ones, so that the check has something to find.

/** `usual` mostly, and when `careless`, sometimes `odd`. */
function mostly<T>(careless: boolean, usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) {
  return careless
    ? fc.oneof({ weight: 3, arbitrary: usual }, { weight: 1, arbitrary: odd })
    : usual;
}

/**
 * Text: ordinary and hostile (markup, template syntax, bidi controls, emoji), which the
 * check accepts; and, when careless, what pasting brings and the check refuses (control
 * characters, a lone surrogate, a title over 120 characters, random code units).
 */
const text = (careless: boolean) =>
  mostly(
    careless,
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc.constantFrom("Chess club", "Story time", "Lego® Club", "Café des langues"),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "<script>alert(1)</script>",
          '"><img src=x onerror=alert(1)>',
          '{{ "pw" ~ "ned" }}',
          "Tiếng Việt & العربية 😀👩🏽‍💻",
          "\u202eevil\u202c",
        ),
      },
    ),
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          "Chess \uD83D club", // a lone surrogate
          "Pasted\u000bfrom Word", // vertical tab
          "NUL\u0000 ESC\u001b[31m BEL\u0007",
          "Line one\r\nBEGIN:VEVENT",
          "x".repeat(300),
        ),
      },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 12 }) },
    ),
  );

/**
 * File names (ids): valid ones, including names that look like the site's own (`404`,
 * `feed`, `calendar`, ...: accepted, since no item's page collides with them), and, when
 * careless, malformed ones and the names the programs' listings use (`today`, `page`, ...).
 */
const id = (careless: boolean) =>
  mostly(
    careless,
    fc.oneof(
      { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5})?$/) },
      { weight: 1, arbitrary: fc.constantFrom("404", "1", "feed", "search", "index", "calendar") },
    ),
    fc.constantFrom(
      "Chess",
      "chess club",
      "ça-va",
      "-x",
      "a--b",
      "__proto__",
      "a.b",
      "today",
      "this-week",
      "this-weekend",
      "page",
    ),
  );

const DAYS = ["2026-11-28", "2026-12-01", "2026-12-24", "2027-03-14", "2027-11-07", "2026-03-08"];
const ODD_DAYS = [
  "2024-02-29",
  "1900-01-01",
  "2200-12-31",
  "0000-01-01",
  "9999-12-31",
  "1899-12-31",
  "2026-02-30",
  "2026-13-01",
  "2026-1-5",
];
const TIMES = [" 10:00", " 18:00", "T18:30", " 02:30", " 01:30", ""];
const ODD_TIMES = [" 00:00", " 23:59", " 24:00", "T18:00-05:00", "T18:00Z", " 6pm"];
const when = (careless: boolean) =>
  fc
    .tuple(
      mostly(careless, fc.constantFrom(...DAYS), fc.constantFrom(...ODD_DAYS)),
      mostly(careless, fc.constantFrom(...TIMES), fc.constantFrom(...ODD_TIMES)),
    )
    .map(([day, time]) => day + time);

/** `end`: none, later the same day or the next, or (careless) anything, years later too. */
const end = (start: string, careless: boolean) =>
  mostly(
    careless,
    fc.constantFrom(
      undefined,
      // 45 minutes past the hour (later the same day), or the day after, all day or not.
      start.includes(":") ? start.replace(/:\d\d/, ":45") : undefined,
      start.replace(/-(\d\d)(?=[ T]|$)/, (_, d) => `-${String(Number(d) + 1).padStart(2, "0")}`),
    ),
    fc.oneof(fc.constant(start.replace(/^\d{4}/, (y) => String(Number(y) + 36))), when(true)),
  );

const GOOD_IMAGES = IMAGES.filter((i) => !/cut|notes|missing/.test(i));
const image = (careless: boolean) =>
  mostly(careless, fc.constantFrom(...GOOD_IMAGES), fc.constantFrom(...IMAGES));

/** Markdown: prose, links (protocol-relative too) and pictures from the pool. */
const body = (careless: boolean) =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: text(careless) },
        {
          weight: 2,
          arbitrary: fc
            .tuple(
              mostly(careless, fc.constantFrom("A map", "Kite"), fc.constant("")),
              image(careless),
              fc.boolean(),
            )
            .map(([alt, src, decorative]) =>
              decorative ? `![](${src} "decorative")` : `![${alt}](${src})`,
            ),
        },
        {
          weight: 1,
          arbitrary: mostly(
            careless,
            fc.constantFrom(
              "[looks local](//evil.example/p)",
              "[also](/\\evil.example/q)",
              "see //evil.example/r",
              "[x](javascript:alert(1))",
              "## Heading\n\n- item",
              "<script>alert(1)</script>",
            ),
            fc.constantFrom("![far](//evil.example/x.png)", "![](images/kite.jpg)"),
          ),
        },
      ),
      { maxLength: 3 },
    )
    .map((parts) => parts.join("\n\n"));

const program = (careless: boolean) =>
  fc
    .record({
      id: id(careless),
      title: text(careless),
      summary: text(careless),
      start: when(careless),
      location: mostly(
        careless,
        fc.constantFrom("central", "eastside"),
        fc.constantFrom("nowhere", undefined),
      ),
      online: fc.option(
        mostly(
          careless,
          fc.constant("https://meet.example.org/x"),
          fc.constantFrom("//evil.example/meet", "javascript:alert(1)"),
        ),
        { freq: 4, nil: undefined },
      ),
      repeat: fc.option(
        fc.record({
          every: fc.constantFrom("day", "week", "month"),
          count: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        }),
        { freq: 3, nil: undefined },
      ),
      image: fc.option(image(careless), { freq: 2, nil: undefined }),
      alt: mostly(careless, text(careless), fc.constant(undefined)),
      body: body(careless),
    })
    .chain((p) => end(p.start, careless).map((e) => ({ ...p, end: e })));

const partner = (careless: boolean) =>
  fc.record({
    id: id(careless),
    name: text(careless),
    logo: fc.option(image(careless), { freq: 2, nil: undefined }),
    body: body(careless),
  });

const page = (careless: boolean) =>
  fc.record({ id: id(careless), title: text(careless), body: body(careless) });

const siteOf = (careless: boolean) =>
  fc.record({
    careless: fc.constant(careless),
    libraryImage: fc.option(image(careless), { freq: 3, nil: undefined }),
    programs: fc.uniqueArray(program(careless), {
      minLength: 1,
      maxLength: 4,
      selector: (p) => p.id,
    }),
    partners: fc.uniqueArray(partner(careless), { maxLength: 2, selector: (p) => p.id }),
    guides: fc.uniqueArray(page(careless), { maxLength: 1, selector: (p) => p.id }),
    pages: fc.uniqueArray(page(careless), { maxLength: 2, selector: (p) => p.id }),
  });

/** Careful sites (that should pass the check) and careless ones (that mostly should not). */
const site = fc.oneof(
  { weight: 3, arbitrary: siteOf(false) },
  { weight: 2, arbitrary: siteOf(true) },
);
type Site = typeof site extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------
// Writing a generated site.

/**
 * One front-matter line. Strings are JSON (a YAML double-quoted scalar, so a lone
 * surrogate or a control character arrives as an escape); dates are written unquoted
 * when they look like dates, as staff write them (YAML then reads some as timestamps).
 */
function line(key: string, value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string" && /^\d{4}-\d{1,2}-\d{1,2}([ T][\d:]+)?$/.test(value)) {
    return `${key}: ${value}\n`;
  }
  return `${key}: ${JSON.stringify(value)}\n`;
}

function markdown(fields: Record<string, unknown>, body: string): string {
  return `---\n${Object.entries(fields)
    .map(([k, v]) => line(k, v))
    .join("")}---\n${body}\n`;
}

const LIBRARY = `name: Riverside Public Library
url: https://library.example.org
timezone: America/Chicago
locale: en-US
feedback_url: https://forms.example.org/f?program={id}&title={title}
languages: { en: English, es: Español }
locations:
  - { id: central, name: Central Library, address: 100 Main St }
  - { id: eastside, name: Eastside Branch, address: 5 East Ave, closed: [2026-12-24] }
closed:
  - { date: 2026-12-25, reason: Christmas Day }
audiences:
  - { id: teens, label: Teens }
categories:
  - { id: technology, label: Technology }
`;

function siteFiles(s: Site): Record<string, string> {
  const files: Record<string, string> = {
    "_data/library.yaml": LIBRARY + line("image", s.libraryImage),
  };
  const partnerIds = s.partners.map((p) => p.id);
  for (const p of s.programs) {
    files[`content/programs/${p.id}.md`] = markdown(
      {
        title: p.title,
        summary: p.summary,
        audiences: ["teens"],
        categories: ["technology"],
        location: p.location,
        online: p.online ?? undefined,
        start: p.start,
        end: p.end,
        repeat: p.repeat && {
          every: p.repeat.every,
          ...(p.repeat.count !== undefined && { count: p.repeat.count }),
        },
        image: p.image,
        image_alt: p.image ? p.alt : undefined,
        partners: partnerIds.length ? partnerIds.slice(0, 1) : undefined,
      },
      p.body,
    );
  }
  for (const p of s.partners) {
    files[`content/partners/${p.id}.md`] = markdown(
      {
        name: p.name,
        kind: "community",
        summary: "A partner.",
        logo: p.logo,
        logo_alt: p.logo ? "Logo" : undefined,
      },
      p.body,
    );
  }
  for (const g of s.guides) {
    files[`content/guides/${g.id}.md`] = markdown(
      { title: g.title, summary: "A guide.", level: "beginner", audiences: ["teens"] },
      g.body,
    );
  }
  for (const p of s.pages) {
    files[`content/pages/${p.id}.md`] = markdown({ title: p.title, nav: 1 }, p.body);
  }
  return files;
}

// ---------------------------------------------------------------------------------------

describe("check passing means build passing", () => {
  it(`for ${RUNS} generated libraries: the build succeeds when check finds no error, and reports the same errors and writes nothing when it does`, async () => {
    let built = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(site, async (s) => {
        const files = siteFiles(s);
        const root = await makeSite(files);
        await copyPool(root);
        const env = { ALMANAC_NOW: NOW };
        const checked = await loadCatalogue({ root, env });
        const errors = checked.problems.filter((p) => p.severity === "error");
        if (process.env.ALMANAC_CHECK_BUILD_DEBUG) {
          console.log(
            `${s.careless ? "careless" : "careful"}: ${formatProblems(checked.problems)}`,
          );
        }
        const parent = path.join(root, "out");
        await mkdir(parent);
        const output = path.join(parent, "_site");
        let result;
        try {
          result = await buildSite({ root, output, env });
        } catch (error) {
          throw new Error(
            `${errors.length ? "check found errors" : "check passed"}, the build threw: ${innermost(error)}\n${describeSite(files)}`,
          );
        }
        for (const p of result.problems) {
          expect(p.message, "a problem message carries a stack trace").not.toMatch(
            /\n\s+at .+[:(]\d+/,
          );
        }
        if (errors.length === 0) {
          built++;
          expect(result.ok, describeSite(files)).toBe(true);
          expect(existsSync(path.join(output, "index.html"))).toBe(true);
          expect(await readdir(parent), "a staging or old folder was left").toEqual(["_site"]);
        } else {
          refused++;
          expect(result.ok, describeSite(files)).toBe(false);
          expect(formatProblems(result.problems)).toBe(formatProblems(checked.problems));
          // Nothing written: no site, no staging or leftover folder beside it.
          expect(await readdir(parent)).toEqual([]);
        }
      }),
      {
        numRuns: RUNS,
        endOnFailure: true,
        interruptAfterTimeLimit: 150_000,
        ...(SEED !== undefined && { seed: Number(SEED) }),
      },
    );
    // Both paths must be exercised, or the generators have drifted.
    expect(built, "no generated library passed the check").toBeGreaterThan(0);
    expect(refused, "every generated library passed the check").toBeGreaterThan(0);
  }, 180_000);
});

/** The message of the error that started it (Eleventy wraps errors in its own). */
function innermost(error: unknown): string {
  let current = error as { message?: string; originalError?: unknown; cause?: unknown };
  const messages: string[] = [];
  for (let depth = 0; current && depth < 10; depth++) {
    if (current.message) messages.push(current.message);
    current = (current.originalError ?? current.cause) as typeof current;
  }
  return messages.join(" <- ").slice(0, 2000);
}

/** The generated files, for the failure message (reproduce with the seed). */
function describeSite(files: Record<string, string>): string {
  return Object.entries(files)
    .map(([name, content]) => `--- ${name}\n${content}`)
    .join("");
}
