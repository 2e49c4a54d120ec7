// The browser editor's configuration (`/admin/config.yml`, read by Sveltia CMS), made from
// the zod schemas and the library: one collection a content type, one widget a schema
// field, the field's doc as its hint, and the library's audiences, categories, locations,
// languages and access features as the options of select widgets. A schema field without
// a widget here is an error (`cmsConfig` throws), so a new field cannot be forgotten. With
// several `site_languages`, the CMS's per-language files: translations `<id>.<code>.md` of
// the translatable fields only (docs/editor.md, "Translations").
// docs/editor.md says why Sveltia CMS, and how it is set up for staff.
import type * as z from "zod";
import { stringify } from "yaml";
import type { Library } from "../content/model.ts";
import { describeFields, type FieldDoc } from "../content/schema-docs.ts";
import { DEFAULT_COST, PROGRAM_STATUSES, programSchema } from "../content/schema/program.ts";
import { PARTNER_KINDS, partnerSchema } from "../content/schema/partner.ts";
import { GUIDE_LEVELS, guideSchema } from "../content/schema/guide.ts";
import { pageSchema } from "../content/schema/page.ts";
import { TRANSLATABLE } from "../content/schema/translation.ts";

/** One field of a collection, as Sveltia CMS (and Decap CMS) read it. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  /** `false` for an optional field; in a library of several languages, where it is required. */
  required?: false | string[];
  /** Whether the field is translated (`true`) or kept in the first language's file only. */
  i18n?: boolean;
  hint?: string;
  [option: string]: unknown;
}

export interface CmsCollection {
  name: string;
  label: string;
  label_singular: string;
  folder: string;
  extension: "md";
  format: "frontmatter";
  create: true;
  identifier_field: string;
  slug: string;
  summary: string;
  /** Set when the library has several `site_languages`: the collection has translations. */
  i18n?: true;
  fields: CmsField[];
}

/** The repository placeholder when `editor.repo` is not set: local editing still works. */
export const PLACEHOLDER_REPO = "your-account/your-library-site";

/**
 * Times as staff write them by hand (`2026-10-20 18:00`, wall-clock in the library's zone:
 * src/schedule/time.ts), in Day.js tokens. The widget stores what was typed, in no zone.
 */
const DATE_TIME = { widget: "datetime", format: "YYYY-MM-DD HH:mm" };
const DATE = { widget: "datetime", type: "date", format: "YYYY-MM-DD" };

type Options = { label: string; value: string }[];
type Spec = { widget: string; label?: string; [option: string]: unknown };

/** What a collection's widgets draw on: the select widgets' options, from library.yaml. */
interface Vocabularies {
  audiences: Options;
  categories: Options;
  locations: Options;
  languages: Options;
  access: Options;
}

/** A select widget; a list of ids typed by hand when the library defines none to pick from. */
const select = (options: Options, multiple: boolean): Spec =>
  options.length === 0
    ? multiple
      ? { widget: "list", field: { name: "id", widget: "string" } }
      : { widget: "string" }
    : { widget: "select", options, ...(multiple && { multiple: true }) };
const choice = (values: readonly string[]): Spec =>
  select(
    values.map((v) => ({ label: v.replace(/-/g, " "), value: v })),
    false,
  );
/** Ids of another collection's files (their file names, the CMS's `{{slug}}`). */
const relation = (collection: string, display: string): Spec => ({
  widget: "relation",
  collection,
  value_field: "{{slug}}",
  search_fields: [display],
  display_fields: [display],
  multiple: true,
});
const list = (field: Spec): Spec => ({ widget: "list", field: { name: "item", ...field } });

