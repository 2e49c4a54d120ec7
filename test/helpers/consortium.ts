// A consortium of two real member builds, for the consortium tests: the demo library
// (America/Chicago) and the second library (Europe/London), each built on its own, then a
// consortium site (America/New_York, so both members' zones differ from its own) whose
// `_data/library.yaml` names them. Its content is test/fixtures/consortium/ (one page).
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildFixture, DEMO_ROOT, REPO, type BuiltSite } from "./site.ts";

export const SECOND_ROOT = path.join(REPO, "test/fixtures/second-library");
export const CONSORTIUM_CONTENT = path.join(REPO, "test/fixtures/consortium/content");
export const CONSORTIUM_NOW = "2026-11-28T10:00";

export interface MemberBuild {
  id: string;
  name: string;
  /** Where the member is published (the `url` the consortium names). */
  url: string;
  site: BuiltSite;
}

export const CONSORTIUM_URL = "https://libraries.two-towns.example.net";

/** A copy of a library that names the consortium it is a member of (`consortium_url`). */
function asMember(root: string): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), "almanac-member-"));
  cpSync(path.join(root, "content"), path.join(copy, "content"), { recursive: true });
  cpSync(path.join(root, "_data"), path.join(copy, "_data"), { recursive: true });
  // The fixture's image cache, when a test left one: only speed, the output is the same.
  if (existsSync(path.join(root, ".cache")))
    cpSync(path.join(root, ".cache"), path.join(copy, ".cache"), { recursive: true });
  const yaml = path.join(copy, "_data/library.yaml");
  writeFileSync(yaml, `${readFileSync(yaml, "utf8")}\nconsortium_url: ${CONSORTIUM_URL}\n`);
  return copy;
}

/** Builds the two members (at once), each naming the consortium. */
export async function buildMembers(): Promise<{ maple: BuiltSite; kettleby: BuiltSite }> {
  const [maple, kettleby] = await Promise.all([
    buildFixture(asMember(DEMO_ROOT), CONSORTIUM_NOW),
    buildFixture(asMember(SECOND_ROOT), CONSORTIUM_NOW),
  ]);
  if (!maple.ok || !kettleby.ok) throw new Error("a member build failed");
  return { maple, kettleby };
}

/** The consortium's `library.yaml` naming `members` (sources relative to `root`). */
export function consortiumYaml(root: string, members: MemberBuild[], extra = ""): string {
  const lines = members.map(
    (m) =>
      `    - { id: ${m.id}, name: ${m.name}, url: "${m.url}", source: "${path.relative(root, m.site.output)}" }`,
  );
  return `name: Two Towns Libraries
url: ${CONSORTIUM_URL}
timezone: America/New_York
audiences:
  - { id: adults, label: Adults }
categories:
  - { id: technology, label: Technology }
${extra}consortium:
  members:
${lines.join("\n")}
`;
}

/** A consortium's folder (content copied, library.yaml written), ready to build. */
export function makeConsortium(members: MemberBuild[], extra = ""): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "almanac-consortium-"));
  cpSync(CONSORTIUM_CONTENT, path.join(root, "content"), { recursive: true });
  mkdirSync(path.join(root, "_data"));
  writeFileSync(path.join(root, "_data/library.yaml"), consortiumYaml(root, members, extra));
  return root;
}

/** Builds the consortium of `members`. */
export async function buildConsortium(members: MemberBuild[]): Promise<BuiltSite> {
  const site = await buildFixture(makeConsortium(members), CONSORTIUM_NOW);
  if (!site.ok) throw new Error(`the consortium build failed: ${JSON.stringify(site.problems)}`);
  return site;
}
