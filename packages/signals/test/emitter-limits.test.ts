/**
 * Node's EventEmitter rules for listener limits and their warning, the
 * `'error'` event with `errorMonitor`, `captureRejections`, and the
 * argument checks with Node's error codes; every test runs against
 * node:events and the drop-in alike.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { IMPLEMENTATIONS, both, thrown, type EmitterClass } from './emitter-impls.js';

/** The warnings given while `run` runs, as `process.emitWarning` received them. */
function warningsOf(run: () => void): Array<Error & { emitter?: unknown; type?: unknown; count?: unknown }> {
  const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  try {
    run();
    return spy.mock.calls.map((call) => call[0] as Error);
  } finally {
    spy.mockRestore();
  }
}

/** A promise that is rejected with `error`, already handled elsewhere, as an async listener would return it. */
function rejection(error: Error): Promise<never> {
  const promise = Promise.reject(error);
  promise.catch(() => {});
  return promise;
}

afterEach(() => {
  for (const [, EventEmitter] of IMPLEMENTATIONS) {
    EventEmitter.defaultMaxListeners = 10;
    EventEmitter.captureRejections = false;
  }
});

describe.each(IMPLEMENTATIONS)('%s', (_label, EventEmitter) => {
  test('the limit is 10 by default; setMaxListeners sets this emitter\'s own and returns it', () => {
    const e = new EventEmitter();
    expect(EventEmitter.defaultMaxListeners).toBe(10);
    expect(e.getMaxListeners()).toBe(10);
    expect(e.setMaxListeners(3)).toBe(e);
    expect(e.getMaxListeners()).toBe(3);
    expect(new EventEmitter().getMaxListeners()).toBe(10);
  });

  test('one MaxListenersExceededWarning per event name past the limit, with emitter, type and count', () => {
    const e = new EventEmitter();
    const sym = Symbol('sym');
    const warnings = warningsOf(() => {
      for (let i = 0; i < 13; i++) e.on('foo', () => {});
      for (let i = 0; i < 11; i++) e.on(sym, () => {});
      for (let i = 0; i < 10; i++) e.on('bar', () => {});
    });
    expect(warnings).toHaveLength(2);
    const [foo, symbol] = warnings;
    expect(foo).toBeInstanceOf(Error);
    expect(foo!.name).toBe('MaxListenersExceededWarning');
    expect(foo!.emitter).toBe(e);
    expect(foo!.type).toBe('foo');
    expect(foo!.count).toBe(11);
    expect(foo!.message).toBe(
      'Possible EventEmitter memory leak detected. 11 foo listeners added to [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit',
    );
    expect(symbol!.type).toBe(sym);
    expect(symbol!.message).toContain('11 Symbol(sym) listeners added');
  });

  test('the warning names a subclass, counts once-listeners, and comes again after the list drops to one listener', () => {
    class Sub extends EventEmitter {}
    const e = new Sub().setMaxListeners(1);
    const a = () => {};
    const warnings = warningsOf(() => {
      e.on('v', a).once('v', a); // past 1: warns
      e.on('v', a); // still past: no second warning
      e.off('v', a).off('v', a); // back to one listener
      e.prependListener('v', a); // past again: warns again
    });
    expect(warnings.map((w) => [w.count, w.message.slice(44, 71)])).toEqual([
      [2, '2 v listeners added to [Sub'],
      [2, '2 v listeners added to [Sub'],
    ]);
  });

  test('0 and Infinity mean no limit', () => {
    const warnings = warningsOf(() => {
      const none = new EventEmitter().setMaxListeners(0);
      const infinite = new EventEmitter().setMaxListeners(Infinity);
      for (let i = 0; i < 50; i++) none.on('x', () => {}) && infinite.on('x', () => {});
    });
    expect(warnings).toEqual([]);
  });

  test('defaultMaxListeners reaches every emitter without a limit of its own, existing ones too', () => {
    const existing = new EventEmitter();
    const own = new EventEmitter().setMaxListeners(5);
    EventEmitter.defaultMaxListeners = 2;
    expect(existing.getMaxListeners()).toBe(2);
    expect(own.getMaxListeners()).toBe(5);
    const warnings = warningsOf(() => {
      for (let i = 0; i < 3; i++) existing.on('x', () => {}) && own.on('x', () => {});
    });
    expect(warnings.map((w) => w.emitter)).toEqual([existing]);
  });

  test("'error' with no listener throws the error itself", () => {
    const e = new EventEmitter();
    const boom = new Error('boom');
    expect(thrown(() => e.emit('error', boom))).toBe(boom);
  });

  test("'error' with no listener and a value that is not an Error throws ERR_UNHANDLED_ERROR carrying it as context", () => {
    const e = new EventEmitter();
    const context = { a: 1, b: 'x' };
    const error = thrown(() => e.emit('error', context));
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('ERR_UNHANDLED_ERROR');
    expect(error.message).toBe("Unhandled error. ({ a: 1, b: 'x' })");
    expect(error.context).toBe(context);
    expect(String(error)).toBe("Error [ERR_UNHANDLED_ERROR]: Unhandled error. ({ a: 1, b: 'x' })");
    expect(thrown(() => e.emit('error')).message).toBe('Unhandled error. (undefined)');
    expect(thrown(() => e.emit('error', 'just a string')).message).toBe("Unhandled error. ('just a string')");
  });

  test("with an 'error' listener, 'error' is an ordinary event", () => {
    const e = new EventEmitter();
    const seen: unknown[] = [];
    e.on('error', (error: unknown, more: unknown) => void seen.push([error, more]));
    expect(e.emit('error', 'not thrown', 2)).toBe(true);
    expect(seen).toEqual([['not thrown', 2]]);
  });

  test("errorMonitor listeners see every 'error' first, and do not stop the throw", () => {
    const e = new EventEmitter();
    const order: string[] = [];
    e.on(EventEmitter.errorMonitor, (error: Error) => void order.push(`monitor ${error.message}`));
    expect(() => e.emit('error', new Error('unheard'))).toThrow('unheard');
    e.on('error', (error: Error) => void order.push(`handler ${error.message}`));
    e.emit('error', new Error('heard'));
    e.emit('other');
    expect(order).toEqual(['monitor unheard', 'monitor heard', 'handler heard']);
  });

  test("captureRejections: a rejection of an async listener becomes an 'error' event, later", async () => {
    const e = new EventEmitter({ captureRejections: true });
    const errors: unknown[] = [];
    const kaboom = new Error('kaboom');
    e.on('something', () => rejection(kaboom));
    e.on('something', async () => 'fine');
    e.on('error', (error: unknown) => void errors.push(error));
    e.emit('something', 1);
    expect(errors).toEqual([]);
    await nextTurn();
    expect(errors).toEqual([kaboom]);
  });

  test('captureRejections: the Symbol.for(\'nodejs.rejection\') method receives the rejection, the name and the arguments instead', async () => {
    const errors: unknown[] = [];
    const seen: unknown[] = [];
    class Resource extends EventEmitter {
      constructor() {
        super({ captureRejections: true });
      }
      [Symbol.for('nodejs.rejection')](error: unknown, name: string, ...args: unknown[]) {
        seen.push([this === resource, error, name, args]);
      }
    }
    const resource = new Resource();
    const kaboom = new Error('kaboom');
    resource.on('error', (error: unknown) => void errors.push(error));
    resource.once('job', async () => rejection(kaboom));
    resource.emit('job', 'a', 2);
    await nextTurn();
    expect(seen).toEqual([[true, kaboom, 'job', ['a', 2]]]);
    expect(errors).toEqual([]);
    expect(EventEmitter.captureRejectionSymbol).toBe(Symbol.for('nodejs.rejection'));
  });

  test("captureRejections: the 'error' it emits is not captured again, so an async 'error' listener cannot loop", async () => {
    const e = new EventEmitter({ captureRejections: true });
    let errors = 0;
    e.on('job', () => rejection(new Error('first')));
    e.on('error', () => {
      errors++;
      return rejection(new Error('from the error listener'));
    });
    e.emit('job');
    await nextTurn();
    await nextTurn();
    expect(errors).toBe(1);
  });

  test('captureRejections is off by default; EventEmitter.captureRejections = true turns it on for new emitters (an option of false, being falsy, takes that default)', async () => {
    const errors: unknown[] = [];
    const before = new EventEmitter();
    before.on('job', () => rejection(new Error('ignored')));
    before.on('error', (error: unknown) => void errors.push(error));
    expect(EventEmitter.captureRejections).toBe(false);
    EventEmitter.captureRejections = true;
    expect(EventEmitter.captureRejections).toBe(true);
    const after = new EventEmitter();
    after.on('job', () => rejection(new Error('captured')));
    after.on('error', (error: unknown) => void errors.push(error));
    const optedOut = new EventEmitter({ captureRejections: false });
    optedOut.on('job', () => rejection(new Error('opted out')));
    optedOut.on('error', (error: unknown) => void errors.push(error));
    before.emit('job');
    after.emit('job');
    optedOut.emit('job');
    await nextTurn();
    expect(errors.map((error) => (error as Error).message)).toEqual(['captured', 'opted out']);
  });
});

