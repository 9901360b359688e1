/**
 * Floors: the least work that could do each job, with no library at all.
 * A candidate cannot beat its floor by more than noise; the targets are set
 * as a cost relative to it. The loops are shared functions, primed with other
 * arrays and payloads (see prime.ts) like the libraries' own loops.
 */
import type { Body, Candidate } from './harness/types.js';
import { keep, retain, signalReceivers, type Payload, type SignalReceiver } from './receivers.js';

/** Any function in the receiver signature, whatever its payload. */
type Fn<P> = (sender: unknown, payload: P) => unknown;

/** The emit floor: a bare `for` loop calling each function. */
export function callEach<P>(fns: readonly Fn<P>[], sender: unknown, payload: P): void {
  for (let i = 0; i < fns.length; i++) fns[i]!(sender, payload);
}

/**
 * The send floor: the bare loop, also building the `[receiver, result]` pairs
 * `Signal.send` returns. The array is kept (see {@link keep}) so it escapes.
 */
export function callPairs<P>(fns: readonly Fn<P>[], sender: unknown, payload: P): Array<[Fn<P>, unknown]> {
  const out = new Array<[Fn<P>, unknown]>(fns.length);
  for (let i = 0; i < fns.length; i++) {
    const fn = fns[i]!;
    out[i] = [fn, fn(sender, payload)];
  }
  keep(out);
  return out;
}

/** The weak floor: the bare loop with one `WeakRef.deref()` per receiver. */
export function callDeref<P>(refs: readonly WeakRef<Fn<P>>[], sender: unknown, payload: P): void {
  for (let i = 0; i < refs.length; i++) {
    const fn = refs[i]!.deref();
    if (fn !== undefined) fn(sender, payload);
  }
}

/** A floor candidate calling `fns` with {@link callEach}. */
export function eachFloor(name: string, make: () => SignalReceiver[], sender: unknown, payload: Payload): Candidate {
  return {
    name,
    role: 'floor',
    setup(): Body {
      const fns = make();
      return (n) => {
        for (let k = 0; k < n; k++) callEach(fns, sender, payload);
      };
    },
  };
}

/** The pairs floor with `count` receivers. */
export function pairsFloor(count: number, sender: unknown, payload: Payload): Candidate {
  return {
    name: 'floor: pairs loop',
    role: 'floor',
    setup(): Body {
      const fns = signalReceivers(count);
      return (n) => {
        for (let k = 0; k < n; k++) callPairs(fns, sender, payload);
      };
    },
  };
}

/** The deref floor with `count` receivers, each behind its own `WeakRef`. */
export function derefFloor(count: number, sender: unknown, payload: Payload): Candidate {
  return {
    name: 'floor: deref loop',
    role: 'floor',
    setup(): Body {
      const fns = signalReceivers(count);
      const refs = fns.map((fn) => new WeakRef(fn));
      retain(fns);
      return (n) => {
        for (let k = 0; k < n; k++) callDeref(refs, sender, payload);
      };
    },
  };
}
