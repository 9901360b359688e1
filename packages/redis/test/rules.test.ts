import { EventRejectedError, type Event } from '@mesh/bus';
import { EventsDroppedError, MalformedEntryError, connectRedis } from '@mesh/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test-support/redis-server.js';
import { waitFor } from '../../../test-support/wait.js';
import { EventType, type Node, freshStream, newBus, node } from './fixtures.js';

let redis: RedisServer;
let raw: ReturnType<typeof createClient>;
const open: Node[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  raw = createClient({ url: redis.url });
  await raw.connect();
});
afterAll(async () => {
  await Promise.all(open.map((n) => n.bridge.close()));
  raw?.destroy();
  await redis?.stop();
});

/** A node that is closed after the file's tests. */
async function tracked(stream: string, options: Parameters<typeof node>[2] = {}): Promise<Node> {
  const n = await node(redis.url, stream, options);
  open.push(n);
  return n;
}

const counters = (events: readonly Event[]): unknown[] => events.map((e) => (e.data as { n?: number }).n);

describe('API rules of @mesh/redis (packages/redis/README.md, Rules)', () => {
  test('rule 1: an event crosses as JSON with every field but seq; the receiver ingests it with the same id and its own seq', async () => {
    const stream = freshStream();
    const [a, b] = [await tracked(stream), await tracked(stream)];
    b.bus.publish('TICK', { n: 0 }); // b's own seq 1, so the remote event gets seq 2 there
    const id = a.bus.publish('ORDER_PLACED', { order: 'A-1', total: 120, tags: ['x'] }, { source: 'shop', metadata: { region: 'eu' }, runId: 'run-1', lane: 'l1', visibility: 'internal' });
    await waitFor(() => b.seen.length === 2, 'the order on b');
    const [sent] = a.bus.history({ types: ['ORDER_PLACED'] });
    const got = b.seen[1]!;
    expect(got).toEqual({ ...sent, seq: 2 });
    expect(got.id).toBe(id);
    expect(got.laneSeq).toBe(1);
    expect(Object.isFrozen(got)).toBe(true);
    const entries = await raw.xRange(stream, '-', '+');
    const wire = JSON.parse(entries.find((e) => e.message['event']!.includes(id))!.message['event']!);
    expect(Object.keys(wire).sort()).toEqual(['data', 'id', 'lane', 'laneSeq', 'metadata', 'runId', 'source', 'timestamp', 'type', 'visibility']);
  });

  test('rule 1: the scope of a scoped bus crosses too', async () => {
    const { ScopedEventBus } = await import('@mesh/scoped');
    const stream = freshStream();
    const root = ScopedEventBus.root(EventType);
    const bridge = await connectRedis(root.bus, { url: redis.url, stream });
    const b = await tracked(stream);
    root.child('workflow-1').publish('TICK', { n: 1 });
    await waitFor(() => b.seen.length === 1, 'the scoped event');
    expect(b.seen[0]!.scope).toBe('root/workflow-1');
    await bridge.close();
  });

  test('rule 1: no echo: an event that arrived is never sent back out, and a bridge skips its own entries', async () => {
    const stream = freshStream();
    const [a, b] = [await tracked(stream), await tracked(stream)];
    a.bus.publish('TICK', { n: 1 });
    await waitFor(() => b.seen.length === 1, 'the tick on b');
    b.bus.publish('TICK', { n: 2 });
    await waitFor(() => a.seen.length === 2, 'the reply on a');
    const c = await tracked(stream, { from: '0' });
    await waitFor(() => c.seen.length === 2, 'both ticks on c');
    expect(await raw.xLen(stream)).toBe(2); // b did not write a's tick back, a did not write b's
    expect(counters(a.seen)).toEqual([1, 2]); // a saw its own tick once, not again from the stream
    expect([a.bridge.published, a.bridge.received, b.bridge.published, b.bridge.received]).toEqual([1, 1, 1, 1]);
    expect(c.bridge.published).toBe(0);
  });

  test('rule 1: each bus delivers an id at most once, even when the stream holds it twice', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const b = await tracked(stream);
    a.bus.publish('TICK', { n: 1 });
    await waitFor(() => b.seen.length === 1, 'the first copy');
    const [entry] = await raw.xRange(stream, '-', '+');
    await raw.xAdd(stream, '*', entry!.message); // a repeated write, as after a lost reply
    a.bus.publish('TICK', { n: 2 });
    await waitFor(() => b.seen.length === 2, 'the next tick');
    expect(counters(b.seen)).toEqual([1, 2]);
    expect(b.bridge.received).toBe(2);
  });

  test('rule 2: a non-JSON payload of an outgoing type is rejected as by a guard: EventRejectedError naming the path, nothing stored, delivered or written', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const cyclic: { order: string; total: number; self?: unknown } = { order: 'A-1', total: 1 };
    cyclic.self = cyclic;
    const bad: [string, unknown, string][] = [
      ['function', { order: 'A', total: 1, tags: [() => 1] }, 'data.tags[0] is a function'],
      ['BigInt', { order: 'A', total: 10n }, 'data.total is a bigint'],
      ['cycle', cyclic, 'data.self is a cycle'],
      ['Date', { order: 'A', total: 1, at: new Date() }, 'data.at is a Date, not a plain object'],
      ['Map', { order: 'A', total: 1, m: new Map() }, 'data.m is a Map, not a plain object'],
      ['NaN', { order: 'A', total: Number.NaN }, 'data.total is NaN'],
      ['undefined in an array', { order: 'A', total: 1, tags: [undefined] }, 'data.tags[0] is undefined'],
    ];
    for (const [, payload, path] of bad) {
      let error: unknown;
      try {
        a.bus.publish('ORDER_PLACED', payload as never);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(EventRejectedError);
      expect((error as EventRejectedError).reason).toContain(path);
      expect((error as EventRejectedError).reason).toContain('the payload of ORDER_PLACED must be a JSON value');
    }
    expect(a.seen).toEqual([]);
    expect(a.bus.historySize).toBe(0);
    // undefined as a property or as a whole (void) payload is fine: JSON leaves it out, the receiver sees it absent.
    a.bus.publish('ORDER_PLACED', { order: 'A', total: 1, tags: undefined });
    a.bus.publish('DONE');
    await waitFor(() => a.bridge.published === 2, 'the two JSON events written');
    expect(await raw.xLen(stream)).toBe(2);
  });

  test('rule 2, the bad-input table: deep, sparse, symbol-keyed, getter, toJSON and top-frozen payloads are rejected with a clear EventRejectedError; nothing stored, delivered or written, the caller\'s object keeps its keys', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const b = await tracked(stream);
    let deep: unknown = { order: 'A', total: 1 };
    for (let i = 0; i < 5_000; i++) deep = { order: 'A', total: 1, inner: deep };
    const sparse: unknown[] = [];
    sparse[100_000] = 'x';
    const table: [string, object, RegExp][] = [
      ['5,000 levels deep', deep as object, /deep/],
      ['a sparse array', { order: 'A', total: 1, tags: sparse }, /data\.tags\[0\] is a hole/],
      ['a symbol key', { order: 'A', total: 1, [Symbol('cot')]: 'hidden' }, /data has a symbol key Symbol\(cot\)/],
      ['a getter', Object.defineProperty({ order: 'A' }, 'total', { get: () => 1, enumerable: true }), /has a getter or setter at total/], // the bus refuses it before the JSON guard sees it
      ['a toJSON method', { order: 'A', total: 1, toJSON: () => ({ chain_of_thought: 'x' }) }, /data has a toJSON method/],
      ['frozen at its top only', Object.freeze({ order: 'A', total: 1, tags: [() => 1] }), /data\.tags\[0\] is a function/],
    ];
    for (const [what, payload, reason] of table) {
      const keys = Reflect.ownKeys(payload);
      const error = (() => {
        try {
          a.bus.publish('ORDER_PLACED', payload as never);
        } catch (thrown) {
          return thrown;
        }
        return undefined;
      })();
      expect(error, what).toBeInstanceOf(EventRejectedError);
      expect((error as EventRejectedError).reason, what).toMatch(reason);
      expect(Reflect.ownKeys(payload), what).toEqual(keys);
    }
    expect(Object.getOwnPropertyDescriptor(table[3]![1], 'total')!.get).toBeTypeOf('function'); // still a getter: nothing was rewritten
    expect([a.seen, a.bus.historySize, a.reports]).toEqual([[], 0, []]);
    a.bus.publish('TICK', { n: 1 }); // the bus and the bridge go on
    await waitFor(() => b.seen.length === 1, 'the next event on b');
    expect(counters(b.seen)).toEqual([1]);
    expect(await raw.xLen(stream)).toBe(1);
  });

  test('rule 3: an incoming entry nested 100,000 levels deep is reported as malformed, acked and skipped; the entries after it still arrive', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const b = await tracked(stream);
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const bad = await raw.xAdd(stream, '*', { event: `{"id":"deep-1","type":"TICK","timestamp":${Date.now()},"data":${deep}}` });
    a.bus.publish('TICK', { n: 1 });
    await waitFor(() => b.seen.length === 1, 'the tick after the deep entry');
    expect(counters(b.seen)).toEqual([1]);
    expect(b.reports.map((r) => [r.error instanceof MalformedEntryError, r.context.entryId])).toEqual([[true, bad]]);
    expect((b.reports[0]!.error as Error).message).toContain(`skipped stream entry ${bad}: the bus refused its event`);
  });

  test('rule 2: only outgoing types are checked, and the guard goes with close()', async () => {
    const stream = freshStream();
    const bus = newBus();
    const bridge = await connectRedis(bus, { url: redis.url, stream, types: ['TICK'] });
    expect(() => bus.publish('TICK', { n: 1n as never })).toThrow(EventRejectedError);
    bus.publish('LOCAL_ONLY', { note: new Date() as never }); // not outgoing: not checked, not written
    await bridge.close();
    bus.publish('TICK', { n: 2n as never }); // no bridge, no JSON rule
    expect(bus.history().map((e) => e.type)).toEqual(['LOCAL_ONLY', 'TICK']);
    expect(await raw.xLen(stream)).toBe(0);
  });

  test('rule 3: a malformed entry is reported to onError with its entry id, acked and skipped; the entries after it still arrive', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const b = await tracked(stream, { group: 'readers', consumer: 'b' });
    a.bus.publish('TICK', { n: 1 });
    await waitFor(() => b.seen.length === 1, 'the first tick');
    const notJson = await raw.xAdd(stream, '*', { event: '{not json' });
    const noEvent = await raw.xAdd(stream, '*', { other: 'x' });
    const unknownType = await raw.xAdd(stream, '*', { event: JSON.stringify({ id: 'x-1', type: 'NOPE', timestamp: Date.now() }) });
    const noId = await raw.xAdd(stream, '*', { event: JSON.stringify({ type: 'TICK', data: { n: 0 }, timestamp: Date.now() }) });
    a.bus.publish('TICK', { n: 2 });
    await waitFor(() => b.seen.length === 2, 'the tick after the bad entries');
    expect(counters(b.seen)).toEqual([1, 2]);
    const reported = b.reports.map((r) => [(r.error as MalformedEntryError).entryId, r.context.entryId, (r.error as Error).name]);
    expect(reported).toEqual([notJson, noEvent, unknownType, noId].map((id) => [id, id, 'MalformedEntryError']));
    expect(String((b.reports[2]!.error as Error).message)).toContain(`skipped stream entry ${unknownType}: the bus refused its event: UnknownEventTypeError`);
    await waitFor(async () => (await raw.xPending(stream, 'readers')).pending === 0, 'every entry acked, the bad ones too');
  });

  test('rule 3: an entry the bus\'s own guard rejects is reported and skipped like a malformed one', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const b = await tracked(stream);
    b.bus.addGuard((e) => ((e.data as { n?: number }).n === 13 ? 'unlucky' : undefined));
    for (const n of [12, 13, 14]) a.bus.publish('TICK', { n });
    await waitFor(() => b.seen.length === 2, 'the other ticks');
    expect(counters(b.seen)).toEqual([12, 14]);
    expect(b.reports).toHaveLength(1);
    expect((b.reports[0]!.error as Error).message).toContain('EventRejectedError: event rejected: unlucky');
    expect(b.bridge.received).toBe(2);
  });

  test('rule 3: nothing is lost silently: past bufferSize the oldest are dropped and reported with their count', async () => {
    const stream = freshStream();
    const a = await tracked(stream, { bufferSize: 5 });
    for (let n = 0; n < 12; n++) a.bus.publish('TICK', { n }); // one synchronous burst: the writer has not run yet
    await waitFor(() => a.bridge.published === 5, 'the newest five written');
    const drops = a.reports.filter((r) => r.error instanceof EventsDroppedError);
    expect(drops.map((r) => (r.error as EventsDroppedError).count)).toEqual([7]);
    const written = await raw.xRange(stream, '-', '+');
    expect(written.map((e) => JSON.parse(e.message['event']!).data.n)).toEqual([7, 8, 9, 10, 11]);
  });

  test('rule 4: with a group, entries are acked after local delivery, not before', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    for (let n = 1; n <= 5; n++) a.bus.publish('TICK', { n });
    await waitFor(() => a.bridge.published === 5, 'five written');
    // b reads all five in one batch, but its bus closes while the second is delivered: the rest never reach it.
    const b = await node(redis.url, stream, { group: 'g', consumer: 'b', from: '0' });
    b.bus.subscribe('TICK', (e) => {
      if (e.data.n === 2) b.bus.close();
    });
    await waitFor(() => b.bus.closed, 'the close');
    expect(counters(b.seen)).toEqual([1]); // closing disconnected b's recorder before the second reached it
    await b.bridge.close();
    const pending = await raw.xPending(stream, 'g');
    expect(pending.pending).toBe(5); // the batch was not acked: nothing of it is lost
    // The same consumer on a new bus gets them again (at-least-once), then acks them.
    const again = await tracked(stream, { group: 'g', consumer: 'b' });
    await waitFor(() => again.seen.length === 5, 'the pending entries');
    expect(counters(again.seen)).toEqual([1, 2, 3, 4, 5]);
    await waitFor(async () => (await raw.xPending(stream, 'g')).pending === 0, 'the acks');
  });

  test('rule 4: a consumer that comes back reads its pending entries first; dedupe by id makes delivery once', async () => {
    const stream = freshStream();
    await raw.xGroupCreate(stream, 'g', '0', { MKSTREAM: true });
    const a = await tracked(stream);
    for (let n = 1; n <= 3; n++) a.bus.publish('TICK', { n });
    await waitFor(() => a.bridge.published === 3, 'three written');
    // Another client reads them as consumer "c" of the group and dies before acking: they stay pending for "c".
    await raw.xReadGroup('g', 'c', { key: stream, id: '>' }, { COUNT: 10 });
    for (let n = 4; n <= 5; n++) a.bus.publish('TICK', { n });
    await waitFor(() => a.bridge.published === 5, 'five written');
    const c = await tracked(stream, { group: 'g', consumer: 'c' });
    await waitFor(() => c.seen.length === 5, 'pending then new');
    expect(counters(c.seen)).toEqual([1, 2, 3, 4, 5]);
    await waitFor(async () => (await raw.xPending(stream, 'g')).pending === 0, 'the acks');
  });
  test('rule 4: a pending entry whose content was trimmed from the stream (maxLen) is acked and skipped', async () => {
    const stream = freshStream();
    await raw.xGroupCreate(stream, 'g', '0', { MKSTREAM: true });
    const a = await tracked(stream);
    for (let n = 1; n <= 4; n++) a.bus.publish('TICK', { n });
    await waitFor(() => a.bridge.published === 4, 'four written');
    await raw.xReadGroup('g', 'c', { key: stream, id: '>' }, { COUNT: 10 }); // pending for "c", never acked
    await raw.xTrim(stream, 'MAXLEN', 2); // the first two are gone from the stream, still pending
    const c = await tracked(stream, { group: 'g', consumer: 'c' });
    await waitFor(() => c.seen.length === 2, 'the two left');
    expect(counters(c.seen)).toEqual([3, 4]);
    await waitFor(async () => (await raw.xPending(stream, 'g')).pending === 0, 'all four acked');
    expect(c.reports).toEqual([]);
  });
});

