/**
 * Priming: before anything is timed, every library and floor is driven with
 * other listener counts (1, 2, 5, 20), other listener functions, other payload
 * shapes and every connection kind, so V8's call sites inside them are
 * polymorphic or megamorphic, as in an app with many signals, instead of
 * specialised to the single receiver set and payload a benchmark uses.
 * {@link primeAll} primes what every scenario uses; a scenario that brings
 * libraries of its own names their primer in `Scenario.prime` (the mitt
 * adapter's is {@link primeMitt}, the bus libraries' are in prime-bus.ts).
 */
import { EventEmitter as EventEmitter3 } from 'eventemitter3';
import { EventEmitter as NodeEmitter } from 'node:events';
import { Signal } from '@mesh/signals';
import { EventEmitter as MeshEmitter } from '@mesh/signals/emitter';
import meshMitt from '@mesh/signals/mitt';
import mittModule from 'mitt';
import { callDeref, callEach, callPairs } from './floors.js';
import { PEERS, type AnyListener } from './peers.js';
import { keep } from './receivers.js';

// mitt ships CommonJS-style typings for an ES module default export.
const mitt = mittModule as unknown as typeof mittModule.default;

/** A receiver of any payload, as the primers connect them. */
type AnyReceiver = (sender: unknown, payload: unknown) => unknown;

const COUNTS = [1, 2, 5, 20] as const;
/** Payload shapes, the benchmark's own `{ n }` among them. */
const SHAPES: readonly unknown[] = [1, 'text', { n: 1 }, { n: 2, m: 3 }, { id: 'a', n: 4, tags: [] }, [1, 2, 3], undefined, null];
/** Emits per listener set and payload shape, in full runs. */
const REPS = 300;
/** Emits per listener set and payload shape in quick runs: every shape and kind still comes up, only fewer times. */
const QUICK_REPS = 100;

/** The repetitions of a run: {@link REPS} or {@link QUICK_REPS}. */
export function primeReps(quick: boolean): number {
  return quick ? QUICK_REPS : REPS;
}

let primeSink = 0;

/** `count` distinct listeners, five bodies in turn, none of them the benchmark's. */
export function primeListeners(count: number): AnyListener[] {
  const out: AnyListener[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0:
        out.push((p) => void (primeSink += typeof p === 'number' ? p : 1));
        break;
      case 1:
        out.push((p) => void (primeSink ^= p === undefined ? 3 : 5 + i));
        break;
      case 2:
        out.push((p) => void (typeof p === 'object' && p !== null && primeSink++));
        break;
      case 3:
        out.push((p) => void (primeSink = (primeSink + (typeof p === 'string' ? p.length : 2)) | 0));
        break;
      default:
        out.push((p) => void (primeSink -= Array.isArray(p) ? p.length : 2));
    }
  }
  return out;
}

/** {@link primeListeners} in the receiver signature, returning a result. */
function primeReceivers(count: number): AnyReceiver[] {
  return primeListeners(count).map((fn, i) =>
    i % 2 === 0 ? (_sender: unknown, p: unknown) => (fn(p), i) : (sender: unknown, p: unknown) => (fn(p), sender),
  );
}

/** Emits and sends every shape `reps` times, from `senders` in turn. */
function driveSignal(signal: Signal<unknown>, senders: readonly unknown[], reps: number): void {
  for (const shape of SHAPES) {
    for (let k = 0; k < reps; k++) {
      const sender = senders[k % senders.length];
      signal.emit(sender, shape);
      if (k % 4 === 0) keep(signal.send(sender, shape));
    }
  }
}

/** Drives `Signal` through strong, weak, owner-bound, one-shot and sender-specific connections. */
function primeSignals(reps: number): void {
  for (const count of COUNTS) {
    const fns = primeReceivers(count);
    const senders = [undefined, {}, 'app', 7];

    const strong = new Signal<unknown>();
    for (const fn of fns) strong.connect(fn);
    driveSignal(strong, senders, reps);

    const weak = new Signal<unknown>();
    for (const fn of fns) weak.connect(fn, { weak: true });
    driveSignal(weak, senders, reps);

    const owned = new Signal<unknown>();
    const owners = fns.map(() => ({}));
    fns.forEach((fn, i) => owned.connect(fn, { owner: owners[i]! }));
    driveSignal(owned, senders, reps);

    const mixed = new Signal<unknown>();
    fns.forEach((fn, i) => mixed.connect(fn, i % 2 === 0 ? undefined : { weak: true }));
    driveSignal(mixed, senders, reps);

    const bySender = new Signal<unknown>();
    const objects = fns.map(() => ({}));
    fns.forEach((fn, i) => bySender.connect(fn, { sender: objects[i] }));
    bySender.connect(primeReceivers(1)[0]!);
    driveSignal(bySender, [...objects, undefined, {}], reps);

    const once = new Signal<unknown>();
    for (let k = 0; k < reps; k++) {
      for (const fn of fns) once.connect(fn, { once: true });
      once.emit(undefined, SHAPES[k % SHAPES.length]);
    }
    keep([owners, fns]);
  }
}

