// Lighthouse (performance, accessibility, best practices, SEO; desktop preset) on a built
// site, against the system Chromium started here with a remote-debugging port. Used by
// lighthouse.test.ts and runnable by hand to record scores in docs/quality.md:
//
//   node --import tsx test/quality/lighthouse.ts            # builds the demo, prints JSON
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { CHROME_PATH } from "../helpers/browser.ts";
import { serveStatic } from "../helpers/serve.ts";
import { SECURITY_HEADERS } from "../../src/outputs/csp.ts";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PageScores {
  url: string;
  /** 0-100 per category. */
  scores: Record<Category, number>;
  /** Audits that cost points (score < 1), with their titles, for fixing. */
  failing: string[];
}

/** Starts headless Chromium with a DevTools port; resolves once it is listening. */
async function startChrome(): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = await mkdtemp(path.join(os.tmpdir(), "almanac-lh-"));
  const chrome: ChildProcess = spawn(
    CHROME_PATH,
    [
      "--headless=new",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`Chromium did not start: ${seen.slice(0, 500)}`)),
      30_000,
    );
    chrome.stderr!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    chrome.on("exit", (code) =>
      reject(new Error(`Chromium exited with ${code}: ${seen.slice(0, 500)}`)),
    );
  });
  return {
    port,
    stop: async () => {
      chrome.kill();
      await new Promise((r) => chrome.once("exit", r));
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Runs Lighthouse on each of `urlPaths` of the site in `dir`, one after another. */
export async function lighthouseScores(dir: string, urlPaths: string[]): Promise<PageScores[]> {
  // Served with the security headers, as a host reading `_headers` would.
  const server = await serveStatic(dir, { ...SECURITY_HEADERS });
  const chrome = await startChrome();
  try {
    const out: PageScores[] = [];
    for (const urlPath of urlPaths) {
      const result = await lighthouse(
        `${server.url}${urlPath}`,
        { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] },
        desktopConfig,
      );
      if (!result) throw new Error(`Lighthouse gave no result for ${urlPath}`);
      const { categories, audits } = result.lhr;
      const scores = Object.fromEntries(
        CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)]),
      ) as Record<Category, number>;
      const counted = new Set(
        CATEGORIES.flatMap((c) =>
          (categories[c]?.auditRefs ?? []).filter((r) => r.weight > 0).map((r) => r.id),
        ),
      );
      const failing = Object.values(audits)
        .filter((a) => counted.has(a.id) && a.score !== null && a.score < 1)
        .map((a) => `${a.id}: ${a.title} (${a.displayValue ?? a.score})`);
      out.push({ url: urlPath, scores, failing });
    }
    return out;
  } finally {
    await chrome.stop();
    await server.close();
  }
}

// Run by hand: build the demo and the other library, print the scores as JSON and as
// Markdown table rows for docs/quality.md.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { buildFixture, DEMO_ROOT } = await import("../helpers/site.ts");
  const { OTHER_LIBRARY_ROOT } = await import("./build-once.ts");
  const started = Date.now();
  const demo = await buildFixture(DEMO_ROOT, "2026-11-28T10:00");
  const other = await buildFixture(OTHER_LIBRARY_ROOT, "2026-11-28T10:00");
  const scores = [
    ...(await lighthouseScores(demo.output, ["/", "/programs/teen-coding-club/"])),
    ...(await lighthouseScores(other.output, ["/programs/korero-maori/"])),
  ];
  console.log(
    JSON.stringify(
      { date: new Date().toISOString(), seconds: (Date.now() - started) / 1000, scores },
      null,
      2,
    ),
  );
  for (const s of scores) {
    console.log(`| ${s.url} | ${CATEGORIES.map((c) => s.scores[c]).join(" | ")} |`);
  }
}
