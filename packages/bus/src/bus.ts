import type { Subscription } from '@mesh/signals';
import { describeValue, requireFunction } from '@mesh/signals/internal';
import { BusClosedError } from './errors.js';
import type { Event, EventId, EventOf } from './event.js';
import { type EventMetadata, type EventSpec, type EventTypes, type MetadataOf, specsOf } from './events.js';
import type { HistoryFilter } from './hub/history.js';
import type { EventStream } from './hub/stream.js';
import type { Handler } from './hub/subscribers.js';
import { type Instrumentation, checkInstrumentation } from './instrumentation.js';
import { BusLevel } from './level.js';
import {
  type EventBusOptions,
  type PluginOptions,
  type PublishOptions,
  type StreamFilter,
  type StreamOptions,
  type SubscribeOptions,
  type WaitForOptions,
  checkBusOptions,
  checkHistoryFilter,
  checkPluginOptions,
} from './options.js';
import type { Guard } from './writer/guards.js';
import type { Middleware } from './writer/middleware.js';
import { streamOn } from './stream-on.js';
import { waitOn } from './wait-for.js';
import { Settlement } from './writer/settlement.js';
import { Writer } from './writer/writer.js';
import { limitsOf, settingsOf } from './defaults.js';

/** The arguments after the type: `(data, options?)`, where data may be left out when the payload is `void`. */
export type PublishArgs<T, Meta extends object = EventMetadata> = [T] extends [void]
  ? [data?: T, options?: PublishOptions<Meta>]
  : [data: T, options?: PublishOptions<Meta>];

/** Constructor option (never public) by which a tree hands a bus the level it is (see `tree.ts`). */
export const LEVEL = Symbol('level');

/** Reads a bus's level (set in the class's static block). */
let levelOfBus: (bus: object) => BusLevel;

/** The level of a bus, for the tree seam in `tree.ts`. */
export function levelOf(bus: object): BusLevel {
  return levelOfBus(bus);
}

/**
 * A typed event bus: services `subscribe(EventType.X, handler)` and
 * `publish(EventType.X, data)`. Every event passes guards, schema and
 * middleware in its bus's writer, gets its `seq`, is stored in a bounded
 * history and then delivered, frozen, to every handler, in publish order.
 * A failing handler never stops the others: the bus publishes `HANDLER_ERROR`.
 *
 * An `EventBus` is one level of a tree: standalone, a tree of one; in
 * `@mesh/scoped`, each `ScopedEventBus` has one (`scoped.bus`), and its
 * middleware and guards reach the buses below it.
 *
 * @typeParam M - the payload map of the bus's registry (`{ X: payloadOfX }`).
 */
export class EventBus<M> {
  readonly #level: BusLevel;

  static {
    levelOfBus = (bus) => (bus as EventBus<never>).#level;
  }

  /** Creates a bus for the event types of a registry made by `defineEvents`. */
  constructor(types: EventTypes<M>, options: EventBusOptions = {}) {
    const specs = specsOf(types, 'EventBus');
    checkBusOptions(options, 'EventBus');
    const attach = (options as { [LEVEL]?: (specs: ReadonlyMap<string, EventSpec>) => BusLevel })[LEVEL];
    this.#level = attach !== undefined ? attach(specs) : new BusLevel(specs, settingsOf(options), new Writer(limitsOf(options)));
  }

  /**
   * Calls `handler` with every event of `type`. Throws `UnknownEventTypeError`
   * for a type the registry does not hold.
   *
   * @returns a token: call or dispose it to unsubscribe.
   */
  subscribe<K extends keyof M & string>(type: K, handler: (event: EventOf<M, K>) => unknown, options?: SubscribeOptions<M[K]>): Subscription {
    const where = 'EventBus.subscribe';
    const entry = this.#level.entry(type, where);
    this.#assertOpen(where);
    return this.#level.hub.subscribe(entry.subscribers, handler as Handler, options as SubscribeOptions<never>, where);
  }

  /** Calls `handler` with every event of every type (after that type's own subscribers). */
  subscribeAll(handler: (event: EventOf<M>) => unknown, options?: SubscribeOptions<unknown>): Subscription {
    const where = 'EventBus.subscribeAll';
    this.#assertOpen(where);
    return this.#level.hub.subscribe(undefined, handler as Handler, options as SubscribeOptions<never>, where);
  }

