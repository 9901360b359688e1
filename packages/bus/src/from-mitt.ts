import { describeValue } from '@mesh/signals/internal';
import type { EventBus } from './bus.js';
import { UnknownEventTypeError } from './errors.js';
import type { PublishOptions } from './options.js';

/** The part of a mitt emitter that {@link fromMitt} uses (mitt itself, or `@mesh/signals/mitt`). */
export interface MittLike {
  on(type: '*', handler: (type: string | symbol, event: unknown) => void): void;
  off(type: '*', handler: (type: string | symbol, event: unknown) => void): void;
}

/**
 * Forwards every event of a mitt emitter into a bus, as a publish of the same
 * type and payload: a step in moving from mitt to a typed bus. Types the bus
 * does not know are skipped (or reported to `onUnknown`); other publish
 * errors (a guard, a schema) are thrown from the mitt `emit` that caused
 * them. Returns the function that stops forwarding.
 */
export function fromMitt<M>(
  emitter: MittLike,
  bus: EventBus<M>,
  options: { publish?: PublishOptions; onUnknown?: (type: string | symbol) => void } = {},
): () => void {
  if (typeof emitter !== 'object' || emitter === null || typeof emitter.on !== 'function' || typeof emitter.off !== 'function') {
    throw new TypeError(`fromMitt: expected a mitt emitter, got ${describeValue(emitter)}`);
  }
  const forward = (type: string | symbol, event: unknown): void => {
    try {
      (bus.publish as (type: string | symbol, data: unknown, options?: PublishOptions) => string)(type, event, options.publish);
    } catch (error) {
      if (!(error instanceof UnknownEventTypeError)) throw error;
      options.onUnknown?.(type);
    }
  };
  emitter.on('*', forward);
  return () => emitter.off('*', forward);
}
