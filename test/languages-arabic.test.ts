// A library whose first language is right-to-left (test/fixtures/arabic: Arabic at /, te reo
// Māori under /mi/), built for real: what its calendars add is in Arabic, and on a Māori
// page every text of an item shown untranslated, in Arabic, says so with `lang` and, its
// direction being the other one, `dir`.
import { beforeAll, describe, expect, it } from "vitest";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";

const ROOT = path.join(REPO, "test/fixtures/arabic");

/**
 * Each text of `html` holding one of `texts` whose element does not say it is Arabic (`lang`
 * starting `ar`) and right-to-left (`dir="rtl"`, `dir="auto"` or a `<bdi>`), as the text
 * with the innermost element's tag. Titles, scripts and styles are not text on the page.
 */
function unmarkedArabic(html: string, texts: readonly string[]): string[] {
  const stack: { tag: string; lang?: string; dir?: string }[] = [];
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        const dir = tag === "bdi" ? (attrs.dir ?? "auto") : attrs.dir;
        stack.push({ tag, lang: attrs.lang, dir });
      },
      onclosetag() {
        stack.pop();
      },
      ontext(text) {
        if (!texts.some((t) => text.includes(t))) return;
        if (stack.some((e) => ["title", "script", "style"].includes(e.tag))) return;
        const inner = [...stack].reverse();
        const lang = inner.find((e) => e.lang !== undefined)?.lang ?? "";
        const dir = inner.find((e) => e.dir !== undefined)?.dir ?? "ltr";
        if (!lang.startsWith("ar") || dir === "ltr")
          found.push(`<${stack.at(-1)?.tag}> ${text.trim()}`);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return found;
}

describe("a library in Arabic and te reo Māori", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture(ROOT);
    expect(site.problems.filter((p) => p.severity !== "warning")).toEqual([]);
  }, 120_000);

  it("marks every Arabic text of a Māori page with lang and dir, in listings and calendars too", async () => {
    const pages = (await readdir(path.join(site.output, "mi"), { recursive: true }))
      .filter((f) => f.endsWith(".html"))
      .map((f) => `/mi/${f}`.replace(/index\.html$/, ""));
    for (const url of ["/mi/", "/mi/programs/", "/mi/programs/book-club/", "/mi/calendar/2026/12/"])
      expect(pages).toContain(url);
    // What the items without a Māori translation say: names, summaries, a body's first line.
    const { programs, partners, guides, pages: docs } = site.catalogue!;
    const untranslated = [...programs, ...partners, ...guides, ...docs].filter(
      (item) => !item.translations?.mi,
    );
    const texts = untranslated
      .flatMap((item) => [
        "title" in item ? item.title : item.name,
        item.summary ?? "",
        "room" in item ? (item.room ?? "") : "",
        item.body.trim().split("\n")[0]!,
      ])
      .filter(Boolean);
    expect(texts).toContain("نادي الكتاب");
    expect(texts).toContain("حلقة القراءة");
    expect(texts).toContain("عن المكتبة");
    const offending: string[] = [];
    for (const url of pages) {
      for (const text of unmarkedArabic(await site.read(url), texts))
        offending.push(`${url}: ${text}`);
    }
    expect(offending).toEqual([]);
    // The untranslated program itself, on its page and in a listing.
    expect(await site.read("/mi/programs/book-club/")).toContain(
      '<h1 lang="ar" dir="rtl">نادي الكتاب</h1>',
    );
    expect(await site.read("/mi/programs/")).toMatch(
      /<a href="\/mi\/programs\/book-club\/" lang="ar" dir="rtl">نادي الكتاب<\/a>/,
    );
  });

  it("gives the explorer the language and direction of an untranslated title", async () => {
    type Data = { programs: { id: string; lg?: string; ld?: string }[] };
    const dataOf = async (url: string) => {
      const src = /data-explorer data-src="([^"]+)"/.exec(await site.read(url))![1]!;
      return JSON.parse(await site.read(src)) as Data;
    };
    const mi = (await dataOf("/mi/programs/")).programs;
    expect(mi.find((p) => p.id === "book-club")).toMatchObject({ lg: "ar", ld: "rtl" });
    expect(mi.find((p) => p.id === "story-time")!.lg).toBeUndefined();
    for (const p of (await dataOf("/programs/")).programs) expect(p.ld).toBeUndefined();
  });

  it("says what its calendars add in Arabic, the first language's words from its table", async () => {
    const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");
    const ics = unfold(await site.read("/programs/book-club.ics"));
    expect(ics).toContain("القاعة: القاعة الكبرى");
    expect(ics).not.toContain("Room: ");
    expect(await site.read("/feed.xml")).toContain(
      '<title type="text">مكتبة النهر العامة: الأنشطة</title>',
    );
  });

  it("does not mark what is in the page's own language", async () => {
    const page = await site.read("/mi/programs/story-time/");
    expect(page).toContain("<h1>Te Wā Kōrero</h1>");
    expect(await site.read("/programs/book-club/")).toContain("<h1>نادي الكتاب</h1>");
  });
});

