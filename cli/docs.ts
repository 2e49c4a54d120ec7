// `npm run docs`: regenerates the field tables in docs/content.md from the schemas.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { updateFieldDocs } from "../src/content/schema-docs.ts";

const file = path.resolve(import.meta.dirname, "../docs/content.md");
await writeFile(file, updateFieldDocs(await readFile(file, "utf8")));
console.log(`Updated ${path.relative(process.cwd(), file)}`);
