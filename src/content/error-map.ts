// Schema issues to Problems: zod's issues worded for staff (one line each, with the field
// and its line), did-you-mean for unknown fields. The wording lives here, apart from the
// schemas and the loader, as Starlight keeps its `error-map.ts`.
import path from "node:path";
import type * as z from "zod";
import type { LineIndex } from "./front-matter.ts";
import { didYouMeanHint } from "./problems.ts";
import { TEXT_SCHEMAS, describeValue } from "./schema/common.ts";
import { Report } from "./entry.ts";

/** Fallback wording for issues our schemas do not word themselves. */
function genericMessage(issue: { code?: string; input?: unknown; [k: string]: unknown }): string {
  const i = issue as Record<string, unknown>;
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "required field is missing";
      return `expected ${typeName(String(i.expected))}, got ${describeValue(issue.input)}`;
    case "too_big":
      return i.origin === "string"
        ? `at most ${String(i.maximum)} characters (got ${String(issue.input).length})`
        : i.origin === "array"
          ? `at most ${String(i.maximum)} items (got ${(issue.input as unknown[]).length})`
          : `must be at most ${String(i.maximum)} (got ${String(issue.input)})`;
    case "too_small":
      return i.origin === "string"
        ? "must not be empty"
        : i.origin === "array"
          ? `list at least ${String(i.minimum)}`
          : `must be at least ${String(i.minimum)} (got ${String(issue.input)})`;
    case "invalid_value":
      return `must be one of ${(i.values as unknown[]).map(String).join(", ")}`;
    default:
      return `${describeValue(issue.input)} is not valid here`;
  }
}

function typeName(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "number":
    case "int":
      return "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a group of fields";
    default:
      return expected;
  }
}

/** A schema's `_zod.def`, or undefined. */
const defOf = (node: unknown) =>
  (node as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;

/**
 * The schemas a field's schema is made of, outermost first: through `.optional()`,
 * `.default()` and preprocessing (`z.preprocess`) to the schema that reads the value.
 */
function layers(node: unknown): unknown[] {
  const out: unknown[] = [];
  for (let guard = 0; node && guard < 10; guard++) {
    out.push(node);
    const def = defOf(node);
    if (!def) break;
    if ("innerType" in def) node = def.innerType;
    else if (def.type === "pipe") node = def.out;
    else break;
  }
  return out;
}

/** The schema of the value at `at` (`sources.0.title`), or undefined when there is none. */
function schemaAt(schema: z.ZodType, at: readonly PropertyKey[]): unknown {
  let node: unknown = schema;
  for (const part of at) {
    const def = defOf(layers(node).at(-1));
    if (def?.type === "object") node = (def.shape as Record<string, unknown>)[String(part)];
    else if (def?.type === "array") node = def.element;
    else return undefined;
    if (!node) return undefined;
  }
  return node;
}

/** Names of the fields an object schema accepts at `path`, for did-you-mean on unknown keys. */
function knownKeys(schema: z.ZodType, at: readonly PropertyKey[]): string[] {
  const def = defOf(layers(schemaAt(schema, at)).at(-1));
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

/** Whether the field at `at` is free text (a title, a room), not an id, date or address. */
export function isTextField(schema: z.ZodType, at: readonly PropertyKey[]): boolean {
  return layers(schemaAt(schema, at)).some((n) => n && TEXT_SCHEMAS.has(n as object));
}

/**
 * Validates `data`, reporting every issue at its line. `reported` holds the paths whose
 * values were already refused (src/content/safe-text.ts's rule): the schema's opinion of the same
 * value would only repeat it. `missing` says, by dotted path, why a field that was written
 * is missing (`title: #1 ...`, read as a comment): a "required field is missing" there
 * gets that message instead, and its entry is deleted, so what is left was not required.
 */
export function validate<T>(
  schema: z.ZodType<T>,
  data: unknown,
  file: string,
  lines: LineIndex,
  report: Report,
  reported: ReadonlySet<string> = new Set(),
  missing: Map<string, string> = new Map(),
): T | undefined {
  const result = schema.safeParse(data, { error: genericMessage });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (reported.has(issue.path.join("."))) continue;
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, issue.path);
      for (const key of issue.keys) {
        const keyPath = [...issue.path, key];
        if (reported.has(keyPath.join("."))) continue;
        const hint = didYouMeanHint(key, known);
        const extra = !hint && known.includes("extra") ? "; free-form data goes under extra" : "";
        report.error(
          file,
          lines.get(keyPath.map(String)),
          keyPath.join("."),
          `unknown field${hint}${extra}`,
        );
      }
      continue;
    }
    // A bare date written for `{ date, reason }` reports as the item, not as `.date`.
    const at =
      issue.path.length > 1 && typeof valueAt(data, issue.path.slice(0, -1)) !== "object"
        ? issue.path.slice(0, -1)
        : issue.path;
    const why = issue.input === undefined ? missing.get(at.join(".")) : undefined;
    if (why !== undefined) missing.delete(at.join("."));
    report.error(file, lines.get(at.map(String)), fieldName(at), why ?? issue.message);
  }
  return undefined;
}

function valueAt(data: unknown, at: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of at) value = (value as Record<PropertyKey, unknown> | undefined)?.[part];
  return value;
}

/** `audiences` for an item of an id list (the line says which), `sources.0.url` otherwise. */
export function fieldName(at: readonly PropertyKey[]): string {
  const parts = at.map(String);
  if (parts.length === 2 && /^\d+$/.test(parts[1]!)) return parts[0]!;
  return parts.join(".");
}
