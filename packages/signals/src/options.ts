import { ANY, type ConnectOptions } from './types.js';
import { check, isObjectLike } from './validate.js';

/** Connect options, checked, with `sender` defaulted to {@link ANY}. */
export type ParsedConnectOptions = ConnectOptions<unknown> & { sender: unknown };

const DEFAULTS: ParsedConnectOptions = { sender: ANY };

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
  check(typeof options === 'object' && options !== null && !Array.isArray(options), where, 'options', 'an object', options);
  const { sender = ANY, weak, owner, signal, once } = options;
  check(weak === undefined || typeof weak === 'boolean', where, 'options.weak', 'a boolean', weak);
  check(once === undefined || typeof once === 'boolean', where, 'options.once', 'a boolean', once);
  check(owner === undefined || isObjectLike(owner), where, 'options.owner', 'an object or function', owner);
  // An owner decides how long its receiver lives, so the two do not mix.
  check(!weak || owner === undefined, where, 'options.weak', 'unset when options.owner is given', weak);
  check(signal === undefined || signal instanceof AbortSignal, where, 'options.signal', 'an AbortSignal', signal);
  return { sender, weak, owner, signal, once };
}
