import { describe, expect, test } from 'vitest';
import type { Event } from '../src/index.js';
import { EventType, makeBus } from './fixtures.js';

describe('subscribe options', () => {
  test('once: the first event that passes the filter, then unsubscribed', () => {
    const { bus } = makeBus();
    const seen: number[] = [];
    const sub = bus.subscribe(EventType.TRACE, (e) => void seen.push(e.data), { once: true, filter: (e) => e.data > 1 });
    bus.publish(EventType.TRACE, 1);
    expect(sub.active).toBe(true);
    bus.publish(EventType.TRACE, 2);
    bus.publish(EventType.TRACE, 3);
    expect(seen).toEqual([2]);
    expect(sub.active).toBe(false);
    expect(bus.subscriberCount).toBe(0);
  });

  test('filter: only matching events; a throwing filter is a handler error', () => {
    const { bus } = makeBus();
    const seen: string[] = [];
    const failures: string[] = [];
    bus.subscribe(EventType.ORDER_PLACED, (e) => void seen.push(e.data.id), { filter: (e) => e.data.total > 100 });
    bus.subscribe(EventType.ORDER_PLACED, () => {}, {
      filter: () => {
        throw new Error('filter broke');
      },
    });
    bus.subscribe(EventType.HANDLER_ERROR, (e) => void failures.push(e.data.error.message));
    bus.publish(EventType.ORDER_PLACED, { id: 'small', total: 5 });
    bus.publish(EventType.ORDER_PLACED, { id: 'big', total: 500 });
    expect(seen).toEqual(['big']);
    expect(failures).toEqual(['filter broke', 'filter broke']);
  });

  test('visibility: a subscriber at level L gets events at or below L; without it, everything', () => {
    const { bus } = makeBus();
    const byLevel: Record<string, string[]> = { public: [], internal: [], debug: [], none: [] };
    for (const level of ['public', 'internal', 'debug'] as const) {
      bus.subscribeAll((e) => void byLevel[level]!.push(e.type), { visibility: level });
    }
    bus.subscribeAll((e) => void byLevel.none!.push(e.type));
    bus.publish(EventType.ORDER_SHIPPED, { id: 'a' }); // public
    bus.publish(EventType.AUDIT, 'x'); // internal by default
    bus.publish(EventType.TRACE, 1); // debug by default
    bus.publish(EventType.TRACE, 2, { visibility: 'public' }); // overridden
    expect(byLevel).toEqual({
      public: ['ORDER_SHIPPED', 'TRACE'],
      internal: ['ORDER_SHIPPED', 'AUDIT', 'TRACE'],
      debug: ['ORDER_SHIPPED', 'AUDIT', 'TRACE', 'TRACE'],
      none: ['ORDER_SHIPPED', 'AUDIT', 'TRACE', 'TRACE'],
    });
    expect(bus.history().map((e) => e.visibility)).toEqual(['public', 'internal', 'debug', 'public']);
  });

  test('signal: aborting unsubscribes; an aborted signal subscribes nothing', () => {
    const { bus } = makeBus();
    const controller = new AbortController();
    let calls = 0;
    bus.subscribe(EventType.TRACE, () => calls++, { signal: controller.signal });
    const never = bus.subscribe(EventType.TRACE, () => calls++, { signal: AbortSignal.abort() });
    expect(never.active).toBe(false);
    bus.publish(EventType.TRACE, 1);
    controller.abort();
    bus.publish(EventType.TRACE, 2);
    expect(calls).toBe(1);
    expect(bus.subscriberCount).toBe(0);
  });

  test('the token unsubscribes when called or disposed', () => {
    const { bus } = makeBus();
    let calls = 0;
    {
      using _sub = bus.subscribe(EventType.TRACE, () => calls++);
      bus.publish(EventType.TRACE, 1);
    }
    const sub = bus.subscribe(EventType.TRACE, () => calls++);
    expect(sub()).toBe(true);
    expect(sub()).toBe(false);
    bus.publish(EventType.TRACE, 2);
    expect(calls).toBe(1);
  });

  test('the same handler subscribed twice is called twice (two subscriptions)', () => {
    const { bus } = makeBus();
    let calls = 0;
    const handler = () => calls++;
    bus.subscribe(EventType.TRACE, handler);
    bus.subscribe(EventType.TRACE, handler);
    bus.publish(EventType.TRACE, 1);
    expect(calls).toBe(2);
    expect(bus.subscriberCount).toBe(2);
  });

  test('subscribeAll handlers run after the type subscribers, in subscription order', () => {
    const { bus } = makeBus();
    const order: string[] = [];
    bus.subscribeAll(() => void order.push('all-1'));
    bus.subscribe(EventType.TRACE, () => void order.push('trace'));
    bus.subscribeAll(() => void order.push('all-2'));
    bus.publish(EventType.TRACE, 1);
    expect(order).toEqual(['trace', 'all-1', 'all-2']);
  });

  test('weak and owner subscriptions are called while alive (collection is in weak.gc.test.ts)', () => {
    const { bus } = makeBus();
    const seen: string[] = [];
    const owner = {};
    const weakHandler = (e: Event<number>) => void seen.push(`weak${e.data}`);
    bus.subscribe(EventType.TRACE, weakHandler, { weak: true });
    bus.subscribe(EventType.TRACE, (e) => void seen.push(`owned${e.data}`), { owner });
    bus.publish(EventType.TRACE, 1);
    expect(seen).toEqual(['weak1', 'owned1']);
    expect(bus.subscriberCount).toBe(2);
  });
});
