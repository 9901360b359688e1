/**
 * Node's EventEmitter rules for adding, removing, calling and reading
 * listeners, from the `node:events` documentation; every test runs against
 * node:events and the drop-in alike.
 */
import { describe, expect, test } from 'vitest';
import { IMPLEMENTATIONS, both } from './emitter-impls.js';

describe.each(IMPLEMENTATIONS)('%s', (_label, EventEmitter) => {
  test('on is addListener and off is removeListener: the same functions', () => {
    const e = new EventEmitter();
    expect(e.on).toBe(e.addListener);
    expect(e.off).toBe(e.removeListener);
    expect(EventEmitter.prototype.on).toBe(EventEmitter.prototype.addListener);
  });

  test('listeners run in registration order, with the arguments and the emitter as this; emit says whether anyone listened', () => {
    const e = new EventEmitter();
    const calls: unknown[] = [];
    e.on('data', function (this: unknown, ...args: unknown[]) {
      calls.push(['first', this === e, args]);
    });
    e.addListener('data', function (this: unknown, ...args: unknown[]) {
      calls.push(['second', this === e, args]);
    });
    expect(e.emit('data', 'a', 1)).toBe(true);
    expect(e.emit('nobody')).toBe(false);
    expect(calls).toEqual([
      ['first', true, ['a', 1]],
      ['second', true, ['a', 1]],
    ]);
  });

  test('a listener gets exactly the arguments emitted, however many', () => {
    const e = new EventEmitter();
    const seen: unknown[][] = [];
    e.on('x', (...args: unknown[]) => void seen.push(args));
    e.on('y', (...args: unknown[]) => void seen.push(args));
    e.on('y', (...args: unknown[]) => void seen.push(args));
    e.emit('x');
    e.emit('x', undefined);
    e.emit('x', 1, 2);
    e.emit('x', 1, 2, 3, 4, 5);
    e.emit('y', 'a', 'b', 'c');
    expect(seen).toEqual([[], [undefined], [1, 2], [1, 2, 3, 4, 5], ['a', 'b', 'c'], ['a', 'b', 'c']]);
  });

  test('the same listener added twice runs twice and counts twice', () => {
    const e = new EventEmitter();
    let calls = 0;
    const listener = () => void calls++;
    e.on('x', listener).on('x', listener);
    e.emit('x');
    expect(calls).toBe(2);
    expect(e.listenerCount('x')).toBe(2);
    expect(e.listenerCount('x', listener)).toBe(2);
    expect(e.listenerCount('x', () => {})).toBe(0);
  });

  test('removeListener removes the most recently added registration, one per call, and returns the emitter', () => {
    const e = new EventEmitter();
    const order: string[] = [];
    const a = () => void order.push('a');
    const b = () => void order.push('b');
    e.on('x', a).on('x', b).on('x', a);
    expect(e.removeListener('x', a)).toBe(e);
    e.emit('x');
    expect(order).toEqual(['a', 'b']);
    e.off('x', a);
    expect(e.listeners('x')).toEqual([b]);
    e.off('x', a).off('nothing', a);
    expect(e.listeners('x')).toEqual([b]);
  });

  test('an emit calls the listeners attached when it started: removals and additions during it count from the next emit', () => {
    const e = new EventEmitter();
    const order: string[] = [];
    const late = () => void order.push('late');
    const victim = () => void order.push('victim');
    e.on('x', () => {
      order.push('changer');
      e.off('x', victim);
      e.on('x', late);
    });
    e.on('x', victim);
    e.emit('x');
    expect(order).toEqual(['changer', 'victim']);
    order.length = 0;
    e.emit('x');
    expect(order).toEqual(['changer', 'late']);
  });

  test('a listener removing all listeners during an emit does not stop that emit', () => {
    const e = new EventEmitter();
    const order: string[] = [];
    e.on('x', () => {
      order.push('first');
      e.removeAllListeners();
    });
    e.on('x', () => void order.push('second'));
    e.emit('x');
    expect(order).toEqual(['first', 'second']);
    expect(e.emit('x')).toBe(false);
  });

  test('a nested emit of the same event sees the listeners as they are then', () => {
    const e = new EventEmitter();
    const order: string[] = [];
    let depth = 0;
    e.on('x', () => {
      order.push(`a${depth}`);
      if (depth++ === 0) {
        e.on('x', () => void order.push('added'));
        e.emit('x');
      }
    });
    e.on('x', () => void order.push(`b`));
    e.emit('x');
    expect(order).toEqual(['a0', 'a1', 'b', 'added', 'b']);
  });

  test('a throwing listener stops the emit and the error reaches the caller', () => {
    const e = new EventEmitter();
    const order: string[] = [];
    e.on('x', () => {
      throw new Error('boom');
    });
    e.on('x', () => void order.push('after'));
    expect(() => e.emit('x')).toThrow('boom');
    expect(order).toEqual([]);
    e.removeAllListeners('x');
    e.on('x', () => void order.push('again'));
    e.on('x', () => void order.push('twice'));
    e.emit('x');
    expect(order).toEqual(['again', 'twice']);
  });

  test('once: removed before its first call, so it runs once and is gone while it runs', () => {
    const e = new EventEmitter();
    const seen: unknown[] = [];
    e.once('x', function (this: unknown, ...args: unknown[]) {
      seen.push([this === e, args, e.listenerCount('x')]);
    });
    expect(e.listenerCount('x')).toBe(1);
    e.emit('x', 1, 2);
    e.emit('x', 3);
    expect(seen).toEqual([[true, [1, 2], 0]]);
  });

  test('a once listener runs at most once, also when a nested emit reaches it first', () => {
    const e = new EventEmitter();
    let g = 0;
    e.once('x', () => e.emit('x'));
    e.once('x', () => void g++);
    e.emit('x');
    expect(g).toBe(1);
    expect(e.listenerCount('x')).toBe(0);
  });

  test('a once listener can be removed by the function it wraps, before it fires', () => {
    const e = new EventEmitter();
    let calls = 0;
    const listener = () => void calls++;
    e.once('x', listener);
    e.on('x', () => {});
    e.removeListener('x', listener);
    e.emit('x');
    expect(calls).toBe(0);
    expect(e.listenerCount('x')).toBe(1);
  });

  test('prependListener and prependOnceListener add at the front', () => {
    const e = new EventEmitter();
    const order: string[] = [];
    e.on('x', () => void order.push('on'));
    e.prependListener('x', () => void order.push('prepended'));
    e.prependOnceListener('x', () => void order.push('prepended once'));
    e.emit('x');
    e.emit('x');
    expect(order).toEqual(['prepended once', 'prepended', 'on', 'prepended', 'on']);
  });

  test("'newListener' is emitted before the listener is added, with the name and the listener (the original of a once)", () => {
    const e = new EventEmitter();
    const seen: unknown[] = [];
    const a = () => {};
    e.on('newListener', (name: string, listener: unknown) => void seen.push([name, listener === a, e.listenerCount(name)]));
    e.once('x', a);
    e.on('x', a);
    e.prependOnceListener('x', a);
    expect(seen).toEqual([
      ['x', true, 0],
      ['x', true, 1],
      ['x', true, 2],
    ]);
  });

  test("listeners added by a 'newListener' listener for the same name go before the one being added (the documented B, A)", () => {
    const e = new EventEmitter();
    const order: string[] = [];
    e.once('newListener', (name: string) => {
      if (name === 'event') e.on('event', () => void order.push('B'));
    });
    e.on('event', () => void order.push('A'));
    e.emit('event');
    expect(order).toEqual(['B', 'A']);
  });

  test("'newListener' listeners hear of later 'newListener' listeners too", () => {
    const e = new EventEmitter();
    const names: string[] = [];
    e.on('newListener', (name: string) => void names.push(name));
    e.on('newListener', (name: string) => void names.push(`second saw ${name}`));
    e.on('data', () => {});
    expect(names).toEqual(['newListener', 'data', 'second saw data']);
  });

  test("'removeListener' is emitted after the listener is removed, with the name and the listener", () => {
    const e = new EventEmitter();
    const seen: unknown[] = [];
    const a = () => {};
    const b = () => {};
    e.on('removeListener', (name: string, listener: unknown) => void seen.push([name, listener === a ? 'a' : listener === b ? 'b' : 'other', e.listenerCount(name)]));
    e.on('x', a).on('x', b);
    e.off('x', a);
    e.off('x', b);
    e.off('x', b);
    expect(seen).toEqual([
      ['x', 'a', 1],
      ['x', 'b', 0],
    ]);
  });

  test("a once listener that fires is reported to 'removeListener' as Node does: the original when it was alone, the wrapper in a list", () => {
    const [node, mesh] = both((EventEmitter) => {
      const e = new EventEmitter();
      const seen: unknown[] = [];
      const a = () => {};
      e.on('removeListener', (name: string, listener: { listener?: unknown }) => void seen.push([name, listener === a ? 'original' : listener.listener === a ? 'wrapper' : 'other']));
      e.once('x', a);
      e.emit('x');
      e.once('x', a);
      e.on('x', () => {});
      e.emit('x');
      return seen;
    });
    expect(mesh).toEqual(node);
    expect(mesh).toEqual([
      ['x', 'original'],
      ['x', 'wrapper'],
    ]);
  });

  test("removeAllListeners(name) removes newest first, reporting each to 'removeListener'", () => {
    const e = new EventEmitter();
    const seen: string[] = [];
    function a() {}
    function b() {}
    e.on('x', a).on('x', b);
    e.on('y', a);
    e.on('removeListener', (name: string, listener: () => void) => void seen.push(`${name}:${listener.name}`));
    expect(e.removeAllListeners('x')).toBe(e);
    expect(seen).toEqual(['x:b', 'x:a']);
    expect(e.eventNames()).toEqual(['y', 'removeListener']);
  });

  test("removeAllListeners() removes every listener, the 'removeListener' listeners last and unreported", () => {
    const e = new EventEmitter();
    const seen: string[] = [];
    function a() {}
    function b() {}
    e.on('p', a);
    e.on('q', b).on('q', a);
    e.on('removeListener', function rl(name: string, listener: () => void) {
      seen.push(`${name}:${listener.name}`);
    });
    e.removeAllListeners();
    expect(seen).toEqual(['p:a', 'q:a', 'q:b']);
    expect(e.eventNames()).toEqual([]);
    expect(e.emit('p')).toBe(false);
  });

  test('removeAllListeners(undefined) is a call with a name (the name undefined), unlike removeAllListeners()', () => {
    const e = new EventEmitter();
    e.on('kept', () => {});
    e.removeAllListeners(undefined);
    expect(e.eventNames()).toEqual(['kept']);
    e.removeAllListeners();
    expect(e.eventNames()).toEqual([]);
  });

  test('listeners() gives copies with once-listeners unwrapped; rawListeners() gives the wrappers, each with .listener', () => {
    const e = new EventEmitter();
    const calls: string[] = [];
    const log = () => void calls.push('log once');
    const plain = () => void calls.push('plain');
    e.once('log', log);
    e.on('log', plain);
    expect(e.listeners('log')).toEqual([log, plain]);
    const raw = e.rawListeners('log') as Array<(() => void) & { listener?: () => void }>;
    expect(raw[0]).not.toBe(log);
    expect(raw[0]!.listener).toBe(log);
    expect(raw[1]).toBe(plain);
    raw.pop();
    expect(e.listenerCount('log')).toBe(2);
    raw[0]!.listener!(); // the listener itself: not unbound
    expect(e.listenerCount('log')).toBe(2);
    raw[0]!(); // the wrapper: runs it and removes it
    expect(e.listeners('log')).toEqual([plain]);
    e.emit('log');
    expect(calls).toEqual(['log once', 'log once', 'plain']);
    expect(e.listeners('none')).toEqual([]);
    expect(e.rawListeners('none')).toEqual([]);
  });

  test('listenerCount(name, listener) counts once-listeners by the function they wrap', () => {
    const e = new EventEmitter();
    const a = () => {};
    e.once('x', a);
    expect(e.listenerCount('x', a)).toBe(1);
    e.on('x', a);
    expect(e.listenerCount('x', a)).toBe(2);
    expect(e.listenerCount('x')).toBe(2);
    expect(e.listenerCount('none', a)).toBe(0);
  });

  test('eventNames: names with listeners, strings and symbols, in property order; any string is an ordinary name', () => {
    const e = new EventEmitter();
    const sym = Symbol('s');
    for (const name of ['b', '1', sym, 'a', '0', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) e.on(name, () => {});
    expect(e.eventNames()).toEqual(['0', '1', 'b', 'a', '__proto__', 'constructor', 'toString', 'hasOwnProperty', sym]);
    const seen: string[] = [];
    e.on('__proto__', (v: string) => void seen.push(v));
    e.emit('__proto__', 'proto');
    expect(seen).toEqual(['proto']);
    expect(e.emit('valueOf')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('symbols are event names like strings', () => {
    const e = new EventEmitter();
    const sym = Symbol('tick');
    const seen: unknown[] = [];
    e.on(sym, (n: number) => void seen.push(n));
    e.once(sym, (n: number) => void seen.push(-n));
    e.emit(sym, 1);
    e.emit(sym, 2);
    expect(seen).toEqual([1, -1, 2]);
    expect(e.listenerCount(sym)).toBe(1);
  });
});

test('both implementations log the same calls for a mixed scenario', () => {
  const [node, mesh] = both((EventEmitter) => {
    const e = new EventEmitter();
    const log: unknown[] = [];
    const named = (label: string) => (...args: unknown[]) => void log.push([label, ...args]);
    e.on('newListener', (name: string | symbol) => void log.push(['new', String(name)]));
    e.on('removeListener', (name: string | symbol) => void log.push(['removed', String(name)]));
    const a = named('a');
    e.on('x', a).prependListener('x', named('p')).once('x', named('o')).prependOnceListener('x', named('po'));
    e.emit('x', 1);
    e.on('x', a);
    e.off('x', a);
    e.emit('x', 2, 3);
    log.push(['names', e.eventNames().map(String), e.listenerCount('x')]);
    e.removeAllListeners('x');
    e.emit('x', 4);
    return log;
  });
  expect(mesh).toEqual(node);
  expect(mesh.length).toBeGreaterThan(10);
});
