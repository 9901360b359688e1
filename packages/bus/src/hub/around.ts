import type { Event } from '../event.js';
import type { Instrumentation } from '../instrumentation.js';

/** Calls a handler with an event through the `handle` hooks of a bus's instrumentations. */
export type HandlerAround = (event: Event, handler: (event: Event) => unknown) => unknown;

/**
 * One function that calls a handler through every `handle` hook of
 * `instrumentations`, the first (the root's) outermost; `undefined` when none
 * has one, so receivers call handlers directly. Made once per change of the
 * list: with one hook a call allocates nothing; each further hook adds one
 * closure per call.
 */
export function aroundOf(instrumentations: readonly Instrumentation[]): HandlerAround | undefined {
  let around: HandlerAround | undefined;
  for (let i = instrumentations.length - 1; i >= 0; i--) {
    const instrumentation = instrumentations[i]!;
    if (instrumentation.handle === undefined) continue;
    const inner = around;
    around =
      inner === undefined
        ? (event, handler) => instrumentation.handle!(event, handler)
        : (event, handler) => instrumentation.handle!(event, (seen) => inner(seen, handler));
  }
  return around;
}
