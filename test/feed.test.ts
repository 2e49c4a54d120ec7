import { describe, it, expect } from "vitest";
import { atomFeed } from "../src/outputs/feed.ts";
import { robotsTxt, sitemapXml } from "../src/outputs/sitemap.ts";
import { child, children, parseXml } from "./helpers/xml.ts";
import { makeCatalogue, makeProgram, occ } from "./helpers/model.ts";

const hostile = `<script>alert(1)</script> & "x"`;

function catalogue() {
  return makeCatalogue({
    programs: [
      makeProgram({ id: "old", title: "Old", occurrences: [occ("2026-09-01T10:00")] }),
      makeProgram({
        id: "announced",
        title: hostile,
        summary: `Summary with <b>tags</b> & 'quotes'`,
        body: "Body with [a link](/pages/about/) & more",
        publish: "2026-09-20",
        occurrences: [occ("2026-08-15T10:00")],
        categories: ["technology", "media-literacy"],
      }),
      makeProgram({
        id: "next",
        title: "Next",
        occurrences: [occ("2026-10-20T18:00"), occ("2026-10-27T18:00")],
      }),
    ],
  });
}

describe("atomFeed", () => {
  it("is well-formed Atom with entries newest first by publish date, else first start", () => {
    const feed = parseXml(atomFeed(catalogue()));
    expect(feed.name).toBe("feed");
    expect(feed.attrs.xmlns).toBe("http://www.w3.org/2005/Atom");
    const entries = children(feed, "entry");
    // next: first start 2026-10-20; announced: publish 2026-09-20 (its start is earlier); old: 2026-09-01
    expect(entries.map((e) => child(e, "id").text)).toEqual([
      "https://library.example.org/programs/next/",
      "https://library.example.org/programs/announced/",
      "https://library.example.org/programs/old/",
    ]);
    expect(entries.map((e) => child(e, "updated").text)).toEqual([
      "2026-10-20T18:00:00-05:00",
      "2026-09-20T00:00:00-05:00",
      "2026-09-01T10:00:00-05:00",
    ]);
    expect(child(feed, "updated").text).toBe("2026-10-20T18:00:00-05:00");
  });

  it("uses absolute links everywhere", () => {
    const feed = parseXml(atomFeed(catalogue()));
    const links = [
      ...children(feed, "link"),
      ...children(feed, "entry").map((e) => child(e, "link")),
    ];
    expect(links.map((l) => l.attrs.href)).toEqual([
      "https://library.example.org/feed.xml",
      "https://library.example.org/programs/",
      "https://library.example.org/programs/next/",
      "https://library.example.org/programs/announced/",
      "https://library.example.org/programs/old/",
    ]);
    expect(child(child(feed, "author"), "uri").text).toBe("https://library.example.org/");
  });

  it("escapes hostile titles, summaries and HTML content so they read back unchanged", () => {
    const xml = atomFeed(catalogue());
    expect(xml).not.toContain("<script>");
    const entry = children(parseXml(xml), "entry")[1];
    expect(child(entry, "title").text).toBe(hostile);
    expect(child(entry, "summary").text).toBe(`Summary with <b>tags</b> & 'quotes'`);
    expect(child(entry, "content").attrs.type).toBe("html");
    expect(child(entry, "content").text).toBe(
      `<p>Body with <a href="/pages/about/">a link</a> &amp; more</p>\n`,
    );
    expect(children(entry, "category").map((c) => [c.attrs.term, c.attrs.label])).toEqual([
      ["technology", "Technology"],
      ["media-literacy", "Media literacy"],
    ]);
  });

  it("drops characters XML forbids instead of writing an unreadable feed", () => {
    const c = makeCatalogue({
      programs: [makeProgram({ title: "Bell\u0007 and form feed\u000c" })],
    });
    expect(child(children(parseXml(atomFeed(c)), "entry")[0], "title").text).toBe(
      "Bell and form feed",
    );
  });

  it("is deterministic and takes an empty catalogue's <updated> from now", () => {
    expect(atomFeed(catalogue())).toBe(atomFeed(catalogue()));
    const empty = parseXml(atomFeed(makeCatalogue({ now: "2026-10-01T09:00" })));
    expect(child(empty, "updated").text).toBe("2026-10-01T09:00:00-05:00");
    expect(children(empty, "entry")).toEqual([]);
  });

  it("keeps only the newest `limit` entries", () => {
    const feed = parseXml(atomFeed(catalogue(), { limit: 2 }));
    expect(children(feed, "entry")).toHaveLength(2);
  });
});

describe("sitemapXml and robotsTxt", () => {
  it("writes escaped, well-formed URLs with optional lastmod", () => {
    const xml = sitemapXml([
      { loc: "https://library.example.org/", lastmod: "2026-10-01" },
      { loc: "https://library.example.org/search/?q=a&b=c" },
    ]);
    const urls = children(parseXml(xml), "url");
    expect(urls.map((u) => child(u, "loc").text)).toEqual([
      "https://library.example.org/",
      "https://library.example.org/search/?q=a&b=c",
    ]);
    expect(child(urls[0], "lastmod").text).toBe("2026-10-01");
    expect(children(urls[1], "lastmod")).toEqual([]);
  });

  it("points robots at the sitemap", () => {
    expect(robotsTxt("https://library.example.org/")).toMatchInlineSnapshot(`
      "User-agent: *
      Allow: /

      Sitemap: https://library.example.org/sitemap.xml
      "
    `);
  });
});

describe("the test XML reader", () => {
  it("reads well-formed XML and rejects what a generator can get wrong", () => {
    expect(
      parseXml(`<?xml version="1.0"?>\n<a x="1&amp;2"><b>t &lt; &#x41;</b><c/></a>\n`),
    ).toMatchObject({
      attrs: { x: "1&2" },
      children: [{ name: "b", text: "t < A" }, { name: "c" }],
    });
    const bad = [
      "<a><b></a></b>",
      "<a>x & y</a>",
      "<a>x < y</a>",
      "<a x=1/>",
      "<a></a><b/>",
      `<a x="1" x="2"/>`,
      "<a>",
      "<a>&foo;</a>",
      `<a x="<"/>`,
      "<a>\u0001</a>",
    ];
    for (const xml of bad) expect(() => parseXml(xml), xml).toThrow();
  });
});
