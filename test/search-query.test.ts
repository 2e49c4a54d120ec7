// How the search page reads a patron's query before Pagefind sees it (the pure functions
// of layouts/assets/search.js, run here in Node): ages, filler words, words that match
// nothing (split, corrected or left out, never matched on a fragment), and the ranking.
import { describe, it, expect } from "vitest";
import {
  closestWords,
  correction,
  editDistance,
  indexesLacking,
  likelyReading,
  mergeVocabularies,
  parseAges,
  queryWords,
  rankResults,
  readQuery,
  resultIndex,
  sortedWords,
  splitWord,
  startsSome,
  withoutFiller,
} from "../layouts/assets/search.js";

describe("ages in a query", () => {
  it.each([
    ["storytime for my 4-year-old", [4], "storytime for my"],
    ["4 year old", [4], ""],
    ["4 years old", [4], ""],
    ["4yo lego", [4], "lego"],
    ["ages 3-5", [3, 4, 5], ""],
    ["Ages 3 to 5 art", [3, 4, 5], "art"],
    ["3 to 5 year olds", [3, 4, 5], ""],
    ["under 5s", [0, 1, 2, 3, 4], ""],
    ["18 month old", [1], ""],
    ["lego age 7", [7], "lego"],
  ])("%s", (query, ages, rest) => {
    const read = parseAges(query);
    expect(read.ages).toEqual(ages);
    expect(read.rest.trim().replace(/\s+/g, " ")).toBe(rest);
  });

  it("leaves numbers that are no age, and reads other languages' words", () => {
    expect(parseAges("tax year 2026").ages).toBeUndefined();
    expect(parseAges("room 101").ages).toBeUndefined();
    expect(parseAges("cuentos para niños de 4 años", "es").ages).toEqual([4]);
    expect(parseAges("Vorlesen für 4-jährige", "de").ages).toEqual([4]);
    expect(parseAges("contes 3 à 6 ans", "fr").ages).toEqual([3, 4, 5, 6]);
  });

  it("reads `under 5` with its word for years as 0 to 4, not as 5 (`under 5 years`, `menores de 5 años`)", () => {
    expect(parseAges("under 5 years").ages).toEqual([0, 1, 2, 3, 4]);
    expect(parseAges("lego under 5 year olds").ages).toEqual([0, 1, 2, 3, 4]);
    expect(parseAges("menores de 5 años", "es").ages).toEqual([0, 1, 2, 3, 4]);
    expect(parseAges("menores de 5", "es").ages).toEqual([0, 1, 2, 3, 4]);
  });
});

// The Arabic site of a library in Spanish and Arabic searched `4 سنوات` as the text "4" and
// listed adult programs: query.js knew the words of ages in en/es/fr/de only.
describe("ages in an Arabic query", () => {
  it.each([
    ["4 سنوات", [4], ""],
    ["طفل عمره 4 سنوات", [4], ""],
    ["طفلة عمرها ٤ سنوات", [4], ""],
    ["حكايات لطفلي عمره ٤ سنوات", [4], "حكايات"],
    ["١٢ عامًا", [12], ""],
    ["12 عاماً", [12], ""],
    ["7 أعوام", [7], ""],
    ["10 سنين", [10], ""],
    ["سنة", undefined, "سنة"],
    ["من 3 إلى 5 سنوات", [3, 4, 5], ""],
    ["من ٣ الى ٥ سنوات", [3, 4, 5], ""],
    ["بين 3 و 5 سنوات", [3, 4, 5], ""],
    ["٣-٥ سنوات", [3, 4, 5], ""],
    ["أقل من 5 سنوات", [0, 1, 2, 3, 4], ""],
    ["18 شهرًا", [1], ""],
    ["عمر 6", [6], ""],
    ["قصص 4 سنوات من العمر", [4], "قصص"],
    ["مكتبة عامة 2027", undefined, "مكتبة عامة 2027"],
  ])("%s", (query, ages, terms) => {
    const read = likelyReading(query, { lang: "ar", ageFilter: true });
    expect(read.ages).toEqual(ages);
    expect(read.terms.join(" ")).toBe(terms);
  });

  it("reads Arabic-Indic digits as digits in any language", () => {
    expect(parseAges("٤ años", "es").ages).toEqual([4]);
    expect(parseAges("ages ۳-۵").ages).toEqual([3, 4, 5]);
  });

  it("leaves out the filler words around an age even when nothing else is left", () => {
    // `de` alone used to be searched, narrowed by the age.
    expect(likelyReading("de 3 a 5 años", { lang: "es", ageFilter: true })).toEqual({
      ages: [3, 4, 5],
      terms: [],
    });
    // Without an age, a query of filler words only is still searched.
    expect(likelyReading("طفل", { lang: "ar", ageFilter: true }).terms).toEqual(["طفل"]);
  });
});

