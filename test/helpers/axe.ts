// axe-core in a Playwright page: the WCAG 2.2 A/AA violations it finds, one line each
// (rule, impact, help, where, why), at most three places per rule. axe is injected as a
// script, which the site's own CSP blocks: use a context with `bypassCSP: true`.
import path from "node:path";
import type { Page } from "playwright-core";
import { REPO } from "./site.ts";

const AXE = path.join(REPO, "node_modules/axe-core/axe.min.js");
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

interface AxeResult {
  violations: {
    id: string;
    impact: string;
    help: string;
    nodes: { target: string[]; failureSummary?: string }[];
  }[];
}

export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      }),
    AXE_TAGS,
  )) as AxeResult;
  return result.violations.flatMap((v) =>
    v.nodes
      .slice(0, 3)
      .map(
        (n) =>
          `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`,
      ),
  );
}
