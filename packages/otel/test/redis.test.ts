import type { Event, EventBus } from '@mesh/bus';
import { type RedisBridge, connectRedis } from '@mesh/redis';
import { ScopedEventBus } from '@mesh/scoped';
import { instrument } from '@mesh/otel';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test-support/redis-server.js';
import { waitFor } from '../../../test-support/wait.js';
import { EventType, type Events, makeBus } from './fixtures.js';
import { type TestSdk, parentId, startSdk } from './sdk.js';

let sdk: TestSdk;
let redis: RedisServer;
const bridges: RedisBridge[] = [];
const removers: (() => void)[] = [];

beforeAll(async () => {
  sdk = startSdk();
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(bridges.map((bridge) => bridge.close()));
  for (const remove of removers) remove();
  await redis?.stop();
  await sdk?.stop();
});
afterEach(() => sdk.reset());

/** Connects `bus` to `stream`; closed after the file. */
async function bridged(bus: EventBus<Events>, stream: string): Promise<void> {
  bridges.push(await connectRedis(bus, { url: redis.url, stream }));
}

describe('one trace across buses through @mesh/redis (real redis-server)', () => {
  test('a publish on bus A and its delivery on bus B: the consumer span’s parent on B is the producer span on A', async () => {
    const stream = `otel-${randomUUID()}`;
    const a = makeBus().bus;
    const b = makeBus().bus;
    removers.push(instrument(a), instrument(b));
    await bridged(a, stream);
    await bridged(b, stream);
    const received: Event[] = [];
    b.subscribe('ORDER_PLACED', (e) => {
      received.push(e);
      sdk.tracer.startSpan('reserve stock').end();
    });
    sdk.tracer.startActiveSpan('POST /orders', (request) => {
      a.publish('ORDER_PLACED', { id: 'A-1', total: 120 });
      request.end();
    });
    await waitFor(() => sdk.spans().some((s) => s.name === 'reserve stock'), 'the delivery on B');
    const request = sdk.span('POST /orders');
    const producer = sdk.span('publish ORDER_PLACED');
    // Every handler call has its consumer span: the handler on B, and each bridge's own subscriber (A's writes the entry).
    const consumers = sdk.spans().filter((s) => s.name === 'process ORDER_PLACED');
    expect(consumers).toHaveLength(3);
    const consumer = consumers.find((s) => s.spanContext().spanId === parentId(sdk.span('reserve stock')))!;
    expect(consumer).toBeDefined();
    expect(parentId(producer)).toBe(request.spanContext().spanId);
    for (const handlerSpan of consumers) expect(parentId(handlerSpan)).toBe(producer.spanContext().spanId);
    expect(new Set([request, producer, consumer].map((s) => s.spanContext().traceId)).size).toBe(1);
    expect(received[0]!.metadata['traceparent']).toBe(a.history()[0]!.metadata['traceparent']);
    expect(consumer.attributes['messaging.message.id']).toBe(producer.attributes['messaging.message.id']);
  });

  test('a tree instrumented at the root: a child’s event crosses to another process’s bus and continues its trace there', async () => {
    const stream = `otel-${randomUUID()}`;
    const root = ScopedEventBus.root(EventType);
    const other = makeBus().bus;
    removers.push(instrument(root), instrument(other));
    await bridged(root.bus, stream);
    await bridged(other, stream);
    const received: Event[] = [];
    other.subscribe('ORDER_SHIPPED', (e) => void received.push(e));
    root.child('workflow-1').publish('ORDER_SHIPPED', { id: 'A-2' });
    await waitFor(() => received.length === 1 && sdk.spans().filter((s) => s.name === 'process ORDER_SHIPPED').length === 3, 'the delivery on the other bus');
    const producer = sdk.span('publish ORDER_SHIPPED');
    expect(producer.attributes['mesh.scope']).toBe('root/workflow-1');
    expect(received[0]!.scope).toBe('root/workflow-1');
    for (const consumer of sdk.spans().filter((s) => s.name === 'process ORDER_SHIPPED')) {
      expect(consumer.attributes['mesh.scope']).toBe('root/workflow-1');
      expect(parentId(consumer)).toBe(producer.spanContext().spanId);
    }
  });
});
