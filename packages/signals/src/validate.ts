/** Argument checks shared by the package: each throws a `TypeError` that names the problem. */

/** A short description of a value for error messages: its type, and the value when short. */
export function describe(value: unknown): string {
  const type = typeof value;
  if (type === 'string') return value === '' ? 'an empty string' : `the string ${JSON.stringify((value as string).slice(0, 40))}`;
  if (value == null || type === 'symbol') return String(value);
  if (type === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return type === 'function' ? 'a function' : `${type} ${value as number | boolean | bigint}`;
}

/**
 * Throws `TypeError("<where>: <what> must be <expected>, got <value described>")` unless `ok`.
 */
export function check(ok: boolean, where: string, what: string, expected: string, value: unknown): void {
  if (!ok) throw new TypeError(`${where}: ${what} must be ${expected}, got ${describe(value)}`);
}

/** Throws a `TypeError` naming `what` and `where` unless `value` is a function (for packages built on signals, too). */
export function requireFunction(value: unknown, where: string, what: string): asserts value is (...args: never[]) => unknown {
  check(typeof value === 'function', where, what, 'a function', value);
}

/** Throws unless `value` is a non-empty string. */
export function requireName(value: unknown, where: string): asserts value is string {
  check(typeof value === 'string' && value !== '', where, 'a signal name', 'a non-empty string', value);
}

/** Throws unless `value` is a string or undefined. */
export function requireOptionalDoc(value: unknown, where: string): asserts value is string | undefined {
  check(value === undefined || typeof value === 'string', where, 'doc', 'a string', value);
}

/** `true` for values held by identity (and weakly) rather than by value. */
export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}
