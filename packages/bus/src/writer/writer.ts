import { describeValue } from '@mesh/signals/internal';
import { BusClosedError } from '../errors.js';
import { TimeoutError } from '@mesh/signals';
import { type Event, type EventFields, type EventId, foreignFields, newFields, plainFields, sealEvent } from '../event.js';
import { freezePayload } from '../freeze.js';
import { HANDLER_ERROR, type HandlerErrorPayload } from '../events.js';
import { type PublishOptions, checkPublishOptions } from '../options.js';
import { isThenable } from '../thenable.js';
import { runGuards } from './guards.js';
import { IdSource, randomHex } from './ids.js';
import { LaneCounters } from './lanes.js';
import type { Level, PendingPublish, Route, TypeEntry } from './levels.js';
import { runMiddleware } from './middleware.js';
import { type Chains, NO_CHAINS, chainsOf } from './plugins.js';
import { validatePayload } from './schema.js';
import type { Settlement } from './settlement.js';
import { Timeline } from './timeline.js';
import { type Watches, startWatches } from './watches.js';

/** The tree's limits, from the root's options. */
export interface WriterLimits {
  /** How long a chain of handlers publishing events may get. */
  readonly maxPublishDepth: number;
  /** How deep a payload (or metadata) may be nested. */
  readonly maxPayloadDepth: number;
  /** How long an async middleware or schema may take before its publish fails. */
  readonly middlewareTimeoutMs: number;
}

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

  constructor(private readonly limits: WriterLimits) {}

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
    if (options === undefined && settlement === undefined && this.#isDirect(entry)) return this.#publishDirect(level, entry, data, where);
    const depth = this.#depthOf(type as string, where);
    if (options !== undefined) checkPublishOptions(options, where);
    const maxDepth = this.limits.maxPayloadDepth;
    const frozen = freezePayload(data, maxDepth, where, type as string, 'data');
    const fields = newFields(this.#ids.next(), type as string, frozen, entry.spec, level.path, options, maxDepth, where);
    if (settlement !== undefined) settlement.eventId = fields.id;
    const watches = level.instrumentations.length === 0 ? undefined : startWatches(level.instrumentations, fields, level, maxDepth, where);
    try {
      this.#write(level, entry, fields, options, depth, settlement, watches, where);
    } catch (error) {
      watches?.rejected(error);
      throw error;
    }
    return fields.id;
  }

  /**
   * Whether a publish (without options or `publishAsync`) can go straight
   * to its commit: no guard, schema or middleware on the event's way, no
   * publish of this bus waiting before it, no delivery under way (so its
   * depth is 0 and it is delivered at once).
   */
  #isDirect(entry: TypeEntry): boolean {
    return this.#chainsOf(entry) === NO_CHAINS && entry.spec.schema === undefined && entry.level.queue.idle && this.timeline.publishDepth() === 0;
  }

  /**
   * A publish that {@link #isDirect} allows: the steps of {@link publish} and
   * {@link #commit} that have work to do here, and no others (written out,
   * not a call to `#commit`: its branches cost about 4% of such a publish).
   */
  #publishDirect(level: Level, entry: TypeEntry, data: unknown, where: string): EventId {
    const maxDepth = this.limits.maxPayloadDepth;
    const frozen = freezePayload(data, maxDepth, where, entry.name, 'data');
    const fields = plainFields(this.#ids.next(), entry.name, frozen, entry.spec.visibility, level.path, 0);
    const watches = level.instrumentations.length === 0 ? undefined : startWatches(level.instrumentations, fields, level, maxDepth, where);
    fields.seq = this.timeline.nextSeq();
    const event: Event = Object.freeze(fields);
    entry.route.record(event);
    if (watches !== undefined) watches.stored(event);
    this.timeline.deliver(entry.route, event, 0, undefined);
    return event.id;
  }

  /** The rest of a publish, once the event's fields exist: guards, schema, then commit or the queue. */
  #write(level: Level, entry: TypeEntry, fields: EventFields, options: PublishOptions | undefined, depth: number, settlement: Settlement | undefined, watches: Watches | undefined, where: string): void {
    const maxDepth = this.limits.maxPayloadDepth;
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
      else if (owned) fields.data = freezePayload(checked, maxDepth, where, fields.type, 'data');
      else fields = { ...fields, data: freezePayload(checked, maxDepth, where, fields.type, 'data') };
      owned = true;
    }
    const route = options?.propagate === false ? entry.local : entry.route;
    const middleware = chains.middleware;
    if (middleware.length === 0 && validation === undefined && level.queue.idle) {
      this.#commit(entry, route, fields, owned, depth, settlement, true, watches);
    } else {
      level.queue.submit({ entry, route, fields, owned, middleware, validation, depth, settlement, watches, finished: false });
    }
  }

  /**
   * Stores and delivers an event made elsewhere on `level`: keeps its id and
   * fields, runs the schema (synchronously) and the guards, not middleware.
   */
  ingest(level: Level, event: Event, where: string): Event {
    if (level.closed) throw new BusClosedError(`${where}: the bus is closed`);
    const maxDepth = this.limits.maxPayloadDepth;
    const foreign = foreignFields(event, where, (type) => level.entry(type, where).spec, maxDepth);
    const entry = level.entry(foreign.type, where);
    const depth = this.#depthOf(foreign.type, where);
    runGuards(this.#chainsOf(entry).guards, Object.freeze(foreign));
    let fields = foreign;
    if (entry.spec.schema !== undefined) {
      const checked = validatePayload(entry.spec, foreign.type, foreign.data);
      if (isThenable(checked)) throw new TypeError(`${where}: the schema of ${foreign.type} validates asynchronously, which ingest cannot wait for`);
      fields = { ...foreign, data: freezePayload(checked, maxDepth, where, foreign.type, 'data') };
    }
    return this.#commit(entry, entry.route, fields, false, depth, undefined, false, undefined);
  }

  /**
   * The queue's step for one waiting publish: returns a promise when it has
   * to wait for something, settled at the latest after `middlewareTimeoutMs`
   * (the publish then fails with a `TimeoutError`, and the queue goes on).
   */
  process(item: PendingPublish): Promise<void> | undefined {
    const maxDepth = this.limits.maxPayloadDepth;
    const pending =
      item.validation !== undefined
        ? item.validation.then((value) => this.#runMiddleware(item, { ...item.fields, data: freezePayload(value, maxDepth, 'EventBus.publish', item.fields.type, 'data') }, false))
        : this.#runMiddleware(item, item.fields, item.owned);
    if (pending === undefined) return undefined;
    return new Promise<void>((resolve) => {
      const ms = this.limits.middlewareTimeoutMs;
      const timer = setTimeout(() => {
        this.failed(item, new TimeoutError(`EventBus.publish: ${item.fields.type} ${item.fields.id}: async middleware or schema did not settle within ${ms} ms (middlewareTimeoutMs)`));
        resolve();
      }, ms);
      (timer as { unref?: () => void }).unref?.(); // a stuck plugin alone never keeps the process alive
      pending.then(undefined, (error: unknown) => this.failed(item, error)).then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** A waiting publish failed after its publisher got its id back: reject its `publishAsync`, or report it. Only its first outcome counts. */
  failed(item: PendingPublish, error: unknown): void {
    if (item.finished) return;
    item.finished = true;
    item.watches?.rejected(error);
    if (item.settlement !== undefined) item.settlement.reject(error);
    else item.entry.level.report(error, { event: item.fields });
  }

  /**
   * A handler on `level` failed: `HANDLER_ERROR` there; and `onError` too
   * when no subscriber would hear that event (never silent), or instead of
   * it when it cannot be published (a failing `HANDLER_ERROR` handler, a closed bus).
   */
  handlerFailed(level: Level, event: Event, handler: Function, error: unknown): void {
    if (event.type === HANDLER_ERROR || level.closed) {
      level.report(error, { event, handler });
      return;
    }
    const heard = level.entry(HANDLER_ERROR, 'EventBus').route.entries.some((on) => !on.level.closed && on.hub.hears(on.subscribers));
    if (!heard) level.report(error, { event, handler });
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
    const limit = this.limits.maxPublishDepth;
    if (depth > limit && type !== HANDLER_ERROR) {
      throw new RangeError(`${where}: ${type} would be published at depth ${depth}, past maxPublishDepth ${limit}: handlers are publishing events in a chain that does not end`);
    }
    return depth;
  }

  #runMiddleware(item: PendingPublish, fields: EventFields, owned: boolean): Promise<void> | undefined {
    if (item.middleware.length === 0) {
      this.#commitWaiting(item, fields, owned);
      return undefined;
    }
    const outcome = runMiddleware(item.middleware, fields, this.limits.maxPayloadDepth);
    if (isThenable(outcome)) return outcome.then((result) => this.#commitWaiting(item, result, false));
    this.#commitWaiting(item, outcome, false);
    return undefined;
  }

  #commitWaiting(item: PendingPublish, fields: EventFields | null, owned: boolean): void {
    if (item.finished) return; // it timed out: its late outcome is ignored
    if (fields === null) {
      item.finished = true;
      item.watches?.dropped();
      item.settlement?.resolve(); // dropped by a middleware
      return;
    }
    if (item.entry.level.closed) throw new BusClosedError('the bus closed before this event was stored');
    this.#commit(item.entry, item.route, fields, owned, item.depth, item.settlement, true, item.watches);
    item.finished = true;
  }

  /**
   * The end of the writer's part: stamp `laneSeq` (for events made here; an
   * ingested one's advances the counter of its lane) and `seq`, freeze,
   * record at every level of the route, tell the publish's watches, then
   * deliver there.
   */
  #commit(entry: TypeEntry, route: Route, fields: EventFields, owned: boolean, depth: number, settlement: Settlement | undefined, stampLanes: boolean, watches: Watches | undefined): Event {
    if (stampLanes && (fields.runId !== undefined || fields.lane !== undefined)) {
      if (!owned) fields = { ...fields };
      fields.laneSeq = this.#lanes.take(fields.runId, fields.lane);
    } else if (!stampLanes && fields.laneSeq !== undefined) {
      this.#lanes.advance(fields.runId, fields.lane, fields.laneSeq);
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
    if (watches !== undefined) watches.stored(event);
    this.timeline.deliver(route, event, depth, settlement);
    return event;
  }
}

/** An error reduced to what travels as JSON. */
function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: typeof error === 'string' ? error : describeValue(error) };
}
