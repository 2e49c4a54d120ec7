// Normalising checked entries into the model (`Program`, `Partner`, `Guide`, `Page`) and
// assembling the published `Catalogue` with its links between items.
import type { Catalogue, Guide, Library, Listing, Page, Partner, Program, Repeat } from "./model.ts";
import type { ProgramInput } from "./schema/program.ts";
import type { PartnerInput } from "./schema/partner.ts";
import type { GuideInput } from "./schema/guide.ts";
import type { PageInput } from "./schema/page.ts";
import { type Entry } from "./entry.ts";
import { isFree } from "./cost.ts";

export function toProgram(e: Entry<ProgramInput>, d: ProgramInput, library: Library): Program {
  const repeat: Repeat | undefined = d.repeat && {
    every: d.repeat.every,
    interval: d.repeat.interval,
    ...(d.repeat.on && { on: d.repeat.on }),
    ...(d.repeat.until !== undefined && { until: d.repeat.until }),
    ...(d.repeat.count !== undefined && { count: d.repeat.count }),
    except: d.repeat.except,
  };
  return {
    id: e.id,
    file: e.file,
    url: `/programs/${e.id}/`,
    title: d.title,
    summary: d.summary,
    audiences: d.audiences,
    categories: d.categories,
    ...(d.location !== undefined && { location: d.location }),
    ...(d.room !== undefined && { room: d.room }),
    ...(d.online !== undefined && { online: d.online }),
    schedule: {
      start: d.start,
      ...(d.end !== undefined && { end: d.end }),
      ...(d.duration !== undefined && { duration: d.duration }),
      ...(repeat && { repeat }),
      dates: d.dates,
      cancelled: d.cancelled,
    },
    occurrences: [],
    status: d.status,
    ...(d.registration && { registration: { ...d.registration } }),
    cost: d.cost,
    free: isFree(d.cost),
    languages: d.languages ?? [library.language],
    partners: d.partners,
    guides: d.guides,
    ...(d.image !== undefined && { image: d.image }),
    ...(d.image_alt !== undefined && { imageAlt: d.image_alt }),
    ...(d.accessibility !== undefined && { accessibility: d.accessibility }),
    access: d.access,
    featured: d.featured,
    draft: d.draft,
    ...(d.publish !== undefined && { publish: d.publish }),
    extra: d.extra,
    body: e.body,
  };
}

export function toPartner(e: Entry<PartnerInput>, d: PartnerInput): Partner {
  return {
    id: e.id,
    file: e.file,
    url: `/partners/${e.id}/`,
    name: d.name,
    kind: d.kind,
    summary: d.summary,
    ...(d.website !== undefined && { website: d.website }),
    ...(d.logo !== undefined && { logo: d.logo }),
    ...(d.logo_alt !== undefined && { logoAlt: d.logo_alt }),
    programs: d.programs,
    draft: d.draft,
    ...(d.publish !== undefined && { publish: d.publish }),
    body: e.body,
  };
}

export function toGuide(e: Entry<GuideInput>, d: GuideInput): Guide {
  return {
    id: e.id,
    file: e.file,
    url: `/guides/${e.id}/`,
    title: d.title,
    summary: d.summary,
    level: d.level,
    audiences: d.audiences,
    topics: d.topics,
    checklist: d.checklist,
    sources: d.sources.map((s) => ({ title: s.title, url: s.url })),
    programs: d.programs,
    ...(d.updated !== undefined && { updated: d.updated }),
    draft: d.draft,
    ...(d.publish !== undefined && { publish: d.publish }),
    body: e.body,
  };
}

export function toPage(e: Entry<PageInput>, d: PageInput): Page {
  return {
    id: e.id,
    file: e.file,
    url: `/pages/${e.id}/`,
    title: d.title,
    ...(d.summary !== undefined && { summary: d.summary }),
    ...(d.nav !== undefined && { nav: d.nav }),
    draft: d.draft,
    ...(d.publish !== undefined && { publish: d.publish }),
    body: e.body,
  };
}

// ---------------------------------------------------------------------------------------------
// Assembling the published catalogue.

type Parts = Pick<
  Catalogue,
  "library" | "now" | "horizon" | "programs" | "partners" | "guides" | "pages" | "warnings"
> &
  Partial<Pick<Catalogue, "strings" | "memberPrograms">>;

/**
 * The zone whose days a program's dates fall on: a consortium member's program's, its
 * library's (src/consortium/); every other program's, the library's (`zone`), whatever
 * offset a date was written with.
 */
export function dayZoneOf(program: Pick<Program, "member">, zone: string): string {
  return program.member?.timezone ?? zone;
}

/**
 * The location a program takes place at: its `location`, unless it has moved online (staff
 * may keep the branch in the file for when it comes back). A moved-online program is then
 * neither on its branch's page, lobby screen and calendar nor counted there by the report.
 */
export function placeOf(program: Pick<Program, "location" | "status">): string | undefined {
  return program.status === "moved-online" ? undefined : program.location;
}

