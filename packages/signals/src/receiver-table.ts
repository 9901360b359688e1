import { onAbort } from './abort-group.js';
import { type AnyReceiver, type Binding, bind, release } from './binding.js';
import { Connection, type ConnectionOwner, ReceiverList } from './connection-list.js';
import { type Link, NO_LINK } from './subscription.js';
import type { ParsedConnectOptions } from './options.js';
import { ANY } from './types.js';
import { isObjectLike } from './validate.js';

/**
 * What the table tells its signal on every connect (`weak` set) and
 * disconnect (`weak` undefined), so the signal can send its meta-signals.
 * `receiver` is `undefined` when the receiver itself was garbage-collected.
 */
export type TableReport = (receiver: AnyReceiver | undefined, sender: unknown, weak?: boolean) => void;

let connectionOrder = 0;


/**
 * A signal's receivers: the ANY list, the sender-specific lists, the distinct
 * receiver count, and the automatic removal of collected receivers, owners
 * and senders (one `FinalizationRegistry` per signal, made on first need).
 */
export class ReceiverTable implements ConnectionOwner {
  readonly any: ReceiverList = new ReceiverList(this, ANY);
  /**
   * The ANY receivers as a bare array of functions, when all of them are
   * strong and repeating and no sender has receivers of its own; `null` when
   * not; `undefined` when it must be rebuilt ({@link bare}). So `emit` needs
   * no sender lookup on its fast paths.
   */
  fast: readonly AnyReceiver[] | null | undefined = [];
  /** The ANY receivers' bindings, when all of them are weakly held and repeating; else `null`. Valid when {@link fast} is. */
  weakFast: readonly WeakRef<Binding>[] | null = null;
  /** Number of distinct receivers. */
  receiverCount = 0;
  /** Sender-specific lists: primitives by value (SameValueZero), objects by identity and weakly. */
  #byValue: Map<unknown, ReceiverList> | undefined = undefined;
  #byObject: WeakMap<object, ReceiverList> | undefined = undefined;
  /** Every sender-specific list, to count and walk them (lists hold their senders weakly). */
  readonly #senderLists = new Set<ReceiverList>();
  /** A connection of each connected receiver: the way into its ring of connections ({@link Connection.twin}). */
  readonly #byReceiver = new WeakMap<AnyReceiver, Connection>();
  #registry: FinalizationRegistry<Connection | ReceiverList> | undefined = undefined;
  /** How to cancel the abort callback of each connection made with an `AbortSignal`. */
  #abortDetachers: WeakMap<Connection, () => void> | undefined = undefined;

  constructor(private readonly report: TableReport) {}

