import { describe, expect, test } from 'vitest';
import { EventBus, UnknownEventTypeError, defineEvents, event, rejectKeys } from '../src/index.js';
import { EventType, makeBus } from './fixtures.js';

/** What a failed call must leave as it was. */
function stateOf(bus: ReturnType<typeof makeBus>['bus']) {
  return { history: bus.history(), subscribers: bus.subscriberCount, closed: bus.closed };
}

const notFunctions: Array<[string, unknown, string]> = [
  ['undefined', undefined, 'undefined'],
  ['null', null, 'null'],
  ['a string', 'handler', 'the string "handler"'],
  ['an object', {}, 'an object'],
];

describe('bad input gets a clear error and changes nothing', () => {
  test.each(notFunctions)('subscribe, subscribeAll, addMiddleware and addGuard with %s', (_label, value, got) => {
    const { bus } = makeBus();
    bus.publish(EventType.TRACE, 1);
    const before = stateOf(bus);
    expect(() => bus.subscribe(EventType.TRACE, value as never)).toThrow(new TypeError(`EventBus.subscribe: handler must be a function, got ${got}`));
    expect(() => bus.subscribeAll(value as never)).toThrow(new TypeError(`EventBus.subscribeAll: handler must be a function, got ${got}`));
    expect(() => bus.addMiddleware(value as never)).toThrow(new TypeError(`EventBus.addMiddleware: middleware must be a function, got ${got}`));
    expect(() => bus.addGuard(value as never)).toThrow(new TypeError(`EventBus.addGuard: guard must be a function, got ${got}`));
    bus.publish(EventType.TRACE, 2);
    expect(bus.history().slice(0, 1)).toEqual(before.history);
    expect(bus.subscriberCount).toBe(before.subscribers);
  });

  const subscribeCases: Array<[string, unknown, RegExp]> = [
    ['options as a string', 'once', /options must be an object/],
    ['filter that is not a function', { filter: true }, /options\.filter must be a function, got boolean true/],
    ['unknown visibility', { visibility: 'secret' }, /visibility must be 'public', 'internal' or 'debug', got the string "secret"/],
    ['weak that is not a boolean', { weak: 1 }, /options\.weak must be a boolean/],
    ['weak with owner', { weak: true, owner: {} }, /options\.weak must be unset when options\.owner is given/],
    ['owner that is not an object', { owner: 'me' }, /options\.owner must be an object/],
    ['signal that is not an AbortSignal', { signal: {} }, /options\.signal must be an AbortSignal/],
    ['once that is not a boolean', { once: 'yes' }, /options\.once must be a boolean/],
  ];
  test.each(subscribeCases)('subscribe with %s', (_label, options, message) => {
    const { bus } = makeBus();
    expect(() => bus.subscribe(EventType.TRACE, () => {}, options as never)).toThrow(message);
    expect(() => bus.subscribeAll(() => {}, options as never)).toThrow(message);
    expect(bus.subscriberCount).toBe(0);
  });

  const publishCases: Array<[string, unknown, RegExp]> = [
    ['options as a number', 5, /EventBus\.publish: options must be an object, got number 5/],
    ['a source that is not a string', { source: 1 }, /options\.source must be a string/],
    ['metadata that is not an object', { metadata: 'x' }, /options\.metadata must be an object/],
    ['an unknown visibility', { visibility: 'top-secret' }, /visibility must be/],
    ['a runId that is not a string', { runId: 3 }, /options\.runId must be a string/],
    ['a lane that is not a string', { lane: {} }, /options\.lane must be a string/],
  ];
  test.each(publishCases)('publish with %s', async (_label, options, message) => {
    const { bus } = makeBus();
    let calls = 0;
    bus.subscribeAll(() => calls++);
    expect(() => bus.publish(EventType.TRACE, 1, options as never)).toThrow(message);
    await expect(bus.publishAsync(EventType.TRACE, 1, options as never)).rejects.toThrow(message);
    expect(calls).toBe(0);
    expect(bus.historySize).toBe(0);
  });

  test('unknown types: publish, subscribe, history filters', async () => {
    const { bus } = makeBus();
    for (const type of ['nope', '', 42, null, 'toString', 'constructor']) {
      expect(() => bus.publish(type as never, 1 as never)).toThrow(UnknownEventTypeError);
      expect(() => bus.subscribe(type as never, () => {})).toThrow(UnknownEventTypeError);
      await expect(bus.publishAsync(type as never, 1 as never)).rejects.toBeInstanceOf(UnknownEventTypeError);
    }
    expect(() => bus.history({ types: ['nope' as never] })).toThrow(/^EventBus\.history: unknown event type "nope" \(this bus knows /);
    expect(() => bus.replay({ types: [1 as never] })).toThrow(TypeError);
    expect(bus.subscriberCount).toBe(0);
  });

  test('history filters: bad sinceSeq and limit are RangeErrors', () => {
    const { bus } = makeBus();
    expect(() => bus.history({ limit: -1 })).toThrow(RangeError);
    expect(() => bus.history({ limit: 1.5 })).toThrow(new RangeError('EventBus.history: filter.limit must be an integer of at least 0, got number 1.5'));
    expect(() => bus.history({ sinceSeq: -3 })).toThrow(RangeError);
    expect(() => bus.history({ sinceSeq: Number.NaN })).toThrow(RangeError);
    expect(() => bus.history('all' as never)).toThrow(TypeError);
  });

  test('a throwing guard rejects with its own error and leaves history and subscribers untouched', () => {
    const { bus } = makeBus();
    let calls = 0;
    bus.subscribeAll(() => calls++);
    const broken = new Error('guard broke');
    bus.addGuard(() => {
      throw broken;
    });
    expect(() => bus.publish(EventType.TRACE, 1)).toThrow(broken);
    expect(calls).toBe(0);
    expect(bus.historySize).toBe(0);
    expect(bus.subscriberCount).toBe(1);
  });

  test('a guard that returns something other than a string or undefined is a TypeError', () => {
    const { bus } = makeBus();
    bus.addGuard(() => false as never);
    expect(() => bus.publish(EventType.TRACE, 1)).toThrow(new TypeError('a guard must return a string reason or undefined, got boolean false'));
    expect(bus.historySize).toBe(0);
  });

  test('a middleware returning a non-event is a TypeError, nothing stored', () => {
    const { bus } = makeBus();
    bus.addMiddleware(() => 42 as never);
    expect(() => bus.publish(EventType.TRACE, 1)).toThrow(/middleware must return nothing, an event or null, got number 42/);
    expect(bus.historySize).toBe(0);
  });

  test('constructor: types not made by defineEvents, bad options', () => {
    expect(() => new EventBus({ A: 'A' } as never)).toThrow(new TypeError('EventBus: types must be a registry made by defineEvents(), got an object'));
    expect(() => new EventBus(EventType, { historyLimit: -1 })).toThrow(RangeError);
    expect(() => new EventBus(EventType, { historyLimit: 2.5 })).toThrow(RangeError);
    expect(() => new EventBus(EventType, { maxPublishDepth: 0 })).toThrow(RangeError);
    expect(() => new EventBus(EventType, { onError: 'log' as never })).toThrow(TypeError);
  });

  test('defineEvents and event: bad definitions', () => {
    expect(() => defineEvents({ A: {} } as never)).toThrow(new TypeError('defineEvents: "A" must be made with event(), got an object'));
    expect(() => defineEvents({ HANDLER_ERROR: event() })).toThrow(/HANDLER_ERROR is built in/);
    expect(() => defineEvents({ '': event() })).toThrow(/non-empty string/);
    expect(() => defineEvents(null as never)).toThrow(TypeError);
    expect(() => event({ terminal: 'yes' } as never)).toThrow(/terminal must be a boolean/);
    expect(() => event({ visibility: 'private' } as never)).toThrow(/visibility must be/);
    expect(() => event({ schema: {} } as never)).toThrow(/schema must be a Standard Schema/);
    expect(() => event({ doc: 5 } as never)).toThrow(/doc must be a string/);
  });

  test('__proto__, constructor and toString are ordinary event names, and metadata cannot pollute prototypes', () => {
    const Odd = defineEvents({ ['__proto__']: event<string>(), constructor: event<number>(), toString: event() });
    expect(Object.keys(Odd)).toEqual(['__proto__', 'constructor', 'toString', 'HANDLER_ERROR']);
    const bus = new EventBus(Odd);
    const seen: unknown[] = [];
    bus.subscribe('__proto__', (e) => void seen.push(e.data));
    bus.publish('__proto__', 'odd');
    bus.publish('constructor', 1, { metadata: JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}') });
    expect(seen).toEqual(['odd']);
    const meta = bus.history()[1]!.metadata;
    expect(Object.keys(meta)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('rejectKeys: bad key lists', () => {
    expect(() => rejectKeys([])).toThrow(TypeError);
    expect(() => rejectKeys('chain_of_thought' as never)).toThrow(TypeError);
    expect(() => rejectKeys([''])).toThrow(TypeError);
  });

  test('frozen and cyclic payloads are accepted', () => {
    const { bus } = makeBus();
    const cyclic: { id: string; total: number; self?: unknown } = { id: 'c', total: 1 };
    cyclic.self = cyclic;
    bus.addGuard(rejectKeys(['secret']));
    bus.publish(EventType.ORDER_PLACED, cyclic);
    bus.publish(EventType.ORDER_PLACED, Object.freeze({ id: 'f', total: 2 }));
    expect(bus.history().map((e) => (e.data as { id: string }).id)).toEqual(['c', 'f']);
    expect(Object.isFrozen(cyclic)).toBe(true);
  });
});

/** Hostile payloads (bus rules 5, 17, 19): each made fresh, with what a bus with `rejectKeys(['secret'])` must say. */
const hostile: Array<[string, () => Record<string, unknown>, RegExp]> = [
  ['nested 600 deep', () => { let v: Record<string, unknown> = {}; for (let i = 0; i < 600; i++) v = { a: v }; return v; }, /nested deeper than maxPayloadDepth \(512\)/],
  ['with a getter', () => ({ inner: { get text() { return 'changes'; } } }), /has a getter or setter at text/],
  ['with a setter under a symbol key', () => ({ [Symbol('s')]: { set x(_v: number) {} } }), /has a getter or setter at x/],
  ['with a forbidden key in toJSON()', () => ({ reply: { toJSON: () => ({ secret: 1 }) } }), /forbidden key "secret" at data\.reply\.toJSON\(\)\.secret/],
  ['with a forbidden key under a top-frozen object', () => Object.freeze({ inner: { secret: 1 } }), /forbidden key "secret" at data\.inner\.secret/],
];

describe('hostile payloads get a clear EventRejectedError and leave everything as it was', () => {
  test.each(hostile)('publish and ingest of a payload %s', (_label, make, reason) => {
    const Open = defineEvents({ ANY: event<unknown>() });
    const bus = new EventBus(Open);
    bus.addGuard(rejectKeys(['secret']));
    bus.publish('ANY', 'before');
    const before = bus.history();
    for (const attempt of [
      (payload: unknown) => bus.publish('ANY', payload),
      (payload: unknown) => bus.ingest({ id: 'remote-1', type: 'ANY', data: payload, timestamp: 1, seq: 0, metadata: {}, visibility: 'public' }),
    ]) {
      const payload = make();
      const inner = Object.values(payload)[0] as object | undefined;
      expect(() => attempt(payload)).toThrow(expect.objectContaining({ name: 'EventRejectedError', message: expect.stringMatching(reason) }));
      if (inner !== undefined && !Object.isFrozen(payload)) expect(Object.isFrozen(inner)).toBe(false);
      expect(bus.history()).toEqual(before);
    }
  });

  test('a sparse array with a huge length is as cheap as its elements', () => {
    const bus = new EventBus(defineEvents({ ANY: event<unknown>() }));
    const sparse: unknown[] = [];
    sparse[2 ** 32 - 2] = { secret: 1 };
    bus.addGuard(rejectKeys(['secret']));
    expect(() => bus.publish('ANY', { sparse })).toThrow(/forbidden key "secret" at data\.sparse\[4294967294\]\.secret/);
  });
});