/**
 * Drops links to unpublished items, resolves links on both sides with maps (linear in the
 * number of links), and lists upcoming occurrences. Arrays are sorted by id.
 */
export function assemble(parts: Parts): Catalogue {
  const byId = <T extends { id: string }>(items: T[]) =>
    new Map(items.map((i) => [i.id, i] as const));
  const sortById = <T extends { id: string }>(items: T[]) =>
    items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const programs = sortById(parts.programs);
  const partners = sortById(parts.partners);
  const guides = sortById(parts.guides);
  const pages = sortById(parts.pages);
  const programById = byId(programs);
  const partnerById = byId(partners);
  const guideById = byId(guides);

  for (const p of programs) {
    p.partners = p.partners.filter((id) => partnerById.has(id));
    p.guides = p.guides.filter((id) => guideById.has(id));
  }
  for (const p of partners) p.programs = p.programs.filter((id) => programById.has(id));
  for (const g of guides) g.programs = g.programs.filter((id) => programById.has(id));

  const collator = new Intl.Collator(parts.library.locale);
  const partnersOfProgram = new Map<string, Set<Partner>>();
  const programsOfPartner = new Map<string, Set<Program>>();
  const guidesOfProgram = new Map<string, Set<Guide>>();
  const programsOfGuide = new Map<string, Set<Program>>();
  const add = <B>(map: Map<string, Set<B>>, key: string, value: B) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  };
  for (const program of programs) {
    for (const id of program.partners) {
      add(partnersOfProgram, program.id, partnerById.get(id)!);
      add(programsOfPartner, id, program);
    }
    for (const id of program.guides) {
      add(guidesOfProgram, program.id, guideById.get(id)!);
      add(programsOfGuide, id, program);
    }
  }
  for (const partner of partners) {
    for (const id of partner.programs) {
      add(partnersOfProgram, id, partner);
      add(programsOfPartner, partner.id, programById.get(id)!);
    }
  }
  for (const guide of guides) {
    for (const id of guide.programs) {
      add(guidesOfProgram, id, guide);
      add(programsOfGuide, guide.id, programById.get(id)!);
    }
  }
  const sorted = <T>(map: Map<string, Set<T>>, key: (t: T) => string) => {
    const out = new Map<string, T[]>();
    for (const [k, set] of map)
      out.set(
        k,
        [...set].sort((a, b) => collator.compare(key(a), key(b))),
      );
    return out;
  };
  const partnersOf = sorted(partnersOfProgram, (p) => p.name);
  const programsOfPartnerSorted = sorted(programsOfPartner, (p) => p.title);
  const guidesOf = sorted(guidesOfProgram, (g) => g.title);
  const programsOfGuideSorted = sorted(programsOfGuide, (p) => p.title);

  const nowMs = parts.now.toMillis();
  const memberPrograms = parts.memberPrograms ?? [];
  const upcoming: Listing[] = [];
  for (const program of [...programs, ...memberPrograms]) {
    for (const occurrence of program.occurrences) {
      if (occurrence.end.toMillis() > nowMs) upcoming.push({ program, occurrence });
    }
  }
  // Sorted on numbers: the start, then the title's rank among the programs' titles (equal
  // titles share a rank, so they keep the order above, as comparing the titles would).
  const titled = [...programs, ...memberPrograms].sort((a, b) =>
    collator.compare(a.title, b.title),
  );
  const rank = new Map<Program, number>();
  titled.forEach((p, i) => {
    const before = titled[i - 1];
    rank.set(p, before && collator.compare(before.title, p.title) === 0 ? rank.get(before)! : i);
  });
  // Days of one zone follow the order of time; with members in other zones, a listing's
  // day (in its own zone) comes first, so each day's listings stay together.
  const zone = parts.library.timezone;
  const mixed = memberPrograms.some((p) => dayZoneOf(p, zone) !== zone);
  const keyed = upcoming.map((l) => ({
    l,
    day: mixed ? l.occurrence.start.setZone(dayZoneOf(l.program, zone)).toISODate()! : "",
    start: l.occurrence.start.toMillis(),
    rank: rank.get(l.program)!,
  }));
  keyed.sort(
    (a, b) =>
      (mixed ? compareText(a.day, b.day) : 0) || a.start - b.start || a.rank - b.rank,
  );
  keyed.forEach((k, i) => (upcoming[i] = k.l));

  return {
    library: parts.library,
    now: parts.now,
    horizon: parts.horizon,
    programs,
    partners,
    guides,
    pages,
    memberPrograms,
    upcoming,
    partnersOf: (id) => partnersOf.get(id) ?? [],
    programsOfPartner: (id) => programsOfPartnerSorted.get(id) ?? [],
    guidesOf: (id) => guidesOf.get(id) ?? [],
    programsOfGuide: (id) => programsOfGuideSorted.get(id) ?? [],
    warnings: parts.warnings,
    ...(parts.strings?.size && { strings: parts.strings }),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
