// The site in each of `site_languages` (issue 17): the bilingual fixture (English at /,
// Spanish under /es/) built for real, and the link rule of src/site/languages.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";
import { localiseLinks } from "../src/site/languages.ts";
import ICAL from "ical.js";
import { expandCalendar } from "./helpers/ical.ts";

const ROOT = path.join(REPO, "test/fixtures/bilingual");

/** Every HTML page under `dir` of the output, as URL paths. */
async function pagesUnder(output: string, dir: string): Promise<string[]> {
  const files = await readdir(path.join(output, dir), { recursive: true });
  return files
    .filter((f) => f.endsWith(".html"))
    .map((f) => `/${dir}/${f}`.replace(/index\.html$/, ""));
}

describe("a site in English and Spanish", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture(ROOT);
    expect(site.problems).toEqual([]);
  }, 120_000);

  it("has every public page again under /es/, and staff pages in the first language only", async () => {
    const es = await pagesUnder(site.output, "es");
    for (const url of [
      "/es/",
      "/es/programs/",
      "/es/programs/coding-club/",
      "/es/programs/tax-help/",
      "/es/audiences/kids/",
      "/es/calendar/2026/12/",
      "/es/pages/about/",
      "/es/search/",
    ])
      expect(es).toContain(url);
    expect(es.some((u) => /^\/es\/(staff|signage|print|embed|admin)\//.test(u))).toBe(false);
    expect(site.exists("/staff/report/")).toBe(true);
  });

  it("shows translated items in Spanish, with labels by language, under <html lang=es>", async () => {
    const page = await site.read("/es/programs/coding-club/");
    expect(page).toContain('<html lang="es">');
    expect(page).toContain("<h1>Club de programación</h1>");
    expect(page).toContain('<p class="lead">Crea un pequeño juego en Python.</p>');
    expect(page).toContain("Trae tu portátil si tienes uno.");
    expect(page).toContain("Laboratorio");
    expect(page).toContain('<a href="/es/audiences/kids/">Niños</a>');
    expect(page).toContain('<a href="/es/categories/technology/">Tecnología</a>');
    expect(page).toContain("Biblioteca Central");
    // A translation without a body shows the base file's.
    expect(await site.read("/es/programs/story-time/")).toContain(
      "Songs, rhymes and picture books.",
    );
    expect(await site.read("/es/pages/about/")).toContain("<h1>Sobre la biblioteca</h1>");
    const guide = await site.read("/es/guides/spotting-fakes/");
    expect(guide).toContain("<h1>Cómo detectar una foto falsa</h1>");
    expect(guide).toContain("Búsqueda inversa de imágenes");
    expect(guide).toContain("https://example.org/reverse");
    expect(guide).toContain("Busca la fuente");
    expect(await site.read("/es/calendar/2026/12/")).toContain("Navidad");
    // The library's description by language: the home page's lead and meta description.
    const home = await site.read("/es/");
    expect(home).toContain('<p class="lead">Programas gratuitos para todas las edades.</p>');
    expect(home).toContain(
      '<meta name="description" content="Programas gratuitos para todas las edades.">',
    );
    expect(await site.read("/")).toContain('<p class="lead">Free programs for every age.</p>');
    // The first language's pages are as written.
    const en = await site.read("/programs/coding-club/");
    expect(en).toContain('<html lang="en-US">');
    expect(en).toContain("<h1>Coding Club</h1>");
    expect(en).toContain('<a href="/audiences/kids/">Kids</a>');
  });

  it("marks an untranslated item with the language it is in", async () => {
    const page = await site.read("/es/programs/tax-help/");
    expect(page).toContain('<h1 lang="en">Tax Help</h1>');
    expect(page).toContain('<p class="lead" lang="en">Free help filing your taxes.</p>');
    const listing = await site.read("/es/programs/");
    expect(listing).toContain('<a href="/es/programs/tax-help/" lang="en">Tax Help</a>');
    expect(listing).toContain('<a href="/es/programs/coding-club/">Club de programación</a>');
    expect(await site.read("/programs/")).not.toMatch(
      /<li class="listing[^>]*>(<img [^>]*>)?<a [^>]* lang=/,
    );
    expect(await site.read("/es/partners/city-makerspace/")).toContain(
      '<h1 lang="en">City Makerspace</h1>',
    );
  });

  it("marks a label without Spanish text with the language it falls back to, English", async () => {
    // `adults` has one label, in English; `kids` has one in each language. Both are
    // left to right: `lang`, no `dir`.
    const page = await site.read("/es/programs/tax-help/");
    expect(page).toContain('<a href="/es/audiences/adults/" lang="en">Adults</a>');
    expect(await site.read("/es/audiences/")).toContain('<a href="/es/audiences/kids/">Niños</a>');
    expect(await site.read("/es/audiences/adults/")).toContain(
      '<h1>Actividades para <span lang="en">Adults</span></h1>',
    );
    // The English page shows it in its own language, unmarked.
    expect(await site.read("/programs/tax-help/")).toContain(
      '<a href="/audiences/adults/">Adults</a>',
    );
  });

  it("keeps every link of a Spanish page in Spanish but the switcher's and shared files", async () => {
    const offending: string[] = [];
    for (const url of await pagesUnder(site.output, "es")) {
      const html = await site.read(url);
      for (const [tag] of html.matchAll(/<(?:a|form)\b[^>]*>/g)) {
        if (tag.includes("hreflang=")) continue;
        const link = /\s(?:href|action)="(\/[^"?#]*)/.exec(tag)?.[1];
        if (link && link.endsWith("/") && !link.startsWith("/es/"))
          offending.push(`${url}: ${tag}`);
      }
    }
    expect(offending).toEqual([]);
    const month = await site.read("/es/calendar/");
    expect(month).toMatch(
      /<meta http-equiv="refresh" content="0; url=\/es\/calendar\/2026\/11\/">/,
    );
  });

  it("has a language switcher leading to the same page, and hreflang alternates in the head", async () => {
    const page = await site.read("/es/programs/coding-club/");
    expect(page).toContain('<nav class="language-switcher" aria-label="Idiomas">');
    expect(page).toContain('<a href="/programs/coding-club/" hreflang="en" lang="en">English</a>');
    expect(page).toContain(
      '<a href="/es/programs/coding-club/" hreflang="es" lang="es" aria-current="true">Español</a>',
    );
    for (const html of [page, await site.read("/programs/coding-club/")]) {
      expect(html).toContain(
        '<link rel="alternate" hreflang="en" href="https://library.example.org/programs/coding-club/">',
      );
      expect(html).toContain(
        '<link rel="alternate" hreflang="es" href="https://library.example.org/es/programs/coding-club/">',
      );
      expect(html).toContain(
        '<link rel="alternate" hreflang="x-default" href="https://library.example.org/programs/coding-club/">',
      );
    }
    expect(await site.read("/staff/report/")).not.toContain("language-switcher");
  });

  it("lists each page's languages in the sitemap", async () => {
    const sitemap = await site.read("/sitemap.xml");
    expect(sitemap).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const alternates =
      '<xhtml:link rel="alternate" hreflang="en" href="https://library.example.org/programs/coding-club/"/><xhtml:link rel="alternate" hreflang="es" href="https://library.example.org/es/programs/coding-club/"/>';
    expect(sitemap).toContain(
      `<url><loc>https://library.example.org/programs/coding-club/</loc>${alternates}</url>`,
    );
    expect(sitemap).toContain(
      `<url><loc>https://library.example.org/es/programs/coding-club/</loc>${alternates}</url>`,
    );
  });

  it("has an Atom feed in each language, linked from that language's pages", async () => {
    const feed = await site.read("/es/feed.xml");
    expect(feed).toContain('xml:lang="es" xml:base="https://library.example.org/es/"');
    expect(feed).toContain(
      '<link rel="self" type="application/atom+xml" href="https://library.example.org/es/feed.xml"/>',
    );
    expect(feed).toContain('<title type="text">Club de programación</title>');
    expect(feed).toContain("<id>https://library.example.org/es/programs/coding-club/</id>");
    expect(await site.read("/feed.xml")).toContain('<title type="text">Coding Club</title>');
    expect(await site.read("/es/programs/")).toContain('href="/es/feed.xml"');
    expect(await site.read("/programs/")).toContain('href="/feed.xml"');
  });

  it("has each calendar in each language, with the same UIDs, linked from that language's pages", async () => {
    const es = expandCalendar(await site.read("/es/programs/coding-club.ics"));
    const en = expandCalendar(await site.read("/programs/coding-club.ics"));
    expect(es.length).toBeGreaterThan(0);
    expect(es.map((e) => e.uid)).toEqual(en.map((e) => e.uid));
    expect(new Set(es.map((e) => e.summary))).toEqual(new Set(["Club de programación"]));
    expect(new Set(en.map((e) => e.summary))).toEqual(new Set(["Coding Club"]));
    expect(es[0]!.url).toBe("https://library.example.org/es/programs/coding-club/");
    // What the calendar itself adds is in the language too (lines unfolded, RFC 5545 3.1).
    const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");
    expect(unfold(await site.read("/es/programs/coding-club.ics"))).toContain("Sala: Laboratorio");
    expect(unfold(await site.read("/programs/coding-club.ics"))).toContain("Room: Maker Lab");
    const all = await site.read("/es/calendar.ics");
    expect(all).toContain("URL:https://library.example.org/es/programs/\r\n");
    expect(all).toContain("SUMMARY:Hora del cuento");
    expect(all).toContain("SUMMARY:Tax Help"); // untranslated: as it was written
    const kids = await site.read("/es/audiences/kids/calendar.ics");
    expect(kids).toContain("X-WR-CALNAME:Riverside Public Library: Niños");
    expect(await site.read("/audiences/kids/calendar.ics")).toContain(
      "X-WR-CALNAME:Riverside Public Library: Kids",
    );
    // The Spanish pages download and subscribe to the Spanish calendars.
    const page = await site.read("/es/programs/coding-club/");
    expect(page).toContain('<a href="/es/programs/coding-club.ics" type="text/calendar">');
    expect(page).toContain('type="text/calendar" title="');
    expect(page).toContain('href="/es/programs/coding-club.ics">');
    expect(page).toContain('href="/es/programs.json">');
    const listing = await site.read("/es/audiences/kids/");
    expect(listing).toContain('href="webcal://library.example.org/es/audiences/kids/calendar.ics"');
    expect(listing).toContain(
      'href="https://library.example.org/es/audiences/kids/calendar.ics" type="text/calendar"',
    );
    expect(await site.read("/audiences/kids/")).toContain(
      'href="webcal://library.example.org/audiences/kids/calendar.ics"',
    );
  });

  it("says what a calendar adds in the calendar's language (read back with ical.js)", async () => {
    const events = async (url: string) =>
      new ICAL.Component(ICAL.parse(await site.read(url)))
        .getAllSubcomponents("vevent")
        .map((v) => ({
          description: String(v.getFirstPropertyValue("description")),
          location: String(v.getFirstPropertyValue("location")),
        }));
    const [es] = await events("/es/programs/tax-help.ics");
    // An untranslated program: its own text, the calendar's words in Spanish.
    expect(es!.description).toBe(
      "Free help filing your taxes.\n\nEn línea: https://meet.example.org/tax-help\n\nhttps://library.example.org/es/programs/tax-help/",
    );
    expect(es!.location).toBe("Biblioteca Central, 100 Main St, Riverside, IL 60546");
    const all = await events("/es/calendar.ics");
    expect(all.some((e) => e.description.includes("Online: "))).toBe(false);
    const [en] = await events("/programs/tax-help.ics");
    expect(en!.description).toContain("\n\nOnline: https://meet.example.org/tax-help\n\n");
    expect(en!.location).toBe("Central Library, 100 Main St, Riverside, IL 60546");
  });

  it("titles each language's feed in it, and marks an untranslated entry's language", async () => {
    const es = await site.read("/es/feed.xml");
    expect(es).toContain('<title type="text">Riverside Public Library: actividades</title>');
    expect(es).toMatch(/<entry xml:lang="en">\n {4}<id>[^<]*\/es\/programs\/tax-help\/<\/id>/);
    expect(es).toMatch(/<entry>\n {4}<id>[^<]*\/es\/programs\/coding-club\/<\/id>/);
    const en = await site.read("/feed.xml");
    expect(en).toContain('<title type="text">Riverside Public Library: programs</title>');
    expect(en).not.toContain('xml:lang="en">');
  });

  it("has programs.json in each language, at that language's pages", async () => {
    type Json = { occurrences: { id: string; title: string; url: string }[] };
    const es = JSON.parse(await site.read("/es/programs.json")) as Json;
    const en = JSON.parse(await site.read("/programs.json")) as Json;
    const first = (json: Json, id: string) => json.occurrences.find((o) => o.id === id)!;
    expect(first(es, "coding-club")).toMatchObject({
      title: "Club de programación",
      url: "https://library.example.org/es/programs/coding-club/",
    });
    expect(first(es, "tax-help").title).toBe("Tax Help");
    expect(first(en, "coding-club")).toMatchObject({
      title: "Coding Club",
      url: "https://library.example.org/programs/coding-club/",
    });
    expect(es.occurrences.map((o) => o.id)).toEqual(en.occurrences.map((o) => o.id));
  });

  it("gives each language's explorer its own data: titles translated, links to its pages", async () => {
    type Data = {
      pages?: string;
      audiences: { id: string; label: string }[];
      programs: { id: string; t: string; lg?: string }[];
    };
    const dataOf = async (url: string) => {
      const src = /data-explorer data-src="([^"]+)"/.exec(await site.read(url))![1]!;
      return { src, data: JSON.parse(await site.read(src)) as Data };
    };
    const es = await dataOf("/es/programs/");
    const en = await dataOf("/programs/");
    expect(es.src).toMatch(/^\/es\/explorer\/data-[0-9a-f]+\.json$/);
    expect(en.src).toMatch(/^\/explorer\/data-[0-9a-f]+\.json$/);
    const program = (d: Data, id: string) => d.programs.find((p) => p.id === id);
    expect(es.data.pages).toBe("/es");
    expect(program(es.data, "coding-club")).toMatchObject({ t: "Club de programación" });
    expect(program(es.data, "coding-club")!.lg).toBeUndefined();
    expect(program(es.data, "tax-help")).toMatchObject({ t: "Tax Help", lg: "en" });
    expect(es.data.audiences.find((a) => a.id === "kids")!.label).toBe("Niños");
    expect(en.data.pages).toBeUndefined();
    expect(program(en.data, "coding-club")).toMatchObject({ t: "Coding Club" });
    expect(program(en.data, "tax-help")!.lg).toBeUndefined();
    // My plan reads the same file in each language.
    expect(await site.read("/es/my-plan/")).toContain(`data-src="${es.src}"`);
    // Offline: each language's shell and listing pages and its explorer data are precached.
    const precached = [...site.stats!.precache!.install, ...site.stats!.precache!.background].map(
      (e) => e.url,
    );
    for (const url of [es.src, en.src, "/es/offline/", "/es/my-plan/", "/es/programs/", "/es/"])
      expect(precached).toContain(url);
    expect(precached).toContain("/es/audiences/kids/");
    expect(precached.filter((u) => u.startsWith("/es/") && !u.endsWith("/")).sort()).toEqual(
      [es.src, "/es/offline/data.json"].sort(),
    );
  });

  it("indexes each language's pages in its own search index", async () => {
    const entry = JSON.parse(await site.read("/pagefind/pagefind-entry.json")) as {
      languages: Record<string, { page_count: number }>;
    };
    const counts = Object.fromEntries(
      Object.entries(entry.languages).map(([code, l]) => [code, l.page_count]),
    );
    // Three programs, a partner, a guide and a page in each language.
    expect(counts).toEqual({ "en-us": 6, es: 6 });
  });

  // A word only the Spanish pages have passed the English search page's check against one
  // word list for the whole site, and Pagefind's English index matched its first letters.
  it("publishes each language index's words apart, as that index can find them", async () => {
    const words = async (file: string) =>
      (JSON.parse(await site.read(`/pagefind/${file}`)) as { words: string[] }).words;
    const en = await words("almanac-words.en-us.json");
    const es = await words("almanac-words.es.json");
    // Each language's own text, folded as search compares it.
    expect(en).toEqual(expect.arrayContaining(["coding", "laptop", "stories"]));
    expect(en).not.toContain("portatil");
    expect(en).not.toContain("programacion");
    expect(es).toEqual(expect.arrayContaining(["programacion", "portatil", "cuentos"]));
    expect(es).not.toContain("laptop");
    expect(es).not.toContain("coding");
    // Tax Help has no Spanish file: its /es/ page, in English, is in the Spanish index.
    expect(es).toEqual(expect.arrayContaining(["tax", "taxes", "return"]));
    // Every page's words as well, for readers of one list (a consortium's search page).
    expect(await words("almanac-words.json")).toEqual(
      expect.arrayContaining(["laptop", "portatil", "tax"]),
    );
  });

  it("gives the event's structured data in the page's language, at its address", async () => {
    const page = await site.read("/es/programs/coding-club/");
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!);
    expect(ld).toMatchObject({
      "@type": "Event",
      name: "Club de programación",
      url: "https://library.example.org/es/programs/coding-club/",
      inLanguage: "en",
    });
    expect(page).toContain(
      encodeURIComponent("https://library.example.org/es/programs/coding-club/"),
    );
  });
});

