import { describe, it, expect } from "vitest";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describeFields, updateFieldDocs, CONTENT_TYPES } from "../src/content/schema-docs.ts";
import type * as z from "zod";

const DOC = path.resolve(import.meta.dirname, "../docs/content.md");

describe("docs/content.md", () => {
  it("has field tables matching the schemas (run `npm run docs` after changing a schema)", async () => {
    const page = await readFile(DOC, "utf8");
    expect(updateFieldDocs(page)).toBe(page);
  });

  it("documents every field of every content type, with a description", () => {
    for (const { schema } of CONTENT_TYPES) {
      const fields = describeFields(schema as z.ZodType);
      // Pages' translations have the fewest: title and summary.
      expect(fields.length).toBeGreaterThan(1);
      for (const f of fields) expect(f.description, f.path).not.toBe("");
    }
  });

  it("lists the fields of CONTENT-FORMAT.md with their nesting", () => {
    const program = describeFields(CONTENT_TYPES[1].schema as z.ZodType).map((f) => f.path);
    for (const p of [
      "title",
      "repeat.every",
      "repeat.except",
      "registration.opens",
      "image_alt",
      "extra",
    ]) {
      expect(program).toContain(p);
    }
    const library = describeFields(CONTENT_TYPES[0].schema as z.ZodType).map((f) => f.path);
    expect(library).toContain("locations[].closed");
    expect(library).toContain("closed[].reason");
  });
});