describe('filters, counters and lifecycle', () => {
  test('types and visibility choose what goes out; HANDLER_ERROR and debug events stay local by default', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const b = await tracked(stream);
    a.bus.subscribe('LOCAL_ONLY', () => {
      throw new Error('handler broke'); // makes a HANDLER_ERROR on a
    });
    a.bus.publish('LOCAL_ONLY', { note: 'x' });
    a.bus.publish('AUDIT', { note: 'debug by default' });
    a.bus.publish('TICK', { n: 1 }, { visibility: 'debug' });
    a.bus.publish('TICK', { n: 2 }, { visibility: 'public' });
    await waitFor(() => b.seen.length === 2, 'what goes out');
    expect(b.seen.map((e) => e.type)).toEqual(['LOCAL_ONLY', 'TICK']);
    expect(counters(b.seen)).toEqual([undefined, 2]);

    const narrow = freshStream();
    const c = await tracked(narrow, { types: ['TICK', 'AUDIT'], visibility: 'debug' });
    const d = await tracked(narrow);
    c.bus.publish('LOCAL_ONLY', { note: 'stays' });
    c.bus.publish('AUDIT', { note: 'goes' });
    c.bus.publish('TICK', { n: 3 });
    await waitFor(() => d.seen.length === 2, 'the chosen types');
    expect(d.seen.map((e) => e.type)).toEqual(['AUDIT', 'TICK']);
    expect(c.bridge.published).toBe(2);
  });

  test('published and received count writes and deliveries', async () => {
    const stream = freshStream();
    const [a, b] = [await tracked(stream), await tracked(stream)];
    for (let n = 0; n < 30; n++) a.bus.publish('TICK', { n });
    for (let n = 0; n < 20; n++) b.bus.publish('TICK', { n });
    await waitFor(() => a.bridge.received === 20 && b.bridge.received === 30, 'both directions');
    expect([a.bridge.published, b.bridge.published]).toEqual([30, 20]);
  });

  test('from "0" replays the whole stream; the default "$" only what comes after connecting', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    a.bus.publish('TICK', { n: 1 });
    await waitFor(() => a.bridge.published === 1, 'the first tick written');
    const late = await tracked(stream);
    const replay = await tracked(stream, { from: '0' });
    a.bus.publish('TICK', { n: 2 });
    await waitFor(() => replay.seen.length === 2 && late.seen.length === 1, 'the ticks');
    expect(counters(replay.seen)).toEqual([1, 2]);
    expect(counters(late.seen)).toEqual([2]);
  });

  test('maxLen trims the stream to about that many entries', async () => {
    const stream = freshStream();
    const a = await tracked(stream, { maxLen: 100 });
    for (let n = 0; n < 2000; n++) a.bus.publish('TICK', { n });
    await waitFor(() => a.bridge.published === 2000, 'all written');
    const length = await raw.xLen(stream);
    expect(length).toBeLessThan(2000);
    expect(length).toBeGreaterThanOrEqual(100);
  });

  test('close() flushes pending events, frees its subscription and guard, disconnects; it is idempotent and async-disposable', async () => {
    const stream = freshStream();
    const bus = newBus();
    const before = bus.subscriberCount;
    const b = await tracked(stream);
    {
      await using bridge = await connectRedis(bus, { url: redis.url, stream });
      expect(bus.subscriberCount).toBe(before + 1);
      for (let n = 0; n < 500; n++) bus.publish('TICK', { n });
      const closing = bridge.close();
      expect(bridge.close()).toBe(closing);
      await closing;
      expect(bridge.published).toBe(500);
      expect(bus.subscriberCount).toBe(before);
    }
    await waitFor(() => b.seen.length === 500, 'the flushed events');
    bus.publish('TICK', { n: 1n as never }); // the JSON guard went with the bridge
    const clients = (await raw.clientList()).length;
    expect(clients).toBe(1 + 2 * open.length); // this file's raw client, and two per open bridge
  });
});

