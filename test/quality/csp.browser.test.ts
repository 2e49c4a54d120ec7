// Gate: the site works under its strict Content-Security-Policy. Every built HTML page (found
// by walking `_site`, so later pages are covered) carries the policy meta tag, except the
// browser editor's (/admin/, with a policy of its own: test/editor.browser.test.ts); then every
// page is opened in Chromium, served with the full policy as an HTTP header too (what
// `_headers` gives on Netlify/Cloudflare), and any CSP violation, console error, page error
// or failed request fails the test. Search runs a real query, so Pagefind's WebAssembly
// and worker run under the policy.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  ADMIN_META_CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  netlifyHeaders,
} from "../../src/outputs/csp.ts";
import { launchBrowser } from "../helpers/browser.ts";
import { serveStatic, type StaticServer } from "../helpers/serve.ts";
import { DEMO_ROOT } from "../helpers/site.ts";
import { htmlFiles, urlOf } from "../helpers/walk.ts";
import { buildOnce, OTHER_LIBRARY_ROOT, type SharedBuild } from "./build-once.ts";

/** Records everything that went wrong on `page` into `errors`. */
async function watch(page: Page, errors: string[]): Promise<void> {
  // Runs before any page script, outside the page's CSP (injected by the browser).
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  page.on("console", (m) => {
    if (
      m.type() === "error" ||
      (m.type() === "warning" && /Content.Security.Policy/i.test(m.text()))
    ) {
      errors.push(`${page.url()}: console ${m.type()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // ERR_ABORTED: a request cut short because the test moved on to the next page.
    if (r.failure()?.errorText !== "net::ERR_ABORTED")
      errors.push(`${page.url()}: request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/404.html"))
      errors.push(`${page.url()}: HTTP ${r.status()} for ${r.url()}`);
  });
}

describe.each([
  ["the demo library", DEMO_ROOT],
  ["another library (Pacific/Auckland)", OTHER_LIBRARY_ROOT],
])("Content-Security-Policy on %s", (_name, root) => {
  let build: SharedBuild;
  let server: StaticServer;
  let browser: Browser;
  let pages: string[];

  beforeAll(async () => {
    build = await buildOnce(root);
    // The browser editor has a policy of its own, checked by test/editor.browser.test.ts.
    pages = htmlFiles(build.output).filter(
      (f) => !f.startsWith("pagefind/") && !f.startsWith("admin/"),
    );
    server = await serveStatic(build.output, { ...SECURITY_HEADERS });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("ships the policy in every page and in _headers", () => {
    const tag = `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY.replace(/'/g, "&#39;")}">`;
    const missing = pages.filter(
      (f) => !readFileSync(path.join(build.output, f), "utf8").includes(tag),
    );
    expect(missing).toEqual([]);
    const admin = `<meta http-equiv="Content-Security-Policy" content="${ADMIN_META_CONTENT_SECURITY_POLICY.replace(/'/g, "&#39;")}">`;
    expect(readFileSync(path.join(build.output, "admin/index.html"), "utf8")).toContain(admin);
    expect(readFileSync(path.join(build.output, "_headers"), "utf8")).toBe(netlifyHeaders());
    expect(META_CONTENT_SECURITY_POLICY).not.toMatch(/frame-ancestors/);
  });

  it("has no inline script or style in any page", () => {
    const found: string[] = [];
    for (const f of pages) {
      const html = readFileSync(path.join(build.output, f), "utf8");
      for (const m of html.matchAll(/<script\b([^>]*)>/gi)) {
        if (!/\bsrc=/.test(m[1]) && !/type="application\/ld\+json"/.test(m[1]))
          found.push(`${f}: inline <script${m[1]}>`);
      }
      if (/<style\b/i.test(html)) found.push(`${f}: <style> element`);
      if (/<[a-z][^>]*\sstyle=/i.test(html)) found.push(`${f}: style="" attribute`);
      if (/<[a-z][^>]*\son[a-z]+=/i.test(html)) found.push(`${f}: on*="" handler attribute`);
    }
    expect(found).toEqual([]);
  });

  it("opens every page with no CSP violation, console error or failed request", async () => {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const errors: string[] = [];
    await watch(page, errors);
    try {
      for (const f of pages) {
        await page.goto(`${server.url}${urlOf(f)}`, { waitUntil: "load" });
        // A page that redirects (meta refresh, e.g. /calendar/) must land before moving on.
        if (
          /<meta http-equiv="refresh" content="0;\s*url=/.test(
            readFileSync(path.join(build.output, f), "utf8"),
          )
        ) {
          await page.waitForURL((u) => u.pathname !== urlOf(f), { waitUntil: "load" });
        }
      }
    } finally {
      await context.close();
    }
    expect(errors.slice(0, 30), `${errors.length} errors`).toEqual([]);
  }, 300_000);

  it("runs a search (WebAssembly, worker) and the service worker under the policy", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    await watch(page, errors);
    // Pagefind falls back to searching on the page when its worker fails: make sure it ran.
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(new URL(w.url()).pathname));
    page.on("console", (m) => {
      if (/worker/i.test(m.text()) && m.type() === "warning") errors.push(`warning: ${m.text()}`);
    });
    try {
      await page.goto(`${server.url}/search/`, { waitUntil: "load" });
      const word = await firstProgramWord(build);
      await page.locator("input[type=search]").fill(word);
      await page.locator("input[type=search]").press("Enter");
      await page.locator("[data-search-results] a").first().waitFor({ timeout: 15_000 });
      expect(workers).toContain("/pagefind/pagefind-worker.js");
      // The service worker (if the site registers one) installs and precaches under the policy.
      await page.waitForTimeout(500);
      await page.goto(`${server.url}/`, { waitUntil: "load" });
    } finally {
      await context.close();
    }
    expect(errors).toEqual([]);
  });
});

/** A word from the first program page's title, sure to have search results. */
async function firstProgramWord(build: SharedBuild): Promise<string> {
  const file = htmlFiles(build.output).find(
    (f) => /^programs\/[^/]+\/index\.html$/.test(f) && !/this-week|today|weekend/.test(f),
  );
  const html = readFileSync(path.join(build.output, file ?? "index.html"), "utf8");
  const h1 = /<h1[^>]*>([^<]+)</.exec(html)?.[1] ?? "library";
  return h1.trim().split(/\s+/)[0]!;
}
