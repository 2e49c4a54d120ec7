// One temp folder for the whole run: every test's sites, builds and browsers go under it
// (`os.tmpdir()` reads TMPDIR, which the workers inherit), and it is removed when the run
// ends, so `npm test` leaves nothing behind in the system's temp folder (a full run writes
// about 2 GB of throw-away libraries and builds). ALMANAC_KEEP_TEST_TMP=1 keeps it, and
// says where, for looking at what a test built.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), "almanac-test-"));
  process.env.TMPDIR = root;
  return () => {
    if (process.env.ALMANAC_KEEP_TEST_TMP) {
      console.log(`test files kept in ${root}`);
      return;
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
