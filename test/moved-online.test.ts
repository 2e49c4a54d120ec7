// A program that has moved online (`status: moved-online`) no longer takes place at the
// branch its file still names (staff keep it for when it comes back): it is not on that
// location's page, lobby screen, calendar or embed data, the report counts it online, the
// explorer does not place it there, and its page has no "Where" and no branch access notes.
// A staff review found it on /signage/central/ with the room that was closed for repair.
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/content/catalogue.ts";
import { coverageReport } from "../src/staff/report.ts";
import { DEFAULT_LIBRARY, makeSite, programFile } from "./helpers/fixture.ts";
import { buildFixture, type BuiltSite } from "./helpers/site.ts";

const LIBRARY = DEFAULT_LIBRARY.replace("America/Chicago", "Europe/Berlin")
  .replace("locale: en-US", "locale: en-GB")
  .replace(
    "    address: 100 Main St, Riverside, IL 60546\n",
    "    address: 100 Main St, Riverside, IL 60546\n    accessibility: Step-free entrance on Elm Street.\n",
  );
const NOW = "2026-11-30T09:00";

describe("a program moved online", () => {
  let root: string;
  let site: BuiltSite;
  beforeAll(async () => {
    root = await makeSite({
      "_data/library.yaml": LIBRARY,
      "content/programs/scams-talk.md": programFile(
        { title: "Avoiding scams", summary: "Now on a video call." },
        "status: moved-online\nonline: https://meet.example.org/scams\nroom: Community Room\n",
        { start: "2026-12-01 18:00", end: "2026-12-01 19:00" },
      ),
      "content/programs/chess.md": programFile(
        { title: "Chess club", summary: "At the branch." },
        "",
        { start: "2026-12-01 17:00", end: "2026-12-01 18:00" },
      ),
    });
    site = await buildFixture(root, NOW);
    expect(site.ok).toBe(true);
  }, 120_000);

  it("is not listed at the branch its file names", async () => {
    const branch = await site.read("/locations/central/");
    expect(branch).toContain("Chess club");
    expect(branch).not.toContain("Avoiding scams");
    expect(await site.read("/locations/central/calendar.ics")).not.toContain("Avoiding scams");
    const json = JSON.parse(await site.read("/programs.json")) as {
      occurrences: { id: string; location: unknown }[];
    };
    expect(json.occurrences.find((o) => o.id === "scams-talk")?.location).toBeNull();
    expect(json.occurrences.find((o) => o.id === "chess")?.location).toMatchObject({
      id: "central",
    });
    const screen = await site.read("/signage/central/");
    expect(screen).toContain("Chess club");
    expect(screen).not.toContain("Avoiding scams");
    expect(screen).not.toContain("Community Room");
  });

  it("has no branch on its page, and is still listed with every program", async () => {
    const page = await site.read("/programs/scams-talk/");
    expect(page).toContain("https://meet.example.org/scams");
    expect(page).not.toContain("Step-free entrance");
    expect(page).not.toContain("<dt>Where</dt>");
    expect(await site.read("/programs/chess/")).toContain("<dt>Where</dt>");
    const listing = await site.read("/programs/");
    expect(listing).toContain("Avoiding scams");
    // Its row names no branch: the listing rows place it as its page does.
    const row = (id: string) =>
      listing.slice(listing.indexOf(`/programs/${id}/`)).split("</li>")[0]!;
    expect(row("scams-talk")).not.toContain("Central Library");
    expect(row("chess")).toContain("Central Library");
  });

  it("is not placed at the branch by the explorer, and the report counts it online", async () => {
    const src = /data-explorer data-src="([^"]+)"/.exec(await site.read("/programs/"))![1]!;
    const data = JSON.parse(await site.read(src)) as {
      programs: { id: string; l?: number; r?: string }[];
    };
    expect(data.programs.find((p) => p.id === "scams-talk")).not.toHaveProperty("l");
    expect(data.programs.find((p) => p.id === "chess")).toHaveProperty("l", 0);
    const { catalogue } = await loadCatalogue({ root, env: { ALMANAC_NOW: NOW } });
    const report = coverageReport(catalogue!, { weeks: 1 });
    expect(report.totals.onlineOnly).toBe(1);
    expect(report.locations.find((l) => l.id === "central")?.programs).toBe(1);
  });
});
