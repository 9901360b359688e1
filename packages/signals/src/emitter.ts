/**
 * An EventEmitter-style facade on `@mesh/signals`, for code written against
 * Node's `EventEmitter`: `on`, `once`, `off`/`removeListener`,
 * `prependListener`, `emit` (returns whether anyone listened),
 * `listenerCount`, `removeAllListeners`, and the `'error'` rule. Node's
 * `events.once(emitter, name)` and `events.on(emitter, name)` work with it.
 *
 * @packageDocumentation
 */
import { Signal } from './signal.js';
import { describe } from './validate.js';

/** Event name to the arguments its listeners get. */
export type EventArgsMap = Record<string | symbol, unknown[]>;

/** A listener of event `K`. */
export type Listener<Events extends EventArgsMap, K extends keyof Events> = (...args: Events[K]) => void;

/** One registration: the listener, and the receiver connected for it. */
interface Registration {
  readonly listener: Function;
  readonly receiver: (sender: unknown, args: unknown[]) => void;
  readonly once: boolean;
}

/** One event name's listeners: the registrations in call order, and the signal that calls them. */
interface Channel {
  readonly signal: Signal<unknown[], unknown, void>;
  readonly registrations: Registration[];
}

/**
 * An event emitter in the style of Node's `EventEmitter`, typed by a map of
 * event names to argument tuples. Listeners run in order with the emitter
 * as `this`; a listener registered during an emit runs from the next emit.
 */
export class EventEmitter<Events extends EventArgsMap = EventArgsMap> {
  readonly #channels = new Map<keyof Events, Channel>();

  /** Adds a listener at the end. */
  on<K extends keyof Events>(name: K, listener: Listener<Events, K>): this {
    return this.#add(name, listener, false, false, 'on');
  }

  /** Same as {@link on}. */
  addListener<K extends keyof Events>(name: K, listener: Listener<Events, K>): this {
    return this.#add(name, listener, false, false, 'addListener');
  }

  /** Adds a listener removed right before its first call. */
  once<K extends keyof Events>(name: K, listener: Listener<Events, K>): this {
    return this.#add(name, listener, true, false, 'once');
  }

  /** Adds a listener at the front. */
  prependListener<K extends keyof Events>(name: K, listener: Listener<Events, K>): this {
    return this.#add(name, listener, false, true, 'prependListener');
  }

  /** Adds a one-time listener at the front. */
  prependOnceListener<K extends keyof Events>(name: K, listener: Listener<Events, K>): this {
    return this.#add(name, listener, true, true, 'prependOnceListener');
  }

  /** Removes the most recently added registration of `listener`. */
  removeListener<K extends keyof Events>(name: K, listener: Listener<Events, K>): this {
    requireListener(listener, 'removeListener');
    const channel = this.#channels.get(name);
    if (channel === undefined) return this;
    const { registrations } = channel;
    for (let i = registrations.length - 1; i >= 0; i--) {
      if (registrations[i]!.listener !== (listener as Function)) continue;
      this.#drop(name, channel, i);
      break;
    }
    return this;
  }

  /** Same as {@link removeListener}. */
  off<K extends keyof Events>(name: K, listener: Listener<Events, K>): this {
    return this.removeListener(name, listener);
  }

  /** Removes every listener of `name`, or of every name. */
  removeAllListeners(name?: keyof Events): this {
    const names = name === undefined ? [...this.#channels.keys()] : [name];
    for (const each of names) {
      const channel = this.#channels.get(each);
      if (channel === undefined) continue;
      channel.signal.disconnectAll();
      this.#channels.delete(each);
    }
    return this;
  }

  /**
   * Calls every listener of `name` with `args`; returns `true` if there was
   * one. Emitting `'error'` with no listener throws the error.
   */
  emit<K extends keyof Events>(name: K, ...args: Events[K]): boolean {
    const channel = this.#channels.get(name);
    if (channel === undefined) {
      if (name === 'error') throw unhandled(args[0]);
      return false;
    }
    channel.signal.emit(undefined, args);
    return true;
  }

  /** Number of listeners of `name` (optionally: registrations of one listener). */
  listenerCount<K extends keyof Events>(name: K, listener?: Listener<Events, K>): number {
    const registrations = this.#channels.get(name)?.registrations ?? [];
    return listener === undefined ? registrations.length : registrations.filter((r) => r.listener === (listener as Function)).length;
  }

  /** The listeners of `name`, in call order. */
  listeners<K extends keyof Events>(name: K): Array<Listener<Events, K>> {
    return (this.#channels.get(name)?.registrations ?? []).map((r) => r.listener as unknown as Listener<Events, K>);
  }

  /** The listeners of `name` as registered (the same as {@link listeners}: one-time listeners are not wrapped). */
  rawListeners<K extends keyof Events>(name: K): Array<Listener<Events, K>> {
    return this.listeners(name);
  }

  /** Accepted for compatibility; there is no listener limit, so no leak warning either. */
  setMaxListeners(_count: number): this {
    return this;
  }

  /** Always `Infinity`: there is no listener limit. */
  getMaxListeners(): number {
    return Number.POSITIVE_INFINITY;
  }

  /** The names that have listeners. */
  eventNames(): Array<keyof Events> {
    return [...this.#channels.keys()];
  }

  #add(name: keyof Events, listener: Function, once: boolean, prepend: boolean, where: string): this {
    requireListener(listener, where);
    let channel = this.#channels.get(name);
    if (channel === undefined) this.#channels.set(name, (channel = { signal: new Signal<unknown[], unknown, void>(), registrations: [] }));
    const call = listener as unknown as (this: unknown, ...args: unknown[]) => void;
    const registration: Registration = {
      listener,
      once,
      receiver: once
        ? (_sender, args) => {
            const at = channel.registrations.indexOf(registration);
            if (at !== -1) this.#drop(name, channel, at);
            call.apply(this, args);
          }
        : (_sender, args) => call.apply(this, args),
    };
    if (prepend) {
      channel.registrations.unshift(registration);
      // Signals only append: reconnect every listener behind the new first one (rare, O(listeners)).
      channel.signal.disconnectAll();
      for (const each of channel.registrations) channel.signal.connect(each.receiver);
    } else {
      channel.registrations.push(registration);
      channel.signal.connect(registration.receiver);
    }
    return this;
  }

  #drop(name: keyof Events, channel: Channel, at: number): void {
    const [registration] = channel.registrations.splice(at, 1);
    channel.signal.disconnect(registration!.receiver);
    if (channel.registrations.length === 0 && this.#channels.get(name) === channel) this.#channels.delete(name);
  }
}

function requireListener(listener: unknown, where: string): void {
  if (typeof listener !== 'function') throw new TypeError(`EventEmitter.${where}: listener must be a function, got ${describe(listener)}`);
}

/** The error thrown when `'error'` is emitted with no listener: the error itself, or one that carries it. */
function unhandled(error: unknown): unknown {
  if (error instanceof Error) return error;
  return Object.assign(new Error(`Unhandled error. (${describe(error)})`), { context: error });
}
