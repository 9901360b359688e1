import type { ReceiverList } from './receiver-list.js';

/** A receiver as the dispatch loop calls it. */
export type AnyReceiver = (sender: unknown, payload: unknown) => unknown;

/**
 * What a weakly held connection points at, through its `WeakRef`: one
 * `deref()` tells whether the receiver may still be called, and gives it.
 */
export interface Binding {
  readonly receiver: AnyReceiver;
  /** What keeps the binding alive: the owner, or the receiver itself when it is held weakly. */
  readonly owner: WeakRef<object>;
}

/**
 * Bindings, held by their owner: the map holds the owner weakly and its
 * bindings strongly, so a binding (and the receiver in it) lives exactly as
 * long as the owner, even when the receiver closes over the owner, and dies
 * with the owner even when the receiver lives on. A weak receiver is its own
 * owner: its binding lives as long as it does.
 */
const keptByOwner = new WeakMap<object, Set<Binding>>();

/** A new binding of `receiver` that lives as long as `owner`. */
export function bind(owner: object, receiver: AnyReceiver): Binding {
  const binding: Binding = { receiver, owner: new WeakRef(owner) };
  let kept = keptByOwner.get(owner);
  if (!kept) keptByOwner.set(owner, (kept = new Set()));
  kept.add(binding);
  return binding;
}

/** Lets go of a binding whose connection was removed: its owner no longer keeps it. */
export function release(binding: Binding | undefined): void {
  const owner = binding?.owner.deref();
  if (owner) keptByOwner.get(owner)?.delete(binding!);
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
    let twin: Connection = this;
    do if (twin.list === list) return twin;
    while ((twin = twin.twin) !== this);
    return undefined;
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
