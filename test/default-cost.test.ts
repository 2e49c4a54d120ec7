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
      // Free in the main language; its English wording does not say "free" in so many words.
      "content/programs/barro.md": programFile(
        { title: "Barro libre", summary: "Modelado para todos." },
        "cost: Gratis\n",
        { start: "2026-12-05 11:00", end: "2026-12-05 12:00" },
      ),
      "content/programs/barro.en.md":
        "---\ntitle: Open clay\ncost: Nothing to pay, just come\n---\n",
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

  it("and whether a program is free is one fact in every language, whatever its wording", async () => {
    type Occurrences = { occurrences: { id: string; cost: string; free: boolean }[] };
    const json = async (url: string) =>
      (JSON.parse(await site.read(url)) as Occurrences).occurrences.find((o) => o.id === "barro");
    expect(await json("/programs.json")).toMatchObject({ cost: "Gratis", free: true });
    expect(await json("/en/programs.json")).toMatchObject({
      cost: "Nothing to pay, just come",
      free: true,
    });
    // The explorer's "free only" keeps it on the English pages too (a review found the
    // Arabic filter dropping a program whose translated cost was "مجاناً").
    const flag = async (page: string) => {
      const src = /data-explorer data-src="([^"]+)"/.exec(await site.read(page))![1]!;
      const data = JSON.parse(await site.read(src)) as { programs: { id: string; f?: 1 }[] };
      return data.programs.find((p) => p.id === "barro")?.f;
    };
    expect(await flag("/programs/")).toBe(1);
    expect(await flag("/en/programs/")).toBe(1);
  });

  it("and the offline page carries the word to say it", async () => {
    const offline = await site.read("/offline/");
    expect(offline).toContain("&quot;facts.free&quot;:&quot;Gratis&quot;");
  });
});