/** Connects and disconnects with tokens and by receiver, in every connection kind. */
function primeChurn(reps: number): void {
  const signal = new Signal<unknown>();
  const fns = primeReceivers(20);
  const sender = {};
  const ee = new EventEmitter3();
  const names = ['a', 'b', 'c'];
  for (let k = 0; k < reps * 10; k++) {
    const fn = fns[k % fns.length]!;
    const options = [undefined, { weak: true }, { sender }, { once: true }, { owner: sender }][k % 5];
    const off = signal.connect(fn, options);
    if (k % 3 === 0) signal.disconnect(fn, k % 5 === 2 ? sender : undefined);
    else off();
    const name = names[k % names.length]!;
    ee.on(name, fn);
    if (k % 2 === 0) ee.off(name, fn);
  }
  keep(ee);
}

/** Drives the floors' shared loops with other arrays and payloads. */
function primeFloors(reps: number): void {
  for (const count of COUNTS) {
    const fns = primeReceivers(count);
    const refs = fns.map((fn) => new WeakRef(fn));
    for (const shape of SHAPES) {
      for (let k = 0; k < reps; k++) {
        callEach(fns, undefined, shape);
        callDeref(refs, undefined, shape);
        if (k % 4 === 0) callPairs(fns, undefined, shape);
      }
    }
    keep(fns);
  }
}

/** Drives every peer with other listener counts and payload shapes. */
function primePeers(reps: number): void {
  for (const peer of PEERS) {
    for (const count of COUNTS) {
      const emit = peer.primer(primeListeners(count));
      for (const shape of SHAPES) for (let k = 0; k < reps; k++) emit(shape);
    }
  }
}

/** Drives the mitt adapter, and mitt, with other handler counts, `'*'` handlers, other event types and payloads: the mitt-adapter scenarios' primer. */
export function primeMitt(quick: boolean): void {
  const reps = primeReps(quick);
  for (const make of [() => meshMitt<Record<string, unknown>>(), () => mitt<Record<string, unknown>>()]) {
    for (const count of COUNTS) {
      const emitter = make();
      const fns = primeListeners(count);
      fns.forEach((fn, i) => emitter.on(i % 3 === 0 ? 'a' : 'b', fn));
      if (count !== 1) emitter.on('*', (type, payload) => fns[0]!(typeof type === 'string' ? payload : type));
      for (const shape of SHAPES) {
        for (let k = 0; k < reps / 4; k++) {
          emitter.emit('a', shape);
          emitter.emit('b', shape);
        }
      }
      if (count > 1) emitter.off('a', fns[0]!);
    }
  }
}

/**
 * Drives the EventEmitter drop-in, and node:events, with other listener
 * counts, once-listeners, other names, argument counts and payloads: the
 * primer of the emitter-facade scenarios.
 */
export function primeEmitters(quick: boolean): void {
  const reps = primeReps(quick);
  /** What the primer calls, on either emitter. */
  interface Primed {
    setMaxListeners(n: number): unknown;
    on(name: string, listener: AnyListener): unknown;
    once(name: string, listener: AnyListener): Primed;
    off(name: string, listener: AnyListener): unknown;
    emit(name: string, ...args: unknown[]): boolean;
  }
  for (const make of [(): Primed => new MeshEmitter() as unknown as Primed, (): Primed => new NodeEmitter()]) {
    for (const count of COUNTS) {
      const emitter = make();
      emitter.setMaxListeners(0);
      const fns = primeListeners(count);
      fns.forEach((fn, i) => emitter.on(i % 3 === 0 ? 'a' : 'b', fn));
      for (const shape of SHAPES) {
        for (let k = 0; k < reps / 4; k++) {
          emitter.emit('a', shape);
          emitter.emit('b', shape, k);
          if (k % 8 === 0) emitter.emit('c');
          if (k % 16 === 0) emitter.once('a', fns[0]!).emit('a', shape, k, shape);
        }
      }
      if (count > 1) emitter.off('b', fns[1]!);
    }
  }
}

/**
 * Primes what every scenario uses; every child of a timed scenario runs it
 * once before its own primer and its first measurement. Quick runs repeat
 * each step fewer times ({@link primeReps}).
 */
export function primeAll(quick: boolean): void {
  const reps = primeReps(quick);
  primeSignals(reps);
  primeChurn(reps);
  primeFloors(reps);
  primePeers(reps);
  keep(primeSink);
}
