import type { Event } from '../event.js';
import type { Settlement } from './settlement.js';

/** Where the timeline hands a committed event: the hubs of the levels it reaches. */
export interface DeliveryTarget {
  /** Calls the handlers for `event`. Never throws for a handler's error. */
  dispatch(event: Event): void;
}

interface Delivery {
  target: DeliveryTarget;
  event: Event;
  depth: number;
  settlement: Settlement | undefined;
}

/**
 * The order of a tree of buses (a standalone bus is a tree of one): one
 * `seq` counter, and one delivery queue, so an event reaches every handler
 * at every level before the next event, even one published by a handler,
 * reaches any. It also knows how deep in handler-publishes-event chains the
 * current delivery is, and which `publishAsync` it belongs to.
 */
export class Timeline {
  #seq = 0;
  readonly #queue: Array<Delivery | undefined> = [];
  #head = 0;
  #delivering = false;
  #depth = 0;
  /** The `publishAsync` whose event is being dispatched, if any: async handlers' promises join it. */
  settlement: Settlement | undefined = undefined;

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
      this.#dispatch(target, event, depth, settlement);
      if (this.#queue.length !== 0) this.#drain();
    } finally {
      this.#delivering = false;
      this.settlement = undefined;
    }
  }

  #dispatch(target: DeliveryTarget, event: Event, depth: number, settlement: Settlement | undefined): void {
    this.#depth = depth;
    if (settlement === undefined) {
      target.dispatch(event);
      return;
    }
    // Receivers never throw (they isolate handler errors), so the settlement is always reset.
    this.settlement = settlement;
    target.dispatch(event);
    this.settlement = undefined;
    settlement.delivered();
  }

  /** Delivers what handlers published meanwhile, in order. */
  #drain(): void {
    const queue = this.#queue;
    while (this.#head < queue.length) {
      const next = queue[this.#head]!;
      queue[this.#head++] = undefined;
      this.#dispatch(next.target, next.event, next.depth, next.settlement);
    }
    queue.length = 0;
    this.#head = 0;
  }
}
