import { waitFor } from '@mesh/signals/internal';
import { BusClosedError } from './errors.js';
import type { Event } from './event.js';
import type { BusLevel } from './level.js';
import { type WaitForOptions, checkWaitForOptions } from './options.js';

/**
 * The first event of `type` on `level` that passes `options` (and `admit`,
 * a tree's scope, when given): with `sinceSeq`, history is searched first,
 * then live events are awaited, both in the same turn, so no event falls
 * between the two. Bad arguments throw here; everything else rejects.
 */
export function waitOn(
  level: BusLevel,
  type: unknown,
  options: WaitForOptions<never> = {},
  admit: ((event: Event) => boolean) | undefined,
  where: string,
): Promise<Event> {
  const entry = level.entry(type, where);
  const passes = checkWaitForOptions(options, where);
  const { filter, sinceSeq, signal } = options;
  const matches = (event: Event): boolean =>
    (admit === undefined || admit(event)) && passes(event) && (filter === undefined || (filter as (event: Event) => boolean)(event));
  if (level.closed) return Promise.reject(new BusClosedError(`${where}: the bus is closed`));
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (sinceSeq !== undefined) {
    try {
      for (const event of level.hub.history.query({ sinceSeq, types: [entry.name] })) if (matches(event)) return Promise.resolve(event);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  const source = {
    where,
    what: `${entry.name} event`,
    connect: (receiver: (sender: unknown, event: unknown) => void) => level.hub.connect(entry.subscribers, receiver),
    until: (reject: (reason: unknown) => void) =>
      level.hub.onClose(() => reject(new BusClosedError(`${where}: the bus closed before any ${entry.name} event came`))),
  };
  return waitFor<Event, undefined>(source, { filter: (_sender, event) => matches(event), timeout: options.timeout, signal }).then(([, event]) => event);
}
