import { EventBus } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { describeValue } from '@mesh/signals/internal';

/** What the HTTP endpoints stream: a bus, or a bus tree's node (its local bus, which sees its subtree). */
export type StreamableBus<M> = EventBus<M> | ScopedEventBus<M>;

/** The `EventBus` behind `target`; a `TypeError` naming the caller for anything that is not a bus. */
export function busOf(target: unknown, where: string): EventBus<Record<string, unknown>> {
  if (target instanceof EventBus) return target as EventBus<Record<string, unknown>>;
  if (target instanceof ScopedEventBus) return target.bus as EventBus<Record<string, unknown>>;
  throw new TypeError(`${where}: expected an EventBus or a ScopedEventBus, got ${describeValue(target)}`);
}
