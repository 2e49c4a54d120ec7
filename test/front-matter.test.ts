// The two YAML readers of src/content/front-matter.ts must give the same result: the fast one
// (js-yaml with YAML 1.2's core schema) for plain front matter, the careful one (the `yaml`
// package) for everything else and for line numbers. Checked on every content file we
// have, on a generated catalogue, on tricky scalars, and on generated documents.
import { readFile, readdir } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { isSimpleYaml } from "../src/content/fast-yaml.ts";
import {
  carefulParse,
  numbersAsWritten,
  parseYaml,
  readFrontMatter,
  valueComments,
} from "../src/content/front-matter.ts";
import { generateCatalogue } from "../bench/generate.ts";
import { REPO } from "./helpers/site.ts";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { DEFAULT_LIBRARY, makeSite, programFile } from "./helpers/fixture.ts";

/** Both readers on `text`: same data, same error or none, same lines. */
function expectAgreement(text: string, where = ""): void {
  const fast = parseYaml(text, 2, 1);
  const careful = carefulParse(text, 2, 1);
  expect(fast.error === undefined, `${where}: error or not`).toBe(careful.error === undefined);
  if (careful.error) {
    expect(fast.error, where).toEqual(careful.error);
    return;
  }
  expect(isDeepStrictEqual(fast.data, careful.data), `${where}: data`).toBe(true);
  expect(fast.lines.entries(), `${where}: lines`).toEqual(careful.lines.entries());
}

async function filesUnder(dir: string, ext: RegExp): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && ext.test(entry.name)) out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}

/** Front matter of a content file, or a YAML file's whole text. */
function yamlOf(file: string, text: string): string {
  if (file.endsWith(".yaml")) return text;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  return close > 0 ? lines.slice(1, close).join("\n") : "";
}

