// Schema issues to Problems: zod's issues worded for staff (one line each, with the field
// and its line), did-you-mean for unknown fields. The wording lives here, apart from the
// schemas and the loader, as Starlight keeps its `error-map.ts`.
import path from "node:path";
import type * as z from "zod";
import type { LineIndex } from "./front-matter.ts";
import { didYouMeanHint } from "./problems.ts";
import { describeValue } from "./schema/common.ts";
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

/** Names of the fields an object schema accepts at `path`, for did-you-mean on unknown keys. */
function knownKeys(schema: z.ZodType, at: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  const unwrap = () => {
    for (let guard = 0; guard < 10; guard++) {
      const def = (node as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
      if (!def) return;
      if ("innerType" in def) node = def.innerType;
      else if (def.type === "pipe") node = def.out;
      else return;
    }
  };
  unwrap();
  for (const part of at) {
    const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === "object") node = (def.shape as Record<string, unknown>)[String(part)];
    else if (def.type === "array") node = def.element;
    else return [];
    unwrap();
    if (!node) return [];
  }
  const def = (node as { _zod: { def: Record<string, unknown> } })._zod.def;
  return def.type === "object" ? Object.keys(def.shape as object) : [];
}

/**
 * Validates `data`, reporting every issue at its line. `reported` holds the paths whose
 * values were already refused (src/content/safe-text.ts's rule): the schema's opinion of the same
 * value would only repeat it.
 */
export function validate<T>(
  schema: z.ZodType<T>,
  data: unknown,
  file: string,
  lines: LineIndex,
  report: Report,
  reported: ReadonlySet<string> = new Set(),
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
    report.error(file, lines.get(at.map(String)), fieldName(at), issue.message);
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
