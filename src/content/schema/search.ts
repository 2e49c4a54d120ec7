// Schema of `search` in `_data/library.yaml`: how search reads patrons' words.
import * as z from "zod";
import { expected, shortText } from "./common.ts";

/** Words and phrases of `search.synonyms` need some letter or digit (punctuation is not searched). */
const WORDY = /[\p{L}\p{N}]/u;
const NOT_WORDY = "must contain a letter or a digit";

/** A word or phrase of `search.synonyms`, at most 100 characters. */
const searchPhrase = () =>
  shortText(100).refine((v) => v === "" || WORDY.test(v), { error: NOT_WORDY });

/** How search reads patrons' words. */
export const searchSchema = z.strictObject(
  {
    /** `word: [other words]`: each is found by any of the others. */
    synonyms: z
      .record(
        z.string(),
        z.preprocess(
          (v) => (typeof v === "string" ? [v] : v),
          z.array(searchPhrase(), { error: expected("a list of words, e.g. [storytime]") }),
        ),
        { error: expected('word: [other words] pairs, e.g. { "story time": [storytime] }') },
      )
      .superRefine((synonyms, ctx) => {
        for (const key of Object.keys(synonyms)) {
          const message = !WORDY.test(key)
            ? NOT_WORDY
            : key.trim().length > 100
              ? `at most 100 characters (got ${key.trim().length})`
              : undefined;
          if (message) ctx.addIssue({ code: "custom", message, path: [key] });
        }
      })
      .default({})
      .describe(
        'Optional words and phrases search treats as the same, as word: [other words], e.g. { "story time": [storytime], lego: [legos] }; a page with any of them is found by all of them, on top of the built-in ones (see docs/staff-guide.md); default none.',
      ),
  },
  { error: expected("{ synonyms }") },
);
