import { describe, it, expect, beforeAll } from "vitest";
import { DateTime } from "luxon";
import { facetCounts, listingsFor, quickViews } from "../src/site/views.ts";
import { makeCatalogue, makeProgram, occ } from "./helpers/model.ts";
import { buildFixture, type BuiltSite } from "./helpers/site.ts";
import { BERLIN_NOW, makeBerlinSite } from "./helpers/berlin.ts";
import { makeSantiagoSite, SANTIAGO_NOW } from "./helpers/santiago.ts";

// These builds do not need the search index.
process.env.ALMANAC_SEARCH = "off";

describe("quickViews", () => {
  const zone = "America/Chicago";
  const programs = [
    makeProgram({ id: "thu", title: "Thursday", occurrences: [occ("2026-10-01T18:00")] }),
    makeProgram({ id: "sat", title: "Saturday", occurrences: [occ("2026-10-03T11:00")] }),
    makeProgram({ id: "sun", title: "Sunday", occurrences: [occ("2026-10-04T11:00")] }),
    makeProgram({ id: "next-mon", title: "Next Monday", occurrences: [occ("2026-10-05T11:00")] }),
    makeProgram({ id: "ended", title: "Ended", occurrences: [occ("2026-10-01T07:00")] }),
  ];
  // Thursday 1 October 2026, 09:00.
  const catalogue = makeCatalogue({ programs, now: "2026-10-01T09:00" });
  const ids = (locale: string) =>
    Object.fromEntries(
      quickViews(catalogue.upcoming, catalogue.now, zone, locale).map((v) => [
        v.id,
        v.listings.map((l) => l.program.id),
      ]),
    );

  it("splits upcoming listings into today, this week (locale's week) and this weekend", () => {
    expect(ids("en-US")).toEqual({
      today: ["thu"],
      // Sunday-first week: Sun 27 Sep .. Sat 3 Oct.
      "this-week": ["thu", "sat"],
      "this-weekend": ["sat", "sun"],
    });
    // Monday-first week: Mon 28 Sep .. Sun 4 Oct.
    expect(ids("de-DE")["this-week"]).toEqual(["thu", "sat", "sun"]);
  });

  it("counts the coming weekend from a Sunday as today and yesterday", () => {
    const sunday = DateTime.fromISO("2026-10-04T08:00", { zone });
    const weekend = quickViews(catalogue.upcoming, sunday, zone, "en-US").find(
      (v) => v.id === "this-weekend",
    )!;
    expect(weekend.from.toISODate()).toBe("2026-10-03");
    expect(weekend.listings.map((l) => l.program.id)).toEqual(["sun"]);
  });
});

describe("listingsFor and facetCounts", () => {
  const a = makeProgram({
    id: "a",
    audiences: ["kids"],
    location: "central",
    occurrences: [occ("2026-10-02T10:00"), occ("2026-10-09T10:00")],
  });
  const b = makeProgram({
    id: "b",
    audiences: ["kids", "teens"],
    location: "east",
    occurrences: [occ("2026-10-03T10:00")],
  });
  const catalogue = makeCatalogue({ programs: [a, b] });

  it("counts programs and upcoming occurrences per term, zero for empty terms", () => {
    const counts = facetCounts(catalogue.upcoming, "audience", catalogue.library.audiences);
    expect(Object.fromEntries(counts)).toEqual({
      kids: { programs: 2, occurrences: 3 },
      teens: { programs: 1, occurrences: 1 },
      adults: { programs: 0, occurrences: 0 },
    });
    expect(listingsFor(catalogue.upcoming, "location", "east").map((l) => l.program.id)).toEqual([
      "b",
    ]);
  });
});

