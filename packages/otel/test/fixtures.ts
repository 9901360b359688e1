import { EventBus, defineEvents, event, type EventMapOf } from '@mesh/bus';

/** The registry of the otel tests. */
export const EventType = defineEvents({
  ORDER_PLACED: event<{ id: string; total: number }>(),
  ORDER_SHIPPED: event<{ id: string }>(),
  AUDIT: event<string>({ visibility: 'internal' }),
});

/** The payload map of {@link EventType}. */
export type Events = EventMapOf<typeof EventType>;

/** A bus of the test registry whose `onError` reports are collected. */
export function makeBus(): { bus: EventBus<Events>; errors: unknown[] } {
  const errors: unknown[] = [];
  return { bus: new EventBus(EventType, { onError: (error) => void errors.push(error) }), errors };
}

/** A promise with its resolver and rejecter, to hold an async handler until the test lets it go. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The fields of a W3C `traceparent`: version, trace id, parent span id, flags. */
export function parseTraceparent(value: unknown): { traceId: string; spanId: string; flags: string } {
  const match = typeof value === 'string' ? /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value) : null;
  if (match === null) throw new Error(`not a traceparent: ${String(value)}`);
  return { traceId: match[1]!, spanId: match[2]!, flags: match[3]! };
}
