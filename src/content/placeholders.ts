// The placeholder texts of the starter files `npm run new` writes (src/staff/scaffold.ts
// builds its files from these), and the check that none of them is left in a file about
// to be published. A starter is a draft; once staff set `draft: false` (or delete the
// line), a summary that still says "Replace this sentence..." would be on the site.
import type { Entry, Report } from "./entry.ts";

/** Every starter summary begins with this (the rest names the item). */
export const PLACEHOLDER_SUMMARY = "Replace this sentence with";

/** The online link of a program started in a library with no locations yet. */
export const PLACEHOLDER_LINK = "https://meet.example.org/replace-with-your-link";

/** The body lines of each kind's starter, each a line of its own. */
export const PLACEHOLDER_BODY = {
  program: [
    "Describe the program here: what people will do, who leads it, what to bring.",
    "Markdown works: **bold**, *italic*, [links](https://example.org) and lists.",
  ],
  partner: ["Who they are and what you do together. Markdown works here."],
  guide: ["Write the guide here. Markdown works: headings (## Step one), lists and links."],
  page: [
    "Write the page here. Markdown works: headings, lists, **bold** and [links](https://example.org).",
  ],
} as const;

const BODY_LINES = new Set<string>(Object.values(PLACEHOLDER_BODY).flat());

const UNTIL_READY = "or keep draft: true until it is ready";

/** The first words of a placeholder, to quote it: `"Describe the program here: what ..."`. */
function opening(text: string): string {
  const words = text.split(" ");
  return words.length > 5 ? `${words.slice(0, 5).join(" ")} ...` : text;
}

/**
 * Reports, as errors, starter placeholders left in a file that is not a draft: the
 * summary, the online link, and each body line the starter wrote. `bodyLine` is the line
 * of the file the body starts on.
 */
export function checkPlaceholders(e: Entry<unknown>, bodyLine: number, report: Report): void {
  // A draft, or a `draft` the schema refuses (reported there): nothing to say yet.
  if (e.raw.draft !== undefined && e.raw.draft !== false) return;
  const error = (line: number, field: string, message: string) => {
    report.error(e.file, line, field, `still the starter's ${message}, ${UNTIL_READY}`);
    e.failed = true;
  };
  const summary = e.raw.summary;
  if (typeof summary === "string" && summary.trim().startsWith(PLACEHOLDER_SUMMARY)) {
    error(
      e.lines.get("summary"),
      "summary",
      `placeholder "${PLACEHOLDER_SUMMARY} ...": write one or two sentences of your own`,
    );
  }
  if (typeof e.raw.online === "string" && e.raw.online.trim() === PLACEHOLDER_LINK) {
    error(e.lines.get("online"), "online", "placeholder link: give the real link to join");
  }
  e.body.split("\n").forEach((line, i) => {
    const text = line.trim();
    if (BODY_LINES.has(text)) {
      error(bodyLine + i, "body", `placeholder "${opening(text)}": replace it with your own text`);
    }
  });
}
