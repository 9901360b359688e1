/**
 * The EventEmitter drop-in as a base for old-style code (function
 * constructors, `util.inherits`, mixins), with Node's `events` helpers,
 * and in hosts without Node's `process` (browsers).
 */
import { captureRejectionSymbol as nodeRejectionSymbol, errorMonitor as nodeErrorMonitor, getEventListeners, on, once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inherits } from 'node:util';
import { afterEach, describe, expect, test, vi } from 'vitest';
import MeshDefault, { EventEmitter as Mesh, captureRejectionSymbol, errorMonitor } from '../src/emitter.js';
import { IMPLEMENTATIONS, both } from './emitter-impls.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The shape old-style code gives its emitters. */
interface OldStyle {
  name: string;
  on(name: string, listener: (...args: unknown[]) => void): OldStyle;
  emit(name: string, ...args: unknown[]): boolean;
  listenerCount(name: string): number;
}

describe.each(IMPLEMENTATIONS)('%s as a base for old-style code', (_label, EventEmitter) => {
  test('EventEmitter.call(this) in a function constructor, with util.inherits', () => {
    function Stream(this: OldStyle, name: string) {
      EventEmitter.call(this as never);
      this.name = name;
    }
    inherits(Stream, EventEmitter);
    const stream = new (Stream as unknown as new (name: string) => OldStyle)('s1');
    const seen: unknown[] = [];
    stream.on('data', function (this: OldStyle, chunk) {
      seen.push([this.name, chunk]);
    });
    expect(stream.emit('data', 'c')).toBe(true);
    expect(seen).toEqual([['s1', 'c']]);
    expect(stream).toBeInstanceOf(EventEmitter);
    expect(Object.keys(stream)).toEqual(['_events', '_eventsCount', '_maxListeners', 'name']);
  });

  test('Ctor.prototype = new EventEmitter(): each instance that calls EventEmitter.call(this) gets listeners of its own', () => {
    function Old(this: OldStyle) {
      EventEmitter.call(this as never);
    }
    Old.prototype = new EventEmitter();
    const Ctor = Old as unknown as new () => OldStyle;
    const first = new Ctor();
    const second = new Ctor();
    first.on('x', () => {});
    expect(first.listenerCount('x')).toBe(1);
    expect(second.listenerCount('x')).toBe(0);
  });

  test('calling EventEmitter with neither new nor a this is a TypeError', () => {
    expect(() => (EventEmitter as unknown as () => void)()).toThrow(TypeError);
  });

  test('Object.create(EventEmitter.prototype) works without the constructor ever running', () => {
    const emitter = Object.create(EventEmitter.prototype) as OldStyle;
    const seen: unknown[] = [];
    emitter.on('x', (v) => void seen.push(v));
    emitter.emit('x', 1);
    expect(seen).toEqual([1]);
    expect(emitter.listenerCount('x')).toBe(1);
  });

  test('EventEmitter.prototype methods called on a plain mixin object', () => {
    const { prototype } = EventEmitter;
    const mixin: Record<string, unknown> = { kind: 'mixin' };
    const seen: unknown[] = [];
    expect(prototype.emit.call(mixin, 'x')).toBe(false);
    prototype.on.call(mixin, 'x', function (this: unknown, v: unknown) {
      seen.push([this === mixin, v]);
    });
    expect(prototype.emit.call(mixin, 'x', 2)).toBe(true);
    expect(prototype.listenerCount.call(mixin, 'x')).toBe(1);
    expect(seen).toEqual([[true, 2]]);
    expect(() => prototype.emit.call({}, 'error', new Error('mixin error'))).toThrow('mixin error');
  });

  test("a mixin made by copying the prototype's keys (for…in) gets every method", () => {
    const target: Record<string, unknown> = {};
    for (const key in EventEmitter.prototype) target[key] = (EventEmitter.prototype as unknown as Record<string, unknown>)[key];
    const emitter = target as unknown as OldStyle;
    const seen: unknown[] = [];
    emitter.on('x', (v) => void seen.push(v));
    emitter.emit('x', 'copied');
    expect(seen).toEqual(['copied']);
    expect(Object.keys(EventEmitter.prototype)).toEqual(expect.arrayContaining(['on', 'emit', 'once', 'removeListener', 'listenerCount']));
  });

  test("a subclass that overrides emit sees the emitter's own 'newListener' and 'removeListener' emits", () => {
    const emitted: string[] = [];
    class Spy extends EventEmitter {
      override emit(name: string | symbol, ...args: unknown[]): boolean {
        emitted.push(String(name));
        return super.emit(name, ...args);
      }
    }
    const spy = new Spy();
    const a = () => {};
    spy.on('newListener', () => {});
    spy.on('removeListener', () => {});
    spy.on('x', a);
    spy.off('x', a);
    expect(emitted).toEqual(['newListener', 'newListener', 'removeListener']);
  });

  test("once goes through this.on, so a subclass's on sees it", () => {
    const added: string[] = [];
    class Logged extends EventEmitter {
      override on(name: string | symbol, listener: (...args: unknown[]) => void): this {
        added.push(String(name));
        return super.on(name, listener);
      }
    }
    new Logged().once('x', () => {});
    expect(added).toEqual(['x']);
  });

  test('the statics: EventEmitter.EventEmitter, errorMonitor, captureRejectionSymbol, listenerCount(emitter, name)', () => {
    expect(EventEmitter.EventEmitter).toBe(EventEmitter);
    expect(typeof EventEmitter.errorMonitor).toBe('symbol');
    expect(EventEmitter.captureRejectionSymbol).toBe(Symbol.for('nodejs.rejection'));
    const e = new EventEmitter();
    e.on('x', () => {}).on('x', () => {});
    expect(EventEmitter.listenerCount(e, 'x')).toBe(2);
  });
});

