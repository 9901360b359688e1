import type { AnyReceiver, Binding } from './binding.js';
import { isObjectLike } from './validate.js';

/** What removes a connection from everything that holds it (the signal's receiver table). */
export interface ConnectionOwner {
  /** Disconnects `connection`; `true` if this call did it. */
  remove(connection: Connection): boolean;
}


/**
 * The connections made for one sender (or for ANY), in connection order.
 * Connecting and disconnecting are O(1); the array snapshot a send iterates is
 * rebuilt lazily, on the first send after a change, and never mutated after.
 */
export class ReceiverList {
  #head: Connection | undefined = undefined;
  #tail: Connection | undefined = undefined;
  #size = 0;
  #snapshot: readonly Connection[] | undefined = undefined;
  /** The last merge with the ANY list (see {@link mergedWith}), dropped with the snapshot, and the ANY snapshot it was made from. */
  #merged: readonly Connection[] | undefined = undefined;
  #mergedFrom: readonly Connection[] | undefined = undefined;
  /** The sender: a primitive by value, an object through a `WeakRef`. */
  readonly #sender: unknown;

  constructor(
    readonly table: ConnectionOwner,
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
    if (!this.#tail) this.#head = connection;
    else this.#tail.next = connection;
    this.#tail = connection;
    this.#size++;
    this.#snapshot = this.#merged = undefined;
  }

  /** Unlinks a connection that is in this list. */
  remove(connection: Connection): void {
    const { prev, next } = connection;
    if (!prev) this.#head = next;
    else prev.next = next;
    if (!next) this.#tail = prev;
    else next.prev = prev;
    connection.prev = connection.next = undefined;
    this.#size--;
    this.#snapshot = this.#merged = undefined;
  }

  /** The live connection of `receiver` in this list, if any (a walk of the list). */
  find(receiver: AnyReceiver): Connection | undefined {
    for (let c = this.#head; c; c = c.next) if (c.receiver() === receiver) return c;
    return undefined;
  }

  /** The connections as an array that later changes never touch. */
  snapshot(): readonly Connection[] {
    if (this.#snapshot) return this.#snapshot;
    const connections = new Array<Connection>(this.#size);
    let i = 0;
    for (let c = this.#head; c; c = c.next) connections[i++] = c;
    return (this.#snapshot = connections);
  }

  /**
   * This (sender's) list merged with `any`, the ANY list, by connection order,
   * each receiver once, at its earliest connection. Cached until either list
   * changes (a change of the ANY list gives it a new snapshot).
   */
  mergedWith(any: ReceiverList): readonly Connection[] {
    const shared = any.snapshot();
    const own = this.snapshot();
    if (shared.length === 0) return own;
    if (this.#merged && this.#mergedFrom === shared) return this.#merged;
    const merged: Connection[] = [];
    for (let i = 0, j = 0; i < shared.length || j < own.length; ) {
      const next = j >= own.length || (i < shared.length && shared[i]!.order < own[j]!.order) ? shared[i++]! : own[j++]!;
      const twin = next.twinIn(next.list === any ? this : any);
      if (!twin || twin.order > next.order) merged.push(next);
    }
    this.#mergedFrom = shared;
    return (this.#merged = merged);
  }
}

/**
 * One receiver connected for one sender. It sits in its sender's
 * {@link ReceiverList} (a doubly linked list, so removal is O(1)), holds its
 * receiver strongly or through a `WeakRef` to its {@link Binding}, and is
 * linked in a ring with the receiver's other connections on the same signal
 * (`twin`), so the signal counts distinct receivers and finds a receiver's
 * connections without a per-receiver object.
 */
export class Connection {
  prev: Connection | undefined = undefined;
  next: Connection | undefined = undefined;
  /** The next connection of the same receiver on the same signal; itself when it is the only one. */
  twin: Connection = this;

  constructor(
    readonly list: ReceiverList,
    /** Global connection order (from 1), used to merge the ANY list with a sender's list; 0 once disconnected. */
    public order: number,
    /** Disconnected right before its first call. */
    readonly once: boolean,
    /** The receiver when held strongly. */
    readonly strong: AnyReceiver | undefined,
    /** The receiver's binding when held weakly (weak or owner-bound). */
    readonly ref: WeakRef<Binding> | undefined,
  ) {}

  /** `false` once disconnected, by hand or automatically. */
  get active(): boolean {
    return this.order !== 0;
  }

  /** The receiver, or `undefined` once it (or its owner) has been collected. */
  receiver(): AnyReceiver | undefined {
    return this.strong ?? this.ref!.deref()?.receiver;
  }

  /** The receiver's connection in `list` (this one included), if it has one (never for no list). */
  twinIn(list: ReceiverList | undefined): Connection | undefined {
    if (!list) return undefined;
    // Walk the ring, or the list when the ring is the longer: O(min(ring, list)), never O(N) per connect.
    let twin: Connection = this;
    for (let steps = list.size; steps > 0; steps--) {
      if (twin.list === list) return twin;
      if ((twin = twin.twin) === this) return undefined;
    }
    const receiver = this.receiver();
    return receiver && list.find(receiver);
  }

  /** Whether a subscription token should report the connection as live. */
  get linked(): boolean {
    return this.active && !!this.receiver();
  }

  /** Disconnects; `true` if this call did it. */
  unlink(): boolean {
    return this.list.table.remove(this);
  }
}
