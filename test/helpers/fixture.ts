// Tiny throw-away sites for tests: `makeSite({ "content/programs/x.md": "..." })` writes the
// files under a fresh temp folder and returns its path, ready for `loadCatalogue({ root })`
// or a build. `_data/library.yaml` defaults to DEFAULT_LIBRARY unless the files give one.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A small valid library: zone America/Chicago, locations `central` (closed 2026-12-26) and
 * `eastside`, closed on 2026-12-25 (Christmas Day), audiences kids/teens/adults,
 * categories technology/media-literacy, languages en/es.
 */
export const DEFAULT_LIBRARY = `name: Riverside Public Library
url: https://library.example.org
timezone: America/Chicago
locale: en-US
languages: { en: English, es: Español }
locations:
  - id: central
    name: Central Library
    address: 100 Main St, Riverside, IL 60546
    closed: [2026-12-26]
  - id: eastside
    name: Eastside Branch
    address: 5 East Ave, Riverside, IL 60546
closed:
  - { date: 2026-12-25, reason: Christmas Day }
audiences:
  - { id: kids, label: Kids }
  - { id: teens, label: Teens }
  - { id: adults, label: Adults }
categories:
  - { id: technology, label: Technology }
  - { id: media-literacy, label: Media literacy }
`;

/**
 * Writes `files` (path relative to the site root -> text) into a new temp folder and returns
 * the folder. Folders are created as needed, `content/` always (a site without it is an
 * error). The folder is left for the OS to clean up.
 */
export async function makeSite(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "almanac-site-"));
  await mkdir(path.join(root, "content"));
  const all = { "_data/library.yaml": DEFAULT_LIBRARY, ...files };
  for (const [name, text] of Object.entries(all)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return root;
}

/** A content file: front matter `yaml` between `---` lines, then `body`. */
export const md = (yaml: string, body = "Body.\n") => `---\n${yaml.trim()}\n---\n${body}`;

/**
 * A valid program file whose seven fields sit on lines 2-8, then `more` from line 9.
 * `replace` overrides fields (an empty value leaves the field out).
 */
export function programFile(
  defaults: { title: string; summary: string },
  more = "",
  replace: Record<string, string> = {},
  body?: string,
): string {
  const base: Record<string, string> = {
    ...defaults,
    audiences: "[teens]",
    categories: "[technology]",
    location: "central",
    start: "2026-10-20 18:00",
    end: "2026-10-20 19:30",
    ...replace,
  };
  const lines = Object.entries(base)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${v}`);
  return md(`${lines.join("\n")}\n${more}`, body);
}
