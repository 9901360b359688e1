import { EventBus, defineEvents, event, type Event, type EventMapOf } from '@mesh/bus';
import { randomUUID } from 'node:crypto';
import { connectRedis, type RedisBridge, type RedisBridgeOptions, type RedisErrorContext } from '@mesh/redis';

/** The registry of the redis tests. */
export const EventType = defineEvents({
  ORDER_PLACED: event<{ order: string; total: number; tags?: string[] }>(),
  TICK: event<{ n: number }>(),
  AUDIT: event<{ note: string }>({ visibility: 'debug' }),
  LOCAL_ONLY: event<{ note: string }>(),
  DONE: event({ terminal: true }),
});

/** A bus of the test registry. */
export const newBus = (): EventBus<EventMapOf<typeof EventType>> => new EventBus(EventType);

/** A stream key nobody else uses. */
export const freshStream = (): string => `test-${randomUUID()}`;

/** An error reported to onError, with its context. */
export interface Report {
  readonly error: unknown;
  readonly context: RedisErrorContext;
}

/** A bus and its bridge, with what it received and what it reported. */
export interface Node {
  readonly bus: ReturnType<typeof newBus>;
  readonly bridge: RedisBridge;
  readonly seen: Event[];
  readonly reports: Report[];
}

/** A new bus connected to `stream`, recording every event it sees and every report. */
export async function node(url: string, stream: string, options: Partial<RedisBridgeOptions<string>> = {}): Promise<Node> {
  const bus = newBus();
  const seen: Event[] = [];
  const reports: Report[] = [];
  bus.subscribeAll((e) => void seen.push(e));
  const bridge = await connectRedis(bus, { url, stream, onError: (error: unknown, context: RedisErrorContext) => void reports.push({ error, context }), ...options } as never);
  return { bus, bridge, seen, reports };
}
