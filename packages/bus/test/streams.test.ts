import { afterEach, describe, expect, test, vi } from 'vitest';
import { BusClosedError, UnknownEventTypeError, type Event } from '../src/index.js';
import { EventType, makeBus } from './fixtures.js';

/** Reads everything a stream yields until it ends. */
async function readAll<E>(stream: AsyncIterable<E>): Promise<E[]> {
  const out: E[] = [];
  for await (const event of stream) out.push(event);
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('streams (bus rules 8 and 9)', () => {
  test('rule 8: a stream yields matching events in order, for await friendly', async () => {
    const { bus } = makeBus();
    const stream = bus.stream({ types: ['TRACE', 'RUN_FINISHED'] }, { endOnTerminal: true });
    bus.publish(EventType.TRACE, 1);
    bus.publish(EventType.AUDIT, 'not for this stream');
    bus.publish(EventType.TRACE, 2);
    bus.publish(EventType.RUN_FINISHED);
    bus.publish(EventType.TRACE, 3);
    const events = await readAll(stream);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['TRACE', 1],
      ['TRACE', 2],
      ['RUN_FINISHED', undefined],
    ]);
    expect(stream.ended).toBe(true);
    expect(bus.subscriberCount).toBe(0);
  });

  test('rule 8: fed without polling: a waiting next() is resolved by the publish itself, with timers frozen', async () => {
    vi.useFakeTimers();
    const { bus } = makeBus();
    const stream = bus.stream();
    const pending = stream.next();
    bus.publish(EventType.TRACE, 42);
    const result = await pending; // no timer ever fires here
    expect(result).toEqual({ done: false, value: expect.objectContaining({ type: 'TRACE', data: 42 }) });
    expect(vi.getTimerCount()).toBe(0);
    stream.close();
  });

  test('takeQueued hands out queued events at once, in order, up to max; a terminal one ends an endOnTerminal stream', async () => {
    const { bus } = makeBus();
    const stream = bus.stream({ runId: 'r1' });
    expect(stream.takeQueued()).toEqual([]);
    for (let i = 1; i <= 5; i++) bus.publish(EventType.TRACE, i, { runId: 'r1' });
    bus.publish(EventType.RUN_FINISHED, undefined, { runId: 'r1' });
    expect(stream.takeQueued(2).map((e) => e.data)).toEqual([1, 2]);
    expect(stream.buffered).toBe(4);
    expect(stream.takeQueued().map((e) => e.type)).toEqual(['TRACE', 'TRACE', 'TRACE', 'RUN_FINISHED']);
    expect(stream.ended).toBe(true);
    expect(stream.takeQueued()).toEqual([]);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(bus.subscriberCount).toBe(0);
  });

  test('rule 8: when the queue is full the oldest non-terminal event is dropped and counted', async () => {
    const { bus } = makeBus();
    const stream = bus.stream({ types: ['TRACE'] }, { bufferSize: 3 });
    for (let i = 1; i <= 10; i++) bus.publish(EventType.TRACE, i);
    expect(stream.dropped).toBe(7);
    expect(stream.buffered).toBe(3);
    stream.close();
    expect((await readAll(stream)).length).toBe(0);
  });

  test('rule 8: terminal under pressure: a full queue still takes a terminal event, evicting the oldest non-terminal one', async () => {
    const { bus } = makeBus();
    const stream = bus.stream({}, { bufferSize: 2, endOnTerminal: true });
    bus.publish(EventType.TRACE, 1);
    bus.publish(EventType.TRACE, 2);
    bus.publish(EventType.RUN_FINISHED); // queue [1, 2] is full: 1 makes room for the terminal event
    bus.publish(EventType.TRACE, 3); // after the terminal event: not taken any more
    const events = await readAll(stream);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['TRACE', 2],
      ['RUN_FINISHED', undefined],
    ]);
    expect(stream.dropped).toBe(1);

    const keepAll = bus.stream({}, { bufferSize: 2, endOnTerminal: false });
    bus.publish(EventType.TRACE, 1);
    bus.publish(EventType.RUN_FINISHED);
    bus.publish(EventType.RUN_FINISHED); // the queue holds only terminal events: it grows rather than drop one
    bus.publish(EventType.TRACE, 2);
    expect(keepAll.dropped).toBe(1);
    expect(keepAll.buffered).toBe(3);
    const first = await keepAll.next();
    expect(first.value?.type).toBe('RUN_FINISHED');
    keepAll.close();
  });

  test('rule 8: endOnTerminal defaults to true with a runId and ends after the run\'s terminal event', async () => {
    const { bus } = makeBus();
    const run = bus.stream({ runId: 'r1' });
    const everything = bus.stream();
    bus.publish(EventType.TRACE, 1, { runId: 'r1' });
    bus.publish(EventType.RUN_FINISHED, undefined, { runId: 'r2' });
    bus.publish(EventType.RUN_FINISHED, undefined, { runId: 'r1' });
    bus.publish(EventType.TRACE, 2, { runId: 'r1' });
    expect((await readAll(run)).map((e) => e.type)).toEqual(['TRACE', 'RUN_FINISHED']);
    expect(everything.ended).toBe(false);
    expect(everything.buffered).toBe(4);
    everything.close();
  });

  test('rule 8: break, return() and close() free the subscription at once', async () => {
    const { bus } = makeBus();
    const a = bus.stream();
    const b = bus.stream();
    const c = bus.stream();
    expect(bus.subscriberCount).toBe(3);
    bus.publish(EventType.TRACE, 1);
    for await (const _event of a) break;
    expect(bus.subscriberCount).toBe(2);
    await b.return();
    expect(bus.subscriberCount).toBe(1);
    const waiting = c.next();
    c.close();
    expect(bus.subscriberCount).toBe(0);
    expect(await waiting).toEqual({ done: false, value: expect.objectContaining({ data: 1 }) });
    expect(await c.next()).toEqual({ done: true, value: undefined });
  });

  test('rule 8: a reader waiting on an empty stream is released by close()', async () => {
    const { bus } = makeBus();
    const stream = bus.stream();
    const waiting = stream.next();
    stream.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
  });

  test('rule 11: when the bus closes, open streams end after their queued events', async () => {
    const { bus } = makeBus();
    const stream = bus.stream();
    const idle = bus.stream();
    const idleNext = idle.next();
    bus.publish(EventType.TRACE, 1);
    bus.publish(EventType.RUN_FINISHED);
    bus.close();
    expect(bus.subscriberCount).toBe(0);
    expect((await readAll(stream)).map((e) => e.type)).toEqual(['TRACE', 'RUN_FINISHED']);
    expect((await idleNext).value?.data).toBe(1);
    expect((await readAll(idle)).map((e) => e.type)).toEqual(['RUN_FINISHED']);
    expect(() => bus.stream()).toThrow(BusClosedError);
  });

  test('many streams: 1,000 opened and closed leave subscriberCount at 0', async () => {
    const { bus } = makeBus();
    const streams = Array.from({ length: 1000 }, (_, i) => bus.stream({ types: i % 2 ? ['TRACE'] : undefined }));
    expect(bus.subscriberCount).toBe(1000);
    bus.publish(EventType.TRACE, 1);
    for (const [i, stream] of streams.entries()) {
      if (i % 3 === 0) stream.close();
      else if (i % 3 === 1) await stream.return();
      else for await (const _event of stream) break;
    }
    expect(bus.subscriberCount).toBe(0);
  });

  test('rule 9: a stream at level L gets events at or below L; without visibility, everything', async () => {
    const { bus } = makeBus();
    const ui = bus.stream({ visibility: 'public' });
    const ops = bus.stream({ visibility: 'internal' });
    const all = bus.stream();
    bus.publish(EventType.ORDER_SHIPPED, { id: 'a' });
    bus.publish(EventType.AUDIT, 'x');
    bus.publish(EventType.TRACE, 1);
    bus.publish(EventType.RUN_FINISHED);
    bus.close();
    expect((await readAll(ui)).map((e) => e.type)).toEqual(['ORDER_SHIPPED', 'RUN_FINISHED']);
    expect((await readAll(ops)).map((e) => e.type)).toEqual(['ORDER_SHIPPED', 'AUDIT', 'RUN_FINISHED']);
    expect((await readAll(all)).map((e) => e.type)).toEqual(['ORDER_SHIPPED', 'AUDIT', 'TRACE', 'RUN_FINISHED']);
  });

  test('filters by lane and types', async () => {
    const { bus } = makeBus();
    const laneA = bus.stream({ runId: 'r', lane: 'a', types: ['TRACE'] }, { endOnTerminal: false });
    bus.publish(EventType.TRACE, 1, { runId: 'r', lane: 'a' });
    bus.publish(EventType.TRACE, 2, { runId: 'r', lane: 'b' });
    bus.publish(EventType.AUDIT, 'x', { runId: 'r', lane: 'a' });
    bus.publish(EventType.TRACE, 3, { runId: 'r', lane: 'a' });
    bus.close();
    expect((await readAll(laneA)).map((e) => e.data)).toEqual([1, 3]);
  });

  test('replay-then-live: sinceSeq starts with history, then follows live events, each exactly once, no gap', async () => {
    const { bus } = makeBus();
    for (let i = 1; i <= 5; i++) bus.publish(EventType.TRACE, i);
    const late = bus.stream({ sinceSeq: 2, types: ['TRACE', 'RUN_FINISHED'] }, { endOnTerminal: true });
    bus.publish(EventType.TRACE, 6); // between opening and the first read
    const first = await late.next();
    bus.subscribe(EventType.TRACE, (e) => {
      if (e.data === 7) bus.publish(EventType.TRACE, 8); // from a handler, while the reader is behind
    });
    bus.publish(EventType.TRACE, 7);
    await Promise.resolve();
    bus.publish(EventType.RUN_FINISHED);
    const rest = await readAll(late);
    const seqs = [first.value!, ...rest].map((e) => e.seq);
    expect(seqs).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect([first.value!, ...rest].map((e) => e.data)).toEqual([3, 4, 5, 6, 7, 8, undefined]);
  });

  test('replay-then-live by hand: replay(sinceSeq) then a stream, deduplicated by seq, also sees everything once', async () => {
    const { bus } = makeBus();
    for (let i = 1; i <= 3; i++) bus.publish(EventType.TRACE, i);
    const live = bus.stream({ types: ['TRACE'] });
    bus.publish(EventType.TRACE, 4); // published between the two steps: in the stream, and in the replay
    const past = bus.replay({ sinceSeq: 1, types: ['TRACE'] });
    bus.publish(EventType.TRACE, 5);
    bus.close();
    const lastReplayed = past.at(-1)!.seq;
    const seen: Event[] = [...past];
    for await (const event of live) if (event.seq > lastReplayed) seen.push(event);
    expect(seen.map((e) => e.data)).toEqual([2, 3, 4, 5]);
  });

  test('bad input: bufferSize, endOnTerminal, visibility and types', () => {
    const { bus } = makeBus();
    for (const bufferSize of [0, -1, 1.5, Number.NaN, '10']) {
      expect(() => bus.stream({}, { bufferSize: bufferSize as number })).toThrow(RangeError);
    }
    expect(() => bus.stream({}, { bufferSize: 0 })).toThrow(new RangeError('EventBus.stream: options.bufferSize must be an integer of at least 1, got number 0'));
    expect(() => bus.stream({ visibility: 'secret' as never })).toThrow(new TypeError("EventBus.stream: visibility must be 'public', 'internal' or 'debug', got the string \"secret\""));
    expect(() => bus.stream({}, { endOnTerminal: 'yes' as never })).toThrow(TypeError);
    expect(() => bus.stream({ types: ['NOPE' as never] })).toThrow(UnknownEventTypeError);
    expect(() => bus.stream('all' as never)).toThrow(TypeError);
    expect(bus.subscriberCount).toBe(0);
  });
});

