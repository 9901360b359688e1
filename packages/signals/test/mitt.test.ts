/**
 * mitt 3's behaviour, from its README and API docs: every test runs against
 * mitt itself and the drop-in alike, so the drop-in is shown to do what
 * mitt does.
 */
import mittModule from 'mitt';
import { describe, expect, test } from 'vitest';
import meshMitt, { mitt as namedMitt, type EventHandlerMap, type Handler, type WildcardHandler } from '../src/mitt.js';

// mitt ships CommonJS-style typings for an ES module default export.
const original = mittModule as unknown as typeof meshMitt;

type Events = { foo: string; bar: number; baz?: undefined };
/** Any handler, as tests put them straight into `all`. */
type Loose = (...args: unknown[]) => void;

const IMPLEMENTATIONS: ReadonlyArray<readonly [string, typeof meshMitt]> = [
  ['mitt', original],
  ['@mesh/signals/mitt', meshMitt],
];

describe.each(IMPLEMENTATIONS)('%s', (_label, mitt) => {
  test('on and emit: a type\'s handlers get exactly (event), in registration order', () => {
    const emitter = mitt<Events>();
    const calls: unknown[] = [];
    emitter.on('foo', function (this: unknown, ...args: unknown[]) {
      calls.push(['first', this, args]);
    });
    emitter.on('foo', (...args: unknown[]) => void calls.push(['second', args]));
    emitter.on('bar', () => void calls.push('bar'));
    emitter.emit('foo', 'x');
    expect(calls).toEqual([
      ['first', undefined, ['x']],
      ['second', ['x']],
    ]);
  });

  test("'*' handlers get exactly (type, event), after the type's handlers", () => {
    const emitter = mitt<Events>();
    const calls: unknown[] = [];
    emitter.on('*', (...args: unknown[]) => void calls.push(['star', args]));
    emitter.on('foo', (e) => void calls.push(['foo', e]));
    emitter.emit('foo', 'a');
    emitter.emit('bar', 2);
    emitter.emit('baz');
    expect(calls).toEqual([
      ['foo', 'a'],
      ['star', ['foo', 'a']],
      ['star', ['bar', 2]],
      ['star', ['baz', undefined]],
    ]);
  });

  test('the same handler registered twice is called twice; off(type, handler) removes the first registration', () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    const a: Handler<string> = (e) => void calls.push(`a:${e}`);
    const b: Handler<string> = (e) => void calls.push(`b:${e}`);
    emitter.on('foo', a);
    emitter.on('foo', b);
    emitter.on('foo', a);
    emitter.emit('foo', '1');
    emitter.off('foo', a);
    expect(emitter.all.get('foo')).toEqual([b, a]);
    emitter.emit('foo', '2');
    expect(calls).toEqual(['a:1', 'b:1', 'a:1', 'b:2', 'a:2']);
  });

  test("off(type) empties the type's list; off of an unknown handler or type changes nothing", () => {
    const emitter = mitt<Events>();
    const a = (_e: string) => {};
    emitter.on('foo', a);
    emitter.off('foo', () => {});
    emitter.off('bar', () => {});
    emitter.off('bar');
    expect(emitter.all.get('foo')).toEqual([a]);
    expect(emitter.all.has('bar')).toBe(false);
    emitter.off('foo');
    expect(emitter.all.get('foo')).toEqual([]);
    emitter.emit('foo', 'nobody');
  });

  test('mitt(map): the map is the state, its handlers are called, and on/off change it', () => {
    const calls: string[] = [];
    const seeded = (e: unknown) => void calls.push(`seeded:${String(e)}`);
    const map = new Map([['foo', [seeded]]]) as unknown as EventHandlerMap<Events>;
    const emitter = mitt<Events>(map);
    expect(emitter.all).toBe(map);
    emitter.emit('foo', 'x');
    emitter.on('bar', () => void calls.push('bar'));
    expect(map.has('bar')).toBe(true);
    emitter.off('foo', seeded);
    expect(map.get('foo')).toEqual([]);
    emitter.emit('bar', 1);
    expect(calls).toEqual(['seeded:x', 'bar']);
  });

  test('handlers put straight into all or its arrays are called by the next emit', () => {
    const emitter = mitt<Events>();
    const calls: unknown[] = [];
    emitter.on('foo', () => void calls.push('on'));
    (emitter.all.get('foo') as Loose[]).push((e) => void calls.push(['pushed', e]));
    emitter.all.set('bar', [(e: unknown) => void calls.push(['set', e])] as never);
    emitter.all.set('*', [((type: unknown, e: unknown) => void calls.push(['star', type, e])) as WildcardHandler<Events>]);
    emitter.emit('foo', 'a');
    emitter.emit('bar', 1);
    expect(calls).toEqual(['on', ['pushed', 'a'], ['star', 'foo', 'a'], ['set', 1], ['star', 'bar', 1]]);
  });

  test('all.clear() and all.delete(type) remove handlers; all is a live Map: get, has, keys, size', () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    const handler = (e: string) => void calls.push(e);
    emitter.on('foo', handler);
    emitter.on('*', () => void calls.push('star'));
    expect([...emitter.all.keys()]).toEqual(['foo', '*']);
    expect(emitter.all.size).toBe(2);
    emitter.all.delete('*');
    emitter.emit('foo', 'after delete');
    emitter.all.clear();
    emitter.emit('foo', 'after clear');
    emitter.on('foo', handler);
    emitter.emit('foo', 'again');
    expect(calls).toEqual(['after delete', 'again']);
  });

  test('each list is a snapshot when its turn comes: changes during an emit count from the next emit', () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    const late = () => void calls.push('late');
    const victim = () => void calls.push('victim');
    let nested = false;
    emitter.on('foo', () => {
      calls.push('changer');
      emitter.on('foo', late);
      emitter.off('foo', victim);
      if (!nested) {
        nested = true;
        emitter.emit('bar', 1);
      }
    });
    emitter.on('foo', victim);
    emitter.on('bar', () => void calls.push('bar'));
    emitter.emit('foo', 'x');
    expect(calls).toEqual(['changer', 'bar', 'victim']);
    calls.length = 0;
    emitter.emit('foo', 'y');
    expect(calls).toEqual(['changer', 'late']);
  });

  test("a '*' handler added by a type's handler is called in the same emit (the '*' list is read after them)", () => {
    const emitter = mitt<Events>();
    const calls: unknown[] = [];
    emitter.on('foo', () => {
      calls.push('foo');
      emitter.on('*', (type) => void calls.push(['star', type]));
    });
    emitter.emit('foo', 'x');
    expect(calls).toEqual(['foo', ['star', 'foo']]);
  });

  test('a nested emit of the same type with one, two and many handlers keeps every snapshot', () => {
    for (const count of [1, 2, 5]) {
      const emitter = mitt<Events>();
      const calls: string[] = [];
      let depth = 0;
      emitter.on('foo', () => {
        calls.push(`h0@${depth}`);
        if (depth++ === 0) {
          emitter.on('foo', () => void calls.push('added'));
          emitter.emit('foo', 'inner');
        }
      });
      for (let i = 1; i < count; i++) emitter.on('foo', () => void calls.push(`h${i}`));
      emitter.emit('foo', 'outer');
      const rest = Array.from({ length: count - 1 }, (_, i) => `h${i + 1}`);
      expect(calls).toEqual(['h0@0', 'h0@1', ...rest, 'added', ...rest]);
    }
  });

  test('a handler replaced in place in its array (same length) is seen by the next emit, not by the running one', () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    const list = (): Loose[] => emitter.all.get('foo') as Loose[];
    emitter.on('foo', () => {
      calls.push('first');
      list()[1] = () => void calls.push('replacement');
    });
    emitter.on('foo', () => void calls.push('second'));
    emitter.emit('foo', 'a');
    emitter.emit('foo', 'b');
    list()[0] = () => void calls.push('new first');
    emitter.emit('foo', 'c');
    expect(calls).toEqual(['first', 'second', 'first', 'replacement', 'new first', 'replacement']);
  });

  test("alternating types, and the '*' list, each keep their own snapshot", () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    emitter.on('foo', () => void calls.push('foo1'));
    emitter.on('foo', () => {
      calls.push('foo2');
      emitter.all.set('*', []);
    });
    emitter.on('bar', () => void calls.push('bar1'));
    emitter.on('bar', () => void calls.push('bar2'));
    emitter.on('*', () => void calls.push('star1'));
    emitter.on('*', () => void calls.push('star2'));
    emitter.emit('bar', 1);
    emitter.emit('foo', 'x');
    emitter.emit('bar', 2);
    expect(calls).toEqual(['bar1', 'bar2', 'star1', 'star2', 'foo1', 'foo2', 'bar1', 'bar2']);
  });

  test('a throwing handler stops the emit and the error reaches the caller', () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    emitter.on('foo', () => {
      throw new Error('boom');
    });
    emitter.on('foo', () => void calls.push('after'));
    emitter.on('*', () => void calls.push('star'));
    expect(() => emitter.emit('foo', 'x')).toThrow('boom');
    expect(calls).toEqual([]);
  });

  test('symbols and any string are types, case kept; a type nobody listens to is fine; an optional payload may be left out', () => {
    const key = Symbol('key');
    const emitter = mitt<Record<string | symbol, unknown>>();
    const seen: unknown[] = [];
    emitter.on(key, (n) => void seen.push(['sym', n]));
    emitter.on('Foo', (e) => void seen.push(['Foo', e]));
    emitter.on('foo', (e) => void seen.push(['foo', e]));
    emitter.on('__proto__', (e) => void seen.push(['__proto__', e]));
    emitter.on('with space', (e) => void seen.push(['with space', e]));
    emitter.emit(key, 7);
    emitter.emit('Foo', 1);
    emitter.emit('FOO', 2);
    emitter.emit('__proto__', 3);
    emitter.emit('with space', 4);
    emitter.emit('nobody', 5);
    mitt<Events>().emit('baz');
    expect(seen).toEqual([
      ['sym', 7],
      ['Foo', 1],
      ['__proto__', 3],
      ['with space', 4],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("emitting '*' by hand calls the '*' handlers as type handlers, then as '*' handlers (mitt: not supported, but this is what happens)", () => {
    const emitter = mitt<Record<string, unknown>>();
    const calls: unknown[][] = [];
    emitter.on('*', (...args: unknown[]) => void calls.push(args));
    emitter.emit('*', 'e');
    expect(calls).toEqual([['e'], ['*', 'e']]);
  });
});

test('the named export is the default export', () => {
  expect(namedMitt).toBe(meshMitt);
});
