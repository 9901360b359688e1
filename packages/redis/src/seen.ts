import * as crypto from 'node:crypto';

/** What the bridge remembers of an event it delivered: the entry it came in, and a digest of its content. */
export interface Delivered {
  /** The stream id of the entry that delivered it. */
  readonly entryId: string;
  /** The SHA-256 of the entry's event JSON: an entry with the same id and the same digest is the same event. */
  readonly digest: string;
}

/** The digest of an entry's event JSON (byte for byte: a repeated write of the same entry has the same one). */
export const digestOf: (json: string) => string =
  // `crypto.hash` (one call, no Hash object) where Node has it: 20.12 and later.
  typeof crypto.hash === 'function'
    ? (json) => crypto.hash('sha256', json, 'base64')
    : (json) => crypto.createHash('sha256').update(json).digest('base64');

/**
 * The most recent `capacity` delivered event ids, to deliver each id once
 * and to tell a repeat from a conflict: memory stays bounded, and an id
 * older than the last `capacity` is forgotten.
 */
export class RecentIds {
  readonly #delivered = new Map<string, Delivered>();
  readonly #ring: string[];
  #next = 0;

  constructor(capacity: number) {
    this.#ring = new Array<string>(capacity);
  }

  /** What was delivered under `id`, if it is remembered. */
  get(id: string): Delivered | undefined {
    return this.#delivered.get(id);
  }

  /** Remembers `id`, forgetting the oldest one when full. */
  add(id: string, delivered: Delivered): void {
    const oldest = this.#ring[this.#next];
    if (oldest !== undefined) this.#delivered.delete(oldest);
    this.#ring[this.#next] = id;
    this.#next = (this.#next + 1) % this.#ring.length;
    this.#delivered.set(id, delivered);
  }
}
