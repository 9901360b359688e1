import { UnknownEventTypeError, defineEvents, event } from '@mesh/bus';
import { describe, expect, test } from 'vitest';
import { ScopedEventBus, compileScopeGlob } from '../src/index.js';
import { BAD_VALUES, type Call, testRefusals } from '../../signals/test/refusals.js';

/**
 * Every public function and constructor of @mesh/scoped, fed values of the
 * wrong kind where an argument has a kind: each throws a TypeError or
 * RangeError naming the problem, and changes nothing observable in the tree.
 * Payloads published anywhere in a tree are free-form. (@mesh/signals and
 * @mesh/bus test their own functions the same way.)
 */

const Types = defineEvents({ NOTE: event<unknown>(), ['__proto__']: event<unknown>(), constructor: event<unknown>() });

/** A fresh tree: a root with history and a subscriber, and a child `c`. */
function world() {
  const root = ScopedEventBus.root(Types, { historyLimit: 10 });
  root.publish('NOTE', 'before');
  root.subscribe('NOTE', () => {});
  const child = root.child('c');
  const snapshot = () => ({
    history: root.bus.history().map((e) => e.id),
    subscribers: root.bus.subscriberCount + child.bus.subscriberCount,
    children: root.children.length,
  });
  return { root, child, snapshot };
}

const CALLS: ReadonlyArray<Call<ReturnType<typeof world>>> = [
  ['ScopedEventBus.root(types)', (_w, v) => ScopedEventBus.root(v as never), () => false],
  ['ScopedEventBus.child(name)', (w, v) => w.root.child(v as string), (v) => v === undefined || (typeof v === 'string' && v !== '' && !v.includes('/') && v !== 'c')],
  ['ScopedEventBus.subscribe(type, handler, { scope })', (w, v) => w.root.subscribe('NOTE', () => {}, { scope: v as string }), (v) => v === undefined || (typeof v === 'string' && v !== '')],
  ['ScopedEventBus.publish(type)', (w, v) => w.child.publish(v as never, 1 as never), (v) => v === 'NOTE' || v === '__proto__' || v === 'constructor'],
  ['compileScopeGlob(glob)', (_w, v) => compileScopeGlob(v as string, 'test'), (v) => typeof v === 'string' && v !== ''],
];

describe('bad input, everywhere in @mesh/scoped', () => {
  testRefusals(world, CALLS, (error) => error instanceof TypeError || error instanceof RangeError || error instanceof UnknownEventTypeError);

  test.each(BAD_VALUES)('payloads are free-form: a publish on the root or a child accepts %s', (_label, value) => {
    const w = world();
    const received: unknown[] = [];
    w.root.subscribe('NOTE', (e) => void received.push(e.data));
    w.root.publish('NOTE', value);
    w.child.publish('NOTE', value);
    expect(received).toEqual([value, value]);
  });

  test('names and metadata published on a child never pollute prototypes', () => {
    const w = world();
    w.child.publish('__proto__', { polluted: true }, { metadata: JSON.parse('{"__proto__": {"polluted": true}}') });
    w.child.publish('constructor', 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(w.root.bus.history().at(-2)!.metadata)).toEqual(['__proto__']);
  });
});
