// Calendars, feeds, JSON, JSON-LD, meta tags, sitemap and share links on real builds: the
// demo library (America/Chicago) and a small library in another zone (Pacific/Auckland)
// with other ids, a hostile title, a draft, a not-yet-published program and no feedback URL.
import { describe, it, expect, beforeAll } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildFixture, DEMO_ROOT, type BuiltSite } from "./helpers/site.ts";
import { makeSite } from "./helpers/fixture.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic } from "./helpers/serve.ts";
import { child, children, parseXml } from "./helpers/xml.ts";
import type { Catalogue, Program } from "../src/content/model.ts";
import { JSON_LD_EVENT_LIMIT } from "../src/site/json-ld.ts";
import { PAGE_DATES } from "../src/site/program-dates.ts";
import { expandCalendar, type CalendarEvent } from "./helpers/ical.ts";
import { placeOf } from "../src/content/assemble.ts";

const HOSTILE = `"><script>alert(1)</script>`;

const OTHER_LIBRARY = `name: Kōwhai Bay Library
description: Stories, skills & "community" on the harbour.
url: https://kowhai.example.nz
timezone: Pacific/Auckland
locale: en-NZ
languages: { en: English, mi: Te Reo Māori }
locations:
  - id: wharf
    name: Wharf Street Library
    address: 12 Wharf Street, Kōwhai Bay 0612
audiences:
  - { id: tamariki, label: Tamariki }
  - { id: pakeke, label: "Pakeke (adults)" }
categories:
  - { id: stories, label: Stories }
  - { id: digital, label: "Digital skills & coding" }
`;

const program = (front: string, body = "About this program.") =>
  `---\n${front.trim()}\n---\n${body}\n`;

/** Another library: NZ daylight saving ends on 2027-04-04, inside the `evening-code` series. */
const OTHER_FILES = {
  "_data/library.yaml": OTHER_LIBRARY,
  "content/programs/evening-code.md": program(`
title: Evening Code Club
summary: Build a website, one evening at a time.
audiences: [pakeke]
categories: [digital]
location: wharf
start: 2027-03-09 18:30
duration: 90
repeat: { every: week, count: 8, except: [2027-03-23] }
cancelled: [2027-03-30]
`),
  "content/programs/hostile.md": program(
    `
title: '${HOSTILE}'
summary: 'Tom & Jerry <b>live</b>; "quotes", commas'
audiences: [tamariki]
categories: [stories]
online: https://meet.example.nz/stories
start: 2027-03-10 10:00
`,
    "Nothing <em>here</em>.",
  ),
  "content/programs/matariki-day.md": program(`
title: Matariki Day
summary: A day of stories for the Māori New Year.
audiences: [tamariki, pakeke]
categories: [stories]
location: wharf
start: 2027-06-25
`),
  "content/programs/hui-cancelled.md": program(`
title: Community Hui
summary: Called off.
audiences: [pakeke]
categories: [stories]
location: wharf
start: 2027-03-20 14:00
status: cancelled
`),
  "content/programs/secret-draft.md": program(`
title: Secret Draft
summary: Not yet.
audiences: [pakeke]
categories: [stories]
location: wharf
start: 2027-03-20 14:00
draft: true
`),
  "content/programs/secret-future.md": program(`
title: Secret Future
summary: Announced later.
audiences: [pakeke]
categories: [stories]
location: wharf
start: 2027-05-20 14:00
publish: 2027-04-01
`),
  "content/pages/about.md": `---\ntitle: About us\nsummary: Who we are.\nnav: 1\n---\nHello.\n`,
};

// ---- helpers -------------------------------------------------------------------------

/** Every file under `dir`, as site paths (`/programs/x/index.html`). */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory()
      ? walk(full, base)
      : ["/" + path.relative(base, full).split(path.sep).join("/")];
  });
}

/** Site path of an HTML file as a page URL: `/a/index.html` -> `/a/`. */
const pageUrl = (file: string) => file.replace(/index\.html$/, "");

