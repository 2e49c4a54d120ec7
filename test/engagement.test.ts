// Engagement from access logs (`npm run report -- --logs`): the line parser for each host's
// format, the bot rule, routes, the subscription and demand definitions, and the report
// over the real-format samples in test/fixtures/logs/, which must never print an IP
// address, a user agent or a search word.
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { isBot, parseLogLine, type LogRequest } from "../src/staff/access-log.ts";
import { demandRows, EngagementTally, readLogs, routeOf } from "../src/staff/engagement.ts";
import type { EngagementReport } from "../src/staff/engagement-model.ts";
import { coverageReport } from "../src/staff/report.ts";
import { DEMO_ROOT, REPO } from "./helpers/site.ts";

const run = promisify(execFile);
const LOGS = path.join(REPO, "test/fixtures/logs");
const FIXTURES = [
  "combined.log",
  "common.log",
  "netlify-traffic.ndjson",
  "cloudflare-http-requests.json",
  "malformed.log",
  "access.log.2.gz",
].map((f) => path.join(LOGS, f));
const NOW = "2026-11-28T10:00";

function requests(line: string): LogRequest[] {
  const parsed = parseLogLine(line);
  if (parsed.kind !== "requests") throw new Error(`not a request: ${parsed.kind}`);
  return parsed.requests;
}

