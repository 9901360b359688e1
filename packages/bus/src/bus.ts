import { Signal, describeValue, requireFunction, type Subscription } from '@mesh/signals';
import { BusClosedError, UnknownEventTypeError } from './errors.js';
import { type Event, type EventFields, type EventId, type EventOf, NO_METADATA, copyMetadata, deepFreeze, sealEvent } from './event-object.js';
import { HANDLER_ERROR, type EventSpec, type EventTypes, type HandlerErrorPayload, specsOf } from './events.js';
import { HistoryRing, type HistoryFilter } from './history.js';
import { IdSource } from './ids.js';
import { foreignFields } from './foreign.js';
import { LaneCounters } from './lanes.js';
import {
  type EventBusOptions,
  type PublishOptions,
  type SubscribeOptions,
  checkBusOptions,
  checkHistoryFilter,
  checkPublishOptions,
  checkStream,
  checkSubscribeOptions,
  type StreamFilter,
  type StreamOptions,
} from './options.js';
import { type Guard, type Middleware, isThenable, runGuards, runMiddleware, validatePayload } from './pipeline.js';
import { SerialQueue } from './serial-queue.js';
import { type Handler, type HandlerHooks, receiverFor } from './subscribers.js';
import { type DeliveryTarget, Settlement, Timeline } from './timeline.js';
import { EventStream } from './stream.js';

/** One event type of the bus: its spec, and the signal its subscribers connect to. */
interface TypeEntry extends DeliveryTarget {
  readonly spec: EventSpec;
  readonly signal: Signal<Event>;
}

/** A publish waiting for the writer: async validation, middleware, then commit. */
interface PendingPublish {
  readonly fields: EventFields;
  /** `true` when nothing outside the bus has seen `fields`, so it can become the event itself. */
  readonly owned: boolean;
  readonly chain: readonly Middleware[];
  readonly validation: Promise<unknown> | undefined;
  readonly depth: number;
  readonly settlement: Settlement | undefined;
  readonly entry: TypeEntry;
  /** Whether the bus's relay (a tree's ancestors) gets the event too. */
  readonly propagate: boolean;
}

const NO_BUSES: readonly EventBus<unknown>[] = Object.freeze([]);

/** The arguments after the type: `(data, options?)`, where data may be left out when the payload is `void`. */
export type PublishArgs<T> = [T] extends [void] ? [data?: T, options?: PublishOptions] : [data: T, options?: PublishOptions];

/**
 * A typed event bus: services `subscribe(EventType.X, handler)` and
 * `publish(EventType.X, data)`. Every event passes guards, schema and
 * middleware in one writer section, gets its `seq`, is stored in a bounded
 * history and then delivered, frozen, to every handler, in publish order.
 * A failing handler never stops the others: the bus publishes `HANDLER_ERROR`.
 *
 * @typeParam M - the payload map of the bus's registry (`{ X: payloadOfX }`).
 */
export class EventBus<M> {
  readonly #types: ReadonlyMap<string, TypeEntry>;
  /** What `subscribeAll` handlers connect to. */
  readonly #everything = new Signal<Event>();
  readonly #history: HistoryRing;
  readonly #timeline: Timeline;
  /** Stamped as `event.scope` on the events this bus publishes. */
  readonly #scope: string | undefined;
  /** The other buses that record and deliver this bus's events (a bus tree's ancestors). */
  readonly #relay: ((event: Event) => readonly EventBus<unknown>[]) | undefined;
  readonly #ids = new IdSource();
  readonly #writer: SerialQueue<PendingPublish>;
  readonly #onError: NonNullable<EventBusOptions['onError']>;
  readonly #maxDepth: number;
  readonly #hooks: HandlerHooks;
  readonly #lanes = new LaneCounters();
  /** How to end each open stream's feed when the bus closes. */
  readonly #streamEnds = new Set<() => void>();
  #guards: readonly Guard[] = [];
  #middleware: readonly Middleware[] = [];
  #closed = false;
  /** The `publishAsync` whose event is being dispatched, if any. */
  #settlement: Settlement | undefined = undefined;