/**
 * Parses an .ics as a calendar app would (ical.js, its own VTIMEZONEs registered) and
 * expands every event into occurrences, following RRULE, EXDATE and RECURRENCE-ID
 * overrides, so the comparison does not depend on how the file is written.
 */
function expandIcs(ics: string, untilMs: number): CalendarEvent[] {
  return expandCalendar(ics).filter((e) => e.startMs <= untilMs);
}

/** The program page's upcoming dates: `<li>` of `ul.dates`, their start and cancelled flag. */
function pageDates(html: string): { key: string; cancelled: boolean; datetime: string }[] {
  // Every `<ul class="dates">`: the first few dates, then the rest behind "more dates".
  const lists = [...html.matchAll(/<ul class="dates">([^]*?)<\/ul>/g)].map((m) => m[1]).join("");
  if (!lists) return [];
  return [...lists.matchAll(/<li( class="is-cancelled")?[^>]*><time datetime="([^"]+)">/g)].map(
    (m) => ({
      cancelled: Boolean(m[1]),
      datetime: m[2],
      key: m[2].length === 10 ? `D:${m[2]}` : `T:${Date.parse(m[2])}`,
    }),
  );
}

const decodeAttr = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function metaContent(html: string, attr: "property" | "name", key: string): string | undefined {
  const m = new RegExp(`<meta ${attr}="${key}" content="([^"]*)">`).exec(html);
  return m ? decodeAttr(m[1]) : undefined;
}

function jsonLdBlocks(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([^]*?)<\/script>/g)].map((m) =>
    JSON.parse(m[1]),
  );
}

/** Upcoming (not yet ended at `now`) occurrences of one program's .ics, in order. */
function upcomingEvents(ics: string, catalogue: Catalogue): CalendarEvent[] {
  const now = catalogue.now.toMillis();
  return expandIcs(ics, catalogue.horizon.toMillis())
    .filter((e) => e.endMs > now)
    .sort((a, b) => a.startMs - b.startMs);
}

// ---- the checks, run on both libraries -----------------------------------------------

