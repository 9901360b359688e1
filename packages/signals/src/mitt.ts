/**
 * A drop-in for mitt on `@mesh/signals`: change `import mitt from 'mitt'` to
 * `import mitt from '@mesh/signals/mitt'`. Same factory, same `Emitter`
 * shape and types, same behaviour: handlers in registration order (type
 * handlers, then `'*'` handlers with `(type, event)`), a snapshot per emit,
 * `off(type)` removing every handler of a type, and `all` as the live map
 * of handlers.
 *
 * @packageDocumentation
 */
import { Signal } from './signal.js';
import type { Receiver } from './types.js';

/** An event name. */
export type EventType = string | symbol;

/** A handler of one event type. */
export type Handler<T = unknown> = (event: T) => void;

/** A handler of every event type, called with the type and the event. */
export type WildcardHandler<T = Record<string, unknown>> = (type: keyof T, event: T[keyof T]) => void;

/** The handlers of one event type, in call order. */
export type EventHandlerList<T = unknown> = Array<Handler<T>>;

/** The `'*'` handlers, in call order. */
export type WildCardEventHandlerList<T = Record<string, unknown>> = Array<WildcardHandler<T>>;

/** Event type (or `'*'`) to its handlers. */
export type EventHandlerMap<Events extends Record<EventType, unknown>> = Map<
  keyof Events | '*',
  EventHandlerList<Events[keyof Events]> | WildCardEventHandlerList<Events>
>;

/** What {@link mitt} returns. */
export interface Emitter<Events extends Record<EventType, unknown>> {
  /** Event type (or `'*'`) to its handlers: `all.clear()` removes every handler. */
  all: EventHandlerMap<Events>;
  /** Registers a handler for a type, or for every type with `'*'`. */
  on<Key extends keyof Events>(type: Key, handler: Handler<Events[Key]>): void;
  on(type: '*', handler: WildcardHandler<Events>): void;
  /** Removes one registration of a handler, or every handler of the type when no handler is given. */
  off<Key extends keyof Events>(type: Key, handler?: Handler<Events[Key]>): void;
  off(type: '*', handler: WildcardHandler<Events>): void;
  /** Calls the type's handlers with the event, then the `'*'` handlers with the type and the event. */
  emit<Key extends keyof Events>(type: Key, event: Events[Key]): void;
  emit<Key extends keyof Events>(type: undefined extends Events[Key] ? Key : never): void;
}

type AnyHandler = (...args: never[]) => void;
type Dispatch = Receiver<unknown, unknown, unknown>;

/**
 * One event type's handlers: the list `all` shows, and the signal that calls
 * them. The signal is emitted with the event as its sender (and, for `'*'`,
 * the type as sender and the event as payload), so a handler is connected
 * as it is; a second registration of the same function gets a wrapper of its
 * own, because a signal connects a function once.
 */
class Slot {
  readonly signal = new Signal<unknown, unknown, unknown>();
  /** Parallel to the public list: the receiver connected for each registration. */
  readonly receivers: Dispatch[] = [];

  constructor(readonly handlers: AnyHandler[]) {
    for (const handler of handlers) this.#connect(handler);
  }

  add(handler: AnyHandler): void {
    this.handlers.push(handler);
    this.#connect(handler);
  }

  remove(handler: AnyHandler): void {
    const at = this.handlers.indexOf(handler);
    if (at === -1) return;
    this.signal.disconnect(this.receivers[at]!);
    this.handlers.splice(at, 1);
    this.receivers.splice(at, 1);
  }

  #connect(handler: AnyHandler): void {
    const direct = handler as unknown as Dispatch;
    const receiver: Dispatch = this.receivers.includes(direct) ? (sender, payload) => direct(sender, payload) : direct;
    this.receivers.push(receiver);
    this.signal.connect(receiver);
  }
}

/** The `all` map: a real Map whose `set`, `delete` and `clear` rewire the signals behind it. */
class HandlerMap<Events extends Record<EventType, unknown>> extends Map<
  keyof Events | '*',
  EventHandlerList<Events[keyof Events]> | WildCardEventHandlerList<Events>
> {
  readonly #slots = new Map<unknown, Slot>();

  /** The slot of a type, made on first use. */
  slot(type: unknown): Slot {
    let slot = this.#slots.get(type);
    if (slot === undefined) {
      slot = new Slot([]);
      this.#slots.set(type, slot);
      super.set(type as keyof Events, slot.handlers as EventHandlerList<Events[keyof Events]>);
    }
    return slot;
  }

  /** The signal of a type, if it has handlers. */
  signalOf(type: unknown): Signal<unknown, unknown, unknown> | undefined {
    return this.#slots.get(type)?.signal;
  }

  override set(type: keyof Events | '*', handlers: EventHandlerList<Events[keyof Events]> | WildCardEventHandlerList<Events>): this {
    this.#slots.get(type)?.signal.disconnectAll();
    this.#slots.set(type, new Slot(handlers as AnyHandler[]));
    return super.set(type, handlers);
  }

  override delete(type: keyof Events | '*'): boolean {
    this.#slots.get(type)?.signal.disconnectAll();
    this.#slots.delete(type);
    return super.delete(type);
  }

  override clear(): void {
    for (const slot of this.#slots.values()) slot.signal.disconnectAll();
    this.#slots.clear();
    super.clear();
  }
}

/**
 * Creates a mitt-compatible emitter. `all` may be an existing map of
 * handlers to start from (its entries are copied into the emitter's own
 * `all`).
 */
export default function mitt<Events extends Record<EventType, unknown>>(all?: EventHandlerMap<Events>): Emitter<Events> {
  const map = new HandlerMap<Events>();
  if (all !== undefined) for (const [type, handlers] of all) map.set(type, handlers);
  return {
    all: map,
    on(type: keyof Events | '*', handler: AnyHandler) {
      map.slot(type).add(handler);
    },
    off(type: keyof Events | '*', handler?: AnyHandler) {
      if (handler === undefined) {
        if (map.has(type)) map.set(type, []);
        return;
      }
      if (map.has(type)) map.slot(type).remove(handler);
    },
    emit(type: keyof Events, event?: Events[keyof Events]) {
      map.signalOf(type)?.emit(event);
      map.signalOf('*')?.emit(type, event);
    },
  } as Emitter<Events>;
}

export { mitt };
