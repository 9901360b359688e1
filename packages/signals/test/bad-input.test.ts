import { describe, expect, test } from 'vitest';
import { Namespace, NamedSignal, Signal, defaultNamespace, signal } from '../src/index.js';

/** Everything observable about a signal's receivers, to check that a failed call changed nothing. */
function stateOf(sig: Signal<void, unknown>) {
  return {
    count: sig.receiverCount,
    any: [...sig.receiversFor(undefined)],
    forA: [...sig.receiversFor('a')],
    muted: sig.isMuted,
  };
}

const existing = () => {};

/** A signal with some receivers already connected, and a log of its meta-signal traffic. */
function setup() {
  const sig = new Signal<void, unknown>();
  sig.connect(existing);
  sig.connect(() => {}, { sender: 'a' });
  const meta: unknown[] = [];
  const offConnected = Signal.receiverConnected.connect((_s, p) => void meta.push(p), { sender: sig });
  const offDisconnected = Signal.receiverDisconnected.connect((_s, p) => void meta.push(p), { sender: sig });
  return {
    sig,
    meta,
    [Symbol.dispose]() {
      offConnected();
      offDisconnected();
    },
  };
}

const receiverCases: Array<[string, unknown, string]> = [
  ['undefined', undefined, 'receiver must be a function, got undefined'],
  ['null', null, 'receiver must be a function, got null'],
  ['a number', 42, 'receiver must be a function, got number 42'],
  ['a string', 'handler', 'receiver must be a function, got the string "handler"'],
  ['an object', { handleEvent() {} }, 'receiver must be a function, got an object'],
  ['an array', [() => {}], 'receiver must be a function, got an array'],
];

const optionCases: Array<[string, unknown, string]> = [
  ['options as a string', 'weak', 'options must be an object, got the string "weak"'],
  ['options as null', null, 'options must be an object, got null'],
  ['weak as a string', { weak: 'yes' }, 'options.weak must be a boolean, got the string "yes"'],
  ['weak as a number', { weak: 1 }, 'options.weak must be a boolean, got number 1'],
  ['once as a string', { once: 'true' }, 'options.once must be a boolean, got the string "true"'],
  ['owner as a string', { owner: 'me' }, 'options.owner must be an object or function, got the string "me"'],
  ['owner as null', { owner: null }, 'options.owner must be an object or function, got null'],
  ['weak together with owner', { weak: true, owner: {} }, 'options.weak must be unset when options.owner is given, got boolean true'],
  ['signal that is not an AbortSignal', { signal: { aborted: false } }, 'options.signal must be an AbortSignal, got an object'],
];

describe('rule 11: bad input gets a TypeError naming the problem, and leaves the signal unchanged', () => {
  test.each(receiverCases)('connect with %s as receiver', (_label, receiver, message) => {
    using ctx = setup();
    const before = stateOf(ctx.sig);
    expect(() => ctx.sig.connect(receiver as never)).toThrow(new TypeError(`Signal.connect: ${message}`));
    expect(stateOf(ctx.sig)).toEqual(before);
    expect(ctx.meta).toEqual([]);
  });

  test.each(receiverCases)('disconnect with %s as receiver', (_label, receiver, message) => {
    using ctx = setup();
    const before = stateOf(ctx.sig);
    expect(() => ctx.sig.disconnect(receiver as never)).toThrow(new TypeError(`Signal.disconnect: ${message}`));
    expect(stateOf(ctx.sig)).toEqual(before);
  });

  test.each(receiverCases)('connectVia decorating %s', (_label, receiver, message) => {
    using ctx = setup();
    const before = stateOf(ctx.sig);
    expect(() => ctx.sig.connectVia('a')(receiver as never)).toThrow(new TypeError(`Signal.connectVia: ${message}`));
    expect(stateOf(ctx.sig)).toEqual(before);
  });

  test.each(optionCases)('connect with %s', (_label, options, message) => {
    using ctx = setup();
    const before = stateOf(ctx.sig);
    expect(() => ctx.sig.connect(() => {}, options as never)).toThrow(new TypeError(`Signal.connect: ${message}`));
    expect(stateOf(ctx.sig)).toEqual(before);
    expect(ctx.meta).toEqual([]);
  });

  test.each(optionCases)('connectVia with %s (checked before any receiver)', (_label, options, message) => {
    using ctx = setup();
    const before = stateOf(ctx.sig);
    expect(() => ctx.sig.connectVia('a', options as never)).toThrow(new TypeError(`Signal.connectVia: ${message}`));
    expect(stateOf(ctx.sig)).toEqual(before);
  });

  test('a sender-specific connect that fails creates no sender entry', () => {
    using ctx = setup();
    const sender = {};
    expect(() => ctx.sig.connect(() => {}, { sender, weak: 'x' } as never)).toThrow(TypeError);
    expect(ctx.sig.hasReceiversFor(sender)).toBe(true); // the ANY receiver only
    expect([...ctx.sig.receiversFor(sender)]).toEqual([existing]);
  });

  const nameCases: Array<[string, unknown, string]> = [
    ['an empty string', '', 'an empty string'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a number', 7, 'number 7'],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
    ['an object', { name: 'x' }, 'an object'],
  ];

  test.each(nameCases)('Namespace.signal / has / get with %s as name', (_label, name, got) => {
    const ns = new Namespace();
    ns.signal('kept');
    for (const method of ['signal', 'has', 'get'] as const) {
      expect(() => (ns[method] as (n: unknown) => unknown)(name)).toThrow(
        new TypeError(`Namespace.${method}: a signal name must be a non-empty string, got ${got}`),
      );
    }
    expect(ns.names()).toEqual(['kept']);
  });

  test.each(nameCases)('signal() and new NamedSignal() with %s as name', (_label, name, got) => {
    const before = defaultNamespace.names();
    expect(() => signal(name as string)).toThrow(new TypeError(`Namespace.signal: a signal name must be a non-empty string, got ${got}`));
    expect(() => new NamedSignal(name as string)).toThrow(new TypeError(`NamedSignal: a signal name must be a non-empty string, got ${got}`));
    expect(defaultNamespace.names()).toEqual(before);
  });

  test('a doc that is not a string', () => {
    const ns = new Namespace();
    expect(() => new Signal(5 as never)).toThrow(new TypeError('Signal: doc must be a string, got number 5'));
    expect(() => ns.signal('x', {} as never)).toThrow(new TypeError('Namespace.signal: doc must be a string, got an object'));
    expect(ns.has('x')).toBe(false);
  });
});
