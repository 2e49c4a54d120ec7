// What a long build is doing, for the person waiting at a terminal: one status line, the
// phase and how far it is ("Rendering pages 412/1,115"), shown once the work has taken
// longer than a couple of seconds and redrawn a few times a second, then cleared. A first
// build (every social card to draw) takes half a minute and would otherwise print nothing.
//
// Quiet where nobody watches a line being redrawn: in CI (`CI` set) or when the output is not
// a terminal (a log file, a pipe), unless asked (`--progress`), and then as plain lines, one
// when a phase starts and one every few seconds, without control characters.
//
// Steps report through `build.progress` (src/build/context.ts): `phase(name, total)` when
// they start, `tick()` per item done. Reporting costs a counter increment; drawing happens
// on a timer.

/** The part of a stream progress writes to (process.stderr, or a test's fake). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Where the line goes. Default: standard error. */
  stream?: ProgressStream;
  /** Whether the terminal is watched. Default: standard output and `stream` are terminals. */
  tty?: boolean;
  /** Environment (`CI`). Default: `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Show progress even in CI or without a terminal (`--progress`): then as plain lines. */
  force?: boolean;
  /** Nothing is shown before the work has taken this long. Default: 2000 ms. */
  delayMs?: number;
  /** Redraw interval on a terminal. Default: 100 ms; plain lines every 5 s. */
  intervalMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

type Mode = "off" | "line" | "lines";

export class Progress {
  readonly mode: Mode;
  readonly #stream: ProgressStream;
  readonly #delay: number;
  readonly #interval: number;
  readonly #now: () => number;
  #started?: number;
  #phase?: string;
  #total?: number;
  #done = 0;
  #timer?: ReturnType<typeof setInterval>;
  /** What the status line shows now ("" when nothing is drawn). */
  #drawn = "";
  #lastLine = 0;
  #restore?: () => void;

  constructor(options: ProgressOptions = {}) {
    this.#stream = options.stream ?? process.stderr;
    const env = options.env ?? process.env;
    const tty = options.tty ?? (Boolean(process.stdout.isTTY) && Boolean(this.#stream.isTTY));
    const ci = Boolean(env.CI) && env.CI !== "false" && env.CI !== "0";
    this.mode = tty && (options.force || !ci) ? "line" : options.force ? "lines" : "off";
    this.#delay = options.delayMs ?? 2000;
    this.#interval = options.intervalMs ?? (this.mode === "line" ? 100 : 5000);
    this.#now = options.now ?? (() => Date.now());
  }

  /** A reporter that shows nothing (tests, the benchmark, a library's own scripts). */
  static silent(): Progress {
    return new Progress({ tty: false, force: false, env: {} });
  }

  /** A new phase of the work, with the number of items it has when known. */
  phase(name: string, total?: number): void {
    if (this.mode === "off") return;
    this.#started ??= this.#now();
    this.#phase = name;
    this.#total = total;
    this.#done = 0;
    this.#timer ??= this.#startTimer();
    if (this.mode === "lines" && this.#visible()) this.#printLine();
  }

  /** `count` more items of the phase done. */
  tick(count = 1): void {
    this.#done += count;
  }

  /** Sets or corrects the phase's number of items. */
  setTotal(total: number): void {
    this.#total = total;
  }

  /** The work is over: the status line is cleared, and reporting starts afresh next time. */
  end(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#clear();
    this.#restore?.();
    this.#restore = undefined;
    this.#started = undefined;
    this.#phase = undefined;
  }

  /** The status text: `Rendering pages 412/1,115`, or the phase alone without a total. */
  text(): string {
    if (!this.#phase) return "";
    if (this.#total === undefined) return `${this.#phase}…`;
    const fmt = (n: number) => n.toLocaleString("en-US");
    return `${this.#phase} ${fmt(Math.min(this.#done, this.#total))}/${fmt(this.#total)}`;
  }

  #visible(): boolean {
    return this.#started !== undefined && this.#now() - this.#started >= this.#delay;
  }

  #startTimer(): ReturnType<typeof setInterval> {
    const timer = setInterval(
      () => {
        if (!this.#visible()) return;
        if (this.mode === "line") this.#draw();
        else if (this.#now() - this.#lastLine >= this.#interval) this.#printLine();
      },
      Math.min(this.#interval, 100),
    );
    timer.unref();
    return timer;
  }

  #printLine(): void {
    this.#lastLine = this.#now();
    const text = this.text();
    if (text === this.#printed) return;
    this.#printed = text;
    this.#stream.write(`${text}\n`);
  }

  /** The last plain line printed (a phase that has not moved on is not printed again). */
  #printed = "";

  #draw(): void {
    const width = Math.max(20, (this.#stream.columns ?? 80) - 1);
    const text = this.text().slice(0, width);
    if (text === this.#drawn) return;
    this.#hookOutput();
    this.#write(`\r\x1b[K${text}`);
    this.#drawn = text;
  }

  #clear(): void {
    if (!this.#drawn) return;
    this.#write("\r\x1b[K");
    this.#drawn = "";
  }

  #write = (text: string): unknown => this.#stream.write(text);

  /**
   * While the line is drawn on the real terminal, anything else printed (a warning, the
   * precache summary) first clears it, so it never ends up after the status text; the
   * line is drawn again on the timer's next tick.
   */
  #hookOutput(): void {
    if (this.#restore || this.#stream !== process.stderr) return;
    const { stdout, stderr } = process;
    const out = stdout.write;
    const err = stderr.write;
    this.#write = (text) => err.call(stderr, text);
    const clearFirst = <W extends typeof out>(stream: NodeJS.WriteStream, write: W): W =>
      ((...args: Parameters<W>) => {
        this.#clear();
        return (write as (...a: unknown[]) => boolean).apply(stream, args);
      }) as W;
    stdout.write = clearFirst(stdout, out);
    stderr.write = clearFirst(stderr, err);
    this.#restore = () => {
      stdout.write = out;
      stderr.write = err;
      this.#write = (text) => this.#stream.write(text);
    };
  }
}

/** `n` and the word, plural unless one: "1 guide", "2 guides" (the build's last line). */
const counted = (n: number, word: string) => `${n} ${n === 1 ? word : `${word}s`}`;

/** What a build made, for its last line: "21 programs, 2 partners, 1 guide, 2 pages". */
export function catalogueSummary(
  c: { programs: unknown[]; partners: unknown[]; guides: unknown[]; pages: unknown[] },
  upcoming?: number,
): string {
  const programs =
    counted(c.programs.length, "program") +
    (upcoming === undefined ? "" : ` (${counted(upcoming, "upcoming occurrence")})`);
  return [
    programs,
    counted(c.partners.length, "partner"),
    counted(c.guides.length, "guide"),
    counted(c.pages.length, "page"),
  ].join(", ");
}
