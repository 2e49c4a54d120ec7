// What a preview run (`npm start`, src/build/preview.ts) writes once Eleventy has rendered
// its pages, in place of a build's `OUTPUT_STAGES` run whole: it keeps the session's record
// of every page on disk (a partial run renders only some, and the outputs that list every
// page get them all as `results`), removes the pages of items that are gone, tells the
// session which pages this pass wrote (their tabs reload), and in a rebuild in place writes
// the outputs the reloaded pages read first (`PAGE_OUTPUTS`), the others after, and starts
// the `DEFERRED_OUTPUTS` in the background once the pages are shown.
import path from "node:path";
import type { Build } from "./context.ts";
import { readdress, removeGone, type PreviewSession } from "./preview-session.ts";
import {
  DEFERRED_OUTPUTS,
  OUTPUT_STAGES,
  PAGE_OUTPUTS,
  type BuildEvent,
  type OutputStepName,
} from "./stages.ts";

/** Runs the named output steps at once (`Build`'s, in the order given). */
type RunOutputs = (stage: readonly OutputStepName[], event: BuildEvent) => Promise<void>;

/** Writes a preview run's outputs (see the header); `build.writeOutputs` calls it. */
export async function writeInPreview(
  build: Build,
  session: PreviewSession,
  event: BuildEvent,
  run: RunOutputs,
): Promise<void> {
  const rendered = event.results?.length ?? 0;
  const output = event.directories.output;
  const pagesOnDisk = session.pages;
  // A fresh run's folder holds nothing yet: what is known of the old one goes.
  if (session.fresh) pagesOnDisk.clear();
  // Gone items' pages are removed by the pass that renders the items' pages.
  const removed = build.pass === "rest" ? [] : (build.runPlan?.removed ?? []);
  const gone = removed.map((item) => {
    const written = pagesOnDisk.get(item.url)?.outputPath;
    pagesOnDisk.delete(item.url);
    return {
      ...item,
      file: typeof written === "string" ? path.join(output, written) : undefined,
    };
  });
  /** The pages this pass wrote or removed, relative to the folder: their tabs reload. */
  const written: string[] = [];
  const relative = (file: string) => path.relative(output, file).split(path.sep).join("/");
  for (const item of gone) if (item.file) written.push(relative(item.file));
  // Kept relative to the output folder: a fresh run's folder is renamed when swapped in.
  for (const result of event.results ?? []) {
    if (typeof result.url !== "string") continue;
    const outputPath =
      typeof result.outputPath === "string"
        ? path.relative(output, result.outputPath)
        : result.outputPath;
    if (typeof result.outputPath === "string") written.push(relative(result.outputPath));
    pagesOnDisk.set(result.url, { ...result, outputPath, content: undefined });
  }
  if (build.inPlace && build.pass === "first") {
    // The edited item's page and the listings are on disk, with the explorer's data they
    // name: shown now; the rest pass writes everything else.
    await run(["explorer-data"], event);
    await removeGone(output, gone, build.images);
    if (rendered || gone.length) session.pagesReady(written);
    return;
  }
  const all: BuildEvent = {
    ...event,
    results: [...pagesOnDisk.values()].map((r) => ({
      ...r,
      outputPath: typeof r.outputPath === "string" ? path.join(output, r.outputPath) : r.outputPath,
    })),
  };
  if (!build.inPlace) {
    for (const stage of OUTPUT_STAGES) await run(stage, all);
  } else {
    const change = build.runPlan?.readdress();
    if (change) {
      try {
        await readdress(output, pagesOnDisk, change);
      } catch (error) {
        session.renderAllNext();
        throw error;
      }
      for (const url of change.urls) {
        const file = pagesOnDisk.get(url)?.outputPath;
        if (typeof file === "string") written.push(file.split(path.sep).join("/"));
      }
    }
    // What the reloaded pages read first, and gone pages removed; then the browser reloads
    // while the other outputs are written.
    await run(PAGE_OUTPUTS, all);
    // The first pass removed them (and the stale cards) already.
    if (build.pass !== "rest") await removeGone(output, gone, build.images);
    session.pagesReady(written);
    for (const stage of OUTPUT_STAGES) {
      const now = stage.filter(
        (name) => !DEFERRED_OUTPUTS.includes(name) && !PAGE_OUTPUTS.includes(name),
      );
      await run(now, all);
    }
    session.startDeferred(all, {
      changed: build.runPlan?.plan?.programs,
      partial: build.partial,
      site: build.site!,
      sites: build.sites,
      write: async (event) => {
        for (const stage of OUTPUT_STAGES) {
          const later = stage.filter((name) => DEFERRED_OUTPUTS.includes(name));
          await run(later, event);
        }
      },
    });
  }
  if (session.fresh) session.calendarsDue = new Set();
  session.onDisk = build.runPlan?.next;
  // Its explorer address settled now (made already by the explorer's data step), so it
  // does not keep this run's site view alive until the next run compares with it.
  void session.onDisk?.explorer;
  session.fresh = false;
  // Rows of past dates and old versions go; those of pages not rendered this time stay.
  const site = build.site!;
  session.fragments.sweep(new Set(site.upcoming.map((l) => site.rowKey(l) ?? "")));
  session.images = build.images;
}
