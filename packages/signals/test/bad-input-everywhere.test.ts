import { describe, expect, test } from 'vitest';
import { Namespace, NamedSignal, Signal, signal } from '../src/index.js';
import { EventEmitter } from '../src/emitter.js';
import { toEventTarget } from '../src/event-target.js';
import mitt from '../src/mitt.js';
import { BAD_VALUES, type Call, isOptions, testRefusals } from './refusals.js';

/**
 * Every public function and constructor of @mesh/signals, fed values of the
 * wrong kind where an argument has a kind: each throws a TypeError or
 * RangeError naming the problem, and changes nothing observable. Payloads
 * are free-form. No name pollutes a prototype.
 */

/** A fresh world: a signal with a receiver, an emitter with a listener, a namespace with a signal. */
function world() {
  const sig = new Signal<unknown>();
  sig.connect(() => {});
  const emitter = new EventEmitter();
  emitter.on('x', () => {});
  const ns = new Namespace();
  ns.signal('kept');
  const snapshot = () => ({ receivers: sig.receiverCount, emitterNames: emitter.eventNames(), names: ns.names() });
  return { sig, emitter, ns, snapshot };
}

const CALLS: ReadonlyArray<Call<ReturnType<typeof world>>> = [
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
  ['toEventTarget(signal)', (_w, v) => toEventTarget(v as never), () => false],
];

describe('bad input, everywhere in @mesh/signals (rule 11)', () => {
  testRefusals(world, CALLS);

  test.each(BAD_VALUES)('payloads are free-form: send and emit accept %s', (_label, value) => {
    const w = world();
    expect(w.sig.send('sender', value)).toHaveLength(1);
    expect(w.emitter.emit('x', value)).toBe(true);
    const received: unknown[] = [];
    const emitter = mitt<Record<string, unknown>>();
    emitter.on('x', (payload) => void received.push(payload));
    emitter.emit('x', value);
    expect(received).toEqual([value]);
  });

  test('names never pollute prototypes', () => {
    const w = world();
    w.ns.signal('__proto__');
    signal('constructor');
    w.emitter.on('__proto__', () => {});
    w.emitter.emit('__proto__');
    const emitter = mitt<Record<string, unknown>>();
    emitter.on('__proto__', () => {});
    emitter.emit('__proto__', 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(w.ns.has('__proto__')).toBe(true);
    expect(w.emitter.eventNames()).toContain('__proto__');
  });
});