describe('lanes', () => {
  test('laneSeq is stamped per (runId, lane) from 1; nextSeq tells the next one without taking it', () => {
    const { bus } = makeBus();
    expect(bus.nextSeq('r1', 'a')).toBe(1);
    bus.publish(EventType.TRACE, 1, { runId: 'r1', lane: 'a' });
    bus.publish(EventType.TRACE, 2, { runId: 'r1', lane: 'b' });
    bus.publish(EventType.TRACE, 3, { runId: 'r1', lane: 'a' });
    bus.publish(EventType.TRACE, 4, { runId: 'r2', lane: 'a' });
    bus.publish(EventType.TRACE, 5, { runId: 'r1' });
    bus.publish(EventType.TRACE, 6);
    expect(bus.nextSeq('r1', 'a')).toBe(3);
    expect(bus.nextSeq('r1', 'a')).toBe(3);
    expect(bus.nextSeq('r1')).toBe(2);
    expect(bus.history().map((e) => [e.runId, e.lane, e.laneSeq])).toEqual([
      ['r1', 'a', 1],
      ['r1', 'b', 1],
      ['r1', 'a', 2],
      ['r2', 'a', 1],
      ['r1', undefined, 1],
      [undefined, undefined, undefined],
    ]);
  });

  test('laneSeq follows commit order with async middleware, and a run\'s counters are released by its terminal event', async () => {
    const { bus } = makeBus();
    bus.addMiddleware(async () => {});
    await Promise.all([1, 2, 3].map((n) => bus.publishAsync(EventType.TRACE, n, { runId: 'r', lane: 'a' })));
    expect(bus.history().map((e) => [e.data, e.laneSeq])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    await bus.publishAsync(EventType.RUN_FINISHED, undefined, { runId: 'r', lane: 'a' });
    expect(bus.history().at(-1)!.laneSeq).toBe(4);
    expect(bus.nextSeq('r', 'a')).toBe(1);
  });

  test('nextSeq with bad input', () => {
    const { bus } = makeBus();
    expect(() => bus.nextSeq(1 as never)).toThrow(new TypeError('EventBus.nextSeq: runId must be a string, got number 1'));
    expect(() => bus.nextSeq('r', {} as never)).toThrow(TypeError);
  });
});