describe("front matter readers", () => {
  it("agree on every content and library file of the demo and the fixtures", async () => {
    const files = await filesUnder(path.join(REPO, "test", "fixtures"), /\.(md|yaml)$/);
    expect(files.length).toBeGreaterThan(80);
    for (const file of files) {
      expectAgreement(yamlOf(file, await readFile(file, "utf8")), path.relative(REPO, file));
    }
  });

  it("agree on a generated catalogue", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "almanac-fm-"));
    try {
      await generateCatalogue({ programs: 60, root });
      const files = await filesUnder(root, /\.(md|yaml)$/);
      expect(files.length).toBeGreaterThan(60);
      for (const file of files) {
        const yaml = yamlOf(file, await readFile(file, "utf8"));
        expectAgreement(yaml, file);
        // The benchmark's content is plain front matter: `npm run check` is timed on the fast reader.
        if (file.endsWith(".md")) expect(isSimpleYaml(yaml), file).toBe(true);
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("read tricky plain scalars the same way (YAML 1.2 core schema, not 1.1)", () => {
    const scalars = [
      "2026-10-20 18:00",
      "2026-10-20",
      "2026-10-20T18:00:00Z",
      "12:30",
      "1:30:00",
      "yes",
      "no",
      "on",
      "off",
      "y",
      "n",
      "true",
      "True",
      "TRUE",
      "false",
      "False",
      "~",
      "null",
      "Null",
      "NULL",
      "",
      "0",
      "-0",
      "00",
      "010",
      "08",
      "+1",
      "-1",
      "1_000",
      "0o17",
      "0o8",
      "0x1F",
      "0X1F",
      "0x_1",
      "0xG",
      "+0x1",
      "0b101",
      "1__0",
      "0.5",
      ".5",
      "5.",
      "+.5",
      "1e3",
      "1E3",
      "1.0e+3",
      ".inf",
      "-.inf",
      "+.inf",
      ".NaN",
      ".nan",
      "1,000",
      "$1.00",
      "a # comment",
      "a#b",
      "'quoted'",
      '"dq\\u00e9"',
      "''",
      "[a, b]",
      "{a: 1}",
      "- a",
      "x: y: z",
      "１２",
      "@x",
      "`x`",
      "%x",
    ];
    for (const s of scalars) expectAgreement(`k: ${s}`, JSON.stringify(s));
    // Spot checks of what both give.
    expect(parseYaml("k: yes").data).toEqual({ k: "yes" });
    expect(parseYaml("k: 2026-10-20 18:00").data).toEqual({ k: "2026-10-20 18:00" });
    expect(parseYaml("k: 0b101").data).toEqual({ k: "0b101" });
    expect(parseYaml("k: 0x1F").data).toEqual({ k: 31 });
  });

  it("agree on a list indented two ways (found by the generated documents below)", () => {
    expectAgreement("key: \n    - \n- ", "two indents");
    expectAgreement("key:\n  - a\n- b", "two indents, values");
  });

  it("agree on generated documents, written by a YAML library and by hand", () => {
    const text = fc.string({
      unit: fc.constantFrom(..."ab1-_ .:#'\"&*!?|>%@`[]{},\\\n\té€🙂".split("")),
      maxLength: 24,
    });
    const value = fc.oneof(
      text,
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(text, { maxLength: 4 }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), text, { maxKeys: 3 }),
    );
    const record = fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), value, { maxKeys: 6 });
    // Serialised properly: every value survives.
    fc.assert(
      fc.property(record, (data) => expectAgreement(stringify(data))),
      { numRuns: 400 },
    );
    // Written by hand, as staff might: indented `- key: <raw text>` lines, often not YAML.
    const line = fc.tuple(
      fc.constantFrom("", "", " ", "  ", "    "),
      fc.constantFrom("", "- "),
      fc.constantFrom("", "a: ", "b:", "key: ", "c : "),
      text,
    );
    let simple = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const yaml = lines.map((parts) => parts.join("")).join("\n");
        if (isSimpleYaml(yaml)) simple++;
        expectAgreement(yaml);
      }),
      { numRuns: 20000 },
    );
    // Enough of them took the fast reader for the comparison to mean something.
    expect(simple).toBeGreaterThan(1500);
  });

  it("give the line of a field in a file the fast reader read", () => {
    const file = readFrontMatter("---\ntitle: A\nsummary: B\nlist:\n  - x\n  - y\n---\nBody\n");
    expect(file.error).toBeUndefined();
    expect(file.lines.get("summary")).toBe(3);
    expect(file.lines.get("list.1")).toBe(6);
    expect(file.lines.get("missing")).toBe(1);
  });

  it("build data with no prototype, so __proto__ is only ever an own key, in both readers", () => {
    const texts = {
      fast: "__proto__:\n  draft: true\nextra:\n  a:\n    b: 1\n  c:",
      careful: "__proto__: { draft: true }\nextra: { a: { b: 1 }, c: }",
    };
    expect(isSimpleYaml(texts.fast)).toBe(true);
    expect(isSimpleYaml(texts.careful)).toBe(false);
    for (const [reader, text] of Object.entries(texts)) {
      for (const parsed of [parseYaml(text), carefulParse(text)]) {
        const data = parsed.data as Record<string, Record<string, unknown>>;
        expect(Object.getPrototypeOf(data), reader).toBeNull();
        expect(Object.keys(data), reader).toEqual(["__proto__", "extra"]);
        expect(data.draft, reader).toBeUndefined();
        expect(Object.getPrototypeOf(data.extra), reader).toBeNull();
        expect(Object.getPrototypeOf(data.extra!.a), reader).toBeNull();
        // Null values are kept under extra (free-form), dropped elsewhere.
        expect(Object.keys(data.extra!), reader).toEqual(["a", "c"]);
      }
    }
  });

  it("read a 20 MB line without overflowing the stack (the fast reader takes lines up to 2000 characters)", () => {
    const long = `title: ${"x".repeat(20_000_000)}`;
    expect(isSimpleYaml(long)).toBe(false);
    expect(isSimpleYaml(`title: ${"x".repeat(1990)}`)).toBe(true);
    const parsed = parseYaml(long);
    expect(parsed.error).toBeUndefined();
    expect((parsed.data as { title: string }).title).toHaveLength(20_000_000);
  });

  it("refuse nesting deeper than 64 levels before either reader recurses", () => {
    for (const text of [
      `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}`,
      Array.from({ length: 70 }, (_, i) => `${"  ".repeat(i)}k:`).join("\n"),
      `a: ${"- ".repeat(70)}x`.replace("a: ", ""),
    ]) {
      expect(parseYaml(text, 2).error).toEqual({
        line: expect.any(Number),
        message: "bad YAML: nested more than 64 levels deep",
      });
    }
    expect(parseYaml(`a: ${"[".repeat(30)}${"]".repeat(30)}`).error).toBeUndefined();
  });
});

