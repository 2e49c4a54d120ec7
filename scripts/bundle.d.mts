/** The Almanac installation folder (the repository root). */
export const APP_DIR: string;
/** Path of the cached esbuild bundle of `entry` (relative to the repository), rebuilt when stale. */
export function bundleEntry(entry: string): Promise<string>;
