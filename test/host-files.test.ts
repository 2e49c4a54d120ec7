// The files the build writes for web hosts, `_headers` (Netlify, Cloudflare Pages) and
// `.htaccess` (Apache), and the host settings the docs give by hand: every host gets the
// same policy, the 404 page and a service worker that is never served from a cache.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CONTENT_SECURITY_POLICY,
  EMBED_FRAME_POLICY,
  SECURITY_HEADERS,
  apacheHtaccess,
  netlifyHeaders,
} from "../src/outputs/csp.ts";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";

describe("host files", () => {
  it("_headers: the security headers everywhere, /sw.js revalidated every time", () => {
    expect(netlifyHeaders()).toMatchInlineSnapshot(`
      "# Security headers for every page (Netlify, Cloudflare Pages). Written by Almanac's build.
      /*
        Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'
        X-Content-Type-Options: nosniff
        Referrer-Policy: strict-origin-when-cross-origin
        Permissions-Policy: camera=(), microphone=(), geolocation=(self)
      # The service worker, revalidated on every load so an update is never missed.
      /sw.js
        Cache-Control: no-cache
      # The embed (docs/embed.md): its script and data read from other sites, its page framed by them.
      /embed.js
        Access-Control-Allow-Origin: *
      /embed/data/*
        Access-Control-Allow-Origin: *
      /embed/*
        ! Content-Security-Policy
        Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors *
      # The browser editor's own policy (docs/editor.md). Netlify serves the last matching
      # rule's value of a header, so this replaces the policy above for /admin/ only (the
      # ! line does it on Cloudflare Pages, which would join the two).
      /admin/*
        ! Content-Security-Policy
        Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://avatars.githubusercontent.com; media-src 'self' blob:; font-src 'self'; connect-src 'self' blob: data: https://api.github.com https://www.githubstatus.com; frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'
      "
    `);
  });

  it(".htaccess: the 404 page, what it needs, the headers, /sw.js revalidated every time", () => {
    expect(apacheHtaccess()).toMatchInlineSnapshot(`
      "# Apache settings for the site. Written by Almanac's build.
      # Needs \`AllowOverride FileInfo\` for this folder (otherwise Apache answers every request
      # with an error 500) and mod_headers for the headers (skipped without it).
      ErrorDocument 404 /404.html
      <IfModule mod_headers.c>
        Header always set Content-Security-Policy "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        Header always set X-Content-Type-Options "nosniff"
        Header always set Referrer-Policy "strict-origin-when-cross-origin"
        Header always set Permissions-Policy "camera=(), microphone=(), geolocation=(self)"
        # The service worker, revalidated on every load so an update is never missed.
        <Files "sw.js">
          Header always set Cache-Control "no-cache"
        </Files>
        # The embed (docs/embed.md): its script and data read from other sites, its page framed by them.
        <If "%{REQUEST_URI} == '/embed.js' || %{REQUEST_URI} =~ m#^/embed/data/#">
          Header always set Access-Control-Allow-Origin "*"
        </If>
        <If "%{REQUEST_URI} =~ m#^/embed/#">
          Header always set Content-Security-Policy "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors *"
        </If>
      </IfModule>
      "
    `);
  });

  describe("in a build", () => {
    let site: BuiltSite;
    beforeAll(async () => {
      site = await buildFixture(path.join(REPO, "test/fixtures/basic"), "2026-10-01T09:00");
    });

    it("writes both files next to the 404 page and the service worker they name", async () => {
      expect(await site.read("/_headers")).toBe(netlifyHeaders());
      expect(await site.read("/.htaccess")).toBe(apacheHtaccess());
      expect(site.exists("/404.html")).toBe(true);
      expect(site.exists("/sw.js")).toBe(true);
    });
  });

  it("docs give every server the same policy and headers, and what Apache needs", async () => {
    const quality = await readFile(path.join(REPO, "docs/quality.md"), "utf8");
    const servers = ["```nginx", "```apache", "```caddy"].map(
      (fence) => quality.split(fence)[1]!.split("```")[0]!,
    );
    for (const config of servers) {
      expect(config).toContain(CONTENT_SECURITY_POLICY);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(config).toMatch(new RegExp(`${name}"? "${value.replace(/[()]/g, "\\$&")}"`));
      }
      expect(config).toMatch(/sw\.js/);
      expect(config).toMatch(/no-cache/);
      // The embed: readable by other sites, its iframe page framable (docs/embed.md).
      expect(config).toContain(EMBED_FRAME_POLICY);
      expect(config).toMatch(/embed\\?\.js[\s\S]*Access-Control-Allow-Origin "\*"/);
      expect(config).toMatch(/embed\/data\/[\s\S]*Access-Control-Allow-Origin "\*"/);
    }
    const shown = quality.split("The policy is defined once")[1]!.split("```")[1]!;
    expect(shown.trim().replace(/\s+/g, " ")).toBe(CONTENT_SECURITY_POLICY);
    const deploy = await readFile(path.join(REPO, "docs/deploy.md"), "utf8");
    expect(deploy).toMatch(/AllowOverride FileInfo/);
    expect(deploy).toMatch(/mod_headers/);
    expect(deploy).toMatch(/ErrorDocument 404/);
  });
});
