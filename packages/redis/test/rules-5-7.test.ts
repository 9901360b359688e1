import { EventBus, type Event } from '@mesh/bus';
import { EntryConflictError, MalformedEntryError, type RedisErrorContext, connectRedis } from '@mesh/redis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../test-support/redis-server.js';
import { waitFor } from '../../../test-support/wait.js';
import { EventType, type Node, freshStream, node } from './fixtures.js';

// Rules 5 and 6 of @mesh/redis (its README's Rules): duplicates that are not the same event, reports through the
// bus's onError, and entries written by other producers. Rule 7 (close with Redis paused) is in fault.test.ts.
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

async function tracked(stream: string, options: Parameters<typeof node>[2] = {}): Promise<Node> {
  const n = await node(redis.url, stream, options);
  open.push(n);
  return n;
}

const counters = (events: readonly Event[]): unknown[] => events.map((e) => (e.data as { n?: number }).n);

/** The stream entries, oldest first, with their decoded events. */
async function entries(stream: string): Promise<{ id: string; event: Record<string, unknown> }[]> {
  return (await raw.xRange(stream, '-', '+')).map((e) => ({ id: e.id, event: JSON.parse(e.message['event']!) as Record<string, unknown> }));
}

/** Writes an entry as another producer would: only an `event` field with this JSON. */
const write = (stream: string, event: Record<string, unknown>): Promise<string> => raw.xAdd(stream, '*', { event: JSON.stringify(event) });

describe('rule 5: a duplicate is a duplicate only if it is the same event', () => {
  test('rule 5: an entry whose id was already delivered but whose content differs is reported as a conflict naming both entry ids, acked and skipped', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const b = await tracked(stream, { group: 'g', consumer: 'b' });
    a.bus.publish('TICK', { n: 1 });
    await waitFor(() => b.seen.length === 1, 'the real tick on b');
    const [first] = await entries(stream);
    const forged = await write(stream, { ...first!.event, data: { n: 666 } }); // same id, other content
    a.bus.publish('TICK', { n: 2 });
    await waitFor(() => b.seen.length === 2, 'the next tick on b');
    expect(counters(b.seen)).toEqual([1, 2]); // the forged copy was not delivered...
    expect(b.reports).toHaveLength(1); // ...and not dropped silently either
    const { error, context } = b.reports[0]!;
    expect(error).toBeInstanceOf(EntryConflictError);
    expect(error).toMatchObject({ entryId: forged, deliveredEntryId: first!.id, eventId: first!.event['id'] });
    expect((error as Error).message).toBe(
      `@mesh/redis: event id ${String(first!.event['id'])} was delivered from stream entry ${first!.id}, then came again with other content in stream entry ${forged} (skipped): another writer used this id`,
    );
    expect(context).toEqual({ entryId: forged });
    expect(b.bridge.received).toBe(2);
    await waitFor(async () => (await raw.xPending(stream, 'g')).pending === 0, 'every entry acked, the conflicting one too');
  });

  test('rule 5: ids written ahead by someone who can XADD do not suppress the real events silently', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const b = await tracked(stream);
    a.bus.publish('TICK', { n: 1 });
    await waitFor(() => b.seen.length === 1, 'the first tick');
    // Ids are a per-bus prefix and a counter: the next ones can be guessed from the stream.
    const [first] = await entries(stream);
    const id = String(first!.event['id']);
    const next = id.replace(/\d+$/, (counter) => String(Number(counter) + 1));
    const forged = await write(stream, { ...first!.event, id: next, data: { n: 666 } });
    await waitFor(() => b.seen.length === 2 && a.seen.length === 2, 'the forged entry on both buses');
    const realId = a.bus.publish('TICK', { n: 2 });
    expect(realId).toBe(next);
    await waitFor(() => b.reports.length === 1, 'the conflict on b');
    const [real] = (await entries(stream)).filter((e) => e.id !== first!.id && e.id !== forged);
    expect(b.reports[0]!.error).toMatchObject({ name: 'EntryConflictError', entryId: real!.id, deliveredEntryId: forged, eventId: next });
    // a, whose id was taken, hears of it too: its own event went out under an id the stream had already delivered here.
    const onA = a.reports.filter((r) => r.error instanceof EntryConflictError);
    expect(onA).toHaveLength(1);
    expect(onA[0]!.error).toMatchObject({ eventId: next, deliveredEntryId: forged, entryId: undefined });
    expect((onA[0]!.error as Error).message).toBe(
      `@mesh/redis: event id ${next} was delivered from stream entry ${forged}, then came again with other content in an event published here: another writer used this id`,
    );
    expect(onA[0]!.context.event?.id).toBe(next);
  });

  test('rule 5: the same event in another entry (a repeated write) is still dropped without a report', async () => {
    const stream = freshStream();
    const a = await tracked(stream);
    const b = await tracked(stream);
    a.bus.publish('TICK', { n: 1 });
    await waitFor(() => b.seen.length === 1, 'the tick');
    const [entry] = await raw.xRange(stream, '-', '+');
    await raw.xAdd(stream, '*', { ...entry!.message, origin: 'a relay' }); // the same event JSON, byte for byte
    a.bus.publish('TICK', { n: 2 });
    await waitFor(() => b.seen.length === 2, 'the next tick');
    expect(counters(b.seen)).toEqual([1, 2]);
    expect(b.reports).toEqual([]);
  });

  test("rule 5: without onError, reports reach the bus's onError with the same context (entryId, event)", async () => {
    const stream = freshStream();
    const reports: { error: unknown; context: RedisErrorContext }[] = [];
    const bus = new EventBus(EventType, { onError: (error, context) => void reports.push({ error, context }) });
    const bridge = await connectRedis(bus, { url: redis.url, stream, types: ['TICK'] });
    const bad = await raw.xAdd(stream, '*', { event: 'nope' });
    await waitFor(() => reports.length === 1, 'the malformed entry');
    expect(reports[0]!.error).toBeInstanceOf(MalformedEntryError);
    expect(reports[0]!.context).toEqual({ entryId: bad });
    // An outgoing event Redis refuses: the key holds a string now, XADD gets WRONGTYPE.
    await raw.del(stream);
    await raw.set(stream, 'not a stream');
    const id = bus.publish('TICK', { n: 1 });
    await waitFor(() => reports.some((r) => r.context.event !== undefined), 'the refused event');
    const refused = reports.find((r) => r.context.event !== undefined)!;
    expect(String(refused.error)).toContain('WRONGTYPE');
    expect(refused.context).toEqual({ event: bus.history({ types: ['TICK'] })[0] });
    expect(refused.context.event!.id).toBe(id);
    await bridge.close();
  });
});

