import { describe, it, expect } from "vitest";
import { programsJson } from "../src/outputs/programs-json.ts";
import { makeCatalogue, makeLibrary, makeProgram, occ } from "./helpers/model.ts";

describe("programsJson", () => {
  it("lists upcoming occurrences in the documented format", () => {
    const catalogue = makeCatalogue({
      now: "2026-10-01T09:00",
      programs: [
        makeProgram({
          occurrences: [
            occ("2026-09-01T18:00"),
            occ("2026-10-20T18:00", 90),
            occ("2026-10-27T18:00", 90, undefined, { cancelled: true }),
          ],
        }),
        makeProgram({
          id: "book-sale",
          title: "Book sale",
          summary: "Everything a dollar.",
          location: undefined,
          online: "https://shop.example.org",
          audiences: ["adults"],
          categories: [],
          cost: "$1 a book",
          registration: { required: true, full: false },
          languages: ["en", "es"],
          occurrences: [occ("2026-10-24", 2)],
        }),
      ],
    });
    const json = programsJson(catalogue);
    expect(json.version).toBe(1);
    expect(json.generated).toBe("2026-10-01T09:00:00-05:00");
    expect(json.library).toMatchObject({
      name: "Riverside Public Library",
      url: "https://library.example.org",
      timezone: "America/Chicago",
    });
    expect(json.library.audiences[0]).toEqual({ id: "kids", label: "Kids (0–11)" });
    expect(json.library.languages).toEqual([
      { id: "en", label: "English" },
      { id: "es", label: "Español" },
    ]);
    expect(json.occurrences).toEqual([
      {
        id: "teen-coding-club",
        title: "Teen Coding Club",
        summary: "Build a small game in Python.",
        start: "2026-10-20T18:00:00-05:00",
        end: "2026-10-20T19:30:00-05:00",
        allDay: false,
        status: "scheduled",
        location: {
          id: "central",
          name: "Central Library",
          address: "100 Main St, Riverside, IL 60546",
        },
        online: null,
        audiences: ["teens"],
        categories: ["technology"],
        url: "https://library.example.org/programs/teen-coding-club/",
        cost: "Free",
        free: true,
        dropIn: true,
        languages: ["en"],
      },
      {
        id: "book-sale",
        title: "Book sale",
        summary: "Everything a dollar.",
        start: "2026-10-24",
        end: "2026-10-25",
        allDay: true,
        status: "scheduled",
        location: null,
        online: "https://shop.example.org",
        audiences: ["adults"],
        categories: [],
        url: "https://library.example.org/programs/book-sale/",
        cost: "$1 a book",
        free: false,
        dropIn: false,
        languages: ["en", "es"],
      },
      expect.objectContaining({
        id: "teen-coding-club",
        start: "2026-10-27T18:00:00-05:00",
        status: "cancelled",
      }),
    ]);
    // Survives a JSON round trip unchanged (no DateTimes or undefined left in it).
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe("programsJson closures", () => {
  it("lists the closed days from today on: the whole library's, and each day's closed locations", () => {
    const base = makeLibrary();
    const library = makeLibrary({
      closed: [
        { date: "2026-09-07", reason: "Labor Day" },
        { date: "2026-11-26", reason: "Thanksgiving Day" },
      ],
      locations: [
        { ...base.locations[0]!, closed: [{ date: "2026-10-12" }, { date: "2026-11-26" }] },
        {
          ...base.locations[1]!,
          closed: [{ date: "2026-10-12" }, { date: "2026-10-30", reason: "Flooring" }],
        },
      ],
    });
    const json = programsJson(makeCatalogue({ library, now: "2026-10-01T09:00" }));
    expect(json.library.closures).toEqual([
      { date: "2026-10-12", reason: null, locations: ["central", "east"] },
      { date: "2026-10-30", reason: "Flooring", locations: ["east"] },
      { date: "2026-11-26", reason: "Thanksgiving Day", locations: null },
    ]);
  });
});
