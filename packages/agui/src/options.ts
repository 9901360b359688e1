import type { RunAgentInput } from '@ag-ui/core';
import type { Visibility } from '@mesh/bus';
import { levelOf } from '@mesh/bus/internal';
import type { ScopedEventBus } from '@mesh/scoped';
import { describeValue, requireFunction } from '@mesh/signals/internal';
import type { AgUiEventMap } from './events.js';

/** Options of {@link aguiHandler}. */
export interface AguiOptions {
  /**
   * The agent: called once per request with the checked input, the run's own
   * bus (a child of the root named by `input.runId`) and a signal that aborts
   * when the client goes away. What it publishes on `run` streams to the
   * client; a value it returns becomes the `result` of the `RUN_FINISHED`
   * added for it.
   */
  run: (input: RunAgentInput, run: ScopedEventBus<AgUiEventMap>, signal: AbortSignal) => unknown;
  /** Decides per request; `false` (or a promise of it) answers 403 and runs nothing. */
  authorize?: (request: Request) => boolean | Promise<boolean>;
  /** The highest visibility streamed to the client. Default `'public'`: `internal` and `debug` events stay on the server. */
  visibility?: Visibility;
  /**
   * Events queued for a client that has not read them yet. A client that
   * falls this far behind gets `RUN_ERROR` (code `CLIENT_OVERFLOW`) instead of
   * the events it missed, and its run is aborted. Default 1000.
   */
  bufferSize?: number;
  /** The largest request body read, in bytes; a bigger one gets 413 and runs nothing. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** {@link AguiOptions}, checked and with their defaults. */
export interface AguiSettings {
  readonly run: AguiOptions['run'];
  readonly authorize: AguiOptions['authorize'];
  readonly visibility: Visibility;
  readonly bufferSize: number;
  readonly maxBodyBytes: number;
}

/** Checks {@link AguiOptions}: a `TypeError` naming the bad option. */
export function checkAguiOptions(options: unknown, where: string): AguiSettings {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object with a run function, got ${describeValue(options)}`);
  }
  const { run, authorize, visibility = 'public', bufferSize = 1000, maxBodyBytes = 1 << 20 } = options as Partial<AguiOptions>;
  requireFunction(run, where, 'run');
  if (authorize !== undefined) requireFunction(authorize, where, 'authorize');
  levelOf(visibility, where);
  if (!Number.isSafeInteger(bufferSize) || bufferSize < 1) {
    throw new TypeError(`${where}: bufferSize must be a positive integer, got ${describeValue(bufferSize)}`);
  }
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError(`${where}: maxBodyBytes must be a positive integer, got ${describeValue(maxBodyBytes)}`);
  }
  return { run, authorize, visibility, bufferSize, maxBodyBytes };
}