describe("reading access log lines", () => {
  it("reads a combined log line and keeps neither the IP address nor the user agent", () => {
    const line =
      '203.0.113.7 - jdoe [20/Nov/2026:09:14:02 -0600] "GET /programs/teen-coding-club/?ref=x HTTP/2.0" 200 18342 "https://www.google.com/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36"';
    const [r] = requests(line);
    expect(r).toEqual({
      method: "GET",
      path: "/programs/teen-coding-club/",
      query: false,
      status: 200,
      time: Date.UTC(2026, 10, 20, 15, 14, 2),
      bot: false,
      hasAgent: true,
    });
    const kept = JSON.stringify(r);
    for (const secret of ["203.0.113.7", "jdoe", "Mozilla", "google.com", "ref=x"]) {
      expect(kept).not.toContain(secret);
    }
  });

  it("reads the common log format, which has no user agent to judge", () => {
    const [r] = requests(
      '192.0.2.14 - - [25/Nov/2026:10:00:01 +0100] "GET /search/?q=knitting HTTP/1.1" 304 -',
    );
    expect(r).toMatchObject({ path: "/search/", query: true, status: 304, hasAgent: false });
    expect(r!.time).toBe(Date.UTC(2026, 10, 25, 9, 0, 1));
  });

  it("reads Netlify traffic records (full URLs, a batch as a JSON array) and skips other record types", () => {
    const traffic = (url: string, extra = "") =>
      `{"client_ip":"203.0.113.90","log_type":"traffic","method":"GET","status_code":200,"timestamp":"2026-11-26T15:04:05.123Z","url":"${url}"${extra}}`;
    expect(requests(traffic("https://library.example.org/programs/a%20b/"))).toMatchObject([
      { path: "/programs/a b/", time: Date.UTC(2026, 10, 26, 15, 4, 5, 123), hasAgent: false },
    ]);
    expect(
      requests(`[${traffic("/x/", ',"user_agent":"curl/8.5.0"')},${traffic("/y/")}]`),
    ).toMatchObject([{ path: "/x/", bot: true }, { path: "/y/" }]);
    expect(
      parseLogLine('{"log_type":"functions","function_name":"contact","status_code":200}'),
    ).toEqual({ kind: "other" });
  });

  it("reads Cloudflare Logpush lines with each timestamp format and its verified-bot flag", () => {
    const cf = (start: string, extra = "") =>
      `{"ClientIP":"203.0.113.141","ClientRequestMethod":"GET","ClientRequestURI":"/locations/central/?q=","ClientRequestUserAgent":"Mozilla/5.0 Firefox/133.0","EdgeResponseStatus":200,"EdgeStartTimestamp":${start}${extra}}`;
    const ms = Date.UTC(2026, 10, 26, 14, 0, 1, 100);
    expect(requests(cf(String(ms * 1e6)))[0]).toMatchObject({
      path: "/locations/central/",
      query: false,
      time: ms,
      bot: false,
    });
    expect(requests(cf('"2026-11-26T14:00:01.1Z"'))[0]!.time).toBe(ms);
    expect(requests(cf(String(Math.floor(ms / 1000))))[0]!.time).toBe(ms - 100);
    expect(requests(cf("1", ',"VerifiedBotCategory":"Search Engine Crawler"'))[0]!.bot).toBe(true);
  });

  it("tells malformed lines from lines that are not requests", () => {
    const kinds = [
      "",
      '203.0.113.11 - - [26/Nov/2026:10:05:00 -0600] "-" 400 0 "-" "-"',
      '203.0.113.9 - - [26/Nov/2026:10:00:01 -0600] "GET /programs/x/ HTTP/1.1',
      '203.0.113.9 - - [26/Nov/2026:10:00:02 -0600] "GET /x/ HTTP/1.1" abc 16000',
      '{"ClientIP":"203.0.113.10","ClientRequestURI":"/x/",',
      '{"hello":"world"}',
      '{"log_type":"traffic","method":"GET","status_code":"OK","url":"/x/"}',
      "#Fields: date time cs-method cs-uri-stem sc-status",
      "<html><body>502 Bad Gateway</body></html>",
    ].map((line) => parseLogLine(line).kind);
    expect(kinds).toEqual([
      "other",
      "other",
      "malformed",
      "malformed",
      "malformed",
      "malformed",
      "malformed",
      "malformed",
      "malformed",
    ]);
  });

  it("counts crawlers, monitors and scripts as bots, and browsers and calendar apps as people", () => {
    const bots = [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "Better Uptime Bot Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0.0.0 Safari/537.36",
      "curl/8.5.0",
      "python-requests/2.32.3",
      "-",
      "",
    ];
    const people = [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Google-Calendar-Importer",
      "iOS/18.1 (22B83) dataaccessd/1.0",
      "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18129; Pro)",
    ];
    expect(bots.filter((ua) => !isBot(ua))).toEqual([]);
    expect(people.filter(isBot)).toEqual([]);
  });

  it("maps paths to the site's routes", () => {
    const cases: [string, string][] = [
      ["/programs/chess-club/", "program chess-club"],
      ["/programs/chess-club", "program chess-club"],
      ["/programs/chess-club/index.html", "program chess-club"],
      ["/programs/chess-club.ics", "download chess-club"],
      ["/programs/page/2/", "page"],
      ["/calendar.ics", "feed all"],
      ["/audiences/teens/calendar.ics", "feed audiences/teens"],
      ["/audiences/teens/", "listing audiences/teens"],
      ["/locations/central/page/3/", "listing locations/central"],
      ["/partners/friends/", "partner friends"],
      ["/guides/lateral-reading/", "guide lateral-reading"],
      ["/search/", "search"],
      ["/signage/central/", "screen"],
      ["/staff/report/", "screen"],
      ["/", "page"],
      ["/calendar/2026/12/", "page"],
      ["/assets/site-3f9a.css", "file"],
      ["/programs.json", "file"],
    ];
    const text = (path: string) => {
      const r = routeOf(path);
      if (r.kind === "listing") return `listing ${r.facet}/${r.id}`;
      return "id" in r ? `${r.kind} ${r.id}` : r.kind;
    };
    expect(cases.map(([p]) => [p, text(p)])).toEqual(cases);
  });
});

