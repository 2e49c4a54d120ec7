// `node scripts/cli.mjs <command>`: the same as `almanac <command>` (bin/almanac.mjs), under the
// name this repository's npm scripts and tests have always used.
import "../bin/almanac.mjs";
