import type { Event, EventFields } from '../event.js';
import type { EventSpec } from '../events.js';
import type { Hub } from '../hub/hub.js';
import type { SubscriberList } from '../hub/subscriber-list.js';
import type { Instrumentation } from '../instrumentation.js';
import type { Middleware } from './middleware.js';
import type { Chains, PluginSet } from './plugins.js';
import type { SerialQueue } from './queue.js';
import type { Settlement } from './settlement.js';
import type { DeliveryTarget } from './timeline.js';
import type { Watches } from './watches.js';

/** What the writer knows of one bus (one level of a tree). */
export interface Level {
  /** Stamped as `event.scope` on the events published here; `undefined` on a standalone bus. */
  readonly path: string | undefined;
  readonly closed: boolean;
  /** The publishes of this bus waiting for async steps, in publish order. */
  readonly queue: SerialQueue<PendingPublish>;
  readonly plugins: PluginSet;
  /** The instrumentations covering this bus, root first: its ancestors' tree-wide ones, then its own. */
  readonly instrumentations: readonly Instrumentation[];
  /** The entry of a type this bus knows; `UnknownEventTypeError` naming `where` for others. */
  entry(type: unknown, where: string): TypeEntry;
  /** Hands an error to this bus's `onError`. */
  report(error: unknown, context: { event?: Event; handler?: Function }): void;
}

/** One event type at one level. */
export interface TypeEntry {
  readonly name: string;
  readonly spec: EventSpec;
  readonly level: Level;
  readonly hub: Hub;
  /** This level's subscribers of the type. */
  readonly subscribers: SubscriberList;
  /** The levels an event of this type published here reaches: this one, then each ancestor that knows the type (set once, when the entry is made). */
  route: Route;
  /** This level alone, for `propagate: false` (set once, when the entry is made). */
  local: Route;
  /** The guards and middleware of `route`, root first, as of `chainsVersion`. */
  chains: Chains;
  chainsVersion: number;
}

/** A publish waiting for its bus's queue: async validation, middleware, then commit. */
export interface PendingPublish {
  readonly entry: TypeEntry;
  readonly route: Route;
  readonly fields: EventFields;
  /** `true` when nothing outside the writer has seen `fields`, so it can become the event itself. */
  readonly owned: boolean;
  readonly middleware: readonly Middleware[];
  readonly validation: Promise<unknown> | undefined;
  readonly depth: number;
  readonly settlement: Settlement | undefined;
  /** The instrumentations following this publish, told its outcome. */
  readonly watches: Watches | undefined;
  /** Set by its first outcome (committed, dropped, failed or timed out): later ones are ignored. */
  finished: boolean;
}

/** The levels one event reaches, origin first: it is recorded at each, then delivered at each, in that order. */
export interface Route extends DeliveryTarget {
  /** The levels, origin first. */
  readonly entries: readonly TypeEntry[];
  /** Appends the event to the history of every open level. */
  record(event: Event): void;
}

/**
 * The route of an event that stays on the bus it was published on (a
 * standalone bus, a type no ancestor knows, `propagate: false`): one level's
 * record and dispatch with no loop, which the commonest publish measures
 * faster through than a {@link TreeRoute} of one.
 */
export class LevelRoute implements Route {
  readonly entries: readonly TypeEntry[];
  readonly #entry: TypeEntry;

  constructor(entry: TypeEntry) {
    this.#entry = entry;
    this.entries = [entry];
  }

  /** Appends the event to the level's history, unless it is closed. */
  record(event: Event): void {
    const entry = this.#entry;
    if (!entry.level.closed) entry.hub.history.append(event);
  }

  /** Calls the level's handlers, unless it is closed. */
  dispatch(event: Event): void {
    const entry = this.#entry;
    if (!entry.level.closed) entry.hub.emit(entry.subscribers, event);
  }
}

/** The route of an event that goes up a tree: its own level, then each ancestor that knows its type. */
export class TreeRoute implements Route {
  constructor(readonly entries: readonly TypeEntry[]) {}

  /** Appends the event to the history of every open level. */
  record(event: Event): void {
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (!entry.level.closed) entry.hub.history.append(event);
    }
  }

  /** Calls the handlers of every open level, origin first. */
  dispatch(event: Event): void {
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (!entry.level.closed) entry.hub.emit(entry.subscribers, event);
    }
  }
}
