import type { Event } from '@mesh/bus';

/** A first-in first-out list of events: O(1) push and shift (amortized), compacted as it is read. */
class Fifo {
  #items: Event[] = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** The oldest event, left in place. */
  peek(): Event | undefined {
    return this.#items[this.#head];
  }

  push(event: Event): void {
    this.#items.push(event);
  }

  shift(): Event | undefined {
    if (this.#head === this.#items.length) return undefined;
    const event = this.#items[this.#head]!;
    this.#items[this.#head++] = undefined as unknown as Event;
    if (this.#head === this.#items.length) this.clear();
    else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return event;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}

/**
 * One SSE client's queue of live events: never more than `capacity`. When
 * full, the oldest ordinary event makes room; when only terminal events are
 * left, the oldest terminal one does (counted apart). Ordinary and terminal
 * events wait in two lists merged by `seq` as they are read, so a push costs
 * O(1) however full the queue is.
 */
export class ClientQueue {
  readonly #ordinary = new Fifo();
  readonly #terminal = new Fifo();
  /** Events dropped so far, terminal ones included. */
  dropped = 0;
  /** Terminal events dropped so far. */
  droppedTerminal = 0;

  constructor(
    private readonly capacity: number,
    private readonly isTerminal: (event: Event) => boolean,
  ) {}

  /** Events waiting. */
  get size(): number {
    return this.#ordinary.size + this.#terminal.size;
  }

  /** Adds an event (events come in `seq` order), dropping the oldest one that may go when full. */
  push(event: Event): void {
    if (this.size >= this.capacity) {
      if (this.#ordinary.size > 0) {
        this.#ordinary.shift();
      } else {
        this.#terminal.shift();
        this.droppedTerminal++;
      }
      this.dropped++;
    }
    (this.isTerminal(event) ? this.#terminal : this.#ordinary).push(event);
  }

  /** The oldest event waiting, or `undefined`. */
  shift(): Event | undefined {
    const ordinary = this.#ordinary.peek();
    const terminal = this.#terminal.peek();
    if (terminal === undefined) return this.#ordinary.shift();
    if (ordinary === undefined || terminal.seq < ordinary.seq) return this.#terminal.shift();
    return this.#ordinary.shift();
  }

  clear(): void {
    this.#ordinary.clear();
    this.#terminal.clear();
  }
}
