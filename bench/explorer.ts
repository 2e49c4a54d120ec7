// The program explorer's figures for `npm run bench`: how much its data file weighs (raw,
// gzip and brotli, as static hosts serve JSON compressed) and how long a filter change takes
// in Chromium with the CPU slowed 4x (CDP `Emulation.setCPUThrottlingRate`, as Lighthouse
// slows a phone). A change is timed from setting the field to the new results laid out:
// the filter over every upcoming date, the first batch built, style and layout. Targets:
// data under 200 KB compressed and a change under 50 ms, at 2,000 programs.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { launchBrowser } from "../test/helpers/browser.ts";
import { serveStatic } from "../test/helpers/serve.ts";

export interface ExplorerMeasure {
  /** The data file's bytes: as written, gzip (level 9), brotli (quality 11). */
  bytes: number;
  gzipBytes: number;
  brotliBytes: number;
  programs: number;
  occurrences: number;
  /** One filter change at 4x throttling, ms: each measured change, its median and worst. */
  changesMs: number[];
  medianMs: number;
  worstMs: number;
  /** Reading the data into its tables (once per page), ms at 4x throttling. */
  expandMs: number;
  throttle: number;
}

const THROTTLE = 4;

/** Field changes, applied one after another: each is a single field, as a patron makes them. */
const CHANGES: [string, string][] = [
  ["when", "week"],
  ["age", "4"],
  ["when", "weekend"],
  ["location", "#1"],
  ["age", ""],
  ["category", "#2"],
  ["free", "on"],
  ["when", "#month"],
  ["audience", "#1"],
  ["dropin", "on"],
  ["free", "off"],
  ["when", ""],
  ["category", ""],
  ["location", ""],
];

/** Measures the explorer of the site built in `site` (its `/programs/` page). */
export async function measureExplorer(site: string): Promise<ExplorerMeasure> {
  const dir = path.join(site, "explorer");
  const name = (await readdir(dir)).find((f) => /^data-[0-9a-f]+\.json$/.test(f));
  if (!name) throw new Error(`no explorer data file in ${dir}`);
  const raw = await readFile(path.join(dir, name));
  const data = JSON.parse(raw.toString("utf8")) as { programs: { o: number[] }[] };
  const server = await serveStatic(site);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    await page.goto(`${server.url}/programs/`);
    await page.locator("[data-explorer][data-ready]").waitFor({ timeout: 120_000 });
    const expandMs = await page.evaluate(
      () => performance.getEntriesByName("almanac:explorer-expand")[0]?.duration ?? NaN,
    );
    const changesMs: number[] = [];
    // The first two changes replace the page's own (static) listing and warm the code: not timed.
    const run = [CHANGES[0]!, CHANGES[11]!, ...CHANGES];
    for (const [i, [field, value]] of run.entries()) {
      const ms = await page.evaluate(
        ([field, value]) => {
          const form = document.querySelector<HTMLFormElement>("[data-explorer-form]")!;
          const el = form.elements.namedItem(field) as HTMLInputElement | HTMLSelectElement;
          const t0 = performance.now();
          if (el instanceof HTMLInputElement && el.type === "checkbox") {
            el.checked = value === "on";
          } else if (value.startsWith("#")) {
            const options = [...(el as HTMLSelectElement).options].filter((o) => o.value);
            const pick =
              value === "#month"
                ? options.filter((o) => /^\d{4}-\d{2}$/.test(o.value))[1]
                : options[Number(value.slice(1))];
            el.value = pick!.value;
          } else {
            el.value = value;
          }
          el.dispatchEvent(
            new Event(el instanceof HTMLInputElement && el.type === "number" ? "input" : "change", {
              bubbles: true,
            }),
          );
          // The results as the patron sees them: styles and layout done.
          void document.body.offsetHeight;
          return performance.now() - t0;
        },
        [field, value] as const,
      );
      if (i >= 2) changesMs.push(ms);
    }
    const sorted = [...changesMs].sort((a, b) => a - b);
    return {
      bytes: raw.length,
      gzipBytes: gzipSync(raw, { level: 9 }).length,
      brotliBytes: brotliCompressSync(raw).length,
      programs: data.programs.length,
      occurrences: data.programs.reduce((n, p) => n + p.o.length, 0),
      changesMs,
      medianMs: sorted[Math.floor(sorted.length / 2)]!,
      worstMs: sorted.at(-1)!,
      expandMs,
      throttle: THROTTLE,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The two printed lines. */
export function describeExplorer(n: number, m: ExplorerMeasure): string[] {
  const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  const under = m.gzipBytes < 200_000 && m.brotliBytes < 200_000;
  return [
    `Explorer data, N=${n} (${m.programs} programs with upcoming dates, ${m.occurrences} dates): ${kib(m.bytes)}, ${kib(m.gzipBytes)} gzip, ${kib(m.brotliBytes)} brotli (target under 200 KB compressed: ${under ? "met" : "NOT met"})`,
    `Explorer filter, N=${n}, ${m.throttle}x CPU throttling: median ${m.medianMs.toFixed(1)} ms, worst ${m.worstMs.toFixed(1)} ms over ${m.changesMs.length} changes (target under 50 ms: ${m.worstMs < 50 ? "met" : "NOT met"}); reading the data ${m.expandMs.toFixed(0)} ms once per page`,
  ];
}
