import type { StreamFilter, Visibility } from '@mesh/bus';
import { describeValue, requireFunction } from '@mesh/signals/internal';

/** Options of {@link sseHandler}. */
export interface SseOptions {
  /**
   * Which events the clients get (types, runId, lane, visibility). The default
   * and every filter without a `visibility` carry only `public` events.
   */
  filter?: Omit<StreamFilter, 'sinceSeq'>;
  /**
   * Live events queued per client (terminal ones included): past it the oldest
   * non-terminal event is dropped, or the oldest terminal one when nothing else
   * is left. History replayed on resume is read as the client takes it and
   * never counts. Default 1000.
   */
  bufferSize?: number;
  /** A comment line this often when nothing else was sent, to keep proxies from closing the connection. Default 15000. */
  heartbeatMs?: number;
  /** Sent as `retry: <retryMs>` at the start of each response: how soon the client reconnects. Default: no field (the client's own default). */
  retryMs?: number;
  /** Decides per request; `false` (or a promise of it) answers 403 and streams nothing. */
  authorize?: (request: Request) => boolean | Promise<boolean>;
}

/** The options of an SSE handler, checked and with their defaults. */
export interface SseSettings {
  /** The filter, its `visibility` set (`public` unless given). */
  readonly filter: StreamFilter & { readonly visibility: Visibility };
  readonly bufferSize: number;
  readonly heartbeatMs: number;
  readonly retryMs: number | undefined;
  readonly authorize: ((request: Request) => boolean | Promise<boolean>) | undefined;
}

/** Checks {@link SseOptions}: a `TypeError` or `RangeError` naming the bad option. */
export function checkSseOptions(options: unknown, where: string): SseSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
  }
  const { filter = {}, bufferSize = 1000, heartbeatMs = 15_000, retryMs, authorize } = options as SseOptions;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new TypeError(`${where}: filter must be an object, got ${describeValue(filter)}`);
  }
  if ('sinceSeq' in filter) throw new TypeError(`${where}: filter.sinceSeq is set per client, by its Last-Event-ID`);
  if (!Number.isInteger(bufferSize) || bufferSize < 1) throw new RangeError(`${where}: bufferSize must be a positive integer, got ${describeValue(bufferSize)}`);
  if (typeof heartbeatMs !== 'number' || !(heartbeatMs >= 1) || !Number.isFinite(heartbeatMs)) {
    throw new RangeError(`${where}: heartbeatMs must be a positive number of milliseconds, got ${describeValue(heartbeatMs)}`);
  }
  if (retryMs !== undefined && (!Number.isSafeInteger(retryMs) || retryMs < 0)) {
    throw new RangeError(`${where}: retryMs must be a whole number of milliseconds (0 or more), got ${describeValue(retryMs)}`);
  }
  if (authorize !== undefined) requireFunction(authorize, where, 'authorize');
  return { filter: { ...filter, visibility: filter.visibility ?? 'public' }, bufferSize, heartbeatMs, retryMs, authorize };
}
