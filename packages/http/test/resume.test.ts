import { ScopedEventBus } from '@mesh/scoped';
import { describe, expect, test } from 'vitest';
import { sseHandler } from '../src/index.js';
import { Agent, makeBus } from './fixtures.js';
import { SseClient, seqOfId } from './sse-reader.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The named messages (events and control messages) in order, comment-only blocks left out. */
const named = (client: SseClient) => client.messages.filter((m) => m.event !== undefined);

describe('@mesh/http resume (http rules 1, 6, 7, 8)', () => {
  test('rule 1: ids are <epoch>-<seq> with the bus epoch; both that and a plain seq resume in this epoch', async () => {
    const { bus } = makeBus();
    for (let n = 1; n <= 5; n++) bus.publish(Agent.STEP, { n });
    const handler = sseHandler(bus);
    const everything = await SseClient.open(handler, { lastEventId: '0' });
    await everything.until((c) => c.events.length === 5);
    expect(everything.events.map((m) => m.id)).toEqual(range(1, 5).map((seq) => `${bus.epoch}-${seq}`));
    const withEpoch = await SseClient.open(handler, { lastEventId: `${bus.epoch}-3` });
    const plain = await SseClient.open(handler, { lastEventId: '3' });
    bus.publish(Agent.STEP, { n: 6 });
    await withEpoch.until((c) => c.events.length === 3);
    await plain.until((c) => c.events.length === 3);
    expect(withEpoch.seqs).toEqual([4, 5, 6]);
    expect(plain.seqs).toEqual([4, 5, 6]);
    expect([...withEpoch.control('mesh-reset'), ...plain.control('mesh-reset')]).toEqual([]);
    for (const client of [everything, withEpoch, plain]) client.disconnect();
  });

  test('rule 1: a bus tree has one epoch, the root\'s, on every level', async () => {
    const root = ScopedEventBus.root(Agent);
    const child = root.child('run-1');
    const atRoot = await SseClient.open(sseHandler(root));
    const atChild = await SseClient.open(sseHandler(child));
    child.publish(Agent.STEP, { n: 1 });
    await atRoot.until((c) => c.events.length === 1);
    await atChild.until((c) => c.events.length === 1);
    expect(atRoot.events[0]!.id).toBe(`${root.epoch}-1`);
    expect(atChild.events[0]!.id).toBe(`${root.epoch}-1`);
    // The child resumes its stream with the id the root's stream sent.
    const resumed = await SseClient.open(sseHandler(child), { lastEventId: atRoot.events[0]!.id });
    child.publish(Agent.STEP, { n: 2 });
    await resumed.until((c) => c.events.length === 1);
    expect(resumed.seqs).toEqual([2]);
    expect(resumed.control('mesh-reset')).toEqual([]);
    for (const client of [atRoot, atChild, resumed]) client.disconnect();
    root.dispose();
  });

  test('rule 6: an id of another epoch gets mesh-reset (with an id in this epoch), then everything history holds, then live', async () => {
    const { bus } = makeBus();
    for (let n = 1; n <= 30; n++) bus.publish(Agent.STEP, { n });
    // The new bus is already past the old id, and also a bus that is not.
    for (const oldId of ['0badc0de-10', '0badc0de-100']) {
      const client = await SseClient.open(sseHandler(bus), { lastEventId: oldId });
      bus.publish(Agent.STEP, { n: 0 });
      const last = bus.history().at(-1)!.seq;
      await client.until((c) => c.events.length > 0 && c.seqs.at(-1) === last);
      expect(named(client)[0]).toMatchObject({ event: 'mesh-reset', id: `${bus.epoch}-0` });
      expect(client.control('mesh-reset')).toEqual([{ epoch: bus.epoch, from: 1 }]);
      expect(client.seqs).toEqual(range(1, last));
      expect(client.control('mesh-gap')).toEqual([]);
      client.disconnect();
    }
  });

  test('rule 6: after a reset, events history evicted are told as mesh-gap from 1', async () => {
    const { bus } = makeBus({ historyLimit: 5 });
    for (let n = 1; n <= 12; n++) bus.publish(Agent.STEP, { n });
    const client = await SseClient.open(sseHandler(bus), { lastEventId: 'feedface-40' });
    await client.until((c) => c.events.length === 5);
    expect(named(client).slice(0, 2).map((m) => m.event)).toEqual(['mesh-reset', 'mesh-gap']);
    expect(client.control('mesh-gap')).toEqual([{ from: 1, to: 7 }]);
    expect(client.seqs).toEqual(range(8, 12));
    client.disconnect();
  });

  test('rule 7: a 3,000-event backlog with bufferSize 50: a reading client gets all of it, no mesh-dropped, then live events', async () => {
    const { bus } = makeBus({ historyLimit: 5000 });
    for (let n = 1; n <= 3000; n++) bus.publish(Agent.STEP, { n, text: 'a step of the run' });
    const client = await SseClient.open(sseHandler(bus, { bufferSize: 50 }), { lastEventId: '0' });
    await client.until((c) => c.events.length >= 1000);
    bus.publish(Agent.STEP, { n: 3001 }); // while the client is still catching up
    await client.until((c) => c.events.length === 3001);
    bus.publish(Agent.RUN_FINISHED, { ok: true });
    await client.until((c) => c.events.length === 3002);
    expect(client.seqs).toEqual(range(1, 3002));
    expect(client.control('mesh-dropped')).toEqual([]);
    expect(client.control('mesh-gap')).toEqual([]);
    client.disconnect();
  });

  test('rule 7: a client that stops reading while catching up misses only what history evicted meanwhile, told as mesh-gap', async () => {
    const { bus } = makeBus({ historyLimit: 1000 });
    const text = 'x'.repeat(100);
    for (let n = 1; n <= 1000; n++) bus.publish(Agent.STEP, { n, text });
    const client = await SseClient.open(sseHandler(bus, { bufferSize: 10 }), { lastEventId: '0' });
    await client.until((c) => c.events.length > 0);
    // It reads no more while 2,000 events go by: history rolls over what it has not read.
    for (let n = 1001; n <= 3000; n++) bus.publish(Agent.STEP, { n, text });
    await client.until((c) => c.events.length > 0 && c.seqs.at(-1) === 3000);
    const seqs = client.seqs;
    const gaps = client.control<{ from: number; to: number }>('mesh-gap');
    expect(gaps.length).toBeGreaterThan(0);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    // Received events and told gaps cover 1..3000 exactly once.
    const covered = [...seqs, ...gaps.flatMap((gap) => range(gap.from, gap.to))].sort((a, b) => a - b);
    expect(covered).toEqual(range(1, 3000));
    expect(client.control('mesh-dropped')).toEqual([]);
    client.disconnect();
  });

  test('rule 7: replayed history obeys the filter and visibility; a client still catching up holds no subscription yet', async () => {
    const { bus } = makeBus({ historyLimit: 5000 });
    for (let n = 1; n <= 2000; n++) {
      bus.publish(Agent.STEP, { n });
      bus.publish(Agent.TRACE, n);
    }
    const before = bus.subscriberCount;
    const client = await SseClient.open(sseHandler(bus, { bufferSize: 5 }), { lastEventId: '0' });
    // 2,000 public STEP events between 2,000 debug TRACE ones: more than one page of history to read.
    expect(bus.subscriberCount).toBe(before);
    await client.until((c) => c.events.length === 2000);
    expect(client.events.every((m) => m.event === 'STEP')).toBe(true);
    expect(client.seqs).toEqual(bus.history({ types: ['STEP'] }).map((e) => e.seq));
    expect(bus.subscriberCount).toBe(before + 1);
    client.disconnect();
    expect(bus.subscriberCount).toBe(before);
  });

  test('rule 8: retryMs is sent as `retry:` at the start of each response; none by default', async () => {
    const { bus } = makeBus();
    const withRetry = await SseClient.open(sseHandler(bus, { retryMs: 2500 }));
    const without = await SseClient.open(sseHandler(bus));
    bus.publish(Agent.STEP, { n: 1 });
    await withRetry.until((c) => c.events.length === 1);
    await without.until((c) => c.events.length === 1);
    expect(withRetry.messages[0]!.retry).toBe('2500');
    expect(withRetry.messages.filter((m) => m.retry !== undefined)).toHaveLength(1);
    expect(without.messages.filter((m) => m.retry !== undefined)).toEqual([]);
    expect(() => sseHandler(bus, { retryMs: -1 })).toThrow(/^sseHandler: retryMs must be a whole number of milliseconds \(0 or more\), got number -1$/);
    expect(() => sseHandler(bus, { retryMs: 1.5 })).toThrow(RangeError);
    expect(() => sseHandler(bus, { retryMs: '100' as never })).toThrow(RangeError);
    withRetry.disconnect();
    without.disconnect();
  });

  test('a plain seq above what this bus has, and ids of another shape, are told apart', async () => {
    const { bus } = makeBus();
    bus.publish(Agent.STEP, { n: 1 });
    const above = await SseClient.open(sseHandler(bus), { lastEventId: `${bus.epoch}-50` });
    const malformed = await SseClient.open(sseHandler(bus), { lastEventId: 'not an-id' });
    bus.publish(Agent.STEP, { n: 2 });
    await malformed.until((c) => c.events.length === 1);
    expect(malformed.messages.flatMap((m) => m.comments).join('\n')).toContain('malformed Last-Event-ID');
    expect(malformed.control('mesh-reset')).toEqual([]);
    expect(seqOfId(malformed.events[0]!.id)).toBe(2);
    // An id of this epoch past the newest seq: the events after it, when they come; no reset.
    while (bus.history().at(-1)!.seq < 51) bus.publish(Agent.STEP, { n: 0 });
    await above.until((c) => c.events.length === 1);
    expect(above.seqs).toEqual([51]);
    expect(above.control('mesh-reset')).toEqual([]);
    above.disconnect();
    malformed.disconnect();
  });
});