describe("values followed by a comment on their line", () => {
  it("are found in block mappings and lists, with what was written and its line", () => {
    const text = [
      "# a comment line: title: x #y",
      "title: #1 Teen Coding Club",
      "room: Maker Lab #204",
      'summary: "Quoted #1" # a real comment',
      "checklist:",
      "  - Who posted it #first?",
      "  - Plain",
      "tags: [a, b] # a flow list",
      "next:",
      "  # a comment on the next line",
      "  - x",
    ].join("\n");
    expect(valueComments(text, 2)).toEqual([
      { path: "title", line: 3, value: null, written: "#1 Teen Coding Club", item: false },
      { path: "room", line: 4, value: "Maker Lab", written: "Maker Lab #204", item: false },
      {
        path: "checklist.0",
        line: 7,
        value: "Who posted it",
        written: "Who posted it #first?",
        item: true,
      },
    ]);
  });

  it("are looked for only when a line has a # after something else", () => {
    expect(valueComments("# only\ntitle: A\n#   every: week   # day, week or month")).toEqual([]);
    expect(readFrontMatter("---\ntitle: A # b\n---\n").valueComments).toHaveLength(1);
  });
});

describe("bad YAML after a comment", () => {
  it("is reported at the mis-indented field, not at the comment above it", () => {
    const text = ["end: 2026-10-20 19:00", "# To make it a series:", " repeat:", "   every: week"];
    expect(parseYaml(text.join("\n"), 2).error).toEqual({
      line: 4,
      message: "bad YAML: all mapping items must start at the same column",
    });
  });
});

describe("numbers written otherwise than they read", () => {
  it("are found with their paths, and only those", () => {
    const yaml = [
      "title: Club",
      "cost: 5.50",
      "room: 007 # the old lab",
      "duration: 90",
      "price: 5.5",
      "start: 2026-10-20 18:00",
      "checklist:",
      "  - 1.0",
      "  - 3",
      "extra: { code: .5 }",
      "zip: +1",
    ].join("\n");
    expect(numbersAsWritten(yaml)).toEqual([
      { path: "cost", written: "5.50" },
      { path: "room", written: "007" },
      { path: "checklist.0", written: "1.0" },
      { path: "extra.code", written: ".5" },
      { path: "zip", written: "+1" },
    ]);
    expect(
      numbersAsWritten("title: Club\nduration: 90\ncost: 5\nstart: 2026-10-20 18:00\n"),
    ).toEqual([]);
  });

  it("keep their characters in a text field, and read as numbers elsewhere", async () => {
    // A staff review: `cost: 5.50` showed "Cost 5.5", `room: 007` showed "7".
    const root = await makeSite({
      "_data/library.yaml": DEFAULT_LIBRARY,
      "content/programs/lab.md": programFile(
        { title: "Lab", summary: "Numbers." },
        "cost: 5.50\nroom: 007\nduration: 090\n",
        { end: "" },
      ),
    });
    const { catalogue, problems } = await loadCatalogue({
      root,
      env: { ALMANAC_NOW: "2026-10-01T09:00" },
    });
    expect(problems).toEqual([]);
    const lab = catalogue!.programs.find((p) => p.id === "lab")!;
    expect(lab.cost).toBe("5.50");
    expect(lab.room).toBe("007");
    expect(lab.schedule.duration).toBe(90);
  });
});
