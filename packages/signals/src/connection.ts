import type { ReceiverList } from './receiver-list.js';

/** A receiver as the dispatch loop calls it. */
export type AnyReceiver = (sender: unknown, payload: unknown) => unknown;

/**
 * Receivers kept alive by an owner. The map holds the owner weakly and its
 * receivers strongly, so a receiver lives exactly as long as its owner
 * (even when the receiver closes over the owner).
 */
const keptByOwner = new WeakMap<object, AnyReceiver[]>();

/** Keeps `receiver` alive for as long as `owner` is. */
export function keepWhileOwnerLives(owner: object, receiver: AnyReceiver): void {
  const kept = keptByOwner.get(owner);
  if (kept === undefined) keptByOwner.set(owner, [receiver]);
  else kept.push(receiver);
}

/** Undoes one {@link keepWhileOwnerLives}. */
export function releaseFromOwner(owner: object, receiver: AnyReceiver): void {
  const kept = keptByOwner.get(owner);
  if (kept === undefined) return;
  const at = kept.indexOf(receiver);
  if (at !== -1) kept.splice(at, 1);
  if (kept.length === 0) keptByOwner.delete(owner);
}

/** Every connection of one receiver on one signal: it makes `receiverCount` count distinct receivers. */
export class ReceiverEntry {
  /** The receiver's live connections, one per sender it is connected for. */
  readonly connections: Connection[] = [];
  /** Scratch mark used while merging snapshots, so a receiver is taken once per send. */
  mark = 0;
}

/**
 * One receiver connected for one sender. It sits in its sender's
 * {@link ReceiverList} (a doubly linked list, so removal is O(1)) and holds its
 * receiver strongly, through a `WeakRef`, or through its owner.
 */
export class Connection {
  prev: Connection | undefined = undefined;
  next: Connection | undefined = undefined;
  /** `false` once disconnected, by hand or automatically. */
  active = true;
  /** Removes the abort listener, when the connection was made with an `AbortSignal`. */
  detachAbort: (() => void) | undefined = undefined;

  constructor(
    readonly list: ReceiverList,
    readonly entry: ReceiverEntry,
    /** Global connection order, used to merge the ANY list with a sender's list. */
    readonly order: number,
    readonly once: boolean,
    /** The receiver when held strongly. */
    readonly strong: AnyReceiver | undefined,
    /** The receiver when held weakly (weak or owner-bound). */
    readonly ref: WeakRef<AnyReceiver> | undefined,
    /** The owner of an owner-bound receiver. */
    readonly ownerRef: WeakRef<object> | undefined,
  ) {}

  /** The receiver, or `undefined` once it (or its owner) has been collected. */
  receiver(): AnyReceiver | undefined {
    if (this.strong !== undefined) return this.strong;
    if (this.ownerRef !== undefined && this.ownerRef.deref() === undefined) return undefined;
    return this.ref!.deref();
  }

  /** A strong, repeating connection: the dispatch loop may call it without any check. */
  get plain(): boolean {
    return this.strong !== undefined && !this.once;
  }

  /** Whether a subscription token should report the connection as live. */
  get linked(): boolean {
    return this.active && this.receiver() !== undefined;
  }

  /** Disconnects; `true` if this call did it. */
  unlink(): boolean {
    return this.list.table.remove(this);
  }
}
