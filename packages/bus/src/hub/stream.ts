import type { Event } from '../event.js';

/** How a stream is fed. */
export interface StreamFeed<E extends Event> {
  /** At most this many events wait to be read. */
  bufferSize: number;
  /** End right after yielding a terminal event. */
  endOnTerminal: boolean;
  isTerminal(event: Event): boolean;
  /**
   * Starts calling `offer` with each matching event, and `finish` when no
   * event will ever come (the bus closed); returns the function that stops
   * the feed.
   */
  connect(offer: (event: E) => void, finish: () => void): () => void;
}

/**
 * A stream's queue: at most `capacity` events; when full, the oldest
 * non-terminal event makes room. Terminal events are never dropped (the
 * queue grows past its capacity only if it holds nothing but terminal
 * events). O(1) per event in the usual case.
 */
class DropOldestQueue {
  #items: Event[] = [];
  #head = 0;

  constructor(
    private readonly capacity: number,
    private readonly isTerminal: (event: Event) => boolean,
  ) {}

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Adds an event; returns how many events it dropped to make room (0 or 1). */
  push(event: Event): number {
    const dropped = this.size >= this.capacity ? this.#dropOldestNonTerminal() : 0;
    this.#items.push(event);
    return dropped;
  }

  shift(): Event | undefined {
    if (this.#head === this.#items.length) return undefined;
    const event = this.#items[this.#head++]!;
    if (this.#head === this.#items.length) this.clear();
    else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) this.#compact();
    return event;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
  }

  #dropOldestNonTerminal(): number {
    const items = this.#items;
    for (let i = this.#head; i < items.length; i++) {
      if (this.isTerminal(items[i]!)) continue;
      if (i === this.#head) this.#head++;
      else items.splice(i, 1);
      if (this.#head >= 1024 && this.#head * 2 >= items.length) this.#compact();
      return 1;
    }
    return 0;
  }

  #compact(): void {
    this.#items = this.#items.slice(this.#head);
    this.#head = 0;
  }
}

/**
 * A live stream of bus events, `for await` friendly. Fed without polling: a
 * waiting `next()` is resolved by the publish itself. The queue is bounded
 * (see `bufferSize`); {@link dropped} counts what a slow reader lost.
 * `break`, `return()` or {@link close} end it and free its subscription at
 * once; when the bus closes, the stream ends after its queued events.
 */
export class EventStream<E extends Event = Event> implements AsyncIterableIterator<E> {
  readonly #queue: DropOldestQueue;
  readonly #waiting: Array<(result: IteratorResult<E, undefined>) => void> = [];
  readonly #endOnTerminal: boolean;
  readonly #isTerminal: (event: Event) => boolean;
  #detach: (() => void) | undefined = undefined;
  /** No event will be added any more: the stream ends once its queue is read. */
  #feedOver = false;
  #dropped = 0;
  #closed = false;

  /** Made by `EventBus.stream`. */
  constructor(feed: StreamFeed<E>) {
    this.#queue = new DropOldestQueue(feed.bufferSize, feed.isTerminal);
    this.#endOnTerminal = feed.endOnTerminal;
    this.#isTerminal = feed.isTerminal;
    const detach = feed.connect(
      (event) => this.#offer(event),
      () => this.#finishFeed(),
    );
    if (this.#feedOver) detach();
    else this.#detach = detach;
  }

  /** How many events were dropped because the reader fell behind. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Events waiting to be read. */
  get buffered(): number {
    return this.#queue.size;
  }

  /** `true` once the stream has ended: closed, or fed for the last time and read to the end. */
  get ended(): boolean {
    return this.#closed || (this.#feedOver && this.#queue.size === 0);
  }

  /** The next event; waits for one when none is queued. */
  next(): Promise<IteratorResult<E, undefined>> {
    const event = this.#queue.shift() as E | undefined;
    if (event !== undefined) return new Promise((resolve) => this.#handOut(event, resolve));
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /**
   * Takes up to `max` queued events at once, without waiting (none when the
   * queue is empty): for readers that batch, such as transports. A terminal
   * event ends an `endOnTerminal` stream as `next()` would.
   */
  takeQueued(max = Infinity): E[] {
    const taken: E[] = [];
    while (taken.length < max && !this.#closed) {
      const event = this.#queue.shift() as E | undefined;
      if (event === undefined) break;
      taken.push(event);
      if (this.#endOnTerminal && this.#isTerminal(event)) this.close();
    }
    return taken;
  }

  /** Ends the stream (what `break` in `for await` calls). */
  return(): Promise<IteratorResult<E, undefined>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  /** Ends the stream now: its subscription is removed at once, queued events are discarded. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.clear();
    this.#finishFeed();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #offer(event: E): void {
    if (this.#feedOver) return;
    const reader = this.#waiting.shift();
    if (reader !== undefined) {
      this.#handOut(event, reader);
      return;
    }
    this.#dropped += this.#queue.push(event);
    // Nothing after a terminal event can be read: stop taking events now.
    if (this.#endOnTerminal && this.#isTerminal(event)) this.#finishFeed();
  }

  /** No more events: detach from the bus, and end the waiting readers if nothing is queued. */
  #finishFeed(): void {
    if (this.#feedOver) return;
    this.#feedOver = true;
    const detach = this.#detach;
    this.#detach = undefined;
    detach?.();
    if (this.#queue.size === 0) for (const reader of this.#waiting.splice(0)) reader({ done: true, value: undefined });
  }

  /** Hands an event to a reader; a terminal event ends an `endOnTerminal` stream right after. */
  #handOut(event: E, reader: (result: IteratorResult<E, undefined>) => void): void {
    reader({ done: false, value: event });
    if (this.#endOnTerminal && this.#isTerminal(event)) this.close();
  }
}
