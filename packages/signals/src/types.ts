/// <reference lib="esnext.disposable" preserve="true" />
// (the declarations bring Disposable and Symbol.dispose along, for projects whose lib predates them)
/**
 * The "any sender" token. A receiver connected for `ANY` (the default) runs
 * for every send, whoever the sender is.
 */
export const ANY: unique symbol = Symbol.for('@mesh/signals.ANY');

/**
 * A function that receives a signal: called with the sender and the payload,
 * and whatever it returns is collected by {@link Signal.send}.
 */
export type Receiver<P = void, S = unknown, R = unknown> = (sender: S, payload: P) => R;

/** Options of {@link Signal.connect}. */
export interface ConnectOptions<S> {
  /** Only run for sends from this sender (objects by identity, primitives by value). Default {@link ANY}. */
  sender?: S | typeof ANY;
  /** Hold the receiver through a `WeakRef`: it is removed once garbage-collected. Default `false`. */
  weak?: boolean;
  /** Keep the receiver alive exactly as long as this object: JavaScript's bound method. */
  owner?: object;
  /** Aborting this signal disconnects the receiver; an aborted one connects nothing. */
  signal?: AbortSignal;
  /** Disconnect the receiver right before its first call. */
  once?: boolean;
}

/**
 * The token {@link Signal.connect} returns. Call it (or dispose it, or abort the
 * connection's `AbortSignal`) to disconnect.
 */
export interface Subscription extends Disposable {
  /** Disconnects; `true` if this call is the one that disconnected it. */
  (): boolean;
  /** `true` while the receiver is connected. */
  readonly active: boolean;
}
