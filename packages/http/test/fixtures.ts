import { EventBus, defineEvents, event, type EventBusOptions } from '@mesh/bus';

/** The registry of the HTTP tests: public, internal and debug types, and a terminal one. */
export const Agent = defineEvents({
  STEP: event<{ n: number; text?: string }>(),
  TOOL_CALL: event<{ tool: string }>({ visibility: 'internal' }),
  TRACE: event<number>({ visibility: 'debug' }),
  RUN_FINISHED: event<{ ok: boolean }>({ terminal: true }),
});

/** A bus over {@link Agent}; `onError` reports are kept. */
export function makeBus(options: EventBusOptions = {}) {
  const errors: unknown[] = [];
  const bus = new EventBus(Agent, { onError: (error) => void errors.push(error), ...options });
  return { bus, errors };
}
