import { on, once } from 'node:events';
import { describe, expect, test } from 'vitest';
import { EventEmitter } from '../src/emitter.js';

type Events = { data: [chunk: string, index: number]; end: []; error: [Error] };

describe('@mesh/signals/emitter behaves like an EventEmitter', () => {
  test('on/addListener and emit: listeners in order, with the arguments and the emitter as this', () => {
    const emitter = new EventEmitter<Events>();
    const calls: unknown[] = [];
    emitter.on('data', function (this: unknown, chunk, index) {
      calls.push(['first', chunk, index, this === emitter]);
    });
    emitter.addListener('data', (chunk) => void calls.push(['second', chunk]));
    expect(emitter.emit('data', 'a', 1)).toBe(true);
    expect(calls).toEqual([
      ['first', 'a', 1, true],
      ['second', 'a'],
    ]);
  });

  test('emit returns whether there were listeners', () => {
    const emitter = new EventEmitter<Events>();
    expect(emitter.emit('end')).toBe(false);
    emitter.on('end', () => {});
    expect(emitter.emit('end')).toBe(true);
  });

  test('once: removed right before its first call', () => {
    const emitter = new EventEmitter<Events>();
    let calls = 0;
    emitter.once('end', () => {
      calls++;
      expect(emitter.listenerCount('end')).toBe(0);
      emitter.emit('end');
    });
    emitter.emit('end');
    emitter.emit('end');
    expect(calls).toBe(1);
  });

  test('off/removeListener removes the most recently added registration, once per call', () => {
    const emitter = new EventEmitter<Events>();
    const order: string[] = [];
    const a = () => void order.push('a');
    const b = () => void order.push('b');
    emitter.on('end', a);
    emitter.on('end', b);
    emitter.on('end', a);
    emitter.off('end', a);
    emitter.emit('end');
    expect(order).toEqual(['a', 'b']);
    emitter.removeListener('end', a);
    emitter.removeListener('end', a);
    expect(emitter.listeners('end')).toEqual([b]);
  });

  test('a once listener can be removed by its original function', () => {
    const emitter = new EventEmitter<Events>();
    let calls = 0;
    const listener = () => void calls++;
    emitter.once('end', listener);
    emitter.removeListener('end', listener);
    emitter.emit('end');
    expect(calls).toBe(0);
  });

  test('prependListener and prependOnceListener put listeners first', () => {
    const emitter = new EventEmitter<Events>();
    const order: string[] = [];
    emitter.on('end', () => void order.push('on'));
    emitter.prependListener('end', () => void order.push('prepended'));
    emitter.prependOnceListener('end', () => void order.push('prepended once'));
    emitter.emit('end');
    emitter.emit('end');
    expect(order).toEqual(['prepended once', 'prepended', 'on', 'prepended', 'on']);
  });

  test('listenerCount, listeners, eventNames and removeAllListeners', () => {
    const emitter = new EventEmitter<Events>();
    const listener = () => {};
    emitter.on('end', listener);
    emitter.on('end', listener);
    emitter.on('data', () => {});
    expect(emitter.listenerCount('end')).toBe(2);
    expect(emitter.listenerCount('end', listener)).toBe(2);
    expect(emitter.eventNames()).toEqual(['end', 'data']);
    emitter.removeAllListeners('end');
    expect(emitter.listenerCount('end')).toBe(0);
    expect(emitter.emit('end')).toBe(false);
    emitter.removeAllListeners();
    expect(emitter.eventNames()).toEqual([]);
  });

  test('rawListeners, setMaxListeners and getMaxListeners are there for compatibility', () => {
    const emitter = new EventEmitter<Events>();
    const listener = () => {};
    emitter.once('end', listener);
    expect(emitter.rawListeners('end')).toEqual([listener]);
    expect(emitter.setMaxListeners(1)).toBe(emitter);
    emitter.on('end', () => {});
    expect(emitter.getMaxListeners()).toBe(Number.POSITIVE_INFINITY);
    expect(emitter.listenerCount('end')).toBe(2);
  });

  test("the 'error' rule: emitting 'error' with no listener throws; with one, it is an ordinary event", () => {
    const emitter = new EventEmitter<Events & { failure: [unknown] }>();
    const boom = new Error('boom');
    expect(() => emitter.emit('error', boom)).toThrow(boom);
    const untyped = new EventEmitter();
    expect(() => untyped.emit('error', 'just a string')).toThrow('Unhandled error. (the string "just a string")');
    const seen: Error[] = [];
    emitter.on('error', (e) => void seen.push(e));
    expect(emitter.emit('error', boom)).toBe(true);
    expect(seen).toEqual([boom]);
  });

  test('a listener added during an emit runs from the next emit', () => {
    const emitter = new EventEmitter<Events>();
    const order: string[] = [];
    emitter.on('end', () => {
      order.push('first');
      emitter.on('end', () => void order.push('added'));
    });
    emitter.emit('end');
    expect(order).toEqual(['first']);
  });

  test("node's events.once() works with it, and cleans up after itself", async () => {
    const emitter = new EventEmitter<Events>();
    setTimeout(() => emitter.emit('data', 'chunk', 3), 1);
    expect(await once(emitter, 'data')).toEqual(['chunk', 3]);
    expect(emitter.listenerCount('data') + emitter.listenerCount('error')).toBe(0);
    setTimeout(() => emitter.emit('error', new Error('failed')), 1);
    await expect(once(emitter, 'data')).rejects.toThrow('failed');
    expect(emitter.listenerCount('data')).toBe(0);
  });

  test("node's events.once() honours an AbortSignal", async () => {
    const emitter = new EventEmitter<Events>();
    const controller = new AbortController();
    const waiting = once(emitter, 'end', { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(emitter.listenerCount('end')).toBe(0);
  });

  test("node's events.on() iterates events and stops on abort", async () => {
    const emitter = new EventEmitter<Events>();
    const controller = new AbortController();
    setTimeout(() => {
      emitter.emit('data', 'a', 0);
      emitter.emit('data', 'b', 1);
    }, 1);
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const args of on(emitter, 'data', { signal: controller.signal })) {
          seen.push(args);
          if (seen.length === 2) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(emitter.listenerCount('data')).toBe(0);
  });

  test('bad input: a listener that is not a function is a TypeError, nothing added', () => {
    const emitter = new EventEmitter<Events>();
    for (const method of ['on', 'addListener', 'once', 'prependListener', 'prependOnceListener', 'off', 'removeListener'] as const) {
      expect(() => (emitter[method] as (n: string, l: unknown) => void)('end', 'nope')).toThrow(
        new TypeError(`EventEmitter.${method === 'off' ? 'removeListener' : method}: listener must be a function, got the string "nope"`),
      );
    }
    expect(emitter.eventNames()).toEqual([]);
  });
});
