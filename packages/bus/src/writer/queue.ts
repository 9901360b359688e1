/**
 * Runs items one at a time, in the order they were submitted, where some
 * finish synchronously and some asynchronously. An item submitted while the
 * queue is idle runs at once, and its synchronous error is thrown to the
 * submitter; items that wait their turn report errors through `failed`.
 */
export class SerialQueue<T> {
  #waiting: Array<T | undefined> = [];
  #head = 0;
  #running = false;

  constructor(
    /** Processes an item: returns nothing when done at once, or a promise that settles when done (and never rejects). */
    private readonly process: (item: T) => Promise<void> | undefined,
    /** An item's synchronous error, when no submitter is there to catch it. */
    private readonly failed: (item: T, error: unknown) => void,
  ) {}

  /** `true` when nothing runs and nothing waits. */
  get idle(): boolean {
    return !this.#running;
  }

  /** Runs `item` now if idle (throwing its synchronous error), else queues it. */
  submit(item: T): void {
    if (this.#running) {
      this.#waiting.push(item);
      return;
    }
    this.#running = true;
    let pending: Promise<void> | undefined;
    try {
      pending = this.process(item);
    } catch (error) {
      this.#drain();
      throw error;
    }
    if (pending === undefined) this.#drain();
    else void pending.then(() => this.#drain());
  }

  /** Removes every waiting item, handing each to `drop`. */
  clear(drop: (item: T) => void): void {
    const dropped = this.#waiting.slice(this.#head) as T[];
    this.#waiting = [];
    this.#head = 0;
    for (const item of dropped) drop(item);
  }

  /** Runs waiting items until one goes asynchronous or none is left. */
  #drain(): void {
    while (this.#head < this.#waiting.length) {
      const item = this.#waiting[this.#head] as T;
      this.#waiting[this.#head++] = undefined;
      let pending: Promise<void> | undefined;
      try {
        pending = this.process(item);
      } catch (error) {
        this.failed(item, error);
        continue;
      }
      if (pending !== undefined) {
        void pending.then(() => this.#drain());
        return;
      }
    }
    this.#waiting.length = 0;
    this.#head = 0;
    this.#running = false;
  }
}
