/**
 * The errors of the EventEmitter drop-in, as Node's `events` throws them:
 * the same classes, `code`s and messages (`ERR_INVALID_ARG_TYPE`,
 * `ERR_OUT_OF_RANGE`, `ERR_UNHANDLED_ERROR`), a stack whose first line
 * names the code, and `toString()` giving `TypeError [CODE]: message`.
 */
import { constructorName, inspect } from './inspect.js';

/** An error with Node's `code`. */
export type CodedError<E extends Error = Error> = E & { code: string };

/** `new Base(message)` with `code`, in Node's form. */
function coded<E extends Error>(Base: new (message: string) => E, code: string, message: string): CodedError<E> {
  const error = new Base(message) as CodedError<E>;
  // The stack is written when first read: read it while the name carries the code, as Node's errors do.
  const plain = error.name;
  Object.defineProperty(error, 'name', { value: `${plain} [${code}]`, configurable: true, writable: true });
  void error.stack;
  delete (error as { name?: string }).name;
  error.code = code;
  Object.defineProperty(error, 'toString', {
    value(this: Error) {
      return `${this.name} [${code}]: ${this.message}`;
    },
    configurable: true,
    writable: true,
  });
  return error;
}

/** `value` as Node's argument errors describe what they received. */
function received(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function' && value.name !== '') return `function ${value.name}`;
  if (typeof value === 'object') {
    const name = constructorName(value);
    return name === null ? inspect(value, -1) : `an instance of ${name}`;
  }
  if (typeof value === 'string') {
    const text = value.length > 28 ? `${value.slice(0, 25)}...` : value;
    return `type string (${text.includes("'") ? JSON.stringify(text) : `'${text}'`})`;
  }
  let shown = inspect(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof value} (${shown})`;
}

/** A number as `ERR_OUT_OF_RANGE` shows it: integers beyond 2³² with `_` between thousands. */
function rangeValue(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 2 ** 32) {
    const digits = String(Math.abs(value));
    let grouped = '';
    for (let end = digits.length; end > 0; end -= 3) grouped = `${digits.slice(Math.max(0, end - 3), end)}${grouped === '' ? '' : `_${grouped}`}`;
    return `${value < 0 ? '-' : ''}${grouped}`;
  }
  return inspect(value);
}

/** `ERR_INVALID_ARG_TYPE`: `The "name" argument must be of type <expected>. Received …` (`property` for dotted names). */
export function invalidArgType(name: string, expected: string, value: unknown): CodedError<TypeError> {
  const what = name.includes('.') ? 'property' : 'argument';
  return coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${what} must be of type ${expected}. Received ${received(value)}`);
}

/** `ERR_OUT_OF_RANGE`: `The value of "name" is out of range. It must be <range>. Received …`. */
export function outOfRange(name: string, range: string, value: unknown): CodedError<RangeError> {
  return coded(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${rangeValue(value)}`);
}

/** What `emit('error', value)` throws with no `'error'` listener: the value if it is an `Error`, else `ERR_UNHANDLED_ERROR` carrying it as `context`. */
export function unhandled(value: unknown): Error {
  if (value instanceof Error) return value;
  let shown: string;
  try {
    shown = inspect(value);
  } catch {
    shown = String(value);
  }
  const error = coded(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${shown})`) as CodedError & { context: unknown };
  error.context = value;
  return error;
}

/** Throws `ERR_INVALID_ARG_TYPE` unless `listener` is a function. */
export function checkListener(listener: unknown): void {
  if (typeof listener !== 'function') throw invalidArgType('listener', 'function', listener);
}

/** Throws unless `value` is a number ≥ 0 (`Infinity` allowed, `NaN` not), naming it `name`. */
export function checkLimit(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
  if (!(value >= 0)) throw outOfRange(name, '>= 0', value);
}

/** Throws `ERR_INVALID_ARG_TYPE` unless `value` is a boolean. */
export function checkBoolean(value: unknown, name: string): asserts value is boolean {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}
