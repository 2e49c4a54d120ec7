// The progress line of a long build (src/build/progress.ts): on a terminal, after two
// seconds, the phase and how far it is, redrawn in place and cleared at the end; nothing in
// CI or in a log unless asked, and then plain lines. And `npm run build` shows it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { spawn } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { catalogueSummary, Progress } from "../src/build/progress.ts";
import { DEMO_ROOT, REPO } from "./helpers/site.ts";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 80, write: (t: string) => writes.push(t) }, writes };
}

describe("the progress line", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function run(options: { isTTY: boolean; env?: NodeJS.ProcessEnv; force?: boolean }) {
    vi.useFakeTimers();
    const { stream, writes } = fakeStream(options.isTTY);
    const progress = new Progress({
      stream,
      tty: options.isTTY,
      env: options.env ?? {},
      force: options.force,
      now: () => Date.now(),
    });
    progress.phase("Checking content");
    vi.advanceTimersByTime(1000);
    const early = writes.length;
    progress.phase("Rendering pages", 1115);
    progress.tick(412);
    vi.advanceTimersByTime(1500);
    progress.tick(600);
    vi.advanceTimersByTime(6000);
    progress.end();
    return { early, writes };
  }

  it("on a terminal: nothing for 2 s, then phase and pages done of all, redrawn, then cleared", () => {
    const { early, writes } = run({ isTTY: true });
    expect(early).toBe(0);
    expect(writes).toEqual([
      "\r\x1b[KRendering pages 412/1,115",
      "\r\x1b[KRendering pages 1,012/1,115",
      "\r\x1b[K",
    ]);
  });

  it("says nothing in CI or without a terminal", () => {
    expect(run({ isTTY: true, env: { CI: "true" } }).writes).toEqual([]);
    expect(run({ isTTY: false }).writes).toEqual([]);
  });

  it("when asked (--progress) without a terminal: plain lines, a few seconds apart", () => {
    const { writes } = run({ isTTY: false, env: { CI: "true" }, force: true });
    expect(writes).toEqual(["Rendering pages 412/1,115\n", "Rendering pages 1,012/1,115\n"]);
    expect(writes.join("")).not.toMatch(/[\r\x1b]/);
  });
});

describe("npm run build", () => {
  async function build(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const root = await mkdtemp(path.join(os.tmpdir(), "almanac-progress-"));
    await cp(path.join(DEMO_ROOT, "content"), path.join(root, "content"), { recursive: true });
    await cp(path.join(DEMO_ROOT, "_data"), path.join(root, "_data"), { recursive: true });
    const child = spawn(process.execPath, ["scripts/cli.mjs", "build", "--root", root, ...args], {
      cwd: REPO,
      env: { ...process.env, ALMANAC_NOW: "2026-11-28T10:00", CI: "true" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { code, stderr };
  }

  it("a first build (every social card to draw) shows its phases with --progress, none without", async () => {
    const [asked, quiet] = await Promise.all([build(["--progress"]), build([])]);
    expect(asked.code).toBe(0);
    expect(asked.stderr).toMatch(/^(Drawing social cards|Rendering pages) \d+\/\d+$/m);
    expect(asked.stderr).not.toMatch(/[\r\x1b]/);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toMatch(/Drawing social cards|Rendering pages/);
  }, 300_000);
});

describe("the build's last line", () => {
  it("counts each kind, one in the singular", () => {
    const of = (n: number) => Array.from({ length: n }, () => ({}));
    expect(
      catalogueSummary({ programs: of(21), partners: of(2), guides: of(1), pages: of(0) }, 1),
    ).toBe("21 programs (1 upcoming occurrence), 2 partners, 1 guide, 0 pages");
    expect(
      catalogueSummary({ programs: of(1), partners: of(1), guides: of(2), pages: of(1) }),
    ).toBe("1 program, 1 partner, 2 guides, 1 page");
  });
});
