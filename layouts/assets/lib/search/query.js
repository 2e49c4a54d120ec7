// Reading a patron's search (search.js's header says how): ages, filler words, words
// checked against the index's vocabulary, split or corrected, and the results re-ranked.
// Pure functions: test/search-query.test.ts runs them in Node, through search.js, which
// exports them for the consortium's search page too.

/**
 * Pagefind's ranking on this site. Titles weigh more than Pagefind's default (5) because a
 * program's title is what patrons remember; `keywords` (audiences' words, categories,
 * access features, equivalents) weigh like a heading; `place` like a subheading. A higher
 * `termSimilarity` keeps short words from ranking pages by long words they start.
 */
export const RANKING = {
  termSimilarity: 2,
  metaWeights: { title: 8, keywords: 3, place: 2 },
};

/** Words that carry no meaning in a search, by index language: left out of the query. */
export const FILLER = {
  en: "a an and any are at be by can do for from get i in is it me my near nearest need of on or our please some that the there this to want we what where who with you your",
  es: "a al con de del el en la las los mi mis para por que un una y",
  fr: "à au aux avec de des du en et la le les ma mes mon pour un une",
  de: "am an das der die ein eine für im in mein meine mit und von zu",
  // With the words an age is asked with (`طفل عمره 4 سنوات`: a child aged 4), which are
  // left over once the age is read; and, Arabic writing hamza or not, both spellings.
  ar: "في من إلى الى على عن مع و أو او بين قرب عند أين اين ما هل لي أريد اريد أبحث ابحث هذا هذه طفل طفلة طفلي طفلتي لطفل لطفلة لطفلي لطفلتي ابني ابنتي لابني لابنتي عمر عمره عمرها العمر بعمر",
};

/**
 * How an age is written, by index language: words for years and months after the number,
 * `old` after those, words before the number (`age 4`), `under` (`under 5`: 0 to 4), and
 * between two numbers of a range (`3 to 5`; a dash always works). Each a fragment of a
 * regular expression, matched on the query in lower case. Numbers may be written in
 * Arabic-Indic digits in any language (`٤ سنوات` is `4 سنوات`).
 */
export const AGE_WORDS = {
  en: {
    year: ["years?", "yrs?", "yo"],
    month: ["months?", "mos?"],
    old: ["olds?"],
    before: ["ages?", "aged"],
    under: ["under"],
    to: ["to", "and"],
  },
  es: {
    year: ["años?", "anos?"],
    month: ["mes(?:es)?"],
    old: [],
    before: ["edad(?:es)?", "de"],
    under: ["menores de"],
    to: ["a", "y"],
  },
  fr: {
    year: ["ans?", "années?"],
    month: ["mois"],
    old: [],
    before: ["âge", "age", "de"],
    under: ["moins de"],
    to: ["à", "a", "et"],
  },
  de: {
    year: ["jahre?n?", "jährigen?", "jahrigen?"],
    month: ["monate?n?"],
    old: ["alte?"],
    before: ["alter", "ab"],
    under: ["unter"],
    to: ["bis", "und"],
  },
  // `4 سنوات`, `12 عامًا` (a year: سنة, سنوات, سنين, عام, أعوام; after 10, the singular with
  // or without its ending), `من 3 إلى 5 سنوات`, `بين 3 و 5 سنوات`, `أقل من 5 سنوات`.
  ar: {
    year: ["سن(?:ة|ه|وات|ين)", "عام(?:ًا|اً|ا)?", "[أا]عوام"],
    month: ["شهر(?:ًا|اً|ا)?", "[أا]شهر", "شهور"],
    old: ["من العمر"],
    before: ["عمر(?:ه|ها)?", "العمر", "بعمر", "سن", "بسن"],
    under: ["[أا]قل من", "دون", "تحت"],
    to: ["[إا]ل[ىي]", "حتى", "و"],
  },
};

/** Regular-expression alternatives: words (fragments of patterns) of one `AGE_WORDS` list. */
const alternatives = (words) => words.map((w) => w.replace(/ /g, "\\s+")).join("|");