/** Values of every kind, for the argument checks. */
const BAD: readonly unknown[] = [
  undefined,
  null,
  'nope',
  "it's",
  'a very long string that goes on and on',
  0,
  -0,
  1.5,
  12n,
  true,
  Symbol('s'),
  {},
  [1],
  Object.create(null),
  new Map(),
  new (class Widget {})(),
];

describe('argument checks throw what node:events throws: class, code, message and toString', () => {
  const describeError = (error: Error & { code?: string }) => ({
    class: error instanceof RangeError ? 'RangeError' : error instanceof TypeError ? 'TypeError' : 'Error',
    code: error.code,
    message: error.message,
    string: String(error),
  });
  const checks: ReadonlyArray<readonly [string, (EventEmitter: EmitterClass, value: unknown) => unknown]> = [
    ['on', (E, v) => new E().on('x', v as never)],
    ['addListener', (E, v) => new E().addListener('x', v as never)],
    ['once', (E, v) => new E().once('x', v as never)],
    ['prependListener', (E, v) => new E().prependListener('x', v as never)],
    ['prependOnceListener', (E, v) => new E().prependOnceListener('x', v as never)],
    ['off', (E, v) => new E().off('x', v as never)],
    ['removeListener', (E, v) => new E().removeListener('x', v as never)],
    ['setMaxListeners', (E, v) => new E().setMaxListeners(v as never)],
    ['defaultMaxListeners', (E, v) => (E.defaultMaxListeners = v as never)],
    ['captureRejections', (E, v) => (E.captureRejections = v as never)],
    ['new EventEmitter({ captureRejections })', (E, v) => new E({ captureRejections: v as never })],
  ];
  test.each(checks)('%s', (_name, call) => {
    const [node, mesh] = both((EventEmitter) =>
      BAD.map((value) => {
        try {
          call(EventEmitter, value);
          return 'accepted';
        } catch (error) {
          return describeError(error as Error);
        } finally {
          EventEmitter.defaultMaxListeners = 10;
          EventEmitter.captureRejections = false;
        }
      }),
    );
    expect(mesh).toEqual(node);
    expect(mesh.filter((result) => result !== 'accepted').length).toBeGreaterThan(3);
  });

  test('out-of-range limits: negative, NaN and -Infinity are RangeErrors with ERR_OUT_OF_RANGE', () => {
    const [node, mesh] = both((EventEmitter) => [-1, -1.5, Number.NaN, -Infinity, -1e12].map((n) => describeError(thrown(() => new EventEmitter().setMaxListeners(n)))));
    expect(mesh).toEqual(node);
    expect(mesh[0]).toEqual({
      class: 'RangeError',
      code: 'ERR_OUT_OF_RANGE',
      message: 'The value of "setMaxListeners" is out of range. It must be >= 0. Received -1',
      string: 'RangeError [ERR_OUT_OF_RANGE]: The value of "setMaxListeners" is out of range. It must be >= 0. Received -1',
    });
  });

  test("a listener that is not a function: ERR_INVALID_ARG_TYPE, and nothing changed (no 'newListener' either)", () => {
    const [node, mesh] = both((EventEmitter) => {
      const e = new EventEmitter();
      const heard: unknown[] = [];
      e.on('newListener', (name: string) => void heard.push(name));
      const error = thrown(() => e.on('x', 'nope' as never));
      return [error.code, error.message, e.eventNames(), heard];
    });
    expect(mesh).toEqual(node);
    expect(mesh).toEqual(['ERR_INVALID_ARG_TYPE', 'The "listener" argument must be of type function. Received type string (\'nope\')', ['newListener'], []]);
  });

  test('ERR_UNHANDLED_ERROR shows the value as util.inspect does', () => {
    const values: unknown[] = [
      42,
      -0,
      'a\nb',
      `both ' and "`,
      [1, 'a', [2, [3, [4]]]],
      { a: { b: { c: { d: 1 } } } },
      Object.assign(Object.create(null) as object, { a: 1 }),
      new (class Foo {
        x = 1;
      })(),
      { 'a-b': 1, [Symbol('s')]: 2 },
      new Map([[1, { two: 2 }]]),
      new Set(['a']),
      new Date(0),
      /x/g,
      function named() {},
      () => {},
      class K {},
      Symbol('desc'),
      10n,
      null,
      {},
      [],
    ];
    const [node, mesh] = both((EventEmitter) => values.map((value) => thrown(() => new EventEmitter().emit('error', value)).message));
    expect(mesh).toEqual(node);
  });
});
