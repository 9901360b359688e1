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
    const found = findKey(event.data, forbidden, 'data', new Set()) ?? findKey(event.metadata, forbidden, 'metadata', new Set());
    return found === undefined ? undefined : `${event.type} carries the forbidden key ${JSON.stringify(found.key)} at ${found.path}`;
  };
}

/** The first forbidden own key in `value`, depth first, with its path. */
function findKey(value: unknown, forbidden: ReadonlySet<string>, path: string, seen: Set<object>): { key: string; path: string } | undefined {
  if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
  seen.add(value);
  const isArray = Array.isArray(value);
  for (const key of Object.keys(value)) {
    const at = isArray ? `${path}[${key}]` : `${path}.${key}`;
    if (!isArray && forbidden.has(key)) return { key, path: at };
    const inner = findKey((value as Record<string, unknown>)[key], forbidden, at, seen);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
