// Gate: no broken internal link, anchor or asset anywhere in the built site. Every HTML
// file in `_site` is read (pages added later are covered without changes here): each
// href/src/srcset/poster/action must resolve to a built file, each `#fragment` to an id in
// its target page; and every absolute URL on the library's own origin in any text file
// (sitemap, feed, calendars, programs.json, manifest, robots.txt) and every CSS `url()`
// must resolve too. Only http(s), mailto and tel URLs (and data: images) may be emitted.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Parser } from "htmlparser2";
import { DEMO_ROOT } from "../helpers/site.ts";
import { fileOf, listFiles, urlOf } from "../helpers/walk.ts";
import { buildOnce, OTHER_LIBRARY_ROOT, type SharedBuild } from "./build-once.ts";

/** Attributes that hold a URL, by element ("*" = any element). */
const URL_ATTRS: Record<string, string[]> = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  script: ["src"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  iframe: ["src"],
  embed: ["src"],
  object: ["data"],
  form: ["action"],
  button: ["formaction"],
  input: ["formaction", "src"],
  use: ["href", "xlink:href"],
  image: ["href", "xlink:href"],
  blockquote: ["cite"],
  q: ["cite"],
};

/** `<meta>` whose `content` is a URL (link previews). */
const URL_METAS = new Set([
  "og:image",
  "og:url",
  "twitter:image",
  "og:image:secure_url",
  "og:video",
]);

interface Site {
  files: Set<string>;
  pages: Map<string, Page>;
  origin: string;
  /**
   * URLs staff wrote in the content (a registration form on the library's own domain is
   * not part of this site): these are links out, not checked here.
   */
  written: Set<string>;
}

interface Ref {
  /** File the reference is in. */
  from: string;
  /** How it was found, e.g. `<a href>`. */
  how: string;
  value: string;
}

interface Page {
  ids: Set<string>;
  refs: Ref[];
}

function readPage(file: string, html: string): Page {
  const ids = new Set<string>();
  const refs: Ref[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (attrs.id !== undefined) ids.add(attrs.id);
        if (name === "a" && attrs.name !== undefined) ids.add(attrs.name);
        for (const attr of URL_ATTRS[name] ?? []) {
          const value = attrs[attr];
          if (value === undefined) continue;
          if (attr === "srcset") {
            for (const candidate of value.split(",")) {
              const url = candidate.trim().split(/\s+/)[0];
              if (url) refs.push({ from: file, how: `<${name} ${attr}>`, value: url });
            }
          } else refs.push({ from: file, how: `<${name} ${attr}>`, value });
        }
        if (name === "meta") {
          const key = attrs.property ?? attrs.name ?? "";
          if (URL_METAS.has(key) && attrs.content)
            refs.push({ from: file, how: `<meta ${key}>`, value: attrs.content });
          if (attrs["http-equiv"]?.toLowerCase() === "refresh") {
            const m = /url\s*=\s*(.+)$/i.exec(attrs.content ?? "");
            if (m) refs.push({ from: file, how: "<meta refresh>", value: m[1].trim() });
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { ids, refs };
}

/** Problems with `ref`, or undefined when it resolves. */
function check(ref: Ref, site: Site): string | undefined {
  const { value } = ref;
  if (site.written.has(value)) return undefined;
  const base = `https://site.invalid${urlOf(ref.from)}`;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "not a valid URL";
  }
  // `webcal:` (calendar subscription) is allowed only to the library's own calendars.
  if (url.protocol === "webcal:" && site.origin) {
    const asHttp = new URL(`${new URL(site.origin).protocol}${value.slice("webcal:".length)}`);
    if (asHttp.origin === site.origin) url = asHttp;
  }
  const internal =
    url.origin === "https://site.invalid" || (site.origin !== "" && url.origin === site.origin);
  if (!internal) {
    if (["http:", "https:", "mailto:", "tel:"].includes(url.protocol)) return undefined;
    if (url.protocol === "data:" && /<(img|source)|<meta og:image/.test(ref.how)) return undefined;
    return `scheme ${url.protocol} is not allowed (only http, https, mailto, tel)`;
  }
  const target = fileOf(url.pathname, site.files);
  if (!target) return `no file for ${url.pathname}`;
  const fragment = url.hash.slice(1);
  if (fragment && !fragment.startsWith(":~:")) {
    const page = site.pages.get(target);
    let id = fragment;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      /* keep raw */
    }
    if (!page) return `#${fragment} points into ${target}, which is not HTML`;
    if (!page.ids.has(id) && id !== "top") return `no element with id "${id}" in ${target}`;
  }
  return undefined;
}

/** Absolute URLs on the library's own origin inside a non-HTML text file. */
function textRefs(file: string, text: string, origin: string): Ref[] {
  const refs: Ref[] = [];
  if (file.endsWith(".css")) {
    for (const m of text.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
      refs.push({ from: file, how: "CSS url()", value: m[2] });
    }
  }
  if (file.endsWith(".webmanifest")) {
    const manifest = JSON.parse(text) as {
      icons?: { src: string }[];
      start_url?: string;
      scope?: string;
      screenshots?: { src: string }[];
    };
    for (const icon of [...(manifest.icons ?? []), ...(manifest.screenshots ?? [])])
      refs.push({ from: file, how: "manifest icon", value: new URL(icon.src, `${origin}/`).href });
    if (manifest.start_url)
      refs.push({
        from: file,
        how: "manifest start_url",
        value: new URL(manifest.start_url, `${origin}/`).href,
      });
  }
  if (!origin) return refs;
  // Calendars fold long lines (RFC 5545): unfold first. XML escapes & as &amp;.
  const unfolded = text.replace(/\r?\n[ \t]/g, "").replace(/&amp;/g, "&");
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const m of unfolded.matchAll(new RegExp(`${escaped}(/[^\\s"'<>)\\\\]*)?`, "g"))) {
    refs.push({ from: file, how: "absolute URL", value: m[0] });
  }
  return refs;
}

