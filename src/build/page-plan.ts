// Which pages a preview rebuild (`npm start`) renders. A site of a thousand programs has a
// thousand program pages and about a hundred others; one edit changes one program page
// and the listings it appears on, so a rebuild renders only the pages whose inputs changed
// since the run that wrote what is on disk:
//
// - a program, partner, guide or free page: its file's text; a program's upcoming dates and
//   the names of its partners and guides; the programs a partner or guide lists, and their
//   next dates;
// - an audience, topic or location page whose rows did not change, when the program
//   explorer's data file (which it names by its hash) did: it is not rendered again, its
//   file on disk gets the new address in place of the old (`readdress`), which is all
//   that differs;
// - an audience, topic or location page, a month calendar, a print month: a row of the
//   listings changed (a row is one upcoming date of one program: its program, the version
//   of its file, its occurrence) that is or was in the page's audience, topic or location
//   (at any date: those pages link the months of their later dates) or month;
// - every page, when what every page shows changed (library.yaml, the pages in the menu,
//   "now"), and every page no kind above names (home, /programs/ and its one later page,
//   the quick views, the lobby screens, the index pages, search, the staff report...),
//   always: they are few and cheap, their rows come from the cache.
//
// Pages of items that are gone are removed (src/build/context.ts). The inputs below are what
// the templates in layouts/pages/ read (through the includes they use): a template that
// starts showing something else of the site must add it here. test/preview.test.ts checks
// a preview against a complete build after edits.
import { createHash } from "node:crypto";
import { LIBRARY_FILE } from "../content/entry.ts";
import type { Site } from "../site/site.ts";
import type { RenderedItems } from "../site/page-kinds.ts";
import { explorerFile } from "../outputs/explorer-data.ts";
import { listingUrl } from "../site/listing-pages.ts";

