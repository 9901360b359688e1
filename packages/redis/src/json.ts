import type { JsonPrimitive, JsonValue } from './json-types.js';

/**
 * Where a payload type stops being a JSON value: a path such as
 * `"at"` or `"items[].price"` (`""` for the payload itself), or `never`
 * when every value of `T` crosses as JSON unchanged. `undefined` counts as
 * JSON where JSON leaves it out: a whole `void` payload, an object property.
 * Functions, bigints, symbols and built-in objects (Date, Map, Set…) are not
 * JSON, nor are class instances with methods (at the path of each method).
 * Nesting past 8 levels is not checked.
 */
export type NonJsonPath<T, Path extends string = '', Depth extends unknown[] = []> =
  0 extends 1 & T // `any` says nothing about a value: it is let through
    ? never
    : [T] extends [JsonValue | undefined | void]
      ? never
      : Depth['length'] extends 8
        ? never
        : T extends JsonPrimitive | undefined | void
          ? never
          : T extends readonly (infer Item)[]
            ? NonJsonPath<Exclude<Item, undefined>, `${Path}[]`, [...Depth, unknown]> | (undefined extends Item ? `${Path}[]` : never)
            : T extends ((...args: never[]) => unknown) | BuiltInObject
              ? Path
              : T extends object
                ? { [K in keyof T]-?: NonJsonPath<
                    T[K],
                    // `a.b`, or `a[string key]` for an index signature
                    string extends K ? `${Path}[string key]` : number extends K ? `${Path}[number key]` : Path extends '' ? K & string : `${Path}.${K & string}`,
                    [...Depth, unknown]
                  > }[keyof T]
                : Path;

/** Built-in objects that JSON turns into something else (a string, `{}`). */
export type BuiltInObject = Date | RegExp | Map<unknown, unknown> | Set<unknown> | WeakMap<object, unknown> | WeakSet<object> | Promise<unknown> | Error | ArrayBufferView | ArrayBuffer;

/**
 * The outgoing types of payload map `M` (those of `K`) whose payloads are not
 * JSON values, each with the path where it stops being JSON.
 */
export type NonJsonPayloads<M, K extends keyof M> = {
  [T in K]: [NonJsonPath<M[T]>] extends [never] ? never : `${T & string}: ${NonJsonPath<M[T]> extends '' ? 'the payload' : NonJsonPath<M[T]> extends `[${string}` ? `data${NonJsonPath<M[T]>}` : `data.${NonJsonPath<M[T]>}`} is not JSON`;
}[K];

/** How deep a payload may nest (objects and arrays inside each other): the bus's default `maxPayloadDepth`. */
const MAX_JSON_DEPTH = 512;

/**
 * Why `value` is not a JSON value that crosses unchanged, naming the path
 * (`data.items[2].at is a Date`), or `undefined` when it is one. Accepted:
 * null, booleans, strings, finite numbers, arrays of JSON values and plain
 * objects (prototype `Object.prototype` or `null`) of them, nested at most
 * 512 deep; `undefined` only as a whole payload or an
 * object property (JSON leaves it out). Refused: functions, bigints,
 * symbols, NaN and ±Infinity, `undefined` or a hole in an array, cycles,
 * every non-plain object (Date, Map, Set, class instances, typed arrays),
 * and what JSON would send otherwise than it is: a `toJSON` method, a getter,
 * an enumerable symbol key, nesting past 512. It reads no getter and costs what the payload
 * holds, never an array's `length` (a sparse array stops at its first hole).
 */
export function whyNotJson(value: unknown, path = 'data'): string | undefined {
  if (value === undefined) return undefined;
  return check(value, path, []);
}

function check(value: unknown, path: string, ancestors: object[]): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${path} is ${value}, which JSON turns into null`;
    case 'object':
      break;
    default:
      return `${path} is ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`;
  }
  if (value === null) return undefined;
  if (ancestors.includes(value)) return `${path} is a cycle (it contains itself)`;
  if (ancestors.length === MAX_JSON_DEPTH) return `${path.length > 60 ? `${path.slice(0, 60)}…` : path} is nested deeper than ${MAX_JSON_DEPTH} levels`;
  ancestors.push(value);
  const reason = Array.isArray(value) ? checkArray(value, path, ancestors) : checkObject(value, path, ancestors);
  ancestors.pop();
  return reason;
}

function checkArray(items: readonly unknown[], path: string, ancestors: object[]): string | undefined {
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item === undefined && !(index in items)) return `${path}[${index}] is a hole (a sparse array), which JSON turns into null`;
    const reason = check(item, `${path}[${index}]`, ancestors);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function checkObject(object: object, path: string, ancestors: object[]): string | undefined {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? `${path} is ${/^[AEIO]/i.test(name) ? 'an' : 'a'} ${name}, not a plain object` : `${path} is not a plain object`;
  }
  for (const symbol of Object.getOwnPropertySymbols(object)) {
    if (Object.prototype.propertyIsEnumerable.call(object, symbol)) return `${path} has a symbol key ${String(symbol)}, which JSON leaves out`;
  }
  for (const key of Object.keys(object)) {
    const { value, get, set } = Object.getOwnPropertyDescriptor(object, key)!;
    if (get !== undefined || set !== undefined) return `${path}.${key} is a getter (what it returns may change after this check)`;
    if (key === 'toJSON' && typeof value === 'function') return `${path} has a toJSON method, which JSON would send instead of it`;
    if (value === undefined) continue;
    const reason = check(value, `${path}.${key}`, ancestors);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
