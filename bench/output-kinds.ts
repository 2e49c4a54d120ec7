// What kind of output each file of a built site is, for the benchmark's output breakdown
// (`Output by kind` in `npm run bench`): pages by what they show, the data files, the
// social cards, images, the search index, the embed's data and the browser editor.

/** The kinds of output the bench weighs apart, in the order it prints them. */
export const OUTPUT_KINDS = [
  "program pages",
  "listing pages",
  "month calendars",
  "print months",
  "other pages",
  "calendars (.ics)",
  "programs.json",
  "explorer data",
  "offline data",
  "embed data",
  "social cards",
  "images",
  "Pagefind",
  "browser editor",
  "other",
] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/**
 * What kind of output a file of the site is, by its path (relative to the output folder,
 * with `/`): listing pages are `/programs/` and its later pages, the quick views, the home
 * page and every audience, topic and location page. A page of another of the site's
 * `languages` (`es/programs/x/index.html`, their folders) is of the kind of the first
 * language's page (`programs/x/index.html`).
 */
export function outputKind(file: string, languages: readonly string[] = []): OutputKind {
  const folder = languages.find((code) => file.startsWith(`${code}/`));
  if (folder) file = file.slice(folder.length + 1);
  if (file.startsWith("pagefind/")) return "Pagefind";
  if (file.startsWith("social/")) return "social cards";
  if (file.startsWith("img/")) return "images";
  if (file.startsWith("explorer/")) return "explorer data";
  if (file.startsWith("embed/data/")) return "embed data";
  // Sveltia CMS as the site publishes it (docs/editor.md): the same for every library.
  if (file.startsWith("admin/")) return "browser editor";
  if (file === "offline/data.json") return "offline data";
  if (file === "programs.json") return "programs.json";
  if (file.endsWith(".ics")) return "calendars (.ics)";
  if (!file.endsWith(".html")) return "other";
  if (/^calendar\//.test(file)) return "month calendars";
  if (/^print\//.test(file)) return "print months";
  if (/^programs\/(today|this-week|this-weekend|page\/\d+)\/index\.html$/.test(file))
    return "listing pages";
  if (/^programs\/[^/]+\/index\.html$/.test(file)) return "program pages";
  if (/^((audiences|categories|locations)\/[^/]+\/|programs\/)?index\.html$/.test(file))
    return "listing pages";
  return "other pages";
}

export type OutputByKind = Record<OutputKind, { bytes: number; files: number }>;