function sharedChecks(name: string, get: () => BuiltSite) {
  const catalogueOf = () => get().catalogue!;

  describe(`${name}: iCalendar`, () => {
    it("each program's .ics holds exactly the occurrences its page lists, cancelled dates marked", async () => {
      const site = get();
      const catalogue = catalogueOf();
      expect(catalogue.programs.length).toBeGreaterThan(0);
      for (const p of catalogue.programs) {
        const html = await site.read(p.url);
        const ics = await site.read(`/programs/${p.id}.ics`);
        const events = upcomingEvents(ics, catalogue);
        const listed = pageDates(html);
        // The page lists the next PAGE_DATES dates and every cancelled one after them, and
        // counts the others (src/site/program-dates.ts); the .ics has every one.
        const unlisted = Number(
          /(\d+) later dates? (?:is|are) not listed here/.exec(html)?.[1] ?? 0,
        );
        expect(events.length, p.id).toBe(listed.length + unlisted);
        const onPage = events.filter(
          (e, i) => i < PAGE_DATES || (e.status === "CANCELLED" && p.status !== "cancelled"),
        );
        expect(
          onPage.map((e) => e.key),
          p.id,
        ).toEqual(listed.map((d) => d.key));
        expect(
          onPage.map((e) => e.status),
          p.id,
        ).toEqual(
          listed.map((d) =>
            d.cancelled || p.status === "cancelled" ? "CANCELLED" : expect.any(String),
          ),
        );
        for (const e of events) {
          expect(e.url).toBe(get().catalogue!.library.url + p.url);
          expect(e.summary).toContain(p.title);
        }
      }
    });

    it("is written exactly: CRLF lines, at most 75 octets, nothing HTML-escaped", async () => {
      const site = get();
      const files = walk(site.output).filter((f) => f.endsWith(".ics"));
      expect(files.length).toBeGreaterThan(catalogueOf().programs.length);
      for (const file of files) {
        const ics = await site.read(file);
        expect(ics.startsWith("BEGIN:VCALENDAR\r\n"), file).toBe(true);
        expect(ics.endsWith("END:VCALENDAR\r\n"), file).toBe(true);
        const lines = ics.split("\r\n").slice(0, -1);
        for (const line of lines)
          expect(Buffer.byteLength(line), `${file}: ${line}`).toBeLessThanOrEqual(75);
        expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
        expect(ics, file).not.toMatch(/&(amp|lt|gt|quot|#39);/);
      }
    });

    it("aggregated calendars hold the right programs' occurrences, listed in /programs.json", async () => {
      const site = get();
      const catalogue = catalogueOf();
      const { library } = catalogue;
      const uidsOf = async (programs: Program[]) =>
        (
          await Promise.all(
            programs.map(async (p) =>
              upcomingEvents(await site.read(`/programs/${p.id}.ics`), catalogue),
            ),
          )
        )
          .flat()
          .map((e) => e.uid)
          .sort();
      const calendarUids = async (url: string) =>
        upcomingEvents(await site.read(url), catalogue)
          .map((e) => e.uid)
          .sort();

      expect(await calendarUids("/calendar.ics")).toEqual(await uidsOf(catalogue.programs));
      for (const a of library.audiences)
        expect(await calendarUids(`/audiences/${a.id}/calendar.ics`), a.id).toEqual(
          await uidsOf(catalogue.programs.filter((p) => p.audiences.includes(a.id))),
        );
      for (const c of library.categories)
        expect(await calendarUids(`/categories/${c.id}/calendar.ics`), c.id).toEqual(
          await uidsOf(catalogue.programs.filter((p) => p.categories.includes(c.id))),
        );
      for (const l of library.locations)
        expect(await calendarUids(`/locations/${l.id}/calendar.ics`), l.id).toEqual(
          await uidsOf(catalogue.programs.filter((p) => placeOf(p) === l.id)),
        );

      const json = JSON.parse(await site.read("/programs.json"));
      const events = upcomingEvents(await site.read("/calendar.ics"), catalogue);
      const fromJson = json.occurrences
        .map(
          (o: { url: string; start: string; allDay: boolean }) =>
            `${o.url} ${o.allDay ? `D:${o.start}` : `T:${Date.parse(o.start)}`}`,
        )
        .sort();
      expect(fromJson).toEqual(events.map((e) => `${e.url} ${e.key}`).sort());
      expect(json.occurrences).toHaveLength(catalogue.upcoming.length);
    });

    it("listing pages offer webcal:// and https subscriptions", async () => {
      const html = await get().read("/programs/");
      const base = catalogueOf().library.url;
      expect(html).toContain(`href="${base.replace(/^https:/, "webcal:")}/calendar.ics"`);
      expect(html).toContain(`href="${base}/calendar.ics"`);
    });
  });

  describe(`${name}: Atom feed`, () => {
    it("is well-formed, newest first, with absolute links to built pages", async () => {
      const site = get();
      const { library } = catalogueOf();
      const feed = parseXml(await site.read("/feed.xml"));
      expect(feed.name).toBe("feed");
      expect(feed.attrs.xmlns).toBe("http://www.w3.org/2005/Atom");
      const entries = children(feed, "entry");
      expect(entries.length).toBe(Math.min(50, catalogueOf().programs.length));
      const updated = entries.map((e) => Date.parse(child(e, "updated").text));
      expect(updated.every((u) => !Number.isNaN(u))).toBe(true);
      expect([...updated].sort((a, b) => b - a)).toEqual(updated);
      for (const entry of entries) {
        const href = child(entry, "link").attrs.href;
        expect(href.startsWith(`${library.url}/programs/`), href).toBe(true);
        expect(child(entry, "id").text).toBe(href);
        expect(site.exists(href.slice(library.url.length)), href).toBe(true);
      }
      const self = children(feed, "link").find((l) => l.attrs.rel === "self");
      expect(self?.attrs.href).toBe(`${library.url}/feed.xml`);
    });

    it("is linked from every page's head", async () => {
      for (const url of ["/", "/programs/", catalogueOf().programs[0].url]) {
        expect(await get().read(url)).toContain(
          `<link rel="alternate" type="application/atom+xml"`,
        );
      }
    });
  });

  describe(`${name}: JSON-LD and meta tags`, () => {
    it("each program page with upcoming dates has Events with the required properties", async () => {
      const site = get();
      const catalogue = catalogueOf();
      let checked = 0;
      for (const p of catalogue.programs) {
        const html = await site.read(p.url);
        const blocks = jsonLdBlocks(html);
        const upcoming = pageDates(html);
        if (!upcoming.length) {
          expect(blocks, p.id).toEqual([]);
          continue;
        }
        expect(blocks, p.id).toHaveLength(1);
        const events = ([] as Record<string, unknown>[]).concat(
          blocks[0] as Record<string, unknown>,
        );
        expect(events.length).toBe(Math.min(JSON_LD_EVENT_LIMIT, upcoming.length));
        for (const [i, event] of events.entries()) {
          expect(event["@type"]).toBe("Event");
          expect(event.name).toBe(p.title);
          // The same instant and offset as the page's `datetime`, which leaves out `:00` seconds.
          expect(String(event.startDate).replace(/T(\d\d:\d\d):00(?=[+-])/, "T$1")).toBe(
            upcoming[i].datetime,
          );
          expect(String(event.startDate)).toMatch(
            /^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?$/,
          );
          expect(event.location, p.id).toBeDefined();
          expect(String(event.eventAttendanceMode)).toMatch(
            /^https:\/\/schema\.org\/(Offline|Online|Mixed)EventAttendanceMode$/,
          );
          expect(String(event.eventStatus)).toMatch(/^https:\/\/schema\.org\/Event[A-Z]/);
          expect(event.organizer).toMatchObject({ name: catalogue.library.name });
          expect(event.url).toBe(catalogue.library.url + p.url);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });

    it("home has the library as a schema.org Library", async () => {
      const [ld] = jsonLdBlocks(await get().read("/")) as Record<string, unknown>[];
      expect(ld["@type"]).toBe("Library");
      expect(ld.name).toBe(catalogueOf().library.name);
      expect(ld.url).toBe(`${catalogueOf().library.url}/`);
    });

    it("every indexable page has an absolute canonical URL, Open Graph tags and a Twitter card type", async () => {
      const site = get();
      const { library } = catalogueOf();
      for (const file of walk(site.output).filter((f) => f.endsWith(".html"))) {
        const html = await site.read(file);
        const url = pageUrl(file);
        if (file === "/404.html") {
          expect(html).toContain(`<meta name="robots" content="noindex">`);
          continue;
        }
        if (/<meta name="robots" content="noindex">/.test(html)) continue;
        expect(html, file).toContain(`<link rel="canonical" href="${library.url}${url}">`);
        expect(metaContent(html, "property", "og:url"), file).toBe(library.url + url);
        expect(metaContent(html, "property", "og:title"), file).toBeTruthy();
        expect(metaContent(html, "property", "og:type"), file).toMatch(/^(website|article)$/);
        expect(metaContent(html, "name", "twitter:card"), file).toMatch(/^summary/);
        // X falls back to og:title, og:description and og:image: no twitter: copies.
        expect(html, file).not.toMatch(/name="twitter:(title|description|image)"/);
      }
    });
  });

  describe(`${name}: sitemap and robots`, () => {
    it("the sitemap lists exactly the built public HTML pages, as absolute URLs", async () => {
      const site = get();
      const { library } = catalogueOf();
      const sitemap = parseXml(await site.read("/sitemap.xml"));
      const listed = children(sitemap, "url").map((u) => child(u, "loc").text);
      const expected = walk(site.output)
        .filter((f) => f.endsWith(".html") && f !== "/404.html")
        .filter(
          (f) =>
            !/<meta name="robots" content="noindex">/.test(
              readFileSync(path.join(site.output, f), "utf8"),
            ),
        )
        .map((f) => library.url + pageUrl(f))
        .sort();
      expect(listed).toEqual(expected);
      expect(listed.length).toBeGreaterThan(5);
      for (const p of catalogueOf().programs) expect(listed).toContain(library.url + p.url);
    });

    it("robots.txt names the sitemap", async () => {
      const robots = await get().read("/robots.txt");
      expect(robots).toContain(`Sitemap: ${catalogueOf().library.url}/sitemap.xml\n`);
      expect(robots).toMatch(/^User-agent: \*$/m);
    });
  });

  describe(`${name}: share`, () => {
    it("program pages offer the .ics, plain share links and a hidden Share button, with no third-party script", async () => {
      const site = get();
      for (const p of catalogueOf().programs) {
        const html = await site.read(p.url);
        expect(html).toContain(`<a href="/programs/${p.id}.ics"`);
        expect(html).toMatch(/<button type="button" class="button share-button"[^>]* hidden>/);
        expect(html).toContain(`class="share-link share-email" href="mailto:?subject=`);
        expect(html).not.toMatch(/<script[^>]+src="(https?:)?\/\//);
        expect(html).not.toMatch(/ style="/);
      }
    });
  });
}

// ---- the builds ------------------------------------------------------------------------

let demo: BuiltSite;
let other: BuiltSite;

beforeAll(async () => {
  // One after another: builds share module state.
  // Two libraries at once: builds share no state.
  [demo, other] = await Promise.all([
    buildFixture(DEMO_ROOT, "2026-11-28T10:00"),
    makeSite(OTHER_FILES).then((root) => buildFixture(root, "2027-03-01T10:00")),
  ]);
  if (!demo.ok) throw new Error(`demo build failed: ${JSON.stringify(demo.problems)}`);
  if (!other.ok) throw new Error(`fixture build failed: ${JSON.stringify(other.problems)}`);
}, 180_000);

sharedChecks("demo library", () => demo);
sharedChecks("Pacific/Auckland library", () => other);

describe("series across a daylight-saving change", () => {
  it("demo: teen-coding-club keeps its wall-clock time across 2027-03-14 (CST to CDT)", async () => {
    const catalogue = demo.catalogue!;
    const events = upcomingEvents(await demo.read("/programs/teen-coding-club.ics"), catalogue);
    // Its page lists the dates up to February; the month calendars it links list the rest.
    const page = await demo.read("/programs/teen-coding-club/");
    expect(page).toContain('<a href="/calendar/2027/04/">April 2027</a>');
    const offsets = new Set([
      ...pageDates(page).map((d) => d.datetime.slice(-6)),
      ...[
        ...(await demo.read("/calendar/2027/04/")).matchAll(
          /<time datetime="([^"]+)">[^<]*<\/time>\s*<a href="\/programs\/teen-coding-club\/">/g,
        ),
      ].map((m) => m[1]!.slice(-6)),
    ]);
    expect(offsets).toEqual(new Set(["-06:00", "-05:00"]));
    expect(events.length).toBeGreaterThan(10);
    const times = new Set(
      catalogue.programs
        .find((p) => p.id === "teen-coding-club")!
        .occurrences.map((o) => o.start.toFormat("HH:mm")),
    );
    expect(new Set(events.map((e) => e.wall.slice(11, 16)))).toEqual(times);
  });

  it("Auckland: a weekly 18:30 series keeps 18:30 across 2027-04-04 (NZDT to NZST)", async () => {
    const ics = await other.read("/programs/evening-code.ics");
    const events = upcomingEvents(ics, other.catalogue!);
    expect(ics).toContain("TZID:Pacific/Auckland\r\n");
    expect(events.map((e) => e.wall)).toEqual([
      "2027-03-09T18:30:00",
      "2027-03-16T18:30:00",
      "2027-03-30T18:30:00",
      "2027-04-06T18:30:00",
      "2027-04-13T18:30:00",
      "2027-04-20T18:30:00",
      "2027-04-27T18:30:00",
    ]);
    expect(events.map((e) => new Date(e.startMs).toISOString())).toEqual([
      "2027-03-09T05:30:00.000Z",
      "2027-03-16T05:30:00.000Z",
      "2027-03-30T05:30:00.000Z",
      "2027-04-06T06:30:00.000Z",
      "2027-04-13T06:30:00.000Z",
      "2027-04-20T06:30:00.000Z",
      "2027-04-27T06:30:00.000Z",
    ]);
    expect(events.filter((e) => e.status === "CANCELLED").map((e) => e.wall)).toEqual([
      "2027-03-30T18:30:00",
    ]);
    const page = pageDates(await other.read("/programs/evening-code/"));
    expect(page.map((d) => d.datetime.slice(-6))).toEqual([
      "+13:00",
      "+13:00",
      "+13:00",
      "+12:00",
      "+12:00",
      "+12:00",
      "+12:00",
    ]);
  });
});

describe("hostile content and unpublished programs (Auckland fixture)", () => {
  it("a hostile title appears only escaped in HTML, og:title, JSON-LD and the feed", async () => {
    const html = await other.read("/programs/hostile/");
    for (const file of walk(other.output).filter((f) => /\.(html|xml)$/.test(f))) {
      expect(await other.read(file), file).not.toContain("<script>alert(1)");
    }
    expect(html).toContain(
      `<meta property="og:title" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">`,
    );
    expect(metaContent(html, "property", "og:title")).toBe(HOSTILE);
    const ldText = /<script type="application\/ld\+json">([^]*?)<\/script>/.exec(html)![1];
    expect(ldText).toContain("\\u003cscript\\u003e");
    expect((JSON.parse(ldText) as { name: string }).name).toBe(HOSTILE);

    const feed = parseXml(await other.read("/feed.xml"));
    const titles = children(feed, "entry").map((e) => child(e, "title").text);
    expect(titles).toContain(HOSTILE);
  });

  it("a hostile title is escaped for iCalendar and reads back exactly", async () => {
    const ics = await other.read("/programs/hostile.ics");
    const unfolded = ics.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toContain(`SUMMARY:${HOSTILE}\r\n`);
    expect(unfolded).toContain(`DESCRIPTION:Tom & Jerry <b>live</b>\\; "quotes"\\, commas\\n\\n`);
    const [event] = expandIcs(ics, Infinity);
    expect(event.summary).toBe(HOSTILE);
    expect(
      JSON.parse(await other.read("/programs.json")).occurrences.map(
        (o: { title: string }) => o.title,
      ),
    ).toContain(HOSTILE);
  });

  it("drafts and not-yet-published programs are nowhere: no page, calendar, feed entry or sitemap URL", async () => {
    for (const id of ["secret-draft", "secret-future"]) {
      expect(other.exists(`/programs/${id}/`)).toBe(false);
      expect(other.exists(`/programs/${id}.ics`)).toBe(false);
      for (const file of [
        "/sitemap.xml",
        "/feed.xml",
        "/calendar.ics",
        "/programs.json",
        "/audiences/pakeke/calendar.ics",
      ])
        expect(await other.read(file), `${id} in ${file}`).not.toContain(id);
    }
  });

  it("a cancelled program is in calendars as STATUS:CANCELLED and in JSON-LD as EventCancelled", async () => {
    const events = expandIcs(await other.read("/calendar.ics"), Infinity).filter((e) =>
      e.url.endsWith("/programs/hui-cancelled/"),
    );
    expect(events.map((e) => e.status)).toEqual(["CANCELLED"]);
    const [ld] = jsonLdBlocks(await other.read("/programs/hui-cancelled/")) as Record<
      string,
      unknown
    >[];
    expect(ld.eventStatus).toBe("https://schema.org/EventCancelled");
  });

  it("an all-day program is a DATE event on the same day as its page says", async () => {
    const [event] = expandIcs(await other.read("/programs/matariki-day.ics"), Infinity);
    expect(event.allDay).toBe(true);
    expect(event.key).toBe("D:2027-06-25");
  });
});

describe("feedback link", () => {
  it("fills {id} and {title} URL-encoded on every demo program page", async () => {
    const catalogue = demo.catalogue!;
    expect(catalogue.library.feedbackUrl).toContain("{title}");
    for (const p of catalogue.programs) {
      const html = await demo.read(p.url);
      const m = /<p class="share-feedback"><a href="([^"]+)">/.exec(html);
      expect(m, p.id).not.toBeNull();
      const url = new URL(decodeAttr(m![1]));
      expect(url.searchParams.get("program")).toBe(p.id);
      expect(url.searchParams.get("title")).toBe(p.title);
      expect(m![1]).not.toMatch(/[ <>"]/);
    }
  });

  it("is absent when the library sets no feedback_url", async () => {
    expect(other.catalogue!.library.feedbackUrl).toBeUndefined();
    for (const p of other.catalogue!.programs) {
      const html = await other.read(p.url);
      expect(html).not.toContain("share-feedback");
      expect(html).toContain("share-email"); // the share block itself is there
    }
  });
});

describe("the e-mail and Google Calendar links in Chromium", () => {
  // The summary is on the page once (the Share button's data-share-text), not twice
  // URL-encoded in links: share.js puts it before the address; without it, the links
  // carry the address alone and still work.
  it("carry the summary and the address with JavaScript, the address alone without", async () => {
    const server = await serveStatic(demo.output);
    const browser = await launchBrowser();
    const url = "https://library.example.org/programs/teen-coding-club/";
    const summary =
      "Learn to code by building games, websites and small apps with Python and JavaScript. Laptops provided, no experience needed.";
    const links = async (javaScriptEnabled: boolean) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${server.url}/programs/teen-coding-club/`);
      if (javaScriptEnabled)
        await page.locator("button.share-button").waitFor({ state: "visible" });
      const href = (selector: string) => page.locator(selector).getAttribute("href");
      const email = new URL((await href("a.share-email"))!);
      const google = new URL((await href("a.share-google"))!);
      await context.close();
      return {
        subject: email.searchParams.get("subject"),
        body: decodeURIComponent(/[?&]body=([^&]*)/.exec(email.href)![1]!),
        details: google.searchParams.get("details"),
        text: google.searchParams.get("text"),
      };
    };
    try {
      const html = await demo.read("/programs/teen-coding-club/");
      expect(html.split(encodeURIComponent(summary)).length - 1).toBe(0);
      await expect(links(false)).resolves.toEqual({
        subject: "Teen Coding Club",
        body: url,
        details: url,
        text: "Teen Coding Club",
      });
      await expect(links(true)).resolves.toEqual({
        subject: "Teen Coding Club",
        body: `${summary}\n\n${url}`,
        details: `${summary}\n\n${url}`,
        text: "Teen Coding Club",
      });
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});

describe("the Share button in Chromium", () => {
  it("copies the link where there is no share sheet, and uses the share sheet where there is one", async () => {
    const server = await serveStatic(demo.output);
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.addInitScript(() => {
        // Headless Chromium on Linux has no share sheet; make sure of it for this page.
        Object.defineProperty(Navigator.prototype, "share", {
          value: undefined,
          configurable: true,
        });
      });
      await page.goto(`${server.url}/programs/teen-coding-club/`);
      const button = page.locator("button.share-button");
      await button.waitFor({ state: "visible" });
      expect(await button.textContent()).toBe("Copy link");
      await button.click();
      await expect.poll(() => page.locator(".share-status").textContent()).toBe("Link copied");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        "https://library.example.org/programs/teen-coding-club/",
      );

      const shared = await context.newPage();
      await shared.addInitScript(() => {
        (window as unknown as { sharedData: unknown[] }).sharedData = [];
        Object.defineProperty(Navigator.prototype, "share", {
          configurable: true,
          value: async (data: unknown) => {
            (window as unknown as { sharedData: unknown[] }).sharedData.push(data);
          },
        });
      });
      await shared.goto(`${server.url}/programs/teen-coding-club/`);
      const shareButton = shared.locator("button.share-button");
      await shareButton.waitFor({ state: "visible" });
      expect(await shareButton.textContent()).toBe("Share…");
      await shareButton.click();
      await expect
        .poll(() =>
          shared.evaluate(() => (window as unknown as { sharedData: unknown[] }).sharedData),
        )
        .toEqual([
          expect.objectContaining({
            title: "Teen Coding Club",
            url: "https://library.example.org/programs/teen-coding-club/",
          }),
        ]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});
