import type { WireEvent } from './wire.js';

/**
 * Every event the page received, in seq order, each once: an event at or
 * below the newest seq already held (a resend after a reconnect) is ignored.
 * The timeline renders from here, so pausing loses nothing.
 */
export class EventStore {
  #events: WireEvent[] = [];

  /** Number of events held. */
  get size(): number {
    return this.#events.length;
  }

  /** The newest seq held, 0 when none. */
  get lastSeq(): number {
    return this.#events.at(-1)?.seq ?? 0;
  }

  /** Adds an event; `false` when it is not newer than the newest held. */
  add(event: WireEvent): boolean {
    if (event.seq <= this.lastSeq) return false;
    this.#events.push(event);
    return true;
  }

  /** The events from `index` on (the ones a paused timeline has not shown yet). */
  from(index: number): readonly WireEvent[] {
    return this.#events.slice(index);
  }

  /** Forgets every event (the server's bus is another one: a `mesh-reset`). */
  clear(): void {
    this.#events = [];
  }
}
