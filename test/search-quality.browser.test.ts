// Search quality: realistic patron queries (ages, audience words, split and joined words,
// typos, branch names, access needs, languages, words that match nothing) run on the
// /search/ page in real Chromium, with Pagefind's own JS, against two built libraries: the
// demo and a second library with other ids, zone (Europe/London), locale and languages
// (test/fixtures/second-library). Each query names the results that must be in its top 3
// (or that it must have none); the test prints success@3 per library and requires 100%.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildOnce, QUALITY_NOW } from "./quality/build-once.ts";
import { DEMO_ROOT, REPO } from "./helpers/site.ts";
import { launchBrowser } from "./helpers/browser.ts";
import { serveStatic, type StaticServer } from "./helpers/serve.ts";

const SECOND_LIBRARY_ROOT = path.join(REPO, "test/fixtures/second-library");

type Kind =
  | "age"
  | "audience word"
  | "split or joined"
  | "typo"
  | "branch"
  | "access"
  | "language"
  | "topic"
  | "no match";

interface Case {
  q: string;
  kind: Kind;
  /** Titles that must all be among the first three results; empty: no results at all. */
  top3: string[];
}

const BILINGUAL = "Bilingual Storytime / Cuentos Bilingües";
const VIETNAMESE = "Giờ Kể Chuyện Song Ngữ: Vietnamese–English Storytime";
const DND = "Teen Dungeons & Dragons";
const LEGO = "Saturday LEGO Club";
const TECH_HELP = "Tech Help Drop-In";
const FESTIVAL = "Maple Hollow Book Festival 2027";
const LAST_FRIDAY = "Last Friday Live: Local Music at the Library";

const DEMO: Case[] = [
  { q: "storytime for my 4 year old", kind: "age", top3: [BILINGUAL] },
  { q: "4-year-old story time", kind: "age", top3: [BILINGUAL] },
  { q: "coding for a 14 year old", kind: "age", top3: ["Teen Coding Club"] },
  { q: "toddler", kind: "audience word", top3: [BILINGUAL, "Baby Lapsit"] },
  { q: "preschool", kind: "audience word", top3: [BILINGUAL] },
  { q: "yoga for seniors", kind: "audience word", top3: ["Gentle Chair Yoga"] },
  { q: "older adults smartphone", kind: "audience word", top3: ["Smartphone Basics for Seniors"] },
  { q: "youth poetry", kind: "audience word", top3: ["Teen Poetry Slam"] },
  { q: "story time", kind: "split or joined", top3: [BILINGUAL, VIETNAMESE] },
  { q: "storytime", kind: "split or joined", top3: [BILINGUAL, VIETNAMESE] },
  { q: "lego", kind: "split or joined", top3: [LEGO] },
  { q: "LEGO", kind: "split or joined", top3: [LEGO] },
  { q: "legos", kind: "split or joined", top3: [LEGO] },
  { q: "e-mail", kind: "split or joined", top3: [TECH_HELP] },
  { q: "email", kind: "split or joined", top3: [TECH_HELP] },
  { q: "gingerbreadhouse", kind: "split or joined", top3: ["Family Gingerbread House Workshop"] },
  { q: "dnd", kind: "split or joined", top3: [DND] },
  { q: "storytme", kind: "typo", top3: [BILINGUAL] },
  { q: "chess clb", kind: "typo", top3: ["Eastside Chess Club"] },
  { q: "dungeons and dragns", kind: "typo", top3: [DND] },
  { q: "citzenship", kind: "typo", top3: ["U.S. Citizenship Test Preparation"] },
  { q: "knitting circel", kind: "typo", top3: ["Northwood Knitting and Crochet Circle"] },
  { q: "Eastside", kind: "branch", top3: ["Eastside Chess Club"] },
  { q: "northwood knitting", kind: "branch", top3: ["Northwood Knitting and Crochet Circle"] },
  { q: "lego eastside branch", kind: "branch", top3: [LEGO] },
  { q: "wheelchair", kind: "access", top3: [LAST_FRIDAY, "Teen Stargazing Night"] },
  { q: "asl", kind: "access", top3: [FESTIVAL] },
  { q: "sign language", kind: "access", top3: [FESTIVAL] },
  {
    q: "film with captions",
    kind: "access",
    top3: ["Black History Month Film and Discussion: Voices of the Great Migration"],
  },
  { q: "hearing loop", kind: "access", top3: [LAST_FRIDAY, "Second Tuesday Mystery Book Club"] },
  { q: "spanish storytime", kind: "language", top3: [BILINGUAL] },
  { q: "vietnamese", kind: "language", top3: [VIETNAMESE] },
  { q: "arabic", kind: "language", top3: ["Arabic–English Conversation Hour / ساعة المحادثة"] },
  { q: "cuentos", kind: "language", top3: [BILINGUAL] },
  { q: "tax help", kind: "topic", top3: ["Free Tax Preparation (VITA)"] },
  { q: "job search", kind: "topic", top3: ["Job Search Bootcamp: Six Weeks to Your Next Job"] },
  { q: "deepfake", kind: "topic", top3: ["Real or Fake? Spotting Deepfakes and Edited Videos"] },
  { q: "saturday science", kind: "topic", top3: ["Family Science Saturday"] },
  { q: "xylophone", kind: "no match", top3: [] },
  { q: "zqxvbn", kind: "no match", top3: [] },
];

const RHYME = "Rhyme Time";
const BOUNCE = "Bounce and Rhyme at Riverside";
const BSL = "Family Storytelling with BSL";
const RELAXED = "Relaxed Film Screening";
const DROP_IN = "Digital Drop-in";
const WELSH = "Sgwrs: Welsh for Learners";

