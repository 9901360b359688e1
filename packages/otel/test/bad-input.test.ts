import { BusClosedError, UnknownEventTypeError } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { instrument } from '@mesh/otel';
import { describe, expect, test } from 'vitest';
import { EventType, makeBus } from './fixtures.js';

describe('bad input to instrument: clear errors naming the problem, and nothing instrumented', () => {
  test.each([
    [undefined, 'undefined'],
    [null, 'null'],
    [{ publish() {} }, 'an object'],
    [new Map(), 'an object of class Map'],
    ['bus', 'the string "bus"'],
    [[], 'an array'],
  ])('instrument(%o) is a TypeError naming what it got', (value, named) => {
    expect(() => instrument(value as never)).toThrow(new TypeError(`instrument: expected an EventBus or a ScopedEventBus, got ${named}`));
  });

  test.each([
    [1, /options must be an object, got number 1/],
    [{ tracer: {} }, /options.tracer must be an OpenTelemetry Tracer \(with startSpan\), got an object/],
    [{ propagator: { inject() {} } }, /options.propagator must be an OpenTelemetry TextMapPropagator \(with inject and extract\), got an object/],
    [{ types: 'ORDER_PLACED' }, /options.types must be an array of event type names, got the string "ORDER_PLACED"/],
    [{ types: [1] }, /options.types must hold event type names, got number 1/],
  ])('options %o: a TypeError naming the option', (options, message) => {
    const { bus } = makeBus();
    expect(() => instrument(bus, options as never)).toThrow(message);
    expect(() => instrument(bus)()).not.toThrow(); // the failed call left nothing behind
  });

  test('a type the registry does not hold is an UnknownEventTypeError', () => {
    const { bus } = makeBus();
    expect(() => instrument(bus, { types: ['ORDER_CANCELLED' as never] })).toThrow(
      new UnknownEventTypeError('instrument: options.types names the string "ORDER_CANCELLED", which the bus\'s registry does not hold'),
    );
  });

  test('a disposed tree bus is a BusClosedError, and stays free to claim', () => {
    const root = ScopedEventBus.root(EventType);
    const child = root.child('a');
    child.dispose();
    expect(() => instrument(child)).toThrow(BusClosedError);
    expect(() => instrument(root)()).not.toThrow();
  });
});
