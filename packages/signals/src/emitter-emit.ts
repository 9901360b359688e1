/**
 * `emit` of the EventEmitter drop-in, and what happens around it: the
 * `'error'` rule with `errorMonitor`, and `captureRejections`.
 *
 * The hot path allocates nothing: a single listener is stored unwrapped and
 * called directly; two or more are called from their array as it is, and
 * the emitter's running-emit count makes any change during the emit copy
 * the array first (emitter-state.ts `writable`), which is how every emit
 * keeps the snapshot Node promises without copying on every call.
 */
import { unhandled } from './emitter-errors.js';
import { captureRejectionSymbol, kCapture, kEmitting, type Events, type Fn, type Key, type State } from './emitter-state.js';

/** The description of `errorMonitor`, ours and Node's: listeners of either symbol monitor `'error'`. */
const MONITOR = 'events.errorMonitor';

/** Runs `task` after the current operation: `process.nextTick` where it exists, else a microtask. */
function later(task: () => void): void {
  const host = (globalThis as { process?: { nextTick?: (task: () => void) => void } }).process;
  if (typeof host?.nextTick === 'function') host.nextTick(task);
  else queueMicrotask(task);
}

/** A captured rejection: to the emitter's `Symbol.for('nodejs.rejection')` method, else as `'error'` (not captured again). */
function rejected(target: State, error: unknown, name: Key, args: unknown[]): void {
  const handler = target[captureRejectionSymbol];
  if (typeof handler === 'function') {
    (handler as Fn).call(target, error, name, ...args);
    return;
  }
  const before = target[kCapture];
  try {
    target[kCapture] = false;
    target.emit('error', error);
  } finally {
    target[kCapture] = before;
  }
}

/** With `captureRejections` on: routes a rejection of what a listener returned, if it is a thenable. */
function capture(target: State, result: unknown, name: Key, args: unknown[]): void {
  try {
    const then = (result as { then?: unknown }).then;
    if (typeof then === 'function') {
      then.call(result, undefined, (error: unknown) => later(() => rejected(target, error, name, args)));
    }
  } catch (error) {
    target.emit('error', error);
  }
}

/** The arguments after the name, as an array. */
function rest(args: IArguments): unknown[] {
  const out: unknown[] = [];
  for (let i = 1; i < args.length; i++) out.push(args[i]);
  return out;
}

/** Before an `'error'` is emitted: the `errorMonitor` listeners; then throws when nobody listens to `'error'`. */
function emitError(target: State, events: Events | undefined, args: unknown[]): void {
  if (events !== undefined) {
    for (const each of Object.getOwnPropertySymbols(events)) {
      if (each.description === MONITOR && events[each] !== undefined) target.emit(each, ...args);
    }
  }
  if (events === undefined || events.error === undefined) throw unhandled(args[0]);
}

/** The arguments after the name, rebuilt from what `emit` holds: `spread` when there were more than two. */
function argsOf(argc: number, a: unknown, b: unknown, spread: unknown[] | undefined): unknown[] {
  return spread ?? (argc <= 1 ? [] : argc === 2 ? [a] : [a, b]);
}

/** Calls two or more listeners from their array as it is; a change during the calls copies it first (see `writable`). */
function emitList(target: State, name: Key, list: Fn[], argc: number, a: unknown, b: unknown, spread: unknown[] | undefined): boolean {
  const n = list.length;
  const depth = target[kEmitting] ?? 0;
  target[kEmitting] = depth + 1;
  try {
    for (let i = 0; i < n; i++) {
      const listener = list[i]!;
      const result = argc === 2 ? listener.call(target, a) : argc === 1 ? listener.call(target) : argc === 3 ? listener.call(target, a, b) : listener.apply(target, spread!);
      if (result !== undefined && result !== null && target[kCapture] === true) capture(target, result, name, argsOf(argc, a, b, spread));
    }
  } finally {
    target[kEmitting] = depth;
  }
  return true;
}

/**
 * `emit(name, ...args)`: calls every listener of `name`, in order, with the
 * emitter as `this`; `true` if there was one. `'error'` with no listener
 * throws (the error itself, or `ERR_UNHANDLED_ERROR`). Up to two arguments
 * are passed as they are (no array); more go through `apply`.
 */
export function emit(this: State, name: Key, a?: unknown, b?: unknown): boolean {
  const argc = arguments.length;
  const spread = argc > 3 ? rest(arguments) : undefined;
  const events = this._events;
  if (name === 'error') emitError(this, events, argsOf(argc, a, b, spread));
  if (events === undefined) return false;
  const stored = events[name];
  if (stored === undefined) return false;
  if (typeof stored !== 'function') return emitList(this, name, stored, argc, a, b, spread);
  const result = argc === 2 ? stored.call(this, a) : argc === 1 ? stored.call(this) : argc === 3 ? stored.call(this, a, b) : stored.apply(this, spread!);
  if (result !== undefined && result !== null && this[kCapture] === true) capture(this, result, name, argsOf(argc, a, b, spread));
  return true;
}
