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

/** Resolves once `condition()` holds; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
