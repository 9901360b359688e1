import { BusClosedError } from './errors.js';
import type { Event } from './event.js';
import type { EventStream } from './hub/stream.js';
import type { BusLevel } from './level.js';
import { type StreamFilter, type StreamOptions, checkStream } from './options.js';

/** Opens a stream on `level` after checking its arguments; `admit`, when given, narrows it further (a tree's scope). */
export function streamOn<E extends Event>(
  level: BusLevel,
  filter: StreamFilter,
  options: StreamOptions,
  admit: ((event: Event) => boolean) | undefined,
  where: string,
): EventStream<E> {
  const matches = checkStream(filter, options, where, (type, at) => level.entry(type, at));
  if (level.closed) throw new BusClosedError(`${where}: the bus is closed`);
  return level.hub.stream<E>({
    matches: admit === undefined ? matches : (event) => admit(event) && matches(event),
    sinceSeq: filter.sinceSeq,
    bufferSize: options.bufferSize ?? 1000,
    endOnTerminal: options.endOnTerminal ?? filter.runId !== undefined,
    isTerminal: (event) => level.entry(event.type, where).spec.terminal,
  });
}

/** Feeds `offer` the live events on `level` matching `filter` (checked as `stream` does), `finish` when it closes; returns the detach. */
export function feedOn(level: BusLevel, filter: StreamFilter, offer: (event: Event) => void, finish: () => void, where: string): () => void {
  const matches = checkStream(filter, {}, where, (type, at) => level.entry(type, at));
  if (level.closed) throw new BusClosedError(`${where}: the bus is closed`);
  return level.hub.feed(matches, offer, finish);
}