describe("words of a query", () => {
  it("split like Pagefind's: punctuation dropped, a hyphen or apostrophe inside a word joins it", () => {
    expect(queryWords("E-mail help, Lego!  story-time  Kōrero Māori year's")).toEqual([
      "email",
      "help",
      "lego",
      "storytime",
      "kōrero",
      "māori",
      "years",
    ]);
  });

  it("lose filler words unless nothing else is left", () => {
    expect(withoutFiller(["storytime", "for", "my", "kid", "at", "the", "library"])).toEqual([
      "storytime",
      "kid",
      "library",
    ]);
    expect(withoutFiller(["the"])).toEqual(["the"]);
    expect(withoutFiller(["cuentos", "para", "niños"], "es")).toEqual(["cuentos", "niños"]);
  });
});

describe("words that match nothing", () => {
  const vocabulary = ["and", "the", "club", "story", "storytime", "lego", "gingerbread", "house"];

  it("edit distance counts a swap of neighbours as one edit, and stops past the limit", () => {
    expect(editDistance("lgeo", "lego")).toBe(1);
    expect(editDistance("storytme", "storytime")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("xylophone", "club", 2)).toBe(3);
  });

  it("are corrected to an indexed word one edit away (two from 8 letters), never to a filler word", () => {
    expect(correction("storytme", vocabulary)).toBe("storytime");
    expect(correction("clb", vocabulary)).toBe("club");
    expect(correction("dnd", vocabulary, new Set(["and"]))).toBeUndefined();
    expect(correction("dnd", vocabulary)).toBeUndefined(); // three letters: only a letter left out
    expect(correction("xylophone", vocabulary)).toBeUndefined();
    expect(closestWords("storie", vocabulary, 3, 2)).toEqual(["story", "storytime"]);
  });

  it("are split into two indexed words of three letters or more", () => {
    const has = (w: string) => vocabulary.includes(w);
    expect(splitWord("gingerbreadhouse", has)).toEqual(["gingerbread", "house"]);
    expect(splitWord("legoclub", has)).toEqual(["lego", "club"]);
    expect(splitWord("inclub", (w: string) => w === "in" || has(w))).toBeUndefined();
  });

  it("are told apart from the start of an indexed word", () => {
    const sorted = sortedWords(vocabulary);
    expect(startsSome(sorted, "stor")).toBe(true);
    expect(startsSome(sorted, "storytime")).toBe(true);
    expect(startsSome(sorted, "toddler")).toBe(false);
    expect(startsSome(sorted, "x")).toBe(false);
  });
});

describe("readQuery", () => {
  /** The index as the page sees it: `exact` for whole indexed words, the vocabulary for the rest. */
  function index(words: string[], exact: string[] = words) {
    const vocab = { words, sorted: sortedWords(words), set: new Set(words) };
    return { exact: async (w: string) => exact.includes(w), vocabulary: async () => vocab };
  }

  it("searches indexed words and the start of one, folded", async () => {
    expect(await readQuery("Kōrero stor", index(["korero", "storytime"]))).toEqual({
      ages: undefined,
      terms: ["korero", "stor"],
      dropped: [],
      corrected: [],
      split: [],
    });
  });

  it("never searches a word that matches nothing: it is split, corrected or left out", async () => {
    const read = await readQuery(
      "toddler storytme gingerbreadhouse lego",
      index(["storytime", "gingerbread", "house", "lego", "to"]),
    );
    expect(read).toEqual({
      ages: undefined,
      terms: ["storytime", "gingerbread", "house", "lego"],
      dropped: ["toddler"],
      corrected: [["storytme", "storytime"]],
      split: [["gingerbreadhouse", "gingerbread house"]],
    });
    expect((await readQuery("xylophone", index(["x", "xbox"]))).terms).toEqual([]);
  });

  it("reads ages only where the index has them, and drops filler words", async () => {
    const idx = index(["storytime", "4", "year", "old"]);
    expect(await readQuery("storytime for my 4 year old", idx, { ageFilter: true })).toMatchObject({
      ages: [4],
      terms: ["storytime"],
    });
    expect(await readQuery("storytime for my 4 year old", idx)).toMatchObject({
      ages: undefined,
      terms: ["storytime", "4", "year", "old"],
    });
  });
});

