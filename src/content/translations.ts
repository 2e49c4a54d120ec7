// Translations, `content/<kind>/<id>.<code>.md` (docs/content.md, "Translations"): each is
// checked against its kind's translatable fields, its language against `site_languages`,
// and its base file's existence; the checked ones are attached to their items by language.
import type * as z from "zod";
import type {
  GuideTranslation,
  Library,
  PageTranslation,
  PartnerTranslation,
  ProgramTranslation,
} from "./model.ts";
import type { ContentFile, Kind } from "./files.ts";
import { LIBRARY_FILE, type Entry, type Report } from "./entry.ts";
import { loadEntry } from "./entries.ts";
import { programSchema } from "./schema/program.ts";
import { partnerSchema } from "./schema/partner.ts";
import { guideSchema } from "./schema/guide.ts";
import { pageSchema } from "./schema/page.ts";
import {
  TRANSLATABLE,
  TRANSLATION_SCHEMAS,
  type GuideTranslationInput,
  type PageTranslationInput,
  type PartnerTranslationInput,
  type ProgramTranslationInput,
} from "./schema/translation.ts";

/** Every field of each kind, translatable or not. */
const FIELDS_OF: Readonly<Record<Kind, readonly string[]>> = {
  programs: Object.keys(programSchema.shape),
  partners: Object.keys(partnerSchema.shape),
  guides: Object.keys(guideSchema.shape),
  pages: Object.keys(pageSchema.shape),
};

/** A checked translation's entry, with its language. */
export type TranslationEntry = Entry<Record<string, unknown>> & { kind: Kind; lang: string };

/**
 * Checks translation files: the language is one of `site_languages` other than the first
 * (the base files are in that one), the base file exists (`ids`: the base files of each
 * kind), and the front matter holds translatable fields only. Without a library (it has
 * errors), the languages are not checked.
 */
export function loadTranslations(
  files: readonly ContentFile[],
  library: Library | undefined,
  ids: Readonly<Record<Kind, ReadonlySet<string>>>,
  report: Report,
): TranslationEntry[] {
  const out: TranslationEntry[] = [];
  for (const file of files) {
    const { kind, id, lang } = file;
    if (!lang) continue;
    const base = `content/${kind}/${id}.md`;
    let ok = true;
    if (library) {
      const site = library.siteLanguages;
      if (lang === site[0]) {
        report.error(
          file.file,
          1,
          "",
          `"${lang}" is the site's first language, the one ${base} is written in: put this text in ${base}, or list another language first in site_languages`,
        );
        ok = false;
      } else if (!site.includes(lang)) {
        report.error(
          file.file,
          1,
          "",
          `"${lang}" is not one of site_languages (${site.join(", ")}) in ${LIBRARY_FILE}: add it there, or rename the file`,
        );
        ok = false;
      }
    }
    if (!ids[kind].has(id)) {
      report.error(
        file.file,
        1,
        "",
        `a translation of ${base}, which does not exist: name the file after the item it translates, <id>.${lang}.md`,
      );
      ok = false;
    }
    const allowed = TRANSLATABLE[kind];
    const refused = new Set(FIELDS_OF[kind].filter((f) => !allowed.includes(f)));
    const schema = TRANSLATION_SCHEMAS[kind] as z.ZodType<Record<string, unknown>>;
    const entry = loadEntry(schema, file, report, {
      fields: refused,
      message: (field) =>
        `cannot be translated: a translation holds only ${allowed.join(", ")} and the body; ${field} comes from ${base}`,
    });
    if (!ok) entry.failed = true;
    out.push({ ...entry, kind, lang });
  }
  return out;
}

/** The translations of one kind, by item id then language. */
export function translationsOf(
  entries: readonly TranslationEntry[],
  kind: Kind,
): Map<string, Map<string, TranslationEntry>> {
  const out = new Map<string, Map<string, TranslationEntry>>();
  for (const e of entries) {
    if (e.kind !== kind || !e.data) continue;
    let byLang = out.get(e.id);
    if (!byLang) out.set(e.id, (byLang = new Map()));
    byLang.set(e.lang, e);
  }
  return out;
}

/** Only the fields given: a translation without `room` shows the base file's. */
function given<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

export function toProgramTranslation(e: TranslationEntry): ProgramTranslation {
  const d = e.data as ProgramTranslationInput;
  return given({
    file: e.file,
    body: e.body,
    title: d.title,
    summary: d.summary,
    room: d.room,
    accessibility: d.accessibility,
    cost: d.cost,
    imageAlt: d.image_alt,
  });
}

export function toPartnerTranslation(e: TranslationEntry): PartnerTranslation {
  const d = e.data as PartnerTranslationInput;
  return given({
    file: e.file,
    body: e.body,
    name: d.name,
    summary: d.summary,
    logoAlt: d.logo_alt,
  });
}

export function toGuideTranslation(e: TranslationEntry): GuideTranslation {
  const d = e.data as GuideTranslationInput;
  return given({
    file: e.file,
    body: e.body,
    title: d.title,
    summary: d.summary,
    checklist: d.checklist,
    sourceTitles: d.sources,
  });
}

export function toPageTranslation(e: TranslationEntry): PageTranslation {
  const d = e.data as PageTranslationInput;
  return given({ file: e.file, body: e.body, title: d.title, summary: d.summary });
}

/**
 * A guide translation's `sources` gives one title per source of its base file, in order:
 * a different count is an error (which title goes with which address would be a guess).
 */
export function checkSourceTitles(
  e: TranslationEntry,
  sources: number,
  report: Report,
): void {
  const titles = (e.data as GuideTranslationInput | undefined)?.sources;
  if (!titles || titles.length === sources) return;
  report.error(
    e.file,
    e.lines.get(["sources"]),
    "sources",
    `lists ${titles.length} title${titles.length === 1 ? "" : "s"}, but content/guides/${e.id}.md has ${sources} source${sources === 1 ? "" : "s"}: give one title per source, in the same order`,
  );
  e.failed = true;
}
