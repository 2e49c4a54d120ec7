// `npm run new -- <program|partner|guide|page> "Title" [--id ID] [--root DIR]`: writes a
// commented starter file that already passes `npm run check` (ids from
// `_data/library.yaml`, a start date next week) and prints its path. Never overwrites a
// file; usage mistakes print the usage, never a stack trace.
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
import { parseCommandLine, UsageError as FlagError, usageLine } from "./args.ts";

const SYNOPSIS = `npm run new -- <${STARTER_KINDS.join("|")}> "Title" [--id some-id] [--root DIR]`;
const USAGE = `usage: ${SYNOPSIS}
  e.g. npm run new -- program "Teen Coding Club"`;
const HELP = `${USAGE}

Writes a commented starter file for a new program, partner, guide or page that already
passes npm run check (ids from _data/library.yaml, a start date next week), and prints its
path. Never overwrites a file.

  --id ID      the file name and URL part to use (lowercase letters, digits, hyphens)
               instead of one made from the title
  --root DIR   the library's folder, holding content/ and _data/library.yaml
               (default: the current folder)
  -h, --help   print this help

Environment: ALMANAC_NOW=2026-12-01T09:00 counts "next week" from that moment.
Exit status: 0 written, 1 not written (the file exists, the library has problems), 2 a usage mistake.`;

class UsageError extends Error {}

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
  const closed = (days: { date: string; reason?: string }[]) => days.map((x) => ({ ...x }));
  return {
    timezone: d.timezone,
    audiences: d.audiences,
    categories: d.categories,
    locations: d.locations.map((l) => ({ ...l, closed: closed(l.closed) })),
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
    console.error(`new: ${message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`new: ${message}`);
    process.exitCode = 1;
  }
}