describe("localiseLinks", () => {
  it("prefixes links to pages, not files, pages of one language, the switcher or other sites", () => {
    const html = [
      '<a href="/">Home</a>',
      '<a class="x" href="/programs/?when=weekend#top">Weekend</a>',
      '<form action="/search/" role="search">',
      '<a href="/programs/x.ics">Calendar</a>',
      '<a href="/staff/report/">Report</a>',
      '<a href="/es/programs/">Already</a>',
      '<a href="/programs/" hreflang="en">English</a>',
      '<a href="//cdn.example.org/x/">Other</a>',
      '<a href="https://example.org/">Away</a>',
      '<link rel="stylesheet" href="/assets/site.css">',
      '<p>href="/programs/"</p>',
    ].join("\n");
    expect(localiseLinks(html, "/es")).toMatchInlineSnapshot(`
      "<a href="/es/">Home</a>
      <a class="x" href="/es/programs/?when=weekend#top">Weekend</a>
      <form action="/es/search/" role="search">
      <a href="/programs/x.ics">Calendar</a>
      <a href="/staff/report/">Report</a>
      <a href="/es/programs/">Already</a>
      <a href="/programs/" hreflang="en">English</a>
      <a href="//cdn.example.org/x/">Other</a>
      <a href="https://example.org/">Away</a>
      <link rel="stylesheet" href="/assets/site.css">
      <p>href="/programs/"</p>"
    `);
  });
});