describe("listing pages of a Berlin library", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture(await makeBerlinSite(), BERLIN_NOW);
  }, 60_000);

  it("lists an audience's upcoming occurrences grouped by day, with stale-hiding data", async () => {
    expect(site.ok).toBe(true);
    const html = await site.read("/audiences/kinder/");
    expect(html).toContain("<h1>Programs for Kinder</h1>");
    expect(html).toMatch(
      /<section class="day" aria-labelledby="day-2027-03-12" data-day="2027-03-12">/,
    );
    // A row's end is `data-ends` (site.js hides it once that has passed: the time alone, on
    // its start's day at its offset), its `.when` says it as text.
    for (const start of ["2027-03-12T16:00+01:00", "2027-04-02T16:00+02:00"])
      expect(html).toMatch(
        new RegExp(
          ` data-ends="16:45">(<img [^>]*>)?<a [^>]*>[^<]*</a>( <span [^>]*>[^<]*</span>)?<p><span class="when"><time datetime="${start.replace("+", "\\+")}">16:00</time> &ndash; 16:45</span>`,
        ),
      );
    expect(html).not.toContain("Nachtlesung");
    expect(html).not.toContain("Geheimer Entwurf");
    // The cancelled Friday (9 April, after the 4-week window) is on the April calendar,
    // marked in text; the audience page links that month and the later ones.
    expect(html).not.toContain('data-day="2027-04-09"');
    const april = await site.read("/calendar/2027/04/");
    const cell = april.split("<li").find((s) => s.includes('datetime="2027-04-09T16:00+02:00"'))!;
    expect(cell).toContain('<span class="badge badge-cancelled">Cancelled</span>');
  });

  it("lists the next listing_weeks weeks (default 4) and links the months after them", async () => {
    const html = await site.read("/audiences/kinder/");
    const days = [...html.matchAll(/data-day="([^"]+)"/g)].map((m) => m[1]!);
    // Month names follow the library's locale (de-DE). Berlin "now" is 10 March 2027: the window runs to midnight starting 7 April.
    expect(days.at(0)).toBe("2027-03-12");
    expect(days.at(-1)).toBe("2027-04-02");
    const later = html.slice(html.indexOf('<nav class="later-dates"')).split("</nav>")[0]!;
    // The months after the window, then search within the audience (later pages of one
    // audience are not written: /programs/ has them, for every program).
    expect(
      [...later.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ["/calendar/2027/04/", "April 2027"],
      ["/calendar/2027/05/", "Mai 2027"],
      ["/calendar/2027/06/", "Juni 2027"],
      ["/search/?audience=kinder", "Search Kinder programs"],
    ]);
    expect(site.exists("/audiences/kinder/page/2/")).toBe(false);
    // The cancelled Friday is on the second page of /programs/, struck and marked.
    const second = await site.read("/programs/page/2/");
    const cancelled = second
      .split('<li class="listing')
      .find((s) => s.includes('<span class="when"><time datetime="2027-04-09T16:00+02:00"'))!;
    expect(cancelled).toMatch(/^[^"]* is-cancelled"/);
    expect(cancelled).toContain('<span class="badge badge-cancelled">Cancelled</span>');
    // /programs/ links its own pages and the months, and every later date is on a month calendar.
    const programs = await site.read("/programs/");
    expect(programs).toContain('<a href="/calendar/2027/06/">Juni 2027</a>');
    expect(programs).toContain('<a href="/programs/page/2/">');
    expect(programs).not.toContain("/search/?");
    expect(programs).not.toContain('data-day="2027-04-09"');
  });

  it("shows a program crossing midnight under its start day only", async () => {
    const html = await site.read("/locations/nord/");
    const days = html.split('<section class="day"').slice(1);
    const withIt = days
      .filter((d) => d.includes("Nachtlesung"))
      .map((d) => /data-day="([^"]+)"/.exec(d)![1]);
    expect(withIt).toEqual(["2027-03-31"]);
  });

  it("has index pages with counts of programs and upcoming dates", async () => {
    const audiences = await site.read("/audiences/");
    // Vorlesestunde: 13 Fridays from 12 March to the horizon (10 June); plus the flea market.
    expect(audiences).toMatch(
      /<a href="\/audiences\/kinder\/">Kinder<\/a> <span class="count">2 programs, 14 upcoming dates<\/span>/,
    );
    expect(audiences).toMatch(
      /<a href="\/audiences\/erwachsene\/">Erwachsene<\/a> <span class="count">3 programs, 3 upcoming dates<\/span>/,
    );
    const categories = await site.read("/categories/");
    // Labels are escaped.
    expect(categories).toContain('<a href="/categories/lesen/">Lesen &amp; Literatur</a>');
    expect(categories).toContain(
      '<a href="/categories/digital/">Digitales</a> <span class="count">1 program, 1 upcoming date</span>',
    );
    expect(site.exists("/categories/lesen/")).toBe(true);
    expect(await site.read("/locations/")).toContain(
      '<a href="/locations/mitte/">Zentralbibliothek</a>',
    );
  });

  it("shows a location's address, hours, accessibility and a map link", async () => {
    const html = await site.read("/locations/mitte/");
    expect(html).toContain("Marktplatz 1, 04109 Lindenau");
    expect(html).toContain("<dt>Hours</dt>\n  <dd>Mo–Fr 10–19 Uhr</dd>");
    expect(html).toContain("Stufenloser Eingang am Marktplatz.");
    expect(html).toContain(
      'href="https://www.openstreetmap.org/?mlat=51.34&amp;mlon=12.37#map=17/51.34/12.37">Map and directions</a>',
    );
    expect(html).toContain("Vorlesestunde");
    expect(html).not.toContain("Nachtlesung");
  });

  it("has quick views for today, this week and this weekend", async () => {
    const today = await site.read("/programs/today/");
    expect(today).toContain("Digitalsprechstunde");
    expect(today).not.toContain("Vorlesestunde");
    const week = await site.read("/programs/this-week/");
    for (const title of ["Digitalsprechstunde", "Vorlesestunde", "Bücherflohmarkt"])
      expect(week).toContain(title);
    expect(week).not.toContain('data-day="2027-03-19"');
    const weekend = await site.read("/programs/this-weekend/");
    expect(weekend).toContain("Bücherflohmarkt");
    expect(weekend).not.toContain("Vorlesestunde");
    expect(await site.read("/programs/")).toContain(
      '<a class="chip" href="/programs/this-weekend/">This weekend</a>',
    );
  });

  it("keeps listing pages out of the search index", async () => {
    for (const url of [
      "/audiences/kinder/",
      "/locations/mitte/",
      "/programs/this-week/",
      "/calendar/2027/03/",
      "/search/",
    ]) {
      expect(await site.read(url), url).not.toContain("data-pagefind-body");
    }
    expect(await site.read("/programs/vorlesestunde/")).toContain("data-pagefind-body");
  });
});

