/**
 * A bridge from a signal to DOM-style events: `toEventTarget(signal)`.
 *
 * @packageDocumentation
 */
import { NamedSignal } from './namespace.js';
import type { Signal } from './signal.js';

/** What the `CustomEvent`s of {@link toEventTarget} carry. */
export interface SignalEventDetail<P, S> {
  /** The sender of the send. */
  sender: S;
  /** The payload of the send. */
  payload: P;
}

/**
 * An `EventTarget` that dispatches a `CustomEvent` each time `signal` sends
 * (type: the signal's name, or `type`), with `{ sender, payload }` as
 * `detail`: for code that speaks DOM events. The bridge lives as long as the
 * returned target (it is owner-bound to it).
 */
export function toEventTarget<P, S>(signal: Signal<P, S, unknown>, type?: string): EventTarget {
  const name = type ?? (signal instanceof NamedSignal ? signal.name : 'signal');
  const target = new EventTarget();
  signal.connect(
    (sender, payload) => {
      target.dispatchEvent(new CustomEvent<SignalEventDetail<P, S>>(name, { detail: { sender, payload } }));
    },
    { owner: target },
  );
  return target;
}
