// `npm start`: the site built, served by Eleventy's dev server, and rebuilt on every save in
// content/, _data/library.yaml or Almanac's layouts/, until stopped.
//
// One `Build` for the session (src/build/context.ts, `preview: true`), so what the last run
// knew is at hand for the next:
// - the first run, and any after library.yaml, a picture or a layout changed (or the
//   library's date moved on), is a complete build, staged and swapped in like `npm run
//   build` (src/build/build.ts): the preview starts from exactly what a build publishes,
//   whatever an earlier session left in the folder;
// - after a Markdown edit, a rename or a deletion, the content is reloaded through the cache
//   (only changed files are read), and one long-lived Eleventy re-renders in place the pages
//   that changed (src/build/page-plan.ts) in two passes: the edited programs', partners',
//   guides' and free pages' own pages and the listings a patron browses (`/programs/`
//   with the explorer's data it names, the audience, topic and location pages, the quick
//   views), then (the tabs showing those pages reloaded, drawn and listening again) the
//   months, print months and other pages, and the tabs showing those reload; pages of
//   items that are gone are removed with the first pass; calendars, `programs.json` and
//   the search index follow in the background. The reload is the preview's own
//   (./reload-clients.ts), which knows each tab's page: a tab whose page no pass wrote is
//   not reloaded; a failure and a complete build reload every tab;
// - a content mistake is printed once, one line a problem, and every page the browser asks
//   for is an error page naming file, line and field, until it is fixed; the folder keeps
//   the last good site. A layout mistake is one line too, at its line in the file.
//
// The preview has no offline worker (`ALMANAC_OFFLINE=off`): `/sw.js` is the retired one,
// which removes a worker an earlier preview or build registered on this address, so the
// reload always reaches the page. The clock is read once a day (ALMANAC_NOW fixes it).
// Deleted files rebuild like any other change: the watcher is Node's own (fs.watch), and
// each rebuild rescans content/ rather than trusting the event.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { DateTime } from "luxon";
import { formatProblems } from "../content/problems.ts";
import type { Catalogue } from "../content/model.ts";
import { acquireBuildLock } from "./build-lock.ts";
import { APP_DIR, createEleventy, outputGuard, runBuild, type SiteConfig } from "./build.ts";
import { Build } from "./context.ts";
import { FIRST_PASS_TEMPLATES, type RebuildPass } from "./stages.ts";
import { PreviewSession } from "./preview-session.ts";
import { checkOutputFolder } from "./output-folder.ts";
import { startWatching } from "./watch.ts";
import { describeFailure, problemLine } from "./error-page.ts";
import { previewServerOptions, ServedPages, type DevServer } from "./preview-server.ts";
import { ReloadClients, untilReconnected, type Client } from "./reload-clients.ts";
import { catalogueSummary, type Progress } from "./progress.ts";

export interface PreviewOptions {
  /** The library's folder. Default: the current folder. */
  root?: string;
  /** Where the site is written and served from. Default: `<root>/_site`. */
  output?: string;
  /** Port to serve on (the next free one when taken); 0 picks any free port. Default 8080. */
  port?: number;
  /** Environment over `process.env` (`ALMANAC_NOW`, `ALMANAC_SEARCH`). */
  env?: NodeJS.ProcessEnv;
  /** Where the first build's phases are shown (src/build/progress.ts). */
  progress?: Progress;
  /** Where the lines for the person at the terminal go. Default: the console. */
  print?: { log(line: string): void; error(line: string): void };
}

/** What one run did (for tests, the benchmark and the terminal). */
export interface RunReport {
  /** `built`: a complete build swapped in; `rebuilt`: pages re-rendered in place. */
  kind: "built" | "rebuilt" | "unchanged" | "failed";
  /** Files whose change started the run (relative to the library's folder). */
  files: string[];
  /** Pages rendered. */
  pages: number;
  /**
   * Of those, the pages of a rebuild in place's first pass (the edited programs', partners',
   * guides' and free pages' own, `/programs/`, and the audience, topic, location and quick
   * view pages of the plan), on disk and shown before the others were rendered.
   */
  shownFirst: number;
  /**
   * Pages not rendered again but given the explorer data file's new address, the one thing
   * in them that changed (src/build/page-plan.ts, `readdress`).
   */
  readdressed: number;
  ms: number;
  /** The problem lines (content errors) or the error, for a failed run. */
  error?: string;
}

