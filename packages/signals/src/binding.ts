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
