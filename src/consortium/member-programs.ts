// How members' occurrences enter a consortium's catalogue. Each member's `programs.json`
// becomes programs of the consortium's (`Catalogue.memberPrograms`) with the dates it lists
// as their occurrences, in the member's zone, and their page on the member's site as their
// URL: every listing, month calendar, the explorer, the calendar files and the consortium's
// own `programs.json` then hold them as they hold the consortium's own programs, and no
// page is made for them here (their pages are the members').
//
// Ids are made unique across members: a program is `<member>/<program>` (never in an
// address), a location `<member>-<location>` (its page is /locations/<member>-<location>/).
// Audiences and categories are merged by id, the consortium's own labels first.
import { DateTime } from "luxon";
import type {
  Library,
  Location,
  MemberOf,
  Occurrence,
  Program,
  ProgramStatus,
  Term,
} from "../content/model.ts";
import type { MemberFeed } from "./members.ts";
import type { Feed, FeedOccurrence } from "./feed-schema.ts";

export interface MemberCatalogue {
  /** The consortium's library with the members' locations, audiences and categories added. */
  library: Library;
  /** The members' programs, each with its occurrences. */
  programs: Program[];
}

/** A member's program's id in the consortium. */
export const memberProgramId = (member: string, id: string) => `${member}/${id}`;

/** A member's location's id in the consortium. */
export const memberLocationId = (member: string, id: string) => `${member}-${id}`;

/** The members' programs and the consortium's library with their vocabularies. */
export function memberCatalogue(library: Library, feeds: MemberFeed[]): MemberCatalogue {
  const audiences = new Map(library.audiences.map((a) => [a.id, a] as const));
  const categories = new Map(library.categories.map((c) => [c.id, c] as const));
  const locations = new Map(library.locations.map((l) => [l.id, l] as const));
  const languages = { ...library.languages };
  const programs: Program[] = [];
  for (const { member, feed } of feeds) {
    const zone = feed.library.timezone;
    for (const t of feed.library.audiences) if (!audiences.has(t.id)) audiences.set(t.id, term(t));
    for (const t of feed.library.categories)
      if (!categories.has(t.id)) categories.set(t.id, term(t));
    for (const t of feed.library.languages ?? []) languages[t.id] ??= t.label;
    const byProgram = new Map<string, FeedOccurrence[]>();
    const places = new Map<string, Location>();
    for (const o of feed.occurrences) {
      let list = byProgram.get(o.id);
      if (!list) byProgram.set(o.id, (list = []));
      list.push(o);
      if (o.location) {
        const id = memberLocationId(member.id, o.location.id);
        if (!locations.has(id)) locations.set(id, location(id, o.location, member.name));
        places.set(o.location.id, locations.get(id)!);
      }
    }
    addClosures(feed, places);
    const of = { id: member.id, name: member.name, url: member.url, timezone: zone };
    const published = feed.library.url.replace(/\/+$/, "");
    for (const [id, list] of byProgram) {
      const program = memberProgram(memberProgramId(member.id, id), list, of);
      program.url = rebase(program.url, published, member.url);
      programs.push(program);
    }
  }
  // Terms a member's occurrence names but its library does not list are added as they are.
  for (const p of programs) {
    for (const id of p.audiences) if (!audiences.has(id)) audiences.set(id, { id, label: id });
    for (const id of p.categories) if (!categories.has(id)) categories.set(id, { id, label: id });
    for (const code of p.languages) languages[code] ??= code;
  }
  return {
    library: {
      ...library,
      audiences: [...audiences.values()],
      categories: [...categories.values()],
      locations: [...locations.values()],
      languages,
    },
    programs,
  };
}

/**
 * A member's page address on the site the consortium names for it (`url`): the member's
 * file says where its own build thought it is published, and the two differ when a member
 * moves or is served from somewhere else (a test's local server).
 */
export function rebase(url: string, published: string, site: string): string {
  if (published === site) return url;
  return url === published || url.startsWith(`${published}/`)
    ? site + url.slice(published.length)
    : url;
}

/**
 * The member's closed days (its file's `library.closures`) on the consortium's copies of its
 * places (`places`, by the member's ids), as each place's own closed days: a day the whole
 * member library is closed, on every one of its places the consortium lists. Listings and month calendars then show
 * them as they show the consortium's own.
 */
function addClosures(feed: Feed, places: Map<string, Location>): void {
  for (const c of feed.library.closures ?? []) {
    const day = { date: c.date, ...(c.reason && { reason: c.reason }) };
    const closed = c.locations
      ? c.locations.flatMap((id) => places.get(id) ?? [])
      : [...places.values()];
    for (const place of closed) place.closed.push(day);
  }
}

const term = (t: { id: string; label: string }): Term => ({ id: t.id, label: t.label });

function location(
  id: string,
  l: { id: string; name: string; address: string },
  library: string,
): Location {
  return { id, name: l.name, address: l.address, closed: [], member: { name: library, id: l.id } };
}

/** One member program from its occurrences in the member's file (in start order). */
function memberProgram(id: string, list: FeedOccurrence[], member: MemberOf): Program {
  const first = list[0]!;
  // The program's own status is what its dates say besides "cancelled" (the file writes
  // "cancelled" for a cancelled date of a program that still runs); all cancelled: cancelled.
  const status: ProgramStatus = list.find((o) => o.status !== "cancelled")?.status ?? "cancelled";
  const occurrences = list.map((o) => occurrence(o, member.timezone, status));
  // What it costs, whether it needs registering and its languages, when the member's file
  // says (files of older builds do not: nothing is claimed, and the explorer's "free",
  // "drop-in" and language filters leave the program out).
  const facts = {
    ...(first.free !== undefined && { free: first.free }),
    ...(first.dropIn !== undefined && { dropIn: first.dropIn }),
  };
  occurrences.sort((a, b) => a.start.toMillis() - b.start.toMillis());
  return {
    id,
    file: `member:${member.id}`,
    url: first.url,
    body: "",
    title: first.title,
    summary: first.summary,
    audiences: [...first.audiences],
    categories: [...first.categories],
    ...(first.location && { location: memberLocationId(member.id, first.location.id) }),
    ...(first.online && { online: first.online }),
    status,
    schedule: { start: first.start, dates: [], cancelled: [] },
    occurrences,
    ...(first.dropIn === false && { registration: { required: true, full: false } }),
    cost: first.cost ?? "",
    free: first.free === true,
    languages: [...(first.languages ?? [])],
    partners: [],
    guides: [],
    access: [],
    featured: false,
    draft: false,
    extra: {},
    member: { ...member, ...facts },
  };
}

/** An occurrence of the file, in the member's zone (the instant is the file's). */
function occurrence(o: FeedOccurrence, zone: string, status: ProgramStatus): Occurrence {
  const cancelled = o.status === "cancelled" && status !== "cancelled";
  if (o.allDay) {
    const start = DateTime.fromISO(o.start, { zone });
    const end = DateTime.fromISO(o.end, { zone }).plus({ days: 1 });
    return { start, end, allDay: true, cancelled };
  }
  return { start: inZone(o.start, zone), end: inZone(o.end, zone), allDay: false, cancelled };
}

/**
 * A date-time of the file in the member's zone; one written there with its own offset (an
 * online talk given at 7 PM Eastern) keeps that offset, as the member's site shows it.
 */
function inZone(text: string, zone: string): DateTime {
  const written = DateTime.fromISO(text, { setZone: true });
  const local = written.setZone(zone);
  return local.offset === written.offset ? local : written;
}
