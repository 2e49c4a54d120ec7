// Gate: hostile content never breaks out. A property-based test (fast-check) builds tiny
// sites whose front matter and bodies are full of markup, template syntax, `javascript:`
// URLs, odd Unicode, huge strings, wrong types and impossible dates, in every field the
// schemas know (fields added later are picked up from the schemas). Each build must either
// succeed with everything escaped or report content problems; it must never throw and no
// problem may carry a stack trace. In a successful build no file may contain markup from
// content (a `<script>`, an `on*=` attribute, an `<iframe>`...), template syntax must
// not have been evaluated, and every URL emitted anywhere is http(s), mailto, tel or
// relative. A failure prints the fast-check seed and the shrunk site to reproduce it.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { Parser } from "htmlparser2";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../almanac.ts";
import { programSchema } from "../../src/content/schema/program.ts";
import { partnerSchema } from "../../src/content/schema/partner.ts";
import { guideSchema } from "../../src/content/schema/guide.ts";
import { pageSchema } from "../../src/content/schema/page.ts";
import { librarySchema, locationSchema, termSchema } from "../../src/content/schema/library.ts";
import { findUnsafeCharacter } from "../../src/content/safe-text.ts";
import { makeSite } from "../helpers/fixture.ts";
import { listFiles } from "../helpers/walk.ts";
import { parseXml, type XmlElement } from "../helpers/xml.ts";

// The search index is Pagefind's own output and costs a second a build: not needed here.
process.env.ALMANAC_SEARCH = "off";

const RUNS = Number(process.env.ALMANAC_HOSTILE_RUNS ?? 25);

/** Strings that would do harm if they reached the output unescaped or were evaluated. */
const PAYLOADS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "</script><script>alert(1)</script>",
  "</title><script>alert(1)</script>",
  "<iframe src=javascript:alert(1)></iframe>",
  '<a href="javascript:alert(1)">x</a>',
  "javascript:alert(1)",
  " JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  'https://example.org/"onmouseover="alert(1)',
  "https://example.org/<script>",
  '{{ "pw" ~ "ned" }}',
  '{{ "pw" + "ned" }}',
  '{% set x = "pw" ~ "ned" %}{{ x }}',
  "{{ site.library | dump | safe }}",
  "{% raw %}{% endraw %}",
  "${'pw'+'ned'}",
  "<!-- x",
  "]]><x>",
  "&lt;script&gt;&amp;",
  "\u202eevil\u202c",
  "\u0000\u0007\u001b[31m",
  "😀👩🏽‍💻 ﷽ Ж ÿ ",
  "Kōrero Māori",
  "'; DROP TABLE programs; --",
  "\\",
  "%s%n%x",
  "\r\nX-Injected: yes\r\n",
  "BEGIN:VEVENT\nEND:VCALENDAR",
  "x".repeat(5000),
];

/** Values of the wrong type, or dates that do not exist, for any field. */
const ODD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e309,
  Number.NaN,
  true,
  [],
  {},
  [[]],
  { "<script>": "x" },
  "2026-02-30",
  "2026-13-01 10:00",
  "2026-10-20 25:61",
  "0000-00-00",
  "9999-12-31 23:59",
  "1900-01-01",
  "2026-03-08 02:30",
  "2026-10-20T18:00+99:00",
  "tomorrow",
  "",
  " ",
];

/** Markdown bodies that try to smuggle markup, scripts and bad links through. */
const MARKDOWN = [
  "[click](javascript:alert(1))",
  "[click](JAVASCRIPT:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](java%0ascript:alert(1))",
  "![img](javascript:alert(1))",
  "![img](data:text/html,<script>alert(1)</script>)",
  "<javascript:alert(1)>",
  "[ref][r]\n\n[r]: javascript:alert(1)",
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "<details open ontoggle=alert(1)>",
  '[x](https://example.org "title\\" onmouseover=alert(1)")',
  '# {{ "pw" ~ "ned" }}',
  "```html\n<script>alert(1)</script>\n```",
  "www.example.org and https://example.org/<b>",
  "| a | b |\n|---|---|\n| <script> | x |",
];

