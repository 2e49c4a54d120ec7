// The embed's files without a browser: the per-facet data files say what `/programs.json`
// says (the same occurrences, starts, ends, statuses and URLs, in its order), each cut after
// its facet's next N with ties kept, so that merging the files of several filters gives
// programs.json's first matches, never one with an earlier match missing; for the demo and
// for a second library (Europe/London, its own ids). Also the size of `/embed.js` and the
// host headers that let other sites read it and frame `/embed/`.
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../src/content/catalogue.ts";
import type { Catalogue } from "../src/content/model.ts";
import {
  EMBED_FACETS,
  EMBED_OCCURRENCES,
  embedFiles,
  type EmbedData,
  type EmbedFacet,
} from "../src/outputs/embed-data.ts";
import { EMBED_SCRIPT_BUDGET, embedScript } from "../src/outputs/embed-script.ts";
import {
  CONTENT_SECURITY_POLICY,
  EMBED_FRAME_POLICY,
  apacheHtaccess,
  netlifyHeaders,
} from "../src/outputs/csp.ts";
import { programsJson, type ProgramsJsonOccurrence } from "../src/outputs/programs-json.ts";
import { Site } from "../src/site/site.ts";
import { headersFile } from "./helpers/serve.ts";
import { DEMO_ROOT, REPO } from "./helpers/site.ts";
import { makeSantiagoSite, SANTIAGO_NOW } from "./helpers/santiago.ts";

const LIBRARIES = [
  { name: "the demo", root: DEMO_ROOT, now: "2026-11-28T10:00", zone: "America/Chicago" },
  {
    name: "a second library (Europe/London)",
    root: path.join(REPO, "test/fixtures/second-library"),
    now: "2026-12-01T09:00",
    zone: "Europe/London",
  },
];

/** What programs.json says of an occurrence, as the widget reads it from a data file. */
const said = (o: ProgramsJsonOccurrence) => ({
  id: o.id,
  start: o.start,
  end: o.end,
  allDay: o.allDay,
  status: o.status,
  url: o.url,
});

function decode(data: EmbedData) {
  return data.occurrences.map((o) => {
    const p = data.programs[o.p]!;
    return {
      n: o.n,
      said: {
        id: p.id,
        start: o.start,
        end: o.end,
        allDay: !!o.allDay,
        status: o.cancelled ? "cancelled" : (p.status ?? "scheduled"),
        url: p.url,
      },
      program: p,
    };
  });
}

/** Whether a programs.json occurrence has `id` for `facet` (the catalogue knows languages and access). */
function inFacet(c: Catalogue, o: ProgramsJsonOccurrence, facet: EmbedFacet, id: string): boolean {
  const program = c.programs.find((p) => p.id === o.id)!;
  if (facet === "audience") return o.audiences.includes(id);
  if (facet === "category") return o.categories.includes(id);
  if (facet === "location") return o.location?.id === id;
  if (facet === "language") return program.languages.includes(id);
  return program.access.includes(id);
}

for (const library of LIBRARIES) {
  describe(`embed data files: ${library.name}`, () => {
    let catalogue: Catalogue;
    let files: Map<string, EmbedData>;
    let all: ProgramsJsonOccurrence[];
    beforeAll(async () => {
      const loaded = await loadCatalogue({
        root: library.root,
        now: DateTime.fromISO(library.now, { zone: library.zone }),
      });
      catalogue = loaded.catalogue!;
      files = new Map(
        embedFiles(new Site(catalogue)).map((f) => [f.path, JSON.parse(f.json) as EmbedData]),
      );
      all = programsJson(catalogue).occurrences;
    });

    it("writes all.json and one file for every audience, category, location, language and access feature", () => {
      const { library: lib } = catalogue;
      const expected = [
        "embed/data/all.json",
        ...lib.audiences.map((a) => `embed/data/audience/${a.id}.json`),
        ...lib.categories.map((c) => `embed/data/category/${c.id}.json`),
        ...lib.locations.map((l) => `embed/data/location/${l.id}.json`),
        ...Object.keys(lib.languages).map((code) => `embed/data/language/${code}.json`),
        ...lib.access.map((f) => `embed/data/access/${f.id}.json`),
      ];
      expect([...files.keys()]).toEqual(expected);
      const head = files.get("embed/data/all.json")!;
      expect(head.library).toEqual({
        name: lib.name,
        url: lib.url,
        timezone: library.zone,
        locale: lib.locale,
        language: lib.language,
      });
      expect(head.generated).toBe(programsJson(catalogue).generated);
    });

    it("holds each facet's next occurrences as programs.json says them, cut after N with ties kept", () => {
      let cut = 0;
      for (const [file, data] of files) {
        const [, , facet, id] = file.replace(/\.json$/, "").split("/");
        const expected = id
          ? all.filter((o) => inFacet(catalogue, o, facet as EmbedFacet, id!))
          : all;
        const got = decode(data);
        const length = got.length;
        expect(
          got.map((o) => o.said),
          file,
        ).toEqual(expected.slice(0, length).map(said));
        // Its place in programs.json's order.
        expect(
          got.map((o) => all[o.n]!.id + all[o.n]!.start),
          file,
        ).toEqual(expected.slice(0, length).map((o) => o.id + o.start));
        expect(data.complete, file).toBe(length === expected.length);
        if (!data.complete) {
          cut++;
          expect(length, file).toBeGreaterThanOrEqual(EMBED_OCCURRENCES);
          // Nothing left out starts when the last one kept does (the merge relies on it).
          expect(expected[length]!.start, file).not.toBe(expected[length - 1]!.start);
          if (length > EMBED_OCCURRENCES)
            expect(expected[EMBED_OCCURRENCES - 1]!.start).toBe(expected[length - 1]!.start);
        } else {
          expect(length, file).toBeLessThanOrEqual(EMBED_OCCURRENCES);
        }
      }
      expect(cut, "some file is long enough to be cut").toBeGreaterThan(0);
    });

    it("merges the files of several filters into programs.json's first matches, with no gap", () => {
      const { library: lib } = catalogue;
      const values: [EmbedFacet, string][] = [
        ...lib.audiences.map((a) => ["audience", a.id] as [EmbedFacet, string]),
        ...lib.categories.map((c) => ["category", c.id] as [EmbedFacet, string]),
        ...lib.locations.map((l) => ["location", l.id] as [EmbedFacet, string]),
      ];
      let combinations = 0;
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const pair = [values[i]!, values[j]!];
          if (pair[0]![0] === pair[1]![0] && pair[0]![0] === "location") continue;
          const matches = new Map<number, string>();
          for (const [facet, id] of pair) {
            for (const o of decode(files.get(`embed/data/${facet}/${id}.json`)!)) {
              const ok = pair.every(([f, v]) => inFacet(catalogue, all[o.n]!, f, v));
              if (ok) matches.set(o.n, o.said.id + o.said.start);
            }
          }
          const merged = [...matches.keys()].sort((a, b) => a - b).map((n) => matches.get(n));
          const expected = all
            .filter((o) => pair.every(([f, v]) => inFacet(catalogue, o, f, v)))
            .map((o) => o.id + o.start);
          expect(merged, pair.join(" + ")).toEqual(expected.slice(0, merged.length));
          if (merged.length) combinations++;
        }
      }
      expect(combinations).toBeGreaterThan(5);
    });

    it("keeps only what the widget shows or filters on", () => {
      const data = files.get("embed/data/all.json")!;
      const keys = new Set(data.programs.flatMap((p) => Object.keys(p)));
      expect([...keys].sort()).toEqual(
        expect.arrayContaining(["a", "c", "g", "id", "title", "url"]),
      );
      for (const key of keys)
        expect([
          "a",
          "ages",
          "c",
          "g",
          "id",
          "l",
          "online",
          "place",
          "status",
          "title",
          "url",
          "x",
        ]).toContain(key);
      // The programs of a file are those its occurrences name, once each.
      expect(new Set(data.occurrences.map((o) => o.p)).size).toBe(data.programs.length);
    });
  });
}

