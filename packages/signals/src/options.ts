import type { Hold } from './receiver-table.js';
import { ANY, type ConnectOptions } from './types.js';
import { describe, isObjectLike, requireOptionalBoolean } from './validate.js';

/** Connect options, checked and normalised. */
export interface ParsedConnectOptions {
  /** `ANY` or a specific sender. */
  sender: unknown;
  hold: Hold;
}

const DEFAULTS: ParsedConnectOptions = {
  sender: ANY,
  hold: { weak: false, owner: undefined, once: false, abort: undefined },
};

/**
 * Checks connect options the way {@link Signal.connect} does, labelling errors
 * with `where`: for libraries that wrap `connect` and want their own name in
 * the message. Throws a `TypeError` naming the first problem.
 */
export function checkConnectOptions(options: unknown, where: string): void {
  parseConnectOptions(options as ConnectOptions<unknown> | undefined, where);
}

/** Checks `options` of `connect`/`connectVia`; throws a `TypeError` naming the first problem. */
export function parseConnectOptions(options: ConnectOptions<unknown> | undefined, where: string): ParsedConnectOptions {
  if (options === undefined) return DEFAULTS;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  const { sender, weak, owner, signal, once } = options;
  requireOptionalBoolean(weak, where, 'options.weak');
  requireOptionalBoolean(once, where, 'options.once');
  if (owner !== undefined && !isObjectLike(owner)) {
    throw new TypeError(`${where}: options.owner must be an object or function, got ${describe(owner)}`);
  }
  if (weak === true && owner !== undefined) {
    throw new TypeError(`${where}: use options.weak or options.owner, not both (an owner decides how long the receiver lives)`);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${where}: options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
  return {
    sender: sender === undefined ? ANY : sender,
    hold: { weak: weak === true, owner, once: once === true, abort: signal },
  };
}
