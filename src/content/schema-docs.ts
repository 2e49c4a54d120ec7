// The field reference in docs/content.md is generated from the zod schemas, so the docs
// cannot drift from what the validator accepts (`npm run docs`; a test fails when stale).
import {
  guideTranslationSchema,
  pageTranslationSchema,
  partnerTranslationSchema,
  programTranslationSchema,
} from "./schema/translation.ts";
import type * as z from "zod";
import { librarySchema } from "./schema/library.ts";
import { programSchema } from "./schema/program.ts";
import { partnerSchema } from "./schema/partner.ts";
import { guideSchema } from "./schema/guide.ts";
import { pageSchema } from "./schema/page.ts";

export interface FieldDoc {
  /** Dotted path; `[]` marks the items of a list, e.g. `sources[].url`. */
  path: string;
  required: boolean;
  description: string;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  out?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
};
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Peels optional/default/preprocess/pipe wrappers, noting whether the field may be left out. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean; description?: string } {
  let current = schema;
  let optional = false;
  let description = schema.description;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (
      def.type === "optional" ||
      def.type === "default" ||
      def.type === "prefault" ||
      def.type === "nullable"
    ) {
      optional = true;
      current = def.innerType!;
    } else if (def.type === "pipe") {
      current = defOf(def.out!).type === "transform" ? def.in! : def.out!;
    } else {
      break;
    }
    description ??= current.description;
  }
  return { inner: current, optional, description };
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = defOf(schema);
  if (def.type === "object") return def.shape;
  if (def.type === "union") {
    for (const option of def.options ?? []) {
      const shape = objectShape(unwrap(option).inner);
      if (shape) return shape;
    }
  }
  return undefined;
}

/** Every field of an object schema, nested objects and lists of objects included. */
export function describeFields(schema: z.ZodType, prefix = ""): FieldDoc[] {
  const shape = objectShape(unwrap(schema).inner);
  if (!shape) return [];
  const out: FieldDoc[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const { inner, optional, description } = unwrap(field);
    const path = prefix + key;
    out.push({ path, required: !optional, description: description ?? "" });
    const def = defOf(inner);
    if (def.type === "array" && def.element) {
      out.push(...describeFields(def.element, `${path}[].`));
    } else if (key !== "extra") {
      out.push(...describeFields(inner, `${path}.`));
    }
  }
  return out;
}

export const CONTENT_TYPES = [
  { title: "Library settings", file: "_data/library.yaml", schema: librarySchema },
  { title: "Programs", file: "content/programs/<id>.md", schema: programSchema },
  { title: "Partners", file: "content/partners/<id>.md", schema: partnerSchema },
  { title: "Media-literacy guides", file: "content/guides/<id>.md", schema: guideSchema },
  { title: "Pages", file: "content/pages/<id>.md", schema: pageSchema },
  {
    title: "Translations of programs",
    file: "content/programs/<id>.<code>.md",
    schema: programTranslationSchema,
  },
  {
    title: "Translations of partners",
    file: "content/partners/<id>.<code>.md",
    schema: partnerTranslationSchema,
  },
  {
    title: "Translations of guides",
    file: "content/guides/<id>.<code>.md",
    schema: guideTranslationSchema,
  },
  {
    title: "Translations of pages",
    file: "content/pages/<id>.<code>.md",
    schema: pageTranslationSchema,
  },
] as const;

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The generated part of docs/content.md: one table per content type. */
export function fieldTables(): string {
  return CONTENT_TYPES.map(({ title, file, schema }) => {
    const rows = describeFields(schema as z.ZodType).map(
      (f) => `| \`${f.path}\` | ${f.required ? "required" : "optional"} | ${cell(f.description)} |`,
    );
    return [
      `### ${title}: \`${file}\``,
      "",
      "| field | | what it means |",
      "| --- | --- | --- |",
      ...rows,
    ].join("\n");
  }).join("\n\n");
}

export const GENERATED_START =
  "<!-- fields:start (generated from src/schema by `npm run docs`; do not edit by hand) -->";
export const GENERATED_END = "<!-- fields:end -->";

/** Replaces the generated block of a docs page with fresh tables. */
export function updateFieldDocs(page: string): string {
  const start = page.indexOf(GENERATED_START);
  const end = page.indexOf(GENERATED_END);
  if (start < 0 || end < start)
    throw new Error(`docs/content.md must contain ${GENERATED_START} and ${GENERATED_END}`);
  return (
    page.slice(0, start + GENERATED_START.length) +
    "\n\n" +
    fieldTables() +
    "\n\n" +
    page.slice(end)
  );
}
