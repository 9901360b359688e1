import { EventBus } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { describeValue } from '@mesh/signals/internal';

/** Anything `instrument` takes: a bus, or a bus of a tree (the instrumentation covers its subtree). */
export type Instrumentable<M> = EventBus<M> | ScopedEventBus<M>;

/** The buses instrumented now. */
const instrumented = new WeakSet<object>();

/** A value named for an error message: its kind, and its class when it has one. */
function named(value: unknown): string {
  const kind = describeValue(value);
  if (typeof value !== 'object' || value === null) return kind;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' && name !== 'Array' ? `${kind} of class ${name}` : kind;
}

/** The `EventBus` of an instrumentable; a `TypeError` naming what it got for anything else. */
export function busOf<M>(target: Instrumentable<M>, where: string): EventBus<M> {
  if (target instanceof EventBus) return target;
  if (target instanceof ScopedEventBus) return target.bus;
  throw new TypeError(`${where}: expected an EventBus or a ScopedEventBus, got ${named(target)}`);
}

/** The buses a tree's instrumentation would overlap with: its ancestors' and its descendants'. */
function* overlapping(target: unknown): Generator<object> {
  if (!(target instanceof ScopedEventBus)) return;
  for (let at = target.parent; at !== undefined; at = at.parent) yield at.bus;
  const below = [...target.children];
  for (let next = below.pop(); next !== undefined; next = below.pop()) {
    yield next.bus;
    below.push(...next.children);
  }
}

/**
 * Marks `bus` instrumented; a `TypeError` when it already is, or (for a
 * tree) when an ancestor or a descendant is, since its events would be
 * traced twice. Returns the function that unmarks it.
 */
export function claim(bus: object, target: unknown, where: string): () => void {
  if (instrumented.has(bus)) throw new TypeError(`${where}: this bus is already instrumented; remove that instrumentation first (call the function instrument returned)`);
  for (const other of overlapping(target)) {
    if (instrumented.has(other)) throw new TypeError(`${where}: a bus of this tree above or below ${(target as { path: string }).path} is already instrumented, so its events would be traced twice`);
  }
  instrumented.add(bus);
  return () => instrumented.delete(bus);
}