/** A number of up to three digits, ASCII or Arabic-Indic (Eastern too: `۴`), as a number. */
const DIGITS = "[0-9\u0660-\u0669\u06f0-\u06f9]";
const toNumber = (digits) =>
  Number(
    digits.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) =>
      String(d.charCodeAt(0) - (d >= "\u06f0" ? 0x06f0 : 0x0660)),
    ),
  );

/**
 * Ages a query names, and the query without them: `storytime for my 4-year-old` ->
 * `{ ages: [4], rest: "storytime for my  " }`. Understands `4 year old`, `4yo`, `4 years`,
 * `3-5 year olds`, `age 4`, `ages 3 to 5`, `under 5` and `under 5 years` (0 to 4) and
 * `18 month old` (1), in the index language's words (`AGE_WORDS`). No age: `ages` is
 * undefined.
 */
export function parseAges(query, lang = "en") {
  const w = AGE_WORDS[lang] ?? AGE_WORDS.en;
  // What comes before an age: the start or a character that is no letter or digit (kept).
  // A group rather than a lookbehind, which Safari supports only from 16.4.
  const edge = "(^|[^\\p{L}\\p{N}])";
  const end = "(?![\\p{L}\\p{N}])";
  const num = `(${DIGITS}{1,3})`;
  const range = `${num}(?:(?:\\s*[-–]\\s*|\\s+(?:${alternatives(w.to)})\\s+)${num})?`;
  const old = w.old.length ? `(?:\\s*-?\\s*(?:${alternatives(w.old)})${end})?` : "";
  const year = `\\s*-?\\s*(?:${alternatives(w.year)})${end}${old}`;
  const month = `\\s*-?\\s*(?:${alternatives(w.month)})${end}${old}`;
  const ages = new Set();
  const add = (from, to) => {
    for (let n = Math.min(from, to); n <= Math.max(from, to) && n <= 120; n++) ages.add(n);
  };
  // `under 5`, `under 5s`, `under 5 years` first: its number is not an age of its own.
  const under = new RegExp(
    `${edge}(?:${alternatives(w.under)})\\s+${num}(?:s|${year})?${end}`,
    "giu",
  );
  let rest = query.toLowerCase().replace(under, (_, before, a) => {
    if (toNumber(a) > 0) add(0, toNumber(a) - 1);
    return `${before} `;
  });
  const patterns = [
    [new RegExp(`${edge}${range}${year}`, "giu"), 1],
    [new RegExp(`${edge}${range}${month}`, "giu"), 12],
    [new RegExp(`${edge}(?:${alternatives(w.before)})\\s+${range}${end}`, "giu"), 1],
  ];
  for (const [pattern, per] of patterns) {
    rest = rest.replace(pattern, (_, before, a, b) => {
      add(Math.floor(toNumber(a) / per), Math.floor(toNumber(b ?? a) / per));
      return `${before} `;
    });
  }
  return { ages: ages.size ? [...ages].sort((x, y) => x - y) : undefined, rest };
}