/**
 * Each text of `html` holding one of `texts` whose innermost `lang` is not `lang` or whose
 * innermost `dir` is not `dir` (the page's when no element sets one), as the text with its
 * element's tag. Titles, scripts and styles are not text on the page.
 */
function unmarked(
  html: string,
  texts: readonly string[],
  lang: string,
  dir: "ltr" | "rtl",
  pageDir: "ltr" | "rtl",
): string[] {
  const stack: { tag: string; lang?: string; dir?: string }[] = [];
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        stack.push({ tag, lang: attrs.lang, dir: attrs.dir });
      },
      onclosetag() {
        stack.pop();
      },
      ontext(text) {
        if (!texts.some((t) => text.includes(t))) return;
        if (stack.some((e) => ["title", "script", "style", "template"].includes(e.tag))) return;
        // The search index's filters and metadata (`.search-data`, hidden) are not read out.
        const inner = [...stack].reverse();
        const own = inner.find((e) => e.lang !== undefined)?.lang ?? "";
        const ownDir = inner.find((e) => e.dir !== undefined)?.dir ?? pageDir;
        if (own !== lang || ownDir !== dir) found.push(`<${stack.at(-1)?.tag}> ${text.trim()}`);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return found;
}

// A library in Spanish (at /) and Arabic (under /ar/): the labels, names and texts of
// _data/library.yaml without Arabic text are Spanish on an Arabic page, and say so.
describe("a library in Spanish and Arabic, with labels not all in Arabic", () => {
  let site: BuiltSite;
  const SPANISH_ROOT = path.join(REPO, "test/fixtures/spanish-arabic");
  // What the library gave no Arabic for: labels, a location's name, accessibility and
  // hours, closed days' reasons.
  const FALLBACKS = [
    "Adultos",
    "Personas mayores",
    "Tecnología",
    "Sucursal Norte",
    "Acceso sin escalones",
    "Entrada sin escalones por la avenida",
    "Lunes a viernes de 10:00 a 20:00",
    "Inmaculada Concepción",
    "Inventario anual",
  ];
  beforeAll(async () => {
    site = await buildFixture(SPANISH_ROOT);
    expect(site.problems).toEqual([]);
  }, 120_000);

  it("marks Spanish text of library.yaml on an Arabic page with lang=es dir=ltr", async () => {
    const program = await site.read("/ar/programs/reading-club/");
    expect(program).toContain('<a href="/ar/audiences/adults/" lang="es" dir="ltr">Adultos</a>');
    expect(program).toContain(
      '<a href="/ar/locations/norte/" lang="es" dir="ltr">Sucursal Norte</a>',
    );
    expect(program).toContain(
      '<span lang="es" dir="ltr">Entrada sin escalones por la avenida; bucle magnético en la sala.</span>',
    );
    // The labels it has in Arabic are not marked.
    expect(program).toContain('<a href="/ar/audiences/kids/">الأطفال</a>');
    const branch = await site.read("/ar/locations/norte/");
    expect(branch).toContain('<h1 lang="es" dir="ltr">Sucursal Norte</h1>');
    expect(branch).toContain('<dd lang="es" dir="ltr">Lunes a viernes de 10:00 a 20:00</dd>');
    expect(branch).toContain(': <span lang="es" dir="ltr">Inventario anual</span>');
    // A listing row: its place and who it is for (the audiences' labels).
    expect(await site.read("/ar/programs/")).toMatch(
      /<a href="\/ar\/programs\/reading-club\/">نادي القراءة<\/a>.*?<span lang="es" dir="ltr">Sucursal Norte<\/span> · الأطفال، <span lang="es" dir="ltr">Adultos<\/span>، <span lang="es" dir="ltr">Personas mayores<\/span><\/p>/,
    );
    expect(await site.read("/ar/calendar/2026/12/")).toContain(
      '<span lang="es" dir="ltr">Inmaculada Concepción</span>',
    );
    // Every page under /ar/: no such text is left unmarked.
    const pages = (await readdir(path.join(site.output, "ar"), { recursive: true }))
      .filter((f) => f.endsWith(".html"))
      .map((f) => `/ar/${f}`.replace(/index\.html$/, ""));
    const offending: string[] = [];
    for (const url of pages) {
      const html = (await site.read(url)).replace(/<div class="search-data"[\s\S]*?<\/div>/, "");
      for (const text of unmarked(html, FALLBACKS, "es", "ltr", "rtl"))
        offending.push(`${url}: ${text}`);
    }
    expect(offending).toEqual([]);
  });

  it("does not mark the same text on the Spanish page, in its own language", async () => {
    const program = await site.read("/programs/reading-club/");
    expect(program).toContain('<a href="/audiences/adults/">Adultos</a>');
    expect(program).toContain('<a href="/locations/norte/">Sucursal Norte</a>');
    expect(program).toContain(
      "<p>Sucursal Norte: Entrada sin escalones por la avenida; bucle magnético en la sala.</p>",
    );
    expect(await site.read("/locations/norte/")).toContain("<h1>Sucursal Norte</h1>");
    // Nothing but the name of the language itself ("Español": the switcher, the program's
    // languages, the explorer's language menu) says it is Spanish.
    for (const url of ["/", "/programs/", "/programs/reading-club/", "/locations/norte/"]) {
      const marked = (await site.read(url)).match(/<[^>]*\slang="es"[^>]*>[^<]*/g) ?? [];
      expect(marked.filter((tag) => !tag.endsWith(">Español"))).toEqual([]);
    }
  });

  it("joins an Arabic page's lists with the Arabic comma, a Spanish page's with a comma", async () => {
    const program = await site.read("/ar/programs/reading-club/");
    expect(program).toContain(
      '<dd><a href="/ar/audiences/kids/">الأطفال</a>، <a href="/ar/audiences/adults/" lang="es" dir="ltr">Adultos</a>، <a href="/ar/audiences/seniors/" lang="es" dir="ltr">Personas mayores</a></dd>',
    );
    // A date and its time too.
    expect(program).toMatch(/<ul class="dates"><li [^>]*><time [^>]*>[^<]*، 6:00/);
    expect(program).not.toMatch(/<\/a>, <a href="\/ar\/(audiences|categories)\//);
    expect(await site.read("/programs/reading-club/")).toContain(
      '<dd><a href="/audiences/kids/">Niños</a>, <a href="/audiences/adults/">Adultos</a>, <a href="/audiences/seniors/">Personas mayores</a></dd>',
    );
  });

  it("gives the explorer the language of a fallback name, label and reason", async () => {
    type Data = {
      locations: { id: string; lg?: string; ld?: string }[];
      closures: unknown[][];
      programs: { id: string; w: unknown }[];
    };
    const dataOf = async (url: string) => {
      const src = /data-explorer data-src="([^"]+)"/.exec(await site.read(url))![1]!;
      return JSON.parse(await site.read(src)) as Data;
    };
    const ar = await dataOf("/ar/programs/");
    expect(ar.locations.find((l) => l.id === "norte")).toMatchObject({ lg: "es", ld: "ltr" });
    expect(ar.locations.find((l) => l.id === "central")!.lg).toBeUndefined();
    expect(ar.programs.find((p) => p.id === "reading-club")!.w).toEqual([
      "الأطفال",
      "، ",
      ["Adultos", "es", "ltr"],
      "، ",
      ["Personas mayores", "es", "ltr"],
    ]);
    expect(ar.closures).toContainEqual(
      expect.arrayContaining(["Inmaculada Concepción", "es", "ltr"]),
    );
    const es = await dataOf("/programs/");
    expect(es.programs.find((p) => p.id === "reading-club")!.w).toBe(
      "Niños, Adultos, Personas mayores",
    );
    for (const l of es.locations) expect(l.lg).toBeUndefined();
  });
});
