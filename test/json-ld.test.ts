import { describe, it, expect } from "vitest";
import {
  jsonLdScript,
  libraryJsonLd,
  postalAddress,
  programJsonLd,
  JSON_LD_EVENT_LIMIT,
} from "../src/site/json-ld.ts";
import type { Program, ProgramStatus } from "../src/content/model.ts";
import {
  makeCatalogue,
  makeLibrary,
  makePartner,
  makeProgram,
  occ,
  weekly,
} from "./helpers/model.ts";

type Json = Record<string, any>;
const online = "https://meet.example.org/coding";

function events(program: Program, partial: Parameters<typeof makeCatalogue>[0] = {}): Json[] {
  return programJsonLd(program, makeCatalogue({ programs: [program], ...partial }));
}

/** The properties Google requires for an Event rich result, and the ones it recommends we set. */
function expectGoogleEvent(e: Json) {
  expect(e["@context"]).toBe("https://schema.org");
  expect(e["@type"]).toBe("Event");
  for (const key of [
    "name",
    "startDate",
    "endDate",
    "eventStatus",
    "eventAttendanceMode",
    "location",
    "description",
    "organizer",
    "offers",
    "url",
  ]) {
    expect(e, key).toHaveProperty(key);
  }
  const locations = [e.location].flat();
  for (const l of locations) {
    if (l["@type"] === "Place") expect(l.address.streetAddress).toBeTruthy();
    else
      expect(l).toMatchObject({
        "@type": "VirtualLocation",
        url: expect.stringMatching(/^https:\/\//),
      });
  }
}

describe("programJsonLd", () => {
  const statuses: [ProgramStatus, string][] = [
    ["scheduled", "EventScheduled"],
    ["cancelled", "EventCancelled"],
    ["postponed", "EventPostponed"],
    ["rescheduled", "EventRescheduled"],
    ["moved-online", "EventMovedOnline"],
  ];
  it.each(statuses)("has Google's required properties for status %s", (status, schemaStatus) => {
    const [event] = events(
      makeProgram({ status, online: status === "moved-online" ? online : undefined }),
    );
    expectGoogleEvent(event);
    expect(event.eventStatus).toBe(`https://schema.org/${schemaStatus}`);
  });

  it("sets the attendance mode and location for in-person, online, hybrid and moved-online programs", () => {
    const modes = [
      makeProgram(),
      makeProgram({ location: undefined, online }),
      makeProgram({ online }),
      makeProgram({ online, status: "moved-online" }),
    ].map((p) => {
      const [e] = events(p);
      expectGoogleEvent(e);
      return [
        e.eventAttendanceMode.replace("https://schema.org/", ""),
        [e.location].flat().map((l: Json) => l["@type"]),
      ];
    });
    expect(modes).toEqual([
      ["OfflineEventAttendanceMode", ["Place"]],
      ["OnlineEventAttendanceMode", ["VirtualLocation"]],
      ["MixedEventAttendanceMode", ["Place", "VirtualLocation"]],
      ["OnlineEventAttendanceMode", ["VirtualLocation"]],
    ]);
  });

  it("writes one Event per upcoming occurrence, cancelled dates as EventCancelled, at most 3", () => {
    const program = makeProgram({
      occurrences: [
        occ("2026-09-20T18:00"),
        occ("2026-10-20T18:00"),
        occ("2026-10-27T18:00", 60, undefined, { cancelled: true }),
      ],
    });
    expect(events(program).map((e) => [e.startDate, e.endDate, e.eventStatus])).toEqual([
      [
        "2026-10-20T18:00:00-05:00",
        "2026-10-20T19:00:00-05:00",
        "https://schema.org/EventScheduled",
      ],
      [
        "2026-10-27T18:00:00-05:00",
        "2026-10-27T19:00:00-05:00",
        "https://schema.org/EventCancelled",
      ],
    ]);
    // A long series: only the next 3 (every date stays on the page and in its .ics).
    const long = events(makeProgram({ occurrences: weekly("2026-10-06T10:00", 30) }));
    expect(JSON_LD_EVENT_LIMIT).toBe(3);
    expect(long.map((e) => String(e.startDate).slice(0, 10))).toEqual([
      "2026-10-06",
      "2026-10-13",
      "2026-10-20",
    ]);
  });

  it("writes all-day dates as dates with an inclusive end", () => {
    const [e] = events(makeProgram({ occurrences: [occ("2026-12-24", 2)] }));
    expect([e.startDate, e.endDate]).toEqual(["2026-12-24", "2026-12-25"]);
  });

  it("parses a US-style address into a PostalAddress, and keeps other shapes whole", () => {
    const [e] = events(makeProgram());
    expect(e.location).toEqual({
      "@type": "Place",
      name: "Central Library",
      address: {
        "@type": "PostalAddress",
        streetAddress: "100 Main St",
        addressLocality: "Riverside",
        addressRegion: "IL",
        postalCode: "60546",
        addressCountry: "US",
      },
    });
    expect(postalAddress("12 Oak Ave", "en-US")).toEqual({
      "@type": "PostalAddress",
      streetAddress: "12 Oak Ave",
      addressCountry: "US",
    });
    expect(postalAddress("Hauptstraße 5, 10115 Berlin", "de")).toEqual({
      "@type": "PostalAddress",
      streetAddress: "Hauptstraße 5, 10115 Berlin",
    });
  });

  it("writes offers: free, priced, registration, full, and non-numeric costs", () => {
    const offer = (p: Partial<Program>, locale = "en-US") =>
      events(makeProgram(p), { library: makeLibrary({ locale }) })[0].offers;
    expect(offer({})).toEqual({
      "@type": "Offer",
      url: "https://library.example.org/programs/teen-coding-club/",
      availability: "https://schema.org/InStock",
      price: "0",
      priceCurrency: "USD",
    });
    expect(
      offer({
        cost: "$5",
        registration: {
          required: true,
          url: "https://library.example.org/register/1",
          opens: "2026-10-01",
          full: true,
        },
      }),
    ).toEqual({
      "@type": "Offer",
      url: "https://library.example.org/register/1",
      availability: "https://schema.org/SoldOut",
      price: "5",
      priceCurrency: "USD",
      validFrom: "2026-10-01T00:00:00-05:00",
    });
    expect(offer({ cost: "Donation welcome" })).not.toHaveProperty("price");
    expect(offer({ cost: "5" }, "fr")).not.toHaveProperty("price"); // no region: no currency
  });

  it("adds organizer, absolute image, languages and url, and nothing Google does not document", () => {
    const program = makeProgram({
      image: "images/teen-coding.jpg",
      languages: ["en", "es"],
      partners: ["city-makerspace"],
    });
    const [e] = programJsonLd(
      program,
      makeCatalogue({
        programs: [program],
        partners: [
          makePartner({ website: "https://citymakerspace.example" }),
          makePartner({ id: "school", name: "Riverside High", programs: ["teen-coding-club"] }),
        ],
      }),
      { imageUrl: (src) => `https://library.example.org/img/${src.split("/").pop()}` },
    );
    expect(e.organizer).toEqual({
      "@type": "Organization",
      name: "Riverside Public Library",
      url: "https://library.example.org/",
    });
    // Partners are on the page, not repeated in each Event (issue 16).
    expect(e).not.toHaveProperty("sponsor");
    expect(Object.keys(e).sort()).toEqual([
      "@context",
      "@type",
      "description",
      "endDate",
      "eventAttendanceMode",
      "eventStatus",
      "image",
      "inLanguage",
      "location",
      "name",
      "offers",
      "organizer",
      "startDate",
      "url",
    ]);
    expect(e.image).toEqual(["https://library.example.org/img/teen-coding.jpg"]);
    // Without a published variant there is no image (source paths are not published).
    const [bare] = programJsonLd(program, makeCatalogue({ programs: [program] }));
    expect(bare).not.toHaveProperty("image");
    expect(e.inLanguage).toEqual(["en", "es"]);
    expect(e.url).toBe("https://library.example.org/programs/teen-coding-club/");
  });

  it("returns nothing for a program with no upcoming occurrence", () => {
    expect(events(makeProgram({ occurrences: [occ("2026-09-01T10:00")] }))).toEqual([]);
  });
});

describe("libraryJsonLd", () => {
  it("describes the library with its first location's address and the other branches", () => {
    expect(libraryJsonLd(makeCatalogue())).toEqual({
      "@context": "https://schema.org",
      "@type": "Library",
      name: "Riverside Public Library",
      url: "https://library.example.org/",
      address: {
        "@type": "PostalAddress",
        streetAddress: "100 Main St",
        addressLocality: "Riverside",
        addressRegion: "IL",
        postalCode: "60546",
        addressCountry: "US",
      },
      geo: { "@type": "GeoCoordinates", latitude: 41.8264, longitude: -87.8228 },
      telephone: "+1 555 0100",
      email: "ask@library.example.org",
      department: [
        {
          "@type": "Library",
          name: "East Branch",
          url: "https://library.example.org/locations/east/",
          address: { "@type": "PostalAddress", streetAddress: "12 Oak Ave", addressCountry: "US" },
          telephone: "+1 555 0101",
        },
      ],
    });
  });
});

describe("jsonLdScript", () => {
  it("cannot be broken out of by </script>, <!-- or line separators, and parses back", () => {
    const value = { name: "</script><script>alert(1)</script> <!-- & \u2028\u2029" };
    const text = jsonLdScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toMatchInlineSnapshot(
      `"{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u003c!-- \\u0026 \\u2028\\u2029"}"`,
    );
    expect(JSON.parse(text)).toEqual(value);
  });

  it("escapes a hostile program title in the Events it writes", () => {
    const text = jsonLdScript(
      events(makeProgram({ title: "</script><img src=x onerror=alert(1)>" })),
    );
    expect(text.toLowerCase()).not.toContain("</script");
    expect(JSON.parse(text)[0].name).toBe("</script><img src=x onerror=alert(1)>");
  });
});
