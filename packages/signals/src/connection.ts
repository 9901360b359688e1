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

/**
 * Every connection of one receiver on one signal: it makes `receiverCount`
 * count distinct receivers. Most receivers have one connection, held in
 * `first` with no array at all.
 */
export class ReceiverEntry {
  /** The receiver's first live connection; `undefined` once it has none. */
  first: Connection | undefined;
  /** Its other live connections, when it is connected for several senders. */
  others: Connection[] | undefined = undefined;
  /** Scratch mark used while merging snapshots, so a receiver is taken once per send. */
  mark = 0;

  constructor(first: Connection) {
    this.first = first;
  }

  /** Adds a connection; `true` if the receiver had none before. */
  add(connection: Connection): boolean {
    if (this.first === undefined) {
      this.first = connection;
      return true;
    }
    (this.others ??= []).push(connection);
    return false;
  }

  /** Removes one of this entry's connections; `true` if the receiver has none left. */
  remove(connection: Connection): boolean {
    const others = this.others;
    if (this.first === connection) this.first = others?.shift();
    else if (others !== undefined) others.splice(others.indexOf(connection), 1);
    if (others !== undefined && others.length === 0) this.others = undefined;
    return this.first === undefined;
  }

  /** The connection made for `list`, if any. */
  find(list: ReceiverList): Connection | undefined {
    if (this.first?.list === list) return this.first;
    return this.others?.find((connection) => connection.list === list);
  }

  /** Every live connection, as a new array. */
  all(): Connection[] {
    return this.first === undefined ? [] : [this.first, ...(this.others ?? [])];
  }
}

/** Connection flag: a one-shot connection. */
const ONCE = 1;
/** Connection flag: disconnected. */
const REMOVED = 2;

/**
 * One receiver connected for one sender. It sits in its sender's
 * {@link ReceiverList} (a doubly linked list, so removal is O(1)) and holds its
 * receiver strongly, or through a `WeakRef` to its {@link Binding}.
 */
export class Connection {
  prev: Connection | undefined = undefined;
  next: Connection | undefined = undefined;
  /** {@link ONCE} and {@link REMOVED}, in one field (a connection is small, and there are many). */
  #flags: number;
  /** The receiver's entry (set right after construction: the entry is made with its first connection). */
  entry!: ReceiverEntry;

  constructor(
    readonly list: ReceiverList,
    /** Global connection order, used to merge the ANY list with a sender's list. */
    readonly order: number,
    once: boolean,
    /** The receiver when held strongly. */
    readonly strong: AnyReceiver | undefined,
    /** The receiver's binding when held weakly (weak or owner-bound). */
    readonly ref: WeakRef<Binding> | undefined,
  ) {
    this.#flags = once ? ONCE : 0;
  }

  /** Disconnected right before its first call. */
  get once(): boolean {
    return (this.#flags & ONCE) !== 0;
  }

  /** `false` once disconnected, by hand or automatically. */
  get active(): boolean {
    return (this.#flags & REMOVED) === 0;
  }

  /** Marks the connection disconnected. */
  deactivate(): void {
    this.#flags |= REMOVED;
  }

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