  /**
   * Publishes an event and returns its id. Guards and the schema check run
   * now: a rejection throws here, and nothing is stored or delivered. With
   * only synchronous middleware (or none) the event is stored and delivered
   * before `publish` returns, unless it is published from inside a handler:
   * then it is delivered right after the current event has reached every
   * handler. Errors of asynchronous steps go to `onError`; use
   * {@link publishAsync} to get them as a rejection.
   */
  publish<K extends keyof M & string>(type: K, ...args: PublishArgs<M[K], MetadataOf<M>>): EventId;
  // Plain parameters: a rest parameter would build an array on every publish.
  publish(type: string, data?: unknown, options?: PublishOptions<MetadataOf<M>>): EventId {
    return this.#level.writer.publish(this.#level, type, data, options, undefined, 'EventBus.publish');
  }

  /**
   * Publishes like {@link publish}, and resolves with the event id once async
   * middleware has run and the promises of async handlers have settled (a
   * dropped event resolves too). Rejects when a guard, the schema or a
   * middleware refuses the event.
   */
  publishAsync<K extends keyof M & string>(type: K, ...args: PublishArgs<M[K], MetadataOf<M>>): Promise<EventId>;
  publishAsync(type: string, data?: unknown, options?: PublishOptions<MetadataOf<M>>): Promise<EventId> {
    return new Promise<EventId>((resolve, reject) => {
      this.#level.writer.publish(this.#level, type, data, options, new Settlement(resolve, reject), 'EventBus.publish');
    });
  }

  /**
   * Stores and delivers an event made elsewhere (another process, a
   * transport): keeps its id and fields, stamps this bus's `seq`, runs the
   * schema check and guards but not middleware, and returns the stored event.
   */
  ingest(event: Event): Event {
    return this.#level.writer.ingest(this.#level, event, 'EventBus.ingest');
  }

  /**
   * Hands an error to this bus's `onError` (as the bus does with its own
   * asynchronous failures): for transports and plugins that work beside the
   * bus, such as @mesh/redis. An `onError` that throws is logged, never rethrown.
   */
  reportError(error: unknown, context: { event?: Event } = {}): void {
    this.#level.report(error, context);
  }

  /**
   * Adds a middleware at the end of this bus's chain. It gets an immer draft
   * of each event; see {@link Middleware}. In a tree it applies to the events
   * of this bus's descendants too, after their ancestors' middleware and
   * before their own (`{ scope: 'local' }`: this bus's events only).
   * Returns its remover.
   */
  addMiddleware(middleware: Middleware<M>, options?: PluginOptions): () => void {
    const where = 'EventBus.addMiddleware';
    requireFunction(middleware, where, 'middleware');
    return this.#level.plugins.addMiddleware(middleware as Middleware, checkPluginOptions(options, where));
  }

  /**
   * Adds a guard: it sees each event before middleware and rejects it by
   * returning a reason (`EventRejectedError`). In a tree it guards the events
   * of this bus's descendants too, ancestors' guards first (`{ scope: 'local' }`:
   * this bus's events only). Returns its remover.
   */
  addGuard(guard: Guard, options?: PluginOptions): () => void {
    const where = 'EventBus.addGuard';
    requireFunction(guard, where, 'guard');
    return this.#level.plugins.addGuard(guard, checkPluginOptions(options, where));
  }

  /**
   * Adds an instrumentation (tracing, metrics, logging): its `publish` hook
   * runs at each publish in the publisher's context, its watch hears whether
   * the event was stored or refused, and its `handle` hook runs around every
   * handler call; see {@link Instrumentation}. In a tree it covers this bus
   * and its descendants, children created later included (`{ scope: 'local' }`:
   * this bus only). Returns its remover; after it the bus runs as without it.
   */
  addInstrumentation(instrumentation: Instrumentation, options?: PluginOptions): () => void {
    const where = 'EventBus.addInstrumentation';
    checkInstrumentation(instrumentation, where);
    return this.#level.plugins.addInstrumentation(instrumentation, checkPluginOptions(options, where));
  }

