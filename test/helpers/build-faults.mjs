// Preloaded into a build under test (`node --import ./test/helpers/build-faults.mjs
// scripts/cli.mjs build ...`) to put it in the states the build-safety tests need, at a
// known moment instead of by timing. Only writes into a build's staging folder count.
//
//   ALMANAC_FAULT_FULL_AFTER=N     after N writes, every write throws ENOSPC (a full disk)
//   ALMANAC_FAULT_HANG_AT=N        the Nth write never finishes (a build killed mid-way);
//                                  prints "fault: hanging" to stderr when it starts
//   ALMANAC_FAULT_SWAP_PAUSE=FILE  pauses between the swap's two renames (the moment with no
//                                  site) until FILE exists (two minutes at most); prints
//                                  "fault: between renames"
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const fullAfter = Number(process.env.ALMANAC_FAULT_FULL_AFTER ?? Infinity);
const hangAt = Number(process.env.ALMANAC_FAULT_HANG_AT ?? Infinity);
const swapPause = process.env.ALMANAC_FAULT_SWAP_PAUSE;

let writes = 0;
/** "full", "hang" or undefined for a write into `file`. */
function fault(file) {
  if (!String(file).includes(".staging-")) return undefined;
  writes++;
  if (writes === hangAt) return "hang";
  return writes > fullAfter ? "full" : undefined;
}

function enospc() {
  return Object.assign(new Error("ENOSPC: no space left on device, write"), {
    code: "ENOSPC",
    errno: -28,
    syscall: "write",
  });
}

function hang() {
  process.stderr.write("fault: hanging\n");
  // Pending for ten minutes, keeping the process alive: a build stuck mid-way.
  return new Promise((resolve) => setTimeout(resolve, 600_000));
}

const { writeFileSync, renameSync } = fs;
const { writeFile, rename } = fs.promises;

fs.writeFileSync = function (file, ...rest) {
  if (fault(file) === "full") throw enospc();
  return writeFileSync.call(this, file, ...rest);
};
fs.promises.writeFile = async function (file, ...rest) {
  const f = fault(file);
  if (f === "full") throw enospc();
  if (f === "hang") await hang();
  return writeFile.call(this, file, ...rest);
};

const aside = (to) => swapPause && /\.old-\d+$/.test(String(to));
const cell = new Int32Array(new SharedArrayBuffer(4));
fs.renameSync = function (from, to) {
  const result = renameSync.call(this, from, to);
  if (aside(to)) {
    process.stderr.write("fault: between renames\n");
    // Blocks the whole process, as the real renames do: nothing of the build runs meanwhile.
    for (let i = 0; i < 6000 && !fs.existsSync(swapPause); i++) Atomics.wait(cell, 0, 0, 20);
  }
  return result;
};
fs.promises.rename = async function (from, to) {
  const result = await rename.call(this, from, to);
  if (aside(to)) {
    process.stderr.write("fault: between renames\n");
    for (let i = 0; i < 6000 && !fs.existsSync(swapPause); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return result;
};

syncBuiltinESMExports();
