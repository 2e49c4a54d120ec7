// Every front-matter text field carries markup and quotes; the built site must show them
// as text everywhere (HTML, attributes, JSON-LD, feeds, calendars, JSON), never as markup.
import { describe, it, expect, beforeAll } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ICAL from "ical.js";
import { Parser } from "htmlparser2";
import { makeSite } from "./helpers/fixture.ts";
import { buildFixture, type BuiltSite } from "./helpers/site.ts";
import { explicitScheme, renderMarkdown } from "../src/content/markdown.ts";
import { bodyImagePath, bodyImages } from "../src/images/check.ts";
import { escapeAsLayout } from "../src/text/html.ts";

const EVIL = `<script>alert(1)</script>"'&<img src=x onerror=alert(2)>{{ 7*7 }}{% raw %}`;
const q = JSON.stringify(EVIL); // a YAML double-quoted scalar with the same text

const library = `name: ${q}
description: ${q}
url: https://library.example.org
timezone: Europe/Berlin
locale: de-DE
feedback_url: https://forms.example.org/f?p={id}&t={title}
contact: { email: ask@library.example.org, phone: ${q} }
languages: { de: ${q}, en: English }
locations:
  - id: mitte
    name: ${q}
    address: ${q}
    accessibility: ${q}
    hours: ${q}
    phone: ${q}
closed:
  - { date: 2026-12-25, reason: ${q} }
audiences:
  - { id: alle, label: ${q}, description: ${q} }
categories:
  - { id: technik, label: ${q}, description: ${q} }
`;

const program = `---
title: ${q}
summary: ${q}
audiences: [alle]
categories: [technik]
location: mitte
room: ${q}
online: https://meet.example.org/x?a=1&b="2"
start: 2026-12-01 18:00
repeat: { every: week }
registration: { required: true, url: "https://example.org/r?x=<y>", capacity: 5, opens: 2026-11-01 }
cost: ${q}
accessibility: ${q}
partners: [partner-x]
guides: [guide-x]
extra: { note: ${q} }
---
${EVIL}

[a link](javascript:alert(3)) and <b onclick="x">raw html</b>

[looks local](//evil.example/p), [also](/\\evil.example/q) and //evil.example/r
`;

const partner = `---
name: ${q}
kind: community
summary: ${q}
website: https://partner.example.org/?q="x"
---
${EVIL}
`;

const guide = `---
title: ${q}
summary: ${q}
level: beginner
audiences: [alle]
topics: [${q}]
checklist: [${q}]
sources: [{ title: ${q}, url: "https://example.org/s?a=<b>" }]
---
${EVIL}
`;

const page = `---
title: ${q}
summary: ${q}
nav: 1
---
${EVIL}
`;

/** Elements, attributes and URLs as a browser would parse them. */
function parse(html: string) {
  const tags: string[] = [];
  const attributes: [string, string][] = [];
  const scripts: string[] = [];
  let inScript = false;
  const parser = new Parser({
    onopentag(name, attrs) {
      tags.push(name);
      for (const [k, v] of Object.entries(attrs)) attributes.push([k, v]);
      inScript = name === "script" && !attrs.src && attrs.type !== "application/ld+json";
    },
    ontext(text) {
      if (inScript) scripts.push(text);
    },
    onclosetag() {
      inScript = false;
    },
  });
  parser.write(html);
  parser.end();
  return { tags, attributes, scripts };
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

describe("hostile strings in every text field", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    const root = await makeSite({
      "_data/library.yaml": library,
      "content/programs/evil.md": program,
      "content/partners/partner-x.md": partner,
      "content/guides/guide-x.md": guide,
      "content/pages/evil-page.md": page,
    });
    site = await buildFixture(root, "2026-11-28T10:00");
  }, 300_000);

  it("builds", () => {
    expect(site.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(site.ok).toBe(true);
  });

  it("never emits the markup, an event handler or a javascript: URL in any HTML page", async () => {
    const html = (await files(site.output)).filter((f) => f.endsWith(".html"));
    expect(html.length).toBeGreaterThan(10);
    for (const file of html) {
      const { tags, attributes, scripts } = parse(await readFile(file, "utf8"));
      expect(scripts, `${file}: inline script`).toEqual([]);
      expect(tags, file).not.toContain("b");
      expect(
        attributes.filter(([k]) => k.startsWith("on")),
        file,
      ).toEqual([]);
      for (const [k, v] of attributes) {
        if (k === "href" || k === "src" || k === "action") {
          expect(v, `${file}: ${k}`).not.toMatch(/^\s*(javascript|data|vbscript):/i);
        }
      }
      expect(
        attributes.filter(([k, v]) => k === "src" && v === "x"),
        file,
      ).toEqual([]);
    }
  });

  it("emits no protocol-relative URL: body links to other sites name their scheme", async () => {
    const html = await site.read("/programs/evil/");
    for (const path of ["p", "q", "r"]) {
      expect(html).toContain(`href="https://evil.example/${path}" rel="noopener"`);
    }
    const feed = await site.read("/feed.xml");
    expect(feed).toContain("https://evil.example/p");
    for (const file of (await files(site.output)).filter((f) => f.endsWith(".html"))) {
      for (const [k, v] of parse(await readFile(file, "utf8")).attributes) {
        if (k === "href" || k === "src") {
          expect(v, `${file}: ${k}`).not.toMatch(/^\s*[/\\]{2}/);
        }
      }
    }
  });

  it("shows the text itself, escaped, and does not evaluate template syntax", async () => {
    const html = await site.read("/programs/evil/");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("{{ 7*7 }}");
    expect(html).not.toContain(">49<");
  });

  it("round-trips the exact text through JSON, iCalendar and the feed", async () => {
    const json = JSON.parse(await site.read("/programs.json"));
    expect(json.occurrences[0].title).toBe(EVIL);
    const ics = ICAL.parse(await site.read("/programs/evil.ics"));
    const vevent = new ICAL.Component(ics).getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("summary")).toBe(EVIL);
    const feed = await site.read("/feed.xml");
    expect(feed).not.toContain("<script>");
    expect(feed).toContain("&lt;script&gt;");
  });

  it("escapes JSON-LD so it cannot close its script element", async () => {
    const html = await site.read("/programs/evil/");
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(blocks.length).toBeGreaterThan(0);
    for (const [, text] of blocks) {
      expect(text).not.toContain("</");
      const data = JSON.parse(text!);
      expect(JSON.stringify(data)).toContain("alert(1)");
    }
  });
});