describe('rule 6: other producers are welcome', () => {
  const base = (stream: string, extra: Record<string, unknown>): Record<string, unknown> => ({
    id: `py-${stream}-${String(extra['n'] ?? 0)}`,
    type: 'ORDER_PLACED',
    data: { order: 'P-1', total: 3 },
    timestamp: Date.now(),
    ...extra,
  });

  test('rule 6: an entry with optional fields set to null (as Python, Go or Java write them) is read as if they were absent', async () => {
    const stream = freshStream();
    const b = await tracked(stream);
    const nulls = { source: null, metadata: null, visibility: null, runId: null, lane: null, laneSeq: null, scope: null };
    await write(stream, base(stream, nulls));
    await waitFor(() => b.seen.length === 1, 'the entry with nulls');
    expect(b.reports).toEqual([]);
    const got = b.seen[0]!;
    expect(got).toMatchObject({ type: 'ORDER_PLACED', data: { order: 'P-1', total: 3 }, metadata: {}, visibility: 'public', seq: 1 });
    for (const field of ['source', 'runId', 'lane', 'laneSeq', 'scope'] as const) expect(got[field]).toBeUndefined();
    expect(b.bridge.received).toBe(1);
  });

  test('rule 6: a null payload stays null (a JSON value, not an absent field)', async () => {
    const stream = freshStream();
    const b = await tracked(stream);
    await write(stream, { ...base(stream, {}), type: 'DONE', data: null });
    await waitFor(() => b.seen.length === 1, 'the entry');
    expect(b.seen[0]!.data).toBeNull();
  });

  test('rule 6: a timestamp that is not in milliseconds since the epoch (seconds, microseconds) is a malformed entry: reported, skipped, the next one arrives', async () => {
    const stream = freshStream();
    const b = await tracked(stream);
    const now = Date.now();
    const seconds = await write(stream, base(stream, { n: 1, timestamp: Math.floor(now / 1000) }));
    const micros = await write(stream, base(stream, { n: 2, timestamp: now * 1000 }));
    const good = base(stream, { n: 3, timestamp: now + 0.5 }); // fractional milliseconds are milliseconds
    await write(stream, good);
    await waitFor(() => b.seen.length === 1, 'the entry in milliseconds');
    expect(b.seen[0]!.id).toBe(good['id']);
    expect(b.reports.map((r) => [(r.error as MalformedEntryError).entryId, r.context.entryId])).toEqual([
      [seconds, seconds],
      [micros, micros],
    ]);
    expect((b.reports[0]!.error as Error).message).toBe(
      `@mesh/redis: skipped stream entry ${seconds}: its timestamp ${Math.floor(now / 1000)} is not in milliseconds since the epoch (seconds or microseconds?)`,
    );
  });

  test("rule 6: an ingested event's laneSeq advances this bus's counter for its run and lane: a local publish there continues after it", async () => {
    const stream = freshStream();
    const b = await tracked(stream);
    for (let laneSeq = 1; laneSeq <= 3; laneSeq++) {
      await write(stream, { ...base(stream, { n: laneSeq }), type: 'TICK', data: { n: laneSeq }, runId: 'run-1', lane: 'planner', laneSeq });
    }
    await write(stream, { ...base(stream, { n: 9 }), type: 'TICK', data: { n: 9 }, lane: 'solo', laneSeq: 7 }); // a lane without a run
    await waitFor(() => b.seen.length === 4, 'the remote lane events');
    expect(b.bus.nextSeq('run-1', 'planner')).toBe(4);
    b.bus.publish('TICK', { n: 4 }, { runId: 'run-1', lane: 'planner' });
    b.bus.publish('TICK', { n: 8 }, { lane: 'solo' });
    expect(b.seen.slice(4).map((e) => e.laneSeq)).toEqual([4, 8]);
    // An ingested laneSeq behind the local counter leaves it where it is.
    await write(stream, { ...base(stream, { n: 2.5 }), type: 'TICK', data: { n: 2 }, runId: 'run-1', lane: 'planner', laneSeq: 2 });
    await waitFor(() => b.seen.length === 7, 'the late remote event');
    expect(b.bus.nextSeq('run-1', 'planner')).toBe(5);
    expect(b.reports).toEqual([]);
  });
});
