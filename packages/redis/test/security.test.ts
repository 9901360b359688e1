import { connectRedis } from '@mesh/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test-support/redis-server.js';
import { waitFor } from '../../../test-support/wait.js';
import { type Node, freshStream, newBus, node } from './fixtures.js';

// The README's security section: the Redis ACLs it shows are the ones tested here.
let redis: RedisServer;
let admin: ReturnType<typeof createClient>;
const open: Node[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  admin = createClient({ url: redis.url });
  await admin.connect();
});
afterAll(async () => {
  await Promise.all(open.map((n) => n.bridge.close()));
  admin?.destroy();
  await redis?.stop();
});

/** The README's two users for `stream`: a process that publishes and reads, and a group consumer that only reads. */
async function createUsers(stream: string): Promise<void> {
  const read = ['+xread', '+xreadgroup', '+xack', '+xgroup|create', '+xrevrange'];
  await admin.sendCommand(['ACL', 'SETUSER', 'shop-api', 'reset', 'on', '>api-secret', `~${stream}`, '-@all', '+@connection', '+xadd', ...read]);
  await admin.sendCommand(['ACL', 'SETUSER', 'shop-billing', 'reset', 'on', '>billing-secret', `~${stream}`, '-@all', '+@connection', ...read]);
}

const urlFor = (user: string, password: string): string => redis.url.replace('redis://', `redis://${user}:${password}@`);

test('security: a process limited by an ACL to its stream runs its bridge, and can touch no other key', async () => {
  const stream = freshStream();
  await createUsers(stream);
  const api = await node(urlFor('shop-api', 'api-secret'), stream);
  open.push(api);
  const billing = await node(urlFor('shop-billing', 'billing-secret'), stream, { group: 'billing', consumer: 'billing-1', types: [] });
  open.push(billing);
  api.bus.publish('ORDER_PLACED', { order: 'A-1', total: 120 });
  await waitFor(() => billing.seen.length === 1, 'the order on the billing process');
  expect(billing.seen[0]!.data).toEqual({ order: 'A-1', total: 120 });
  await waitFor(async () => (await admin.xPending(stream, 'billing')).pending === 0, 'the ack');
  expect([api.reports, billing.reports]).toEqual([[], []]);

  const asApi = createClient({ url: urlFor('shop-api', 'api-secret') });
  await asApi.connect();
  await expect(asApi.xAdd('other-stream', '*', { event: '{}' })).rejects.toThrow(/NOPERM/);
  await expect(asApi.get(stream)).rejects.toThrow(/NOPERM/);
  asApi.destroy();
});

test('security: a consumer whose user may not XADD cannot inject events, and publishes nothing (types: [])', async () => {
  const stream = freshStream();
  await createUsers(stream);
  const asBilling = createClient({ url: urlFor('shop-billing', 'billing-secret') });
  await asBilling.connect();
  await expect(asBilling.xAdd(stream, '*', { event: '{}' })).rejects.toThrow(/NOPERM/);
  asBilling.destroy();
  // With the default types, its bridge would try to write its local events and Redis would refuse them:
  const bus = newBus();
  const refused: unknown[] = [];
  const bridge = await connectRedis(bus, { url: urlFor('shop-billing', 'billing-secret'), stream, group: 'billing', onError: (error) => void refused.push(error) });
  bus.publish('TICK', { n: 1 });
  await waitFor(() => refused.length === 1, 'the refusal');
  expect(String(refused[0])).toMatch(/NOPERM/);
  await bridge.close();
});