describe("counting engagement", () => {
  const base: LogRequest = {
    method: "GET",
    path: "/calendar.ics",
    query: false,
    status: 200,
    time: undefined,
    bot: false,
    hasAgent: true,
  };
  const day = (d: number, hour = 8) => Date.UTC(2026, 10, d, hour + 6);

  it("calls a feed subscribed when it is fetched on 3 days or more and on half the days covered", async () => {
    const { catalogue } = await loadCatalogue({ root: DEMO_ROOT, env: { ALMANAC_NOW: NOW } });
    const coverage = coverageReport(catalogue!);
    const tally = new EngagementTally("America/Chicago");
    // Six days covered (Nov 20 to 25). /calendar.ics: days 20, 21, 22 (twice), 23.
    for (const d of [20, 21, 22, 22, 23]) tally.add({ ...base, time: day(d) });
    // The teens feed: three fetches on one day (an import, refetched by hand).
    for (const h of [8, 9, 10])
      tally.add({ ...base, path: "/audiences/teens/calendar.ics", time: day(21, h) });
    // Kids: three days of six, exactly half.
    for (const d of [20, 22, 25])
      tally.add({ ...base, path: "/audiences/kids/calendar.ics", time: day(d) });
    // Feeds the library does not have are not listed: no path from a log is printed.
    tally.add({ ...base, path: "/audiences/<b>\u001b[31mx/calendar.ics", time: day(21) });
    tally.add({ ...base, path: "/audiences/nope/calendar.ics", time: day(21) });
    // 23:30 in Chicago on Nov 25 is still Nov 25 there (05:30 UTC on the 26th).
    tally.add({ ...base, path: "/", time: Date.UTC(2026, 10, 26, 5, 30) });
    const e = tally.report(catalogue!, coverage);
    expect([e.from, e.to, e.days]).toEqual(["2026-11-20", "2026-11-25", 6]);
    expect(e.feeds.map((f) => [f.id, f.fetches, f.days, f.perDay, f.subscribed])).toEqual([
      ["all", 5, 4, 1, true],
      ["audiences/kids", 3, 3, 0.5, true],
      ["audiences/teens", 3, 1, 0, false],
    ]);
  });

  it("credits another library's own ids, and counts days in its own zone (Europe/London)", async () => {
    const root = path.join(REPO, "test/fixtures/second-library");
    const { catalogue } = await loadCatalogue({ root, env: { ALMANAC_NOW: NOW } });
    const tally = new EngagementTally(catalogue!.library.timezone);
    // 00:30 UTC on Nov 21 is Nov 21 in London (GMT in November), where Chicago would still
    // call it Nov 20: the library's own zone decides the days.
    tally.add({ ...base, path: "/programs/code-club/", time: Date.UTC(2026, 10, 21, 0, 30) });
    tally.add({ ...base, path: "/programs/code-club/", time: Date.UTC(2026, 10, 21, 9) });
    tally.add({ ...base, path: "/locations/town-hall/", time: Date.UTC(2026, 10, 21, 10) });
    // A demo id is nothing here.
    tally.add({ ...base, path: "/programs/teen-coding-club/", time: Date.UTC(2026, 10, 21, 11) });
    const e = tally.report(catalogue!, coverageReport(catalogue!));
    expect([e.from, e.to, e.days]).toEqual(["2026-11-21", "2026-11-21", 1]);
    expect(e.programs.map((p) => [p.id, p.views])).toEqual([["code-club", 2]]);
    const views = (rows: typeof e.demand.audiences) =>
      Object.fromEntries(rows.filter((r) => r.views).map((r) => [r.id, r.views]));
    expect(views(e.demand.audiences)).toEqual({ children: 2, "young-people": 2 });
    expect(views(e.demand.locations)).toEqual({ "town-hall": 2 });
    expect(e.demand.locations.find((r) => r.id === "town-hall")!.listingViews).toBe(1);
  });

  it("sets each row's share of views against its share of what is offered", () => {
    const rows = demandRows([
      { id: "a", label: "A", views: 60, listingViews: 0, offered: 10 },
      { id: "b", label: "B", views: 20, listingViews: 500, offered: 30 },
      { id: "c", label: "C", views: 20, listingViews: 0, offered: 0 },
      { id: "d", label: "D", views: 0, listingViews: 0, offered: 0 },
    ]);
    expect(rows.map((r) => [r.id, r.viewShare, r.offerShare, r.ratio, r.flagged])).toEqual([
      ["a", 0.6, 0.25, 2.4, true],
      ["b", 0.2, 0.75, 0.27, false],
      ["c", 0.2, 0, null, true],
      ["d", 0, 0, null, false],
    ]);
    // Below 20 views nothing is flagged, however lopsided.
    const few = demandRows([
      { id: "a", label: "A", views: 19, listingViews: 0, offered: 1 },
      { id: "b", label: "B", views: 1, listingViews: 0, offered: 99 },
    ]);
    expect(few.map((r) => r.flagged)).toEqual([false, false]);
  });
});

