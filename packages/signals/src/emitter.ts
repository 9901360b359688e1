/**
 * A drop-in for Node's `EventEmitter` that also runs in browsers: change
 * `import { EventEmitter } from 'node:events'` to
 * `import { EventEmitter } from '@mesh/signals/emitter'`. It has Node's
 * whole `EventEmitter` API and behaviour (`'newListener'` and
 * `'removeListener'`, listener limits and `MaxListenersExceededWarning`,
 * `errorMonitor`, `captureRejections`, once-wrappers in `rawListeners`,
 * Node's error codes), keeps its state where Node does, so old-style code
 * (`EventEmitter.call(this)`, `util.inherits`, mixins) works, and Node's
 * `events.once`, `events.on` and `events.getEventListeners` accept it. It
 * is typed by a map of event names to argument tuples.
 *
 * @packageDocumentation
 */
import { checkBoolean, checkLimit } from './emitter-errors.js';
import { emit } from './emitter-emit.js';
import {
  addListener,
  eventNames,
  getMaxListeners,
  listenerCount,
  listeners,
  once,
  prependListener,
  prependOnceListener,
  rawListeners,
  removeAllListeners,
  removeListener,
  setMaxListeners,
} from './emitter-listeners.js';
import { captureRejectionSymbol, defaults, errorMonitor, kCapture, kEmitting, newEvents, type State } from './emitter-state.js';
import type { CountsListeners, EventArgs, EventArgsMap, EventEmitterOptions, EventName, Listener, RawListener } from './emitter-types.js';

export type {
  AnyListener,
  CountsListeners,
  ErrorArgs,
  EventArgs,
  EventArgsMap,
  EventEmitterOptions,
  EventMap,
  EventName,
  Listener,
  OwnEvents,
  RawListener,
} from './emitter-types.js';
export { captureRejectionSymbol, errorMonitor };

/**
 * An event emitter with the API and behaviour of Node's `EventEmitter`,
 * typed by a map of event names to argument tuples. Listeners run
 * synchronously, in order, with the emitter as `this`, on a snapshot taken
 * when `emit` starts.
 */
export interface EventEmitter<Events extends EventArgsMap = EventArgsMap> {
  /** Adds a listener at the end, after emitting `'newListener'`; the same listener twice runs twice. */
  addListener<K extends EventName<Events>>(eventName: K, listener: Listener<Events, K>): this;
  /** The same function as {@link addListener}. */
  on<K extends EventName<Events>>(eventName: K, listener: Listener<Events, K>): this;
  /** Adds a listener at the front. */
  prependListener<K extends EventName<Events>>(eventName: K, listener: Listener<Events, K>): this;
  /** Adds a listener that is removed before its first call, and runs at most once. */
  once<K extends EventName<Events>>(eventName: K, listener: Listener<Events, K>): this;
  /** {@link once}, at the front. */
  prependOnceListener<K extends EventName<Events>>(eventName: K, listener: Listener<Events, K>): this;
  /** Removes the most recently added registration of `listener` (or of a once-wrapper of it), then emits `'removeListener'`. */
  removeListener<K extends EventName<Events>>(eventName: K, listener: Listener<Events, K>): this;
  /** The same function as {@link removeListener}. */
  off<K extends EventName<Events>>(eventName: K, listener: Listener<Events, K>): this;
  /** Removes every listener of `eventName`, or of every event when called without an argument. */
  removeAllListeners(eventName?: EventName<Events>): this;
  /**
   * Calls every listener of `eventName` with `args`; `true` if there was
   * one. `'error'` with no `'error'` listener throws the error (or an
   * `ERR_UNHANDLED_ERROR` carrying it as `context`).
   */
  emit<K extends EventName<Events>>(eventName: K, ...args: EventArgs<Events, K>): boolean;
  /** How many listeners `eventName` has, or how many registrations of `listener`. */
  listenerCount<K extends EventName<Events>>(eventName: K, listener?: Listener<Events, K>): number;
  /** A copy of the listeners of `eventName`, once-listeners as the functions they wrap. */
  listeners<K extends EventName<Events>>(eventName: K): Array<Listener<Events, K>>;
  /** A copy of the listeners of `eventName` as stored: once-wrappers, each with `.listener`. */
  rawListeners<K extends EventName<Events>>(eventName: K): Array<RawListener<Events, K>>;
  /** The event names that have listeners (strings, then symbols). */
  eventNames(): Array<EventName<Events>>;
  /** Sets the listener count per event above which a `MaxListenersExceededWarning` is given (0 or `Infinity`: never). */
  setMaxListeners(n: number): this;
  /** This emitter's limit, else `EventEmitter.defaultMaxListeners`. */
  getMaxListeners(): number;
  /** Receives the rejections of async listeners when `captureRejections` is on, instead of `'error'`. */
  [captureRejectionSymbol]?(error: unknown, eventName: EventName<Events>, ...args: unknown[]): void;
}

