import { describeValue } from '@mesh/signals/internal';
import { EventRejectedError } from '../errors.js';
import type { Event } from '../event.js';

/** Rejects an event by returning a reason, or lets it through with `undefined`. */
export type Guard = (event: Event) => string | undefined;

/** Runs every guard, in order; the first reason rejects with `EventRejectedError`. */
export function runGuards(guards: readonly Guard[], event: Event): void {
  for (const guard of guards) {
    const reason = guard(event);
    if (reason === undefined) continue;
    if (typeof reason !== 'string') {
      throw new TypeError(`a guard must return a string reason or undefined, got ${describeValue(reason)}`);
    }
    throw new EventRejectedError(reason);
  }
}
