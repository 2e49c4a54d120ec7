// What a page is indexed with besides its visible text (src/search/words.ts and
// programSearchData): audience words and ages, categories, access features, languages,
// when it meets, and the equivalent spellings of what it says; and the vocabulary the
// search page checks query words against.
import { describe, it, expect } from "vitest";
import {
  BUILT_IN_SYNONYMS,
  equivalentsIn,
  htmlText,
  indexedText,
  IndexVocabularies,
  pageIndexName,
  Vocabulary,
  wordsOf,
} from "../src/search/words.ts";
import { agesOf, itemSearchData, programSearchData } from "../src/search/page-data.ts";
import { synonymGroups } from "../src/content/synonyms.ts";
import { Site } from "../src/site/site.ts";
import { makeCatalogue, makeLibrary, makeProgram, weekly } from "./helpers/model.ts";

describe("equivalentsIn", () => {
  const groups = BUILT_IN_SYNONYMS.en!;

  it("adds the other spellings of a phrase the text holds, apart, joined or hyphenated", () => {
    expect(equivalentsIn("Storytime at ten", groups)).toEqual(["story time", "story hour"]);
    expect(equivalentsIn("Story time in the garden", groups)).toEqual(["storytime", "story hour"]);
    expect(equivalentsIn("A drop-in session; bring your e-mail address", groups)).toEqual([
      "dropin",
      "email",
    ]);
    expect(equivalentsIn("Build with LEGOS", groups)).toEqual([]);
    expect(equivalentsIn("Build with Lego", groups)).toEqual(["legos"]);
    expect(equivalentsIn("Step-free entrance", groups)).toEqual([
      "level access",
      "wheelchair accessible",
      "wheelchair access",
    ]);
  });

  it("reads & as and, and leaves texts without any phrase alone", () => {
    const dnd = synonymGroups({ dnd: ["dungeons and dragons"] });
    expect(equivalentsIn("Teen Dungeons & Dragons", dnd)).toEqual(["dnd"]);
    expect(equivalentsIn("A quiet reading hour", groups)).toEqual([]);
    // A word inside another word is not the word.
    expect(equivalentsIn("Relegation blues", groups)).toEqual([]);
  });
});

describe("the text Pagefind indexes", () => {
  it("is the body element's text without data-pagefind-ignore, scripts and styles, plus metadata values", () => {
    const html = [
      "<html><head><title>T</title></head><body><nav>Menu words</nav>",
      '<article data-pagefind-body><div class="search-data"><span data-pagefind-meta="keywords[data-value]" data-value="toddler · Step-free access"></span></div>',
      "<h1>Lego &amp; Duplo</h1><aside data-pagefind-ignore><p>Ignored <b>aside</b></p></aside>",
      "<p>Build<br>things <img src=x alt=y> with <script>no()</script>us&#39; bricks</p>",
      "<section data-pagefind-ignore><section>nested ignored</section></section><p>after</p>",
      "</article><footer>Footer words</footer></body></html>",
    ].join("");
    expect(indexedText(html)).toBe(
      "toddler · Step-free access Lego & Duplo Build things with us' bricks after",
    );
    expect(indexedText("<main><h1>A listing</h1></main>")).toBe("");
  });

  it("splits into folded words, compounds whole and in parts", () => {
    expect(wordsOf("Kōrero Māori: drop-in E-mail help, 3.5 hrs")).toEqual([
      "korero",
      "maori",
      "dropin",
      "drop",
      "in",
      "email",
      "e",
      "mail",
      "help",
      "35",
      "3",
      "5",
      "hrs",
    ]);
    expect(htmlText("<p>Tea &amp; <em>cake</em>&nbsp;&#x1F370;</p>")).toBe("Tea & cake 🍰");
  });

  it("becomes a vocabulary: words most pages have first, then alphabetically", () => {
    const v = new Vocabulary();
    v.add("lego club lego");
    v.add("chess club");
    v.add("Club " + "x".repeat(41));
    expect(v.list()).toEqual(["club", "chess", "lego"]);
  });
});

