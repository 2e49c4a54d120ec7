// A synthetic library for the benchmark: `n` programs with a realistic mix of schedules
// (about 40% weekly series, 10% monthly, 30% one-off, 20% with extra `dates`), partners and
// guides linking to them, and bodies of a few Markdown paragraphs. Everything comes from a
// seeded PRNG, so the same `n` and seed always give the same files, and the files are real
// files under a temp root, so the benchmark measures the real loader, not an in-memory shortcut.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";

/** The fixed "now" every benchmark build uses (`ALMANAC_NOW`), so runs are comparable. */
export const BENCH_NOW = "2026-10-01T09:00";

export interface GenerateOptions {
  /** Number of programs. */
  programs: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** Folder to write into; default a fresh temp folder. */
  root?: string;
  /**
   * A site in English and Spanish: `site_languages: [en, es]`, labels by language, and a
   * Spanish translation (title, summary, body) of about a third of the programs. Default
   * false: one language, and files byte for byte as before the option existed.
   */
  spanish?: boolean;
}

export interface Generated {
  root: string;
  /** Program ids, in file order. */
  programIds: string[];
  /** Program bodies by id (the baseline renders the same Markdown). */
  bodies: Map<string, { title: string; body: string }>;
  partners: number;
  guides: number;
  /** Ids of the programs translated into Spanish (none without `spanish`). */
  translated: string[];
}

/** mulberry32: small, fast, good enough for test data, and identical on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONE = "America/Chicago";
const AUDIENCES = ["kids", "teens", "adults", "seniors", "families", "newcomers"];
/** Audiences' `ages` (the explorer's age filter); newcomers have none. */
const AGES: Record<string, string> = {
  kids: "[0, 11]",
  teens: "[12, 18]",
  adults: "[18, 120]",
  seniors: "[60, 120]",
  families: "[0, 120]",
};
const ACCESS = ["asl", "captions", "hearing-loop", "large-print", "sensory-friendly", "step-free"];
const CATEGORIES = [
  "storytime",
  "technology",
  "media-literacy",
  "makerspace",
  "arts",
  "books",
  "languages-esl",
  "health",
  "careers",
  "culture",
  "science",
];
/** Every location is closed on these days; series skip them with `except`. */
const CLOSED = ["2026-11-26", "2026-12-25", "2027-01-01", "2027-01-18"];
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const ADJECTIVES = [
  "Beginner",
  "Intermediate",
  "Family",
  "Teen",
  "Evening",
  "Weekend",
  "Hands-on",
  "Introductory",
  "Advanced",
  "Community",
  "Bilingual",
  "Drop-in",
];
const TOPICS = [
  "Watercolor",
  "Python",
  "Genealogy",
  "Chess",
  "Knitting",
  "Resume Writing",
  "3D Printing",
  "Spanish Conversation",
  "Tax Help",
  "Fact-Checking",
  "Photography",
  "Gardening",
  "Robotics",
  "Poetry",
  "Smartphone Basics",
  "Local History",
  "Yoga",
  "Budgeting",
  "Comics",
  "Podcasting",
  "Birdwatching",
  "Sewing",
  "Video Editing",
  "Board Games",
];
const FORMATS = ["Workshop", "Club", "Class", "Circle", "Lab", "Hour", "Meetup", "Talk", "Clinic"];
const WORDS = (
  "library patrons learn practice share explore community neighbors friendly relaxed session " +
  "bring questions laptop provided materials welcome beginners experienced volunteers guide " +
  "together small group hands-on project take home ideas skills confidence discover resources " +
  "catalogue books online free register space limited accessible room refreshments afternoon " +
  "evening weekly monthly topic discussion examples tips tools safe respectful everyone age " +
  "family children parents teens adults seniors staff librarian partner local history science"
).split(" ");

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function pickSome<T>(rand: () => number, list: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(rand() * (max - min + 1));
  const pool = [...list];
  const out: T[] = [];
  while (out.length < count && pool.length)
    out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  return out;
}

function sentence(
  rand: () => number,
  words: number,
  vocabulary: readonly string[] = WORDS,
): string {
  const parts = Array.from({ length: words }, () => pick(rand, vocabulary));
  const text = parts.join(" ");
  return text[0]!.toUpperCase() + text.slice(1) + ".";
}

