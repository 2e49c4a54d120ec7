// A postponed program's dates are not confirmed ("New dates will be announced here"): its
// page must not invite patrons to register for them, nor to put its next date in a calendar
// or a plan, while its dates stay listed and "all dates" stays on offer. Found in a patron's
// review of the demo (Genealogy 101 said "Postponed", then "Registration closes soon" and
// Register). Built on another library's content (Pacific/Auckland), in English and Spanish.
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIBRARY, makeSite, programFile } from "./helpers/fixture.ts";
import { buildFixture, type BuiltSite } from "./helpers/site.ts";
import { registrationStatus } from "../src/site/registration.ts";
import { DateTime } from "luxon";
import { makeProgram, occ } from "./helpers/model.ts";

const LIBRARY = `${DEFAULT_LIBRARY.replace("America/Chicago", "Pacific/Auckland")}site_languages: [en, es]\n`;
const REGISTRATION = `registration:
  required: true
  url: https://library.example.org/register/42
  capacity: 12
`;

describe("a postponed program with registration", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    const root = await makeSite({
      "_data/library.yaml": LIBRARY,
      "content/programs/family-history.md": programFile(
        { title: "Family History Basics", summary: "Start your family tree." },
        `status: postponed\n${REGISTRATION}`,
        { start: "2026-12-03 18:30", end: "2026-12-03 20:00" },
      ),
      "content/programs/map-club.md": programFile(
        { title: "Map Club", summary: "Old maps, new eyes." },
        REGISTRATION,
        { start: "2026-12-03 18:30", end: "2026-12-03 20:00" },
      ),
    });
    site = await buildFixture(root, "2026-11-28T10:00");
    expect(site.ok).toBe(true);
  }, 120_000);

  it("says registration is paused, with no Register button and no next-date actions", async () => {
    const page = await site.read("/programs/family-history/");
    expect(page).toContain("Postponed.");
    expect(page).toContain("Registration is paused until the new dates are announced.");
    const register = '<a class="button" href="https://library.example.org/register/42">';
    expect(page).not.toContain(register);
    expect(page).not.toMatch(/data-reg-state="(open|closing-soon)"/);
    expect(page).not.toContain("data-plan-start=");
    expect(page).not.toContain("share-google");
    // Its dates stay listed, and the whole program can still be saved or subscribed to.
    expect(page).toContain('data-plan-program="family-history"');
    expect(page).toContain('href="/programs/family-history.ics"');
    expect(page).toMatch(/<ul class="dates">[\s\S]*2026-12-03T18:30/);
  });

  it("in Spanish too", async () => {
    const page = await site.read("/es/programs/family-history/");
    expect(page).toContain("La inscripción está en pausa hasta que se anuncien las nuevas fechas.");
    expect(page).not.toContain('<a class="button" href="https://library.example.org/register/42">');
  });

  it("while a scheduled program beside it still invites registration (the control)", async () => {
    const page = await site.read("/programs/map-club/");
    expect(page).toContain('<a class="button" href="https://library.example.org/register/42">');
    expect(page).toContain("data-plan-start=");
    expect(page).toContain("share-google");
  });

  it("stays paused by the clock: no later state opens registration", () => {
    const zone = "Pacific/Auckland";
    const status = registrationStatus(
      makeProgram({
        status: "postponed",
        occurrences: [occ("2026-12-12T13:30", 90, zone)],
        registration: { required: true, full: false, opens: "2026-12-01", closes: "2026-12-10" },
      }),
      DateTime.fromISO("2026-11-28T10:00", { zone }),
      zone,
    );
    expect(status?.phases).toEqual([{ state: "paused" }]);
  });
});
