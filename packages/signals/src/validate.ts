/** Argument checks shared by the package: each throws a `TypeError` that names the problem. */

/** A short description of a value for error messages: its type, and the value when short. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : `the string ${JSON.stringify(value.slice(0, 40))}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return String(value);
    case 'function':
      return 'a function';
    default:
      return 'an object';
  }
}

/** Throws a `TypeError` naming `what` and `where` unless `value` is a function (for packages built on signals, too). */
export function requireFunction(value: unknown, where: string, what: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw new TypeError(`${where}: ${what} must be a function, got ${describe(value)}`);
}

/** Throws unless `value` is a non-empty string. */
export function requireName(value: unknown, where: string): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`${where}: a signal name must be a non-empty string, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a string or undefined. */
export function requireOptionalDoc(value: unknown, where: string): asserts value is string | undefined {
  if (value !== undefined && typeof value !== 'string') {
    throw new TypeError(`${where}: doc must be a string, got ${describe(value)}`);
  }
}

/** Throws unless `value` is a boolean or undefined. */
export function requireOptionalBoolean(value: unknown, where: string, what: string): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new TypeError(`${where}: ${what} must be a boolean, got ${describe(value)}`);
  }
}

/** `true` for values held by identity (and weakly) rather than by value. */
export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}
