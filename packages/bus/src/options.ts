import { checkConnectOptions, checkWaitOptions, describeValue, requireFunction } from '@mesh/signals/internal';
import type { Event } from './event.js';
import type { EventMetadata } from './events.js';
import type { HistoryFilter } from './hub/history.js';
import { levelOf, rankOf, type Visibility } from './visibility.js';

/** Options of `subscribe` and `subscribeAll`. */
export interface SubscribeOptions<T = unknown> {
  /** Unsubscribe before the first event that passes the other options. */
  once?: boolean;
  /** Only events for which this returns `true`. */
  filter?: (event: Event<T>) => boolean;
  /** Hold the handler weakly: the subscription ends when it is garbage-collected. */
  weak?: boolean;
  /** The subscription lives exactly as long as this object. */
  owner?: object;
  /** Aborting this signal unsubscribes. */
  signal?: AbortSignal;
  /** Highest visibility received; without it, every event. */
  visibility?: Visibility;
}

/** Options of `publish` and `publishAsync` (`Meta`: the metadata shape the registry declares). */
export interface PublishOptions<Meta extends object = EventMetadata> {
  /** Who publishes, e.g. a service name. */
  source?: string;
  /** Annotations stored with the event (copied and frozen). */
  metadata?: Readonly<Partial<Meta>>;
  /** Overrides the event type's default visibility. */
  visibility?: Visibility;
  /** The run the event belongs to. */
  runId?: string;
  /** The lane of that run. */
  lane?: string;
  /** On a bus of a tree (`@mesh/scoped`): `false` keeps the event on this bus, off its ancestors. Default `true`. */
  propagate?: boolean;
}

/** Which events a stream carries (`K`: the event types it can carry). */
export interface StreamFilter<K extends string = string> {
  /** Only these event types: the stream's events are typed as theirs. */
  types?: readonly K[];
  /** Only events of this run (and then the stream ends on the run's terminal event, by default). */
  runId?: string;
  /** Only events of this lane. */
  lane?: string;
  /** Highest visibility carried; without it, every event. Streams that face users pass `'public'`. */
  visibility?: Visibility;
  /** Start with the events history holds with a `seq` above this, then follow live events: no gap, no duplicate. */
  sinceSeq?: number;
}

/** Options of `stream`. */
export interface StreamOptions {
  /** At most this many events wait to be read; when full, the oldest non-terminal one is dropped. Default 1000. */
  bufferSize?: number;
  /** End right after yielding a terminal event. Default: `true` when the filter has a `runId`. */
  endOnTerminal?: boolean;
}

/** Options of `waitFor`. */
export interface WaitForOptions<T = unknown> {
  /** Only events for which this returns `true`; if it throws, the wait rejects with its error. */
  filter?: (event: Event<T>) => boolean;
  /** Reject with a `TimeoutError` after this many milliseconds. */
  timeout?: number;
  /** Aborting it rejects the wait with `signal.reason`. */
  signal?: AbortSignal;
  /** Look in history first, for a matching event with a `seq` above this; then wait for live ones, with no gap. */
  sinceSeq?: number;
  /** Only events of this run. */
  runId?: string;
  /** Only events of this lane. */
  lane?: string;
  /** Highest visibility accepted; without it, every event. */
  visibility?: Visibility;
}

/** Checks `waitFor` options; returns what an event must pass, besides its type and `filter`. */
export function checkWaitForOptions(options: WaitForOptions<never>, where: string): (event: Event) => boolean {
  requireObject(options, where, 'options');
  checkWaitOptions(options, where);
  const { runId, lane, sinceSeq } = options;
  if (sinceSeq !== undefined && (typeof sinceSeq !== 'number' || !(sinceSeq >= 0))) {
    throw new RangeError(`${where}: options.sinceSeq must be a number of at least 0, got ${describeValue(sinceSeq)}`);
  }
  requireOptionalString(runId, where, 'options.runId');
  requireOptionalString(lane, where, 'options.lane');
  const maxRank = options.visibility === undefined ? undefined : levelOf(options.visibility, where);
  return (event) =>
    (runId === undefined || event.runId === runId) && (lane === undefined || event.lane === lane) && (maxRank === undefined || rankOf(event.visibility) <= maxRank);
}

/** Where a middleware or guard applies: `'subtree'` (the default) also covers a tree's descendants of the bus, `'local'` only the bus. */
export type PluginScope = 'local' | 'subtree';

/** Options of `addMiddleware` and `addGuard`. */
export interface PluginOptions {
  /** `'subtree'` (default): events published on this bus and on its descendants in a tree; `'local'`: this bus's only. */
  scope?: PluginScope;
}

/** Checks plugin options; returns the scope. */
export function checkPluginOptions(options: PluginOptions | undefined, where: string): PluginScope {
  if (options === undefined) return 'subtree';
  requireObject(options, where, 'options');
  const scope = options.scope ?? 'subtree';
  if (scope !== 'local' && scope !== 'subtree') throw new TypeError(`${where}: options.scope must be 'local' or 'subtree', got ${describeValue(scope)}`);
  return scope;
}

