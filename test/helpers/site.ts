// Builds a real site from fixture content into a temp folder, for integration tests.
// Builds share no state (each has its own `Build` object), so a test may run several at
// once (`Promise.all`, `describe.concurrent`); test/output-snapshot.test.ts shows that
// concurrent builds give each its own bytes.
import { mkdtemp, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { buildSite, type BuildResult } from "../../almanac.ts";

export const REPO = path.resolve(import.meta.dirname, "../..");
/**
 * The demo library, frozen as a fixture. Tests never read the repository's own `content/`
 * and `_data/`: those are the library's (in this repository, the starter a new library gets
 * from `almanac init`), free to change or to be replaced by another library's, and the suite
 * must pass whatever they hold. test/content-independence.test.ts keeps it that way.
 */
export const DEMO_ROOT = path.join(REPO, "test/fixtures/demo");

export interface BuiltSite extends BuildResult {
  /** Reads a built file as text; throws when it does not exist. */
  read(urlPath: string): Promise<string>;
  exists(urlPath: string): boolean;
}

/**
 * Builds `root` as of `now` (ISO, read in the library's zone) into a fresh temp folder.
 * Content problems come back in `problems` with `ok: false`; they do not throw.
 */
export async function buildFixture(root: string, now = "2026-11-28T10:00"): Promise<BuiltSite> {
  const output = path.join(await mkdtemp(path.join(os.tmpdir(), "almanac-site-")), "_site");
  const result = await buildSite({ root, output, env: { ALMANAC_NOW: now } });
  const file = (urlPath: string) => {
    const rel = urlPath.replace(/^\//, "");
    return path.join(output, rel.endsWith("/") || rel === "" ? `${rel}index.html` : rel);
  };
  return {
    ...result,
    read: (urlPath) => readFile(file(urlPath), "utf8"),
    exists: (urlPath) => existsSync(file(urlPath)),
  };
}

/** A fixed "now" as a luxon DateTime, for unit tests that need one. */
export function at(iso: string, zone = "America/Chicago"): DateTime {
  return DateTime.fromISO(iso, { zone });
}

/**
 * `<program id> <ISO start>` of each date listed in a page's HTML (src/site/listing-html.ts
 * `listingRowHtml`): the program is its title's `/programs/<id>/` (or `data-program`, a
 * member's row on a consortium's site); a timed row's start is the first `<time>` of its
 * `.when`, an all-day row's its `data-start`.
 */
export function listedStarts(html: string): string[] {
  const row =
    /<li class="listing[^"]*"(?: data-program="([^"]+)")?(?: data-start="([^"]+)")? data-ends="[^"]+">(?:<img [^>]*>)?<a href="([^"]*)".*?<span class="when">(?:<time datetime="([^"]+)")?/g;
  return [...html.matchAll(row)].map(
    (m) => `${m[1] ?? /\/programs\/(.+)\/$/.exec(m[3]!)?.[1]} ${m[2] ?? m[4]}`,
  );
}
