// One complete build: validate the content, render with Eleventy into a temporary folder
// beside the output, then swap it in. A failed, refused or interrupted build leaves the
// previous site as it was and nothing of its own behind.
//
// The order matters: the output folder is checked before anything is written (never the
// library's folder, never someone's files: src/build/output-folder.ts); the content is loaded;
// then, holding the output's lock (src/build/build-lock.ts), leftovers of killed builds are
// removed, the site is rendered into `<output>.staging-<pid>` and swapped in with two
// renames back to back. Ctrl-C, SIGTERM and SIGHUP remove the staging folder and release the
// lock before the process ends as the signal would have ended it.
import { existsSync, renameSync, rmSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { DateTime } from "luxon";
import type { LoadResult } from "../content/catalogue.ts";
import { Build, type BuildStats } from "./context.ts";
import type { Progress } from "./progress.ts";
import { acquireBuildLock } from "./build-lock.ts";
import { withSmallHeapGrowth } from "./memory.ts";
import { BuildStopped, findContentError, templateErrorLine } from "./errors.ts";
import type { Catalogue, Problem } from "../content/model.ts";
import {
  checkOutputFolder,
  errorCode,
  folderProblem,
  OutputError,
  removeStaleSiblings,
  writeMarker,
} from "./output-folder.ts";

/** The Almanac installation: layouts, plugins and config live here. */
export const APP_DIR = path.resolve(import.meta.dirname, "..", "..");

/**
 * What renders the site: Almanac's Eleventy configuration (`eleventy.config.ts`), with its
 * folders. Handed in by the caller (`almanac.ts`), so nothing in `src/` imports the
 * configuration or the plugins it lists.
 */
export interface SiteConfig {
  /** The configuration function, given this build. */
  configure: (eleventyConfig: UserConfig, options: { build: Build }) => void | Promise<void>;
  /** Folders relative to Almanac's folder: templates, includes, layouts; template formats. */
  dir: { input: string; includes: string; layouts: string };
  templateFormats: string[];
}

export interface BuildOptions {
  /** Folder with the library's `content/` and `_data/library.yaml`. Default: the current folder. */
  root?: string;
  /**
   * Output folder. Default: `<root>/_site`. It must be missing, empty, or a previous build
   * (anything else throws an `OutputError`); a symlink stays a symlink, its target replaced.
   */
  output?: string;
  /** Overrides `ALMANAC_NOW` and the clock. */
  now?: DateTime;
  env?: NodeJS.ProcessEnv;
  /** Where the phases of the build are reported (`--progress`). Default: nowhere. */
  progress?: Progress;
}

/**
 * A build that is one run of a longer session (`npm start`, src/build/preview.ts): its
 * `Build`, and the content it already loaded and checked.
 */
export interface SessionRun {
  build: Build;
  loaded: LoadResult;
}

export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  catalogue?: Catalogue;
  output: string;
  /** What the build's steps did (`images`, `dataFiles`, `precache`), when it succeeded. */
  stats?: BuildStats;
}

/** One build of the library at `options.root` with `config` (see `almanac.ts`'s `buildSite`). */
export async function runBuild(
  config: SiteConfig,
  options: BuildOptions = {},
  session?: SessionRun,
): Promise<BuildResult> {
  // A heap that grows by half, not up to four times, what stays alive (src/build/memory.ts).
  return withSmallHeapGrowth(() => buildInStaging(config, options, session));
}

