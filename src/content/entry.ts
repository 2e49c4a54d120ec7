// What the loader knows about each content file while it checks the content set, and the
// report its problems go to: shared by the steps of src/content/catalogue.ts.
import type { Problem } from "./model.ts";
import type { LineIndex } from "./front-matter.ts";

export const LIBRARY_FILE = "_data/library.yaml";

/** Everything known about one content file after validation. */
export interface Entry<T> {
  id: string;
  file: string;
  lines: LineIndex;
  /** Raw front matter (for cross-checks even when the schema failed). */
  raw: Record<string, unknown>;
  /** Validated front matter; undefined when the schema failed. */
  data?: T;
  body: string;
  /** The front matter could be read (so cross-checks make sense). */
  readable: boolean;
  /** Any error in this file. */
  failed: boolean;
}

/** Collects problems; `failed` is set on the entry so a bad file is not published half-checked. */
export class Report {
  readonly problems: Problem[] = [];

  error(file: string, line: number, field: string, message: string): void {
    this.problems.push({ severity: "error", file, line, field, message });
  }

  warning(file: string, line: number, field: string, message: string): void {
    this.problems.push({ severity: "warning", file, line, field, message });
  }
}