  /**
   * Connects `receiver` for `sender` (ANY or a sender); returns the existing
   * connection when that pair is already connected, and {@link NO_LINK} for an
   * already aborted `signal`.
   */
  connect(receiver: AnyReceiver, { sender, owner, weak, once, signal: abort }: ParsedConnectOptions): Link {
    if (abort?.aborted) return NO_LINK;
    let list = sender === ANY ? this.any : this.listFor(sender);
    const known = this.#anchor(receiver);
    const existing = known?.twinIn(list);
    if (existing) return existing;
    if (!list) {
      list = new ReceiverList(this, sender);
      this.#senderLists.add(list);
      this.fast = undefined; // rebuilt as null while any sender list exists
      if (isObjectLike(sender)) {
        (this.#byObject ??= new WeakMap()).set(sender, list);
        this.#watch(sender, list);
      } else (this.#byValue ??= new Map()).set(sender, list);
    }

    const ref = owner || weak ? new WeakRef(bind(owner ?? receiver, receiver)) : undefined;
    const connection = new Connection(list, ++connectionOrder, !!once, ref ? undefined : receiver, ref);
    if (!known) {
      this.#byReceiver.set(receiver, connection);
      this.receiverCount++;
    } else {
      connection.twin = known.twin;
      known.twin = connection;
    }
    list.append(connection);
    if (list === this.any) this.fast = undefined;

    // Collected receivers (weak) and owners (owner-bound) take their connections with them.
    if (ref) this.#watch(owner ?? receiver, connection);
    if (abort) (this.#abortDetachers ??= new WeakMap()).set(connection, onAbort(abort, () => void this.remove(connection)));
    this.report(receiver, sender, !!ref);
    return connection;
  }

  /** Disconnects `receiver` from `sender`, or from every sender for ANY. */
  disconnect(receiver: AnyReceiver, sender: unknown): boolean {
    const known = this.#anchor(receiver);
    if (sender !== ANY) {
      const connection = known?.twinIn(this.listFor(sender));
      return !!connection && this.remove(connection);
    }
    if (!known) return false;
    const ring = [known];
    for (let twin = known.twin; twin !== known; twin = twin.twin) ring.push(twin);
    // The whole ring goes: the receiver leaves the count at once, and each connection is removed
    // without looking for its ring predecessor (O(1) each, so O(N) for N senders).
    this.#byReceiver.delete(receiver);
    this.receiverCount--;
    for (const connection of ring) connection.twin = connection;
    for (const connection of ring) this.remove(connection, true);
    return true;
  }

  /** Disconnects every receiver from every sender. */
  disconnectAll(): void {
    for (const list of [this.any, ...this.#senderLists]) {
      for (const connection of list.snapshot()) this.remove(connection);
    }
  }

  /**
   * Removes one connection; `false` if it was already gone. `ringGone`: the
   * caller has taken the receiver's whole ring out already (count, anchor).
   */
  remove(connection: Connection, ringGone = false): boolean {
    if (!connection.active) return false;
    connection.order = 0;
    const { list, twin, ref } = connection;
    const receiver = connection.receiver();
    list.remove(connection);
    if (list === this.any) this.fast = undefined;
    else if (!list.size) {
      const sender = list.sender();
      if (isObjectLike(sender)) this.#byObject!.delete(sender);
      else this.#byValue?.delete(sender);
      this.#senderLists.delete(list);
      this.fast = undefined; // rebuilt on the next emit: bare arrays again once no sender list is left
      this.#registry?.unregister(list);
    }

    // Leave the receiver's ring; the last connection of a receiver takes it out of the count.
    // (`connection.twin` stays: a stale anchor of a receiver whose owner was collected leads on from it.)
    if (ringGone) {
      // count and anchor already updated by the caller
    } else if (twin === connection) this.receiverCount--;
    else {
      let before = twin;
      while (before.twin !== connection) before = before.twin;
      before.twin = twin;
    }
    if (!ringGone && receiver && this.#byReceiver.get(receiver) === connection) {
      if (twin === connection) this.#byReceiver.delete(receiver);
      else this.#byReceiver.set(receiver, twin);
    }

    if (ref) {
      this.#registry?.unregister(connection);
      release(ref.deref());
    }
    this.#abortDetachers?.get(connection)?.();
    this.report(receiver, list.sender());
    return true;
  }

  /** The sender-specific list for `sender`, if it has one (never for `undefined`). */
  listFor(sender: unknown): ReceiverList | undefined {
    if (sender === undefined || this.#senderLists.size === 0) return undefined;
    return isObjectLike(sender) ? this.#byObject?.get(sender) : this.#byValue?.get(sender);
  }

  /**
   * The connections a send walks, in call order, each receiver once: the ANY
   * connections, merged with `own` (the sender's list, from {@link listFor}).
   */
  connectionsFor(own: ReceiverList | undefined): readonly Connection[] {
    return own ? own.mergedWith(this.any) : this.any.snapshot();
  }

  /**
   * The receiver to call for `connection` in a send, or `undefined` to skip
   * it: collected, or a one-shot that already ran (a one-shot is disconnected
   * right before its call).
   */
  take(connection: Connection): AnyReceiver | undefined {
    const receiver = connection.receiver();
    return receiver && (!connection.once || this.remove(connection)) ? receiver : undefined;
  }

  /** {@link fast}, and {@link weakFast} with it, rebuilt first when stale. */
  bare(): readonly AnyReceiver[] | null {
    if (this.fast !== undefined) return this.fast;
    if (this.#senderLists.size !== 0) {
      this.weakFast = null;
      return (this.fast = null);
    }
    const all = this.any.snapshot();
    const fast = all.every((c) => c.strong && !c.once) ? all.map((c) => c.strong!) : null;
    this.weakFast = !fast && all.every((c) => c.ref && !c.once) ? all.map((c) => c.ref!) : null;
    return (this.fast = fast);
  }

  /**
   * A live connection of `receiver`, if it has one. The anchor kept for it is
   * stale when it was removed without its receiver at hand (its owner was
   * collected); the twins it was linked to lead to a live one, if any is left.
   */
  #anchor(receiver: AnyReceiver): Connection | undefined {
    let anchor = this.#byReceiver.get(receiver);
    while (anchor && !anchor.active) anchor = anchor.twin === anchor ? undefined : anchor.twin;
    return anchor;
  }

  /** Removes `held` (a connection, or a sender's list) once `target` is garbage-collected. */
  #watch(target: object, held: Connection | ReceiverList): void {
    (this.#registry ??= new FinalizationRegistry((gone) => this.#collected(gone))).register(target, held, held);
  }

  /** A weak receiver, an owner or an object sender was garbage-collected. */
  #collected(held: Connection | ReceiverList): void {
    if (held instanceof Connection) this.remove(held);
    // The sender is gone: every connection made for it goes too (the last one drops the list).
    else for (const connection of held.snapshot()) this.remove(connection);
  }
}
