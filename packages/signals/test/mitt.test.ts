import { describe, expect, test } from 'vitest';
import mitt, { type Emitter, type EventHandlerMap } from '../src/mitt.js';

type Events = { foo: string; bar: number; baz?: undefined };

describe('@mesh/signals/mitt behaves like mitt', () => {
  test('on and emit: handlers of a type get the event, in registration order', () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    emitter.on('foo', (e) => void calls.push(`first:${e}`));
    emitter.on('foo', (e) => void calls.push(`second:${e}`));
    emitter.on('bar', () => void calls.push('bar'));
    emitter.emit('foo', 'x');
    expect(calls).toEqual(['first:x', 'second:x']);
  });

  test("'*' handlers get (type, event), after the type's handlers", () => {
    const emitter = mitt<Events>();
    const calls: unknown[] = [];
    emitter.on('*', (type, e) => void calls.push(['star', type, e]));
    emitter.on('foo', (e) => void calls.push(['foo', e]));
    emitter.emit('foo', 'a');
    emitter.emit('bar', 2);
    expect(calls).toEqual([
      ['foo', 'a'],
      ['star', 'foo', 'a'],
      ['star', 'bar', 2],
    ]);
  });

  test('off(type, handler) removes one registration; off(type) removes every handler of the type', () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    const a = (e: string) => void calls.push(`a:${e}`);
    const b = (e: string) => void calls.push(`b:${e}`);
    emitter.on('foo', a);
    emitter.on('foo', a);
    emitter.on('foo', b);
    emitter.off('foo', a);
    emitter.emit('foo', '1');
    emitter.off('foo');
    emitter.emit('foo', '2');
    expect(calls).toEqual(['a:1', 'b:1']);
    expect(emitter.all.get('foo')).toEqual([]);
  });

  test('off with an unknown handler or type does nothing', () => {
    const emitter = mitt<Events>();
    const a = (_e: string) => {};
    emitter.on('foo', a);
    emitter.off('foo', () => {});
    emitter.off('bar', () => {});
    emitter.off('bar');
    expect(emitter.all.get('foo')).toEqual([a]);
    expect(emitter.all.has('bar')).toBe(false);
  });

  test('the same handler registered twice is called twice', () => {
    const emitter = mitt<Events>();
    let calls = 0;
    const handler = () => void calls++;
    emitter.on('bar', handler);
    emitter.on('bar', handler);
    emitter.emit('bar', 1);
    expect(calls).toBe(2);
    expect(emitter.all.get('bar')).toEqual([handler, handler]);
  });

  test('all is the live map of handlers: get, set, delete and clear', () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    const handler = (e: string) => void calls.push(e);
    emitter.on('foo', handler);
    expect(emitter.all.get('foo')).toEqual([handler]);
    expect([...emitter.all.keys()]).toEqual(['foo']);
    emitter.all.clear();
    emitter.emit('foo', 'after clear');
    emitter.all.set('foo', [handler]);
    emitter.emit('foo', 'after set');
    emitter.all.delete('foo');
    emitter.emit('foo', 'after delete');
    emitter.on('foo', handler);
    emitter.emit('foo', 'again');
    expect(calls).toEqual(['after set', 'again']);
  });

  test('mitt(all) starts from an existing map of handlers', () => {
    const calls: string[] = [];
    const map: EventHandlerMap<Events> = new Map([['foo', [(e: string) => void calls.push(e)]]]) as EventHandlerMap<Events>;
    const emitter = mitt<Events>(map);
    emitter.emit('foo', 'seeded');
    expect(calls).toEqual(['seeded']);
    expect(emitter.all.get('foo')).toHaveLength(1);
  });

  test('emitting during emit: handlers added or removed take effect from the next emit', () => {
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

  test('a throwing handler stops the emit and the error reaches the caller', () => {
    const emitter = mitt<Events>();
    const calls: string[] = [];
    emitter.on('foo', () => {
      throw new Error('boom');
    });
    emitter.on('foo', () => void calls.push('after'));
    expect(() => emitter.emit('foo', 'x')).toThrow('boom');
    expect(calls).toEqual([]);
  });

  test('symbols are event types; emitting a type with no handlers is fine; optional payloads may be left out', () => {
    const key = Symbol('key');
    const emitter = mitt<{ [key]: number; baz?: undefined }>();
    const seen: unknown[] = [];
    emitter.on(key, (n) => void seen.push(n));
    emitter.on('baz', (e) => void seen.push(e));
    emitter.emit(key, 7);
    emitter.emit('baz');
    expect(seen).toEqual([7, undefined]);
    expect(() => mitt<Events>().emit('foo', 'nobody')).not.toThrow();
  });

  test('an Emitter can be passed where mitt code expects one', () => {
    const attach = (emitter: Emitter<Events>, log: string[]) => emitter.on('foo', (e) => void log.push(e));
    const log: string[] = [];
    const emitter = mitt<Events>();
    attach(emitter, log);
    emitter.emit('foo', 'typed');
    expect(log).toEqual(['typed']);
  });
});
