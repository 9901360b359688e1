import type { AnyReceiver, Binding, Connection } from './connection.js';
import type { ReceiverTable } from './receiver-table.js';
import { isObjectLike } from './validate.js';

/**
 * The connections made for one sender (or for ANY), in connection order.
 * Connecting and disconnecting are O(1); the array snapshot a send iterates is
 * rebuilt lazily, on the first send after a change, and never mutated after.
 */
export class ReceiverList {
  #head: Connection | undefined = undefined;
  #tail: Connection | undefined = undefined;
  #size = 0;
  /** How many connections need more than a bare call (weak, owner-bound or once). */
  #special = 0;
  /** How many connections are weakly held and repeating (one `deref()` each). */
  #weakRepeating = 0;
  /** The last merge with the ANY list (see {@link mergedWith}), and the snapshots it was made from. */
  #merged: { shared: readonly Connection[]; own: readonly Connection[]; result: readonly Connection[] } | undefined = undefined;
  #snapshot: readonly Connection[] | undefined = undefined;
  /** The sender: a primitive by value, an object through a `WeakRef`. */
  readonly #sender: unknown;

  constructor(
    readonly table: ReceiverTable,
    sender: unknown,
  ) {
    this.#sender = isObjectLike(sender) ? new WeakRef(sender) : sender;
  }

  /** Number of connections in the list. */
  get size(): number {
    return this.#size;
  }

  /** The sender this list is for, or `undefined` once an object sender was collected. */
  sender(): unknown {
    return this.#sender instanceof WeakRef ? this.#sender.deref() : this.#sender;
  }

  /** Appends a connection (the newest runs last). */
  append(connection: Connection): void {
    connection.prev = this.#tail;
    if (this.#tail === undefined) this.#head = connection;
    else this.#tail.next = connection;
    this.#tail = connection;
    this.#size++;
    if (!connection.plain) this.#special++;
    if (connection.weakRepeating) this.#weakRepeating++;
    this.#snapshot = undefined;
  }

  /** Unlinks a connection that is in this list. */
  remove(connection: Connection): void {
    const { prev, next } = connection;
    if (prev === undefined) this.#head = next;
    else prev.next = next;
    if (next === undefined) this.#tail = prev;
    else next.prev = prev;
    connection.prev = connection.next = undefined;
    this.#size--;
    if (!connection.plain) this.#special--;
    if (connection.weakRepeating) this.#weakRepeating--;
    this.#snapshot = undefined;
  }

  /** The connections as an array that later changes never touch. */
  snapshot(): readonly Connection[] {
    if (this.#snapshot !== undefined) return this.#snapshot;
    const connections = new Array<Connection>(this.#size);
    let i = 0;
    for (let c = this.#head; c !== undefined; c = c.next) connections[i++] = c;
    return (this.#snapshot = connections);
  }

  /** The bindings as an array when every connection is weakly held and repeating, else `null`. */
  weakBindings(): readonly WeakRef<Binding>[] | null {
    if (this.#weakRepeating !== this.#size || this.#size === 0) return null;
    const connections = this.snapshot();
    const refs = new Array<WeakRef<Binding>>(connections.length);
    for (let i = 0; i < connections.length; i++) refs[i] = connections[i]!.ref!;
    return refs;
  }

  /**
   * This (sender's) list merged with the ANY list `shared`, cached until
   * either changes: snapshots are never mutated, so their identity says.
   */
  mergedWith(shared: readonly Connection[], merge: (shared: readonly Connection[], own: readonly Connection[]) => readonly Connection[]): readonly Connection[] {
    const own = this.snapshot();
    if (shared.length === 0) return own;
    const cached = this.#merged;
    if (cached !== undefined && cached.shared === shared && cached.own === own) return cached.result;
    const result = merge(shared, own);
    this.#merged = { shared, own, result };
    return result;
  }

  /** The receivers as a plain array when every connection is plain, else `null`. */
  plainReceivers(): readonly AnyReceiver[] | null {
    if (this.#special !== 0) return null;
    const connections = this.snapshot();
    const receivers = new Array<AnyReceiver>(connections.length);
    for (let i = 0; i < connections.length; i++) receivers[i] = connections[i]!.strong!;
    return receivers;
  }
}
