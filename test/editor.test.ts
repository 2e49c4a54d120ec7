// The browser editor's configuration and files (src/editor/), and /admin/ in a build: every
// schema field has a widget (a new field without one fails here), hints are the field
// docs, the library's vocabularies are the select widgets' options, and the CMS is served
// from the site, loads nothing from a CDN, and is on no public page.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { parse } from "yaml";
import { loadCatalogue } from "../src/content/catalogue.ts";
import type { Library } from "../src/content/model.ts";
import { describeFields } from "../src/content/schema-docs.ts";
import { text } from "../src/content/schema/common.ts";
import { programSchema } from "../src/content/schema/program.ts";
import { TRANSLATABLE } from "../src/content/schema/translation.ts";
import { editorBundle, rewriteBundle, rewriteLocales } from "../src/editor/bundle.ts";
import {
  COLLECTIONS,
  cmsConfig,
  cmsConfigYaml,
  collectionFields,
  PLACEHOLDER_REPO,
  type CmsField,
} from "../src/editor/cms-config.ts";
import { ADMIN_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from "../src/outputs/csp.ts";
import { makeLibrary } from "./helpers/model.ts";
import { buildFixture, REPO, type BuiltSite } from "./helpers/site.ts";
import { listFiles } from "./helpers/walk.ts";

/** Every field path of a CMS field list, in the schema docs' notation (`sources[].url`). */
function paths(fields: CmsField[], prefix = ""): string[] {
  return fields.flatMap((f) => {
    const here = prefix + f.name;
    const children = (f.fields as CmsField[] | undefined) ?? [];
    const sep = f.widget === "list" ? "[]." : ".";
    return [here, ...paths(children, here + sep)];
  });
}

/** The field at a dotted path (`repeat.every`) of a collection. */
function field(fields: CmsField[], dotted: string): CmsField {
  const [first, ...rest] = dotted.split(".");
  const f = fields.find((x) => x.name === first);
  if (!f) throw new Error(`no field ${dotted}`);
  return rest.length ? field(f.fields as CmsField[], rest.join(".")) : f;
}

/** Every field of a CMS field list, nested ones too. */
const allFields = (fields: CmsField[]): CmsField[] =>
  fields.flatMap((f) => [f, ...allFields((f.fields as CmsField[] | undefined) ?? [])]);

/** The demo's vocabularies in one site language (the demo itself has two: below). */
let library: Library;
let demo: Library;
beforeAll(async () => {
  const loaded = await loadCatalogue({ root: path.join(REPO, "test/fixtures/demo") });
  demo = loaded.catalogue!.library;
  library = { ...demo, siteLanguages: [demo.siteLanguages[0]!] };
});

describe("the editor's configuration", () => {
  it("has a widget for every field of every content type, and the body", () => {
    const config = cmsConfig(library);
    expect(config.collections.map((c) => c.name)).toEqual([
      "programs",
      "partners",
      "guides",
      "pages",
    ]);
    for (const { name, schema } of COLLECTIONS) {
      const collection = config.collections.find((c) => c.name === name)!;
      const schemaPaths = describeFields(schema as unknown as z.ZodType).map((f) => f.path);
      expect(paths(collection.fields), name).toEqual([...schemaPaths, "body"]);
      expect(collection.folder).toBe(`content/${name}`);
    }
  });

  it("refuses a schema field that has no widget", () => {
    const grown = programSchema.extend({ parking: text().optional().describe("Parking.") });
    expect(() => collectionFields("programs", grown, library)).toThrowErrorMatchingInlineSnapshot(
      `[Error: [almanac/editor] programs.parking has no widget: add one to src/editor/cms-config.ts]`,
    );
  });

  it("gives each field its schema doc as the hint, and marks optional fields", () => {
    const config = cmsConfig(library);
    for (const { name, schema } of COLLECTIONS) {
      const fields = config.collections.find((c) => c.name === name)!.fields;
      for (const doc of describeFields(schema as unknown as z.ZodType)) {
        if (doc.path.includes("[]")) continue;
        const f = field(fields, doc.path);
        expect(f.hint, `${name}.${doc.path}`).toBe(doc.description);
        expect(f.required, `${name}.${doc.path}`).toBe(doc.required ? undefined : false);
      }
    }
  });

  it("offers the library's audiences, categories, locations, languages and access features", () => {
    const programs = cmsConfig(library).collections[0]!.fields;
    const options = (name: string) =>
      (field(programs, name).options as { value: string }[]).map((o) => o.value);
    expect(options("audiences")).toEqual(library.audiences.map((a) => a.id));
    expect(field(programs, "audiences").multiple).toBe(true);
    expect(options("categories")).toEqual(library.categories.map((c) => c.id));
    expect(options("location")).toEqual(library.locations.map((l) => l.id));
    expect(field(programs, "location").multiple).toBeUndefined();
    expect(options("languages")).toEqual(Object.keys(library.languages));
    expect(options("access")).toEqual(library.access.map((a) => a.id));
    expect(field(programs, "audiences").options).toContainEqual({
      label: library.audiences[0]!.label,
      value: library.audiences[0]!.id,
    });
  });

  it("links partners and guides by file name, and takes the image with its alt text", () => {
    const programs = cmsConfig(library).collections[0]!.fields;
    expect(field(programs, "partners")).toMatchObject({
      widget: "relation",
      collection: "partners",
      value_field: "{{slug}}",
      multiple: true,
    });
    expect(field(programs, "guides")).toMatchObject({ widget: "relation", collection: "guides" });
    expect(field(programs, "image").widget).toBe("image");
    expect(field(programs, "image_alt").hint).toMatch(/required when image is set/);
  });

  it("writes times and dates as staff do: 2026-10-20 18:00 and 2026-10-20", () => {
    const programs = cmsConfig(library).collections[0]!.fields;
    for (const name of ["start", "end"]) {
      expect(field(programs, name)).toMatchObject({
        widget: "datetime",
        format: "YYYY-MM-DD HH:mm",
      });
    }
    for (const name of ["repeat.until", "registration.opens", "publish"]) {
      expect(field(programs, name)).toMatchObject({ type: "date", format: "YYYY-MM-DD" });
    }
  });

  it("types an id by hand where the library defines nothing to choose from", () => {
    const programs = cmsConfig(makeLibrary({ access: [], locations: [] })).collections[0]!.fields;
    expect(field(programs, "access")).toMatchObject({ widget: "list" });
    expect(field(programs, "location")).toMatchObject({ widget: "string" });
  });

  it("opens pull requests on the library's repository, or a placeholder", () => {
    const none = cmsConfig(makeLibrary());
    expect(none.backend).toEqual({ name: "github", repo: PLACEHOLDER_REPO, branch: "main" });
    expect(none.publish_mode).toBe("editorial_workflow");
    const set = cmsConfig(
      makeLibrary({
        editor: { repo: "maple/site", branch: "live", authUrl: "https://auth.example.org/" },
      }),
    );
    expect(set.backend).toEqual({
      name: "github",
      repo: "maple/site",
      branch: "live",
      base_url: "https://auth.example.org/",
    });
  });

  it("has no per-language settings for a library in one site language", () => {
    const config = cmsConfig(library);
    expect(config).not.toHaveProperty("i18n");
    for (const collection of config.collections) {
      expect(collection).not.toHaveProperty("i18n");
      for (const f of allFields(collection.fields)) {
        expect(f, `${collection.name}.${f.name}`).not.toHaveProperty("i18n");
        expect(f.widget, `${collection.name}.${f.name}`).not.toBe("hidden");
      }
    }
  });

  it("is YAML without anchors, which reads back as the same configuration", () => {
    const yaml = cmsConfigYaml(library);
    expect(yaml).not.toMatch(/[&*]a\d/);
    expect(parse(yaml)).toEqual(cmsConfig(library));
  });
});

describe("the editor's configuration for a library in several site languages", () => {
  let frEn: Library;
  beforeAll(async () => {
    const loaded = await loadCatalogue({ root: path.join(REPO, "test/fixtures/editor-languages") });
    frEn = loaded.catalogue!.library;
    expect(frEn.siteLanguages).toEqual(["fr", "en"]);
  });

  it("writes translations as <id>.<code>.md beside <id>.md, new items in the first language only", () => {
    const config = cmsConfig(frEn);
    expect(config.i18n).toEqual({
      structure: "multiple_files",
      locales: ["fr", "en"],
      default_locale: "fr",
      omit_default_locale_from_file_path: true,
      initial_locales: "default",
    });
    for (const collection of config.collections) expect(collection.i18n).toBe(true);
    // The demo's second language is another list (and the same option names).
    expect(cmsConfig(demo).i18n).toMatchObject({ locales: ["en", "es"], default_locale: "en" });
  });

  it("translates only the fields a translation may hold, and the body", () => {
    for (const collection of cmsConfig(frEn).collections) {
      const translated = allFields(collection.fields)
        .filter((f) => f.i18n === true)
        .map((f) => f.name);
      const kind = collection.name as keyof typeof TRANSLATABLE;
      // A guide's source titles stay out: the CMS has one shape for every language's file.
      const expected = TRANSLATABLE[kind].filter((f) => !(kind === "guides" && f === "sources"));
      expect(translated.sort(), collection.name).toEqual([...expected, "body"].sort());
      for (const f of allFields(collection.fields).filter((f) => f.i18n === true)) {
        // Required in the first language only, and no default copied into a translation.
        if (f.required !== false)
          expect(f.required, `${collection.name}.${f.name}`).toEqual(["fr"]);
        expect(f, `${collection.name}.${f.name}`).not.toHaveProperty("default");
      }
    }
  });

  it("keeps a guide's sources and a program's extra data as written, and every other field as in one language", () => {
    const several = cmsConfig(frEn).collections;
    const one = cmsConfig({ ...frEn, siteLanguages: ["fr"] }).collections;
    const guides = several.find((c) => c.name === "guides")!.fields;
    const programs = several.find((c) => c.name === "programs")!.fields;
    expect(field(guides, "sources")).toEqual({
      name: "sources",
      label: "Sources",
      widget: "hidden",
      required: false,
      hint: field(one.find((c) => c.name === "guides")!.fields, "sources").hint,
    });
    expect(field(programs, "extra")).toMatchObject({ widget: "hidden", required: false });
    for (const [i, collection] of several.entries()) {
      const before = one[i]!.fields;
      collection.fields.forEach((f, j) => {
        if (f.i18n !== true && f.widget !== "hidden") expect(f).toEqual(before[j]);
      });
    }
  });
});

describe("the editor's files", () => {
  it("point the CMS's fonts and its own folder at the site, and fail when they move", () => {
    const sample =
      "src:url(https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2);iP=`https://unpkg.com/@sveltia/cms`,[`initial-scale=1`,`maximum-scale=1`,`x`]";
    const { text: out, fonts } = rewriteBundle(
      sample,
      (pkg, version, file) => `${pkg}@${version}:${file}`,
    );
    expect(out).toBe(
      "src:url(/admin/fonts/noto-mono-latin-400-normal.woff2);iP=`/admin/sveltia-cms`,[`initial-scale=1`,`x`]",
    );
    expect(fonts).toEqual([
      {
        url: "/admin/fonts/noto-mono-latin-400-normal.woff2",
        source: "@fontsource/noto-mono@5.3.0:noto-mono-latin-400-normal.woff2",
      },
    ]);
    expect(() => rewriteBundle("iP=`https://unpkg.com/@sveltia/cms`", () => "")).toThrow(
      "[almanac/editor] no Fontsource font found in the CMS",
    );
  });

  it("rewrites the installed CMS so that it loads nothing from a CDN", () => {
    const bundle = editorBundle();
    const script = bundle.files.find((f) => `/${f.output}` === bundle.script)!;
    const code = String(script.contents);
    expect(code).not.toMatch(/cdn\.jsdelivr\.net|fonts\.googleapis|unpkg\.com\/@sveltia\/cms\b/);
    expect(code).not.toContain("maximum-scale");
    const outputs = bundle.files.map((f) => f.output);
    expect(outputs).toContain("admin/fonts/material-symbols-outlined-latin-wght-normal.woff2");
    expect(outputs).toContain("admin/sveltia-cms/package.json");
    for (const f of bundle.files) expect(f.output.startsWith("admin/"), f.output).toBe(true);
  });

  it("publishes the interface languages of the library's languages only, and lists only those", () => {
    const bundle = editorBundle(["en-US", "en", "fr", "es"]);
    const code = String(bundle.files.find((f) => `/${f.output}` === bundle.script)!.contents);
    const locales = bundle.files
      .map((f) => f.output)
      .filter((o) => o.includes("/locales/"))
      .map((o) => o.replace(`admin/sveltia-cms@${bundle.version}/locales/`, ""));
    // en-US is the CMS's fallback, whose strings are in the bundle: it needs no file.
    expect(locales).toEqual(["en-CA.json", "en-GB.json", "es-CO.json", "fr.json"]);
    expect(code).toContain("`en-CA,en-GB,en-US,es-CO,fr`.split(`,`)");
    expect(code).toContain("fallbackLocale:");
    // Another library's languages, another list (and another hashed name).
    const other = editorBundle(["ar"]);
    expect(other.script).not.toBe(bundle.script);
    expect(other.files.filter((f) => f.output.includes("/locales/")).map((f) => f.output)).toEqual([
      `admin/sveltia-cms@${bundle.version}/locales/ar.json`,
    ]);
  });

  it("stops the build when the CMS's list of languages has moved", () => {
    const list = "AQ=`en-US`,jQ=`de,en-US`.split(`,`),x;init({fallbackLocale:AQ})";
    expect(rewriteLocales(list, ["de", "en-US"], []).text).toContain("jQ=`en-US`.split(`,`)");
    expect(() => rewriteLocales(list, ["de", "en-US", "fr"], [])).toThrow(
      "[almanac/editor] the CMS's list of interface languages has moved",
    );
    expect(() =>
      rewriteLocales(list.replace("fallbackLocale:AQ", "x"), ["de", "en-US"], []),
    ).toThrow("[almanac/editor] the CMS's fallback interface language has moved");
  });
});

describe("/admin/ in a build", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture(path.join(REPO, "test/fixtures/basic"));
  });

  it("serves the CMS, its generated configuration and its own policy", async () => {
    const html = await site.read("/admin/");
    const { script, version } = editorBundle(["en-US", "en", "es"]);
    expect(html).toContain(`<script src="${script}"></script>`);
    // The fixture writes in en and es: their interface languages, and not German.
    expect(site.exists(`/admin/sveltia-cms@${version}/locales/es-CO.json`)).toBe(true);
    expect(site.exists(`/admin/sveltia-cms@${version}/locales/de.json`)).toBe(false);
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain(
      ADMIN_CONTENT_SECURITY_POLICY.replace(/; frame-ancestors.*$/, "").replace(/'/g, "&#39;"),
    );
    expect(site.exists(script)).toBe(true);
    const { catalogue } = await loadCatalogue({ root: path.join(REPO, "test/fixtures/basic") });
    expect(await site.read("/admin/config.yml")).toBe(cmsConfigYaml(catalogue!.library));
    expect(await site.read("/admin/.htaccess")).toContain(ADMIN_CONTENT_SECURITY_POLICY);
    const headers = await site.read("/_headers");
    expect(headers.indexOf(ADMIN_CONTENT_SECURITY_POLICY)).toBeGreaterThan(
      headers.indexOf(CONTENT_SECURITY_POLICY),
    );
  });

  it("keeps the CMS off public pages, the sitemap, search and the offline cache", async () => {
    const files = listFiles(site.output);
    for (const f of files.filter((f) => f.endsWith(".html") && !f.startsWith("admin/"))) {
      const html = await readFile(path.join(site.output, f), "utf8");
      expect(html, f).not.toMatch(/sveltia|\/admin\//);
    }
    expect(await site.read("/sitemap.xml")).not.toContain("/admin/");
    expect(await site.read("/sw.js")).not.toContain("/admin/");
    expect(files.filter((f) => f.startsWith("pagefind/") && f.includes("admin"))).toEqual([]);
  });
});