export interface Preview {
  /** `http://localhost:<port>/` */
  readonly url: string;
  /** The output folder (a symlink's target). */
  readonly output: string;
  /** Every run so far, oldest first. */
  readonly runs: readonly RunReport[];
  /** The next run to finish (call before making the change it should see). */
  nextRun(): Promise<RunReport>;
  /** Resolves when no run is due or running and the last one's calendars and index are written. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Saves within this many milliseconds of each other make one rebuild. */
const DEBOUNCE_MS = 40;
/** `close()` waits at most this long for a rebuild under way. */
const CLOSE_WAIT_MS = 3000;
/** `settled()`: no change seen for this long. */
const QUIET_MS = 150;
/**
 * Longest wait, after the first reload of a rebuild in place, for the pages it reloaded to
 * be connected again before the second pass renders (they are drawn by then; a reload sent
 * to a page still loading is lost).
 */
const RECONNECT_WAIT_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Change {
  files: Set<string>;
  /** A complete build is needed (library.yaml, a picture, a layout, a new day). */
  fresh: boolean;
  /** Kept listing rows are out of date (a layout changed). */
  forget: boolean;
}

export async function startPreview(
  config: SiteConfig,
  options: PreviewOptions = {},
): Promise<Preview> {
  const root = path.resolve(options.root ?? process.cwd());
  const requested = path.resolve(options.output ?? path.join(root, "_site"));
  const print = options.print ?? {
    log: (line: string) => console.log(line),
    error: (line: string) => console.error(line),
  };
  const env = { ...options.env, ALMANAC_OFFLINE: "off" };
  const output = await checkOutputFolder(outputGuard(root, requested));
  const session = new PreviewSession();
  /** The build of the long-lived Eleventy, which rebuilds in place. */
  const live = new Build({ root, env, session, progress: options.progress });
  const fixedNow = Boolean(live.env.ALMANAC_NOW);
  if (!fixedNow) session.now = DateTime.now();
  /** The library's zone, once known: its date moving on makes a complete build. */
  let zone: string | undefined;

  const runs: RunReport[] = [];
  /** The tabs open with the preview's reload client. */
  const reloads = new ReloadClients();
  const responses = new ServedPages();
  const waiting: ((report: RunReport) => void)[] = [];
  let failure: { title: string; lines: string[] } | undefined;
  let server: DevServer | undefined;
  let pending: Change | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loop: Promise<void> | undefined;
  let closed = false;
  let lastChange = 0;
  /** The long-lived Eleventy for rebuilds in place (it also runs the dev server) was set up. */
  let eleventyReady = false;

  /** Shows only the templates of one pass of a rebuild in place to the next `init()`. */
  let onlyPass = (_pass: RebuildPass | undefined) => {};
  const eleventy = createEleventy(config, output, live, (eleventyConfig: UserConfig) => {
    onlyPass = passTemplates(eleventyConfig, path.join(APP_DIR, config.dir.input));
    eleventyConfig.setServerOptions(
      previewServerOptions({
        port: options.port ?? 8080,
        printError: (line) => print.error(line),
        failure: () => failure,
        served: responses,
        reloads,
        ready: (devServer) => (server = devServer),
      }),
    );
  });
  const logger = (eleventy as unknown as { logger: { overrideLogger(l: object): void } }).logger;
  let held: string[] = [];
  const hold = (message: string) => void held.push(String(message));
  logger.overrideLogger({ log: hold, info: hold, warn: hold, error: hold });

  /**
   * Reloads the tabs showing one of `written` (output files, relative to the folder;
   * undefined: every tab) and returns those it told.
   */
  const reload = (written?: readonly string[]) => reloads.reload(written);
  const reconnected = (told: readonly Client[]) =>
    untilReconnected(told, reloads.open, RECONNECT_WAIT_MS);
  async function runOnce(change: Change): Promise<RunReport> {
    const started = performance.now();
    // Editors' temporary files (made and gone again) are not worth naming.
    const files = [...change.files]
      .filter((f) => f.endsWith(".md") || f.endsWith("/") || existsSync(path.join(root, f)))
      .sort();
    let readdressed = 0;
    let shownFirst = 0;
    /**
     * Once the browser is reloaded for the run's last pages (a rebuild in place does it as
     * soon as its pages are on disk, `pagesReady`): when the reloaded pages have been served.
     */
    let served: Promise<void> | undefined;
    /** After the first pass's reload: the pages it reached are connected again. */
    let afterFirst = Promise.resolve();
    const reloadNow = (written?: readonly string[]) => responses.after(reload(written));
    const report = (kind: RunReport["kind"], pages: number, error?: string): RunReport => ({
      kind,
      files,
      pages,
      shownFirst,
      readdressed,
      ms: Math.round(performance.now() - started),
      ...(error !== undefined && { error }),
    });
    if (!fixedNow && newDay(session, zone)) {
      session.now = DateTime.now();
      change.fresh = true;
    }
    // No good complete build yet (the first one failed): this one must be.
    if (session.fresh) change.fresh = true;
    // A site in several languages is rebuilt whole after every edit: each other language's
    // pages are added when Eleventy reads its configuration (plugins/languages.ts), which a
    // rebuild in place does not read again, and the page plan knows the first's pages only.
    if ((lastCatalogue?.library.siteLanguages.length ?? 1) > 1) change.fresh = true;
    if (change.fresh) session.renderAllNext(change.forget);
    // A complete build is a new Eleventy (with its own steps) over the same session.
    const build = change.fresh
      ? new Build({ root, env, session, progress: options.progress })
      : live;
    held = [];
    try {
      const before = failure;
      const versions = lastVersions;
      const loaded = await build.load();
      zone = loaded.catalogue?.library.timezone ?? zone;
      // Problems are printed when they change: once, until fixed, however many rebuilds
      // they stop (one save can reach the watcher as two changes on a busy machine).
      const text = loaded.problems.length ? formatProblems(loaded.problems) : "";
      if (text && text !== printed) print.error(text);
      printed = text;
      if (!loaded.catalogue) {
        const errors = loaded.problems.filter((p) => p.severity === "error");
        fail("The site was not rebuilt: fix the content", errors.map(problemLine));
        return report("failed", 0, errors.map(problemLine).join("\n"));
      }
      lastVersions = loaded.versions;
      if (!change.fresh && !before && sameVersions(versions, loaded.versions)) {
        return report("unchanged", 0);
      }
      let pages = 0;
      if (change.fresh) {
        const result = await runBuild(config, { root, output: requested, env }, { build, loaded });
        pages = result.stats?.pages ?? 0;
        lastCatalogue = result.catalogue;
      } else {
        build.useCatalogue(loaded.catalogue);
        const lock = await acquireBuildLock(output, (pid) =>
          print.log(`preview: waiting for the build in process ${pid} to finish`),
        );
        try {
          // The edited item's page and the listings first, shown at once; then the rest.
          for (const pass of ["first", "rest"] as const) {
            onlyPass(pass);
            // Set up again for each pass, the first rebuild's too: the set-up made for the dev
            // server before any rebuild rendered the page of every item in that rebuild.
            if (eleventyReady) await eleventy.restart();
            await eleventy.init();
            eleventyReady = true;
            build.pass = pass;
            session.pagesReady = (written) => {
              // Every tab shows the error page until the site is rebuilt: each reloads.
              const pages = failure ? undefined : written;
              failure = undefined;
              if (pass !== "rest") {
                // The pages this reload reaches must be listening again for the next, and
                // are drawn by then: a page's reload script, a module, runs once its
                // stylesheets are in, which the next pass would otherwise hold up.
                afterFirst = reconnected(reload(pages));
              } else {
                served = afterFirst.then(() => reloadNow(pages));
              }
            };
            await eleventy.write();
            if (pass === "first") shownFirst = build.stats.pages ?? 0;
            // The reloaded pages are drawn before the next pass holds this thread, which
            // also serves them (Eleventy's rendering seldom lets Node's event loop serve).
            if (pass === "first") await afterFirst;
          }
          pages = build.stats.pages ?? 0;
          readdressed = build.runPlan?.readdress()?.urls.length ?? 0;
        } finally {
          build.pass = undefined;
          onlyPass(undefined);
          session.pagesReady = () => {};
          build.progress.end();
          await lock.release().catch(() => {});
        }
      }
      failure = undefined;
      const shown = served ?? reloadNow();
      // Pages shown: the calendars and the search index may now be written. They run on
      // this process's thread, which also serves the reloaded pages: they wait for those.
      void shown.then(() => session.beginDeferred());
      return report(change.fresh ? "built" : "rebuilt", pages);
    } catch (error) {
      // A run that stopped midway leaves no trusted state: the next one starts afresh when
      // this one was a complete build (its folder was never swapped in).
      if (change.fresh) session.renderAllNext();
      const lines = describeFailure(error, held);
      for (const line of lines.printed) print.error(line);
      fail(lines.title, lines.shown);
      return report("failed", 0, lines.shown.join("\n"));
    }
  }
  let lastVersions: Map<string, string> | undefined;
  /** The problems last printed. */
  let printed = "";
  let lastCatalogue: Catalogue | undefined;

  function fail(title: string, lines: string[]): void {
    failure = { title, lines };
    reload();
  }

  function schedule(file: string, kind: "content" | "fresh" | "layout"): void {
    if (closed) return;
    lastChange = performance.now();
    pending ??= { files: new Set(), fresh: false, forget: false };
    pending.files.add(file);
    if (kind !== "content") pending.fresh = true;
    if (kind === "layout") pending.forget = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      loop ??= drain().finally(() => (loop = undefined));
    }, DEBOUNCE_MS);
  }

  async function drain(): Promise<void> {
    while (pending && !closed) {
      const change = pending;
      pending = undefined;
      const report = await runOnce(change);
      runs.push(report);
      if ((report.kind === "rebuilt" || report.kind === "built") && runs.length > 1) {
        const what = report.files.length
          ? `${report.files[0]}${report.files.length > 1 ? ` and ${report.files.length - 1} more` : ""}: `
          : "";
        print.log(
          `${what}${report.kind} ${report.pages} pages in ${(report.ms / 1000).toFixed(2)} s`,
        );
      }
      for (const resolve of waiting.splice(0)) resolve(report);
    }
  }

  // Watching starts first: a save during the first build makes a rebuild after it.
  const watchers = startWatching(root, (file, kind) => schedule(file, kind));
  await watchers.ready;
  // The first run: a complete build.
  pending = { files: new Set(), fresh: true, forget: true };
  await (loop = drain().finally(() => (loop = undefined)));
  const first = runs[0]!;
  if (first.kind === "built" && lastCatalogue) {
    const c = lastCatalogue;
    print.log(
      `Built ${catalogueSummary(c)} into ${requested} in ${(first.ms / 1000).toFixed(1)} s`,
    );
  }

  if (!eleventyReady) {
    await eleventy.init();
    eleventyReady = true;
  }
  await eleventy.serve(options.port ?? 8080);
  if (!server) throw new Error("[almanac/preview] the dev server did not start");
  const url = server.getServerUrl("localhost");
  print.log(
    `Preview at ${url} (Ctrl-C stops it). Rebuilds on every save; calendars and search follow.`,
  );

  const midnight = setInterval(() => {
    if (!fixedNow && newDay(session, zone)) schedule("(a new day)", "fresh");
  }, 60_000);
  midnight.unref();

  return {
    url,
    output,
    runs,
    nextRun: () => new Promise((resolve) => waiting.push(resolve)),
    async settled() {
      // Quiet for a while (the file system reports a change a little after it is made),
      // nothing due or running, the calendars and index written.
      for (;;) {
        await sleep(QUIET_MS);
        if (loop) await loop;
        await session.settled();
        if (!loop && !pending && performance.now() - lastChange >= QUIET_MS) return;
      }
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(midnight);
      watchers.close();
      // What is under way stops at its next step; the search indexer, should it be gone
      // (Ctrl-C reaches every process of the terminal), never answers: not waited for long.
      session.deferredStop?.abort();
      await Promise.race([Promise.all([loop, session.settled()]), sleep(CLOSE_WAIT_MS)]);
      await (eleventy as unknown as { stopWatch(): Promise<void> }).stopWatch();
    },
  };
}