describe("the print brochure of a Santiago library, the month the clocks go back", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture(await makeSantiagoSite(), SANTIAGO_NOW);
  }, 60_000);

  it("gives a late-night series one time line for its dates, the night of the change its own", async () => {
    expect(site.ok).toBe(true);
    const html = await site.read("/print/2027-04/");
    const lines = (title: string) => {
      const article = new RegExp(`<article>\\n<h2>${title}</h2>([\\s\\S]*?)</article>`).exec(
        html,
      )![1]!;
      return [...article.matchAll(/<p><strong>([^<]*)<\/strong>: (.*)<\/p>/g)].map(
        (m) => `${m[1]}: ${m[2]!.replace(/<[^>]+>/g, "")}`,
      );
    };
    // Saturdays 23:00 to 00:30. On 3 April 24:00 becomes 23:00: 23:00 CLST to 23:30 CLT,
    // as the program page says; the other Saturdays end at 00:30 the next day.
    expect(lines("Noche astronómica")).toEqual([
      "11:00 p. m. CLST – 11:30 p. m. CLT: sáb, 3 abr",
      "11:00 p. m. – 12:30 a. m.: sáb, 10 abr; sáb, 17 abr; sáb, 24 abr",
    ]);
    expect(lines("Ajedrez nocturno")).toEqual(["11:30 p. m. CLST – 12:30 a. m.: sáb, 3 abr"]);
    expect(lines("Cuentos de noche")).toEqual([
      "11:00 p. m. – 11:45 p. m.: sáb, 17 abr; sáb, 24 abr",
    ]);
    // The program page keeps each date's own end.
    expect(await site.read("/programs/noche-astronomica/")).toContain(
      "sábado, 17 de abril de 2027, 11:00 p. m.</time> &ndash; dom, 18 abr, 12:30 a. m.</li>",
    );
  });
});
