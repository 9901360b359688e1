import type { Event } from '@mesh/bus';
import { describe, expect, test } from 'vitest';
import { ClientQueue } from '../src/client-queue.js';
import { sseHandler } from '../src/index.js';
import { Agent, makeBus } from './fixtures.js';
import { SseClient } from './sse-reader.js';

/** A stand-in event: only `seq` and `type` matter to the queue. */
const fake = (seq: number, type: string): Event => ({ seq, type }) as Event;
const isTerminal = (event: Event): boolean => event.type === 'END';

/** Takes everything out of a queue, oldest first. */
function drain(queue: ClientQueue): Event[] {
  const out: Event[] = [];
  for (let event = queue.shift(); event !== undefined; event = queue.shift()) out.push(event);
  return out;
}

/** What a client was told it lost: every `mesh-dropped` added up. */
function toldDropped(client: SseClient): { dropped: number; terminal: number } {
  const notices = client.control<{ dropped: number; terminal?: number }>('mesh-dropped');
  return { dropped: notices.reduce((sum, n) => sum + n.dropped, 0), terminal: notices.reduce((sum, n) => sum + (n.terminal ?? 0), 0) };
}

describe('@mesh/http bounded queues (http rule 3)', () => {
  test('the client queue keeps seq order across its two lists and drops the oldest ordinary event first', () => {
    const queue = new ClientQueue(4, isTerminal);
    for (const [seq, type] of [[1, 'A'], [2, 'END'], [3, 'A'], [4, 'END']] as const) queue.push(fake(seq, type));
    queue.push(fake(5, 'A')); // full: 1 goes
    queue.push(fake(6, 'END')); // full: 3 goes
    expect([queue.dropped, queue.droppedTerminal, queue.size]).toEqual([2, 0, 4]);
    expect(drain(queue).map((e) => e.seq)).toEqual([2, 4, 5, 6]);
  });

  test('when only terminal events are left, the oldest terminal one goes, counted apart; never more than the capacity', () => {
    const queue = new ClientQueue(3, isTerminal);
    let largest = 0;
    for (let seq = 1; seq <= 20_000; seq++) {
      queue.push(fake(seq, seq % 1000 === 0 ? 'A' : 'END'));
      largest = Math.max(largest, queue.size);
    }
    expect(largest).toBe(3);
    expect([queue.dropped, queue.droppedTerminal]).toEqual([19_997, 19_997 - 19]);
    expect(drain(queue).map((e) => e.seq)).toEqual([19_998, 19_999, 20_000]);
  });

  test('20 stalled clients and 20,000 terminal events: each gets at most bufferSize, and is told the rest as terminal drops', async () => {
    const { bus } = makeBus({ historyLimit: 100 });
    const handler = sseHandler(bus, { bufferSize: 100 });
    const clients = await Promise.all(Array.from({ length: 20 }, () => SseClient.open(handler)));
    // Each reads its opening, then stops reading while the events go by.
    for (const client of clients) await client.until((c) => c.messages.length > 0);
    bus.publish(Agent.STEP, { n: 0 });
    for (let n = 1; n <= 20_000; n++) bus.publish(Agent.RUN_FINISHED, { ok: n % 2 === 0 });
    const last = bus.history().at(-1)!.seq;
    for (const client of clients) {
      await client.until((c) => c.seqs.at(-1) === last);
      expect(client.seqs.length).toBeLessThanOrEqual(100);
      expect(client.seqs).toEqual(Array.from({ length: client.seqs.length }, (_, i) => last - client.seqs.length + 1 + i));
      expect(client.events.every((m) => m.event === 'RUN_FINISHED')).toBe(true);
      const told = toldDropped(client);
      expect(told.dropped + client.seqs.length).toBe(20_001);
      expect(told.terminal).toBe(told.dropped - 1); // all but the one STEP
      client.disconnect();
    }
    expect(bus.subscriberCount).toBe(0);
  });

  test('a reading client gets every terminal event: the bound only acts on a client that falls behind', async () => {
    const { bus } = makeBus();
    const client = await SseClient.open(sseHandler(bus, { bufferSize: 10 }));
    for (let n = 1; n <= 200; n++) {
      bus.publish(Agent.RUN_FINISHED, { ok: true });
      if (n % 5 === 0) await client.until((c) => c.events.length === n);
    }
    expect(client.seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(client.control('mesh-dropped')).toEqual([]);
    client.disconnect();
  });
});
