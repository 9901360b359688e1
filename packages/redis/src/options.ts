import { hostname } from 'node:os';
import type { Event, Visibility } from '@mesh/bus';
import { levelOf } from '@mesh/bus/internal';
import { describeValue as show } from '@mesh/signals/internal';

/** What `onError` gets besides the error: the stream entry or the event concerned, when there is one. */
export interface RedisErrorContext {
  /** The Redis stream id of the entry concerned (a malformed, rejected or conflicting incoming entry). */
  readonly entryId?: string;
  /** The event concerned (an outgoing event Redis refused, or an incoming one the bus rejected). */
  readonly event?: Event;
}

/**
 * Options of {@link connectRedis}.
 *
 * @typeParam K - the event types that go out (inferred from `types`).
 */
export interface RedisBridgeOptions<K extends string = string> {
  /** Where Redis is: `redis://127.0.0.1:6379` (`rediss://` for TLS, `redis://user:pass@host:port/db`). */
  readonly url: string;
  /** The Redis stream key shared by every process of this bus. */
  readonly stream: string;
  /** A consumer group: at-least-once delivery, XACK after local delivery, pending entries read first after a restart. */
  readonly group?: string;
  /** This process's name in the group (default: `<hostname>-<pid>`); reuse it after a restart to get its pending entries. */
  readonly consumer?: string;
  /** The local event types that go out (default: every type but `HANDLER_ERROR`). */
  readonly types?: readonly K[];
  /** The highest visibility that goes out (default `'internal'`: `'debug'` events stay local). */
  readonly visibility?: Visibility;
  /** Trim the stream to about this many entries on each write (`XADD MAXLEN ~`); default: no trimming. */
  readonly maxLen?: number;
  /**
   * Where reading starts: `'$'` (default) only entries added from now on, `'0'` everything in the
   * stream, or a stream id. With a `group` it applies only when the group is created; an existing
   * group resumes where it left off.
   */
  readonly from?: string;
  /** Where errors go: dropped events, malformed entries, conflicts, lost connections (default: the bus's `onError`, with the same context). */
  readonly onError?: (error: unknown, context: RedisErrorContext) => void;
  /** Outgoing events kept while Redis is away or slow (default 10,000, besides the batch being written); past it the oldest are dropped and reported. */
  readonly bufferSize?: number;
  /** How long `connectRedis` tries to reach Redis before it rejects (default 5,000 ms). */
  readonly connectTimeoutMs?: number;
  /**
   * How long `close()` takes at most (default 5,000 ms), also when Redis stops answering: the read
   * in flight, the pending writes, disconnecting. Events not acknowledged by then are reported as dropped.
   */
  readonly closeTimeoutMs?: number;
  /** How many recent incoming event ids are remembered to deliver each id once (default 10,000). */
  readonly dedupeSize?: number;
}

/** The options, checked, with their defaults. */
export interface BridgeSettings {
  readonly url: string;
  readonly stream: string;
  readonly group: string | undefined;
  readonly consumer: string;
  readonly types: ReadonlySet<string> | undefined;
  readonly maxRank: number;
  readonly maxLen: number | undefined;
  readonly from: string;
  readonly onError: RedisBridgeOptions['onError'];
  readonly bufferSize: number;
  readonly connectTimeoutMs: number;
  readonly closeTimeoutMs: number;
  readonly dedupeSize: number;
}

const WHERE = 'connectRedis';

/** Checks `options`: a `TypeError` or `RangeError` naming the first problem. */
export function checkOptions(options: unknown): BridgeSettings {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${WHERE}: options must be an object with url and stream, got ${show(options)}`);
  const o = options as Partial<Record<keyof RedisBridgeOptions, unknown>>;
  const url = requireString(o.url, 'url');
  if (!/^rediss?:\/\//.test(url)) throw new TypeError(`${WHERE}: url must start with redis:// or rediss://, got ${JSON.stringify(maskUrl(url))}`);
  const maxRank = levelOf(o.visibility ?? 'internal', WHERE);
  if (o.types !== undefined && (!Array.isArray(o.types) || !o.types.every((t) => typeof t === 'string'))) {
    throw new TypeError(`${WHERE}: types must be an array of event type names, got ${show(o.types)}`);
  }
  if (o.onError !== undefined && typeof o.onError !== 'function') throw new TypeError(`${WHERE}: onError must be a function, got ${show(o.onError)}`);
  return {
    url,
    stream: requireString(o.stream, 'stream'),
    group: o.group === undefined ? undefined : requireString(o.group, 'group'),
    consumer: o.consumer === undefined ? `${hostname()}-${process.pid}` : requireString(o.consumer, 'consumer'),
    types: o.types === undefined ? undefined : new Set(o.types as string[]),
    maxRank,
    maxLen: o.maxLen === undefined ? undefined : positiveInteger(o.maxLen, 'maxLen'),
    from: o.from === undefined ? '$' : streamId(o.from),
    onError: o.onError as RedisBridgeOptions['onError'],
    bufferSize: positiveInteger(o.bufferSize ?? 10_000, 'bufferSize'),
    connectTimeoutMs: positiveInteger(o.connectTimeoutMs ?? 5_000, 'connectTimeoutMs'),
    closeTimeoutMs: positiveInteger(o.closeTimeoutMs ?? 5_000, 'closeTimeoutMs'),
    dedupeSize: positiveInteger(o.dedupeSize ?? 10_000, 'dedupeSize'),
  };
}

/** The URL with its password replaced by `***`, fit for messages. */
export function maskUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${WHERE}: ${name} must be a non-empty string, got ${show(value)}`);
  return value;
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${WHERE}: ${name} must be a number, got ${show(value)}`);
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${WHERE}: ${name} must be a positive integer, got ${value}`);
  return value;
}

function streamId(value: unknown): string {
  if (typeof value !== 'string' || !/^(\$|\d+(-\d+)?)$/.test(value)) {
    throw new TypeError(`${WHERE}: from must be '$', '0' or a stream id such as '1700000000000-0', got ${show(value)}`);
  }
  return value;
}
