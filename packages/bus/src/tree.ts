/**
 * The tree seam `@mesh/scoped` builds on (through `@mesh/bus/internal`): a
 * root bus whose events carry `scope`, child buses that share its writer,
 * and streams and waits narrowed by origin.
 */
import { EventBus, LEVEL, levelOf } from './bus.js';
import { limitsOf, settingsOf } from './defaults.js';
import { BusClosedError } from './errors.js';
import type { Event, EventOf } from './event.js';
import type { EventSpec, EventTypes } from './events.js';
import type { EventStream } from './hub/stream.js';
import { BusLevel } from './level.js';
import type { EventBusOptions, StreamFilter, StreamOptions, WaitForOptions } from './options.js';
import { feedOn, streamOn } from './stream-on.js';
import { waitOn } from './wait-for.js';
import { Writer } from './writer/writer.js';

/** Options of a tree's root bus. */
export interface TreeRootOptions extends EventBusOptions {
  /** The root's path, stamped as `event.scope` on the events published on it. */
  readonly path: string;
}

/** The root bus of a tree (for `@mesh/scoped`): a bus whose events carry `scope`, and below which {@link createChildBus} adds levels. */
export function createRootBus<M>(types: EventTypes<M>, options: TreeRootOptions): EventBus<M> {
  const writer = new Writer(limitsOf(options));
  const attach = (specs: ReadonlyMap<string, EventSpec>) => new BusLevel(specs, settingsOf(options), writer, undefined, options.path);
  return new EventBus(types, { ...options, [LEVEL]: attach } as EventBusOptions);
}

/** A bus one level below `parent` in its tree, at `path`: it shares the tree's writer, settings and plugins above it (instrumentations included). */
export function createChildBus<P, C>(parent: EventBus<P>, types: EventTypes<C>, path: string): EventBus<C> {
  const above = levelOf(parent);
  if (above.closed) throw new BusClosedError(`a child of ${above.path ?? 'a bus'}: the parent is closed`);
  const attach = (specs: ReadonlyMap<string, EventSpec>) => new BusLevel(specs, above.settings, above.writer, above, path);
  return new EventBus(types, { [LEVEL]: attach } as EventBusOptions);
}

/** A stream on `bus` narrowed by `admit` (for a tree's `scope`). */
export function scopedStream<M, K extends keyof M & string = keyof M & string>(
  bus: EventBus<M>,
  filter: StreamFilter<K>,
  options: StreamOptions,
  admit: (event: Event) => boolean,
  where: string,
): EventStream<EventOf<M, K>> {
  return streamOn(levelOf(bus), filter, options, admit, where);
}

/** A wait on `bus` narrowed by `admit` (for a tree's `scope`). */
export function scopedWait<M, K extends keyof M & string>(
  bus: EventBus<M>,
  type: K,
  options: WaitForOptions<M[K]> | undefined,
  admit: (event: Event) => boolean,
  where: string,
): Promise<EventOf<M, K>> {
  return waitOn(levelOf(bus), type, options as WaitForOptions<never>, admit, where) as Promise<EventOf<M, K>>;
}

/** Feeds `offer` the live events matching `filter` (checked as `stream` does), `finish` when the bus closes; returns the detach. For transports with a queue of their own. */
export function feedEvents<M>(bus: EventBus<M>, filter: StreamFilter, offer: (event: Event) => void, finish: () => void, where: string): () => void {
  return feedOn(levelOf(bus), filter, offer, finish, where);
}