async function buildInStaging(
  config: SiteConfig,
  options: BuildOptions,
  session: SessionRun | undefined,
): Promise<BuildResult> {
  const root = path.resolve(options.root ?? process.cwd());
  const output = path.resolve(options.output ?? path.join(root, "_site"));
  const guard = outputGuard(root, output);
  // Where the site really goes: `output`, or a symlink's target.
  const target = await checkOutputFolder(guard);
  const build =
    session?.build ??
    new Build({ root, env: options.env, now: options.now, progress: options.progress });
  const { catalogue, problems } = session?.loaded ?? (await build.load());
  if (!catalogue) {
    build.progress.end();
    return { ok: false, problems, output };
  }
  build.useCatalogue(catalogue);

  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true }).catch(rethrowAs(parent));
  const lock = await acquireBuildLock(target, (pid) =>
    console.error(`build: waiting for the build in process ${pid} to finish (${target}.lock)`),
  ).catch(rethrowAs(parent));

  const staging = `${target}.staging-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  // What this build made and must remove if it stops: nothing until it is made.
  const mine = { staging: false, old: false };
  // Eleventy writes a paginated template's pages while it renders the next one, so a failed
  // write (a full disk) rejects before anyone listens and Node would end the process there,
  // with the staging folder and the lock left behind. Such a rejection fails the build
  // instead, unless it is handled later after all.
  const strays = new Map<Promise<unknown>, unknown>();
  const onStray = (reason: unknown, promise: Promise<unknown>) => void strays.set(promise, reason);
  const onHandled = (promise: Promise<unknown>) => void strays.delete(promise);
  process.on("unhandledRejection", onStray);
  process.on("rejectionHandled", onHandled);
  const stopWatching = onStopSignals(() => {
    // The build's own writes go on in libuv's threads while this runs (images, social
    // cards), so a folder can gain a file while it is being removed (ENOTEMPTY): try again,
    // and release the lock whatever happens (a loaded clean-clone run once left both
    // behind after SIGINT, most likely so: the removal threw before the lock was released).
    try {
      if (mine.staging) rmSync(staging, { recursive: true, force: true, maxRetries: 10 });
      if (mine.old) rmSync(old, { recursive: true, force: true, maxRetries: 10 });
    } finally {
      lock.releaseSync();
    }
  });
  try {
    await removeStaleSiblings(target);
    // Anything may have changed while this build waited for the lock.
    await checkOutputFolder(guard);
    await mkdir(staging).catch((error: unknown) => {
      if (errorCode(error) === "EEXIST") {
        throw new OutputError(
          `${staging} is in the way: it is not a folder this build can tell is its own; move it away and build again`,
        );
      }
      return rethrowAs(parent)(error);
    });
    mine.staging = true;
    // Marked from the start, so that should this process be killed the next build knows
    // the folder for its own.
    await writeMarker(staging, catalogue.now.toISO()!);
    await untilSettledOrStalled(render(config, staging, build));
    for (const reason of strays.values()) throw reason;
    if ((await checkOutputFolder(guard)) !== target) {
      throw new OutputError(`the output folder ${output} was pointed elsewhere during the build`);
    }
    await lock.confirm();
    swapInto(staging, target, old, mine);
    await rm(old, { recursive: true, force: true }).catch((error: unknown) => {
      console.error(
        `build: could not remove ${old} (${(error as Error).message}); the next build will`,
      );
    });
    mine.old = false;
  } catch (error) {
    // Pagefind indexes while pages render; a build that stopped midway stops it too.
    await build.abort().catch(() => {});
    if (mine.staging) await removeStaging(staging);
    throw error;
  } finally {
    build.progress.end();
    process.off("unhandledRejection", onStray);
    process.off("rejectionHandled", onHandled);
    stopWatching();
    // A lock left behind is taken over by the next build: not worth failing this one for.
    await lock.release().catch(() => {});
  }
  return { ok: true, problems, catalogue, output, stats: build.stats };
}

/** What the output folder is checked against (src/build/output-folder.ts). */
export function outputGuard(root: string, output: string) {
  return {
    requested: output,
    root,
    reserved: [{ folder: path.join(APP_DIR, "layouts"), what: "Almanac's layouts/ folder" }],
  };
}

/** Staging folders of failed builds, removed once more as the process ends. */
const failedStaging = new Set<string>();

/**
 * Removes a failed build's staging folder. When a write fails, the rest of the build does not
 * stop at once: other pages, images and calendars still being written land in the folder
 * while it is removed (ENOTEMPTY), or make it anew after. So: removal with retries, then
 * again until it stays gone for a moment, and a last time when the process ends, after
 * which nothing can write. Never throws: the build's own error is what counts.
 */
async function removeStaging(dir: string): Promise<void> {
  if (failedStaging.size === 0) process.once("exit", removeFailedStaging);
  failedStaging.add(dir);
  for (let quiet = 0, tries = 0; quiet < 3 && tries < 50; tries++) {
    if (existsSync(dir)) {
      quiet = 0;
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 }).catch(
        () => {},
      );
    } else quiet++;
    await sleep(50);
  }
}

function removeFailedStaging(): void {
  for (const dir of failedStaging) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    } catch {
      // Left for the next build, which removes staging folders of ended processes.
    }
  }
  failedStaging.clear();
}

/**
 * Renders the site into `dir`. Eleventy prints a failure itself, stack trace and all,
 * before throwing it: what it prints is held back until it is done, and after a failure
 * printed only for an error that is not one of ours or of the file system (those the CLI
 * reports in one line).
 */
async function render(config: SiteConfig, dir: string, build: Build): Promise<void> {
  const eleventy = createEleventy(config, dir, build);
  const held: [keyof typeof print, string][] = [];
  const print = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const hold = (type: keyof typeof print) => (message: string) => void held.push([type, message]);
  (
    eleventy as unknown as { logger: { overrideLogger(logger: Partial<Console>): void } }
  ).logger.overrideLogger({
    log: hold("log"),
    info: hold("info"),
    warn: hold("warn"),
    error: hold("error"),
  });
  const flush = () => held.forEach(([type, message]) => print[type](message));
  try {
    await eleventy.write();
  } catch (error) {
    // Eleventy's own account of a content or layout mistake is a stack trace: the command
    // prints those in one line instead.
    const oneLine = findContentError(error) || templateErrorLine(error);
    if (!(error instanceof OutputError) && !errorCode(innermost(error)) && !oneLine) flush();
    throw error;
  }
  // A preview prints its own line for each build.
  if (!build.preview) flush();
}

/**
 * An Eleventy for `build` with Almanac's configuration, writing into `dir`. The config is
 * handed over as a callback (no config file), so a build works wherever this module runs:
 * under tsx, in vitest, in the benchmark, from a bundle. `more` adds to the configuration
 * (the preview's server options).
 */
export function createEleventy(
  config: SiteConfig,
  dir: string,
  build: Build,
  more?: (eleventyConfig: UserConfig) => void,
): Eleventy {
  return new Eleventy(path.join(APP_DIR, config.dir.input), dir, {
    configPath: false as unknown as string,
    quietMode: true,
    config: async (eleventyConfig: UserConfig) => {
      eleventyConfig.setIncludesDirectory(config.dir.includes);
      eleventyConfig.setLayoutsDirectory(config.dir.layouts);
      eleventyConfig.setTemplateFormats(config.templateFormats);
      await config.configure(eleventyConfig, { build });
      more?.(eleventyConfig);
    },
  });
}

/**
 * `work`, or a `BuildStopped` when Node finds nothing left to do while it is still pending:
 * it waits for something that can no longer happen. Pagefind's wrapper is one such case:
 * should its indexer process die (a full disk makes it panic), the wrapper never answers,
 * and Node would end the build mid-way, leaving the staging folder and the lock behind.
 */
async function untilSettledOrStalled<T>(work: Promise<T>): Promise<T> {
  let onIdle = (): void => {};
  const stalled = new Promise<never>((_, reject) => {
    onIdle = () =>
      reject(
        new BuildStopped(
          "the build stopped halfway: a step waited for an answer that never came (most likely the search indexer, Pagefind, ended: see its message above); the previous site was left as it was",
        ),
      );
  });
  process.once("beforeExit", onIdle);
  // Should it settle after all once the race is lost, its error is not this build's.
  void work.catch(() => {});
  try {
    return await Promise.race([work, stalled]);
  } finally {
    process.off("beforeExit", onIdle);
  }
}

/** The error at the end of Eleventy's chain of wrapped errors. */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    const next =
      (current as { originalError?: unknown }).originalError ??
      (current as { cause?: unknown }).cause;
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * Puts `staging` in the place of `output` with two renames, synchronous and back to back so
 * nothing else in this process runs between them: the moment with no site at all lasts
 * two system calls. (Linux's renameat2(RENAME_EXCHANGE) would make it none, but Node has no
 * binding for it.) Should the second rename fail, the first is undone.
 */
function swapInto(
  staging: string,
  output: string,
  old: string,
  mine: { staging: boolean; old: boolean },
): void {
  let moved = false;
  try {
    renameSync(output, old);
    moved = true;
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw swapProblem(error, output);
  }
  mine.old = moved;
  try {
    renameSync(staging, output);
  } catch (error) {
    if (moved) {
      renameSync(old, output);
      mine.old = false;
    }
    throw swapProblem(error, output);
  }
  mine.staging = false;
}

function swapProblem(error: unknown, output: string): unknown {
  const code = errorCode(error);
  if (code === "EBUSY" || code === "EXDEV") {
    return new OutputError(
      `could not swap the new site into ${output} (${code}): is it a mount point, or in use by another program? The previous site was left as it was`,
    );
  }
  return folderProblem(error, path.dirname(output)) ?? error;
}

/** Turns a file-system error on the output's parent folder into a sentence for staff. */
function rethrowAs(dir: string): (error: unknown) => never {
  return (error) => {
    throw folderProblem(error, dir) ?? error;
  };
}

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs `cleanUp` when the process is told to stop, then ends it with that signal (exit
 * status 128 + its number, as the shell expects) unless someone else listens for it too (a
 * test runner): then ending the process is theirs to do. Returns the function that stops
 * watching.
 */
function onStopSignals(cleanUp: () => void): () => void {
  const listener = (signal: NodeJS.Signals) => {
    stop();
    try {
      cleanUp();
    } finally {
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    }
  };
  const stop = () => {
    for (const signal of STOP_SIGNALS) process.off(signal, listener);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, listener);
  return stop;
}