const BROKEN_YAML = [
  'title: "unterminated\nsummary: x',
  "title: [a, b",
  "{{ }}: %%\n\t- x",
  ": : :",
  "title: &a *a",
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PAYLOADS) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...PAYLOADS), fc.constantFrom(...PAYLOADS))
      .map(([a, b]) => `${a} ${b}`),
  },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 30 }) },
);

/**
 * Hostile text that the character rule (src/content/safe-text.ts) and the 1000-character limit
 * accept, for the fields whose output is checked; control characters and lone surrogates
 * are refused with a problem, and stay in `hostileValue` for the wild runs.
 */
const hostileText: fc.Arbitrary<string> = hostileString.map((s) => {
  let text = s.slice(0, 1000);
  for (let bad = findUnsafeCharacter(text); bad; bad = findUnsafeCharacter(text))
    text = text.slice(0, bad.index) + text.slice(bad.index + 1);
  return text.trim() === "" ? "x" : text;
});

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_VALUES) },
  { weight: 1, arbitrary: fc.array(hostileString, { minLength: 1, maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.constantFrom("url", "title", "every", "on", "until", "required", "date", "x"),
      hostileString,
      {
        minKeys: 1,
        maxKeys: 3,
      },
    ),
  },
);

const hostileBody = fc
  .array(fc.oneof(fc.constantFrom(...MARKDOWN), hostileText), { maxLength: 4 })
  .map((parts) => parts.join("\n\n"));

type Shape = Record<
  string,
  { safeParse(v: unknown): { success: boolean; data?: unknown }; description?: string }
>;

/**
 * Fields of a schema that take free text, found from the schema itself so new fields join
 * in: they accept markup and `..` as a plain string (ids, lists and paths do not), and
 * their description has no example date (dates are strings checked later).
 */
function textFields(shape: Shape): string[] {
  return Object.keys(shape).filter((k) => {
    const parsed = shape[k].safeParse("../Text with <b>markup</b> & {{ x }}");
    return (
      parsed.success &&
      typeof parsed.data === "string" &&
      !/\d{4}-\d{2}-\d{2}/.test(shape[k].description ?? "")
    );
  });
}

const PROGRAM_FIELDS = Object.keys(programSchema.shape);
const PROGRAM_TEXT = textFields(programSchema.shape as Shape);
const PARTNER_FIELDS = Object.keys(partnerSchema.shape);
const PARTNER_TEXT = textFields(partnerSchema.shape as Shape);
const GUIDE_FIELDS = Object.keys(guideSchema.shape);
const GUIDE_TEXT = textFields(guideSchema.shape as Shape);
const PAGE_FIELDS = Object.keys(pageSchema.shape);
const PAGE_TEXT = textFields(pageSchema.shape as Shape);
const LIBRARY_FIELDS = Object.keys(librarySchema.shape);
const LIBRARY_TEXT = textFields(librarySchema.shape as Shape);
const LOCATION_TEXT = textFields(locationSchema.shape as Shape);
const TERM_TEXT = textFields(termSchema.shape as Shape);

