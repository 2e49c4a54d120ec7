// The site's machine-readable files, written straight to the output folder rather than
// rendered as Eleventy templates: `/programs/<id>.ics` for every program, `/calendar.ics`,
// `/audiences|categories|locations/<id>/calendar.ics` for every id the library lists (with
// or without programs, so a subscribed URL keeps answering), and `/programs.json`; on a site
// in several languages, the same again under `/<code>/` for each other one.
//
// Why not templates: they are most of a large site's files, and Eleventy keeps every page it
// renders in memory until the build ends. Here each file is
// generated piece by piece as it is written, with a few writes in flight, so memory does not
// grow with the catalogue; and one `IcsWriter` shares the work the calendars have in common.
import { mkdir, open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { Catalogue } from "../content/model.ts";
import { IcsWriter } from "./ics.ts";
import type { IcsLanguage } from "./ics-vevent.ts";
import { calendarSelection, type CalendarKind } from "./routes.ts";
import { programsJsonChunks } from "./programs-json.ts";

/** One file to write: its site path and its content, produced in pieces when asked. */
export interface DataFile {
  /** Site path, e.g. `/programs/story-time.ics`. */
  url: string;
  /**
   * The file's content in order, as text or as UTF-8 bytes (calendars reuse the bytes of
   * a VEVENT in every file that holds it); the pieces are generated as they are read.
   */
  chunks: () => Iterable<string | Uint8Array>;
}

export interface DataFilesReport {
  files: number;
  /** UTF-8 bytes written. */
  bytes: number;
}

export interface WriteDataFilesOptions {
  /** Files written at once. Default 8: enough to keep the disk busy, each holds one piece. */
  concurrency?: number;
  /**
   * The programs whose own calendar (`/programs/<id>.ics`) is written. Default: every one.
   * An `npm start` rebuild writes those that changed; the other files hold every program
   * and are always written.
   */
  programs?: ReadonlySet<string>;
  /** Stops writing (between files) when aborted: a newer rebuild writes them again. */
  signal?: AbortSignal;
  /**
   * When `catalogue` is the site in another of `site_languages` (src/site/languages.ts):
   * its prefix (`/es`), under which every file is written (`/es/programs/<id>.ics`,
   * `/es/programs.json`) and whose pages they link to, and the words its calendars add.
   * Default: the first language's, at the root.
   */
  language?: IcsLanguage;
}

/** Site path of a program's own calendar. */
export function programCalendarUrl(id: string): string {
  return `/programs/${id}.ics`;
}

const KINDS: CalendarKind[] = ["audiences", "categories", "locations"];

/** Pieces are joined up to this many characters before a write (fewer, larger writes). */
const WRITE_SIZE = 256 * 1024;

/**
 * Every data file of the catalogue, lazily: nothing is generated until a file's `chunks`
 * are read. `writer` shares work between the calendars; pass one per catalogue (made with
 * the same `language`). `language`: see `WriteDataFilesOptions.language`.
 */
export function* dataFiles(
  catalogue: Catalogue,
  writer?: IcsWriter,
  programs?: ReadonlySet<string>,
  language: IcsLanguage = {},
): Generator<DataFile> {
  const prefix = language.prefix ?? "";
  const ics = writer ?? new IcsWriter(catalogue, language);
  yield { url: `${prefix}/programs.json`, chunks: () => programsJsonChunks(catalogue, prefix) };
  const all = calendarSelection(catalogue);
  yield { url: `${prefix}/calendar.ics`, chunks: () => ics.calendarBytes(all.programs, all) };
  for (const kind of KINDS) {
    for (const { id } of catalogue.library[kind]) {
      yield {
        url: `${prefix}/${kind}/${id}/calendar.ics`,
        chunks: () => {
          const selection = calendarSelection(catalogue, kind, id);
          return ics.calendarBytes(selection.programs, selection);
        },
      };
    }
  }
  for (const program of catalogue.programs) {
    if (programs && !programs.has(program.id)) continue;
    yield {
      url: prefix + programCalendarUrl(program.id),
      chunks: () => ics.programBytes(program),
    };
  }
}

/**
 * Writes every data file of `catalogue` under `outputDir` (see `dataFiles`), at most
 * `concurrency` at once, each in pieces of about 256 KB, and resolves when all are on disk.
 * Two files with the same path are an error (as duplicate permalinks are in Eleventy), not
 * a race between two writes.
 */
export async function writeDataFiles(
  catalogue: Catalogue,
  outputDir: string,
  options: WriteDataFilesOptions = {},
): Promise<DataFilesReport> {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const files = dataFiles(catalogue, undefined, options.programs, options.language);
  const seen = new Set<string>();
  const folders = new Map<string, Promise<unknown>>();
  const report: DataFilesReport = { files: 0, bytes: 0 };
  let failed = false;

  async function writeOne(file: DataFile): Promise<void> {
    const target = path.join(outputDir, ...file.url.split("/").filter(Boolean));
    const folder = path.dirname(target);
    let made = folders.get(folder);
    if (!made) folders.set(folder, (made = mkdir(folder, { recursive: true })));
    await made;
    const handle = await open(target, "w");
    try {
      // Text is gathered and encoded in pieces of WRITE_SIZE; bytes are written as they are.
      let text = "";
      let parts: Uint8Array[] = [];
      let size = 0;
      const flushText = () => {
        if (!text) return;
        const bytes = Buffer.from(text, "utf8");
        parts.push(bytes);
        size += bytes.length;
        text = "";
      };
      const flush = async () => {
        flushText();
        if (!size) return;
        const written = await writeAll(handle, parts, size);
        report.bytes += written;
        parts = [];
        size = 0;
      };
      for (const chunk of file.chunks()) {
        if (typeof chunk === "string") {
          text += chunk;
          if (text.length >= WRITE_SIZE) flushText();
        } else {
          flushText();
          parts.push(chunk);
          size += chunk.length;
        }
        if (size >= WRITE_SIZE) await flush();
      }
      await flush();
    } finally {
      await handle.close();
    }
    report.files++;
  }

  async function worker(): Promise<void> {
    for (;;) {
      if (failed || options.signal?.aborted) return;
      const next = files.next();
      if (next.done) return;
      try {
        const file = next.value;
        if (seen.has(file.url))
          throw new Error(
            `[almanac/feeds] two data files would be written to ${file.url}: program, audience, category and location ids must be unique`,
          );
        seen.add(file.url);
        await writeOne(file);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  return report;
}

/**
 * Writes `parts` (`size` bytes in all) at the handle's position with one `writev`, and
 * finishes with plain writes should the system write fewer bytes. Returns `size`.
 */
async function writeAll(handle: FileHandle, parts: Uint8Array[], size: number): Promise<number> {
  const { bytesWritten } = await handle.writev(parts);
  if (bytesWritten < size) {
    const rest = Buffer.concat(parts).subarray(bytesWritten);
    let offset = 0;
    while (offset < rest.length) {
      const { bytesWritten: n } = await handle.write(rest, offset, rest.length - offset);
      offset += n;
    }
  }
  return size;
}
