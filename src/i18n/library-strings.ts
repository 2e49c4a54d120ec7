// A library's own interface text: `_data/strings/<code>.yaml`, the keys of Almanac's tables
// (layouts/strings/en.yaml) with the library's words, for a language Almanac ships a table
// for (to change a few messages) or one it does not (te reo Māori, Welsh). Checked with the
// rest of the content: an unknown key is an error (a typo would silently change nothing), a
// key neither this file nor Almanac's table for the language has is a warning (the page
// shows it in the site's default language).
import { readdir } from "node:fs/promises";
import path from "node:path";
import { readSiteFile } from "../content/files.ts";
import { didYouMeanHint } from "../content/problems.ts";
import type { Report } from "../content/entry.ts";
import type { Problem } from "../content/model.ts";
import {
  BASE_LANGUAGE,
  knownKeys,
  PLURAL_CATEGORIES,
  readTable,
  shippedTable,
  type Messages,
} from "./strings.ts";

/** Where a library's tables are, relative to its root. */
export const STRINGS_DIR = "_data/strings";

/**
 * Reads and checks every `_data/strings/<code>.yaml`. `languages`: the library's language
 * codes (a table for another is not used: a warning), `fallback` the site's default language
 * (named in the missing-key warnings). Returns the tables by code, problems in `report`.
 */
export async function loadLibraryStrings(
  root: string,
  languages: readonly string[] | undefined,
  fallback: string,
  report: Report,
): Promise<Map<string, Messages>> {
  const tables = new Map<string, Messages>();
  let names: string[];
  try {
    names = (await readdir(path.join(root, STRINGS_DIR))).sort();
  } catch {
    return tables; // no folder: no tables of its own
  }
  const keys = knownKeys();
  const known = [...keys];
  for (const name of names) {
    const file = `${STRINGS_DIR}/${name}`;
    const match = /^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.ya?ml$/.exec(name);
    if (!match) {
      if (!name.startsWith("."))
        report.warning(
          file,
          1,
          "",
          "not read: a table is named by its language code, such as es.yaml or mi.yaml",
        );
      continue;
    }
    const code = match[1]!;
    const problems: Problem[] = [];
    const text = await readSiteFile(root, file, problems);
    report.problems.push(...problems);
    if (text === undefined) continue;
    const table = readTable(text);
    if (table.error) {
      report.error(file, table.error[0], "", table.error[1]);
      continue;
    }
    for (const [key, line, message] of table.mistakes) report.error(file, line, key, message);
    const messages: Record<string, Messages[string]> = {};
    for (const [key, message] of Object.entries(table.messages)) {
      const line = table.lines.get(key);
      if (!keys.has(key)) {
        report.error(file, line, key, `unknown message${didYouMeanHint(key, known)}`);
        continue;
      }
      const forms = typeof message === "string" ? [] : Object.keys(message);
      const bad = forms.find((f) => !(PLURAL_CATEGORIES as readonly string[]).includes(f));
      if (bad) report.error(file, line, key, `"${bad}" is not a plural form`);
      messages[key] = message;
    }
    if (languages && !languages.includes(code)) {
      report.warning(
        file,
        1,
        "",
        `"${code}" is not one of the library's languages (languages in _data/library.yaml): this table is not used`,
      );
    }
    // Missing: neither here nor in Almanac's own table for the language.
    const ours = shippedTable(code) ?? shippedTable(code.split("-")[0]!) ?? {};
    if (code !== BASE_LANGUAGE) {
      for (const key of known) {
        if (key in messages || key in ours) continue;
        report.warning(
          file,
          table.lines.get(key),
          key,
          `missing: pages show it in the default language (${fallback})`,
        );
      }
    }
    tables.set(code, messages);
  }
  return tables;
}