/** Options of the `EventBus` constructor. */
export interface EventBusOptions {
  /** How many events history keeps (the newest); 0 turns history off. Default 1000. */
  historyLimit?: number;
  /**
   * Receives errors no handler can be told about: a handler failure whose `HANDLER_ERROR` no one
   * subscribes to, a failing `HANDLER_ERROR` handler, async publish failures. Default: `console.error`
   * with the event type and the error's stack.
   */
  onError?: (error: unknown, context: { event?: Event; handler?: Function }) => void;
  /** How long a chain of handlers publishing events may get before a publish throws a `RangeError`. Default 64. */
  maxPublishDepth?: number;
  /** How deep a payload (or metadata) may be nested; deeper ones are rejected with `EventRejectedError`. Default 512. */
  maxPayloadDepth?: number;
  /** How long (ms) an async middleware or schema may take before its publish fails with a `TimeoutError`. Default 30,000. */
  middlewareTimeoutMs?: number;
}

function requireObject(value: unknown, where: string, what: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${where}: ${what} must be an object, got ${describeValue(value)}`);
}

function requireOptionalString(value: unknown, where: string, what: string): void {
  if (value !== undefined && typeof value !== 'string') throw new TypeError(`${where}: ${what} must be a string, got ${describeValue(value)}`);
}

/** Throws unless `value` is an integer ≥ `min` (or `undefined`). */
export function requireOptionalInteger(value: unknown, where: string, what: string, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${where}: ${what} must be an integer of at least ${min}, got ${describeValue(value)}`);
  }
}

/** Checks subscribe options; returns the visibility rank limit, if any. */
export function checkSubscribeOptions(options: SubscribeOptions<never> | undefined, where: string): number | undefined {
  if (options === undefined) return undefined;
  requireObject(options, where, 'options');
  checkConnectOptions(options, where);
  if (options.filter !== undefined) requireFunction(options.filter, where, 'options.filter');
  return options.visibility === undefined ? undefined : levelOf(options.visibility, where);
}

/** Checks publish options. */
export function checkPublishOptions(options: PublishOptions, where: string): void {
  requireObject(options, where, 'options');
  requireOptionalString(options.source, where, 'options.source');
  requireOptionalString(options.runId, where, 'options.runId');
  requireOptionalString(options.lane, where, 'options.lane');
  if (options.metadata !== undefined) requireObject(options.metadata, where, 'options.metadata');
  if (options.visibility !== undefined) levelOf(options.visibility, where);
  if (options.propagate !== undefined && typeof options.propagate !== 'boolean') {
    throw new TypeError(`${where}: options.propagate must be a boolean, got ${describeValue(options.propagate)}`);
  }
}

/** Checks a history or replay filter; `requireType` throws for a type the bus does not know. */
export function checkHistoryFilter(filter: HistoryFilter, where: string, requireType: (type: string, where: string) => unknown): void {
  requireObject(filter, where, 'filter');
  if (filter.types !== undefined) {
    if (!Array.isArray(filter.types)) throw new TypeError(`${where}: filter.types must be an array of event types, got ${describeValue(filter.types)}`);
    for (const type of filter.types) {
      if (typeof type !== 'string') throw new TypeError(`${where}: filter.types must hold event type names, got ${describeValue(type)}`);
      requireType(type, where);
    }
  }
  if (filter.sinceSeq !== undefined && (typeof filter.sinceSeq !== 'number' || !(filter.sinceSeq >= 0))) {
    throw new RangeError(`${where}: filter.sinceSeq must be a number of at least 0, got ${describeValue(filter.sinceSeq)}`);
  }
  requireOptionalInteger(filter.limit, where, 'filter.limit', 0);
  requireOptionalString(filter.runId, where, 'filter.runId');
  requireOptionalString(filter.lane, where, 'filter.lane');
}

/** Checks the bus constructor's options. */
export function checkBusOptions(options: EventBusOptions, where: string): void {
  requireObject(options, where, 'options');
  requireOptionalInteger(options.historyLimit, where, 'options.historyLimit', 0);
  requireOptionalInteger(options.maxPublishDepth, where, 'options.maxPublishDepth', 1);
  requireOptionalInteger(options.maxPayloadDepth, where, 'options.maxPayloadDepth', 1);
  requireOptionalInteger(options.middlewareTimeoutMs, where, 'options.middlewareTimeoutMs', 1);
  if (options.onError !== undefined) requireFunction(options.onError, where, 'options.onError');
}

/** Checks a stream filter and options; returns the filter as a predicate. */
export function checkStream(
  filter: StreamFilter,
  options: StreamOptions,
  where: string,
  requireType: (type: string, where: string) => unknown,
): (event: Event) => boolean {
  checkHistoryFilter(filter, where, requireType);
  const maxRank = filter.visibility === undefined ? undefined : levelOf(filter.visibility, where);
  requireObject(options, where, 'options');
  requireOptionalInteger(options.bufferSize, where, 'options.bufferSize', 1);
  if (options.endOnTerminal !== undefined && typeof options.endOnTerminal !== 'boolean') {
    throw new TypeError(`${where}: options.endOnTerminal must be a boolean, got ${describeValue(options.endOnTerminal)}`);
  }
  const types = filter.types === undefined ? undefined : new Set(filter.types);
  const { runId, lane } = filter;
  return (event) =>
    (types === undefined || types.has(event.type)) &&
    (runId === undefined || event.runId === runId) &&
    (lane === undefined || event.lane === lane) &&
    (maxRank === undefined || rankOf(event.visibility) <= maxRank);
}