/** The kinds of item that have a page of their own, which goes when the item goes. */
export const ITEM_KINDS = ["programs", "partners", "guides", "pages"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Which pages a run renders, by kind; a kind left out renders them all. */
export type RenderPlan = RenderedItems;

/** What a run's pages were made from, to compare with the next run. */
export interface PageInputs {
  /** Inputs of every page. */
  global: string;
  /** `kind:id` -> the item page and a hash of its inputs. */
  items: Map<string, { kind: ItemKind; id: string; url: string; inputs: string }>;
  /** Each program's listing rows, by program id. */
  programs: Map<string, ProgramRows>;
  /**
   * The address of the explorer's data file, which the explorer's pages name: made when
   * first read (the data of every program; the first pass of a preview rebuild, which
   * renders the edited item's page, does not need it).
   */
  readonly explorer: string;
  /** The URL of each audience, category and location page (each names that address). */
  explorerPages: Map<string, { kind: "audiences" | "categories" | "locations"; id: string }>;
}

/**
 * One program's listing rows and a hash of them. A program's rows follow from its file,
 * library.yaml (closed days, the horizon) and "now", which `stamp` names: the next run takes
 * the same object again while the stamp holds, without going over the program's dates.
 */
export interface ProgramRows {
  /** Undefined when a file's version is not known: the rows are then made again each run. */
  stamp: string | undefined;
  /** Each row (`Site.rowKey`) -> the listing pages it is on. */
  rows: Map<string, RowPages>;
  /** A hash of the program's id, its file's version and its rows. */
  core: string;
}

/** The listing pages one row is on, by kind and id. */
interface RowPages {
  audiences: readonly string[];
  categories: readonly string[];
  locations: readonly string[];
  /** `YYYY-MM` of its start in the library's zone: a month calendar and a print month. */
  month: string;
}

export interface RunPlan {
  /** Undefined when every page is rendered. */
  plan?: RenderPlan;
  /** Items whose pages were on disk and are gone (deleted, renamed, unpublished). */
  removed: { kind: ItemKind; id: string; url: string }[];
  /** Whether what every page shows changed (rendered fragments are then out of date). */
  globalChanged: boolean;
  /**
   * Pages on disk not rendered again whose only change is the explorer data file's
   * address: the run replaces `from` with `to` in each (by URL). Worked out when asked
   * (it makes the explorer's data), then kept.
   */
  readdress(): { from: string; to: string; urls: string[] } | undefined;
  next: PageInputs;
}

const hash = (value: unknown) =>
  createHash("sha1").update(JSON.stringify(value)).digest("hex").slice(0, 20);

/**
 * The inputs of each page `site` has a kind for. `versions` are the loader's file versions
 * (src/content/cache.ts); a page whose inputs cannot be known gets a unique input, so it is
 * always rendered. `previous` is the last run's: the rows of a program whose stamp is
 * unchanged are taken from it.
 */
export function pageInputs(
  site: Site,
  versions: ReadonlyMap<string, string>,
  previous?: PageInputs,
): PageInputs {
  const catalogue = site.catalogue;
  const unknown = () => `unknown:${Math.random()}`;
  const version = (file: string) => versions.get(file) ?? unknown();
  const libraryVersion = versions.get(LIBRARY_FILE);
  const stampOf = (p: { file: string; member?: unknown }) => {
    const own = versions.get(p.file);
    if (own === undefined || libraryVersion === undefined || p.member) return undefined;
    return `${own}|${libraryVersion}|${catalogue.now.toMillis()}`;
  };
  // Programs whose rows are as in the last run keep them; the others' are made in one pass
  // over the upcoming dates: each is a listing row, and one of its program's dates (a row's
  // key names its program's version and its occurrence, which is all the program's page
  // shows of it).
  const all = [...catalogue.programs, ...catalogue.memberPrograms];
  const programs: PageInputs["programs"] = new Map();
  const fresh = new Map<string, ProgramRows>();
  for (const p of all) {
    const stamp = stampOf(p);
    const kept = stamp === undefined ? undefined : previous?.programs.get(p.id);
    if (kept && kept.stamp === stamp) programs.set(p.id, kept);
    else fresh.set(p.id, { stamp, rows: new Map(), core: "" });
  }
  if (fresh.size) {
    const zone = catalogue.library.timezone;
    for (const listing of catalogue.upcoming) {
      const { program, occurrence } = listing;
      const own = fresh.get(program.id);
      if (!own) continue;
      const key = site.rowKey(listing) ?? unknown();
      const start =
        occurrence.start.zoneName === zone ? occurrence.start : occurrence.start.setZone(zone);
      own.rows.set(key, {
        audiences: program.audiences,
        categories: program.categories,
        locations: program.location === undefined ? [] : [program.location],
        month: `${start.year}-${String(start.month).padStart(2, "0")}`,
      });
    }
    for (const p of all) {
      const own = fresh.get(p.id);
      if (!own) continue;
      own.core = hash([p.id, version(p.file), [...own.rows.keys()]]);
      programs.set(p.id, own);
    }
  }
  // A program's own inputs: its page, its partners' and its guides' show them.
  const programCore = (p: { id: string }) => programs.get(p.id)!.core;
  const items: PageInputs["items"] = new Map();
  const add = (kind: ItemKind, item: { id: string; url: string }, inputs: unknown) =>
    items.set(`${kind}:${item.id}`, { kind, id: item.id, url: item.url, inputs: hash(inputs) });
  for (const p of catalogue.programs) {
    add("programs", p, [
      programCore(p),
      catalogue.partnersOf(p.id).map((x) => [x.id, version(x.file)]),
      catalogue.guidesOf(p.id).map((g) => [g.id, version(g.file)]),
    ]);
  }
  for (const x of catalogue.partners) {
    add("partners", x, [version(x.file), catalogue.programsOfPartner(x.id).map(programCore)]);
  }
  for (const g of catalogue.guides) {
    add("guides", g, [version(g.file), catalogue.programsOfGuide(g.id).map(programCore)]);
  }
  for (const d of catalogue.pages) add("pages", d, version(d.file));

  const navPages = catalogue.pages
    .filter((p) => p.nav !== undefined)
    .map((p) => [p.id, version(p.file)]);
  const explorerPages: PageInputs["explorerPages"] = new Map();
  const { audiences, categories, locations } = catalogue.library;
  for (const t of audiences)
    explorerPages.set(listingUrl("audience", t.id), { kind: "audiences", id: t.id });
  for (const t of categories)
    explorerPages.set(listingUrl("category", t.id), { kind: "categories", id: t.id });
  for (const l of locations)
    explorerPages.set(listingUrl("location", l.id), { kind: "locations", id: l.id });
  let of: Site | undefined = site;
  let explorer: string | undefined;
  return {
    global: hash([version(LIBRARY_FILE), navPages, catalogue.now.toISO()]),
    items,
    programs,
    get explorer() {
      // Once known, the address is kept and the site view let go.
      if (explorer === undefined) {
        explorer = explorerFile(of!).url;
        of = undefined;
      }
      return explorer;
    },
    explorerPages,
  };
}

/**
 * What a run renders, given the inputs of what is on disk (`previous`, undefined when
 * nothing is known of it) and of this run.
 */
export function planRun(previous: PageInputs | undefined, next: PageInputs): RunPlan {
  const removed: RunPlan["removed"] = [];
  if (previous) {
    for (const [key, item] of previous.items) {
      const now = next.items.get(key);
      if (!now || now.url !== item.url)
        removed.push({ kind: item.kind, id: item.id, url: item.url });
    }
  }
  const globalChanged = previous?.global !== next.global;
  const none = () => undefined;
  if (!previous || globalChanged) return { removed, globalChanged, readdress: none, next };
  const plan = {
    programs: new Set<string>(),
    partners: new Set<string>(),
    guides: new Set<string>(),
    pages: new Set<string>(),
    audiences: new Set<string>(),
    categories: new Set<string>(),
    locations: new Set<string>(),
    calendarMonths: new Set<string>(),
    printMonths: new Set<string>(),
  } satisfies RenderPlan;
  for (const [key, item] of next.items) {
    if (previous.items.get(key)?.inputs !== item.inputs) plan[item.kind].add(item.id);
  }
  // A row that is new or gone (an edit gives each of its program's rows a new key) changes
  // the listing pages it is or was on. A program that kept its rows' object kept its rows.
  const touch = (row: RowPages) => {
    for (const id of row.audiences) plan.audiences.add(id);
    for (const id of row.categories) plan.categories.add(id);
    for (const id of row.locations) plan.locations.add(id);
    plan.calendarMonths.add(`/calendar/${row.month.replace("-", "/")}/`);
    plan.printMonths.add(row.month);
  };
  const unlike = (a: ProgramRows | undefined, b: ProgramRows | undefined) => {
    if (a === b) return;
    for (const [key, row] of a?.rows ?? []) if (!b?.rows.has(key)) touch(row);
  };
  for (const [id, rows] of next.programs) {
    unlike(rows, previous.programs.get(id));
    unlike(previous.programs.get(id), rows);
  }
  for (const [id, rows] of previous.programs) if (!next.programs.has(id)) unlike(rows, undefined);
  // A page that was not on disk before (a term new since) is rendered.
  for (const [url, page] of next.explorerPages)
    if (!previous.explorerPages.has(url)) plan[page.kind].add(page.id);
  let readdress: ReturnType<RunPlan["readdress"]> | null = null;
  const worked = () => {
    if (previous.explorer === next.explorer) return undefined;
    // The pages rendered anyway get the new address as they are rendered.
    const urls = [...next.explorerPages]
      .filter(([url, page]) => !plan[page.kind].has(page.id) && previous.explorerPages.has(url))
      .map(([url]) => url);
    return { from: previous.explorer, to: next.explorer, urls };
  };
  return {
    plan,
    removed,
    globalChanged,
    readdress: () => (readdress === null ? (readdress = worked()) : readdress),
    next,
  };
}
