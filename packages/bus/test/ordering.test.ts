import { describe, expect, test } from 'vitest';
import { EventBus, defineEvents, event, type Event } from '../src/index.js';
import { EventType, makeBus, settle } from './fixtures.js';

describe('ordering and re-entrancy', () => {
  test('10,000 publishes mixing sync and async middleware and handlers that publish: history, delivery and seq agree', async () => {
    const Types = defineEvents({ STEP: event<{ n: number; child: boolean }>() });
    const errors: unknown[] = [];
    const bus = new EventBus(Types, { historyLimit: 100_000, onError: (e) => void errors.push(e) });
    const delivered: Event[] = [];
    const deliveredToSecond: number[] = [];
    bus.addMiddleware((draft) => {
      draft.metadata.sync = true;
    });
    bus.addMiddleware((draft) => {
      // Every seventh event waits for a macrotask, every third for a microtask; the rest stay synchronous.
      if (draft.type !== 'STEP') return undefined;
      if (draft.data.n % 7 === 0) return new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (draft.data.n % 3 === 0) return Promise.resolve();
      return undefined;
    });
    bus.subscribe(Types.STEP, (e) => {
      delivered.push(e);
      if (!e.data.child && e.data.n % 5 === 0) bus.publish(Types.STEP, { n: e.data.n + 1_000_000, child: true });
    });
    bus.subscribe(Types.STEP, async (e) => {
      deliveredToSecond.push(e.seq);
      if (e.data.n % 11 === 0) await Promise.resolve();
    });
    const asyncPublishes: Array<Promise<string>> = [];
    for (let n = 1; n <= 10_000; n++) {
      if (n % 2 === 0) bus.publish(Types.STEP, { n, child: false });
      else asyncPublishes.push(bus.publishAsync(Types.STEP, { n, child: false }));
    }
    await Promise.all(asyncPublishes);
    // Children of the last parents may still wait for their macrotask middleware.
    for (let turn = 0; turn < 10_000 && delivered.length < 12_000; turn++) await settle();

    const history = bus.history().filter((e) => e.type === 'STEP');
    expect(history).toHaveLength(12_000);
    expect(errors).toEqual([]);
    expect(history.map((e) => e.seq)).toEqual(Array.from({ length: 12_000 }, (_, i) => i + 1));
    expect(delivered.map((e) => e.seq)).toEqual(history.map((e) => e.seq));
    expect(deliveredToSecond).toEqual(history.map((e) => e.seq));
    expect(delivered.every((e, i) => e === history[i])).toBe(true);
    // Top-level publishes keep their publish order.
    const topLevel = history.filter((e) => !e.data.child).map((e) => e.data.n);
    expect(topLevel).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    // Each child is stored after its parent.
    const position = new Map(history.map((e, i) => [e.data.n, i]));
    for (const e of history.filter((h) => h.data.child)) {
      expect(position.get(e.data.n)!).toBeGreaterThan(position.get(e.data.n - 1_000_000)!);
    }
    expect(history.every((e) => e.metadata.sync === true)).toBe(true);
  });

  test('delivery is breadth-first across nested publishes', () => {
    const { bus } = makeBus();
    const trace: string[] = [];
    bus.subscribe(EventType.TRACE, (e) => {
      trace.push(`a${e.data}`);
      if (e.data < 3) {
        bus.publish(EventType.TRACE, e.data * 10 + 1);
        bus.publish(EventType.TRACE, e.data * 10 + 2);
      }
    });
    bus.subscribe(EventType.TRACE, (e) => void trace.push(`b${e.data}`));
    bus.publish(EventType.TRACE, 1);
    expect(trace).toEqual(['a1', 'b1', 'a11', 'b11', 'a12', 'b12']);
  });

  test('beyond maxPublishDepth a handler that keeps publishing gets a RangeError, reported as HANDLER_ERROR, not a stack overflow', () => {
    const { bus } = makeBus({ maxPublishDepth: 10 });
    let calls = 0;
    const failures: string[] = [];
    bus.subscribe(EventType.TRACE, (e) => {
      calls++;
      bus.publish(EventType.TRACE, e.data + 1);
    });
    bus.subscribe(EventType.HANDLER_ERROR, (e) => void failures.push(`${e.data.error.name}: ${e.data.error.message}`));
    bus.publish(EventType.TRACE, 0);
    expect(calls).toBe(11);
    expect(failures).toEqual([
      'RangeError: EventBus.publish: TRACE would be published at depth 11, past maxPublishDepth 10: handlers are publishing events in a chain that does not end',
    ]);
    expect(bus.history({ types: ['TRACE'] })).toHaveLength(11);
  });

  test('the default depth limit stops an endless chain of 100,000 publishes early, without a stack overflow', () => {
    const { bus } = makeBus();
    let calls = 0;
    bus.subscribe(EventType.TRACE, (e) => {
      calls++;
      if (calls < 100_000) bus.publish(EventType.TRACE, e.data + 1);
    });
    bus.publish(EventType.TRACE, 0);
    expect(calls).toBe(65);
  });

  test('handlers that subscribe, unsubscribe and close during dispatch: changes take effect from the next event', () => {
    const { bus } = makeBus();
    const trace: string[] = [];
    const late = () => void trace.push('late');
    const victim = bus.subscribe(EventType.TRACE, () => void trace.push('victim'));
    bus.subscribe(EventType.TRACE, (e) => {
      trace.push(`changer${e.data}`);
      if (e.data === 1) {
        bus.subscribe(EventType.TRACE, late);
        victim();
      }
      if (e.data === 3) bus.close();
    });
    bus.publish(EventType.TRACE, 1);
    bus.publish(EventType.TRACE, 2);
    bus.publish(EventType.TRACE, 3);
    expect(trace).toEqual(['victim', 'changer1', 'changer2', 'late', 'changer3', 'late']);
    expect(bus.closed).toBe(true);
    expect(bus.subscriberCount).toBe(0);
    expect(victim.active).toBe(false);
  });

  test('middleware that publishes: the inner event is stored after the outer one', () => {
    const { bus } = makeBus();
    bus.addMiddleware((draft) => {
      if (draft.type === 'ORDER_PLACED') bus.publish(EventType.AUDIT, `placing ${(draft.data as { id: string }).id}`);
    });
    bus.publish(EventType.ORDER_PLACED, { id: 'o1', total: 1 });
    expect(bus.history().map((e) => [e.seq, e.type])).toEqual([
      [1, 'ORDER_PLACED'],
      [2, 'AUDIT'],
    ]);
  });

  test('publishAsync resolves with the id after async handlers settle', async () => {
    const { bus } = makeBus();
    const trace: string[] = [];
    bus.subscribe(EventType.AUDIT, async () => {
      await settle();
      trace.push('handler done');
    });
    const id = await bus.publishAsync(EventType.AUDIT, 'x');
    trace.push('resolved');
    expect(trace).toEqual(['handler done', 'resolved']);
    expect(bus.history()[0]!.id).toBe(id);
  });

  test('event ids are unique within and across buses', () => {
    const ids = new Set<string>();
    for (let b = 0; b < 20; b++) {
      const { bus } = makeBus();
      for (let i = 0; i < 500; i++) ids.add(bus.publish(EventType.TRACE, i));
    }
    expect(ids.size).toBe(10_000);
  });
});
