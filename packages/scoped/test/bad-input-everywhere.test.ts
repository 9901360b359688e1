import { EventBus, UnknownEventTypeError, defineEvents, event, fromMitt, parallelMerge, rejectKeys } from '@mesh/bus';
import { Namespace, NamedSignal, Signal, signal } from '@mesh/signals';
import { toEventTarget } from '@mesh/signals/event-target';
import { EventEmitter } from '@mesh/signals/emitter';
import mitt from '@mesh/signals/mitt';
import { describe, expect, test } from 'vitest';
import { ScopedEventBus, compileScopeGlob } from '../src/index.js';

/**
 * Every public function and constructor, fed values of the wrong kind where
 * an argument has a kind: each throws a TypeError or RangeError (or, for an
 * unknown event type, UnknownEventTypeError) naming the problem, and changes nothing observable. Payloads are free-form: any value
 * works, frozen and cyclic ones included. No name or metadata pollutes a prototype.
 */

const Types = defineEvents({ NOTE: event<unknown>(), ['__proto__']: event<unknown>(), constructor: event<unknown>() });

const cyclic: Record<string, unknown> = { name: 'cycle' };
cyclic.self = cyclic;
const BAD_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['a string', 'text'],
  ['an empty string', ''],
  ['a plain object', { any: 'thing' }],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['a frozen object', Object.freeze({ frozen: true })],
  ['a cyclic object', cyclic],
  ['an array', [1, 2]],
  ['a symbol', Symbol('s')],
];

/** A fresh world: a signal, a bus tree, emitters; and a snapshot of everything observable about them. */
function world() {
  const sig = new Signal<unknown>();
  const existing = () => {};
  sig.connect(existing);
  const root = ScopedEventBus.root(Types, { historyLimit: 10 });
  root.publish('NOTE', 'before');
  root.subscribe('NOTE', () => {});
  const child = root.child('c');
  const emitter = new EventEmitter();
  emitter.on('x', () => {});
  const ns = new Namespace();
  ns.signal('kept');
  const snapshot = () => ({
    receivers: sig.receiverCount,
    history: root.bus.history().map((e) => e.id),
    subscribers: root.bus.subscriberCount + child.bus.subscriberCount,
    children: root.children.length,
    emitterNames: emitter.eventNames(),
    names: ns.names(),
  });
  return { sig, root, child, emitter, ns, snapshot };
}

type World = ReturnType<typeof world>;

/** Options objects: any plain object is accepted (unknown keys are ignored); anything else is not. */
const isOptions = (v: unknown): boolean => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v));