// On a site in Spanish and Arabic, `ajedrez` (only on the Spanish pages) passed the Arabic
// search page's check against one word list for the whole site, and Pagefind's Arabic index
// then matched pages by its first letter.
describe("the vocabularies of an index in several languages", () => {
  const page = (lang: string | undefined, text: string) =>
    `<!doctype html>\n<html${lang === undefined ? "" : ` lang="${lang}"`} dir="auto">\n` +
    `<head><title>x</title></head>\n<body>\n<main data-pagefind-body>${text}</main>`;
  const words = (files: [string, string][]) =>
    Object.fromEntries(files.map(([file, json]) => [file, JSON.parse(json).words]));

  it("names a page's index by its <html lang> in lower case, as Pagefind does", () => {
    expect(pageIndexName(page("es-CL", ""))).toBe("es-cl");
    expect(pageIndexName("<html dir=rtl lang=ar><body>")).toBe("ar");
    expect(pageIndexName(page(undefined, ""))).toBe("unknown");
  });

  it("lists each language index's words apart, beside every page's", () => {
    const v = new IndexVocabularies(true);
    v.addPage(page("es-CL", "Club de ajedrez"));
    // An item untranslated into Arabic is on the Arabic pages in Spanish: in that index.
    v.addPage(page("ar", 'نادي الشطرنج <span lang="es">Hora del cuento</span>'));
    v.addPage(page("ar", "نادي"));
    v.addPage("<html lang=ar><body><p>not indexed</p>");
    expect(words(v.files())).toEqual({
      "pagefind/almanac-words.json": expect.arrayContaining(["ajedrez", "نادي", "cuento"]),
      "pagefind/almanac-words.ar.json": ["نادي", "cuento", "del", "hora", "الشطرنج"],
      "pagefind/almanac-words.es-cl.json": ["ajedrez", "club", "de"],
    });
  });

  it("is one list when the whole site is one index", () => {
    const v = new IndexVocabularies(false);
    v.addPage(page("es-CL", "Club de ajedrez"));
    v.addPage(page("ar", "نادي"));
    expect(words(v.files())).toEqual({
      "pagefind/almanac-words.json": ["ajedrez", "club", "de", "نادي"],
    });
  });
});

describe("a program's search data", () => {
  const library = makeLibrary({
    audiences: [
      { id: "kids", label: "Kids (0–11)", ages: [0, 11], terms: ["toddler", "preschool"] },
      { id: "teens", label: "Teens", ages: [12, 14] },
      { id: "adults", label: "Adults" },
    ],
    access: [
      { id: "asl", label: "ASL interpretation" },
      { id: "step-free", label: "Step-free access" },
    ],
    search: { synonyms: synonymGroups({ "rhyme time": ["rhymetime"] }) },
  });

  function dataOf(program: Parameters<typeof makeProgram>[0], now = "2026-10-01T09:00") {
    const p = makeProgram(program);
    const site = new Site(makeCatalogue({ library, programs: [p], now }));
    return { site, p, data: programSearchData(site, p) };
  }
  const meta = (d: { meta: [string, string][] }, name: string) =>
    d.meta.find(([n]) => n === name)?.[1];
  const filter = (d: { filters: [string, string][] }, name: string) =>
    d.filters.filter(([n]) => n === name).map(([, v]) => v);

  it("carries audience words, categories, room, access, languages and when it meets as keywords", () => {
    const { data } = dataOf({
      title: "Rhyme Time",
      summary: "Songs and bounces.",
      audiences: ["kids"],
      categories: ["technology"],
      room: "Story Room",
      access: ["asl", "step-free"],
      languages: ["en", "es"],
      occurrences: weekly("2026-10-20T10:30", 3),
    });
    expect(meta(data, "keywords")).toBe(
      [
        "Kids (0–11)",
        "toddler",
        "preschool",
        "Technology",
        "Story Room",
        "ASL interpretation",
        "Step-free access",
        "English",
        "Español",
        "Spanish",
        "Tuesday",
        "in the morning",
        "rhymetime",
        "children",
        "american sign language",
        "sign language",
        "level access",
        "wheelchair accessible",
        "wheelchair access",
      ].join(" · "),
    );
    expect(meta(data, "place")).toBe("Central Library");
  });

  it("filters by each year of its audiences' ages, its access features and whether it has dates", () => {
    const { site, p, data } = dataOf({ audiences: ["kids", "teens", "adults"], access: ["asl"] });
    expect(agesOf(site, p)).toEqual([...Array(15).keys()]);
    expect(filter(data, "age")).toEqual([...Array(15).keys()].map(String));
    expect(filter(data, "access")).toEqual(["asl"]);
    expect(filter(data, "dates")).toEqual(["upcoming"]);
    const ended = dataOf({ audiences: ["adults"] }, "2027-01-01T09:00").data;
    expect(filter(ended, "age")).toEqual([]);
    expect(filter(ended, "dates")).toEqual(["past"]);
  });

  it("names no languages for a program in the library's language only", () => {
    const { data } = dataOf({ languages: ["en"], audiences: ["adults"] });
    expect(meta(data, "keywords")).not.toMatch(/English/);
  });

  it("gives partners, guides and pages keywords for the equivalents of what they say", () => {
    const site = new Site(makeCatalogue({ library, programs: [] }));
    const page = {
      id: "visiting",
      file: "content/pages/visiting.md",
      url: "/pages/visiting/",
      title: "Visiting",
      draft: false,
      body: "Every branch is step-free.",
    };
    expect(itemSearchData(site, "page", page)).toEqual({
      filters: [["type", "page"]],
      element: {
        filter: "type:page",
        meta: "keywords[data-0]",
        values: [["0", "level access · wheelchair accessible · wheelchair access"]],
      },
      sortDate: "9999-12-31T00:00:00Z",
      meta: [["keywords", "level access · wheelchair accessible · wheelchair access"]],
    });
  });
});