describe("the sample logs", () => {
  async function report(files: string[]): Promise<EngagementReport> {
    const { catalogue } = await loadCatalogue({ root: DEMO_ROOT, env: { ALMANAC_NOW: NOW } });
    const tally = await readLogs(files, catalogue!.library.timezone);
    return tally.report(catalogue!, coverageReport(catalogue!));
  }

  it("reads every format, counts the malformed lines and skips them", async () => {
    const e = await report(FIXTURES);
    expect(e.files).toBe(6);
    expect(e.lines).toEqual({
      lines: 60,
      malformed: 7,
      requests: 51,
      counted: 35,
      notGet: 2,
      notOk: 3,
      bots: 5,
      screens: 3,
      files: 3,
      noAgent: 7,
    });
    expect([e.from, e.to, e.days]).toEqual(["2026-11-20", "2026-11-27", 8]);
    expect(e.pageViews).toBe(25);
    expect(e.programs.map((p) => [p.id, p.views, p.downloads])).toEqual([
      ["teen-coding-club", 4, 1],
      ["baby-lapsit", 3, 1],
      ["genealogy-101", 2, 0],
      ["saturday-lego-club", 1, 1],
      ["knitting-circle", 1, 0],
      ["tech-help-drop-in", 1, 0],
      ["teen-dungeons-and-dragons", 1, 0],
    ]);
    expect(e.downloads).toBe(3);
    expect(e.search).toEqual({ views: 4, withQuery: 2 });
    expect(e.partners.map((p) => [p.id, p.views])).toEqual([["friends-of-the-library", 1]]);
    expect(e.guides.map((g) => [g.id, g.views])).toEqual([["lateral-reading", 1]]);
    expect(e.feeds.map((f) => [f.id, f.fetches, f.days, f.subscribed])).toEqual([
      ["all", 4, 4, true],
      ["audiences/teens", 2, 2, false],
      ["locations/central", 1, 1, false],
    ]);
    const listing = (rows: typeof e.demand.audiences) =>
      Object.fromEntries(rows.filter((r) => r.listingViews).map((r) => [r.id, r.listingViews]));
    expect(listing(e.demand.audiences)).toEqual({ teens: 1, kids: 1 });
    expect(listing(e.demand.locations)).toEqual({ central: 1, northwood: 1 });
  });

  it("knows gzip by its first bytes, whatever the file is called", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "almanac-logs-"));
    const zipped = path.join(dir, "access.log");
    const plain = path.join(dir, "access.log.gz");
    await copyFile(path.join(LOGS, "access.log.2.gz"), zipped);
    await copyFile(path.join(LOGS, "common.log"), plain);
    const e = await report([zipped, plain]);
    expect([e.lines.lines, e.lines.malformed, e.lines.counted]).toEqual([11, 0, 9]);
  });

  it("names the file and the reason when a log cannot be read, and nothing of its contents", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "almanac-logs-"));
    const damaged = path.join(dir, "damaged.gz");
    const bytes = await readFile(path.join(LOGS, "access.log.2.gz"));
    await writeFile(
      damaged,
      Buffer.concat([bytes.subarray(0, 20), Buffer.from("garbage!garbage!")]),
    );
    await expect(report([damaged])).rejects.toThrow(
      `cannot read access log ${damaged}: damaged gzip data`,
    );
    await expect(report([path.join(dir, "missing.log")])).rejects.toThrow(
      `cannot read access log ${path.join(dir, "missing.log")}: no such file`,
    );
  });
});

