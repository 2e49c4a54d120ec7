// The coverage report as plain text tables for a terminal (`npm run report`); the model is
// `report.ts`.
import type { CoverageReport, CoverageRow } from "./report.ts";

/** Columns padded to their widest cell; numbers right-aligned. */
function table(head: string[], body: (string | number)[][]): string {
  const cells = [head, ...body.map((r) => r.map(String))];
  const widths = head.map((_, c) => Math.max(...cells.map((r) => [...r[c]!].length)));
  const line = (r: string[], isHead: boolean) =>
    r
      .map((cell, c) => {
        const pad = widths[c]! - [...cell].length;
        const right = !isHead && c > 0 && typeof body[0]?.[c] === "number";
        return right ? " ".repeat(pad) + cell : cell + " ".repeat(pad);
      })
      .join("  ")
      .trimEnd();
  return [
    line(head, true),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...body.map((r) => line(r.map(String), false)),
  ].join("\n");
}

/** `Nov 28` from `2026-11-28`, without a locale (the terminal view is for staff, in English). */
function shortDay(iso: string): string {
  const months = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ];
  const [, m, d] = iso.split("-");
  return `${months[Number(m) - 1]} ${Number(d)}`;
}

/** The report as plain text tables for a terminal (`npm run report`). */
export function formatCoverage(report: CoverageReport, libraryName: string): string {
  const weekHeads = report.weeks.map((w) => shortDay(w.start));
  const section = (title: string, rows: CoverageRow[]) =>
    `${title}\n${table(
      [title.split(" ")[0]!, "programs", "occurrences", ...weekHeads],
      rows.map((r) => [r.label, r.programs, r.occurrences, ...r.perWeek]),
    )}`;
  const { totals } = report;
  const out = [
    `${libraryName}: programming coverage ${report.from} to ${report.to} (${report.weeks.length} weeks from today)`,
    `${totals.programs} programs, ${totals.occurrences} occurrences` +
      (totals.onlineOnly ? ` (${totals.onlineOnly} online only)` : "") +
      (totals.cancelled
        ? `; ${totals.cancelled} cancelled or postponed ${totals.cancelled === 1 ? "occurrence" : "occurrences"} not counted`
        : ""),
    "",
    `Weeks\n${table(
      ["week", "programs", "occurrences"],
      report.weeks.map((w) => [
        `${shortDay(w.start)} – ${shortDay(w.last)}`,
        w.programs,
        w.occurrences,
      ]),
    )}`,
    "",
    section("Audiences (occurrences per week)", report.audiences),
    "",
    section("Categories (occurrences per week)", report.categories),
    "",
    section("Locations (occurrences per week)", report.locations),
    "",
    section("Languages (occurrences per week)", report.languages),
    "",
  ];
  if (report.gaps.length) {
    out.push(`Gaps: weeks with nothing for an audience or a location (${report.gaps.length})`);
    const byItem = new Map<string, string[]>();
    for (const g of report.gaps) {
      const key = `${g.kind} ${g.label}`;
      byItem.set(key, [...(byItem.get(key) ?? []), shortDay(g.week)]);
    }
    for (const [item, weeks] of byItem) out.push(`  ${item}: week of ${weeks.join(", ")}`);
  } else {
    out.push("Gaps: none, every audience and location has something every week.");
  }
  out.push("");
  out.push(
    report.idlePartners.length
      ? `Partners with no upcoming programs (${report.idlePartners.length}): ${report.idlePartners.map((p) => p.name).join(", ")}`
      : "Partners with no upcoming programs: none.",
  );
  out.push(
    report.unlinkedGuides.length
      ? `Guides no program links to (${report.unlinkedGuides.length}): ${report.unlinkedGuides.map((g) => g.title).join(", ")}`
      : "Guides no program links to: none.",
  );
  return out.join("\n");
}