/** The widget of every schema field, by its path (`repeat.every`, `sources[].url`). */
function widgets(v: Vocabularies): Record<string, Record<string, Spec>> {
  const shared = {
    draft: { widget: "boolean", default: false },
    publish: { ...DATE, label: "Publish on" },
  };
  return {
    programs: {
      title: { widget: "string" },
      summary: { widget: "text" },
      audiences: select(v.audiences, true),
      categories: select(v.categories, true),
      location: select(v.locations, false),
      room: { widget: "string" },
      online: { widget: "string", label: "Online link" },
      start: DATE_TIME,
      end: DATE_TIME,
      duration: { widget: "number", value_type: "int", min: 1, label: "Duration (minutes)" },
      repeat: { widget: "object", collapsed: true },
      "repeat.every": choice(["day", "week", "month"]),
      "repeat.interval": { widget: "number", value_type: "int", min: 1, max: 52, default: 1 },
      "repeat.on": list({ widget: "string" }),
      "repeat.until": DATE,
      "repeat.count": { widget: "number", value_type: "int", min: 1, max: 1000 },
      "repeat.except": list(DATE),
      cancelled: list(DATE),
      dates: list(DATE_TIME),
      status: { ...choice(PROGRAM_STATUSES), default: "scheduled" },
      registration: { widget: "object", collapsed: true },
      "registration.required": { widget: "boolean", default: false },
      "registration.url": { widget: "string", label: "Registration link" },
      "registration.capacity": { widget: "number", value_type: "int", min: 1 },
      "registration.opens": DATE,
      "registration.closes": DATE,
      "registration.full": { widget: "boolean", default: false },
      cost: { widget: "string", default: DEFAULT_COST },
      languages: select(v.languages, true),
      partners: relation("partners", "name"),
      guides: relation("guides", "title"),
      image: { widget: "image" },
      image_alt: { widget: "string", label: "Image description (alt text)" },
      accessibility: { widget: "text" },
      access: { ...select(v.access, true), label: "Access features" },
      featured: { widget: "boolean", default: false },
      ...shared,
      extra: { widget: "keyvalue", label: "Extra data" },
    },
    partners: {
      name: { widget: "string" },
      kind: choice(PARTNER_KINDS),
      summary: { widget: "text" },
      website: { widget: "string" },
      logo: { widget: "image" },
      logo_alt: { widget: "string", label: "Logo description (alt text)" },
      programs: relation("programs", "title"),
      ...shared,
    },
    guides: {
      title: { widget: "string" },
      summary: { widget: "text" },
      level: choice(GUIDE_LEVELS),
      audiences: select(v.audiences, true),
      topics: list({ widget: "string" }),
      checklist: list({ widget: "string" }),
      sources: { widget: "list" },
      "sources[].title": { widget: "string" },
      "sources[].url": { widget: "string" },
      programs: relation("programs", "title"),
      updated: { ...DATE, label: "Last reviewed" },
      ...shared,
    },
    pages: {
      title: { widget: "string" },
      summary: { widget: "text" },
      nav: {
        widget: "number",
        value_type: "int",
        min: 0,
        max: 999,
        label: "Position in navigation",
      },
      ...shared,
    },
  };
}

/** The content types the editor edits, in the order of its sidebar. */
export const COLLECTIONS = [
  { name: "programs", label: "Programs", singular: "Program", schema: programSchema, id: "title" },
  { name: "partners", label: "Partners", singular: "Partner", schema: partnerSchema, id: "name" },
  { name: "guides", label: "Guides", singular: "Guide", schema: guideSchema, id: "title" },
  { name: "pages", label: "Pages", singular: "Page", schema: pageSchema, id: "title" },
] as const;

const BODY: CmsField = {
  name: "body",
  label: "Description",
  widget: "markdown",
  hint: "The full text of the page, in Markdown. Describe images in their alt text.",
};

const labelOf = (name: string) => (name.charAt(0).toUpperCase() + name.slice(1)).replace(/_/g, " ");

