/**
 * What the @mesh/bus scenarios share: the event registry, the frozen payload
 * every bus candidate publishes, and a plain bus with its subscribers.
 */
import { EventBus, defineEvents, event, type EventMapOf } from '@mesh/bus';
import { eventHandlers, type Payload } from './receivers.js';

/** The registry of the bus scenarios: one event type carrying the benchmark payload. */
export const BenchEvents = defineEvents({ TICK: event<Payload>() });

/** The payload map of {@link BenchEvents}. */
export type BenchMap = EventMapOf<typeof BenchEvents>;

/** The event type every bus candidate publishes. */
export const TICK = BenchEvents.TICK;

/**
 * The payload the bus scenarios publish, frozen from the start: the bus
 * deep-freezes payloads, and freezing the shared `PAYLOAD` halfway through a
 * child would change its shape under the candidates measured after.
 */
export const FROZEN_PAYLOAD: Payload = Object.freeze({ n: 1 });

/** A bus keeping `historyLimit` events (1000 when left out) with `subscribers` distinct handlers on {@link TICK}. */
export function benchBus(subscribers: number, historyLimit?: number): EventBus<BenchMap> {
  const bus = new EventBus(BenchEvents, historyLimit === undefined ? {} : { historyLimit });
  for (const handler of eventHandlers(subscribers)) bus.subscribe(TICK, handler);
  return bus;
}
