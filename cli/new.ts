// `npm run new -- <program|partner|guide|page> "Title" [--id ID] [--root DIR]`: writes a
// commented starter file, a draft, that already passes `npm run check` (ids from
// `_data/library.yaml`, a start date next week) and prints its path. Never overwrites a
// file; usage mistakes print the usage, never a stack trace; options npm took for itself
// (no `--`) are recovered or answered with the command to type.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseYaml } from "../src/content/front-matter.ts";
import { librarySchema } from "../src/content/schema/library.ts";
import {
  STARTER_KINDS,
  starter,
  type StarterKind,
  type StarterLibrary,
} from "../src/staff/scaffold.ts";
import { resolveNow } from "../src/schedule/time.ts";
import { ID_PATTERN } from "../src/content/schema/common.ts";
import { parseCommandLine, UsageError as FlagError, usageLine } from "./args.ts";

const SYNOPSIS = `npm run new -- <${STARTER_KINDS.join("|")}> "Title" [--id some-id] [--root DIR]`;
const USAGE = `usage: ${SYNOPSIS}
  e.g. npm run new -- program "Teen Coding Club"`;
const HELP = `${USAGE}

Writes a commented starter file for a new program, partner, guide or page that already
passes npm run check (ids from _data/library.yaml, a start date next week), and prints its
path. The file is a draft (draft: true): it stays off the site until you set draft: false,
and npm run check then points at any starter text left to replace. Never overwrites a file.
Type -- after "npm run new", or npm keeps --id and --root for itself.

  --id ID      the file name and URL part to use (lowercase letters, digits, hyphens)
               instead of one made from the title
  --root DIR   the library's folder, holding content/ and _data/library.yaml
               (default: the current folder)
  -h, --help   print this help

Environment: ALMANAC_NOW=2026-12-01T09:00 counts "next week" from that moment.
Exit status: 0 written, 1 not written (the file exists, the library has problems), 2 a usage mistake.`;

class UsageError extends Error {
  /** Print the usage lines after the message (not when the message says what to type). */
  usage = true;
}

/**
 * The options npm took for itself. `npm run new program "Knit Night" --id knit-night`
 * (no `--` before the options) hands `--id` to npm, not to us: npm sets
 * `npm_config_id=true` and passes `knit-night` on as one more word of the title, which
 * would silently write `knit-night-knit-night.md`. `--id=knit-night` reaches us only as
 * `npm_config_id=knit-night`, which is unambiguous and used as if typed after `--`.
 * Returns the values recovered; throws the command to type when a value was split off.
 */
function npmTookOptions(
  positionals: string[],
  values: { id?: string; root?: string },
  env: NodeJS.ProcessEnv,
): { id?: string; root?: string } {
  const recovered: { id?: string; root?: string } = {};
  const split: ("id" | "root")[] = [];
  for (const name of ["id", "root"] as const) {
    const value = env[`npm_config_${name}`];
    if (value === undefined || values[name] !== undefined) continue;
    if (value === "true" || value === "") split.push(name);
    else recovered[name] = value;
  }
  if (!split.length) return recovered;

  // Which words were the split-off values: the last ones that can be (an id for --id).
  const words = [...positionals];
  const kindAt = words.findIndex((w) => (STARTER_KINDS as readonly string[]).includes(w));
  const kind = kindAt >= 0 ? words.splice(kindAt, 1)[0]! : "program";
  const options: string[] = [];
  const taken: string[] = [];
  for (const name of [...split].reverse()) {
    let at = -1;
    const fits =
      name === "id" ? (w: string) => ID_PATTERN.test(w) : (w: string) => /[/\\]|^\.\.?$/.test(w);
    for (let i = words.length - 1; i >= 0 && at < 0; i--) if (fits(words[i]!)) at = i;
    if (at < 0 && name === "root") at = words.length - 1;
    const value = at >= 0 && words.length > 1 ? words.splice(at, 1)[0]! : undefined;
    if (value !== undefined) taken.unshift(JSON.stringify(value));
    options.unshift(`--${name} ${value === undefined ? `some-${name}` : shellWord(value)}`);
  }
  for (const [name, value] of Object.entries(recovered)) {
    options.push(`--${name} ${shellWord(value)}`);
  }
  const title = words.join(" ") || "Title";
  const flags = split.map((n) => `--${n}`).join(" and ");
  const lost = taken.length ? `, so ${taken.join(" and ")} became part of the title` : "";
  const error = new UsageError(
    `npm kept ${flags} for itself (type -- after "npm run new")${lost}. Type:\n` +
      `  npm run new -- ${kind} ${shellWord(title, true)} ${options.join(" ")}`,
  );
  error.usage = false;
  throw error;
}

