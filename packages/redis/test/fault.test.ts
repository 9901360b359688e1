import type { Event } from '@mesh/bus';
import { EventsDroppedError } from '@mesh/redis';
import { createClient } from 'redis';
import { afterEach, expect, test } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test-support/redis-server.js';
import { waitFor } from '../../../test-support/wait.js';
import { type Node, freshStream, node } from './fixtures.js';

// Each test gets its own append-only redis-server (appendfsync always: what Redis acknowledged is on disk),
// SIGKILLs it in the middle of the run and restarts it on the same port and data directory.
let redis: RedisServer | undefined;
const open: Node[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((n) => n.bridge.close()));
  await redis?.stop();
});

async function tracked(stream: string, options: Parameters<typeof node>[2] = {}): Promise<Node> {
  const n = await node(redis!.url, stream, { closeTimeoutMs: 1000, ...options });
  open.push(n);
  return n;
}

const counters = (events: readonly Event[]): number[] => events.map((e) => (e.data as { n: number }).n);
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

test('kill -9 of Redis mid-run: what it acknowledged is delivered after the restart, publishes during the outage wait in order, nothing twice', async () => {
  redis = await startRedisServer({ appendOnly: true });
  const stream = freshStream();
  const a = await tracked(stream);
  const b = await tracked(stream, { group: 'g', consumer: 'b' });
  for (let n = 0; n < 3000; n++) a.bus.publish('TICK', { n });
  await waitFor(() => a.bridge.published >= 1000, 'part of the run written');
  await redis.kill(); // in the middle: some written, some in flight, some still buffered
  const acknowledged = a.bridge.published;
  for (let n = 3000; n < 4000; n++) a.bus.publish('TICK', { n }); // Redis is away: these wait in the buffer
  await redis.restart();
  await waitFor(() => b.seen.length === 4000, 'every event on b', 15_000);
  expect(counters(b.seen)).toEqual(range(0, 4000)); // in order, each once
  expect(new Set(b.seen.map((e) => e.id)).size).toBe(4000);
  expect(acknowledged).toBeGreaterThanOrEqual(1000);
  // b has every event, but a counts a batch only once it settles: wait for a's last batch, never read it early.
  await waitFor(() => a.bridge.published >= 4000, "a's last batch settled"); // a write whose reply died with Redis may be repeated...
  expect(b.bridge.received).toBe(4000); // ...and is dropped by id on the receiving side
  const drops = a.reports.filter((r) => r.error instanceof EventsDroppedError);
  expect(drops).toEqual([]);
  expect(a.reports.some((r) => String(r.error).includes('lost the link to Redis'))).toBe(true);
});

test('kill -9 of Redis: past a small bufferSize the oldest waiting events are dropped and reported with their count; the rest are written in order', async () => {
  redis = await startRedisServer({ appendOnly: true });
  const stream = freshStream();
  const a = await tracked(stream, { bufferSize: 10 });
  const b = await tracked(stream);
  a.bus.publish('TICK', { n: -1 });
  await waitFor(() => b.seen.length === 1, 'the first tick before the crash');
  await redis.kill();
  for (let n = 0; n < 25; n++) a.bus.publish('TICK', { n });
  await waitFor(() => a.reports.some((r) => r.error instanceof EventsDroppedError), 'the drop report');
  await redis.restart();
  await waitFor(() => b.seen.length === 11, 'the newest ten on b', 10_000);
  expect(counters(b.seen)).toEqual([-1, ...range(15, 25)]);
  const dropped = a.reports.filter((r) => r.error instanceof EventsDroppedError).map((r) => (r.error as EventsDroppedError).count);
  expect(dropped.reduce((sum, count) => sum + count, 0)).toBe(15);
  expect(String(a.reports.find((r) => r.error instanceof EventsDroppedError)!.error)).toContain('dropped 15 outgoing events: the outgoing buffer (bufferSize 10) was full');
});

test('close() while Redis is away reports what it could not write as dropped, never silently', async () => {
  redis = await startRedisServer();
  const stream = freshStream();
  const a = await node(redis.url, stream, { closeTimeoutMs: 200 });
  await redis.kill();
  for (let n = 0; n < 3; n++) a.bus.publish('TICK', { n });
  await a.bridge.close();
  const dropped = a.reports.filter((r) => r.error instanceof EventsDroppedError).map((r) => String(r.error));
  expect(dropped).toEqual(['EventsDroppedError: @mesh/redis: dropped 3 outgoing events: Redis did not take them within closeTimeoutMs (200 ms) of close()']);
  expect(a.bus.subscriberCount).toBe(1); // only the test's own recorder is left
  await redis.restart();
  const check = createClient({ url: redis.url });
  await check.connect();
  expect(await check.exists(stream)).toBe(0);
  check.destroy();
});

test('rule 7: close() keeps its closeTimeoutMs when Redis stops answering (SIGSTOP), and reports the events it could not write with their count', async () => {
  redis = await startRedisServer();
  const stream = freshStream();
  const a = await node(redis.url, stream, { closeTimeoutMs: 300 });
  const b = await node(redis.url, stream, { group: 'g', consumer: 'b', closeTimeoutMs: 300 });
  a.bus.publish('TICK', { n: 0 });
  await waitFor(() => b.seen.length === 1, 'the first tick on b');
  redis.pause(); // the connections stay open, but nothing answers: no error, no reconnect
  for (let n = 1; n <= 3; n++) a.bus.publish('TICK', { n }); // written to the socket, never acknowledged
  const started = Date.now();
  await Promise.all([a.bridge.close(), b.bridge.close()]);
  // It waited for the writes (closeTimeoutMs), then gave up on them: before the fix it was still pending after 12 s.
  expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  expect(Date.now() - started).toBeLessThan(3_000);
  const dropped = a.reports.filter((r) => r.error instanceof EventsDroppedError);
  expect(dropped.map((r) => (r.error as EventsDroppedError).count)).toEqual([3]);
  expect(String(dropped[0]!.error)).toContain('Redis did not take them within closeTimeoutMs (300 ms) of close()');
  expect(b.reports).toEqual([]);
  expect([a.bus.subscriberCount, b.bus.subscriberCount]).toEqual([1, 1]); // only the recorders are left: the bridges let go
  redis.resume();
});