  /** Creates a bus for the event types of a registry made by `defineEvents`. */
  constructor(types: EventTypes<M>, options: EventBusOptions = {}) {
    const specs = specsOf(types, 'EventBus');
    checkBusOptions(options, 'EventBus');
    const entries = new Map<string, TypeEntry>();
    for (const [name, spec] of specs) {
      const signal = new Signal<Event>(spec.doc);
      // Each type is its own delivery target: the timeline hands an event straight to its signal.
      entries.set(name, { spec, signal, dispatch: (event, settlement) => this.#dispatch(signal, event, settlement) });
    }
    this.#types = entries;
    this.#history = new HistoryRing(options.historyLimit ?? 1000);
    this.#onError = options.onError ?? ((error, context) => console.error('@mesh/bus:', error, context));
    this.#maxDepth = options.maxPublishDepth ?? 64;
    this.#timeline = options.log === undefined ? new Timeline() : (options.log as Timeline);
    this.#scope = options.scope;
    this.#relay = options.relay as ((event: Event) => readonly EventBus<unknown>[]) | undefined;
    this.#writer = new SerialQueue(
      (item) => this.#process(item),
      (item, error) => this.#failed(item, error),
    );
    this.#hooks = {
      failed: (event, handler, error) => this.#handlerFailed(event, handler, error),
      returned: (promise, event, handler) => {
        const watched = Promise.resolve(promise).then(undefined, (error: unknown) => this.#handlerFailed(event, handler, error));
        this.#settlement?.add(watched);
      },
    };
  }

  /**
   * Calls `handler` with every event of `type`. Throws `UnknownEventTypeError`
   * for a type the registry does not hold.
   *
   * @returns a token: call or dispose it to unsubscribe.
   */
  subscribe<K extends keyof M & string>(
    type: K,
    handler: (event: Event<M[K]>) => unknown,
    options?: SubscribeOptions<M[K]>,
  ): Subscription {
    const entry = this.#entryFor(type, 'EventBus.subscribe');
    return this.#subscribe(entry.signal, handler as Handler, options as SubscribeOptions<never>, 'EventBus.subscribe');
  }

  /** Calls `handler` with every event of every type (after that type's own subscribers). */
  subscribeAll(handler: (event: EventOf<M>) => unknown, options?: SubscribeOptions<unknown>): Subscription {
    return this.#subscribe(this.#everything, handler as Handler, options as SubscribeOptions<never>, 'EventBus.subscribeAll');
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
  publish<K extends keyof M & string>(type: K, ...[data, options]: PublishArgs<M[K]>): EventId {
    return this.#publish(type, data, options, undefined);
  }

  /**
   * Publishes like {@link publish}, and resolves with the event id once async
   * middleware has run and the promises of async handlers have settled (a
   * dropped event resolves too). Rejects when a guard, the schema or a
   * middleware refuses the event.
   */
  publishAsync<K extends keyof M & string>(type: K, ...[data, options]: PublishArgs<M[K]>): Promise<EventId> {
    return new Promise<EventId>((resolve, reject) => {
      this.#publish(type, data, options, new Settlement(resolve, reject));
    });
  }

  /**
   * Stores and delivers an event made elsewhere (another process, a
   * transport): keeps its id and fields, stamps this bus's `seq`, runs the
   * schema check and guards but not middleware, and returns the stored event.
   */
  ingest(event: Event): Event {
    const where = 'EventBus.ingest';
    if (this.#closed) throw new BusClosedError(`${where}: the bus is closed`);
    const foreign = foreignFields(event, where, (type) => this.#entryFor(type, where).spec);
    const depth = this.#depthOfPublish(foreign.type, where);
    runGuards(this.#guards, Object.freeze(foreign));
    const entry = this.#types.get(foreign.type)!;
    let fields = foreign;
    if (entry.spec.schema !== undefined) {
      const checked = validatePayload(entry.spec, foreign.type, foreign.data);
      if (isThenable(checked)) throw new TypeError(`${where}: the schema of ${foreign.type} validates asynchronously, which ingest cannot wait for`);
      fields = { ...foreign, data: deepFreeze(checked) };
    }
    return this.#commit(entry, fields, false, depth, undefined, false, true);
  }

  /**
   * Hands an error to this bus's `onError` (as the bus does with its own
   * asynchronous failures): for transports and plugins that work beside the
   * bus, such as @mesh/redis. An `onError` that throws is logged, never rethrown.
   */
  reportError(error: unknown, context: { event?: Event } = {}): void {
    this.#report(error, context);
  }

  /**
   * Adds a middleware at the end of the chain. It gets an immer draft of each
   * event; see {@link Middleware}. Returns its remover.
   */
  addMiddleware(middleware: Middleware<M>): () => void {
    requireFunction(middleware, 'EventBus.addMiddleware', 'middleware');
    const added = middleware as Middleware;
    this.#middleware = [...this.#middleware, added];
    return once(() => (this.#middleware = without(this.#middleware, added)));
  }

  /**
   * Adds a guard: it sees each event before middleware and rejects it by
   * returning a reason (`EventRejectedError`). Returns its remover.
   */
  addGuard(guard: (event: Event) => string | undefined): () => void {
    requireFunction(guard, 'EventBus.addGuard', 'guard');
    this.#guards = [...this.#guards, guard];
    return once(() => (this.#guards = without(this.#guards, guard)));
  }

  /**
   * A live stream of the events that match `filter`, as an async iterator:
   * `for await (const event of bus.stream({ runId, visibility: 'public' }))`.
   * A slow reader never slows publishers: past `bufferSize` queued events the
   * oldest non-terminal one is dropped (counted in `stream.dropped`).
   */
  stream(filter: StreamFilter = {}, options: StreamOptions = {}): EventStream<EventOf<M>> {
    const where = 'EventBus.stream';
    const matches = checkStream(filter, options, where, (type) => this.#types.has(type));
    if (this.#closed) throw new BusClosedError(`${where}: the bus is closed`);
    return new EventStream<EventOf<M>>({
      bufferSize: options.bufferSize ?? 1000,
      endOnTerminal: options.endOnTerminal ?? filter.runId !== undefined,
      isTerminal: (event) => this.#types.get(event.type)!.spec.terminal,
      connect: (offer, finish) => {
        if (filter.sinceSeq !== undefined) {
          for (const event of this.#history.query({ ...filter, limit: undefined })) if (matches(event)) offer(event as EventOf<M>);
        }
        const token = this.#everything.connect((_sender, event) => {
          if (matches(event)) offer(event as EventOf<M>);
        });
        this.#streamEnds.add(finish);
        return () => {
          token();
          this.#streamEnds.delete(finish);
        };
      },
    });
  }

  /** The `laneSeq` the next event published with this `runId` (and `lane`) will get. */
  nextSeq(runId: string, lane?: string): number {
    if (typeof runId !== 'string') throw new TypeError(`EventBus.nextSeq: runId must be a string, got ${describeValue(runId)}`);
    if (lane !== undefined && typeof lane !== 'string') throw new TypeError(`EventBus.nextSeq: lane must be a string, got ${describeValue(lane)}`);
    return this.#lanes.peek(runId, lane);
  }

  /** The stored events that match `filter`, oldest first: a snapshot later publishes do not change. */
  history(filter: HistoryFilter = {}): readonly EventOf<M>[] {
    checkHistoryFilter(filter, 'EventBus.history', (type) => this.#types.has(type));
    return this.#history.query(filter) as EventOf<M>[];
  }

  /** The stored events of a run, lane or type since a `seq`, oldest first, to catch up before following live events. */
  replay(filter: { runId?: string; lane?: string; sinceSeq?: number; types?: string[] } = {}): readonly EventOf<M>[] {
    checkHistoryFilter(filter, 'EventBus.replay', (type) => this.#types.has(type));
    return this.#history.query({ ...filter, limit: undefined }) as EventOf<M>[];
  }

  /** The event types this bus knows (its registry's, `HANDLER_ERROR` included), with their specs: terminal, visibility, doc. */
  get eventTypes(): ReadonlyMap<string, EventSpec> {
    const specs = new Map<string, EventSpec>();
    for (const [name, entry] of this.#types) specs.set(name, entry.spec);
    return specs;
  }

  /** Number of events in history. */
  get historySize(): number {
    return this.#history.size;
  }

  /**
   * The `seq` of the newest event history has evicted (0 while it has evicted
   * none): a consumer resuming after seq `N < evictedSeq` has missed events
   * `N + 1 ... evictedSeq` that history can no longer replay.
   */
  get evictedSeq(): number {
    return this.#history.evictedSeq;
  }

  /** Number of live subscriptions. */
  get subscriberCount(): number {
    let count = this.#everything.receiverCount;
    for (const entry of this.#types.values()) count += entry.signal.receiverCount;
    return count;
  }

  /** `true` once {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Closes the bus: every subscription ends, publishes still waiting for async
   * steps are dropped (reported as `BusClosedError`), and `publish` throws
   * `BusClosedError` from now on.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const finish of [...this.#streamEnds]) finish();
    for (const entry of this.#types.values()) entry.signal.disconnectAll();
    this.#everything.disconnectAll();
    this.#writer.clear((item) => this.#failed(item, new BusClosedError('the bus closed before this event was stored')));
  }

  #subscribe(signal: Signal<Event>, handler: Handler, options: SubscribeOptions<never> | undefined, where: string): Subscription {
    requireFunction(handler, where, 'handler');
    const maxRank = checkSubscribeOptions(options, where);
    if (this.#closed) throw new BusClosedError(`${where}: the bus is closed`);
    let token: Subscription | undefined;
    const receiver = receiverFor(
      handler,
      { filter: options?.filter as ((event: Event) => boolean) | undefined, maxRank, claim: options?.once === true ? () => token!() : undefined },
      this.#hooks,
    );
    // A weak subscription is owned by its handler: the receiver wrapping it lives exactly as long as the handler.
    const owner = options?.owner ?? (options?.weak === true ? handler : undefined);
    token = signal.connect(receiver, { owner, signal: options?.signal });
    return token;
  }

  #entryFor(type: unknown, where: string): TypeEntry {
    const entry = typeof type === 'string' ? this.#types.get(type) : undefined;
    if (entry === undefined) throw new UnknownEventTypeError(`${where}: unknown event type ${describeValue(type)}`);
    return entry;
  }

  /** The depth of a publish made now; a `RangeError` past the limit (`HANDLER_ERROR` is exempt, so failures stay visible). */
  #depthOfPublish(type: string, where: string): number {
    const depth = this.#timeline.publishDepth();
    if (depth > this.#maxDepth && type !== HANDLER_ERROR) {
      throw new RangeError(
        `${where}: ${type} would be published at depth ${depth}, past maxPublishDepth ${this.#maxDepth}: handlers are publishing events in a chain that does not end`,
      );
    }
    return depth;
  }

  #publish(type: string, data: unknown, options: PublishOptions | undefined, settlement: Settlement | undefined): EventId {
    const where = 'EventBus.publish';
    if (this.#closed) throw new BusClosedError(`${where}: the bus is closed`);
    const entry = this.#entryFor(type, where);
    const depth = this.#depthOfPublish(type, where);
    if (options !== undefined) checkPublishOptions(options, where);

    // Both literals build the same shape (same keys, same order), so the hot path stays monomorphic.
    let fields: EventFields =
      options === undefined
        ? {
            id: this.#ids.next(),
            type,
            data: deepFreeze(data),
            timestamp: Date.now(),
            seq: 0,
            source: undefined,
            metadata: NO_METADATA,
            visibility: entry.spec.visibility,
            runId: undefined,
            lane: undefined,
            laneSeq: undefined,
            scope: this.#scope,
          }
        : {
            id: this.#ids.next(),
            type,
            data: deepFreeze(data),
            timestamp: Date.now(),
            seq: 0,
            source: options.source,
            metadata: options.metadata === undefined ? NO_METADATA : copyMetadata(options.metadata),
            visibility: options.visibility ?? entry.spec.visibility,
            runId: options.runId,
            lane: options.lane,
            laneSeq: undefined,
            scope: this.#scope,
          };
    if (settlement !== undefined) settlement.eventId = fields.id;
    // The writer section's checks, in order: guards (on the event as published), then the schema.
    let owned = true;
    if (this.#guards.length !== 0) {
      runGuards(this.#guards, Object.freeze(fields));
      owned = false;
    }
    let validation: Promise<unknown> | undefined;
    if (entry.spec.schema !== undefined) {
      const checked = validatePayload(entry.spec, type, fields.data);
      if (isThenable(checked)) validation = checked as Promise<unknown>;
      else if (owned) fields.data = deepFreeze(checked);
      else fields = { ...fields, data: deepFreeze(checked) };
      owned = true;
    }

    const chain = this.#middleware;
    if (chain.length === 0 && validation === undefined && this.#writer.idle) {
      this.#commit(entry, fields, owned, depth, settlement, true, options?.propagate !== false);
    } else {
      this.#writer.submit({ entry, fields, owned, chain, validation, depth, settlement, propagate: options?.propagate !== false });
    }
    return fields.id;
  }

  /** The writer's step for one pending publish: returns a promise when it has to wait for something. */
  #process(item: PendingPublish): Promise<void> | undefined {
    if (item.validation !== undefined) {
      return item.validation
        .then((value) => this.#runChain(item, { ...item.fields, data: deepFreeze(value) }, false))
        .then(undefined, (error: unknown) => this.#failed(item, error));
    }
    const pending = this.#runChain(item, item.fields, item.owned);
    return pending?.then(undefined, (error: unknown) => this.#failed(item, error));
  }

  #runChain(item: PendingPublish, fields: EventFields, owned: boolean): Promise<void> | undefined {
    if (item.chain.length === 0) {
      this.#commitPending(item, fields, owned);
      return undefined;
    }
    const outcome = runMiddleware(item.chain, fields);
    if (isThenable(outcome)) return outcome.then((result) => this.#commitPending(item, result, false));
    this.#commitPending(item, outcome, false);
    return undefined;
  }

  #commitPending(item: PendingPublish, fields: EventFields | null, owned: boolean): void {
    if (fields === null) {
      item.settlement?.resolve();
      return;
    }
    if (this.#closed) throw new BusClosedError('the bus closed before this event was stored');
    this.#commit(item.entry, fields, owned, item.depth, item.settlement, true, item.propagate);
  }

  /**
   * The end of the writer section: stamp `seq` (and `laneSeq` for events made
   * here), freeze, record here and on every relay bus, then hand to the
   * timeline, which delivers to every level before the next event.
   */
  #commit(
    entry: TypeEntry,
    fields: EventFields,
    owned: boolean,
    depth: number,
    settlement: Settlement | undefined,
    stampLanes: boolean,
    propagate: boolean,
  ): Event {
    if (stampLanes && (fields.runId !== undefined || fields.lane !== undefined)) {
      if (!owned) fields = { ...fields };
      fields.laneSeq = this.#lanes.take(fields.runId, fields.lane);
    }
    if (fields.runId !== undefined && entry.spec.terminal) this.#lanes.release(fields.runId);
    const seq = this.#timeline.nextSeq();
    let event: Event;
    if (owned) {
      fields.seq = seq;
      event = Object.freeze(fields);
    } else {
      event = sealEvent(fields, seq);
    }
    this.#history.append(event);
    const others = propagate && this.#relay !== undefined ? this.#relay(event) : NO_BUSES;
    if (others.length === 0) {
      this.#timeline.deliver(entry, event, depth, settlement);
    } else {
      for (const other of others) other.#history.append(event);
      this.#timeline.deliver({ dispatch: (e, s) => this.#dispatchAlso(e, s, others) }, event, depth, settlement);
    }
    return event;
  }

  #dispatch(signal: Signal<Event>, event: Event, settlement: Settlement | undefined): void {
    this.#emitHere(signal, event, settlement);
    settlement?.delivered();
  }

  /** Delivers here, then on each relay bus, in order. */
  #dispatchAlso(event: Event, settlement: Settlement | undefined, others: readonly EventBus<unknown>[]): void {
    this.#emitHere(this.#types.get(event.type)!.signal, event, settlement); // relayed: off the hot path
    for (const other of others) other.#emitHere(other.#types.get(event.type)!.signal, event, settlement);
    settlement?.delivered();
  }

  /** Calls this bus's handlers for an event: those of its type (`signal`), then those of every type. */
  #emitHere(signal: Signal<Event>, event: Event, settlement: Settlement | undefined): void {
    if (settlement === undefined) {
      signal.emit(undefined, event);
      this.#everything.emit(undefined, event);
      return;
    }
    // Receivers never throw (they isolate handler errors), so the settlement is always reset.
    this.#settlement = settlement;
    signal.emit(undefined, event);
    this.#everything.emit(undefined, event);
    this.#settlement = undefined;
  }

  /** A pending publish failed after its publisher got its id back. */
  #failed(item: PendingPublish, error: unknown): void {
    if (item.settlement !== undefined) item.settlement.reject(error);
    else this.#report(error, { event: item.fields });
  }

  #handlerFailed(event: Event, handler: Handler, error: unknown): void {
    if (event.type === HANDLER_ERROR || this.#closed) {
      this.#report(error, { event, handler });
      return;
    }
    const payload: HandlerErrorPayload = { eventId: event.id, eventType: event.type, error: describeError(error) };
    try {
      this.#publish(HANDLER_ERROR, payload, undefined, undefined);
    } catch (publishError) {
      this.#report(publishError, { event, handler });
    }
  }

  #report(error: unknown, context: { event?: Event; handler?: Function }): void {
    try {
      this.#onError(error, context);
    } catch (onErrorFailure) {
      console.error('@mesh/bus: onError threw while reporting', error, onErrorFailure);
    }
  }
}

/** An error reduced to what travels as JSON. */
function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: typeof error === 'string' ? error : describeValue(error) };
}

/** `list` without the first occurrence of `item`. */
function without<T>(list: readonly T[], item: T): readonly T[] {
  const at = list.indexOf(item);
  return at === -1 ? list : [...list.slice(0, at), ...list.slice(at + 1)];
}

/** `fn`, callable once (later calls do nothing). */
function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
