import { describe, it, expect } from "vitest";
import {
  feedbackUrl,
  googleCalendarUrl,
  mailtoShareUrl,
  safeUrl,
  shareLinks,
} from "../src/site/share.ts";
import { makeCatalogue, makeLibrary, makeProgram, occ } from "./helpers/model.ts";

describe("safeUrl", () => {
  it.each([
    "https://library.example.org/register?id=1",
    "http://example.org",
    "mailto:ask@library.example.org?subject=Hi",
    "tel:+15550100",
  ])("accepts %s", (url) => {
    expect(safeUrl(url)).toBe(url);
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \u0001javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "/relative/path",
    "",
  ])("rejects %j", (url) => {
    expect(safeUrl(url)).toBeUndefined();
  });

  it("trims surrounding whitespace and rejects non-strings", () => {
    expect(safeUrl("  https://example.org/ \n")).toBe("https://example.org/");
    expect(safeUrl(undefined)).toBeUndefined();
    expect(safeUrl(null)).toBeUndefined();
  });
});

describe("feedbackUrl", () => {
  const program = makeProgram({ id: "q-and-a", title: "Q&A: Books & Films = fun?" });

  it("fills {id} and {title} URL-encoded, every time they appear", () => {
    const library = makeLibrary({
      feedbackUrl: "https://forms.example.org/f?program={id}&title={title}&again={id}",
    });
    const url = feedbackUrl(program, library)!;
    expect(url).toBe(
      "https://forms.example.org/f?program=q-and-a&title=Q%26A%3A%20Books%20%26%20Films%20%3D%20fun%3F&again=q-and-a",
    );
    expect(new URL(url).searchParams.get("title")).toBe("Q&A: Books & Films = fun?");
  });

  it("is undefined when the library sets none or the template is not a safe URL", () => {
    expect(feedbackUrl(program, makeLibrary())).toBeUndefined();
    expect(
      feedbackUrl(program, makeLibrary({ feedbackUrl: "javascript:alert('{title}')" })),
    ).toBeUndefined();
  });
});

describe("googleCalendarUrl", () => {
  it("builds a template link with UTC times, details and location", () => {
    const program = makeProgram({ title: "Coding & games" });
    const url = new URL(
      googleCalendarUrl(program, program.occurrences[0], makeCatalogue({ programs: [program] })),
    );
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: "TEMPLATE",
      text: "Coding & games",
      dates: "20261020T230000Z/20261021T003000Z",
      // The page's address alone: share.js puts the summary before it (share-links test).
      details: "https://library.example.org/programs/teen-coding-club/",
      location: "Central Library, 100 Main St, Riverside, IL 60546",
      ctz: "America/Chicago",
    });
  });

  it("uses dates with an exclusive end for all-day occurrences", () => {
    const program = makeProgram({ occurrences: [occ("2026-12-24", 2)] });
    const url = new URL(
      googleCalendarUrl(program, program.occurrences[0], makeCatalogue({ programs: [program] })),
    );
    expect(url.searchParams.get("dates")).toBe("20261224/20261226");
  });
});

describe("share links", () => {
  it("builds a mailto link with encoded subject and the page's address as body", () => {
    const program = makeProgram({ title: "Q&A night" });
    expect(mailtoShareUrl(program, makeCatalogue())).toBe(
      "mailto:?subject=Q%26A%20night&body=https%3A%2F%2Flibrary.example.org%2Fprograms%2Fteen-coding-club%2F",
    );
  });

  it("builds plain, safe links for each network that carry the absolute page URL", () => {
    const links = shareLinks(makeProgram(), makeCatalogue());
    expect(links.map((l) => l.id)).toEqual([
      "email",
      "facebook",
      "x",
      "bluesky",
      "linkedin",
      "whatsapp",
    ]);
    for (const link of links) {
      expect(safeUrl(link.url)).toBe(link.url);
      expect(decodeURIComponent(link.url)).toContain(
        "https://library.example.org/programs/teen-coding-club/",
      );
    }
  });
});