/** Calls that take a value of a definite kind (a function, a name, options…), and what kind. */
const CALLS: ReadonlyArray<readonly [string, (w: World, value: unknown) => unknown, (value: unknown) => boolean]> = [
  ['new Signal(doc)', (_w, v) => new Signal(v as string), (v) => v === undefined || typeof v === 'string'],
  ['Signal.connect(receiver)', (w, v) => w.sig.connect(v as never), (v) => typeof v === 'function'],
  ['Signal.connect(receiver, options)', (w, v) => w.sig.connect(() => {}, v as never), isOptions],
  ['Signal.disconnect(receiver)', (w, v) => w.sig.disconnect(v as never), (v) => typeof v === 'function'],
  ['Signal.connectVia(sender, options)', (w, v) => w.sig.connectVia('s', v as never), isOptions],
  ['Namespace.signal(name)', (w, v) => w.ns.signal(v as string), (v) => typeof v === 'string' && v !== ''],
  ['Namespace.has(name)', (w, v) => w.ns.has(v as string), (v) => typeof v === 'string' && v !== ''],
  ['signal(name)', (_w, v) => signal(v as string), (v) => typeof v === 'string' && v !== ''],
  ['new NamedSignal(name)', (_w, v) => new NamedSignal(v as string), (v) => typeof v === 'string' && v !== ''],
  ['EventEmitter.on(name, listener)', (w, v) => w.emitter.on('y', v as never), (v) => typeof v === 'function'],
  ['defineEvents(defs)', (_w, v) => defineEvents(v as never), (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0],
  ['event(options)', (_w, v) => event(v as never), isOptions],
  ['new EventBus(types)', (_w, v) => new EventBus(v as never), () => false],
  ['new EventBus(types, options)', (_w, v) => new EventBus(Types, v as never), isOptions],
  ['EventBus.subscribe(type)', (w, v) => w.root.bus.subscribe(v as never, () => {}), (v) => v === 'NOTE' || v === '__proto__' || v === 'constructor'],
  ['EventBus.subscribe(type, handler)', (w, v) => w.root.bus.subscribe('NOTE', v as never), (v) => typeof v === 'function'],
  ['EventBus.publish(type)', (w, v) => w.root.bus.publish(v as never, 1 as never), (v) => v === 'NOTE' || v === '__proto__' || v === 'constructor'],
  ['EventBus.publish(type, data, options)', (w, v) => w.root.bus.publish('NOTE', 1, v as never), isOptions],
  ['EventBus.addMiddleware(mw)', (w, v) => w.root.bus.addMiddleware(v as never), (v) => typeof v === 'function'],
  ['EventBus.addGuard(guard)', (w, v) => w.root.bus.addGuard(v as never), (v) => typeof v === 'function'],
  ['EventBus.history(filter)', (w, v) => w.root.bus.history(v as never), isOptions],
  ['EventBus.stream(filter)', (w, v) => w.root.bus.stream(v as never).close(), isOptions],
  ['EventBus.stream({}, options)', (w, v) => w.root.bus.stream({}, v as never).close(), isOptions],
  ['EventBus.nextSeq(runId)', (w, v) => w.root.bus.nextSeq(v as string), (v) => typeof v === 'string'],
  ['EventBus.ingest(event)', (w, v) => w.root.bus.ingest(v as never), () => false],
  ['rejectKeys(keys)', (_w, v) => rejectKeys(v as never), () => false],
  ['parallelMerge(lanes)', (_w, v) => parallelMerge(v as never), (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(Array.isArray)],
  ['fromMitt(emitter, bus)', (w, v) => fromMitt(v as never, w.root.bus), () => false],
  ['toEventTarget(signal)', (_w, v) => toEventTarget(v as never), () => false],
  ['ScopedEventBus.root(types)', (_w, v) => ScopedEventBus.root(v as never), () => false],
  ['ScopedEventBus.child(name)', (w, v) => w.root.child(v as string), (v) => v === undefined || (typeof v === 'string' && v !== '' && !v.includes('/') && v !== 'c')],
  ['ScopedEventBus.subscribe(type, handler, { scope })', (w, v) => w.root.subscribe('NOTE', () => {}, { scope: v as string }), (v) => v === undefined || (typeof v === 'string' && v !== '')],
  ['compileScopeGlob(glob)', (_w, v) => compileScopeGlob(v as string, 'test'), (v) => typeof v === 'string' && v !== ''],
];

describe('bad input, everywhere', () => {
  for (const [name, call, accepts] of CALLS) {
    test.each(BAD_VALUES.filter(([, value]) => !accepts(value)))(`${name} with %s: TypeError or RangeError, nothing changed`, (_label, value) => {
      const w = world();
      const before = w.snapshot();
      let error: unknown;
      try {
        call(w, value);
      } catch (caught) {
        error = caught;
      }
      // Unknown event types have their own error (API.md bus rule 1); everything else is a TypeError or RangeError.
      expect(error instanceof TypeError || error instanceof RangeError || error instanceof UnknownEventTypeError).toBe(true);
      expect((error as Error).message.length).toBeGreaterThan(10);
      expect(w.snapshot()).toEqual(before);
    });
  }

  test.each(BAD_VALUES)('payloads are free-form: publish, send and emit accept %s', (_label, value) => {
    const w = world();
    const received: unknown[] = [];
    w.root.subscribe('NOTE', (e) => void received.push(e.data));
    w.root.publish('NOTE', value);
    w.child.publish('NOTE', value);
    expect(received).toHaveLength(2);
    expect(w.sig.send('sender', value)).toHaveLength(1);
    mitt<Record<string, unknown>>().emit('x', value);
    w.emitter.emit('x', value);
  });

  test('names and metadata never pollute prototypes', () => {
    const w = world();
    w.root.publish('__proto__', { polluted: true }, { metadata: JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') });
    w.root.publish('constructor', 1);
    w.ns.signal('__proto__');
    signal('constructor');
    w.emitter.on('__proto__', () => {});
    w.emitter.emit('__proto__');
    const emitter = mitt<Record<string, unknown>>();
    emitter.on('__proto__', () => {});
    emitter.emit('__proto__', 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(w.root.bus.history().at(-2)!.metadata)).toEqual(['__proto__', 'constructor']);
  });
});
