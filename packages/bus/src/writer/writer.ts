import { describeValue } from '@mesh/signals/internal';
import { BusClosedError } from '../errors.js';
import { type Event, type EventFields, type EventId, deepFreeze, foreignFields, newFields, sealEvent } from '../event.js';
import { HANDLER_ERROR, type HandlerErrorPayload } from '../events.js';
import { type PublishOptions, checkPublishOptions } from '../options.js';
import { isThenable } from '../thenable.js';
import { runGuards } from './guards.js';
import { IdSource, randomHex } from './ids.js';
import { LaneCounters } from './lanes.js';
import type { Level, PendingPublish, Route, TypeEntry } from './levels.js';
import { runMiddleware } from './middleware.js';
import { type Chains, chainsOf } from './plugins.js';
import { validatePayload } from './schema.js';
import type { Settlement } from './settlement.js';
import { Timeline } from './timeline.js';

/**
 * Everything before an event exists, for one tree of buses (a standalone
 * bus is a tree of one). The way of a publish: guards (root first) → schema
 * → middleware (root first, in the origin bus's queue when a step is async)
 * → commit: `laneSeq`, `seq` and freeze, then the event is recorded at every
 * level of its route and handed to the timeline, which delivers it there.
 */
export class Writer {
  readonly timeline = new Timeline();
  /** The tree's epoch: 8 random hex digits, fixed for the tree's life, so a restarted bus's seqs are told apart. */
  readonly epoch = randomHex(4);
  readonly #ids = new IdSource();
  readonly #lanes = new LaneCounters();
  /** Bumped on every plugin change anywhere in the tree: cached chains older than it are stale. */
  #pluginVersion = 0;

  constructor(
    /** How long a chain of handlers publishing events may get. */
    private readonly maxDepth: number,
  ) {}

  /** Marks every cached chain stale (a guard or middleware was added or removed). */
  pluginsChanged(): void {
    this.#pluginVersion++;
  }

  /** The `laneSeq` the next event of (runId, lane) gets. */
  nextLaneSeq(runId: string, lane: string | undefined): number {
    return this.#lanes.peek(runId, lane);
  }

