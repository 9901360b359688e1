/**
 * The public types of the EventEmitter drop-in: an emitter typed by a map
 * of event names to argument tuples, and its constructor.
 */
import type { errorMonitor } from './emitter-state.js';

/** Event name to the arguments its listeners get. */
export type EventArgsMap = Record<string | symbol, unknown[]>;

/** Any listener, as `'newListener'` and `'removeListener'` report it. */
export type AnyListener = (...args: never[]) => unknown;

/** The arguments `'error'` listeners get: the map's own, else one error of any kind. */
export type ErrorArgs<Events> = Events extends { error: infer A extends unknown[] } ? A : [error: unknown];

/**
 * The events every emitter has besides its map's: `'newListener'` (before
 * a listener is added), `'removeListener'` (after one is removed), and the
 * {@link errorMonitor} symbol (sees every `'error'` first).
 */
export interface OwnEvents<Events> {
  newListener: [eventName: string | symbol, listener: AnyListener];
  removeListener: [eventName: string | symbol, listener: AnyListener];
  [errorMonitor]: ErrorArgs<Events>;
}

/** Every event of an emitter typed by `Events`: the map's, and its own events where the map does not define them. */
export type EventMap<Events extends EventArgsMap> = Omit<OwnEvents<Events>, keyof Events> & Events;

/** An event name of an emitter typed by `Events`. */
export type EventName<Events extends EventArgsMap> = keyof EventMap<Events>;

/** The arguments of event `K`. */
export type EventArgs<Events extends EventArgsMap, K extends EventName<Events>> = EventMap<Events>[K] extends infer A extends unknown[] ? A : never;

/** A listener of event `K`. */
export type Listener<Events extends EventArgsMap, K extends EventName<Events>> = (...args: EventArgs<Events, K>) => void;

/** A listener as `rawListeners` returns it: a once-wrapper carries the listener it calls in `listener`. */
export type RawListener<Events extends EventArgsMap, K extends EventName<Events>> = Listener<Events, K> & { listener?: Listener<Events, K> };

/** Options of `new EventEmitter(options)`. */
export interface EventEmitterOptions {
  /** Route the rejections of promises that listeners return to `'error'` (or the `Symbol.for('nodejs.rejection')` method). Default: `EventEmitter.captureRejections`. */
  captureRejections?: boolean;
}

/** Anything with an emitter's `listenerCount`, for the static `EventEmitter.listenerCount`. */
export interface CountsListeners {
  listenerCount(eventName: string | symbol): number;
}
