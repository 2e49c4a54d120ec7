// The Atom feed (`/feed.xml`, RFC 4287) of programs, newest first. Written by hand with
// `escapeXml` on every value: titles and bodies come from staff and may contain anything.
import type { DateTime } from "luxon";
import type { Catalogue, Program } from "../content/model.ts";
import { parseWhen } from "../schedule/time.ts";
import { absoluteUrl, escapeXml } from "../text/xml.ts";
import { renderMarkdown } from "../content/markdown.ts";

/** Entries in the feed: readers only look at the newest, and the file stays small. */
export const FEED_LIMIT = 50;

/**
 * When a program counts as "new": its `publish` date when set (the day staff chose to
 * announce it), else the start of its first occurrence. Deterministic, unlike file times,
 * and the same value is the entry's `<updated>`. `undefined` for a program with neither.
 */
export function programNewness(program: Program, catalogue: Catalogue): DateTime | undefined {
  if (program.publish) {
    const when = parseWhen(program.publish, catalogue.library.timezone);
    if (when) return when.value;
  }
  return program.occurrences[0]?.start;
}

/** Programs newest first (see `programNewness`); ties and undated programs by id. */
export function programsNewestFirst(catalogue: Catalogue): Program[] {
  const keyed = catalogue.programs.map((program) => ({
    program,
    key: programNewness(program, catalogue)?.toMillis() ?? -Infinity,
  }));
  keyed.sort(
    (a, b) =>
      b.key - a.key || (a.program.id < b.program.id ? -1 : a.program.id > b.program.id ? 1 : 0),
  );
  return keyed.map((k) => k.program);
}

function rfc3339(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true })!;
}

/**
 * `/feed.xml`: the `limit` newest programs (default 50). Links are absolute; the feed's
 * `<updated>` is the newest entry's, or `catalogue.now` for an empty feed, so rebuilding
 * unchanged content gives the same bytes. Entry ids are the programs' absolute URLs.
 */
export function atomFeed(
  catalogue: Catalogue,
  options: {
    limit?: number;
    /** A program's body as HTML (the site view's rendering). Default: plain Markdown. */
    html?: (program: Program) => string;
    /**
     * The site in another of `site_languages` (src/site/languages.ts): its code and prefix
     * (`/es`); the feed is `<prefix>/feed.xml` and links to that language's pages. Default:
     * the first language's, at `/feed.xml`.
     */
    language?: { code: string; prefix: string };
    /** The feed's title, in its language. Default: `<library name>: programs`. */
    title?: string;
  } = {},
): string {
  const html = options.html ?? ((program: Program) => renderMarkdown(program.body));
  const { library } = catalogue;
  const site = library.url.replace(/\/+$/, "");
  const base = site + (options.language?.prefix ?? "");
  const programs = programsNewestFirst(catalogue).slice(0, options.limit ?? FEED_LIMIT);
  const updatedOf = (p: Program) => programNewness(p, catalogue);
  const newest = programs.map(updatedOf).find((d) => d !== undefined) ?? catalogue.now;
  const x = escapeXml;

  const out = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(options.language?.code ?? library.language)}" xml:base="${x(base)}/">`,
    `  <title type="text">${x(options.title ?? `${library.name}: programs`)}</title>`,
  ];
  if (library.description) out.push(`  <subtitle type="text">${x(library.description)}</subtitle>`);
  out.push(
    `  <id>${x(`${base}/feed.xml`)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${x(`${base}/feed.xml`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(`${base}/programs/`)}"/>`,
    `  <updated>${rfc3339(newest)}</updated>`,
    `  <author><name>${x(library.name)}</name><uri>${x(`${site}/`)}</uri></author>`,
    `  <generator>Almanac</generator>`,
  );
  for (const program of programs) {
    const url = absoluteUrl(base, program.url);
    out.push(
      // An item shown untranslated is in its own language (src/site/languages.ts).
      program.lang ? `  <entry xml:lang="${x(program.lang)}">` : `  <entry>`,
      `    <id>${x(url)}</id>`,
      `    <title type="text">${x(program.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(url)}"/>`,
      `    <updated>${rfc3339(updatedOf(program) ?? catalogue.now)}</updated>`,
      `    <summary type="text">${x(program.summary)}</summary>`,
      `    <content type="html" xml:base="${x(url)}">${x(html(program))}</content>`,
    );
    for (const id of program.categories) {
      const label = library.categories.find((c) => c.id === id)?.label ?? id;
      out.push(`    <category term="${x(id)}" label="${x(label)}"/>`);
    }
    out.push(`  </entry>`);
  }
  out.push(`</feed>`, "");
  return out.join("\n");
}
