// `_data/library.yaml`: read, checked and normalised into the `Library` every other part
// reads (defaults applied, closed days by location).
import type { Audience, ByLanguage, ClosedDay, Library, Location, Term } from "./model.ts";
import { synonymGroups } from "./synonyms.ts";
import { LineIndex, parseYaml } from "./front-matter.ts";
import { librarySchema, type LibraryInput } from "./schema/library.ts";
import { LIBRARY_FILE, Report } from "./entry.ts";
import { fieldName, validate } from "./error-map.ts";
import { checkValues } from "./entries.ts";
import { normaliseHex, readableOn } from "../text/colour.ts";

/** The theme colour when the library sets neither `theme_color` nor `brand`. */
const DEFAULT_THEME_COLOR = "#1d4e89";

/** The library, when it has no errors, and the line of each of its values (for warnings). */
export interface LoadedLibrary {
  library?: Library;
  lines: LineIndex;
}

export function loadLibrary(
  text: string | undefined,
  unreadable: boolean,
  report: Report,
): LoadedLibrary {
  const none = { lines: new LineIndex(1) };
  if (text === undefined) {
    // Reported by the reader when it exists but cannot be used (a folder, too large).
    if (unreadable) return none;
    report.error(
      LIBRARY_FILE,
      1,
      "",
      "file not found: every site needs _data/library.yaml (name, url, timezone, ...)",
    );
    return none;
  }
  const parsed = parseYaml(text.replace(/^\uFEFF/, ""));
  if (parsed.error) {
    report.error(LIBRARY_FILE, parsed.error.line, "", parsed.error.message);
    return none;
  }
  if (typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    report.error(LIBRARY_FILE, 1, "", "must be fields written as name: value, one a line");
    return none;
  }
  const before = report.problems.length;
  const refused = checkValues(parsed.data, [], LIBRARY_FILE, parsed.lines, report);
  const data = validate(librarySchema, parsed.data, LIBRARY_FILE, parsed.lines, report, refused);
  let ok = data !== undefined && report.problems.length === before;
  for (const list of ["locations", "audiences", "categories", "access"] as const) {
    const items = (parsed.data as Record<string, unknown>)[list];
    if (Array.isArray(items)) ok = checkDuplicateIds([list], items, parsed.lines, report) && ok;
  }
  if (data && ok) ok = checkLanguages(data, parsed.lines, report);
  const members = (parsed.data as { consortium?: { members?: unknown } }).consortium?.members;
  if (Array.isArray(members))
    ok = checkDuplicateIds(["consortium", "members"], members, parsed.lines, report) && ok;
  return ok && data ? { library: toLibrary(data), lines: parsed.lines } : { lines: parsed.lines };
}

function checkDuplicateIds(
  list: string[],
  items: unknown[],
  lines: LineIndex,
  report: Report,
): boolean {
  const seen = new Map<string, number>();
  let ok = true;
  items.forEach((item, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== "string") return;
    const line = lines.get([...list, String(i), "id"]);
    const first = seen.get(id);
    if (first !== undefined) {
      const field = list.join(".");
      report.error(LIBRARY_FILE, line, field, `duplicate id "${id}" (first used on line ${first})`);
      ok = false;
    } else {
      seen.set(id, line);
    }
  });
  return ok;
}

/** Text as written: one text, or text by language code. */
type LabelInput = string | Record<string, string>;

/** The languages of the site: `site_languages`, else the library's main language. */
function siteLanguagesOf(d: LibraryInput): string[] {
  return d.site_languages ?? [Object.keys(d.languages ?? defaultLanguages(d.locale))[0]!];
}

/**
 * `site_languages` names codes of `languages`, each once; a label written by language names
 * only those, and the first (default) one, which every other language falls back to.
 */
function checkLanguages(d: LibraryInput, lines: LineIndex, report: Report): boolean {
  const before = report.problems.length;
  const languages = Object.keys(d.languages ?? defaultLanguages(d.locale));
  const site = siteLanguagesOf(d);
  const seen = new Set<string>();
  (d.site_languages ?? []).forEach((code, i) => {
    const line = lines.get(["site_languages", String(i)]);
    if (!languages.includes(code)) {
      report.error(
        LIBRARY_FILE,
        line,
        "site_languages",
        `"${code}" is not one of languages (${languages.join(", ")}): add it to languages with its name, e.g. ${code}: ...`,
      );
    } else if (seen.has(code)) {
      report.error(LIBRARY_FILE, line, "site_languages", `"${code}" is listed twice`);
    }
    seen.add(code);
  });
  if (report.problems.length > before) return false;
  const check = (value: LabelInput | undefined, at: string[]) => {
    if (value === undefined || typeof value === "string") return;
    const field = fieldName(at);
    for (const code of Object.keys(value)) {
      if (!site.includes(code))
        report.error(
          LIBRARY_FILE,
          lines.get([...at, code]),
          field,
          `"${code}" is not one of site_languages (${site.join(", ")}): remove it, or add the language to site_languages`,
        );
    }
    if (value[site[0]!] === undefined)
      report.error(
        LIBRARY_FILE,
        lines.get(at),
        field,
        `needs the text in ${site[0]}, the site's first language, which the others fall back to: add ${site[0]}: ...`,
      );
  };
  check(d.description, ["description"]);
  d.audiences.forEach((t, i) => check(t.label, ["audiences", String(i), "label"]));
  d.categories.forEach((t, i) => check(t.label, ["categories", String(i), "label"]));
  d.access.forEach((t, i) => check(t.label, ["access", String(i), "label"]));
  d.closed.forEach((c, i) => check(c.reason, ["closed", String(i), "reason"]));
  d.locations.forEach((l, i) => {
    check(l.name, ["locations", String(i), "name"]);
    l.closed.forEach((c, j) => check(c.reason, ["locations", String(i), "closed", String(j), "reason"]));
  });
  return report.problems.length === before;
}

