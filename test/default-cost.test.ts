// `cost` defaults to "Free" (CONTENT-FORMAT.md): a program that sets none shows the word in
// the page's language ("Costo: Gratis" on a Spanish page, not "Costo: Free"), while a cost
// staff wrote, or a translation's own, is shown as written. A patron's review of the demo
// found "Costo: Free" on /es/programs/homework-help/. Another library: Spanish first.
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIBRARY, makeSite, programFile } from "./helpers/fixture.ts";
import { buildFixture, type BuiltSite } from "./helpers/site.ts";

const LIBRARY = `${DEFAULT_LIBRARY.replace("locale: en-US", "locale: es-MX").replace(
  "languages: { en: English, es: Español }",
  "languages: { es: Español, en: English }",
)}site_languages: [es, en]\n`;

/** The text of the Cost fact of a page. */
const cost = (html: string) => /<dt>(?:Costo|Cost)<\/dt>\s*<dd>(.*?)<\/dd>/.exec(html)?.[1];

describe("the default cost", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    const root = await makeSite({
      "_data/library.yaml": LIBRARY,
      "content/programs/ajedrez.md": programFile(
        { title: "Club de ajedrez", summary: "Para todas las edades." },
        "",
        { start: "2026-12-03 18:30", end: "2026-12-03 20:00" },
      ),
      "content/programs/taller.md": programFile(
        { title: "Taller de cerámica", summary: "Barro y torno." },
        "cost: $5, materiales incluidos\n",
        { start: "2026-12-04 18:30", end: "2026-12-04 20:00" },
      ),
    });
    site = await buildFixture(root, "2026-11-28T10:00");
    expect(site.ok).toBe(true);
  }, 120_000);

  it("is said in the page's language", async () => {
    expect(cost(await site.read("/programs/ajedrez/"))).toBe("Gratis");
    expect(cost(await site.read("/en/programs/ajedrez/"))).toBe("Free");
  });

  it("while a cost staff wrote is shown as written", async () => {
    expect(cost(await site.read("/programs/taller/"))).toBe("$5, materiales incluidos");
  });

  it("and the offline page carries the word to say it", async () => {
    const offline = await site.read("/offline/");
    expect(offline).toContain("&quot;facts.free&quot;:&quot;Gratis&quot;");
  });
});
