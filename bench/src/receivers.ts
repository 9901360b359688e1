/**
 * Distinct receivers for every candidate, and the sink their work goes to,
 * so V8 can neither drop the calls nor the arrays the candidates build.
 */

/** What the timed loops emit: one small object, the same for every candidate. */
export interface Payload {
  readonly n: number;
}

/** The payload every timed loop emits. */
export const PAYLOAD: Payload = { n: 1 };

/** The sender every timed `Signal` emit and send passes (and the floors pass on), as an app passes `this`. */
export const SENDER: object = { name: 'app' };

/** A receiver in the `@mesh/signals` (and floor) signature. */
export type SignalReceiver = (sender: unknown, payload: Payload) => number;
/** A listener in the signature of the plain emitters (eventemitter3, mitt, ...). */
export type Listener = (payload: Payload) => void;
/** A listener for `EventTarget`; the payload rides in `CustomEvent.detail`. */
export type DomListener = (event: Event) => void;
/** A handler of an event object carrying the payload in `data`: @mesh/bus handlers, emittery listeners, the bus floors' handlers. */
export type EventHandler = (event: { readonly data: Payload }) => void;

let sink = 0;
let kept: unknown = undefined;
const retained: unknown[] = [];

/** Keeps `value` (the last one given) reachable from a module variable, so its allocation cannot be elided. */
export function keep(value: unknown): void {
  kept = value;
}

/** Keeps `value` alive until the child exits: weak receivers and owners that must not be collected while timed. */
export function retain(value: unknown): void {
  retained.push(value);
}

/** The sink, reported by each child process so the receivers' work is observable. */
export function sinkValue(): number {
  return kept === undefined ? sink : sink + 1;
}

/**
 * `count` distinct receivers. Four different function bodies take turns and
 * each is its own closure, so a call site that sees them is polymorphic, as
 * in an app, rather than one function connected `count` times.
 */
export function signalReceivers(count: number): SignalReceiver[] {
  const out: SignalReceiver[] = [];
  for (let i = 0; i < count; i++) {
    switch (i & 3) {
      case 0:
        out.push((_sender, p) => (sink = (sink + p.n) | 0));
        break;
      case 1:
        out.push((_sender, p) => (sink = (sink ^ (p.n + i)) | 0));
        break;
      case 2:
        out.push((_sender, p) => (sink = (sink + p.n * 3) | 0));
        break;
      default:
        out.push((_sender, p) => (sink = (sink - p.n + i) | 0));
    }
  }
  return out;
}

/** {@link signalReceivers}, in the plain emitters' `(payload)` signature, with the same bodies. */
export function listeners(count: number): Listener[] {
  const out: Listener[] = [];
  for (let i = 0; i < count; i++) {
    switch (i & 3) {
      case 0:
        out.push((p) => void (sink = (sink + p.n) | 0));
        break;
      case 1:
        out.push((p) => void (sink = (sink ^ (p.n + i)) | 0));
        break;
      case 2:
        out.push((p) => void (sink = (sink + p.n * 3) | 0));
        break;
      default:
        out.push((p) => void (sink = (sink - p.n + i) | 0));
    }
  }
  return out;
}

/** {@link signalReceivers} for `EventTarget`: the same bodies, reading `CustomEvent.detail`. */
export function domListeners(count: number): DomListener[] {
  const out: DomListener[] = [];
  for (let i = 0; i < count; i++) {
    switch (i & 3) {
      case 0:
        out.push((e) => void (sink = (sink + (e as CustomEvent<Payload>).detail.n) | 0));
        break;
      case 1:
        out.push((e) => void (sink = (sink ^ ((e as CustomEvent<Payload>).detail.n + i)) | 0));
        break;
      case 2:
        out.push((e) => void (sink = (sink + (e as CustomEvent<Payload>).detail.n * 3) | 0));
        break;
      default:
        out.push((e) => void (sink = (sink - (e as CustomEvent<Payload>).detail.n + i) | 0));
    }
  }
  return out;
}

/** {@link signalReceivers} for event objects (`event.data` is the payload), with the same bodies. */
export function eventHandlers(count: number): EventHandler[] {
  const out: EventHandler[] = [];
  for (let i = 0; i < count; i++) {
    switch (i & 3) {
      case 0:
        out.push((e) => void (sink = (sink + e.data.n) | 0));
        break;
      case 1:
        out.push((e) => void (sink = (sink ^ (e.data.n + i)) | 0));
        break;
      case 2:
        out.push((e) => void (sink = (sink + e.data.n * 3) | 0));
        break;
      default:
        out.push((e) => void (sink = (sink - e.data.n + i) | 0));
    }
  }
  return out;
}
