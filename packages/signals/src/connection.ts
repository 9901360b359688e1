import type { ReceiverList } from './receiver-list.js';

/** A receiver as the dispatch loop calls it. */
export type AnyReceiver = (sender: unknown, payload: unknown) => unknown;

/**
 * What a weakly held connection points at, through its `WeakRef`: one
 * `deref()` tells whether the receiver may still be called, and gives it.
 */
export interface Binding {
  readonly receiver: AnyReceiver;
  /** The owner of an owner-bound receiver (to release it on disconnect). */
  readonly owner: WeakRef<object> | undefined;
}

/**
 * The binding of each weak receiver: it lives exactly as long as the receiver
 * (the map holds the receiver weakly), and is shared by its weak connections.
 */
const weakBindings = new WeakMap<AnyReceiver, Binding>();

/**
 * The bindings of owner-bound receivers, held by their owner: the map holds
 * the owner weakly and its bindings strongly, so a binding (and the receiver
 * in it) lives exactly as long as the owner, even when the receiver closes
 * over the owner, and dies with the owner even when the receiver lives on.
 */
const keptByOwner = new WeakMap<object, Binding[]>();

/** The binding of a weak receiver. */
export function weakBinding(receiver: AnyReceiver): Binding {
  let binding = weakBindings.get(receiver);
  if (binding === undefined) weakBindings.set(receiver, (binding = { receiver, owner: undefined }));
  return binding;
}

/** A new binding of `receiver` that lives as long as `owner`. */
export function ownerBinding(owner: object, receiver: AnyReceiver): Binding {
  const binding: Binding = { receiver, owner: new WeakRef(owner) };
  const kept = keptByOwner.get(owner);
  if (kept === undefined) keptByOwner.set(owner, [binding]);
  else kept.push(binding);
  return binding;
}

/** Lets go of an owner-bound binding (the receiver was disconnected by hand). */
export function releaseBinding(binding: Binding): void {
  const owner = binding.owner?.deref();
  const kept = owner === undefined ? undefined : keptByOwner.get(owner);
  if (kept === undefined) return;
  const at = kept.indexOf(binding);
  if (at !== -1) kept.splice(at, 1);
  if (kept.length === 0) keptByOwner.delete(owner!);
}

/** Every connection of one receiver on one signal: it makes `receiverCount` count distinct receivers. */
export class ReceiverEntry {
  /** The receiver's live connections, one per sender it is connected for. */
  readonly connections: Connection[];
  /** Scratch mark used while merging snapshots, so a receiver is taken once per send. */
  mark = 0;

  constructor(first: Connection) {
    this.connections = [first];
  }
}

/**
 * One receiver connected for one sender. It sits in its sender's
 * {@link ReceiverList} (a doubly linked list, so removal is O(1)) and holds its
 * receiver strongly, or through a `WeakRef` to its {@link Binding}.
 */
export class Connection {
  prev: Connection | undefined = undefined;
  next: Connection | undefined = undefined;
  /** `false` once disconnected, by hand or automatically. */
  active = true;
  /** The receiver's entry (set right after construction: the entry is made with its first connection). */
  entry!: ReceiverEntry;
  /** Removes the abort listener, when the connection was made with an `AbortSignal`. */
  detachAbort: (() => void) | undefined = undefined;

  constructor(
    readonly list: ReceiverList,
    /** Global connection order, used to merge the ANY list with a sender's list. */
    readonly order: number,
    readonly once: boolean,
    /** The receiver when held strongly. */
    readonly strong: AnyReceiver | undefined,
    /** The receiver's binding when held weakly (weak or owner-bound). */
    readonly ref: WeakRef<Binding> | undefined,
  ) {}

  /** The receiver, or `undefined` once it (or its owner) has been collected. */
  receiver(): AnyReceiver | undefined {
    return this.strong !== undefined ? this.strong : this.ref!.deref()?.receiver;
  }

  /** A strong, repeating connection: the dispatch loop may call it without any check. */
  get plain(): boolean {
    return this.strong !== undefined && !this.once;
  }

  /** A weakly held, repeating connection: the dispatch loop only needs one `deref()`. */
  get weakRepeating(): boolean {
    return this.strong === undefined && !this.once;
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
