// Starter files for `npm run new`: a program, partner, guide or page whose front matter is
// already valid for this library (real ids from `_data/library.yaml`, a start date in the
// future) and whose YAML comments explain each field, so staff edit a working file rather
// than write one from memory. A starter is a draft with placeholder texts
// (src/content/placeholders.ts) that `npm run check` refuses once it is published. Pure:
// the caller reads the library and writes the file.
import type { DateTime } from "luxon";
import type { ClosedDay, Library } from "../content/model.ts";
import { ID_PATTERN } from "../content/schema/common.ts";
import { RESERVED_IDS } from "../content/entries.ts";
import type { Kind } from "../content/files.ts";
import {
  PLACEHOLDER_BODY,
  PLACEHOLDER_LINK,
  PLACEHOLDER_SUMMARY,
} from "../content/placeholders.ts";

/** The kinds of file `npm run new` writes. */
export const STARTER_KINDS = ["program", "partner", "guide", "page"] as const;
export type StarterKind = (typeof STARTER_KINDS)[number];

/** The library settings a starter needs (a `Library` has them all). */
export type StarterLibrary = Pick<
  Library,
  "timezone" | "audiences" | "categories" | "locations" | "closed" | "languages"
>;

export interface Starter {
  /** Path relative to the site root, e.g. `content/programs/teen-coding-club.md`. */
  file: string;
  /** The file's id (its name without `.md`). */
  id: string;
  text: string;
}

/**
 * The id a title gives: lowercase, accents dropped (`Café` -> `cafe`), every run of other
 * characters a single `-`. Empty when the title has no letters or digits at all (a title
 * in a non-Latin script): the caller asks for an explicit id then.
 */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

const FOLDERS: Record<StarterKind, Kind> = {
  program: "programs",
  partner: "partners",
  guide: "guides",
  page: "pages",
};

/**
 * The starter for `kind` titled `title`, dated from `now` (the build's "now" in the
 * library's zone). `id` defaults to `slugify(title)`, with the kind after it when that is
 * a name the site keeps for a page of its own (`today` -> `today-program`, RESERVED_IDS), so
 * the starter passes `npm run check`. Throws a plain sentence when the title or id cannot
 * be used.
 */
export function starter(
  kind: StarterKind,
  title: string,
  library: StarterLibrary,
  now: DateTime,
  given?: string,
): Starter {
  const clean = title.replace(/\s+/g, " ").trim();
  if (!clean) throw new Error("the title is empty: write it in quotes after the kind");
  if (clean.length > 120) {
    throw new Error(`the title has ${clean.length} characters; at most 120 are allowed`);
  }
  const reserved = RESERVED_IDS[FOLDERS[kind]];
  let id = given ?? slugify(title);
  if (given === undefined && Object.hasOwn(reserved, id)) id = `${id}-${kind}`;
  if (!ID_PATTERN.test(id)) {
    throw new Error(
      id
        ? `"${id}" is not a valid id: use lowercase letters, digits and single dashes`
        : `the title gives no file name (it has no Latin letters or digits): add --id some-name`,
    );
  }
  if (Object.hasOwn(reserved, id)) {
    throw new Error(
      `"${id}" is reserved: ${reserved[id]}; choose another, e.g. --id ${id}-${kind}`,
    );
  }
  const file = `content/${FOLDERS[kind]}/${id}.md`;
  const make = { program, partner, guide, page }[kind];
  return { file, id, text: make(clean, id, library, now) };
}

/** `text` ending a sentence: its own `?`, `!` or `.` kept, else a full stop added. */
function sentence(text: string): string {
  return /[.?!…]$/.test(text) ? text : `${text}.`;
}

/** A YAML double-quoted string (JSON strings are valid YAML). */
function q(text: string): string {
  return JSON.stringify(text);
}

/** `[a, b, c]` for a comment listing the choices. */
function choices(ids: string[]): string {
  return ids.length ? ids.join(", ") : "(none yet: add some to _data/library.yaml)";
}

/**
 * 18:00 on the same weekday next week, moved on a day at a time past closed days of the
 * location, so the starter passes `npm run check` without a closed-day warning.
 */