describe("Node's events helpers work with the drop-in", () => {
  test('events.once resolves with the arguments and cleans up after itself; an error rejects it', async () => {
    const emitter = new Mesh<{ data: [chunk: string, index: number]; error: [Error] }>();
    setTimeout(() => emitter.emit('data', 'chunk', 3), 1);
    expect(await once(emitter, 'data')).toEqual(['chunk', 3]);
    expect(emitter.listenerCount('data') + emitter.listenerCount('error')).toBe(0);
    setTimeout(() => emitter.emit('error', new Error('failed')), 1);
    await expect(once(emitter, 'data')).rejects.toThrow('failed');
    expect(emitter.eventNames()).toEqual([]);
  });

  test('events.once honours an AbortSignal', async () => {
    const emitter = new Mesh();
    const controller = new AbortController();
    const waiting = once(emitter, 'end', { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(emitter.listenerCount('end')).toBe(0);
  });

  test('events.on iterates events until aborted, then removes its listeners', async () => {
    const emitter = new Mesh();
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

  test('events.getEventListeners lists the listeners as emitter.listeners does', () => {
    const [node, mesh] = both((EventEmitter) => {
      const e = new EventEmitter();
      const a = () => {};
      e.once('x', a);
      e.on('x', a);
      return getEventListeners(e, 'x').map((listener: unknown) => listener === a);
    });
    expect(mesh).toEqual(node);
    expect(mesh).toEqual([true, true]);
  });

  test("Node's errorMonitor symbol monitors the drop-in's 'error' too, as does its own", () => {
    const emitter = new Mesh();
    const order: string[] = [];
    emitter.on(nodeErrorMonitor as unknown as typeof errorMonitor, () => void order.push('node monitor'));
    emitter.on(errorMonitor, () => void order.push('own monitor'));
    emitter.on('error', () => void order.push('handler'));
    emitter.emit('error', new Error('x'));
    expect(order).toEqual(['node monitor', 'own monitor', 'handler']);
    expect(errorMonitor).not.toBe(nodeErrorMonitor);
    expect(errorMonitor.description).toBe(nodeErrorMonitor.description);
  });

  test('the module exports what node:events exports for the class: default and named EventEmitter, the symbols', () => {
    expect(MeshDefault).toBe(Mesh);
    expect(Mesh.errorMonitor).toBe(errorMonitor);
    expect(captureRejectionSymbol).toBe(nodeRejectionSymbol);
  });
});

describe('without Node (a browser)', () => {
  const here = dirname(fileURLToPath(import.meta.url));

  /** Every source file `entry` reaches through relative imports. */
  function reachable(entry: string): Map<string, string> {
    const files = new Map<string, string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      const text = readFileSync(file, 'utf8');
      files.set(file, text);
      for (const match of text.matchAll(/from\s+'(\.{1,2}\/[^']+)\.js'/g)) visit(join(dirname(file), `${match[1]}.ts`));
    };
    visit(join(here, '..', 'src', entry));
    return files;
  }

  test.each(['emitter.ts', 'mitt.ts'])('%s and every file it imports import nothing from node: or any package', (entry) => {
    const files = reachable(entry);
    expect(files.size).toBeGreaterThan(0);
    for (const [file, text] of files) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      const specifiers = [...code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);
      expect({ file, outside: specifiers.filter((s) => !s.startsWith('./')) }).toEqual({ file, outside: [] });
      expect(code).not.toMatch(/\brequire\(|getBuiltinModule|\bprocess\.(?!emitWarning|nextTick)/);
    }
  });

  test('the leak warning goes to console.warn when there is no process.emitWarning', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const saved = Object.getOwnPropertyDescriptor(process, 'emitWarning')!;
    Object.defineProperty(process, 'emitWarning', { value: undefined, configurable: true, writable: true });
    try {
      const emitter = new Mesh().setMaxListeners(1);
      emitter.on('x', () => {}).on('x', () => {});
    } finally {
      Object.defineProperty(process, 'emitWarning', saved);
    }
    expect(emitWarning).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatchObject({ name: 'MaxListenersExceededWarning', type: 'x', count: 2 });
  });

  test('captured rejections are routed in a microtask when there is no process.nextTick', async () => {
    const saved = Object.getOwnPropertyDescriptor(process, 'nextTick')!;
    const emitter = new Mesh({ captureRejections: true });
    const errors: unknown[] = [];
    emitter.on('error', (error) => void errors.push(error));
    const kaboom = new Error('kaboom');
    emitter.on('job', () => {
      const promise = Promise.reject(kaboom);
      promise.catch(() => {});
      return promise;
    });
    Object.defineProperty(process, 'nextTick', { value: undefined, configurable: true, writable: true });
    try {
      emitter.emit('job');
      for (let i = 0; i < 5 && errors.length === 0; i++) await Promise.resolve();
    } finally {
      Object.defineProperty(process, 'nextTick', saved);
    }
    expect(errors).toEqual([kaboom]);
  });
});