/** `arb` once in `odds` runs, otherwise null. */
function rarely<T>(arb: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | null> {
  return fc.oneof(
    { weight: odds - 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: arb },
  );
}

/**
 * Hostile values for one item: in its free-text fields (valid, so the build goes on and
 * the output gets checked) and, when `wild`, anything in any field or broken YAML (usually
 * a content problem, which must be reported, not thrown).
 */
function itemArb(allFields: string[], text: string[], wild: boolean) {
  return fc.record({
    text: fc.dictionary(fc.constantFrom(...text), hostileText, { minKeys: 1, maxKeys: 4 }),
    any: wild
      ? fc.array(fc.tuple(fc.constantFrom(...allFields), hostileValue), { maxLength: 2 })
      : fc.constant([] as [string, unknown][]),
    body: hostileBody,
    broken: wild ? rarely(fc.constantFrom(...BROKEN_YAML), 6) : fc.constant(null),
  });
}
type ItemArb = ReturnType<typeof itemArb> extends fc.Arbitrary<infer T> ? T : never;

function siteArbitrary(wild: boolean) {
  return fc.record({
    library: fc.record({
      text: fc.dictionary(fc.constantFrom(...LIBRARY_TEXT), hostileText, { maxKeys: 3 }),
      location: fc.dictionary(fc.constantFrom(...LOCATION_TEXT), hostileText, { maxKeys: 3 }),
      term: fc.dictionary(fc.constantFrom(...TERM_TEXT), hostileText, { maxKeys: 2 }),
      closedReason: fc.option(hostileText, { freq: 3 }),
      languageName: fc.option(hostileText, { freq: 3 }),
      any: wild
        ? rarely(fc.tuple(fc.constantFrom(...LIBRARY_FIELDS), hostileValue), 3)
        : fc.constant(null),
    }),
    programs: fc.array(itemArb(PROGRAM_FIELDS, PROGRAM_TEXT, wild), { minLength: 1, maxLength: 2 }),
    partner: itemArb(PARTNER_FIELDS, PARTNER_TEXT, wild),
    guide: itemArb(GUIDE_FIELDS, GUIDE_TEXT, wild),
    guideLists: fc.record({
      checklist: fc.array(hostileText, { maxLength: 2 }),
      topics: fc.array(hostileText, { maxLength: 2 }),
      source: hostileText,
    }),
    page: itemArb(PAGE_FIELDS, PAGE_TEXT, wild),
  });
}

/** Mostly sites that should build (hostile text everywhere), some with anything anywhere. */
const siteArb = fc.oneof(
  { weight: 7, arbitrary: siteArbitrary(false) },
  { weight: 3, arbitrary: siteArbitrary(true) },
);
type SiteArb = typeof siteArb extends fc.Arbitrary<infer T> ? T : never;

function file(base: Record<string, unknown>, item: ItemArb): string {
  const data: Record<string, unknown> = { ...base, ...item.text };
  for (const [key, value] of item.any) data[key] = value;
  const yaml = item.broken ?? stringify(data);
  return `---\n${yaml}\n---\n${item.body}\n`;
}

/** The site's files: a valid baseline with the generated hostile values laid over it. */
function siteFiles(s: SiteArb): Record<string, string> {
  const location = {
    id: "central",
    name: "Central Library",
    address: "100 Main St",
    ...s.library.location,
  };
  const library: Record<string, unknown> = {
    name: "Riverside Public Library",
    url: "https://library.example.org",
    timezone: "America/Chicago",
    locale: "en-US",
    feedback_url: "https://forms.example.org/f?program={id}&title={title}",
    contact: { email: "ask@library.example.org", phone: "+1 555 0100" },
    languages: { en: "English", es: s.library.languageName ?? "Español" },
    locations: [location],
    closed: [{ date: "2026-12-25", reason: s.library.closedReason ?? "Christmas Day" }],
    audiences: [{ id: "teens", label: "Teens", ...s.library.term }],
    categories: [{ id: "technology", label: "Technology", ...s.library.term }],
    ...s.library.text,
  };
  if (s.library.any) library[s.library.any[0]] = s.library.any[1];
  const files: Record<string, string> = { "_data/library.yaml": stringify(library) };
  s.programs.forEach((item, i) => {
    files[`content/programs/p${i}.md`] = file(
      {
        title: `Program ${i}`,
        summary: "A summary.",
        audiences: ["teens"],
        categories: ["technology"],
        location: "central",
        start: `2026-12-0${i + 1} 18:00`,
        registration: { required: true, url: "https://library.example.org/register" },
        partners: ["partner"],
        guides: ["guide"],
      },
      item,
    );
  });
  files["content/partners/partner.md"] = file(
    {
      name: "A Partner",
      kind: "nonprofit",
      summary: "A partner.",
      website: "https://partner.example.org",
    },
    s.partner,
  );
  files["content/guides/guide.md"] = file(
    {
      title: "A Guide",
      summary: "A guide.",
      level: "beginner",
      audiences: ["teens"],
      checklist: ["Check", ...s.guideLists.checklist],
      topics: s.guideLists.topics,
      sources: [{ title: s.guideLists.source, url: "https://example.org/source" }],
    },
    s.guide,
  );
  files["content/pages/about.md"] = file({ title: "About", nav: 1 }, s.page);
  return files;
}

const ALLOWED_SCHEMES = new Set(["http:", "https:", "mailto:", "tel:"]);

/** Why `url` may not be emitted, or undefined when it may (relative or an allowed scheme). */
function badUrl(url: string, dataImage = false): string | undefined {
  // Browsers drop control characters and whitespace before resolving a URL.
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme === undefined) return undefined;
  if (ALLOWED_SCHEMES.has(`${scheme}:`)) return undefined;
  if (scheme === "data" && dataImage && /^data:image\/(png|jpeg|webp|avif|gif)[;,]/i.test(cleaned))
    return undefined;
  if (scheme === "webcal" && /^webcal:\/\/library\.example\.org\//i.test(cleaned)) return undefined;
  return `URL with scheme ${scheme}: ${url.slice(0, 80)}`;
}

const URL_ATTRS = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "poster",
  "cite",
  "data",
  "xlink:href",
  "background",
  "ping",
]);
const FORBIDDEN_ELEMENTS = new Set([
  "iframe",
  "object",
  "embed",
  "frame",
  "frameset",
  "base",
  "applet",
  "style",
]);

