import mitt from '@mesh/signals/mitt';
import { describe, expect, test } from 'vitest';
import { EventRejectedError, fromMitt } from '../src/index.js';
import { makeBus } from './fixtures.js';

describe('fromMitt: a mitt emitter forwarded into a bus', () => {
  test('events of known types are published with their payloads; unknown ones are skipped and reported', () => {
    const { bus } = makeBus();
    const emitter = mitt<{ AUDIT: string; LEGACY: number }>();
    const unknown: unknown[] = [];
    const stop = fromMitt(emitter, bus, { publish: { source: 'legacy' }, onUnknown: (type) => void unknown.push(type) });
    emitter.emit('AUDIT', 'from mitt');
    emitter.emit('LEGACY', 1);
    expect(bus.history().map((e) => [e.type, e.data, e.source])).toEqual([['AUDIT', 'from mitt', 'legacy']]);
    expect(unknown).toEqual(['LEGACY']);
    stop();
    emitter.emit('AUDIT', 'after stop');
    expect(bus.historySize).toBe(1);
  });

  test("a guard's rejection reaches the mitt emit that caused it", () => {
    const { bus } = makeBus();
    bus.addGuard(() => 'closed');
    const emitter = mitt<{ AUDIT: string }>();
    fromMitt(emitter, bus);
    expect(() => emitter.emit('AUDIT', 'x')).toThrow(EventRejectedError);
  });

  test('bad input', () => {
    const { bus } = makeBus();
    expect(() => fromMitt({} as never, bus)).toThrow(new TypeError('fromMitt: expected a mitt emitter, got an object'));
  });
});