/**
 * Returns a function that leaves only the templates of one pass of a rebuild in place to
 * the next `init()` of Eleventy (undefined: every template), through the documented
 * `eleventyConfig.ignores`, which Eleventy reads again on each `init()`.
 */
function passTemplates(
  eleventyConfig: UserConfig,
  input: string,
): (pass: RebuildPass | undefined) => void {
  const glob = (name: string) =>
    path.relative(process.cwd(), path.join(input, name)).split(path.sep).join("/");
  const first = new Set<string>(FIRST_PASS_TEMPLATES);
  const all = readdirSync(input).filter((name) => name.endsWith(".njk"));
  const ignored = {
    first: all.filter((name) => !first.has(name)).map(glob),
    rest: all.filter((name) => first.has(name)).map(glob),
  };
  return (pass) => {
    for (const name of [...ignored.first, ...ignored.rest]) eleventyConfig.ignores.delete(name);
    if (pass) for (const name of ignored[pass]) eleventyConfig.ignores.add(name);
  };
}

/** The library-zone date moved on since the session's "now" was read. */
function newDay(session: PreviewSession, zone: string | undefined): boolean {
  if (!zone || !session.now) return false;
  return DateTime.now().setZone(zone).toISODate() !== session.now.setZone(zone).toISODate();
}

function sameVersions(a: Map<string, string> | undefined, b: Map<string, string> | undefined) {
  if (!a || !b || a.size !== b.size) return false;
  for (const [file, version] of a) if (b.get(file) !== version) return false;
  return true;
}
