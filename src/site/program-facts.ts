// What a listing says about a program at a glance, and what the explorer filters on: its
// ages (from its audiences' `ages`), whether it is drop-in (free: `Program.free`), the badge its status
// earns, and the icon that stands in for a missing picture. Pure functions of the model, so
// the static pages (layouts, through `Site`) and the explorer's data file say the same.
import type { Audience, Program, ProgramStatus, Term } from "../content/model.ts";
import { MAX_AGE } from "../content/schema/library.ts";
import { english, listSeparator, t, type Language } from "../i18n/strings.ts";

/** Whether a program can be joined without registering (no registration, or not required). */
export function isDropIn(program: Pick<Program, "registration">): boolean {
  return !program.registration?.required;
}

/**
 * The span of ages a program is for, when every one of its audiences has `ages`: the
 * union of their ranges, where an audience of all ages (families, `[0, 120]`) beside one
 * with a narrower range adds nothing (a lapsit for kids and families is for ages 0–11).
 */
export function agesOf(
  program: Pick<Program, "audiences">,
  audiences: ReadonlyMap<string, Audience>,
): [number, number] | undefined {
  const ranges: (readonly [number, number])[] = [];
  for (const id of program.audiences) {
    const ages = audiences.get(id)?.ages;
    if (!ages) return undefined;
    ranges.push(ages);
  }
  const narrow = ranges.filter(([min, max]) => min > 0 || max < MAX_AGE);
  const used = narrow.length ? narrow : ranges;
  if (!used.length) return undefined;
  return [Math.min(...used.map((r) => r[0])), Math.max(...used.map((r) => r[1]))];
}

/** `[0, 11]` -> "Ages 0–11", `[60, 120]` -> "Ages 60+", `[0, 120]` -> "All ages", `[4, 4]` -> "Age 4". */
export function agesText(
  [min, max]: readonly [number, number],
  lang: Language = english(),
): string {
  // `n`: the age a message's plural form agrees with ("1 an", "4 ans").
  if (max >= MAX_AGE)
    return min === 0 ? t("ages.all", lang) : t("ages.from", lang, { min, n: min });
  return min === max
    ? t("ages.one", lang, { min, n: min })
    : t("ages.range", lang, { min, max, n: max });
}

/**
 * Text as a page prints it, in pieces: each in the page's language, or in another one,
 * `lang` (a label without a value in the page's language: src/site/languages.ts).
 */
export type MarkedText = readonly { text: string; lang?: string }[];

/**
 * Who a program is for, in a few words, in pieces (`MarkedText`): its ages when all its
 * audiences have them ("Ages 0–11"), else its audiences' labels ("Adults, Newcomers"),
 * joined as `lang` joins a list.
 */
export function forWhomPieces(
  program: Pick<Program, "audiences">,
  audiences: ReadonlyMap<string, Audience>,
  lang: Language = english(),
): MarkedText {
  const ages = agesOf(program, audiences);
  if (ages) return [{ text: agesText(ages, lang) }];
  const separator = listSeparator(lang);
  return program.audiences.flatMap((id, i) => {
    const audience = audiences.get(id);
    const label = audience?.lang
      ? { text: audience.label, lang: audience.lang }
      : { text: audience?.label ?? id };
    return i ? [{ text: separator }, label] : [label];
  });
}

/** Marked text as plain text. */
const plainText = (pieces: MarkedText) => pieces.map((piece) => piece.text).join("");

/** `forWhomPieces` as plain text. */
export function forWhom(
  program: Pick<Program, "audiences">,
  audiences: ReadonlyMap<string, Audience>,
  lang: Language = english(),
): string {
  return plainText(forWhomPieces(program, audiences, lang));
}

/** Whether one of the program's audiences is for a child (or anyone) of `age` years. */
export function forAge(
  program: Pick<Program, "audiences">,
  audiences: ReadonlyMap<string, Audience>,
  age: number,
): boolean {
  return program.audiences.some((id) => {
    const ages = audiences.get(id)?.ages;
    return !!ages && ages[0] <= age && age <= ages[1];
  });
}