  /**
   * A live stream of the events that match `filter`, as an async iterator:
   * `for await (const event of bus.stream({ runId, visibility: 'public' }))`.
   * A slow reader never slows publishers: past `bufferSize` queued events the
   * oldest non-terminal one is dropped (counted in `stream.dropped`).
   */
  stream<K extends keyof M & string = keyof M & string>(filter: StreamFilter<K> = {}, options: StreamOptions = {}): EventStream<EventOf<M, K>> {
    return streamOn(this.#level, filter, options, undefined, 'EventBus.stream');
  }

  /**
   * The first event of `type` delivered after this call that passes
   * `options` (`filter`, `runId`, `lane`, `visibility`); with `sinceSeq: N`,
   * first the oldest matching event history holds above seq N, with no gap
   * before the live ones. Rejects with a `TimeoutError` after `timeout`
   * ms, with `signal.reason` on abort, with `BusClosedError` when the bus
   * closes, or with a throwing filter's error. It leaves no subscription behind.
   */
  waitFor<K extends keyof M & string>(type: K, options?: WaitForOptions<M[K]>): Promise<EventOf<M, K>> {
    return waitOn(this.#level, type, options as WaitForOptions<never>, undefined, 'EventBus.waitFor') as Promise<EventOf<M, K>>;
  }

  /** The `laneSeq` the next event published with this `runId` (and `lane`) will get. */
  nextSeq(runId: string, lane?: string): number {
    if (typeof runId !== 'string') throw new TypeError(`EventBus.nextSeq: runId must be a string, got ${describeValue(runId)}`);
    if (lane !== undefined && typeof lane !== 'string') throw new TypeError(`EventBus.nextSeq: lane must be a string, got ${describeValue(lane)}`);
    return this.#level.writer.nextLaneSeq(runId, lane);
  }

  /** The stored events that match `filter`, oldest first: a snapshot later publishes do not change. */
  history<K extends keyof M & string = keyof M & string>(filter: HistoryFilter<K> = {}): readonly EventOf<M, K>[] {
    checkHistoryFilter(filter, 'EventBus.history', (type, at) => this.#level.entry(type, at));
    return this.#level.hub.history.query(filter) as EventOf<M, K>[];
  }

  /** The stored events of a run, lane or type since a `seq`, oldest first, to catch up before following live events. */
  replay<K extends keyof M & string = keyof M & string>(filter: Omit<HistoryFilter<K>, 'limit'> = {}): readonly EventOf<M, K>[] {
    checkHistoryFilter(filter, 'EventBus.replay', (type, at) => this.#level.entry(type, at));
    return this.#level.hub.history.query({ ...filter, limit: undefined }) as EventOf<M, K>[];
  }

  /** The event types this bus knows (its registry's, `HANDLER_ERROR` included), with their specs: terminal, visibility, doc. */
  get eventTypes(): ReadonlyMap<string, EventSpec> {
    const specs = new Map<string, EventSpec>();
    for (const entry of this.#level.entries()) specs.set(entry.name, entry.spec);
    return specs;
  }

  /** Number of events in history. */
  get historySize(): number {
    return this.#level.hub.history.size;
  }

  /**
   * The `seq` of the newest event history has evicted (0 while it has evicted
   * none): a consumer resuming after seq `N < evictedSeq` has missed events
   * `N + 1 ... evictedSeq` that history can no longer replay.
   */
  get evictedSeq(): number {
    return this.#level.hub.history.evictedSeq;
  }

  /** A short random token fixed for the life of the bus (of its tree): with `seq`, an event's place across restarts. */
  get epoch(): string {
    return this.#level.writer.epoch;
  }

  /** Number of live subscriptions. */
  get subscriberCount(): number {
    return this.#level.hub.subscriberCount;
  }

  /** `true` once {@link close} was called (on this bus, or, in a tree, on an ancestor). */
  get closed(): boolean {
    return this.#level.closed;
  }

  /**
   * Closes the bus (in a tree, with its descendants): every subscription ends,
   * publishes still waiting for async steps are dropped (reported as
   * `BusClosedError`), and `publish` throws `BusClosedError` from now on.
   */
  close(): void {
    this.#level.close();
  }

  #assertOpen(where: string): void {
    if (this.#level.closed) throw new BusClosedError(`${where}: the bus is closed`);
  }
}