/** Every IP address, user agent and search word in the samples: none may be printed. */
async function secrets(): Promise<string[]> {
  const found = new Set<string>();
  for (const file of FIXTURES.filter((f) => !f.endsWith(".gz"))) {
    const text = await readFile(file, "utf8");
    for (const line of text.split("\n")) {
      const clf = /^(\S+) \S+ (\S+) .*"([^"]*)"$/.exec(line);
      if (clf) {
        found.add(clf[1]!);
        if (clf[2] !== "-") found.add(clf[2]!);
        if (clf[3]!.length > 1) found.add(clf[3]!);
      }
      for (const m of line.matchAll(
        /"(ClientIP|client_ip|ClientRequestUserAgent|user_agent)":"([^"]+)"/g,
      )) {
        found.add(m[2]!);
      }
      if (/^\d+\.\d+\.\d+\.\d+ /.test(line)) found.add(line.split(" ")[0]!);
    }
  }
  // The search words in the samples (grandma's knitting pattern; chess club for my son).
  found.add("grandma");
  found.add("my son");
  found.add("my+son");
  return [...found].filter((s) => s !== "-");
}

describe("npm run report -- --logs", () => {
  it("adds engagement to the report and writes it as HTML, with no IP, user agent or search word anywhere", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "almanac-report-"));
    const html = path.join(dir, "engagement.html");
    const args = [
      path.join(REPO, "scripts/cli.mjs"),
      "report",
      "--root",
      DEMO_ROOT,
      ...FIXTURES.flatMap((f) => ["--logs", f]),
    ];
    const env = { ...process.env, ALMANAC_NOW: NOW };
    const text = await run(process.execPath, [...args, "--html", html], { cwd: dir, env });
    const json = await run(process.execPath, [...args, "--json"], { cwd: dir, env });
    const page = await readFile(html, "utf8");

    expect(text.stdout).toContain("Maple Hollow Public Library: programming coverage");
    expect(text.stdout).toContain(
      "60 lines: 35 requests counted, 7 malformed lines skipped; not counted: 2 not GET, 3 not successful, 5 bots, 3 lobby screens and staff pages, 3 other files.",
    );
    expect(text.stdout).toContain("  Teen Coding Club: 4 views, 1 download\n");
    expect(text.stderr).toBe("report: wrote engagement.html\n");
    const model = JSON.parse(json.stdout) as { totals: unknown; engagement: EngagementReport };
    expect(model.totals).toBeDefined();
    expect(model.engagement.lines.malformed).toBe(7);

    expect(page).toContain("<strong>25</strong> page views");
    expect(page).toContain("<strong>7</strong> malformed lines skipped");
    expect(page).toMatch(/<tr><th scope="row">Teen Coding Club<\/th><td>4<\/td><td>1<\/td><\/tr>/);
    expect(page).toMatch(
      /<tr><th scope="row">All programs<\/th><td>\/calendar\.ics<\/td><td>4<\/td><td>4<\/td><td>0\.5<\/td><td>yes<\/td><\/tr>/,
    );
    expect(page).toContain('<svg viewBox="0 0 640');
    expect(page).toContain('<rect class="bar"');
    expect(page).not.toMatch(/<script|style="/);

    const outputs = [text.stdout, text.stderr, json.stdout, json.stderr, page];
    const leaks = (await secrets()).filter((s) => outputs.some((o) => o.includes(s)));
    expect(leaks).toEqual([]);
  }, 60_000);

  it("refuses --html without --logs", async () => {
    const result = await run(process.execPath, [
      path.join(REPO, "scripts/cli.mjs"),
      "report",
      "--html",
      "x.html",
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(result).toMatchObject({ code: 2 });
    expect((result as { stderr: string }).stderr).toMatchInlineSnapshot(`
      "report: --html needs --logs. Usage: npm run report -- [--weeks N] [--json] [--root DIR] [--logs FILE ...] [--html FILE] (--help explains each option)
      "
    `);
  }, 30_000);
});