describe("embed data files on the night the clocks go back (America/Santiago)", () => {
  it("mark the times in the repeated hour, which the widget names the zone after", async () => {
    const root = await makeSantiagoSite();
    const { catalogue } = await loadCatalogue({
      root,
      now: DateTime.fromISO(SANTIAGO_NOW, { zone: "America/Santiago" }),
    });
    const [all] = embedFiles(new Site(catalogue!));
    const data = JSON.parse(all!.json) as EmbedData;
    const marks = data.occurrences.map((o) => `${data.programs[o.p]!.id} ${o.start} ${o.z ?? 0}`);
    // 3 April, 24:00 -> 23:00: 23:00 CLST to 23:30 CLT (both), 23:30 CLST to Sunday 00:30
    // (its start); the other Saturdays are plain.
    expect(marks.slice(0, 3)).toEqual([
      "noche-astronomica 2027-04-03T23:00:00-03:00 3",
      "ajedrez-nocturno 2027-04-03T23:30:00-03:00 1",
      "noche-astronomica 2027-04-10T23:00:00-04:00 0",
    ]);
    expect(marks.slice(3).every((m) => m.endsWith(" 0"))).toBe(true);
  });
});

describe("/embed.js", () => {
  it(`weighs under ${EMBED_SCRIPT_BUDGET / 1024} KB as served (minified)`, () => {
    const script = embedScript();
    const raw = Buffer.byteLength(script);
    const gzip = gzipSync(script).length;
    console.log(`/embed.js: ${raw} bytes minified, ${gzip} bytes gzip`);
    expect(raw).toBeLessThan(EMBED_SCRIPT_BUDGET);
    expect(script).not.toMatch(/\/staff\//);
  });
});

describe("host headers for the embed", () => {
  it("_headers: the script and data readable from other origins, /embed/ framable, the rest not", () => {
    const headers = headersFile(netlifyHeaders());
    expect(headers("/embed.js")["Access-Control-Allow-Origin"]).toBe("*");
    expect(headers("/embed/data/audience/teens.json")["Access-Control-Allow-Origin"]).toBe("*");
    expect(headers("/embed/")["Content-Security-Policy"]).toBe(EMBED_FRAME_POLICY);
    expect(EMBED_FRAME_POLICY).toMatch(/frame-ancestors \*$/);
    for (const page of ["/", "/programs/", "/staff/embed/", "/embedded/", "/sw.js"]) {
      expect(headers(page)["Content-Security-Policy"], page).toBe(CONTENT_SECURITY_POLICY);
      expect(headers(page)["Access-Control-Allow-Origin"], page).toBeUndefined();
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    // The frame's policy differs from the site's only in who may frame it.
    expect(EMBED_FRAME_POLICY.replace("frame-ancestors *", "frame-ancestors 'none'")).toBe(
      CONTENT_SECURITY_POLICY,
    );
  });

  it(".htaccess: the same, by path", () => {
    const htaccess = apacheHtaccess();
    expect(htaccess).toContain(
      `<If "%{REQUEST_URI} == '/embed.js' || %{REQUEST_URI} =~ m#^/embed/data/#">\n    Header always set Access-Control-Allow-Origin "*"\n  </If>`,
    );
    expect(htaccess).toContain(
      `<If "%{REQUEST_URI} =~ m#^/embed/#">\n    Header always set Content-Security-Policy "${EMBED_FRAME_POLICY}"\n  </If>`,
    );
  });
});