/** Text as written, in the default language, and by language when written as a map. */
function localised(value: LabelInput, main: string): { text: string; by?: ByLanguage } {
  return typeof value === "string" ? { text: value } : { text: value[main]!, by: { ...value } };
}

function toClosed(days: { date: string; reason?: LabelInput }[], main: string): ClosedDay[] {
  return days.map((d) => {
    if (d.reason === undefined) return { date: d.date };
    const { text, by } = localised(d.reason, main);
    return by ? { date: d.date, reason: text, reasons: by } : { date: d.date, reason: text };
  });
}

function toLibrary(d: LibraryInput): Library {
  const languages = d.languages ?? defaultLanguages(d.locale);
  const siteLanguages = siteLanguagesOf(d);
  const main = siteLanguages[0]!;
  const labelled = (value: LabelInput) => {
    const { text, by } = localised(value, main);
    return by ? { label: text, labels: by } : { label: text };
  };
  const locations: Location[] = d.locations.map((l) => ({
    id: l.id,
    name: localised(l.name, main).text,
    ...(typeof l.name !== "string" && { names: { ...l.name } }),
    address: l.address,
    ...(l.geo && { geo: l.geo }),
    ...(l.accessibility !== undefined && { accessibility: l.accessibility }),
    ...(l.phone !== undefined && { phone: l.phone }),
    ...(l.hours !== undefined && { hours: l.hours }),
    closed: toClosed(l.closed, main),
  }));
  const term = (t: { id: string; label: LabelInput; description?: string }): Term =>
    t.description === undefined
      ? { id: t.id, ...labelled(t.label) }
      : { id: t.id, ...labelled(t.label), description: t.description };
  const audience = (a: LibraryInput["audiences"][number]): Audience => ({
    ...term(a),
    ...(a.ages && { ages: a.ages }),
    ...(a.terms && { terms: a.terms }),
  });
  return {
    name: d.name,
    url: d.url.replace(/\/+$/, ""),
    timezone: d.timezone,
    locale: d.locale,
    language: Object.keys(languages)[0]!,
    ...(d.description !== undefined && {
      description: localised(d.description, main).text,
      ...(typeof d.description !== "string" && { descriptions: { ...d.description } }),
    }),
    horizonMonths: d.horizon_months,
    listingWeeks: d.listing_weeks,
    ...(d.feedback_url !== undefined && { feedbackUrl: d.feedback_url }),
    contact: { ...d.contact },
    languages,
    siteLanguages,
    locations,
    closed: toClosed(d.closed, main),
    audiences: d.audiences.map(audience),
    categories: d.categories.map(term),
    access: d.access.map((a) => ({ id: a.id, ...labelled(a.label) })),
    search: { synonyms: synonymGroups(d.search.synonyms, d.locale) },
    themeColor: d.theme_color ?? (d.brand ? normaliseHex(d.brand.color) : DEFAULT_THEME_COLOR),
    ...(d.logo !== undefined && { logo: { src: d.logo, alt: d.logo_alt ?? "" } }),
    ...(d.brand && {
      brand: {
        color: normaliseHex(d.brand.color),
        textColor: normaliseHex(d.brand.text_color ?? readableOn(d.brand.color)),
      },
    }),
    ...(d.image !== undefined && { image: d.image }),
    staffReport: d.staff_report,
    ...(d.consortium && {
      consortium: {
        members: d.consortium.members.map((m) => ({
          id: m.id,
          name: m.name,
          url: m.url.replace(/\/+$/, ""),
          source: m.source,
        })),
      },
    }),
    ...(d.consortium_url !== undefined && {
      consortiumUrl: d.consortium_url.replace(/\/+$/, ""),
    }),
    editor: {
      ...(d.editor.repo !== undefined && { repo: d.editor.repo }),
      branch: d.editor.branch,
      ...(d.editor.auth_url !== undefined && { authUrl: d.editor.auth_url }),
    },
  };
}

/** `{ en: "English" }` for `en-US`: the locale's language, named in itself. */
function defaultLanguages(locale: string): Record<string, string> {
  const code = new Intl.Locale(locale).language;
  const name = new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  return { [code]: name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) };
}

/** Per location: ISO date -> reason, the library's closed days plus the location's own. */
export function closedMaps(library: Library): Map<string, Map<string, string | undefined>> {
  const maps = new Map<string, Map<string, string | undefined>>();
  for (const location of library.locations) {
    const map = new Map<string, string | undefined>();
    for (const day of library.closed) map.set(day.date, day.reason);
    for (const day of location.closed) map.set(day.date, day.reason ?? map.get(day.date));
    maps.set(location.id, map);
  }
  return maps;
}