/** The `EventEmitter` constructor: a class for `new` and `extends`, and a function for old-style code. */
export interface EventEmitterConstructor {
  /** A new emitter; type it with an event map: `new EventEmitter<{ data: [chunk: string] }>()`. */
  new <Events extends EventArgsMap = EventArgsMap>(options?: EventEmitterOptions): EventEmitter<Events>;
  /** Initialises `this` as an emitter: `EventEmitter.call(this)` in a function constructor. */
  (this: object, options?: EventEmitterOptions): void;
  readonly prototype: EventEmitter;
  /** The limit of every emitter that has not set its own (10); a change reaches existing emitters too. */
  defaultMaxListeners: number;
  /** The `captureRejections` default of new emitters (false). */
  captureRejections: boolean;
  /** Listeners of this symbol see every `'error'` first; Node's `events.errorMonitor` works too. */
  readonly errorMonitor: typeof errorMonitor;
  /** `Symbol.for('nodejs.rejection')`. */
  readonly captureRejectionSymbol: typeof captureRejectionSymbol;
  /** The constructor itself, for `const { EventEmitter } = …` on the default export. */
  readonly EventEmitter: EventEmitterConstructor;
  /**
   * `emitter.listenerCount(eventName)`.
   * @deprecated As in Node: use `emitter.listenerCount(eventName)`.
   */
  listenerCount(emitter: CountsListeners, eventName: string | symbol): number;
}

/** The prototype every emitter shares: Node's methods, and Node's defaults for an uninitialised state. */
interface Prototype extends State {
  [method: string]: unknown;
}

/**
 * Initialises `this` as an emitter (with `new`, `super()` or
 * `EventEmitter.call(this, options)`): an own `_events` unless it already
 * has one of its own, and the `captureRejections` setting.
 */
function EventEmitterFunction(this: State | undefined, options?: EventEmitterOptions): void {
  const target = this;
  if (target === undefined || target === null) throw new TypeError('EventEmitter: call it with new, or on an object: EventEmitter.call(this)');
  const proto = Object.getPrototypeOf(target) as Partial<State> | null;
  if (target._events === undefined || target._events === proto?._events) {
    target._events = newEvents();
    target._eventsCount = 0;
  }
  target._maxListeners = target._maxListeners || undefined;
  target[kEmitting] = 0;
  const capture = options?.captureRejections;
  if (capture) {
    checkBoolean(capture, 'options.captureRejections');
    target[kCapture] = capture;
  } else {
    target[kCapture] = prototype[kCapture];
  }
}

const prototype = EventEmitterFunction.prototype as Prototype;
// Plain assignments, as in Node: enumerable, so mixins that copy the prototype's keys get every method.
prototype._events = undefined;
prototype._eventsCount = 0;
prototype._maxListeners = undefined;
prototype[kCapture] = false;
prototype.setMaxListeners = setMaxListeners;
prototype.getMaxListeners = getMaxListeners;
prototype.emit = emit as State['emit'];
prototype.addListener = addListener;
prototype.on = addListener;
prototype.prependListener = prependListener;
prototype.once = once;
prototype.prependOnceListener = prependOnceListener;
prototype.removeListener = removeListener;
prototype.off = removeListener;
prototype.removeAllListeners = removeAllListeners;
prototype.listeners = listeners;
prototype.rawListeners = rawListeners;
prototype.listenerCount = listenerCount;
prototype.eventNames = eventNames;

Object.defineProperty(EventEmitterFunction, 'name', { value: 'EventEmitter' });
Object.defineProperties(EventEmitterFunction, {
  defaultMaxListeners: {
    enumerable: true,
    get: () => defaults.maxListeners,
    set(value: unknown) {
      checkLimit(value, 'defaultMaxListeners');
      defaults.maxListeners = value;
    },
  },
  captureRejections: {
    enumerable: true,
    get: () => prototype[kCapture],
    set(value: unknown) {
      checkBoolean(value, 'EventEmitter.captureRejections');
      prototype[kCapture] = value;
    },
  },
  errorMonitor: { enumerable: true, value: errorMonitor },
  captureRejectionSymbol: { enumerable: true, value: captureRejectionSymbol },
  EventEmitter: { enumerable: true, value: EventEmitterFunction },
  listenerCount: {
    enumerable: true,
    writable: true,
    value(emitter: CountsListeners, eventName: string | symbol): number {
      return typeof emitter.listenerCount === 'function' ? emitter.listenerCount(eventName) : listenerCount.call(emitter as unknown as State, eventName);
    },
  },
});

/**
 * An event emitter with the API and behaviour of Node's `EventEmitter`,
 * typed by a map of event names to argument tuples:
 * `new EventEmitter<{ data: [chunk: string]; error: [Error] }>()`. Use it
 * with `new`, `extends`, `EventEmitter.call(this)` or `util.inherits`.
 */
export const EventEmitter = EventEmitterFunction as unknown as EventEmitterConstructor;
/** An emitter typed by `Events`. */

export default EventEmitter;
