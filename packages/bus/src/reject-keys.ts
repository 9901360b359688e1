import { describeValue } from '@mesh/signals/internal';
import type { Event } from './event.js';
import type { Guard } from './writer/guards.js';

/**
 * A guard that rejects any event whose payload or metadata holds one of
 * `keys`, at any depth: e.g. `rejectKeys(['chain_of_thought'])` keeps hidden
 * reasoning off the bus, with a reason that says where it was found.
 */
export function rejectKeys(keys: readonly string[]): Guard {
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((key) => typeof key !== 'string' || key === '')) {
    throw new TypeError(`rejectKeys: keys must be a non-empty array of non-empty strings, got ${describeValue(keys)}`);
  }
  const forbidden = new Set(keys);
  return (event: Event) => {
    const found = findKey(event.data, forbidden, 'data') ?? findKey(event.metadata, forbidden, 'metadata');
    return found === undefined ? undefined : `${event.type} carries the forbidden key ${JSON.stringify(found.key)} at ${found.path}`;
  };
}

/**
 * The first forbidden key in `value` with its path, depth first: own keys,
 * and the keys of what a `toJSON()` returns (what SSE and Redis send). An
 * explicit stack, so no nesting depth overflows the call stack.
 */
function findKey(root: unknown, forbidden: ReadonlySet<string>, rootPath: string): { key: string; path: string } | undefined {
  const seen = new Set<object>();
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: rootPath }];
  while (stack.length !== 0) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const isArray = Array.isArray(value);
    const keys = Object.keys(value);
    const next: Array<{ value: unknown; path: string }> = [];
    for (const key of keys) {
      const at = isArray ? `${path}[${key}]` : `${path}.${key}`;
      if (!isArray && forbidden.has(key)) return { key, path: at };
      next.push({ value: (value as Record<string, unknown>)[key], path: at });
    }
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') next.push({ value: wrapJson(toJSON.call(value)), path: `${path}.toJSON()` });
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!); // first key on top: depth first, in key order
  }
  return undefined;
}

/** A `toJSON()` result as something to search: an object as it is, a string that is JSON parsed. */
function wrapJson(output: unknown): unknown {
  if (typeof output !== 'string') return output;
  try {
    return JSON.parse(output) as unknown;
  } catch {
    return undefined;
  }
}