describe('bad input and unreachable Redis', () => {
  test('an unreachable URL rejects within connectTimeoutMs with an error naming the URL (password masked), leaving nothing subscribed', async () => {
    const bus = newBus();
    const url = `redis://user:secret@127.0.0.1:${(await import('../../../test-support/redis-server.js').then((m) => m.freePort()))}`;
    const error = await connectRedis(bus, { url, stream: 's', connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RedisUnreachableError' });
    expect((error as Error).message).toMatch(/^@mesh\/redis: cannot reach Redis at redis:\/\/user:\*\*\*@127\.0\.0\.1:\d+ within 300 ms: connect ECONNREFUSED/);
    expect((error as Error).message).not.toContain('secret');
    expect(bus.subscriberCount).toBe(0);
    expect(() => bus.publish('TICK', { n: 1n as never })).not.toThrow(); // no guard left behind
  });

  test('bad arguments reject with a TypeError or RangeError naming the problem', async () => {
    const bus = newBus();
    const url = redis.url;
    const cases: [unknown, unknown, ErrorConstructor, string][] = [
      [{}, { url, stream: 's' }, TypeError, 'connectRedis: bus must be an EventBus (for a ScopedEventBus, pass its .bus), got'],
      [bus, undefined, TypeError, 'connectRedis: options must be an object with url and stream'],
      [bus, { stream: 's' }, TypeError, 'connectRedis: url must be a non-empty string, got undefined'],
      [bus, { url: 'http://x', stream: 's' }, TypeError, 'connectRedis: url must start with redis:// or rediss://'],
      [bus, { url }, TypeError, 'connectRedis: stream must be a non-empty string, got undefined'],
      [bus, { url, stream: 's', bufferSize: 0 }, RangeError, 'connectRedis: bufferSize must be a positive integer, got 0'],
      [bus, { url, stream: 's', bufferSize: '10' }, TypeError, 'connectRedis: bufferSize must be a number'],
      [bus, { url, stream: 's', maxLen: 1.5 }, RangeError, 'connectRedis: maxLen must be a positive integer, got 1.5'],
      [bus, { url, stream: 's', visibility: 'secret' }, TypeError, "connectRedis: visibility must be 'public', 'internal' or 'debug'"],
      [bus, { url, stream: 's', types: 'TICK' }, TypeError, 'connectRedis: types must be an array of event type names'],
      [bus, { url, stream: 's', from: 'latest' }, TypeError, "connectRedis: from must be '$', '0' or a stream id"],
      [bus, { url, stream: 's', group: '' }, TypeError, 'connectRedis: group must be a non-empty string'],
      [bus, { url, stream: 's', onError: 'log' }, TypeError, 'connectRedis: onError must be a function'],
    ];
    for (const [target, options, kind, message] of cases) {
      const error = await connectRedis(target as never, options as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(kind);
      expect((error as Error).message).toContain(message);
    }
    expect(bus.subscriberCount).toBe(0);
  });

  test('without onError, reports go to the bus\'s onError', async () => {
    const stream = freshStream();
    const reports: unknown[] = [];
    const { EventBus } = await import('@mesh/bus');
    const bus = new EventBus(EventType, { onError: (error) => void reports.push(error) });
    const bridge = await connectRedis(bus, { url: redis.url, stream });
    const bad = await raw.xAdd(stream, '*', { event: 'nope' });
    await waitFor(() => reports.length === 1, 'the report');
    expect(reports[0]).toBeInstanceOf(MalformedEntryError);
    expect((reports[0] as MalformedEntryError).entryId).toBe(bad);
    await bridge.close();
  });
});
