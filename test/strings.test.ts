// The interface text tables (src/i18n/strings.ts, layouts/strings/*.yaml) and a library's
// own (`_data/strings/<code>.yaml`, src/i18n/library-strings.ts): every shipped table has
// every key and no other, each message names only the values English names, every key the
// layouts and src/ use exists; `t` picks plural forms and writes numbers by the language;
// a library's table is checked (unknown keys are errors, missing ones warnings) and used.
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { formatProblems } from "../src/content/problems.ts";
import {
  BASE_LANGUAGE,
  language,
  readTable,
  shippedCodes,
  shippedTable,
  t,
  TABLES_DIR,
  type Message,
} from "../src/i18n/strings.ts";
import { translator } from "../layouts/assets/lib/strings.js";
import { makeSite } from "./helpers/fixture.ts";
import { REPO } from "./helpers/site.ts";

const names = (message: Message): Set<string> => {
  const texts = typeof message === "string" ? [message] : Object.values(message);
  return new Set(texts.flatMap((s) => [...s!.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]!)));
};

describe("the shipped tables", () => {
  const english = shippedTable(BASE_LANGUAGE)!;

  it("are English, Spanish, French and Arabic", () => {
    expect(shippedCodes()).toEqual(["ar", "en", "es", "fr"]);
  });

  it.each(shippedCodes())("%s has every key, no other, and reads cleanly", async (code) => {
    const table = readTable(await readFile(path.join(TABLES_DIR, `${code}.yaml`), "utf8"));
    expect(table.error).toBeUndefined();
    expect(table.mistakes).toEqual([]);
    const keys = Object.keys(table.messages);
    expect(keys.filter((k) => !(k in english))).toEqual([]);
    expect(Object.keys(english).filter((k) => !(k in table.messages))).toEqual([]);
    // A message names only values English gives it, and a plural message has `other`.
    const wrong = keys.filter((k) => {
      const m = table.messages[k]!;
      if (typeof m !== "string" && m.other === undefined) return true;
      return [...names(m)].some((n) => !names(english[k]!).has(n));
    });
    expect(wrong).toEqual([]);
    // Not left in English by mistake (a few words are the same in both).
    if (code !== BASE_LANGUAGE) {
      const same = keys.filter(
        (k) => JSON.stringify(table.messages[k]) === JSON.stringify(english[k]),
      );
      expect(same.length).toBeLessThan(keys.length / 8);
    }
  });

  it("have every key the layouts and the site view use", async () => {
    const used = new Set<string>();
    const dirs = [
      "layouts/includes",
      "layouts/pages",
      "layouts/assets",
      "layouts/consortium",
      "src/site",
      "src/search",
      "src/outputs",
    ];
    for (const dir of dirs) {
      // Folders too: the modules page scripts import (layouts/assets/lib/).
      const entries = await readdir(path.join(REPO, dir), { recursive: true, withFileTypes: true });
      for (const entry of entries.filter((e) => e.isFile())) {
        const text = await readFile(path.join(entry.parentPath, entry.name), "utf8");
        for (const m of text.matchAll(/"([a-zA-Z]+\.[a-zA-Z.-]+)"\s*\|\s*t\(/g)) used.add(m[1]!);
        for (const m of text.matchAll(
          /\b(?:t|tr|trNodes|tr\.nodes)\(\s*"([a-zA-Z]+\.[a-zA-Z.-]+)"/g,
        ))
          used.add(m[1]!);
        for (const m of text.matchAll(/^titleKey: (\S+)$/gm)) used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((k) => !(k in english))).toEqual([]);
  });
});

describe("t", () => {
  it("fills in values, with numbers and plural forms by the language", () => {
    const en = language("en", { locale: "en-US" });
    expect(t("count.programs", en, { n: 1 })).toBe("1 program");
    expect(t("count.programs", en, { n: 1200 })).toBe("1,200 programs");
    const fr = language("fr", { locale: "fr-FR" });
    expect(t("count.programs", fr, { n: 1200 })).toBe("1\u202f200 activités");
    const ar = language("ar", { locale: "ar" });
    expect(ar.dir).toBe("rtl");
    expect(t("count.programs", ar, { n: 2 })).toBe("نشاطان");
    expect(t("count.programs", ar, { n: 3 })).toBe(`${(3).toLocaleString("ar")} أنشطة`);
    expect(() => t("no.such", en)).toThrow('[almanac/strings] no message "no.such"');
  });

  it("writes a sentence's full stop once after a value that ends with one", () => {
    // "La inscripción abre el martes, 20 de abril de 2027, 9:00 a. m.." (a review).
    const es = language("es", { locale: "es-CL" });
    const when = "martes, 20 de abril de 2027, 9:00 a.\u00a0m.";
    expect(t("closure.library", es)).toBe("Biblioteca cerrada");
    const opens = t("registration.opens", es, { when });
    expect(opens).toMatch(/a\.\u00a0m\.$/);
    expect(opens).not.toContain("m..");
    // Tags after the value (a <time>) change nothing.
    expect(t("registration.opens", es, { when: `<time>${when}</time>` })).toMatch(/m\.<\/time>$/);
    // A value that does not end with one keeps the sentence's.
    const en = language("en", { locale: "en-US" });
    expect(t("registration.opens", en, { when: "Tuesday, April 20, 2027, 9:00 AM" })).toMatch(
      /AM\.$/,
    );
  });

  it("and so do the page scripts' messages", () => {
    const tr = translator({ opens: "La inscripción abre el {when}.", n: "{a}. {b}." }, "es");
    expect(tr("opens", { when: "martes, 9:00 a.\u00a0m." })).toBe(
      "La inscripción abre el martes, 9:00 a.\u00a0m.",
    );
    expect(tr("n", { a: "x", b: "y." })).toBe("x. y.");
  });

  it("says ages in Arabic with the noun's number after the count", () => {
    const ar = language("ar", { locale: "ar" });
    const from = (min: number) => t("ages.from", ar, { min, n: min });
    expect(from(1)).toBe("من سنة واحدة فما فوق");
    expect(from(2)).toBe("من سنتين فما فوق");
    expect(from(4)).toBe(`من ${(4).toLocaleString("ar")} سنوات فما فوق`);
    expect(from(13)).toBe(`من ${(13).toLocaleString("ar")} سنة فما فوق`);
    // A Spanish branch's closure says no gender it cannot know ("Sucursal ...: cerrado").
    const es = language("es", { locale: "es-ES" });
    expect(t("closure.place", es, { name: "Sucursal Eastside" })).toBe(
      "Cierre de Sucursal Eastside",
    );
  });

  it("falls back to the default language, then English, for a language without a table", () => {
    const mi = language("mi", {
      fallback: "es",
      own: new Map([["mi", { "nav.menu": "Tahua" }]]),
    });
    expect(mi.dir).toBe("ltr");
    expect(t("nav.menu", mi)).toBe("Tahua");
    expect(t("nav.search", mi)).toBe("Buscar");
  });
});

describe("a library's own tables", () => {
  it("are checked: unknown keys and bad values are errors, missing keys warnings", async () => {
    const root = await makeSite({
      "_data/strings/es.yaml": "nav:\n  menu: Menú principal\n  serch: Buscar\n",
      "_data/strings/mi.yaml": "# Te reo Māori\nnav:\n  menu: Tahua\n  programs: [Hōtaka]\n",
      "_data/strings/notes.txt": "not a table\n",
    });
    const { problems, catalogue } = await loadCatalogue({ root });
    expect(catalogue).toBeUndefined();
    const lines = formatProblems(problems).split("\n");
    expect(lines.filter((l) => !l.includes("missing: pages show"))).toMatchInlineSnapshot(`
      [
        "_data/strings/es.yaml:3: nav.serch: unknown message (did you mean "nav.search"?)",
        "_data/strings/mi.yaml:1: warning: "mi" is not one of the library's languages (languages in _data/library.yaml): this table is not used",
        "_data/strings/mi.yaml:4: nav.programs: must be text (or text by plural form)",
        "_data/strings/notes.txt:1: warning: not read: a table is named by its language code, such as es.yaml or mi.yaml",
        "2 errors, 357 warnings",
      ]
    `);
    // Spanish has Almanac's table: nothing is missing. Te reo Māori has none: every key
    // but the one given is, one line each, at its group's line when the group is there.
    const missing = lines.filter((l) => l.includes("missing: pages show"));
    expect(missing.every((l) => l.startsWith("_data/strings/mi.yaml:"))).toBe(true);
    expect(missing).toContain(
      "_data/strings/mi.yaml:2: warning: nav.search: missing: pages show it in the default language (en)",
    );
    expect(missing).toContain(
      "_data/strings/mi.yaml:1: warning: title.programs: missing: pages show it in the default language (en)",
    );
  });

  it("change the pages' words", async () => {
    const root = await makeSite({ "_data/strings/en.yaml": "nav:\n  menu: Browse\n" });
    const { problems, catalogue } = await loadCatalogue({ root });
    expect(problems).toEqual([]);
    const { Site } = await import("../src/site/site.ts");
    const site = new Site(catalogue!);
    expect(site.t("nav.menu")).toBe("Browse");
    expect(site.t("nav.search")).toBe("Search");
  });
});
