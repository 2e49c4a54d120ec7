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
