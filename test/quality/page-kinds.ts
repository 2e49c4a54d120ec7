// One URL for every KIND of page, picked from a library's own content, for the browser
// gates (axe, CSP, Lighthouse). A new kind of page is covered by adding one entry to
// PAGE_KINDS. A kind the library's content has no example of (e.g. no online-only
// program) is left out for that library; a kind whose page the build did not write fails.
import { loadCatalogue } from "../../src/content/catalogue.ts";
import type { Catalogue } from "../../src/content/model.ts";
import { listFiles } from "../helpers/walk.ts";
import { QUALITY_NOW } from "./build-once.ts";

export interface PageKind {
  name: string;
  /** URL path on the built site, or undefined when this library has no example. */
  url(c: Catalogue, files: string[]): string | undefined;
  /** Something the page must show once loaded (e.g. search results), as a CSS selector. */
  ready?: string;
}

const firstDir = (files: string[], re: RegExp) => {
  const file = files.find((f) => re.test(f));
  return file ? `/${file.replace(/index\.html$/, "")}` : undefined;
};

export const PAGE_KINDS: PageKind[] = [
  { name: "home", url: () => "/" },
  { name: "all programs", url: () => "/programs/" },
  {
    name: "audience listing",
    url: (c) => c.library.audiences[0] && `/audiences/${c.library.audiences[0].id}/`,
  },
  {
    name: "category listing",
    url: (c) => c.library.categories[0] && `/categories/${c.library.categories[0].id}/`,
  },
  {
    name: "location listing",
    url: (c) => c.library.locations[0] && `/locations/${c.library.locations[0].id}/`,
  },
  {
    name: "filtered explorer",
    // A filter under "More filters" opens it, so its checkboxes are checked too.
    url: (c) =>
      `/programs/?when=week&free=1${c.library.audiences[0] ? `&audience=${c.library.audiences[0].id}` : ""}`,
    ready: "[data-explorer][data-ready]",
  },
  {
    name: "explorer on a location page",
    url: (c) => c.library.locations[0] && `/locations/${c.library.locations[0].id}/?when=weekend`,
    ready: "[data-explorer][data-ready]",
  },
  {
    name: "later listing page",
    url: (_c, files) => firstDir(files, /^programs\/page\/2\/index\.html$/),
  },
  {
    name: "month calendar",
    url: (_c, files) => firstDir(files, /^calendar\/\d{4}\/\d{2}\/index\.html$/),
  },
  {
    name: "normal program",
    url: (c) => c.programs.find((p) => p.status === "scheduled" && p.location && !p.online)?.url,
  },
  { name: "cancelled program", url: (c) => c.programs.find((p) => p.status === "cancelled")?.url },
  { name: "online-only program", url: (c) => c.programs.find((p) => p.online && !p.location)?.url },
  { name: "partner", url: (c) => c.partners[0]?.url },
  { name: "partner directory", url: () => "/partners/" },
  { name: "guide", url: (c) => c.guides[0]?.url },
  { name: "guide index", url: () => "/guides/" },
  { name: "free page", url: (c) => c.pages[0]?.url },
  {
    name: "search with results",
    // The first word of a program title is sure to be found.
    url: (c) =>
      `/search/?q=${encodeURIComponent(c.programs[0]?.title.split(/\s+/)[0] ?? "library")}`,
    ready: "[data-search-results] a",
  },
  { name: "offline page", url: () => "/offline/" },
  {
    name: "print brochure",
    url: (_c, files) => firstDir(files, /^print\/\d{4}-\d{2}\/index\.html$/),
  },
  {
    name: "lobby screen",
    url: (c) => c.library.locations[0] && `/signage/${c.library.locations[0].id}/`,
  },
  { name: "not found (404)", url: () => "/404.html" },
  // Sveltia CMS, drawn by its script: its sign-in page, once it shows.
  { name: "browser editor", url: () => "/admin/", ready: "button" },
];

/** The kinds with an example in `root`'s content, with their URLs. */
export async function pagesOfKinds(
  root: string,
  output: string,
): Promise<{ name: string; url: string; ready?: string }[]> {
  const { catalogue, problems } = await loadCatalogue({ root, env: { ALMANAC_NOW: QUALITY_NOW } });
  if (!catalogue)
    throw new Error(`cannot load ${root}: ${problems.map((p) => p.message).join("; ")}`);
  const files = listFiles(output);
  return PAGE_KINDS.flatMap((kind) => {
    const url = kind.url(catalogue, files);
    return url ? [{ name: kind.name, url, ready: kind.ready }] : [];
  });
}
