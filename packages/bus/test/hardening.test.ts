import { describe, expect, test, vi } from 'vitest';
import { EventBus, EventRejectedError, TimeoutError, defineEvents, event, rejectKeys, type Event } from '../src/index.js';
import { EventType, makeBus, settle } from './fixtures.js';

const Open = defineEvents({ ANY: event<unknown>(), DONE: event({ terminal: true }) });

/** A plain object nested `depth` levels deep: `{ a: { a: … {} } }`. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

describe('bus rule 5: frozen all the way down', () => {
  test('a payload the caller froze only at its top is frozen inside too: no handler sees another one’s edit', () => {
    const bus = new EventBus(Open, { onError: () => {} });
    const payload = Object.freeze({ limits: { max: 1 } });
    const seen: unknown[] = [];
    bus.subscribe('ANY', (e) => {
      try {
        (e.data as { limits: { max: number } }).limits.max = 99;
      } catch {
        // strict mode: writing to a frozen object throws
      }
    });
    bus.subscribe('ANY', (e) => void seen.push((e.data as { limits: { max: number } }).limits.max));
    bus.publish('ANY', payload);
    expect(seen).toEqual([1]);
    expect(Object.isFrozen(payload.limits)).toBe(true);
    expect((bus.history()[0]!.data as typeof payload).limits.max).toBe(1);
  });

  test('objects under symbol keys, and under non-enumerable keys, are frozen', () => {
    const bus = new EventBus(Open);
    const secret = Symbol('secret');
    const payload = { [secret]: { inner: [1] } } as Record<symbol, { inner: number[] }>;
    Object.defineProperty(payload, 'hidden', { value: { n: 1 }, enumerable: false });
    bus.publish('ANY', payload);
    expect(Object.isFrozen(payload[secret])).toBe(true);
    expect(Object.isFrozen(payload[secret]!.inner)).toBe(true);
    expect(Object.isFrozen((payload as unknown as { hidden: object }).hidden)).toBe(true);
  });

  test('a getter cannot change what a guard checked: payloads with accessors are refused before guards, and nothing is stored', () => {
    const bus = new EventBus(Open);
    bus.addGuard(rejectKeys(['chain_of_thought']));
    let reads = 0;
    const sly = {
      get text() {
        return reads++ === 0 ? 'fine' : { chain_of_thought: 'leaked' };
      },
    };
    expect(() => bus.publish('ANY', { reply: sly })).toThrow(
      new EventRejectedError('the ANY payload has a getter or setter at text: payloads are plain data', 'EventBus.publish: the ANY payload has a getter or setter at text: payloads are plain data'),
    );
    expect(bus.historySize).toBe(0);
    expect(Object.isFrozen(sly)).toBe(false);
  });

  test('guards see the frozen event', () => {
    const bus = new EventBus(Open);
    const frozen: boolean[] = [];
    bus.addGuard((e) => {
      frozen.push(Object.isFrozen(e), Object.isFrozen(e.data), Object.isFrozen((e.data as { a: object }).a));
      return undefined;
    });
    bus.publish('ANY', { a: { b: 1 } });
    expect(frozen).toEqual([true, true, true]);
  });
});

describe('bus rule 14: a failing handler is never silent', () => {
  test('with no HANDLER_ERROR subscriber, the failure goes to onError with the event and the handler', () => {
    const reports: Array<[unknown, { event?: Event; handler?: Function }]> = [];
    const bus = new EventBus(EventType, { onError: (error, context) => void reports.push([error, context]) });
    const boom = new Error('handler broke');
    const handler = (): void => {
      throw boom;
    };
    bus.subscribe('ORDER_SHIPPED', handler);
    bus.publish('ORDER_SHIPPED', { id: 'o' });
    expect(reports).toHaveLength(1);
    expect(reports[0]![0]).toBe(boom);
    expect(reports[0]![1].event?.type).toBe('ORDER_SHIPPED');
    expect(reports[0]![1].handler).toBe(handler);
    expect(bus.history().map((e) => e.type)).toEqual(['ORDER_SHIPPED', 'HANDLER_ERROR']); // still recorded
  });

  test('a rejecting async handler with nobody listening reaches onError too', async () => {
    const { bus, errors } = makeBus();
    bus.subscribe('ORDER_SHIPPED', async () => {
      throw new Error('later');
    });
    await bus.publishAsync('ORDER_SHIPPED', { id: 'o' });
    await settle();
    expect(errors).toEqual([new Error('later')]);
  });

  test('with a HANDLER_ERROR subscriber (or subscribeAll, or a stream) onError stays quiet', () => {
    for (const listen of [
      (bus: EventBus<never>) => bus.subscribe('HANDLER_ERROR' as never, () => {}),
      (bus: EventBus<never>) => bus.subscribeAll(() => {}),
      (bus: EventBus<never>) => bus.stream(),
    ]) {
      const { bus, errors } = makeBus();
      listen(bus as unknown as EventBus<never>);
      bus.subscribe('ORDER_SHIPPED', () => {
        throw new Error('x');
      });
      bus.publish('ORDER_SHIPPED', { id: 'o' });
      expect(errors).toEqual([]);
    }
  });

  test('the default onError prints the event type and the error (with its stack) to console.error', () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const bus = new EventBus(EventType);
      const boom = new Error('nobody listens');
      bus.subscribe('ORDER_SHIPPED', () => {
        throw boom;
      });
      const id = bus.publish('ORDER_SHIPPED', { id: 'o' });
      expect(printed).toHaveBeenCalledTimes(1);
      expect(printed).toHaveBeenCalledWith(`@mesh/bus: a handler of ORDER_SHIPPED (event ${id}):`, boom);
      expect(boom.stack).toContain('nobody listens');
    } finally {
      printed.mockRestore();
    }
  });
});

describe('bus rule 15: event type names', () => {
  test('names with CR, LF, NUL or other control characters are refused', () => {
    for (const name of ['A\r\nid: 999', 'B\n', 'C\u0000', 'D\u001b[31m', 'E\u007f']) {
      expect(() => defineEvents({ [name]: event() })).toThrow(TypeError);
    }
    expect(() => defineEvents({ 'ORDER\nPLACED': event() })).toThrow(
      new TypeError('defineEvents: the event name "ORDER\\nPLACED" holds a control character (CR, LF, NUL…), which no event type name may'),
    );
    expect(Object.keys(defineEvents({ 'order placed ✓': event(), 'a:b/c': event() }))).toEqual(['order placed ✓', 'a:b/c', 'HANDLER_ERROR']);
  });
});

describe('bus rule 16: stream({ sinceSeq }) yields each event once, in seq order, wherever it is opened', () => {
  test('opened inside a handler, while that event and the ones it publishes are still being delivered', async () => {
    const bus = new EventBus(Open);
    let stream: AsyncIterableIterator<Event> | undefined;
    bus.subscribe('ANY', (e) => {
      if (e.data !== 'A') return;
      bus.publish('ANY', 'B'); // recorded now, delivered after this handler
      stream = bus.stream({ sinceSeq: 0 });
    });
    bus.publish('ANY', 'A');
    bus.publish('DONE');
    const got: string[] = [];
    for await (const e of stream!) {
      got.push(`${e.type}#${e.seq}`);
      if (e.type === 'DONE') break;
    }
    expect(got).toEqual(['ANY#1', 'ANY#2', 'DONE#3']);
  });
});

describe('bus rule 17: hostile payloads', () => {
  test('a payload nested deeper than maxPayloadDepth is rejected before anything is frozen or stored', () => {
    const bus = new EventBus(Open);
    const deep = nested(10_000);
    expect(() => bus.publish('ANY', deep)).toThrow(new EventRejectedError('the ANY payload is nested deeper than maxPayloadDepth (512)', 'EventBus.publish: the ANY payload is nested deeper than maxPayloadDepth (512)'));
    expect(Object.isFrozen(deep)).toBe(false);
    expect(Object.isFrozen(deep['a'])).toBe(false);
    expect(bus.historySize).toBe(0);
    bus.publish('ANY', nested(512)); // at the limit: fine
    expect(bus.historySize).toBe(1);
    const small = new EventBus(Open, { maxPayloadDepth: 3 });
    expect(() => small.publish('ANY', nested(4))).toThrow(EventRejectedError);
    expect(() => small.publish('ANY', { x: 1 }, { metadata: { a: { b: { c: {} } } } })).toThrow(new EventRejectedError('the ANY metadata is nested deeper than maxPayloadDepth (3)', 'EventBus.publish: the ANY metadata is nested deeper than maxPayloadDepth (3)'));
  });

  test('deep payloads through ingest are refused with the same error, and nothing is stored', () => {
    const bus = new EventBus(Open);
    const deep = nested(5_000);
    expect(() => bus.ingest({ id: 'x-1', type: 'ANY', data: deep, timestamp: 1, seq: 0, metadata: {}, visibility: 'public' })).toThrow(EventRejectedError);
    expect(bus.historySize).toBe(0);
    expect(Object.isFrozen(deep)).toBe(false);
  });

  test('a sparse array of length 2**32-1 costs what it holds', { timeout: 5_000 }, () => {
    const bus = new EventBus(Open);
    const sparse: unknown[] = [];
    sparse[2 ** 32 - 2] = { x: 1 };
    bus.publish('ANY', { sparse });
    expect(Object.isFrozen(sparse)).toBe(true);
    expect(Object.isFrozen(sparse[2 ** 32 - 2])).toBe(true);
  });

  test('cycles are frozen once and end', () => {
    const bus = new EventBus(Open);
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    a['list'] = [a];
    bus.publish('ANY', a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a['list'])).toBe(true);
  });

  test('class instances and Maps are passed as they are', () => {
    const bus = new EventBus(Open);
    class Point {
      x = 1;
    }
    const point = new Point();
    const map = new Map([[1, { n: 1 }]]);
    bus.publish('ANY', { point, map });
    expect(Object.isFrozen(point)).toBe(false);
    expect(Object.isFrozen(map)).toBe(false);
  });
});

describe('bus rule 18: a stuck plugin never wedges the bus', () => {
  test('an async middleware that never settles fails its publish with TimeoutError after middlewareTimeoutMs; the events behind it go on, in order', async () => {
    vi.useFakeTimers();
    try {
      const errors: unknown[] = [];
      const bus = new EventBus(Open, { middlewareTimeoutMs: 1000, onError: (error) => void errors.push(error) });
      const remove = bus.addMiddleware((draft) => (draft.data === 'stuck' ? new Promise<void>(() => {}) : undefined));
      const stuck = bus.publishAsync('ANY', 'stuck');
      const outcome = stuck.then(() => 'resolved', (error: unknown) => error);
      const ids = Array.from({ length: 10_000 }, (_, i) => bus.publish('ANY', i));
      remove();
      await vi.advanceTimersByTimeAsync(999);
      expect(bus.historySize).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      const error = await outcome;
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as Error).message).toMatch(/^EventBus\.publish: ANY .+: async middleware or schema did not settle within 1000 ms \(middlewareTimeoutMs\)$/);
      await vi.advanceTimersByTimeAsync(0);
      expect(bus.historySize).toBe(1000); // the default history limit: the newest 1000 of the 10,000
      expect(bus.history().at(-1)!.id).toBe(ids.at(-1));
      expect(bus.history().map((e) => e.data)).toEqual(Array.from({ length: 1000 }, (_, i) => 9000 + i));
      expect(errors).toEqual([]); // publishAsync got the error
    } finally {
      vi.useRealTimers();
    }
  });

  test('without publishAsync the timeout goes to onError; a late settlement is ignored', async () => {
    vi.useFakeTimers();
    try {
      const errors: unknown[] = [];
      const bus = new EventBus(Open, { middlewareTimeoutMs: 50, onError: (error) => void errors.push(error) });
      let release: () => void = () => {};
      bus.addMiddleware(() => new Promise<void>((resolve) => (release = resolve)));
      bus.publish('ANY', 'slow');
      await vi.advanceTimersByTimeAsync(50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(TimeoutError);
      release();
      await vi.advanceTimersByTimeAsync(0);
      expect(bus.historySize).toBe(0); // timed out: never stored, even when it settles later
    } finally {
      vi.useRealTimers();
    }
  });

  test('an async schema that never settles times out the same way', async () => {
    vi.useFakeTimers();
    try {
      const never = { '~standard': { version: 1 as const, vendor: 'test', validate: () => new Promise<never>(() => {}) } };
      const Slow = defineEvents({ CHECKED: event<string>({ schema: never }) });
      const bus = new EventBus(Slow, { middlewareTimeoutMs: 10 });
      const outcome = bus.publishAsync('CHECKED', 'x').then(() => 'resolved', (error: unknown) => error);
      await vi.advanceTimersByTimeAsync(10);
      expect(await outcome).toBeInstanceOf(TimeoutError);
    } finally {
      vi.useRealTimers();
    }
  });

  test('bad limits are refused', () => {
    expect(() => new EventBus(Open, { middlewareTimeoutMs: 0 })).toThrow(new RangeError('EventBus: options.middlewareTimeoutMs must be an integer of at least 1, got number 0'));
    expect(() => new EventBus(Open, { maxPayloadDepth: -1 })).toThrow(RangeError);
  });
});

describe('bus rule 19: rejectKeys checks what leaves the process', () => {
  test('a key that only appears in toJSON() output is found', () => {
    const guard = rejectKeys(['chain_of_thought']);
    const sly = { toJSON: () => ({ answer: 42, chain_of_thought: 'hidden' }) };
    const event = { type: 'ANY', data: { reply: sly }, metadata: {} } as unknown as Event;
    expect(guard(event)).toBe('ANY carries the forbidden key "chain_of_thought" at data.reply.toJSON().chain_of_thought');
    const text = { toJSON: () => JSON.stringify({ chain_of_thought: 'x' }) };
    expect(guard({ ...event, data: text } as Event)).toBe('ANY carries the forbidden key "chain_of_thought" at data.toJSON().chain_of_thought');
    expect(guard({ ...event, data: { toJSON: () => ({ fine: true }) } } as Event)).toBeUndefined();
  });

  test('a deep value never overflows the stack', () => {
    const guard = rejectKeys(['secret']);
    let value: Record<string, unknown> = { secret: 1 };
    for (let i = 0; i < 20_000; i++) value = { a: value };
    expect(guard({ type: 'ANY', data: value, metadata: {} } as unknown as Event)).toMatch(/^ANY carries the forbidden key "secret" at data(\.a){20000}\.secret$/);
  });

  test('on a bus, the toJSON key rejects the publish and nothing is stored', () => {
    const bus = new EventBus(Open);
    bus.addGuard(rejectKeys(['chain_of_thought']));
    expect(() => bus.publish('ANY', { toJSON: () => ({ chain_of_thought: 'x' }) })).toThrow(EventRejectedError);
    expect(bus.historySize).toBe(0);
  });
});
