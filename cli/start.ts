// `npm start [-- --port N] [-- --root DIR]` (`almanac start`): builds the site and serves it
// at http://localhost:8080/ with Eleventy's dev server, rebuilding and reloading the page on
// every save in content/ or _data/library.yaml, until Ctrl-C. Eleventy runs in Almanac's own
// folder, where its config and layouts are (under tsx: Eleventy loads eleventy.config.ts
// itself), and is told the library's folder in ALMANAC_ROOT (src/build-state.ts), so this
// works the same in this repository and in a library's, from node_modules/almanac.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

const APP_DIR = path.resolve(import.meta.dirname, "..");
const USAGE = "usage: npm start -- [--port N] [--root DIR]";

/** The folder of package `name`, as Node resolves it from Almanac's folder. */
function packageDir(name: string): string {
  let dir = path.dirname(createRequire(path.join(APP_DIR, "package.json")).resolve(name));
  for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === name) {
      return dir;
    }
  }
  throw new Error(`cannot find the folder of ${name}: run npm install`);
}

function main(): number | undefined {
  let values: { root?: string; port?: string };
  try {
    ({ values } = parseArgs({ options: { root: { type: "string" }, port: { type: "string" } } }));
  } catch (error) {
    console.error(`start: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const port = values.port;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) > 0 && Number(port) < 65536)) {
    console.error(`start: --port must be a number from 1 to 65535, not "${port}"\n${USAGE}`);
    return 2;
  }
  const root = path.resolve(values.root ?? process.cwd());
  if (!existsSync(path.join(root, "_data/library.yaml"))) {
    console.error(
      `start: no _data/library.yaml in ${root}: run this in the site's folder or pass --root`,
    );
    return 1;
  }
  const eleventy = path.join(packageDir("@11ty/eleventy"), "cmd.cjs");
  const args = [
    ...["--import", "tsx", eleventy, "--config=eleventy.config.ts", "--serve"],
    `--output=${path.join(root, "_site")}`,
    ...(port ? [`--port=${port}`] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: APP_DIR,
    stdio: "inherit",
    env: { ...process.env, ALMANAC_ROOT: root },
  });
  // Ctrl-C reaches the server too (same terminal): wait for it to stop, then exit as it did.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  return undefined;
}

const code = main();
if (code !== undefined) process.exitCode = code;
