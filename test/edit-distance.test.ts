// One edit distance (src/text/edit-distance.ts) serves the did-you-mean of content problems
// and of schedule rules; the schedule's own Levenshtein counted a swap of two letters as two.
import { describe, expect, it } from "vitest";
import { checkSchedule } from "../src/schedule/check.ts";
import { editDistance } from "../src/text/edit-distance.ts";

describe("editDistance", () => {
  it("counts a swap of neighbours as one step, and gives up past the length limit", () => {
    expect(editDistance("titel", "title", 2)).toBe(1);
    expect(editDistance("wendsday", "wednesday", 2)).toBe(2);
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
    expect(editDistance("ab", "abcdef", 3)).toBe(Infinity);
  });

  it("finds the weekday a swapped abbreviation means, as content problems do", () => {
    const on = (day: string) =>
      checkSchedule(
        {
          start: "2026-10-20 18:00",
          dates: [],
          cancelled: [],
          repeat: { every: "week", interval: 1, except: [], on: [day] },
        },
        "America/Chicago",
      ).map((p) => `${p.field}: ${p.message}`);
    expect(on("teu")).toEqual(['repeat.on: "teu" is not a weekday (did you mean "tue"?)']);
    expect(on("mno")).toEqual(['repeat.on: "mno" is not a weekday (did you mean "mon"?)']);
  });
});