/** Problems in one HTML document (a page, or HTML inside a feed). */
function checkHtml(html: string, where: string): string[] {
  const found: string[] = [];
  let inScript: { type: string } | undefined;
  let scriptText = "";
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (FORBIDDEN_ELEMENTS.has(name)) found.push(`${where}: <${name}> element`);
        for (const [attr, value] of Object.entries(attrs)) {
          if (/^on/i.test(attr)) found.push(`${where}: <${name} ${attr}> event handler attribute`);
          if (attr === "style") found.push(`${where}: <${name} style> inline style`);
          if (URL_ATTRS.has(attr)) {
            const bad = badUrl(value, name === "img" || name === "source" || name === "link");
            if (bad) found.push(`${where}: <${name} ${attr}> ${bad}`);
          }
          if (attr === "srcset" || attr === "imagesrcset") {
            for (const candidate of value.split(",")) {
              const bad = badUrl(candidate.trim().split(/\s+/)[0] ?? "", true);
              if (bad) found.push(`${where}: <${name} ${attr}> ${bad}`);
            }
          }
        }
        if (name === "meta" && attrs["http-equiv"]?.toLowerCase() === "refresh") {
          const target = /url\s*=\s*(.+)$/i.exec(attrs.content ?? "")?.[1];
          const bad = target && badUrl(target);
          if (bad) found.push(`${where}: <meta refresh> ${bad}`);
        }
        if (name === "script") {
          const type = (attrs.type ?? "").toLowerCase();
          if (type === "application/ld+json") inScript = { type };
          else if (attrs.src && attrs.src.startsWith("/") && !attrs.src.startsWith("//"))
            inScript = { type: "src" };
          else
            found.push(
              `${where}: <script${attrs.src ? ` src="${attrs.src.slice(0, 60)}"` : ""}> not the site's own`,
            );
          scriptText = "";
        }
      },
      ontext(text) {
        if (inScript) scriptText += text;
      },
      onclosetag(name) {
        if (name !== "script" || !inScript) return;
        if (inScript.type === "src" && scriptText.trim())
          found.push(`${where}: inline script text`);
        if (inScript.type === "application/ld+json") {
          try {
            found.push(...checkJson(JSON.parse(scriptText), `${where} (JSON-LD)`));
          } catch {
            found.push(
              `${where}: JSON-LD is not valid JSON (escaping broke it): ${scriptText.slice(0, 120)}`,
            );
          }
        }
        inScript = undefined;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/** URL-looking values anywhere in JSON data (JSON-LD, programs.json, the manifest). */
function checkJson(data: unknown, where: string, key = ""): string[] {
  if (typeof data === "string") {
    if (/url|href|link|image|logo|online|website|src|sameas|@id|start_url|scope/i.test(key)) {
      const bad = badUrl(data, /image|logo|src/i.test(key));
      return bad ? [`${where}: "${key}" ${bad}`] : [];
    }
    return [];
  }
  if (Array.isArray(data)) return data.flatMap((v) => checkJson(v, where, key));
  if (data && typeof data === "object")
    return Object.entries(data).flatMap(([k, v]) => checkJson(v, where, k));
  return [];
}

function walkXml(el: XmlElement, visit: (el: XmlElement) => void): void {
  visit(el);
  el.children.forEach((c) => walkXml(c, visit));
}

/** Problems in one built file, by kind. */
function checkFile(rel: string, text: string): string[] {
  if (rel.endsWith(".html")) return checkHtml(text, rel);
  if (rel.endsWith(".json") || rel.endsWith(".webmanifest")) {
    try {
      return checkJson(JSON.parse(text), rel);
    } catch {
      return [`${rel}: not valid JSON`];
    }
  }
  if (rel.endsWith(".xml")) {
    let root: XmlElement;
    try {
      root = parseXml(text);
    } catch (error) {
      return [`${rel}: not well-formed XML: ${(error as Error).message}`];
    }
    const found: string[] = [];
    walkXml(root, (el) => {
      for (const [attr, value] of Object.entries(el.attrs)) {
        if (attr === "href" || attr === "src" || attr === "uri") {
          const bad = badUrl(value);
          if (bad) found.push(`${rel}: <${el.name} ${attr}> ${bad}`);
        }
      }
      if (["loc", "uri", "icon", "logo"].includes(el.name)) {
        const bad = badUrl(el.text.trim());
        if (bad) found.push(`${rel}: <${el.name}> ${bad}`);
      }
      // Feed readers render type="html" text as HTML: it must be as clean as a page.
      if (el.attrs.type === "html")
        found.push(...checkHtml(el.text, `${rel} <${el.name} type=html>`));
    });
    return found;
  }
  if (rel.endsWith(".ics")) {
    const lines = text
      .replace(/\r?\n[ \t]/g, "")
      .split(/\r?\n/)
      .filter(Boolean);
    const found: string[] = [];
    const count = (l: string) => lines.filter((x) => x === l).length;
    // Content values must never start, end or add a calendar line of their own.
    if (
      lines[0] !== "BEGIN:VCALENDAR" ||
      lines.at(-1) !== "END:VCALENDAR" ||
      count("END:VCALENDAR") !== 1
    )
      found.push(`${rel}: calendar structure broken (injected BEGIN/END lines?)`);
    if (count("BEGIN:VEVENT") !== count("END:VEVENT"))
      found.push(`${rel}: VEVENT lines do not pair up`);
    for (const line of lines) {
      const m = /^([A-Za-z][A-Za-z0-9-]*)(;[^:]*)?:(.*)$/.exec(line);
      if (!m) found.push(`${rel}: not a property line: ${line.slice(0, 60)}`);
      else if (/^x-injected$/i.test(m[1]))
        found.push(`${rel}: injected property line ${line.slice(0, 60)}`);
      else if (/^(URL|ATTACH|TZURL|CONFERENCE|IMAGE)$/i.test(m[1])) {
        const bad = badUrl(m[3]);
        if (bad) found.push(`${rel}: ${m[1]} ${bad}`);
      }
    }
    return found;
  }
  return [];
}

/** Everything wrong with a successful build's output. */
function checkOutput(output: string): string[] {
  const found: string[] = [];
  for (const rel of listFiles(output)) {
    if (
      rel.startsWith("pagefind/") ||
      rel.startsWith("assets/") ||
      // The browser editor's own files, as npm installed them (its config.yml is checked).
      rel.startsWith("admin/sveltia-cms") ||
      /\.(png|jpe?g|webp|avif|gif|ico|woff2?)$/.test(rel)
    )
      continue;
    const text = readFileSync(path.join(output, rel), "utf8");
    // Template syntax in content is text: had a template engine evaluated it, "pwned" appears.
    if (text.includes("pwned")) found.push(`${rel}: template syntax from content was evaluated`);
    found.push(...checkFile(rel, text));
  }
  return found;
}

describe("hostile content", () => {
  it(`builds ${RUNS} random hostile sites: escaped output or content problems, never a crash`, async () => {
    let built = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(siteArb, async (s) => {
        const root = await makeSite(siteFiles(s));
        const output = path.join(root, "_site");
        // A throw here is a bug: fast-check reports it with the seed and the shrunk site.
        const result = await buildSite({ root, output, env: { ALMANAC_NOW: "2026-11-28T10:00" } });
        for (const p of result.problems) {
          expect(`${p.message}`, "a problem message carries a stack trace").not.toMatch(
            /\n\s+at .+[:(]\d+/,
          );
          expect(typeof p.message).toBe("string");
        }
        if (!result.ok) {
          refused++;
          if (process.env.ALMANAC_HOSTILE_DEBUG)
            console.log(result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n"));
          expect(result.problems.some((p) => p.severity === "error")).toBe(true);
          return;
        }
        built++;
        expect(checkOutput(output)).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true, interruptAfterTimeLimit: 150_000 },
    );
    if (process.env.ALMANAC_HOSTILE_DEBUG) console.log(`built ${built}, refused ${refused}`);
    // Both paths must be exercised, or the generators have drifted away from the schemas.
    expect(built, "no hostile site built successfully").toBeGreaterThan(0);
    expect(refused + built).toBeGreaterThan(0);
  }, 240_000);
});

describe("the output checks themselves", () => {
  it("find the free-text fields from the schemas", () => {
    expect(PROGRAM_TEXT).toEqual(
      expect.arrayContaining(["title", "summary", "room", "cost", "accessibility"]),
    );
    expect(PROGRAM_TEXT).not.toEqual(expect.arrayContaining(["start"]));
    expect([...PROGRAM_TEXT, ...PARTNER_TEXT, ...GUIDE_TEXT]).not.toContain("image");
    expect(LOCATION_TEXT).toEqual(expect.arrayContaining(["name", "address"]));
  });

  it("catch markup, handlers, bad schemes and broken JSON-LD", () => {
    expect(
      checkHtml(
        [
          "<script>alert(1)</script>",
          '<img src="x" onerror="alert(1)">',
          '<a href=" javascript:alert(1)">x</a>',
          '<a href="data:text/html,x">x</a>',
          '<script type="application/ld+json">{"url": "javascript:alert(1)"}</script>',
          '<script type="application/ld+json">{"name": "</script>',
          '<p style="color:red">x</p>',
          '<iframe src="https://example.org"></iframe>',
        ].join(""),
        "t.html",
      ),
    ).toMatchInlineSnapshot(`
      [
        "t.html: <script> not the site's own",
        "t.html: <img onerror> event handler attribute",
        "t.html: <a href> URL with scheme javascript:  javascript:alert(1)",
        "t.html: <a href> URL with scheme data: data:text/html,x",
        "t.html (JSON-LD): "url" URL with scheme javascript: javascript:alert(1)",
        "t.html: JSON-LD is not valid JSON (escaping broke it): {"name": "",
        "t.html: <p style> inline style",
        "t.html: <iframe> element",
      ]
    `);
  });

  it("let the site's own markup through", () => {
    expect(
      checkHtml(
        '<script type="module" src="/assets/site-1.js"></script><script type="application/ld+json">{"url":"https://library.example.org/x/","image":"data:image/png;base64,AA"}</script>' +
          '<a href="mailto:a@b.org">m</a><a href="tel:+15550100">t</a><a href="/programs/">p</a><a href="#main">s</a><img src="data:image/png;base64,AA" alt="">' +
          "<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1) {{ x }}</p>",
        "ok.html",
      ),
    ).toEqual([]);
    expect(
      checkFile(
        "c.ics",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nURL:https://library.example.org/x/\r\nSUMMARY:BEGIN\\:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      ),
    ).toEqual([]);
    expect(
      checkFile(
        "c.ics",
        "BEGIN:VCALENDAR\r\nURL;VALUE=URI:javascript:alert(1)\r\nX-Injected: yes\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n",
      ),
    ).toHaveLength(3);
  });
});
