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
  { name: "my plan (empty)", url: () => "/my-plan/", ready: "[data-plan][data-ready]" },
  {
    name: "shared plan",
    // Two upcoming dates and a whole program, as a share link carries them.
    url: (c) => {
      const keys = c.upcoming.slice(0, 2).map(({ program, occurrence }) => {
        const at = occurrence.start.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
        return `${program.id}@${at}`;
      });
      const whole = c.upcoming[2]?.program.id;
      return keys.length
        ? `/my-plan/?p=${[...keys, ...(whole ? [whole] : [])].join(",")}`
        : undefined;
    },
    ready: "[data-plan][data-ready]",
  },
  {
    name: "print brochure",
    url: (_c, files) => firstDir(files, /^print\/\d{4}-\d{2}\/index\.html$/),
  },
  {
    name: "lobby screen",
    url: (c) => c.library.locations[0] && `/signage/${c.library.locations[0].id}/`,
  },
  {
    name: "embed iframe page",
    url: (c) =>
      `/embed/?limit=5${c.library.audiences[0] ? `&audience=${c.library.audiences[0].id}` : ""}`,
    // Locators reach into the widget's shadow root; its last line is drawn last.
    ready: "almanac-programs p.note a",
  },
  {
    name: "embed snippets (staff)",
    url: () => "/staff/embed/",
    ready: "almanac-programs p.note a",
  },
  { name: "not found (404)", url: () => "/404.html" },
  // Sveltia CMS, drawn by its script: its sign-in page, once it shows.
  { name: "browser editor", url: () => "/admin/", ready: "button" },
  // The site in another of site_languages (src/site/languages.ts).
  { name: "home in another language", url: (c) => otherLanguage(c) && `/${otherLanguage(c)}/` },
  {
    name: "listing in another language",
    url: (c) => otherLanguage(c) && `/${otherLanguage(c)}/programs/`,
  },
  {
    name: "translated program",
    url: (c) => {
      const code = otherLanguage(c);
      const p = code && c.programs.find((p) => p.translations?.[code]);
      return p ? `/${code}${p.url}` : undefined;
    },
  },
  {
    name: "month calendar in another language",
    url: (c, files) => {
      const code = otherLanguage(c);
      return code && firstDir(files, new RegExp(`^${code}/calendar/\\d{4}/\\d{2}/index\\.html$`));
    },
  },
  {
    name: "explorer in another language",
    url: (c) => otherLanguage(c) && `/${otherLanguage(c)}/programs/?when=week`,
    ready: "[data-explorer][data-ready]",
  },
  {
    name: "search with results in another language",
    url: (c) => {
      const code = otherLanguage(c);
      const p = code && c.programs.find((p) => p.translations?.[code]);
      const word = p && p.translations![code]!.title?.split(/\s+/)[0];
      return word ? `/${code}/search/?q=${encodeURIComponent(word)}` : undefined;
    },
    ready: "[data-search-results] a",
  },
  {
    name: "guide in another language",
    url: (c) => otherLanguage(c) && c.guides[0] && `/${otherLanguage(c)}${c.guides[0].url}`,
  },
  {
    name: "free page in another language",
    url: (c) => otherLanguage(c) && c.pages[0] && `/${otherLanguage(c)}${c.pages[0].url}`,
  },
  {
    name: "partner in another language",
    url: (c) => otherLanguage(c) && c.partners[0] && `/${otherLanguage(c)}${c.partners[0].url}`,
  },
  {
    name: "my plan in another language",
    url: (c) => otherLanguage(c) && `/${otherLanguage(c)}/my-plan/`,
    ready: "[data-plan][data-ready]",
  },
  {
    name: "offline page in another language",
    url: (c) => otherLanguage(c) && `/${otherLanguage(c)}/offline/`,
  },
  {
    name: "untranslated program in another language",
    url: (c) => {
      const code = otherLanguage(c);
      const p = code && c.programs.find((p) => !p.translations?.[code]);
      return p ? `/${code}${p.url}` : undefined;
    },
  },
  {
    name: "translated guide",
    url: (c) => {
      const code = otherLanguage(c);
      const g = code && c.guides.find((g) => g.translations?.[code]);
      return g ? `/${code}${g.url}` : undefined;
    },
  },
  {
    name: "filtered explorer in another language",
    url: (c) => otherLanguage(c) && `/${otherLanguage(c)}/programs/?when=week&free=1`,
    ready: "[data-explorer][data-ready]",
  },
];

/** The second of the library's site_languages, if it has one. */
function otherLanguage(c: Catalogue): string | undefined {
  return c.library.siteLanguages[1];
}

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
