/**
 * What every part of the EventEmitter drop-in shares: its symbols, the
 * defaults its statics change, and the shape of an emitter's state.
 *
 * The state is Node's own layout: `_events` (an object that inherits no
 * names, of event name to one listener, or to an array of two or more),
 * `_eventsCount` and `_maxListeners`, as own properties of the emitter,
 * created on first use. Nothing lives in closures or private fields, so
 * any object can be an emitter: `EventEmitter.call(this)`,
 * `util.inherits`, or `EventEmitter.prototype.emit.call(obj, …)` on a
 * mixin all see the same state.
 */

/** Listeners of this symbol see every `'error'` before the `'error'` listeners do, and change nothing about it. */
export const errorMonitor: unique symbol = Symbol('events.errorMonitor');

/** The method an emitter may define to receive the rejections of its async listeners (`Symbol.for('nodejs.rejection')`). */
export const captureRejectionSymbol: unique symbol = Symbol.for('nodejs.rejection') as typeof captureRejectionSymbol;

/** Whether an emitter routes its async listeners' rejections (set per emitter at construction). */
export const kCapture = Symbol('kCapture');

/** How many emits of an emitter are running: while any is, listener arrays are copied before they change. */
export const kEmitting = Symbol('kEmitting');

/** A listener as the emitter stores and calls it. */
export type Fn = (this: unknown, ...args: unknown[]) => unknown;

/** A once-wrapper (or any function carrying the listener it stands for). */
export type Wrapped = Fn & { listener?: Fn };

/** Two or more listeners of one name; `warned` once the leak warning was given for this list. */
export type FnList = Wrapped[] & { warned?: boolean };

/** An event name. */
export type Key = string | symbol;

/** `_events`: event name to its listener or listeners. */
export type Events = Record<Key, Wrapped | FnList | undefined>;

/** An emitter as its methods see `this`: possibly a plain object that has never been initialised. */
export interface State {
  _events: Events | undefined;
  _eventsCount: number;
  _maxListeners: number | undefined;
  [kCapture]?: boolean;
  [kEmitting]?: number;
  [captureRejectionSymbol]?: unknown;
  emit(name: Key, ...args: unknown[]): boolean;
  on(name: Key, listener: Fn): unknown;
  prependListener(name: Key, listener: Fn): unknown;
  removeListener(name: Key, listener: Fn): unknown;
  removeAllListeners(name?: Key): unknown;
}

/** The values the statics of `EventEmitter` read and write. */
export const defaults = {
  /** `EventEmitter.defaultMaxListeners`: read whenever a listener is added, so a change reaches every emitter. */
  maxListeners: 10,
};

/**
 * A fresh `_events`: an object with no prototype, so no name (`toString`,
 * `__proto__`) is inherited. Like Node's, it is a hash table (V8's
 * dictionary mode) from the start: the name lookup in `emit` meets many
 * names and table shapes, where one hash probe is cheaper than V8's cache
 * of shapes, and `delete` would turn a table into a hash table anyway.
 */
export function newEvents(): Events {
  return Object.create(null) as Events;
}

/** The limit that applies to `target`: its own, else the default. */
export function maxListenersOf(target: State): number {
  const own = target._maxListeners;
  return own === undefined ? defaults.maxListeners : own;
}

/** The list to change: `list` itself, or a copy when an emit is iterating it (it keeps its snapshot). */
export function writable(target: State, list: FnList): FnList {
  if (!((target[kEmitting] ?? 0) > 0)) return list;
  const copy: FnList = list.slice();
  if (list.warned) copy.warned = true;
  return copy;
}