export function starterStart(now: DateTime, closed: Iterable<string>): DateTime {
  const shut = new Set(closed);
  let day = now.startOf("day").plus({ weeks: 1 });
  for (let i = 0; i < 366 && shut.has(day.toISODate()!); i++) day = day.plus({ days: 1 });
  return day.set({ hour: 18, minute: 0 });
}

function closedOf(library: StarterLibrary, location: string | undefined): string[] {
  const days: ClosedDay[] = [...library.closed];
  const loc = library.locations.find((l) => l.id === location);
  if (loc) days.push(...loc.closed);
  return days.map((d) => d.date);
}

/**
 * Every starter is a draft: nothing shows on the site until staff set `draft: false`, and
 * `npm run check` then refuses the starter's placeholder texts left in it.
 */
const DRAFT = [
  `# Off the site while draft is true. When it is ready, set draft: false to publish it`,
  `# (npm run check then points at any starter text left to replace).`,
  `draft: true`,
];

/** The kind's placeholder body: its lines, a blank line after each. */
const body = (kind: StarterKind) => PLACEHOLDER_BODY[kind].flatMap((line) => [line, ``]);

const wall = (d: DateTime) => d.toFormat("yyyy-MM-dd HH:mm");

function program(title: string, id: string, library: StarterLibrary, now: DateTime): string {
  const audiences = library.audiences.map((t) => t.id);
  const categories = library.categories.map((t) => t.id);
  const locations = library.locations.map((l) => l.id);
  const languages = Object.keys(library.languages);
  const location = locations[0];
  const start = starterStart(now, closedOf(library, location));
  const end = start.plus({ hours: 1 });
  const where = location
    ? [
        `# Where it takes place, one of: ${choices(locations)}.`,
        `# Leave it out only for an online-only program (then set online: below).`,
        `location: ${location}`,
        `# room: Meeting Room A`,
        `# Online link (http or https): online-only without location, hybrid with it.`,
        `# online: https://meet.example.org/your-link`,
      ]
    : [
        `# The library has no locations in _data/library.yaml yet, so this starts online-only.`,
        `# Online link (http or https). Add location: <id> for an in-person program.`,
        `online: ${PLACEHOLDER_LINK}`,
      ];
  return [
    `---`,
    `# A new program. Lines starting with # are comments: they are ignored, delete them`,
    `# when you like. Every field is explained in docs/staff-guide.md.`,
    `# Check your work with: npm run check`,
    ``,
    `# Title on the site: plain text, at most 120 characters.`,
    `title: ${q(title)}`,
    `# One or two sentences for listings and search: plain text, at most 300 characters.`,
    `summary: ${q(`${PLACEHOLDER_SUMMARY} a short summary of ${sentence(title)}`)}`,
    `# Who it is for: one or more of: ${choices(audiences)}.`,
    `audiences: [${audiences[0] ?? ""}]`,
    `# What it is about: one or more of: ${choices(categories)}.`,
    `categories: [${categories[0] ?? ""}]`,
    ...where,
    ``,
    `# When: wall-clock time in ${library.timezone}, written YYYY-MM-DD HH:MM (24-hour).`,
    `# A date alone (${start.toISODate()}) means all day.`,
    `start: ${wall(start)}`,
    `# When the first occurrence ends; or write duration: 90 (minutes) instead.`,
    `# Without end or duration it lasts 60 minutes.`,
    `end: ${wall(end)}`,
    `# To make it a series, delete the "# " (the # and the space after it) at the start`,
    `# of the next 5 lines, so repeat: starts at the margin, and edit them:`,
    `# repeat:`,
    ...[
      ["every: week", "day, week or month"],
      [
        `on: [${start.setLocale("en").toFormat("ccc").toLowerCase()}]`,
        "week: weekdays; month: [2nd tue] or [last fri]",
      ],
      [
        `until: ${start.plus({ months: 3 }).toISODate()}`,
        "last date; or count: 12; neither: up to the listing horizon",
      ],
      ["except: []", "dates it does not take place (not shown at all)"],
    ].map(([field, note]) => `#   ${field!.padEnd(20)} # ${note}`),
    `# Dates that stay on the site marked "Cancelled":`,
    `# cancelled: []`,
    `# Extra one-off dates, instead of repeat: [2026-11-05 10:00, 2026-11-19 10:00]`,
    `# dates: []`,
    `# scheduled, cancelled, postponed, rescheduled or moved-online (default scheduled):`,
    `# status: scheduled`,
    ``,
    `# registration:`,
    `#   required: true`,
    `#   url: https://library.example.org/register/123`,
    `#   capacity: 20`,
    `# Price as text (default Free):`,
    `# cost: Free`,
    `# Languages spoken, from: ${choices(languages)} (default ${languages[0] ?? "the library's"}):`,
    `# languages: [${languages[0] ?? "en"}]`,
    `# Ids of files in content/partners/ and content/guides/:`,
    `# partners: []`,
    `# guides: []`,
    `# An image in content/images/, and a description of it for people who cannot see it:`,
    `# image: images/${id}.jpg`,
    `# image_alt: Describe what the picture shows`,
    `# accessibility: ASL interpretation on request, book a week ahead.`,
    `# Set to true to show it first on the home page:`,
    `# featured: false`,
    ...DRAFT,
    `---`,
    ...body("program"),
  ].join("\n");
}

