// The social cards of one build, from named to published: `SiteImages` names each card up
// front (a page needs its URL, not its file), `CardDrawing` draws them into the disk cache
// in sharp's threads while the pages render, and links them into `/social/` when an output
// step awaits `published()`, so a build stopped while it renders finds nothing of them in
// its folder. Programs drawn alike share one file: drawn once, and its failure blames each.
import type { Problem } from "../content/model.ts";
import { ContentError, formatProblem } from "../content/problems.ts";
import { ImageError } from "./inspect.ts";
import { Queue } from "./queue.ts";
import type { PlannedCard } from "./social-card.ts";

/**
 * Cards in flight per encode slot. A card is a chain of short steps (fit checks, the draw,
 * the cache's writes), each resumed by the main thread, which is busy rendering pages: with
 * only as many cards in flight as encode slots, sharp's threads sat idle between steps. On
 * the benchmark's 2,000 programs (1,395 cards, 2 slots), 2 cards in flight drew 77 cards
 * while the pages rendered and then 1,318 in 75 s; 4: 133, then 1,262 in 49 s; 8: 284,
 * then 1,111 in 30 s (same CPU time, 68 s).
 */
const CARDS_IN_FLIGHT = 4;

/** A content file's field a card's failure to draw is a problem of. */
export interface Blamed {
  file: string;
  field: string;
}

/** Each problem once: a picture many programs share fails once per program, not per card. */
export function uniqueProblems(problems: Problem[]): Problem[] {
  const seen = new Map<string, Problem>();
  for (const p of problems) seen.set(formatProblem(p), p);
  return [...seen.values()];
}

export class CardDrawing {
  /** The cards named but not drawn yet, by file, with whom their failure blames. */
  readonly #pending = new Map<string, PlannedCard & { blame: Blamed[] }>();
  /** Every file this run draws, published in `/social/` by `published()`. */
  readonly #toPublish: PlannedCard[] = [];
  /** How many files the drawing started with. */
  #total = 0;
  #drawing?: Promise<void>;
  #published?: Promise<void>;
  /** Set by `stop()`: cards not started yet are not drawn. */
  #stopped = false;

  constructor(
    readonly options: {
      concurrency: number;
      onProgress?: (done: number, total: number) => void;
      /** Counts a card drawn (not found in the disk cache) and the drawing's time. */
      onDrawn: () => void;
      onTime: (ms: number) => void;
    },
  ) {}

  /** Adds a named card; a file already named only gains `blamed`. */
  add(card: PlannedCard, blamed: Blamed): void {
    const pending = this.#pending.get(card.file);
    if (pending) pending.blame.push(blamed);
    else {
      this.#pending.set(card.file, { ...card, blame: [blamed] });
      this.#toPublish.push(card);
    }
    this.#total = this.#pending.size;
  }

  /**
   * Starts drawing the cards into the disk cache, `concurrency` at a time, writing nothing
   * into the output folder. A card that fails to draw (a picture damaged since it was
   * checked) is a problem of the content files that named it.
   */
  start(): void {
    this.#drawing = this.#draw();
    // Awaited by `published()`; until then a failure must not count as unhandled.
    this.#drawing.catch(() => undefined);
  }

  async #draw(): Promise<void> {
    const started = performance.now();
    const problems: Problem[] = [];
    const queue = new Queue(this.options.concurrency * CARDS_IN_FLIGHT);
    const jobs = [...this.#pending].map(([file, card]) =>
      queue.run(async () => {
        if (this.#stopped) return;
        try {
          if (!(await card.draw())) this.options.onDrawn();
        } catch (err) {
          if (!(err instanceof ImageError)) throw err;
          for (const blamed of card.blame) {
            problems.push({ severity: "error", ...blamed, line: 1, message: err.message });
          }
        } finally {
          this.#pending.delete(file);
          this.options.onProgress?.(this.#total - this.#pending.size, this.#total);
        }
      }),
    );
    const results = await Promise.allSettled(jobs);
    this.options.onTime(Math.round(performance.now() - started));
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    if (problems.length) throw new ContentError(uniqueProblems(problems));
  }

  /**
   * Resolves when every card is drawn and linked into `/social/`; rejects with a
   * `ContentError` for a picture that failed to draw.
   */
  published(): Promise<void> {
    this.#published ??= (async () => {
      await this.#drawing;
      // Links into the output folder, a few at a time: cheap, and done only now.
      const queue = new Queue(16);
      await Promise.all(this.#toPublish.map((card) => queue.run(() => card.publish())));
    })();
    return this.#published;
  }

  /** Cards named but not drawn yet, of how many this run draws (0 of 0 once drawn). */
  get left(): { left: number; total: number } {
    return { left: this.#pending.size, total: this.#total };
  }

  /** Draws no more cards and waits for those being drawn (a build that failed midway). */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#drawing?.catch(() => undefined);
  }
}