const TEXT = /\.(css|xml|json|webmanifest|ics|txt)$|^_headers$/;

/** Every http(s) URL in the library's source files. */
function writtenUrls(root: string): Set<string> {
  const urls = new Set<string>();
  for (const file of [
    "_data/library.yaml",
    ...listFiles(path.join(root, "content")).map((f) => `content/${f}`),
  ]) {
    if (!/\.(md|ya?ml)$/.test(file)) continue;
    for (const m of readFileSync(path.join(root, file), "utf8").matchAll(
      /https?:\/\/[^\s"'<>)\]}]+/g,
    ))
      urls.add(m[0]);
  }
  return urls;
}

function brokenLinks(build: SharedBuild, root: string): string[] {
  const all = listFiles(build.output);
  // Pagefind's own bundle is third-party code; the gate is about what Almanac writes.
  const files = new Set(all);
  const pages = new Map<string, Page>();
  const refs: Ref[] = [];
  for (const file of all) {
    if (file.startsWith("pagefind/")) continue;
    const full = path.join(build.output, file);
    if (file.endsWith(".html")) {
      const page = readPage(file, readFileSync(full, "utf8"));
      pages.set(file, page);
      refs.push(...page.refs);
    } else if (TEXT.test(file)) {
      refs.push(...textRefs(file, readFileSync(full, "utf8"), build.origin));
    }
  }
  const site: Site = { files, pages, origin: build.origin, written: writtenUrls(root) };
  const broken: string[] = [];
  for (const ref of refs) {
    const problem = check(ref, site);
    if (problem) broken.push(`${ref.from}: ${ref.how} "${ref.value}": ${problem}`);
  }
  return [...new Set(broken)];
}

describe.each([
  ["the demo library", DEMO_ROOT],
  ["another library (Pacific/Auckland)", OTHER_LIBRARY_ROOT],
])("links in %s", (_name, root) => {
  let build: SharedBuild;
  beforeAll(async () => {
    build = await buildOnce(root);
  });

  it("builds", () => {
    expect(build.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(build.ok).toBe(true);
  });

  it("has no broken internal link, anchor or asset, and only allowed URL schemes", () => {
    const broken = brokenLinks(build, root);
    expect(broken.slice(0, 40), `${broken.length} broken references`).toEqual([]);
  });

  it("checks a real number of references (the walker found the pages)", () => {
    const htmlCount = listFiles(build.output).filter((f) => f.endsWith(".html")).length;
    expect(htmlCount).toBeGreaterThan(10);
  });
});

describe("the link checker itself", () => {
  const files = new Set([
    "index.html",
    "programs/index.html",
    "programs/x/index.html",
    "assets/a.css",
  ]);
  const pages = new Map<string, Page>([
    ["programs/x/index.html", { ids: new Set(["dates"]), refs: [] }],
    ["index.html", { ids: new Set(["main"]), refs: [] }],
    ["programs/index.html", { ids: new Set(), refs: [] }],
  ]);
  const site: Site = {
    files,
    pages,
    origin: "https://library.example.org",
    written: new Set(["https://library.example.org/register/1"]),
  };
  const at = (value: string, how = "<a href>") =>
    check({ from: "programs/index.html", how, value }, site);

  it("resolves relative, root-relative, own-origin and anchor links", () => {
    expect(at("x/")).toBeUndefined();
    expect(at("/programs/x/#dates")).toBeUndefined();
    expect(at("https://library.example.org/programs/x")).toBeUndefined();
    expect(at("/#main")).toBeUndefined();
    expect(at("https://elsewhere.example/nope")).toBeUndefined();
    expect(at("https://library.example.org/register/1")).toBeUndefined();
    expect(at("webcal://library.example.org/programs/x/")).toBeUndefined();
  });

  it("reports what is broken", () => {
    expect(at("/programs/y/")).toBe("no file for /programs/y/");
    expect(at("/programs/x/#nope")).toBe('no element with id "nope" in programs/x/index.html');
    expect(at("https://library.example.org/register/2")).toBe("no file for /register/2");
    expect(at("webcal://library.example.org/nope.ics")).toBe("no file for /nope.ics");
    expect(at("webcal://evil.example/x.ics")).toBe(
      "scheme webcal: is not allowed (only http, https, mailto, tel)",
    );
    expect(at("javascript:alert(1)")).toBe(
      "scheme javascript: is not allowed (only http, https, mailto, tel)",
    );
    expect(at("data:text/html,<b>")).toMatch(/scheme data:/);
    expect(at("data:image/png;base64,AAAA", "<img src>")).toBeUndefined();
  });

  it("reads srcset candidates and ids from HTML", () => {
    const page = readPage(
      "p.html",
      '<img srcset="/a.webp 1x, /b.webp 2x" src="/c.jpg"><h2 id="x">x</h2><a href="#x">x</a>',
    );
    expect(page.refs.map((r) => r.value)).toEqual(["/c.jpg", "/a.webp", "/b.webp", "#x"]);
    expect([...page.ids]).toEqual(["x"]);
  });
});
