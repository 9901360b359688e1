import type { Event } from './event-object.js';

/** Where the timeline hands an event: the bus that committed it. */
export interface DeliveryTarget {
  /** Calls the target's handlers for `event`. Never throws for a handler's error. */
  dispatch(event: Event, settlement: Settlement | undefined): void;
}

/**
 * Follows one `publishAsync`: collects the promises its handlers return and
 * resolves once they have all settled (a rejection is the bus's to report).
 */
export class Settlement {
  readonly #handlers: PromiseLike<unknown>[] = [];
  /** The id of the event being published, set as soon as it has one. */
  eventId = '';

  constructor(
    private readonly onResolved: (eventId: string) => void,
    /** Rejects the publish: it was refused, or failed, before it committed. */
    readonly reject: (error: unknown) => void,
  ) {}

  /** Resolves the publish with its event id. */
  resolve(): void {
    this.onResolved(this.eventId);
  }

  /** A handler returned this promise. */
  add(promise: PromiseLike<unknown>): void {
    this.#handlers.push(promise);
  }

  /** The event reached every handler: resolve once their promises settle. */
  delivered(): void {
    if (this.#handlers.length === 0) this.resolve();
    else void Promise.allSettled(this.#handlers).then(() => this.resolve());
  }
}

interface Delivery {
  target: DeliveryTarget;
  event: Event;
  depth: number;
  settlement: Settlement | undefined;
}

/** One ordered log, to share between buses (see `EventBusOptions.log`). */
export interface EventLog {
  /** The last `seq` handed out (0 before the first). */
  readonly lastSeq: number;
}

/** Creates an ordered log for several buses to share: one `seq` counter, one delivery queue. */
export function createEventLog(): EventLog {
  return new Timeline();
}

/**
 * The order of a bus (or of a tree of buses): one `seq` counter, and one
 * delivery queue, so an event reaches every handler before the next event,
 * even one published by a handler, reaches any. It also knows how deep in
 * such handler-publishes-event chains the current delivery is.
 */
export class Timeline implements EventLog {
  #seq = 0;
  readonly #queue: Array<Delivery | undefined> = [];
  #head = 0;
  #delivering = false;
  #depth = 0;

  /** The last `seq` handed out (0 before the first). */
  get lastSeq(): number {
    return this.#seq;
  }

  /** Hands out the next `seq`. */
  nextSeq(): number {
    return ++this.#seq;
  }

  /** The depth of a publish made now: 0 outside any delivery, one more than the event being delivered inside one. */
  publishDepth(): number {
    return this.#delivering ? this.#depth + 1 : 0;
  }

  /** Delivers now, or, when called from inside a delivery, right after everything queued before it. */
  deliver(target: DeliveryTarget, event: Event, depth: number, settlement: Settlement | undefined): void {
    if (this.#delivering) {
      this.#queue.push({ target, event, depth, settlement });
      return;
    }
    this.#delivering = true;
    try {
      this.#depth = depth;
      target.dispatch(event, settlement);
      if (this.#queue.length !== 0) this.#drain();
    } finally {
      this.#delivering = false;
    }
  }

  /** Delivers what handlers published meanwhile, in order. */
  #drain(): void {
    const queue = this.#queue;
    while (this.#head < queue.length) {
      const next = queue[this.#head]!;
      queue[this.#head++] = undefined;
      this.#depth = next.depth;
      next.target.dispatch(next.event, next.settlement);
    }
    queue.length = 0;
    this.#head = 0;
  }
}
