import { EventBus, defineEvents, event, type EventBusOptions } from '../src/index.js';

/** The registry most bus tests use. */
export const EventType = defineEvents({
  ORDER_PLACED: event<{ id: string; total: number }>({ doc: 'An order was placed.' }),
  ORDER_SHIPPED: event<{ id: string }>(),
  AUDIT: event<string>({ visibility: 'internal' }),
  TRACE: event<number>({ visibility: 'debug' }),
  RUN_FINISHED: event({ terminal: true }),
});

/** A bus over {@link EventType} whose `onError` reports are collected instead of printed. */
export function makeBus(options: EventBusOptions = {}) {
  const errors: unknown[] = [];
  const bus = new EventBus(EventType, { onError: (error) => void errors.push(error), ...options });
  return { bus, errors };
}

/** Lets pending promise callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