const SECOND: Case[] = [
  { q: "3 year old", kind: "age", top3: [RHYME] },
  { q: "under 5s", kind: "age", top3: [RHYME, BOUNCE] },
  { q: "crafts for my 6 year old", kind: "age", top3: ["Story and Craft Saturdays"] },
  { q: "toddler", kind: "audience word", top3: [RHYME, BOUNCE] },
  { q: "seniors", kind: "audience word", top3: [DROP_IN, "Knit and Natter"] },
  { q: "teens reading", kind: "audience word", top3: ["Young People's Reading Group"] },
  { q: "rhymetime", kind: "split or joined", top3: [RHYME] },
  { q: "rhyme time", kind: "split or joined", top3: [RHYME] },
  { q: "e-mail help", kind: "split or joined", top3: [DROP_IN] },
  { q: "coding", kind: "split or joined", top3: ["Code Club"] },
  { q: "lego", kind: "split or joined", top3: ["Lego Club"] },
  { q: "knittting", kind: "typo", top3: ["Knit and Natter"] },
  { q: "storys and crafts", kind: "typo", top3: ["Story and Craft Saturdays"] },
  { q: "riverside", kind: "branch", top3: [BOUNCE] },
  { q: "town hall lego", kind: "branch", top3: ["Lego Club"] },
  { q: "bsl", kind: "access", top3: [BSL] },
  { q: "british sign language", kind: "access", top3: [BSL] },
  { q: "wheelchair", kind: "access", top3: [BSL, DROP_IN] },
  { q: "sensory friendly", kind: "access", top3: [RELAXED] },
  { q: "subtitles", kind: "access", top3: [RELAXED] },
  { q: "polish", kind: "language", top3: ["Bajki po polsku"] },
  { q: "welsh", kind: "language", top3: [WELSH] },
  { q: "cymraeg", kind: "language", top3: [WELSH] },
  { q: "cv help", kind: "topic", top3: ["Job Club"] },
  { q: "family history", kind: "topic", top3: ["Family History Workshop"] },
  { q: "xylophone", kind: "no match", top3: [] },
];

interface Outcome {
  library: string;
  c: Case;
  titles: string[];
  ok: boolean;
}

describe("search quality in Chromium", () => {
  const servers: Record<string, StaticServer> = {};
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    // One after the other: builds in one process share Pagefind's service.
    const demo = await buildOnce(DEMO_ROOT, QUALITY_NOW);
    const second = await buildOnce(SECOND_LIBRARY_ROOT, QUALITY_NOW);
    expect(demo.ok && second.ok).toBe(true);
    servers.demo = await serveStatic(demo.output);
    servers.second = await serveStatic(second.output);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of Object.values(servers)) await server.close();
  });

  /** The result titles of `/search/?q=...`, in order. */
  async function titles(library: string, q: string): Promise<string[]> {
    await page.goto(`${servers[library]!.url}/search/?q=${encodeURIComponent(q)}`);
    await page.waitForSelector("[data-search-form][data-ready]");
    return page.locator(".search-result h2 a").allTextContents();
  }

  async function runAll(library: string, cases: Case[]): Promise<Outcome[]> {
    const mine: Outcome[] = [];
    for (const c of cases) {
      const found = await titles(library, c.q);
      const top = found.slice(0, 3);
      const ok = c.top3.length ? c.top3.every((t) => top.includes(t)) : found.length === 0;
      mine.push({ library, c, titles: found, ok });
    }
    outcomes.push(...mine);
    return mine;
  }

  function report(mine: Outcome[]): string {
    const rate = (list: Outcome[]) => `${list.filter((o) => o.ok).length}/${list.length}`;
    const kinds = [...new Set(mine.map((o) => o.c.kind))];
    const lines = [
      `success@3 on ${mine[0]!.library}: ${rate(mine)} (${((100 * mine.filter((o) => o.ok).length) / mine.length).toFixed(1)}%)`,
      ...kinds.map((k) => `  ${k}: ${rate(mine.filter((o) => o.c.kind === k))}`),
      ...mine
        .filter((o) => !o.ok)
        .map(
          (o) =>
            `  MISSED "${o.c.q}": wanted ${o.c.top3.length ? o.c.top3.join(" + ") : "no results"}, got ${o.titles.slice(0, 3).join(" | ") || "nothing"}`,
        ),
    ];
    return lines.join("\n");
  }

  it(`the demo library: ${DEMO.length} queries, every one with its results in the top 3`, async () => {
    const mine = await runAll("demo", DEMO);
    const text = report(mine);
    console.log(text);
    expect(mine.filter((o) => !o.ok).length, text).toBe(0);
    expect(errors).toEqual([]);
  });

  it(`a second library (other ids, zone, locale, languages): ${SECOND.length} queries, every one in the top 3`, async () => {
    const mine = await runAll("second", SECOND);
    const text = report(mine);
    console.log(text);
    expect(mine.filter((o) => !o.ok).length, text).toBe(0);
    expect(errors).toEqual([]);
  });

  it("covers at least 30 queries of every kind the issue names, on both libraries", () => {
    expect(DEMO.length + SECOND.length).toBeGreaterThanOrEqual(30);
    for (const cases of [DEMO, SECOND]) {
      const kinds = new Set(cases.map((c) => c.kind));
      for (const k of ["age", "split or joined", "typo", "branch", "access", "language"] as const)
        expect(kinds).toContain(k);
    }
    const all = outcomes.filter((o) => o.ok).length;
    console.log(`success@3 overall: ${all}/${outcomes.length}`);
    expect(all).toBe(outcomes.length);
  });
});
