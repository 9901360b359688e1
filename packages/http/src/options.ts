import type { StreamFilter } from '@mesh/bus';
import { describeValue, requireFunction } from '@mesh/signals/internal';

/** Options of {@link sseHandler}. */
export interface SseOptions {
  /**
   * Which events the clients get (types, runId, lane, visibility). The default
   * and every filter without a `visibility` carry only `public` events.
   */
  filter?: Omit<StreamFilter, 'sinceSeq'>;
  /** Events queued per client before the oldest non-terminal one is dropped. Default 1000. */
  bufferSize?: number;
  /** A comment line this often when nothing else was sent, to keep proxies from closing the connection. Default 15000. */
  heartbeatMs?: number;
  /** Decides per request; `false` (or a promise of it) answers 403 and streams nothing. */
  authorize?: (request: Request) => boolean | Promise<boolean>;
}

/** The options of an SSE handler, checked and with their defaults. */
export interface SseSettings {
  readonly filter: StreamFilter;
  readonly bufferSize: number;
  readonly heartbeatMs: number;
  readonly authorize: ((request: Request) => boolean | Promise<boolean>) | undefined;
}

/** Checks {@link SseOptions}: a `TypeError` or `RangeError` naming the bad option. */
export function checkSseOptions(options: unknown, where: string): SseSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
  }
  const { filter = {}, bufferSize = 1000, heartbeatMs = 15_000, authorize } = options as SseOptions;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new TypeError(`${where}: filter must be an object, got ${describeValue(filter)}`);
  }
  if ('sinceSeq' in filter) throw new TypeError(`${where}: filter.sinceSeq is set per client, by its Last-Event-ID`);
  if (!Number.isInteger(bufferSize) || bufferSize < 1) throw new RangeError(`${where}: bufferSize must be a positive integer, got ${describeValue(bufferSize)}`);
  if (typeof heartbeatMs !== 'number' || !(heartbeatMs >= 1) || !Number.isFinite(heartbeatMs)) {
    throw new RangeError(`${where}: heartbeatMs must be a positive number of milliseconds, got ${describeValue(heartbeatMs)}`);
  }
  if (authorize !== undefined) requireFunction(authorize, where, 'authorize');
  return { filter: { ...filter, visibility: filter.visibility ?? 'public' }, bufferSize, heartbeatMs, authorize };
}