// With "All languages" Pagefind searches each language index for the same words, and one
// without a word matches it on the longest of its words the query word starts (`ajedrez`
// on the `a` of an untranslated Spanish page on the Arabic side).
describe("the language indexes searched together", () => {
  const vocab = mergeVocabularies(
    [
      ["club", "de", "ajedrez", "a", "partidas"],
      ["نادي", "شطرنج", "a", "scratch"],
    ],
    ["es-cl", "ar"],
  );

  it("keep each index's words apart, beside the words of all", () => {
    expect(vocab.words).toEqual([
      "club",
      "نادي",
      "de",
      "شطرنج",
      "ajedrez",
      "a",
      "scratch",
      "partidas",
    ]);
    expect([...vocab.byIndex!.ar!.set]).toEqual(["نادي", "شطرنج", "a", "scratch"]);
    expect(mergeVocabularies([["club"]], ["es"]).byIndex).toBeUndefined();
    expect(mergeVocabularies([["club"], ["نادي"]]).byIndex).toBeUndefined();
  });

  it("name a result's index as Pagefind names its pages, `<index>_<hash>`", () => {
    expect(resultIndex("ar_1275738")).toBe("ar");
    expect(resultIndex("es-cl_864d978")).toBe("es-cl");
    expect(resultIndex("1275738")).toBe("");
  });

  it("are those without a word is, starts or (stemmed) has: their results are left out", async () => {
    const asked: string[] = [];
    const foundIn = async (word: string) => {
      asked.push(word);
      return new Set(word === "partida" ? ["es-cl"] : word === "نواد" ? ["ar"] : []);
    };
    const lacking = (terms: string[]) => indexesLacking(terms, vocab.byIndex!, foundIn);
    expect(await lacking(["ajedrez"])).toEqual(new Set(["ar"]));
    expect(await lacking(["club", "ajedrez"])).toEqual(new Set(["ar"]));
    expect(await lacking(["شطرنج"])).toEqual(new Set(["es-cl"]));
    expect(await lacking(["scratch"])).toEqual(new Set(["es-cl"]));
    // A word both have, whole or started; one only an exact search finds (another form).
    expect(await lacking(["a"])).toEqual(new Set());
    expect(await lacking(["scr", "a"])).toEqual(new Set(["es-cl"]));
    expect(await lacking(["partida"])).toEqual(new Set(["ar"]));
    expect(await lacking(["نواد"])).toEqual(new Set(["es-cl"]));
    expect(await lacking(["ajedrez", "شطرنج"])).toEqual(new Set(["es-cl", "ar"]));
    // The vocabulary answers first: only a word an index's list has not is searched.
    asked.length = 0;
    await lacking(["club"]);
    expect(asked).toEqual(["club"]);
  });
});

describe("likelyReading", () => {
  it("is what readQuery makes of a query whose every word is indexed, without asking", async () => {
    const everything = { exact: async () => true, vocabulary: async () => ({}) as never };
    for (const [query, ageFilter] of [
      ["Storytime for my 4-year-old", true],
      ["Storytime for my 4-year-old", false],
      ["Kōrero  STOR", false],
      ["the", false],
      ["", false],
    ] as const) {
      const read = await readQuery(query, everything, { ageFilter });
      expect(likelyReading(query, { ageFilter })).toEqual({ ages: read.ages, terms: read.terms });
    }
    expect(likelyReading("Storytime for my 4-year-old", { ageFilter: true })).toEqual({
      ages: [4],
      terms: ["storytime"],
    });
  });
});

describe("rankResults", () => {
  const r = (id: string, score: number, title = false) => ({
    id,
    score,
    ...(title && { matchedMetaFields: ["title"] }),
  });

  it("puts upcoming programs and title matches first, text-only partners next, ended programs last", () => {
    const results = [
      r("partner-body", 9),
      r("ended-program", 8, true),
      r("guide-title", 7, true),
      r("program-body", 3),
      r("program-title", 6, true),
    ];
    const programs = new Set(["ended-program", "program-body", "program-title"]);
    const upcoming = new Set(["program-body", "program-title"]);
    expect(rankResults(results, programs, upcoming).map((x: { id: string }) => x.id)).toEqual([
      "guide-title",
      "program-title",
      "program-body",
      "partner-body",
      "ended-program",
    ]);
  });
});