  /**
   * Publishes on `level`: guards and a synchronous schema run now (their
   * errors are thrown); with no async step and an idle queue the event
   * commits before this returns. Returns the event id.
   */
  publish(level: Level, type: unknown, data: unknown, options: PublishOptions | undefined, settlement: Settlement | undefined, where: string): EventId {
    if (level.closed) throw new BusClosedError(`${where}: the bus is closed`);
    const entry = level.entry(type, where);
    const depth = this.#depthOf(type as string, where);
    if (options !== undefined) checkPublishOptions(options, where);
    let fields = newFields(this.#ids.next(), type as string, deepFreeze(data), entry.spec, level.path, options);
    if (settlement !== undefined) settlement.eventId = fields.id;
    const chains = this.#chainsOf(entry);
    let owned = true;
    if (chains.guards.length !== 0) {
      runGuards(chains.guards, Object.freeze(fields));
      owned = false;
    }
    let validation: Promise<unknown> | undefined;
    if (entry.spec.schema !== undefined) {
      const checked = validatePayload(entry.spec, fields.type, fields.data);
      if (isThenable(checked)) validation = checked as Promise<unknown>;
      else if (owned) fields.data = deepFreeze(checked);
      else fields = { ...fields, data: deepFreeze(checked) };
      owned = true;
    }
    const route = options?.propagate === false ? entry.local : entry.route;
    const middleware = chains.middleware;
    if (middleware.length === 0 && validation === undefined && level.queue.idle) {
      this.#commit(entry, route, fields, owned, depth, settlement, true);
    } else {
      level.queue.submit({ entry, route, fields, owned, middleware, validation, depth, settlement });
    }
    return fields.id;
  }

  /**
   * Stores and delivers an event made elsewhere on `level`: keeps its id and
   * fields, runs the schema (synchronously) and the guards, not middleware.
   */
  ingest(level: Level, event: Event, where: string): Event {
    if (level.closed) throw new BusClosedError(`${where}: the bus is closed`);
    const foreign = foreignFields(event, where, (type) => level.entry(type, where).spec);
    const entry = level.entry(foreign.type, where);
    const depth = this.#depthOf(foreign.type, where);
    runGuards(this.#chainsOf(entry).guards, Object.freeze(foreign));
    let fields = foreign;
    if (entry.spec.schema !== undefined) {
      const checked = validatePayload(entry.spec, foreign.type, foreign.data);
      if (isThenable(checked)) throw new TypeError(`${where}: the schema of ${foreign.type} validates asynchronously, which ingest cannot wait for`);
      fields = { ...foreign, data: deepFreeze(checked) };
    }
    return this.#commit(entry, entry.route, fields, false, depth, undefined, false);
  }

  /** The queue's step for one waiting publish: returns a promise when it has to wait for something. */
  process(item: PendingPublish): Promise<void> | undefined {
    if (item.validation !== undefined) {
      return item.validation
        .then((value) => this.#runMiddleware(item, { ...item.fields, data: deepFreeze(value) }, false))
        .then(undefined, (error: unknown) => this.failed(item, error));
    }
    const pending = this.#runMiddleware(item, item.fields, item.owned);
    return pending?.then(undefined, (error: unknown) => this.failed(item, error));
  }

  /** A waiting publish failed after its publisher got its id back: reject its `publishAsync`, or report it. */
  failed(item: PendingPublish, error: unknown): void {
    if (item.settlement !== undefined) item.settlement.reject(error);
    else item.entry.level.report(error, { event: item.fields });
  }

  /** A handler on `level` failed: `HANDLER_ERROR` there, or `onError` when that cannot be (a failing `HANDLER_ERROR` handler, a closed bus). */
  handlerFailed(level: Level, event: Event, handler: Function, error: unknown): void {
    if (event.type === HANDLER_ERROR || level.closed) {
      level.report(error, { event, handler });
      return;
    }
    const payload: HandlerErrorPayload = { eventId: event.id, eventType: event.type, error: describeError(error) };
    try {
      this.publish(level, HANDLER_ERROR, payload, undefined, undefined, 'EventBus.publish');
    } catch (publishError) {
      level.report(publishError, { event, handler });
    }
  }

  /** The chains of an event type published at the entry's level, rebuilt when a plugin changed since. */
  #chainsOf(entry: TypeEntry): Chains {
    if (entry.chainsVersion !== this.#pluginVersion) {
      entry.chains = chainsOf(entry.route.entries.map((on) => on.level.plugins));
      entry.chainsVersion = this.#pluginVersion;
    }
    return entry.chains;
  }

  /** The depth of a publish made now; a `RangeError` past the limit (`HANDLER_ERROR` is exempt, so failures stay visible). */
  #depthOf(type: string, where: string): number {
    const depth = this.timeline.publishDepth();
    if (depth > this.maxDepth && type !== HANDLER_ERROR) {
      throw new RangeError(
        `${where}: ${type} would be published at depth ${depth}, past maxPublishDepth ${this.maxDepth}: handlers are publishing events in a chain that does not end`,
      );
    }
    return depth;
  }

  #runMiddleware(item: PendingPublish, fields: EventFields, owned: boolean): Promise<void> | undefined {
    if (item.middleware.length === 0) {
      this.#commitWaiting(item, fields, owned);
      return undefined;
    }
    const outcome = runMiddleware(item.middleware, fields);
    if (isThenable(outcome)) return outcome.then((result) => this.#commitWaiting(item, result, false));
    this.#commitWaiting(item, outcome, false);
    return undefined;
  }

  #commitWaiting(item: PendingPublish, fields: EventFields | null, owned: boolean): void {
    if (fields === null) {
      item.settlement?.resolve(); // dropped by a middleware
      return;
    }
    if (item.entry.level.closed) throw new BusClosedError('the bus closed before this event was stored');
    this.#commit(item.entry, item.route, fields, owned, item.depth, item.settlement, true);
  }

  /**
   * The end of the writer's part: stamp `laneSeq` (for events made here) and
   * `seq`, freeze, record at every level of the route, then deliver there.
   */
  #commit(entry: TypeEntry, route: Route, fields: EventFields, owned: boolean, depth: number, settlement: Settlement | undefined, stampLanes: boolean): Event {
    if (stampLanes && (fields.runId !== undefined || fields.lane !== undefined)) {
      if (!owned) fields = { ...fields };
      fields.laneSeq = this.#lanes.take(fields.runId, fields.lane);
    }
    if (fields.runId !== undefined && entry.spec.terminal) this.#lanes.release(fields.runId);
    const seq = this.timeline.nextSeq();
    let event: Event;
    if (owned) {
      fields.seq = seq;
      event = Object.freeze(fields);
    } else {
      event = sealEvent(fields, seq);
    }
    route.record(event);
    this.timeline.deliver(route, event, depth, settlement);
    return event;
  }
}

/** An error reduced to what travels as JSON. */
function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: typeof error === 'string' ? error : describeValue(error) };
}
