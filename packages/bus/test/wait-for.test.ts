import { afterEach, describe, expect, test, vi } from 'vitest';
import { BusClosedError, TimeoutError, type Event } from '../src/index.js';
import { makeBus } from './fixtures.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('bus rule 13: waitFor', () => {
  test('resolves with the first event of the type delivered after the call, and leaves no subscription', async () => {
    const { bus } = makeBus();
    bus.publish('ORDER_PLACED', { id: 'old', total: 1 });
    const waiting = bus.waitFor('ORDER_PLACED');
    expect(bus.subscriberCount).toBe(1);
    bus.publish('ORDER_SHIPPED', { id: 'a' });
    bus.publish('ORDER_PLACED', { id: 'new', total: 2 });
    bus.publish('ORDER_PLACED', { id: 'later', total: 3 });
    const event = await waiting;
    expect(event).toMatchObject({ type: 'ORDER_PLACED', data: { id: 'new', total: 2 }, seq: 3 });
    expect(Object.isFrozen(event)).toBe(true);
    expect(bus.subscriberCount).toBe(0);
  });

  test('filter, runId, lane and visibility choose the event', async () => {
    const { bus } = makeBus();
    const byFilter = bus.waitFor('ORDER_PLACED', { filter: (event) => event.data.total > 10 });
    const byRun = bus.waitFor('ORDER_PLACED', { runId: 'r2' });
    const byLane = bus.waitFor('ORDER_PLACED', { runId: 'r1', lane: 'b' });
    const publicOnly = bus.waitFor('ORDER_PLACED', { visibility: 'public' });
    bus.publish('ORDER_PLACED', { id: '1', total: 5 }, { runId: 'r1', lane: 'a', visibility: 'debug' });
    bus.publish('ORDER_PLACED', { id: '2', total: 20 }, { runId: 'r1', lane: 'b' });
    bus.publish('ORDER_PLACED', { id: '3', total: 1 }, { runId: 'r2' });
    expect((await byFilter).data.id).toBe('2');
    expect((await byRun).data.id).toBe('3');
    expect((await byLane).data.id).toBe('2');
    expect((await publicOnly).data.id).toBe('2');
    expect(bus.subscriberCount).toBe(0);
  });

  test('sinceSeq: a match already in history resolves without subscribing; the oldest match above N wins', async () => {
    const { bus } = makeBus();
    bus.publish('ORDER_PLACED', { id: 'a', total: 1 }); // seq 1
    bus.publish('ORDER_PLACED', { id: 'b', total: 2 }); // seq 2
    bus.publish('ORDER_PLACED', { id: 'c', total: 3 }); // seq 3
    const found = bus.waitFor('ORDER_PLACED', { sinceSeq: 1 });
    expect(bus.subscriberCount).toBe(0);
    expect((await found).data.id).toBe('b');
    expect((await bus.waitFor('ORDER_PLACED', { sinceSeq: 0, filter: (event) => event.data.total === 3 })).seq).toBe(3);
  });

  test('sinceSeq: with no match in history it waits for live events', async () => {
    const { bus } = makeBus();
    bus.publish('ORDER_SHIPPED', { id: 'x' });
    const waiting = bus.waitFor('ORDER_PLACED', { sinceSeq: 0 });
    expect(bus.subscriberCount).toBe(1);
    bus.publish('ORDER_PLACED', { id: 'live', total: 1 });
    expect((await waiting).data.id).toBe('live');
  });

  test('sinceSeq inside a handler: an event the handler published before the wait (recorded, not yet delivered) is found, not missed', async () => {
    const { bus } = makeBus();
    let waiting: Promise<Event<{ id: string; total: number }>> | undefined;
    let sinceSeq = 0;
    let subscribersAfterWait = -1;
    bus.subscribe('ORDER_SHIPPED', (event) => {
      sinceSeq = event.seq;
      bus.publish('ORDER_PLACED', { id: 'reply', total: 1 }); // delivered after this handler returns
      waiting = bus.waitFor('ORDER_PLACED', { sinceSeq });
      subscribersAfterWait = bus.subscriberCount;
    });
    bus.publish('ORDER_SHIPPED', { id: 's' });
    const event = await waiting!;
    expect(event.data).toEqual({ id: 'reply', total: 1 });
    expect(event.seq).toBe(sinceSeq + 1);
    expect(subscribersAfterWait).toBe(1); // found in history: the wait never subscribed
    expect(bus.subscriberCount).toBe(1);
  });

  test('without sinceSeq inside a handler: an event published after the call from that handler is delivered to the wait', async () => {
    const { bus } = makeBus();
    let waiting: Promise<Event<{ id: string; total: number }>> | undefined;
    bus.subscribe('ORDER_SHIPPED', () => {
      waiting = bus.waitFor('ORDER_PLACED');
      bus.publish('ORDER_PLACED', { id: 'after', total: 1 });
    });
    bus.publish('ORDER_SHIPPED', { id: 's' });
    expect((await waiting!).data.id).toBe('after');
  });

  test('the event waited for is the one of the call: an earlier event in the same delivery is not taken', async () => {
    const { bus } = makeBus();
    let waiting: Promise<Event<{ id: string; total: number }>> | undefined;
    bus.subscribe('ORDER_PLACED', (event) => {
      if (event.data.id === 'first') waiting = bus.waitFor('ORDER_PLACED');
    });
    bus.publish('ORDER_PLACED', { id: 'first', total: 1 });
    bus.publish('ORDER_PLACED', { id: 'second', total: 1 });
    expect((await waiting!).data.id).toBe('second');
  });

  test('timeout rejects with TimeoutError (fake timers), naming the bus method and the type', async () => {
    vi.useFakeTimers();
    const { bus } = makeBus();
    const outcome = bus.waitFor('ORDER_PLACED', { timeout: 100 }).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    vi.advanceTimersByTime(100);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: 'TimeoutError', message: 'EventBus.waitFor: no ORDER_PLACED event within 100 ms' });
    expect(bus.subscriberCount).toBe(0);
  });

  test('abort rejects with signal.reason; an already-aborted signal rejects at once, subscribing nothing and skipping history', async () => {
    const { bus } = makeBus();
    const controller = new AbortController();
    const waiting = bus.waitFor('ORDER_PLACED', { signal: controller.signal });
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(bus.subscriberCount).toBe(0);

    bus.publish('ORDER_PLACED', { id: 'in history', total: 1 });
    await expect(bus.waitFor('ORDER_PLACED', { sinceSeq: 0, signal: AbortSignal.abort('no') })).rejects.toBe('no');
    expect(bus.subscriberCount).toBe(0);
  });

  test('a throwing filter rejects the wait (live and in history); the other handlers still get the event', async () => {
    const { bus, errors } = makeBus();
    const seen: string[] = [];
    bus.subscribe('ORDER_PLACED', (event) => void seen.push(event.data.id));
    const boom = new Error('filter failed');
    const live = bus.waitFor('ORDER_PLACED', {
      filter: () => {
        throw boom;
      },
    });
    bus.publish('ORDER_PLACED', { id: 'x', total: 1 });
    await expect(live).rejects.toBe(boom);
    expect(seen).toEqual(['x']);
    expect(errors).toEqual([]);
    expect(bus.subscriberCount).toBe(1);
    const fromHistory = bus.waitFor('ORDER_PLACED', {
      sinceSeq: 0,
      filter: () => {
        throw boom;
      },
    });
    await expect(fromHistory).rejects.toBe(boom);
  });

  test('close() rejects pending waits with BusClosedError; a wait on a closed bus rejects at once', async () => {
    const { bus } = makeBus();
    const first = bus.waitFor('ORDER_PLACED');
    const second = bus.waitFor('ORDER_SHIPPED', { timeout: 60_000 });
    bus.close();
    await expect(first).rejects.toThrow(new BusClosedError('EventBus.waitFor: the bus closed before any ORDER_PLACED event came'));
    await expect(second).rejects.toBeInstanceOf(BusClosedError);
    expect(bus.subscriberCount).toBe(0);
    await expect(bus.waitFor('ORDER_PLACED')).rejects.toThrow(new BusClosedError('EventBus.waitFor: the bus is closed'));
  });

  test('bad arguments are refused at the call, with nothing subscribed', () => {
    const { bus } = makeBus();
    expect(() => bus.waitFor('NOPE' as never)).toThrow(/^EventBus\.waitFor: unknown event type "NOPE" \(this bus knows /);
    expect(() => bus.waitFor('ORDER_PLACED', { timeout: -5 })).toThrow(RangeError);
    expect(() => bus.waitFor('ORDER_PLACED', { sinceSeq: -1 })).toThrow(new RangeError('EventBus.waitFor: options.sinceSeq must be a number of at least 0, got number -1'));
    expect(() => bus.waitFor('ORDER_PLACED', { filter: 1 as never })).toThrow(new TypeError('EventBus.waitFor: options.filter must be a function, got number 1'));
    expect(() => bus.waitFor('ORDER_PLACED', { runId: 7 as never })).toThrow(new TypeError('EventBus.waitFor: options.runId must be a string, got number 7'));
    expect(() => bus.waitFor('ORDER_PLACED', { visibility: 'secret' as never })).toThrow(TypeError);
    expect(() => bus.waitFor('ORDER_PLACED', 'soon' as never)).toThrow(new TypeError('EventBus.waitFor: options must be an object, got the string "soon"'));
    expect(bus.subscriberCount).toBe(0);
  });
});
