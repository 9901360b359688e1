import { createClient } from 'redis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test-support/redis-server.js';
import { waitFor } from '../../../test-support/wait.js';
import { freshStream } from './fixtures.js';
import { type Child, countersOf, runProcess } from './processes.js';

let redis: RedisServer;
const children: Child[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const child of children) if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  await redis?.stop();
});

function start(script: 'producer' | 'consumer', env: Record<string, string>): Child {
  const child = runProcess(script, { REDIS_URL: redis.url, ...env });
  children.push(child);
  return child;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

test('process A publishes 10,000 events; process B receives all 10,000, in order, exactly once', async () => {
  const stream = freshStream();
  const b = start('consumer', { STREAM: stream, STOP_AT: '9999' });
  await waitFor(() => b.lines.includes('ready'), 'B ready', 10_000);
  const a = start('producer', { STREAM: stream, COUNT: '10000' });
  expect(await a.exited).toBe(0);
  expect(JSON.parse(a.lines.at(-1)!)).toEqual({ published: 10_000 });
  expect(await b.exited).toBe(0);
  const summary = JSON.parse(b.lines.at(-1)!) as { count: number; ids: string[]; received: number };
  expect(countersOf(b)).toEqual(range(0, 10_000));
  expect(summary.count).toBe(10_000);
  expect(summary.received).toBe(10_000);
  expect(new Set(summary.ids).size).toBe(10_000);
  expect(b.stderr()).toBe('');
}, 30_000);

test('a group consumer killed with kill -9 mid-stream and restarted reads its pending entries first, then new ones: none lost', async () => {
  const stream = freshStream();
  const group = { STREAM: stream, GROUP: 'workers', CONSUMER: 'worker-1', FROM: '0' };
  const first = await start('producer', { STREAM: stream, COUNT: '2000' }).exited;
  expect(first).toBe(0);
  const dying = start('consumer', { ...group, KILL_AT: '700' });
  expect(await dying.exited).toBe('SIGKILL');
  const beforeRestart = countersOf(dying);
  expect(beforeRestart).toEqual(range(0, 701));

  const raw = createClient({ url: redis.url });
  await raw.connect();
  const pending = await raw.xPending(stream, 'workers');
  raw.destroy();
  expect(pending.pending).toBeGreaterThan(0); // the batch it died in was never acked
  expect(pending.consumers).toEqual([{ name: 'worker-1', deliveriesCounter: pending.pending }]);

  const back = start('consumer', { ...group, STOP_AT: '2499' });
  await waitFor(() => back.lines.includes('ready'), 'the restarted consumer', 10_000);
  expect(await start('producer', { STREAM: stream, COUNT: '500', START: '2000' }).exited).toBe(0);
  expect(await back.exited).toBe(0);
  const afterRestart = countersOf(back);
  // Pending entries first: they start at or before the counter it died on (delivered but not acked: at-least-once).
  expect(afterRestart[0]).toBeLessThanOrEqual(700);
  expect(afterRestart).toEqual(range(afterRestart[0]!, 2500)); // then everything after, in order, once
  expect(new Set([...beforeRestart, ...afterRestart])).toEqual(new Set(range(0, 2500))); // none lost
}, 30_000);
