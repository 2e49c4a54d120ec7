// `almanac init DIR [--almanac SPEC]`: writes a new library's repository into DIR (see
// src/staff/init.ts), pinning the Almanac that runs it (`npx github:owner/almanac#v0.2.0 init
// my-library` pins that tag) or the one --almanac names, then says what to do next.
import path from "node:path";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { InitError, initLibrary, installedSpec } from "../src/staff/init.ts";

const APP_DIR = path.resolve(import.meta.dirname, "..");
const USAGE = `usage: almanac init DIR [--almanac SPEC]
  SPEC says where the library installs Almanac from: a version (0.2.0), a git tag
  (github:owner/almanac#v0.2.0) or a tarball URL. Default: where this Almanac came from.`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { almanac: { type: "string" } } });
  } catch (error) {
    console.error(`init: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    console.error(
      `init: ${positionals.length ? "give one folder" : "say which folder to create"}\n${USAGE}`,
    );
    return 2;
  }
  const dir = path.resolve(positionals[0]!);
  const { version } = JSON.parse(readFileSync(path.join(APP_DIR, "package.json"), "utf8"));
  const almanac = values.almanac ?? (await installedSpec(APP_DIR, version));
  if (!almanac) {
    console.error(
      "init: say where the library installs Almanac from with --almanac, e.g. " +
        `--almanac github:owner/almanac#v${version}\n${USAGE}`,
    );
    return 2;
  }
  try {
    const files = await initLibrary({ dir, almanac, appDir: APP_DIR });
    const relative = path.relative(process.cwd(), dir);
    const shown = relative.startsWith("..") || path.isAbsolute(relative) ? dir : relative || ".";
    console.log(`Wrote ${files.length} files into ${shown} (Almanac ${almanac}). Next:

  cd ${shown}
  npm install      installs Almanac; commit package-lock.json with the rest
  npm start        the demo library at http://localhost:8080/ (Ctrl-C stops it)

Then replace the demo in content/ and _data/library.yaml with your library's, run
npm run check, and push to GitHub: node_modules/almanac/docs/deploy.md says how to publish.`);
    return 0;
  } catch (error) {
    if (error instanceof InitError) {
      console.error(`init: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`init: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
