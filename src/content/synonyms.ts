// `search.synonyms` of `_data/library.yaml`, normalised: staff write `word: [other words]`;
// search works from groups of equivalent words and phrases (src/search/words.ts).

/** A phrase as search compares it: lowercase, NFC, single spaces, no spaces at the ends. */
export function normalisePhrase(phrase: string, locale = "en"): string {
  return phrase.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase(locale);
}

/**
 * `{ "story time": [storytime], storytime: ["story hour"] }` ->
 * `[["story time", "storytime", "story hour"]]`: each entry is a group of equivalents, and
 * groups that share a phrase are one group (equivalence goes both ways and carries over).
 * Phrases are normalised (`normalisePhrase`), repeats dropped; groups of one are left out.
 * Order follows the file, so the same file gives the same groups.
 */
export function synonymGroups(synonyms: Record<string, string[]>, locale = "en"): string[][] {
  const groups: string[][] = [];
  const groupOf = new Map<string, string[]>();
  for (const [key, values] of Object.entries(synonyms)) {
    const phrases = [key, ...values].map((p) => normalisePhrase(p, locale));
    // The groups this entry meets, earliest first, become one group with it.
    const met = [...new Set(phrases.flatMap((p) => groupOf.get(p) ?? []))]
      .map((p) => groupOf.get(p)!)
      .filter((g, i, all) => all.indexOf(g) === i)
      .sort((a, b) => groups.indexOf(a) - groups.indexOf(b));
    const target = met[0] ?? [];
    if (!met.length) groups.push(target);
    for (const other of met.slice(1)) {
      groups.splice(groups.indexOf(other), 1);
      phrases.unshift(...other);
    }
    for (const phrase of phrases) {
      if (!target.includes(phrase)) target.push(phrase);
      groupOf.set(phrase, target);
    }
  }
  return groups.filter((g) => g.length > 1);
}
