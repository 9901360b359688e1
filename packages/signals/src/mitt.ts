/**
 * A drop-in for mitt 3: change `import mitt from 'mitt'` to
 * `import mitt from '@mesh/signals/mitt'`. Same factory, same types, same
 * behaviour: `all` is the emitter's only state, and it is the very `Map`
 * you pass in (`mitt(map).all === map`), so handlers put into it, or into
 * its arrays, by any means are called by the next `emit`. Type handlers get
 * `(event)`, then `'*'` handlers get `(type, event)`, each list on a snapshot
 * taken when its turn comes.
 *
 * @packageDocumentation
 */

/** An event name: any string (case kept) or symbol. */
export type EventType = string | symbol;

/** A handler of one event type: called with the event only. */
export type Handler<T = unknown> = (event: T) => void;

/** A handler of every event type (`'*'`): called with the type and the event. */
export type WildcardHandler<T = Record<string, unknown>> = (type: keyof T, event: T[keyof T]) => void;

/** The handlers of one event type, in call order. */
export type EventHandlerList<T = unknown> = Array<Handler<T>>;

/** The `'*'` handlers, in call order. */
export type WildCardEventHandlerList<T = Record<string, unknown>> = Array<WildcardHandler<T>>;

/** Event type (or `'*'`) to its handlers: the emitter's whole state. */
export type EventHandlerMap<Events extends Record<EventType, unknown>> = Map<
  keyof Events | '*',
  EventHandlerList<Events[keyof Events]> | WildCardEventHandlerList<Events>
>;

/** What {@link mitt} returns. */
export interface Emitter<Events extends Record<EventType, unknown>> {
  /** Event type (or `'*'`) to its handlers; change it freely: `emit` reads it every time. */
  all: EventHandlerMap<Events>;
  /** Appends a handler for a type, or for every type with `'*'` (the same handler twice is called twice). */
  on<Key extends keyof Events>(type: Key, handler: Handler<Events[Key]>): void;
  on(type: '*', handler: WildcardHandler<Events>): void;
  /** Removes the first registration of `handler`, or, without a handler, every handler of the type. */
  off<Key extends keyof Events>(type: Key, handler?: Handler<Events[Key]>): void;
  off(type: '*', handler: WildcardHandler<Events>): void;
  /** Calls the type's handlers with the event, then the `'*'` handlers with the type and the event. */
  emit<Key extends keyof Events>(type: Key, event: Events[Key]): void;
  emit<Key extends keyof Events>(type: undefined extends Events[Key] ? Key : never): void;
}

/** A handler as `emit` calls it: one argument for a type's list, two for the `'*'` list. */
type Call = (first: unknown, second?: unknown) => void;

/** The lists as the functions below see them: any key, arrays of callables. */
type Lists = Map<unknown, Call[] | undefined>;

/**
 * The last snapshot taken and the list it was taken from. `emit` reuses it
 * while the list still holds the same handlers in the same order (checked
 * element by element), so a steady emitter copies nothing; a changed list
 * gets a fresh copy, and a copy is never changed once handed out, so an
 * emit further up the stack keeps its own.
 */
interface SnapshotCache {
  list: Call[] | undefined;
  copy: Call[];
}

/** `list` as it is now: the cached copy when it still matches, else a new one. */
function snapshot(list: Call[], cache: SnapshotCache): Call[] {
  const copy = cache.copy;
  const n = list.length;
  if (cache.list === list && copy.length === n) {
    let i = 0;
    while (i < n && copy[i] === list[i]) i++;
    if (i === n) return copy;
  }
  cache.list = list;
  return (cache.copy = list.slice());
}

/**
 * Creates a mitt emitter. With `all`, that very map is the emitter's state:
 * `emitter.all === all`, and its handlers are called from the first `emit`.
 */
export default function mitt<Events extends Record<EventType, unknown>>(all?: EventHandlerMap<Events>): Emitter<Events> {
  const map = (all || new Map()) as EventHandlerMap<Events>;
  const lists = map as unknown as Lists;
  const typeCache: SnapshotCache = { list: undefined, copy: [] };
  const starCache: SnapshotCache = { list: undefined, copy: [] };
  return {
    all: map,
    on(type: unknown, handler: Call) {
      const list = lists.get(type);
      if (list) list.push(handler);
      else lists.set(type, [handler]);
    },
    off(type: unknown, handler?: Call) {
      const list = lists.get(type);
      if (!list) return;
      if (handler) {
        const at = list.indexOf(handler);
        if (at !== -1) list.splice(at, 1);
      } else {
        lists.set(type, []);
      }
    },
    emit(type: unknown, event?: unknown) {
      let list = lists.get(type);
      if (list) {
        const n = list.length;
        if (n === 1) {
          const only = list[0]!;
          only(event);
        } else if (n > 1) {
          const copy = snapshot(list, typeCache);
          for (let i = 0; i < n; i++) {
            const handler = copy[i]!;
            handler(event);
          }
        }
      }
      // Read after the type's handlers ran, as mitt does: a '*' handler they added is called too.
      list = lists.get('*');
      if (list) {
        const n = list.length;
        if (n === 1) {
          const only = list[0]!;
          only(type, event);
        } else if (n > 1) {
          const copy = snapshot(list, starCache);
          for (let i = 0; i < n; i++) {
            const handler = copy[i]!;
            handler(type, event);
          }
        }
      }
    },
  } as Emitter<Events>;
}

export { mitt };
