import {
  type AnyReceiver,
  Connection,
  ReceiverEntry,
  keepWhileOwnerLives,
  releaseFromOwner,
} from './connection.js';
import { ReceiverList } from './receiver-list.js';
import { SenderIndex } from './senders.js';
import { ANY } from './types.js';
import { isObjectLike } from './validate.js';

/** What the table tells its signal, so the signal can send its meta-signals. */
export interface TableHooks {
  connected(receiver: AnyReceiver, sender: unknown, weak: boolean): void;
  /** `receiver` is `undefined` when the receiver itself was garbage-collected. */
  disconnected(receiver: AnyReceiver | undefined, sender: unknown): void;
}

/** How a new connection holds its receiver. */
export interface Hold {
  weak: boolean;
  owner: object | undefined;
  once: boolean;
  abort: AbortSignal | undefined;
}

let connectionOrder = 0;
let mergeMark = 0;

/**
 * A signal's receivers: the ANY list, the sender-specific lists, the distinct
 * receiver count, and the automatic removal of collected receivers, owners
 * and senders (one `FinalizationRegistry` per signal, made on first need).
 */
export class ReceiverTable {
  readonly any: ReceiverList = new ReceiverList(this, ANY);
  /**
   * The ANY receivers as a bare array of functions, when all of them are
   * strong and repeating; `null` when it must be (re)built or cannot be.
   */
  fast: readonly AnyReceiver[] | null = [];
  /** Number of distinct receivers. */
  receiverCount = 0;
  readonly #senders = new SenderIndex();
  readonly #entries = new WeakMap<AnyReceiver, ReceiverEntry>();
  #registry: FinalizationRegistry<Connection | ReceiverList> | undefined = undefined;

  constructor(private readonly hooks: TableHooks) {}

  /** Number of senders with sender-specific connections. */
  get senderCount(): number {
    return this.#senders.size;
  }

  /**
   * Connects `receiver` for `sender` (ANY or a sender); returns the existing
   * connection when that pair is already connected.
   */
  connect(receiver: AnyReceiver, sender: unknown, hold: Hold): Connection {
    let list = sender === ANY ? this.any : this.#senders.get(sender);
    let entry = this.#entries.get(receiver);
    if (list !== undefined && entry !== undefined) {
      for (const existing of entry.connections) if (existing.list === list) return existing;
    }
    if (list === undefined) list = this.#addSenderList(sender);
    if (entry === undefined) this.#entries.set(receiver, (entry = new ReceiverEntry()));

    const heldWeakly = hold.weak || hold.owner !== undefined;
    const connection = new Connection(
      list,
      entry,
      ++connectionOrder,
      hold.once,
      heldWeakly ? undefined : receiver,
      heldWeakly ? new WeakRef(receiver) : undefined,
      hold.owner === undefined ? undefined : new WeakRef(hold.owner),
    );
    list.append(connection);
    if (entry.connections.push(connection) === 1) this.receiverCount++;
    if (list === this.any) this.fast = null;

    if (hold.owner !== undefined) {
      keepWhileOwnerLives(hold.owner, receiver);
      this.#registryForCleanup().register(hold.owner, connection, connection);
    } else if (hold.weak) {
      this.#registryForCleanup().register(receiver, connection, connection);
    }
    if (hold.abort !== undefined) {
      const abort = hold.abort;
      const onAbort = (): void => void this.remove(connection);
      abort.addEventListener('abort', onAbort, { once: true });
      connection.detachAbort = () => abort.removeEventListener('abort', onAbort);
    }
    this.hooks.connected(receiver, sender, heldWeakly);
    return connection;
  }

  /** Disconnects `receiver` from `sender`, or from every sender for ANY. */
  disconnect(receiver: AnyReceiver, sender: unknown): boolean {
    const entry = this.#entries.get(receiver);
    if (entry === undefined || entry.connections.length === 0) return false;
    if (sender === ANY) {
      for (const connection of [...entry.connections]) this.remove(connection);
      return true;
    }
    const list = this.#senders.get(sender);
    const connection = entry.connections.find((c) => c.list === list);
    return connection !== undefined && this.remove(connection);
  }

  /** Disconnects every receiver from every sender. */
  disconnectAll(): void {
    for (const list of [this.any, ...this.#senders.lists()]) {
      for (const connection of list.snapshot()) this.remove(connection);
    }
  }

  /** Removes one connection; `false` if it was already gone. */
  remove(connection: Connection): boolean {
    if (!connection.active) return false;
    connection.active = false;
    const { list, entry } = connection;
    const receiver = connection.receiver();
    list.remove(connection);
    if (list === this.any) this.fast = null;
    else if (list.size === 0) this.#dropSenderList(list);
    entry.connections.splice(entry.connections.indexOf(connection), 1);
    if (entry.connections.length === 0) this.receiverCount--;

    if (connection.ref !== undefined) this.#registry?.unregister(connection);
    const owner = connection.ownerRef?.deref();
    if (owner !== undefined && receiver !== undefined) releaseFromOwner(owner, receiver);
    connection.detachAbort?.();
    this.hooks.disconnected(receiver, list.sender());
    return true;
  }

  /** The sender-specific list for `sender`, if it has one (never for `undefined`). */
  listFor(sender: unknown): ReceiverList | undefined {
    return sender === undefined ? undefined : this.#senders.get(sender);
  }

  /**
   * The connections a send walks, in call order, each receiver once: the ANY
   * connections, merged with `own` (the sender's list, from {@link listFor}).
   */
  connectionsFor(own: ReceiverList | undefined): readonly Connection[] {
    const shared = this.any.snapshot();
    return own === undefined ? shared : mergeByOrder(shared, own.snapshot());
  }

  /** Rebuilds {@link fast} if it can be; returns it (or `null`). */
  refreshFast(): readonly AnyReceiver[] | null {
    return (this.fast = this.any.plainReceivers());
  }

  #addSenderList(sender: unknown): ReceiverList {
    const list = new ReceiverList(this, sender);
    this.#senders.add(sender, list);
    if (isObjectLike(sender)) this.#registryForCleanup().register(sender, list, list);
    return list;
  }

  #dropSenderList(list: ReceiverList): void {
    this.#senders.delete(list);
    this.#registry?.unregister(list);
  }

  #registryForCleanup(): FinalizationRegistry<Connection | ReceiverList> {
    return (this.#registry ??= new FinalizationRegistry((held) => this.#collected(held)));
  }

  /** A weak receiver, an owner or an object sender was garbage-collected. */
  #collected(held: Connection | ReceiverList): void {
    if (held instanceof Connection) {
      this.remove(held);
      return;
    }
    // The sender is gone: every connection made for it goes too (the last one drops the list).
    for (const connection of held.snapshot()) this.remove(connection);
  }
}

/**
 * Merges the ANY connections with one sender's, by connection order, keeping
 * each receiver at its earliest connection.
 */
function mergeByOrder(shared: readonly Connection[], own: readonly Connection[]): Connection[] {
  const mark = ++mergeMark;
  const merged: Connection[] = [];
  let i = 0;
  let j = 0;
  while (i < shared.length || j < own.length) {
    const next =
      j >= own.length || (i < shared.length && shared[i]!.order < own[j]!.order) ? shared[i++]! : own[j++]!;
    if (next.entry.mark === mark) continue;
    next.entry.mark = mark;
    merged.push(next);
  }
  return merged;
}