/** As Pagefind compares words: lowercase, without diacritics (src/search/words.ts `foldWord`). */
export function foldWord(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The words of a query as Pagefind reads them, unfolded: split at spaces, punctuation
 * dropped (a hyphen or an apostrophe inside a word joins its parts: `e-mail` -> `email`).
 */
export function queryWords(query) {
  return query
    .replace(/[\p{P}\p{S}]+/gu, (p, at, all) =>
      /[\p{L}\p{N}]/u.test(all[at - 1] ?? "") && /[\p{L}\p{N}]/u.test(all[at + p.length] ?? "")
        ? /^['’\-‐‑]$/u.test(p)
          ? ""
          : " "
        : " ",
    )
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

/** The filler words of a language, as a set. */
export function fillerWords(lang = "en") {
  return new Set((FILLER[lang] ?? "").split(" ").filter(Boolean));
}

/**
 * The query words without filler words (`FILLER`), unless nothing else is left and the
 * query asks for nothing else (`hasAge`: it names an age, which is searched anyway).
 */
export function withoutFiller(words, lang = "en", hasAge = false) {
  const filler = fillerWords(lang);
  const kept = words.filter((word) => !filler.has(word));
  return kept.length || hasAge ? kept : words;
}

/**
 * Edit distance with swaps of neighbours counted as one (optimal string alignment), or
 * `max + 1` as soon as it is known to be more than `max`.
 */
export function editDistance(a, b, max = Infinity) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prev2[j - 2] + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The indexed words closest to `word` (folded), at most `max` edits away, nearest first,
 * then the words more pages have (the vocabulary's order); at most `limit`. Numbers and
 * words in `skip` are never offered.
 */
export function closestWords(word, vocabulary, max = 2, limit = 3, skip = new Set()) {
  const found = [];
  for (let rank = 0; rank < vocabulary.length; rank++) {
    const candidate = vocabulary[rank];
    if (candidate.length < 2 || candidate === word || skip.has(candidate)) continue;
    if (/^\d+$/.test(candidate)) continue;
    const d = editDistance(word, candidate, max);
    if (d <= max) found.push({ candidate, d, rank });
  }
  found.sort((x, y) => x.d - y.d || x.rank - y.rank);
  return found.slice(0, limit).map((f) => f.candidate);
}

/**
 * The indexed word to search instead of `word`, which matches nothing, or undefined: the
 * closest (`closestWords`) within one edit from 3 letters (at 3, only a letter left out:
 * `clb` is `club`, but `dnd` is not `and`), two from 8; never a filler word.
 */
export function correction(word, vocabulary, filler = new Set()) {
  if (word.length < 3) return undefined;
  const max = word.length < 8 ? 1 : 2;
  return closestWords(word, vocabulary, max, Infinity, filler).find(
    (c) => word.length > 3 || c.length === 4,
  );
}

/** How far the words suggested for a word that matches nothing may be: about 40% of it. */
export function suggestionDistance(word) {
  return Math.max(2, Math.round(word.length * 0.4));
}

/** `word` as two indexed words (`gingerbreadhouse` -> `gingerbread house`), or undefined. */
export function splitWord(word, isIndexed) {
  for (let at = word.length - 3; at >= 3; at--) {
    const a = word.slice(0, at);
    const b = word.slice(at);
    if (isIndexed(a) && isIndexed(b)) return [a, b];
  }
  return undefined;
}

/**
 * Word lists (each most pages first) as one: `{ words, sorted, set }`, the words of every
 * list by rank (the first of each, then the second of each, ...), each once. With `names`
 * (one a list: the language indexes searched together, more than one), also `byIndex`,
 * each index's own `{ sorted, set }` by name, for `indexesLacking`.
 */
export function mergeVocabularies(lists, names = []) {
  const words = [];
  const set = new Set();
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) {
    for (const list of lists) {
      const w = list[i];
      if (w !== undefined && !set.has(w)) {
        set.add(w);
        words.push(w);
      }
    }
  }
  const byIndex =
    names.length > 1
      ? Object.fromEntries(
          names.map((name, i) => [name, { sorted: sortedWords(lists[i]), set: new Set(lists[i]) }]),
        )
      : undefined;
  return { words, sorted: sortedWords(words), set, byIndex };
}

/**
 * The index a Pagefind result is from: Pagefind names each page of an index
 * `<index>_<hash>` (`ar_1275738`, as its fragment file), and a result's `id` is that name.
 */
export function resultIndex(id) {
  const at = id.lastIndexOf("_");
  return at < 0 ? "" : id.slice(0, at);
}

/**
 * Of the language indexes searched together (`byIndex`, from `mergeVocabularies`), those
 * that cannot have a page with every word of `terms`: a word none of the index's words is
 * or starts with, and that an exact search does not find there either (`foundIn(word)`: a
 * Promise of the names of the indexes where Pagefind finds the word, stemmed). Pagefind
 * searches every merged index for the same words, and where one is not, it matches it on
 * the longest word of that index it starts (`ajedrez` on `a`) or ignores it: that index's
 * results for `terms` match a first letter or the other words only.
 */
export async function indexesLacking(terms, byIndex, foundIn) {
  const lacking = new Set();
  for (const [name, vocab] of Object.entries(byIndex)) {
    for (const word of terms) {
      if (vocab.set.has(word) || startsSome(vocab.sorted, word)) continue;
      if ((await foundIn(word)).has(name)) continue;
      lacking.add(name);
      break;
    }
  }
  return lacking;
}

/** A sorted copy of the vocabulary, to find words a query word starts (`startsSome`). */
export function sortedWords(vocabulary) {
  return [...vocabulary].sort();
}

/** Whether some word of `sorted` (from `sortedWords`) starts with `prefix`. */
export function startsSome(sorted, prefix) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo].startsWith(prefix);
}

/** A query's ages (as `parseAges`) and its other words as typed, without filler words. */
function queryParts(query, { lang = "en", ageFilter = false } = {}) {
  const { ages, rest } = ageFilter ? parseAges(query, lang) : { ages: undefined, rest: query };
  return { ages, wanted: withoutFiller(queryWords(rest), lang, !!ages) };
}

/**
 * What `readQuery` makes of a query when every word matches something in the index, as
 * most do: `{ ages, terms }`, known without asking the index, so that the search for them
 * can start while `readQuery` checks the words.
 */
export function likelyReading(query, options = {}) {
  const { ages, wanted } = queryParts(query, options);
  return { ages, terms: wanted.map(foldWord) };
}

/**
 * Reads a query: `{ ages, terms, dropped, corrected, split }`. `terms` are the words to
 * search (folded); `dropped` the patron's words that match nothing, `corrected` pairs
 * `[typed, used]`, `split` pairs `[typed, "a b"]`. `index` answers about the index:
 * `exact(word)` (a Promise of whether Pagefind indexes that word, stemmed) and
 * `vocabulary()` (a Promise of `{ words, sorted }`); `ageFilter` says whether ages can be
 * searched.
 */
export async function readQuery(query, index, { lang = "en", ageFilter = false } = {}) {
  const { ages, wanted } = queryParts(query, { lang, ageFilter });
  const out = { ages, terms: [], dropped: [], corrected: [], split: [] };
  // Every word's exact check at once: each is a search of its own.
  const exact = await Promise.all(wanted.map((typed) => index.exact(foldWord(typed))));
  for (const [i, typed] of wanted.entries()) {
    const word = foldWord(typed);
    if (exact[i]) {
      out.terms.push(word);
      continue;
    }
    const vocab = await index.vocabulary();
    if (startsSome(vocab.sorted, word)) {
      out.terms.push(word);
      continue;
    }
    const indexed = (w) => vocab.set.has(w);
    const parts = splitWord(word, indexed);
    if (parts) {
      out.terms.push(...parts);
      out.split.push([typed, parts.join(" ")]);
      continue;
    }
    const best = correction(word, vocab.words, fillerWords(lang));
    if (best) {
      out.terms.push(best);
      out.corrected.push([typed, best]);
      continue;
    }
    out.dropped.push(typed);
  }
  return out;
}

/**
 * Orders results: programs that still take place, and partners, guides and pages whose
 * title matches, by score; then partners, guides and pages matching in their text only;
 * programs with no upcoming date last. `programs` and `upcoming` are sets of result ids.
 * Keeps Pagefind's order within equal scores.
 */
export function rankResults(results, programs, upcoming) {
  const group = (r) =>
    programs.has(r.id)
      ? upcoming.has(r.id)
        ? 0
        : 2
      : (r.matchedMetaFields ?? []).includes("title")
        ? 0
        : 1;
  return results
    .map((r, i) => ({ r, i, g: group(r) }))
    .sort((a, b) => a.g - b.g || b.r.score - a.r.score || a.i - b.i)
    .map((x) => x.r);
}