/** The fields under `prefix` (`""` for the top level), from the schema's field docs. */
function fieldsOf(
  docs: FieldDoc[],
  specs: Record<string, Spec>,
  collection: string,
  prefix = "",
): CmsField[] {
  const out: CmsField[] = [];
  for (const doc of docs) {
    const rest = doc.path.slice(prefix.length);
    if (!doc.path.startsWith(prefix) || /[.[]/.test(rest)) continue;
    const spec = specs[doc.path];
    if (!spec) {
      throw new Error(
        `[almanac/editor] ${collection}.${doc.path} has no widget: add one to src/editor/cms-config.ts`,
      );
    }
    const { label, ...options } = spec;
    const field: CmsField = {
      name: rest,
      label: (label as string | undefined) ?? labelOf(rest),
      ...options,
      widget: spec.widget,
      ...(!doc.required && { required: false }),
      ...(doc.description && { hint: doc.description }),
    };
    const children = docs.filter((d) => d.path.startsWith(`${doc.path}.`));
    const items = docs.filter((d) => d.path.startsWith(`${doc.path}[].`));
    if (children.length) field.fields = fieldsOf(children, specs, collection, `${doc.path}.`);
    if (items.length) field.fields = fieldsOf(items, specs, collection, `${doc.path}[].`);
    out.push(field);
  }
  return out;
}

/** The widgets of `library`'s editor, by collection and field path. */
function widgetsFor(library: Library): Record<string, Record<string, Spec>> {
  const terms = (list: { id: string; label: string }[]): Options =>
    list.map((t) => ({ label: t.label, value: t.id }));
  return widgets({
    audiences: terms(library.audiences),
    categories: terms(library.categories),
    locations: library.locations.map((l) => ({ label: l.name, value: l.id })),
    languages: Object.entries(library.languages).map(([value, label]) => ({ label, value })),
    access: terms(library.access),
  });
}

/**
 * The fields of collection `name` for `schema` (one of COLLECTIONS' or a grown one), the
 * body last. Throws `[almanac/editor] ...` for a schema field without a widget.
 */
export function collectionFields(name: string, schema: z.ZodType, library: Library): CmsField[] {
  const specs = widgetsFor(library)[name];
  if (!specs) throw new Error(`[almanac/editor] no collection ${name}`);
  return [...fieldsOf(describeFields(schema), specs, name), BODY];
}

/**
 * The fields a translation may hold, by collection (docs/content.md, "Translations"), as the
 * editor writes them: all but a guide's `sources` (below).
 */
const EDITOR_TRANSLATABLE: Readonly<Record<string, readonly string[]>> = {
  ...TRANSLATABLE,
  guides: TRANSLATABLE.guides.filter((f) => f !== "sources"),
};

/**
 * Fields kept as written, neither shown nor changed (the CMS's `hidden` widget), in a library
 * of several languages, because the CMS rewrites every language's file of an item on each
 * save (checked on Sveltia CMS 0.221.1, test/editor.browser.test.ts):
 * - a guide's `sources`: a translation lists titles where its base file lists `{ title, url }`,
 *   and the CMS has one shape for every language; as a list it would drop a translation's
 *   titles whenever the guide is saved;
 * - `extra` (a `keyvalue` widget): the CMS writes a key-value field into every language's
 *   file, `extra: {}` when it is empty, which a translation may not hold.
 */
const KEPT_AS_WRITTEN: Readonly<Record<string, readonly string[]>> = {
  programs: ["extra"],
  guides: ["sources"],
};

/**
 * `fields` for a library in several languages: the fields a translation holds, and the
 * body, are translated (`i18n: true`, required in the first language only, since a
 * translation leaves out what it does not translate); every other field stays unmarked
 * (`i18n: false`, the CMS's default), so the CMS shows it in the first language only and
 * writes it into no translation's file.
 */
function translatedFields(fields: CmsField[], collection: string, first: string): CmsField[] {
  const translatable = EDITOR_TRANSLATABLE[collection] ?? [];
  const kept = KEPT_AS_WRITTEN[collection] ?? [];
  return fields.map((f) => {
    if (f === BODY || translatable.includes(f.name)) {
      // No default: the CMS would write it into each new translation (`cost: Free` over a
      // base file's `cost: $5`); a translation without the field shows its base file's.
      const { default: _, ...field } = f;
      return { ...field, i18n: true, ...(f.required !== false && { required: [first] }) };
    }
    if (kept.includes(f.name)) {
      const { name, label, required, hint } = f;
      return {
        name,
        label,
        widget: "hidden",
        ...(required === false && { required }),
        ...(hint && { hint }),
      };
    }
    return f;
  });
}

/**
 * The CMS's own per-language files for a library in several `site_languages`: a translation
 * beside its base file, `<id>.<code>.md`, the first language's file named `<id>.md`.
 * Option names as Sveltia CMS 0.221.1 reads them: `normalizeI18nConfig` in its
 * src/lib/services/contents/i18n/config/index.js (in node_modules/@sveltia/cms/dist/*.map).
 */
function i18nOf(library: Library): Record<string, unknown> | undefined {
  const [first, ...others] = library.siteLanguages;
  if (!first || others.length === 0) return undefined;
  return {
    structure: "multiple_files",
    locales: library.siteLanguages,
    default_locale: first,
    // The base file is `<id>.md`, not `<id>.<first>.md`.
    omit_default_locale_from_file_path: true,
    // A new item is written in the first language only; staff add a translation when they
    // have one (an item without one shows in its own language on the other sites).
    initial_locales: "default",
  };
}

/** The editor's configuration for `library`, as an object (`cmsConfigYaml` writes it). */
export function cmsConfig(library: Library): Record<string, unknown> & {
  collections: CmsCollection[];
} {
  const { repo, branch, authUrl } = library.editor;
  const i18n = i18nOf(library);
  const first = library.siteLanguages[0]!;
  return {
    backend: {
      name: "github",
      repo: repo ?? PLACEHOLDER_REPO,
      branch,
      ...(authUrl && { base_url: authUrl }),
    },
    // Changes become pull requests, checked by the deploy workflow before they are merged.
    publish_mode: "editorial_workflow",
    site_url: library.url,
    media_folder: "content/images",
    // Image fields hold paths relative to content/ (`images/photo.jpg`), as staff write them.
    public_folder: "images",
    // An empty optional field is left out rather than written as "" (which check refuses).
    output: { omit_empty_optional_fields: true },
    // File names are ids: lowercase ASCII letters, digits and single dashes.
    slug: { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
    ...(i18n && { i18n }),
    collections: COLLECTIONS.map(({ name, label, singular, schema, id }) => {
      const fields = collectionFields(name, schema as unknown as z.ZodType, library);
      return {
        name,
        label,
        label_singular: singular,
        folder: `content/${name}`,
        extension: "md" as const,
        format: "frontmatter" as const,
        create: true as const,
        identifier_field: id,
        slug: `{{${id}}}`,
        summary: `{{${id}}}`,
        ...(i18n && { i18n: true as const }),
        fields: i18n ? translatedFields(fields, name, first) : fields,
      };
    }),
  };
}

/** `/admin/config.yml`. */
export function cmsConfigYaml(library: Library): string {
  return (
    "# The browser editor's settings, generated by Almanac from its content schemas and\n" +
    "# _data/library.yaml on every build: do not edit (docs/editor.md).\n" +
    stringify(cmsConfig(library), { lineWidth: 0, aliasDuplicateObjects: false })
  );
}
