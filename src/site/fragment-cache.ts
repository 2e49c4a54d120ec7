// Rendered HTML of listing rows, kept between the runs of a preview session (`npm start`).
// The listing pages (about a hundred in a large site, some of a megabyte) show each upcoming
// date of each program several times over; after one edit, all but a few rows are as
// before. A row is kept under a key naming everything it shows (the program's file version,
// the occurrence, the variant: src/site/site.ts `cacheSlot`), so a row is reused only where
// it would render the same; what every row shows besides (the library: names, labels,
// locale, zone) empties the cache when it changes (src/build/context.ts). A build has none.

export class FragmentCache {
  /** Row identity (`Site.rowKey`) -> variant (the markup and its arguments) -> HTML. */
  readonly #entries = new Map<string, Map<string, string>>();
  /**
   * What the explorer's data made of each program (src/outputs/explorer-data.ts), by
   * program id, under the keys of the program's rows it was made from. Emptied with the
   * rows, and by every complete build (a picture, the library's text: what it shows
   * besides its rows).
   */
  readonly explorer = new Map<string, { key: string; value: unknown }>();

  /** The rendering kept for `row` in `variant`, else `render()`, kept. */
  get(row: string, variant: string, render: () => string): string {
    let variants = this.#entries.get(row);
    if (!variants) this.#entries.set(row, (variants = new Map()));
    let html = variants.get(variant);
    if (html === undefined) variants.set(variant, (html = render()));
    return html;
  }

  /** Forgets every row but those in `keep` (the rows of the current catalogue). */
  sweep(keep: ReadonlySet<string>): void {
    for (const row of this.#entries.keys()) if (!keep.has(row)) this.#entries.delete(row);
  }

  clear(): void {
    this.#entries.clear();
    this.explorer.clear();
  }

  /** Rows kept. */
  get size(): number {
    return this.#entries.size;
  }
}
