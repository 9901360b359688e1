import type { Event } from '@mesh/bus';
import type { EntryFields } from './codec.js';

/** An outgoing event, encoded, waiting to be written. */
export interface Outgoing {
  readonly event: Event;
  readonly fields: EntryFields;
}

/**
 * The bounded, ordered buffer of outgoing events not yet written. Past
 * `capacity` the oldest are dropped; `onDrop` hears their count once per
 * task (a burst of drops makes one report).
 */
export class Outbox {
  #items: Outgoing[] = [];
  #head = 0;
  #dropped = 0;
  readonly #capacity: number;
  readonly #onDrop: (count: number) => void;

  constructor(capacity: number, onDrop: (count: number) => void) {
    this.#capacity = capacity;
    this.#onDrop = onDrop;
  }

  /** Events waiting. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Adds an event at the end, dropping the oldest when full. */
  push(item: Outgoing): void {
    this.#items.push(item);
    this.#trim();
  }

  /** Takes up to `count` events from the front. */
  take(count: number): Outgoing[] {
    const batch = this.#items.slice(this.#head, this.#head + count);
    this.#head += batch.length;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return batch;
  }

  /** Puts events that could not be written back at the front, in order (the oldest drop if that overfills it). */
  putBack(batch: readonly Outgoing[]): void {
    if (batch.length === 0) return;
    this.#items = [...batch, ...this.#items.slice(this.#head)];
    this.#head = 0;
    this.#trim();
  }

  /** Empties the buffer; returns how many events it held. */
  clear(): number {
    const count = this.size;
    this.#items = [];
    this.#head = 0;
    return count;
  }

  #trim(): void {
    const excess = this.size - this.#capacity;
    if (excess <= 0) return;
    this.#head += excess;
    if (this.#dropped === 0) queueMicrotask(() => this.#reportDrops());
    this.#dropped += excess;
  }

  #reportDrops(): void {
    const count = this.#dropped;
    this.#dropped = 0;
    this.#onDrop(count);
  }
}