/**
 * The badge a listing shows, in `lang`: "Cancelled" for a cancelled date or program, else
 * the status; none for a scheduled one.
 */
export function badgeOf(
  status: ProgramStatus,
  cancelledDate = false,
  lang: Language = english(),
): string | undefined {
  if (cancelledDate || status === "cancelled") return t("badge.cancelled", lang);
  return status === "scheduled" ? undefined : t(`status.${status}`, lang);
}

/**
 * The icons listings show for a program without a picture (layouts/assets/explorer.css
 * draws them), each with words that pick it from a category's id or label. A category
 * matches the first icon one of whose words starts one of its words: "Books & reading" ->
 * book, "Media literacy" -> search (before book's "literacy"), "digital-skills" -> laptop,
 * "Te reo Māori" -> speech. No match: calendar.
 */
export const CATEGORY_ICONS: readonly { icon: string; words: readonly string[] }[] = [
  { icon: "search", words: ["media", "news", "fact", "history", "histor", "research", "genealog"] },
  {
    icon: "book",
    words: [
      "book",
      "story",
      "read",
      "literac",
      "librar",
      "lesen",
      "lectur",
      "poet",
      "writ",
      "author",
    ],
  },
  {
    icon: "laptop",
    words: ["tech", "digital", "comput", "coding", "code", "program", "internet", "online", "game"],
  },
  {
    icon: "wrench",
    words: ["make", "maker", "repair", "fix", "diy", "craft", "build", "lego", "robot"],
  },
  { icon: "palette", words: ["art", "paint", "draw", "design", "photo", "film", "kunst"] },
  { icon: "music", words: ["music", "sing", "song", "concert", "danc", "waiata"] },
  {
    icon: "leaf",
    words: ["scien", "nature", "garden", "environment", "green", "stem", "math", "astro"],
  },
  { icon: "heart", words: ["health", "well", "yoga", "fitness", "care", "medic"] },
  {
    icon: "briefcase",
    words: ["career", "job", "money", "financ", "business", "tax", "work", "employ"],
  },
  {
    icon: "speech",
    words: ["language", "esl", "conversation", "reo", "sprach", "english", "spanish", "idioma"],
  },
  {
    icon: "people",
    words: ["cultur", "communit", "famil", "social", "club", "celebrat", "festival", "whānau"],
  },
];

/** Icon name of a category (see CATEGORY_ICONS). */
export function categoryIcon(term: Pick<Term, "id" | "label">): string {
  const words = `${term.id} ${term.label}`
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  for (const { icon, words: stems } of CATEGORY_ICONS) {
    if (words.some((w) => stems.some((stem) => w.startsWith(stem)))) return icon;
  }
  return "calendar";
}

/** What a listing shows about a program at a glance (`Site.factsOf`). */
export interface ProgramFacts {
  /** URL of its picture's smallest variant, when it has one. */
  thumb?: string;
  /** Icon of its first category, shown without a picture. */
  icon: string;
  /** "Ages 0–11", or its audiences' labels. */
  forWhom: string;
  /** `forWhom` in pieces, when one of them is in another language than the page's. */
  forWhomMarked?: MarkedText;
}

/** A program's picture or icon and ages, for its listings (`Site.factsOf`). */
export function programFacts(
  program: Program,
  category: Term | undefined,
  thumb: string | undefined,
  audiences: ReadonlyMap<string, Audience>,
  lang: Language,
): ProgramFacts {
  const pieces = forWhomPieces(program, audiences, lang);
  return {
    ...(thumb && { thumb }),
    icon: category ? categoryIcon(category) : "calendar",
    forWhom: plainText(pieces),
    ...(pieces.some((piece) => piece.lang) && { forWhomMarked: pieces }),
  };
}