function paragraph(rand: () => number, vocabulary: readonly string[] = WORDS): string {
  const count = 3 + Math.floor(rand() * 4);
  const lines = Array.from({ length: count }, () =>
    sentence(rand, 8 + Math.floor(rand() * 10), vocabulary),
  );
  return lines.join(" ");
}

/** A body like staff write: paragraphs, sometimes a heading and a short list. */
function body(
  rand: () => number,
  vocabulary: readonly string[] = WORDS,
  heading = "What to expect",
): string {
  const blocks = [paragraph(rand, vocabulary), paragraph(rand, vocabulary)];
  if (rand() < 0.6) {
    blocks.push(`## ${heading}`);
    blocks.push(
      Array.from(
        { length: 3 + Math.floor(rand() * 3) },
        () => `- ${sentence(rand, 5, vocabulary)}`,
      ).join("\n"),
    );
  }
  if (rand() < 0.5) blocks.push(paragraph(rand, vocabulary));
  return blocks.join("\n\n") + "\n";
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const isClosed = (d: DateTime) => CLOSED.includes(d.toISODate()!);

/** A start time between 09:00 and 19:30 on a day that is not closed, up to `days` ahead. */
function startAt(rand: () => number, now: DateTime, fromDay: number, days: number): DateTime {
  for (;;) {
    const day = now.startOf("day").plus({ days: fromDay + Math.floor(rand() * days) });
    if (isClosed(day)) continue;
    return day.set({ hour: 9 + Math.floor(rand() * 11), minute: rand() < 0.5 ? 0 : 30 });
  }
}

const fmt = (d: DateTime) => d.toFormat("yyyy-MM-dd HH:mm");

// The Spanish of a two-language library (`spanish`): labels, and the words translations
// are made of.
const AUDIENCES_ES: Record<string, string> = {
  kids: "Niños",
  teens: "Adolescentes",
  adults: "Adultos",
  seniors: "Personas mayores",
  families: "Familias",
  newcomers: "Recién llegados",
};
const ACCESS_ES: Record<string, string> = {
  asl: "Lengua de señas",
  captions: "Subtítulos",
  "hearing-loop": "Bucle magnético",
  "large-print": "Letra grande",
  "sensory-friendly": "Adaptado sensorialmente",
  "step-free": "Sin escalones",
};
const CATEGORIES_ES: Record<string, string> = {
  storytime: "Hora del cuento",
  technology: "Tecnología",
  "media-literacy": "Alfabetización mediática",
  makerspace: "Espacio maker",
  arts: "Arte y manualidades",
  books: "Libros y lectura",
  "languages-esl": "Idiomas e inglés",
  health: "Salud y bienestar",
  careers: "Empleo y finanzas",
  culture: "Cultura y comunidad",
  science: "Ciencia y naturaleza",
};
const FORMATS_ES = ["Taller", "Club", "Clase", "Círculo", "Laboratorio", "Encuentro", "Charla"];
const TOPICS_ES = [
  "acuarela",
  "Python",
  "genealogía",
  "ajedrez",
  "tejido",
  "currículum",
  "impresión 3D",
  "conversación en inglés",
  "impuestos",
  "verificación de datos",
  "fotografía",
  "jardinería",
  "robótica",
  "poesía",
  "teléfonos inteligentes",
  "historia local",
  "yoga",
  "presupuesto familiar",
  "cómics",
  "pódcast",
];
const AUDIENCE_WORDS_ES = ["para principiantes", "en familia", "para adolescentes", "para todos"];
const WORDS_ES = (
  "biblioteca vecinos aprender practicar compartir explorar comunidad amable tranquilo sesión " +
  "traigan preguntas computadora materiales bienvenidos principiantes voluntarios guía juntos " +
  "grupo pequeño proyecto ideas habilidades confianza descubrir recursos libros gratis " +
  "inscripción cupo limitado sala accesible merienda tarde noche semanal mensual tema charla " +
  "ejemplos consejos herramientas seguro respetuoso todas edades familias niños padres " +
  "adolescentes adultos mayores personal bibliotecaria socio historia ciencia español"
).split(" ");

/** `label: Kids` or, in two languages, `label: { en: Kids, es: Niños }`. */
const label = (en: string, es: string | undefined) => (es ? `{ en: ${en}, es: ${es} }` : en);

function libraryYaml(locations: number, spanish = false): string {
  const locs = Array.from({ length: locations }, (_, i) => {
    const name = label(
      i === 0 ? "Central Library" : `Branch ${i}`,
      spanish ? (i === 0 ? "Biblioteca Central" : `Sucursal ${i}`) : undefined,
    );
    return [
      `  - id: ${i === 0 ? "central" : `branch-${i}`}`,
      `    name: ${name}`,
      `    address: ${100 + i * 7} Main Street, Maple Hollow, IL 60599`,
      `    accessibility: Step-free entrance; hearing loop in the meeting rooms.`,
    ].join("\n");
  });
  return [
    "name: Benchmark Public Library",
    "url: https://bench.example.org",
    `timezone: ${ZONE}`,
    "locale: en-US",
    "horizon_months: 6",
    // A consortium-sized catalogue keeps its listing pages to a window (docs/content.md).
    "listing_weeks: 4",
    "contact: { email: ask@bench.example.org }",
    "languages: { en: English, es: Español }",
    ...(spanish ? ["site_languages: [en, es]"] : []),
    "locations:",
    ...locs,
    "closed:",
    ...CLOSED.map(
      (d) => `  - { date: ${d}, reason: ${label("Holiday", spanish ? "Feriado" : undefined)} }`,
    ),
    "audiences:",
    ...AUDIENCES.map(
      (a) =>
        `  - { id: ${a}, label: ${label(capital(a), spanish ? AUDIENCES_ES[a] : undefined)}${AGES[a] ? `, ages: ${AGES[a]}` : ""} }`,
    ),
    "access:",
    ...ACCESS.map(
      (a) => `  - { id: ${a}, label: ${label(capital(a), spanish ? ACCESS_ES[a] : undefined)} }`,
    ),
    "categories:",
    ...CATEGORIES.map(
      (c) =>
        `  - { id: ${c}, label: ${label(capital(c), spanish ? CATEGORIES_ES[c] : undefined)} }`,
    ),
    "",
  ].join("\n");
}

const capital = (id: string) => `${id[0]!.toUpperCase()}${id.slice(1)}`;

/** A program's Spanish translation file: title, summary and body, from `rand` alone. */
function spanishTranslation(rand: () => number): string {
  const title = `${pick(rand, FORMATS_ES)} de ${pick(rand, TOPICS_ES)} ${pick(rand, AUDIENCE_WORDS_ES)}`;
  const summary = sentence(rand, 12 + Math.floor(rand() * 10), WORDS_ES);
  return `---\ntitle: ${title}\nsummary: ${summary}\n---\n${body(rand, WORDS_ES, "Qué esperar")}`;
}

/**
 * Writes a library of `programs` programs (plus N/25 partners, N/60 guides, at least 5 and 3,
 * and 4 pages) and returns where. Deterministic for a given count and seed.
 */
/** Writes `[path, text]` pairs a few hundred at a time: 20,000 at once run out of file descriptors. */
export async function writeTextFiles(files: [string, string][]): Promise<void> {
  for (let i = 0; i < files.length; i += 256) {
    await Promise.all(files.slice(i, i + 256).map(([file, text]) => writeFile(file, text)));
  }
}

export async function generateCatalogue(options: GenerateOptions): Promise<Generated> {
  const n = options.programs;
  const rand = prng(options.seed ?? 1);
  const root = options.root ?? (await mkdtemp(path.join(tmpdir(), `almanac-bench-${n}-`)));
  const now = DateTime.fromISO(BENCH_NOW, { zone: ZONE });
  const locationCount = Math.min(40, Math.max(3, Math.round(n / 250)));
  const locations = Array.from({ length: locationCount }, (_, i) =>
    i === 0 ? "central" : `branch-${i}`,
  );
  const partnerIds = Array.from({ length: Math.max(5, Math.round(n / 25)) }, (_, i) => {
    return `partner-${i + 1}`;
  });
  const guideIds = Array.from({ length: Math.max(3, Math.round(n / 60)) }, (_, i) => {
    return `guide-${i + 1}`;
  });

  const files = new Map<string, string>();
  files.set("_data/library.yaml", libraryYaml(locationCount, options.spanish));

  // The explorer's fields (access, cost) from a PRNG of their own, so every other field is
  // what it was before they existed and earlier figures stay comparable.
  const extra = prng((options.seed ?? 1) + 1000);
  // The Spanish translations likewise: a two-language library has the same programs.
  const spanish = prng((options.seed ?? 1) + 2000);
  const translated: string[] = [];
  const programIds: string[] = [];
  const bodies = new Map<string, { title: string; body: string }>();
  const programsOfGuide = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    const title = `${pick(rand, ADJECTIVES)} ${pick(rand, TOPICS)} ${pick(rand, FORMATS)}`;
    const id = `${slug(title)}-${i + 1}`;
    programIds.push(id);
    const text = body(rand);
    bodies.set(id, { title, body: text });
    const fm: string[] = [
      `title: ${title}`,
      `summary: ${sentence(rand, 12 + Math.floor(rand() * 10))}`,
      `audiences: [${pickSome(rand, AUDIENCES, 1, 2).join(", ")}]`,
      `categories: [${pickSome(rand, CATEGORIES, 1, 2).join(", ")}]`,
    ];
    const online = rand() < 0.1;
    if (!online || rand() < 0.5) fm.push(`location: ${pick(rand, locations)}`);
    if (online) fm.push(`online: https://meet.example.org/${id}`);
    if (rand() < 0.5) fm.push(`room: ${pick(rand, ["Meeting Room", "Maker Lab", "Auditorium"])}`);

    const kind = rand();
    const minutes = pick(rand, [45, 60, 90, 120]);
    if (kind < 0.4) {
      // Weekly series: one or two weekdays, open-ended or with an end.
      const start = startAt(rand, now, -60, 90);
      const days = [WEEKDAYS[start.weekday - 1]!];
      if (rand() < 0.3)
        days.push(
          pick(
            rand,
            WEEKDAYS.filter((d) => d !== days[0]),
          ),
        );
      fm.push(`start: ${fmt(start)}`, `duration: ${minutes}`, "repeat:", "  every: week");
      if (rand() < 0.2) fm.push("  interval: 2");
      fm.push(`  on: [${days.join(", ")}]`);
      if (rand() < 0.4)
        fm.push(`  until: ${start.plus({ weeks: 8 + Math.floor(rand() * 20) }).toISODate()}`);
      const except = CLOSED.filter((d) => {
        const day = DateTime.fromISO(d, { zone: ZONE });
        return day >= start.startOf("day") && days.includes(WEEKDAYS[day.weekday - 1]!);
      });
      if (except.length) fm.push(`  except: [${except.join(", ")}]`);
      if (rand() < 0.15) {
        const c = start.plus({ weeks: 2 + Math.floor(rand() * 6) });
        if (!isClosed(c)) fm.push(`cancelled: [${c.toISODate()}]`);
      }
    } else if (kind < 0.5) {
      // Monthly: nth weekday, never the 4th/last (the holidays above fall on those).
      const start = startAt(rand, now, -30, 60);
      const nth = Math.ceil(start.day / 7);
      const ord = ["1st", "2nd", "3rd"][Math.min(nth, 3) - 1]!;
      const first = nth > 3 ? start.minus({ weeks: nth - 3 }) : start;
      fm.push(`start: ${fmt(first)}`, `duration: ${minutes}`, "repeat:", "  every: month");
      fm.push(`  on: [${ord} ${WEEKDAYS[first.weekday - 1]}]`);
      const except = CLOSED.filter((d) => {
        const day = DateTime.fromISO(d, { zone: ZONE });
        return (
          day >= first.startOf("day") &&
          day.weekday === first.weekday &&
          Math.ceil(day.day / 7) === Math.min(nth, 3)
        );
      });
      if (except.length) fm.push(`  except: [${except.join(", ")}]`);
    } else if (kind < 0.8) {
      const start = startAt(rand, now, -20, 200);
      fm.push(`start: ${fmt(start)}`, `end: ${fmt(start.plus({ minutes }))}`);
    } else {
      // A handful of dates.
      const start = startAt(rand, now, -10, 60);
      const count = 2 + Math.floor(rand() * 5);
      const dates: string[] = [];
      let at = start;
      for (let k = 0; k < count; k++) {
        at = at.plus({ days: 7 + Math.floor(rand() * 21) });
        if (!isClosed(at)) dates.push(fmt(at));
      }
      fm.push(`start: ${fmt(start)}`, `duration: ${minutes}`, `dates: [${dates.join(", ")}]`);
    }
    if (rand() < 0.35) {
      fm.push("registration:", "  required: true", `  url: https://register.example.org/${id}`);
      if (rand() < 0.5) fm.push(`  capacity: ${10 + Math.floor(rand() * 30)}`);
    }
    if (rand() < 0.15) fm.push("languages: [en, es]");
    if (rand() < 0.3) fm.push(`partners: [${pickSome(rand, partnerIds, 1, 2).join(", ")}]`);
    if (rand() < 0.15) {
      const guides = pickSome(rand, guideIds, 1, 1);
      fm.push(`guides: [${guides.join(", ")}]`);
    } else if (rand() < 0.1) {
      // Linked from the guide's side instead.
      const g = pick(rand, guideIds);
      programsOfGuide.set(g, [...(programsOfGuide.get(g) ?? []), id]);
    }
    if (rand() < 0.03) fm.push("featured: true");
    if (rand() < 0.2) fm.push(`accessibility: ${sentence(rand, 8)}`);
    if (extra() < 0.3) fm.push(`access: [${pickSome(extra, ACCESS, 1, 2).join(", ")}]`);
    if (extra() < 0.1) fm.push(`cost: $${1 + Math.floor(extra() * 20)} materials`);
    files.set(`content/programs/${id}.md`, `---\n${fm.join("\n")}\n---\n${text}`);
    if (options.spanish && spanish() < 1 / 3) {
      translated.push(id);
      files.set(`content/programs/${id}.es.md`, spanishTranslation(spanish));
    }
  }

  for (const id of partnerIds) {
    const programs = rand() < 0.3 ? pickSome(rand, programIds, 1, 3) : [];
    files.set(
      `content/partners/${id}.md`,
      [
        "---",
        `name: ${pick(rand, TOPICS)} ${pick(rand, ["Society", "Council", "Center", "Collective"])} ${id.slice(8)}`,
        `kind: ${pick(rand, ["school", "business", "nonprofit", "government", "community"])}`,
        `summary: ${sentence(rand, 14)}`,
        `website: https://${id}.example.org`,
        ...(programs.length ? [`programs: [${programs.join(", ")}]`] : []),
        "---",
        paragraph(rand),
        "",
      ].join("\n"),
    );
  }
  for (const id of guideIds) {
    const programs = programsOfGuide.get(id) ?? [];
    files.set(
      `content/guides/${id}.md`,
      [
        "---",
        `title: ${pick(rand, ["Checking", "Spotting", "Reading", "Questioning"])} ${pick(rand, TOPICS)} Claims ${id.slice(6)}`,
        `summary: ${sentence(rand, 14)}`,
        `level: ${pick(rand, ["beginner", "intermediate", "advanced"])}`,
        `audiences: [${pickSome(rand, AUDIENCES, 1, 3).join(", ")}]`,
        "checklist:",
        ...Array.from({ length: 4 }, () => `  - ${sentence(rand, 7)}`),
        ...(programs.length ? [`programs: [${programs.join(", ")}]`] : []),
        "---",
        body(rand),
      ].join("\n"),
    );
  }
  ["about", "accessibility", "visiting", "feedback"].forEach((id, i) => {
    files.set(
      `content/pages/${id}.md`,
      `---\ntitle: ${id[0]!.toUpperCase()}${id.slice(1)}\nnav: ${i + 1}\n---\n${body(rand)}`,
    );
  });

  const dirs = new Set([...files.keys()].map((f) => path.dirname(path.join(root, f))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  await writeTextFiles([...files].map(([name, text]) => [path.join(root, name), text]));
  return {
    root,
    programIds,
    bodies,
    partners: partnerIds.length,
    guides: guideIds.length,
    translated,
  };
}