function partner(name: string, id: string, _library: StarterLibrary, _now: DateTime): string {
  return [
    `---`,
    `# A new partner. Lines starting with # are comments. Check your work with: npm run check`,
    ``,
    `# Name of the organisation, at most 120 characters.`,
    `name: ${q(name)}`,
    `# One of: school, business, nonprofit, government, community, other.`,
    `kind: community`,
    `# One or two sentences for the partner directory, at most 300 characters.`,
    `summary: ${q(`${PLACEHOLDER_SUMMARY} what ${name} does with the library.`)}`,
    `# Their own website (http or https):`,
    `# website: https://example.org`,
    `# A logo in content/images/, and its text alternative (required with a logo):`,
    `# logo: images/partners/${id}.png`,
    `# logo_alt: ${name} logo`,
    `# Ids of programs run together (files in content/programs/); programs can also name`,
    `# this partner in their partners: field. Either way the link shows on both pages.`,
    `# programs: []`,
    ...DRAFT,
    `---`,
    ...body("partner"),
  ].join("\n");
}

function guide(title: string, _id: string, library: StarterLibrary, now: DateTime): string {
  const audiences = library.audiences.map((t) => t.id);
  return [
    `---`,
    `# A new guide. Lines starting with # are comments. Check your work with: npm run check`,
    ``,
    `# Title, plain text, at most 120 characters.`,
    `title: ${q(title)}`,
    `# One or two sentences for listings, at most 300 characters.`,
    `summary: ${q(`${PLACEHOLDER_SUMMARY} what readers of ${title} will learn.`)}`,
    `# One of: beginner, intermediate, advanced.`,
    `level: beginner`,
    `# Who it is for: one or more of: ${choices(audiences)}.`,
    `audiences: [${audiences[0] ?? ""}]`,
    `# Free tags:`,
    `# topics: [images, ai]`,
    `# Short checks shown as a checklist (put a line containing ": " in quotes):`,
    `# checklist:`,
    `#   - Who posted it first?`,
    `#   - "Ask yourself: who gains if I share it?"`,
    `# Sources, each with a title and an http(s) address:`,
    `# sources:`,
    `#   - { title: "Reverse image search", url: "https://example.org/ris" }`,
    `# Ids of related programs (files in content/programs/):`,
    `# programs: []`,
    `# When the guide was last reviewed:`,
    `updated: ${now.toISODate()}`,
    ...DRAFT,
    `---`,
    ...body("guide"),
  ].join("\n");
}

function page(title: string, _id: string, _library: StarterLibrary, _now: DateTime): string {
  return [
    `---`,
    `# A new page. Lines starting with # are comments. Check your work with: npm run check`,
    ``,
    `# Title, plain text, at most 120 characters.`,
    `title: ${q(title)}`,
    `# Optional sentence for link previews and search, at most 300 characters:`,
    `# summary: Who we are and what we do.`,
    `# To list the page in the site navigation, give its position (lower numbers first):`,
    `# nav: 5`,
    ...DRAFT,
    `---`,
    ...body("page"),
  ].join("\n");
}
