// Bounded concurrency for image work: encodes, checks and site images each run a few at a
// time, so a site with hundreds of pictures neither exhausts memory nor starves the build.

/** Runs async jobs at most `limit` at a time, in the order given. */
export class Queue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
