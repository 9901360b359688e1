import { describe, expect, test } from 'vitest';
import mitt from '@mesh/signals/mitt';
import { EventBus, UnknownEventTypeError, defineEvents, event, fromMitt, parallelMerge, rejectKeys } from '../src/index.js';
import { BAD_VALUES, type Call, isOptions, testRefusals } from '../../signals/test/refusals.js';

/**
 * Every public function and constructor of @mesh/bus, fed values of the
 * wrong kind where an argument has a kind: each throws a TypeError or
 * RangeError (or, for an unknown event type, UnknownEventTypeError) naming
 * the problem, and changes nothing observable. Payloads are free-form: any
 * value works, frozen and cyclic ones included. No name or metadata
 * pollutes a prototype.
 */

const Types = defineEvents({ NOTE: event<unknown>(), ['__proto__']: event<unknown>(), constructor: event<unknown>() });

/** A fresh world: a bus with one event in its history and one subscriber. */
function world() {
  const bus = new EventBus(Types, { historyLimit: 10 });
  bus.publish('NOTE', 'before');
  bus.subscribe('NOTE', () => {});
  const snapshot = () => ({ history: bus.history().map((e) => e.id), subscribers: bus.subscriberCount });
  return { bus, snapshot };
}

/** The type names the registry holds. */
const isType = (v: unknown): boolean => v === 'NOTE' || v === '__proto__' || v === 'constructor';

const CALLS: ReadonlyArray<Call<ReturnType<typeof world>>> = [
  ['defineEvents(defs)', (_w, v) => defineEvents(v as never), (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0],
  ['event(options)', (_w, v) => event(v as never), isOptions],
  ['new EventBus(types)', (_w, v) => new EventBus(v as never), () => false],
  ['new EventBus(types, options)', (_w, v) => new EventBus(Types, v as never), isOptions],
  ['EventBus.subscribe(type)', (w, v) => w.bus.subscribe(v as never, () => {}), isType],
  ['EventBus.subscribe(type, handler)', (w, v) => w.bus.subscribe('NOTE', v as never), (v) => typeof v === 'function'],
  ['EventBus.publish(type)', (w, v) => w.bus.publish(v as never, 1 as never), isType],
  ['EventBus.publish(type, data, options)', (w, v) => w.bus.publish('NOTE', 1, v as never), isOptions],
  ['EventBus.addMiddleware(mw)', (w, v) => w.bus.addMiddleware(v as never), (v) => typeof v === 'function'],
  ['EventBus.addGuard(guard)', (w, v) => w.bus.addGuard(v as never), (v) => typeof v === 'function'],
  ['EventBus.history(filter)', (w, v) => w.bus.history(v as never), isOptions],
  ['EventBus.stream(filter)', (w, v) => w.bus.stream(v as never).close(), isOptions],
  ['EventBus.stream({}, options)', (w, v) => w.bus.stream({}, v as never).close(), isOptions],
  ['EventBus.nextSeq(runId)', (w, v) => w.bus.nextSeq(v as string), (v) => typeof v === 'string'],
  ['EventBus.ingest(event)', (w, v) => w.bus.ingest(v as never), () => false],
  ['rejectKeys(keys)', (_w, v) => rejectKeys(v as never), () => false],
  ['parallelMerge(lanes)', (_w, v) => parallelMerge(v as never), (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(Array.isArray)],
  ['fromMitt(emitter, bus)', (w, v) => fromMitt(v as never, w.bus), () => false],
];

describe('bad input, everywhere in @mesh/bus (rules 1, 15, 17)', () => {
  // Unknown event types have their own error (rule 1); everything else is a TypeError or RangeError.
  testRefusals(world, CALLS, (error) => error instanceof TypeError || error instanceof RangeError || error instanceof UnknownEventTypeError);

  test.each(BAD_VALUES)('payloads are free-form: publish accepts %s', (_label, value) => {
    const w = world();
    const received: unknown[] = [];
    w.bus.subscribe('NOTE', (e) => void received.push(e.data));
    w.bus.publish('NOTE', value);
    expect(received).toEqual([value]);
  });

  test('names and metadata never pollute prototypes', () => {
    const w = world();
    w.bus.publish('__proto__', { polluted: true }, { metadata: JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') });
    w.bus.publish('constructor', 1);
    fromMitt(mitt<Record<string, unknown>>(), w.bus);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(w.bus.history().at(-2)!.metadata)).toEqual(['__proto__', 'constructor']);
  });
});
