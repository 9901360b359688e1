import type { Event } from '../event.js';

/** Which events a history query returns (`K`: the event types it can return). */
export interface HistoryFilter<K extends string = string> {
  /** Only these event types: the result is typed as theirs. */
  types?: readonly K[];
  /** Only events with `seq` greater than this. */
  sinceSeq?: number;
  /** At most this many: the newest of the matches. */
  limit?: number;
  /** Only events of this run. */
  runId?: string;
  /** Only events of this lane. */
  lane?: string;
}

/**
 * The newest `limit` events in a ring: O(1) per append, whatever the limit,
 * and queries that copy what they return, so a later append never shows up
 * in (or breaks) a result already handed out. Once full, the ring has one
 * slot more than `limit`: its oldest slot holds the newest evicted event, so
 * an append is one store, and `evictedSeq` is read only when asked for.
 */
export class HistoryRing {
  readonly #limit: number;
  readonly #slots: Event[] = [];
  /** Index of the oldest slot (the newest evicted event's) once the ring holds `limit + 1`; 0 before. */
  #start = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Number of events held. */
  get size(): number {
    return this.#slots.length > this.#limit ? this.#limit : this.#slots.length;
  }

  /** The `seq` of the newest event the ring no longer holds; 0 while it holds everything it was given. */
  get evictedSeq(): number {
    return this.#slots.length > this.#limit ? this.#slots[this.#start]!.seq : 0;
  }

  /** Appends, evicting the oldest held event when full. */
  append(event: Event): void {
    const slots = this.#slots;
    if (slots.length <= this.#limit) {
      slots.push(event);
      return;
    }
    slots[this.#start] = event;
    this.#start = this.#start + 1 === slots.length ? 0 : this.#start + 1;
  }

  /** The `i`-th oldest event held. */
  #at(i: number): Event {
    const slots = this.#slots;
    const at = this.#start + (slots.length > this.#limit ? 1 : 0) + i;
    return slots[at < slots.length ? at : at - slots.length]!;
  }

  /** Index of the first event with `seq > sinceSeq` (seqs increase along the ring). */
  #firstAfter(sinceSeq: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#at(mid).seq > sinceSeq) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** The matching events, oldest first, as a fresh array. */
  query(filter: HistoryFilter): Event[] {
    const { types, sinceSeq, limit, runId, lane } = filter;
    const typeSet = types === undefined ? undefined : new Set(types);
    const matches: Event[] = [];
    const size = this.size;
    for (let i = sinceSeq === undefined ? 0 : this.#firstAfter(sinceSeq); i < size; i++) {
      const event = this.#at(i);
      if (typeSet !== undefined && !typeSet.has(event.type)) continue;
      if (runId !== undefined && event.runId !== runId) continue;
      if (lane !== undefined && event.lane !== lane) continue;
      matches.push(event);
    }
    return limit === undefined || matches.length <= limit ? matches : matches.slice(matches.length - limit);
  }
}
