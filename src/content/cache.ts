// What `loadCatalogue` keeps between loads of one library, so that `npm start` re-reads and
// re-checks only what changed. A build loads once and needs none of it.
//
// Three layers, each keyed by what its result depends on:
// - texts: a file's text, by its path and what `stat` says of it (device, inode, size,
//   modification and change times): an unchanged file is not opened again;
// - entries: a file checked against its schema (`loadEntry`), by its kind and exact text;
// - schedules: a program's expanded schedule, by its schedule fields, its location's closed
//   days and the horizon (the library's text besides: a new library.yaml clears them).
// Everything that looks across files (ids, closed days, images, publishing, the links of
// `assemble`) runs on every load, over the cached entries: a deleted partner still makes the
// programs that name it fail, though their files were not read again.
import { createHash } from "node:crypto";
import type { Problem } from "./model.ts";
import type { Entry } from "./entry.ts";
import type { LoadedLibrary } from "./library.ts";
import type { ScheduleResult } from "../schedule/schedule.ts";
import type { ScheduleProblem } from "../schedule/check.ts";

/** A file's text as read, with the problems reading it gave (not UTF-8). */
export interface CachedText {
  /** `stat` identity the text was read at. */
  key: string;
  text: string;
  problems: Problem[];
  /** A short hash of the text: the file's version, for the preview's page plan. */
  version: string;
}

export interface CachedEntry {
  kind: string;
  text: string;
  /** The entry as `loadEntry` left it, before any cross-file check marked it failed. */
  entry: Entry<unknown>;
  problems: Problem[];
}

export interface LoadStats {
  /** Content files (and library.yaml) read from disk, because new or changed. */
  read: number;
  /** Content files parsed and checked against their schema. */
  parsed: number;
  /** Program schedules expanded. */
  expanded: number;
}

export class ContentCache {
  /** By absolute path. */
  readonly texts = new Map<string, CachedText>();
  /** By file, relative to the root (`content/programs/x.md`). */
  readonly entries = new Map<string, CachedEntry>();
  /** By file, with the key the schedule was expanded for. */
  readonly schedules = new Map<string, { key: string; result: ScheduleResult }>();
  /** The library text the schedules were expanded with. */
  scheduleLibrary?: string;
  /** Schedule checks by file, with the schedule and zone they checked. */
  readonly scheduleChecks = new Map<string, { key: string; problems: ScheduleProblem[] }>();
  /** `_data/library.yaml` as last loaded: its text, the result and its problems. */
  library?: { text: string | undefined; loaded: LoadedLibrary; problems: Problem[] };
  /** What the last load did anew. */
  stats: LoadStats = { read: 0, parsed: 0, expanded: 0 };
}

/** A short, stable hash of a text (16 hex digits of SHA-1): enough to tell versions apart. */
export function textVersion(text: string): string {
  return createHash("sha1").update(text).digest("hex").slice(0, 16);
}
