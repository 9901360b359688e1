import {
  type AnyReceiver,
  type Binding,
  Connection,
  ReceiverEntry,
  ownerBinding,
  releaseBinding,
  weakBinding,
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
   * strong and repeating; `null` when they are not; `undefined` when it must
   * be rebuilt ({@link refresh}).
   */
  fast: readonly AnyReceiver[] | null | undefined = [];
  /** The ANY receivers' bindings, when all of them are weakly held and repeating; else `null`. Valid when {@link fast} is. */
  weakFast: readonly WeakRef<Binding>[] | null = null;
  /** Number of distinct receivers. */
  receiverCount = 0;
  readonly #senders = new SenderIndex();
  readonly #entries = new WeakMap<AnyReceiver, ReceiverEntry>();
  #registry: FinalizationRegistry<Connection | ReceiverList> | undefined = undefined;
  /** How to remove the abort listener of each connection made with an `AbortSignal`. */
  #abortDetachers: WeakMap<Connection, () => void> | undefined = undefined;

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
      const existing = entry.find(list);
      if (existing !== undefined) return existing;
    }
    if (list === undefined) list = this.#addSenderList(sender);

    let ref: WeakRef<Binding> | undefined;
    if (hold.owner !== undefined) ref = new WeakRef(ownerBinding(hold.owner, receiver));
    else if (hold.weak) ref = new WeakRef(weakBinding(receiver));
    const connection = new Connection(list, ++connectionOrder, hold.once, ref === undefined ? receiver : undefined, ref);
    if (entry === undefined) {
      this.#entries.set(receiver, (entry = new ReceiverEntry(connection)));
      this.receiverCount++;
    } else if (entry.add(connection)) {
      this.receiverCount++;
    }
    connection.entry = entry;
    list.append(connection);
    if (list === this.any) this.fast = undefined;

    // Collected receivers (weak) and owners (owner-bound) take their connections with them.
    if (hold.owner !== undefined) this.#registryForCleanup().register(hold.owner, connection, connection);
    else if (hold.weak) this.#registryForCleanup().register(receiver, connection, connection);
    if (hold.abort !== undefined) {
      const abort = hold.abort;
      const onAbort = (): void => void this.remove(connection);
      abort.addEventListener('abort', onAbort, { once: true });
      (this.#abortDetachers ??= new WeakMap()).set(connection, () => abort.removeEventListener('abort', onAbort));
    }
    this.hooks.connected(receiver, sender, ref !== undefined);
    return connection;
  }

  /** Disconnects `receiver` from `sender`, or from every sender for ANY. */
  disconnect(receiver: AnyReceiver, sender: unknown): boolean {
    const entry = this.#entries.get(receiver);
    if (entry === undefined || entry.first === undefined) return false;
    if (sender === ANY) {
      for (const connection of entry.all()) this.remove(connection);
      return true;
    }
    const list = this.#senders.get(sender);
    const connection = list === undefined ? undefined : entry.find(list);
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
    connection.deactivate();
    const { list, entry } = connection;
    const receiver = connection.receiver();
    list.remove(connection);
    if (list === this.any) this.fast = undefined;
    else if (list.size === 0) this.#dropSenderList(list);
    if (entry.remove(connection)) this.receiverCount--;

    if (connection.ref !== undefined) {
      this.#registry?.unregister(connection);
      const binding = connection.ref.deref();
      if (binding?.owner !== undefined) releaseBinding(binding);
    }
    const detach = this.#abortDetachers?.get(connection);
    if (detach !== undefined) {
      this.#abortDetachers!.delete(connection);
      detach();
    }
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
    return own === undefined ? shared : own.mergedWith(shared, mergeByOrder);
  }

  /** Rebuilds {@link fast} and {@link weakFast}; returns {@link fast}. */
  refresh(): readonly AnyReceiver[] | null {
    const fast = this.any.plainReceivers();
    this.weakFast = fast === null ? this.any.weakBindings() : null;
    return (this.fast = fast);
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
