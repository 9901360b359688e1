import { onAbort } from './abort-group.js';
import { ANY, type Subscription } from './types.js';
import { check, requireFunction } from './validate.js';

/** The error a wait rejects with when its `timeout` passes first. `name` is `'TimeoutError'`. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Options of `Signal.wait`. */
export interface WaitOptions<P, S> {
  /** Only sends from this sender (objects by identity, primitives by value). Default {@link ANY}. */
  sender?: S | typeof ANY;
  /** Only sends for which this returns `true`; if it throws, the wait rejects with its error. */
  filter?: (sender: S, payload: P) => boolean;
  /** Reject with a {@link TimeoutError} after this many milliseconds. */
  timeout?: number;
  /** Aborting it rejects the wait with `signal.reason`. */
  signal?: AbortSignal;
}

/** What a wait is built on: a way to connect its one receiver, and what to say in errors. */
export interface WaitSource {
  /** Connects the wait's receiver for `sender`; the wait disconnects it when it settles. */
  connect(receiver: (sender: unknown, payload: unknown) => void, sender: unknown): Subscription;
  /** Where the wait was made, for error messages: `'Signal.wait'`. */
  readonly where: string;
  /** What the wait waits for, for the timeout's message: `'a send'`. */
  readonly what: string;
  /**
   * Another reason to stop waiting (a bus closing): called once with the
   * wait's `reject`, it returns what undoes it when the wait settles.
   */
  readonly until?: (reject: (reason: unknown) => void) => () => void;
}

/** Checks wait options; throws a `TypeError` or `RangeError` naming the first problem. */
export function checkWaitOptions(options: Omit<WaitOptions<never, never>, 'sender'>, where: string): void {
  check(typeof options === 'object' && options !== null && !Array.isArray(options), where, 'options', 'an object', options);
  if (options.filter !== undefined) requireFunction(options.filter, where, 'options.filter');
  const { timeout, signal } = options;
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout >= 0)) {
    throw new RangeError(`${where}: options.timeout must be a finite number of milliseconds, at least 0, got ${String(timeout)}`);
  }
  check(signal === undefined || signal instanceof AbortSignal, where, 'options.signal', 'an AbortSignal', signal);
}

/**
 * The next matching send, as a promise of `[sender, payload]`: one receiver,
 * connected now and disconnected (with its timer and abort listener) the
 * moment the wait settles, whichever way. Options must be checked already.
 */
export function waitFor<P, S>(source: WaitSource, options: WaitOptions<P, S>): Promise<[sender: S, payload: P]> {
  const { filter, timeout, signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let undoAbort: (() => void) | undefined;
    let undoUntil: (() => void) | undefined;
    const settle = (): void => {
      subscription();
      if (timer !== undefined) clearTimeout(timer);
      undoAbort?.();
      undoUntil?.();
    };
    const fail = (reason: unknown): void => {
      settle();
      reject(reason);
    };
    const subscription = source.connect((sender, payload) => {
      try {
        if (filter !== undefined && !filter(sender as S, payload as P)) return;
      } catch (error) {
        fail(error);
        return;
      }
      settle();
      resolve([sender as S, payload as P]);
    }, options.sender === undefined ? ANY : options.sender);
    if (timeout !== undefined) timer = setTimeout(() => fail(new TimeoutError(`${source.where}: no ${source.what} within ${timeout} ms`)), timeout);
    if (signal) undoAbort = onAbort(signal, () => fail(signal.reason));
    undoUntil = source.until?.(fail);
  });
}