describe("protocol-relative links in Markdown bodies", () => {
  // As staff would type them in a .md file: in these strings `\\` is one backslash there.
  const cases = [
    "[x](//evil.example/p)",
    "[x](///evil.example/p)",
    "[x](/\\evil.example/p)",
    // Markdown turns `\\` into one backslash: two of them, and `\/`, are left for the browser.
    "[x](\\\\\\\\evil.example/p)",
    "[x](\\\\/evil.example/p)",
    "[x](<\\/\\/evil.example/p>)",
    "[x](&#47;&#47;evil.example/p)",
    "[x](https:evil.example/p)",
    "[x](https:\\\\evil.example/p)",
    "[x](HTTP:/\\evil.example/p)",
    "[x][ref]\n\n[ref]: //evil.example/p",
    "see //evil.example/p",
    // Left alone: ordinary links, and one backslash (percent-encoded: a path on this site).
    "[x](https://ok.example/p)",
    "[x](/pages/about/)",
    "[x](#top)",
    "[x](\\\\evil.example/p)",
  ];

  it("get an explicit https: (or the scheme written) and the same treatment as other external links", () => {
    expect(cases.map((c) => `${c.padEnd(40)} ${renderMarkdown(c).trim()}`).join("\n"))
      .toMatchInlineSnapshot(`
        "[x](//evil.example/p)                    <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        [x](///evil.example/p)                   <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        [x](/\\evil.example/p)                    <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        [x](\\\\\\\\evil.example/p)                  <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        [x](\\\\/evil.example/p)                   <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        [x](<\\/\\/evil.example/p>)                <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        [x](&#47;&#47;evil.example/p)            <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        [x](https:evil.example/p)                <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        [x](https:\\\\evil.example/p)              <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        [x](HTTP:/\\evil.example/p)               <p><a href="http://evil.example/p" rel="noopener">x</a></p>
        [x][ref]

        [ref]: //evil.example/p        <p><a href="https://evil.example/p" rel="noopener">x</a></p>
        see //evil.example/p                     <p>see <a href="https://evil.example/p" rel="noopener">//evil.example/p</a></p>
        [x](https://ok.example/p)                <p><a href="https://ok.example/p" rel="noopener">x</a></p>
        [x](/pages/about/)                       <p><a href="/pages/about/">x</a></p>
        [x](#top)                                <p><a href="#top">x</a></p>
        [x](\\\\evil.example/p)                    <p><a href="%5Cevil.example/p">x</a></p>"
      `);
  });

  it("are what a browser would make of them", () => {
    for (const url of [
      "//evil.example/p",
      "/\\evil.example/p",
      "\\\\evil.example/p",
      " //evil.example/p",
    ]) {
      const browser = new URL(url, "https://library.example.org/programs/x/").href;
      expect(new URL(explicitScheme(url)).href, url).toBe(browser);
    }
    expect(explicitScheme("//evil.example\\a\\b?q=\\#\\")).toBe("https://evil.example/a/b?q=\\#\\");
    expect(explicitScheme("/pages/about/")).toBe("/pages/about/");
    expect(explicitScheme("mailto:ask@library.example.org")).toBe("mailto:ask@library.example.org");
  });

  it("as body images are refused like any picture on another site", () => {
    const body = "![a](//evil.example/a.png)\n\n![b](/\\evil.example/b.png)";
    expect(bodyImages(body).map((image) => bodyImagePath(image.src))).toMatchInlineSnapshot(`
      [
        {
          "message": "image must be a file under content/, such as images/photo.jpg, not a link to another site (got "https://evil.example/a.png"): save the image under content/images/ and write its path",
        },
        {
          "message": "image must be a file under content/, such as images/photo.jpg, not a link to another site (got "https://evil.example/b.png"): save the image under content/images/ and write its path",
        },
      ]
    `);
  });
});

// The listing rows, calendar items and print entries are made in code (src/site/listing-html.ts)
// and must print what their layouts printed: each value as Nunjucks' autoescape prints it.
describe("markup made in code escapes as a layout does", () => {
  it("escapeAsLayout gives Nunjucks' escaping, backslash included, and nothing for null", async () => {
    const nunjucks = (await import("nunjucks")).default;
    const escape = (nunjucks.lib as unknown as { escape(s: string): string }).escape;
    for (const text of [EVIL, "C:\\path\\file", "plain 6:00 PM", "Ages 0–11 & up", ""]) {
      expect(escapeAsLayout(text)).toBe(escape(text));
    }
    expect(escapeAsLayout(undefined)).toBe("");
    expect(escapeAsLayout(null)).toBe("");
    expect(escapeAsLayout(3)).toBe("3");
  });
});