/** `knit-night` as it is; anything with spaces or quotes in double quotes. */
function shellWord(text: string, quote = false): string {
  return quote || !/^[\w./:@+-]+$/.test(text) ? JSON.stringify(text) : text;
}

/** The library settings a starter needs, read without loading (or judging) any content. */
async function readLibrary(root: string): Promise<StarterLibrary> {
  const file = path.join(root, "_data/library.yaml");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new Error(
      `no _data/library.yaml in ${root}: run this in the site's folder or pass --root`,
    );
  }
  const parsed = parseYaml(text.replace(/^\uFEFF/, ""));
  const result = parsed.error ? undefined : librarySchema.safeParse(parsed.data);
  if (!result?.success) {
    throw new Error(
      "_data/library.yaml has problems: run npm run check to see them, then try again",
    );
  }
  const d = result.data;
  // Labels written by language: the starter shows the site's first language's.
  const main = d.site_languages?.[0] ?? "";
  const inMain = (v: string | Record<string, string>) =>
    typeof v === "string" ? v : (v[main] ?? Object.values(v)[0]!);
  const closed = (days: { date: string; reason?: string | Record<string, string> }[]) =>
    days.map((x) =>
      x.reason === undefined ? { date: x.date } : { ...x, reason: inMain(x.reason) },
    );
  return {
    timezone: d.timezone,
    audiences: d.audiences.map((a) => ({ ...a, label: inMain(a.label) })),
    categories: d.categories.map((c) => ({ ...c, label: inMain(c.label) })),
    locations: d.locations.map((l) => ({ ...l, name: inMain(l.name), closed: closed(l.closed) })),
    closed: closed(d.closed),
    languages: d.languages ?? {},
  };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: argv,
    allowPositionals: true,
    options: {
      root: { type: "string" },
      id: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  Object.assign(values, npmTookOptions(positionals, values, process.env));
  const [kind, ...words] = positionals;
  if (!kind) throw new UsageError("say what to create");
  if (!(STARTER_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`"${kind}" is not something new can create`);
  }
  const title = words.join(" ");
  if (!title.trim()) throw new UsageError(`give the ${kind}'s title in quotes`);

  const root = path.resolve(values.root ?? process.cwd());
  const library = await readLibrary(root);
  const now = resolveNow(library.timezone);
  const made = starter(kind as StarterKind, title, library, now, values.id);
  const file = path.join(root, made.file);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, made.text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      console.error(
        `new: ${made.file} already exists and was left as it was. Edit it, or choose another title or --id.`,
      );
      return 1;
    }
    throw error;
  }
  console.log(made.file);
  // On stderr, so that stdout stays the path alone for scripts (`npm run -s new ...`).
  console.error(`new: it is a draft, kept off the site until you set draft: false in it`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof FlagError) {
    console.error(usageLine("new", message, SYNOPSIS));
    process.exitCode = 2;
  } else if (error instanceof UsageError) {
    console.error(`new: ${message}${error.usage ? `\n${USAGE}` : ""}`);
    process.exitCode = 2;
  } else {
    console.error(`new: ${message}`);
    process.exitCode = 1;
  }
}
