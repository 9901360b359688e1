import type { TextMapPropagator, Tracer } from '@opentelemetry/api';
import { EventBus, defineEvents, event } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { type InstrumentOptions, instrument } from '@mesh/otel';
import { describe, expectTypeOf, test } from 'vitest';

const EventType = defineEvents({ ORDER_PLACED: event<{ id: string }>(), ORDER_SHIPPED: event<{ id: string }>() });

describe('types of @mesh/otel', () => {
  test('instrument takes a bus or a tree and returns its remover', () => {
    expectTypeOf(instrument(new EventBus(EventType))).toEqualTypeOf<() => void>();
    expectTypeOf(instrument(ScopedEventBus.root(EventType).child('a'))).toEqualTypeOf<() => void>();
    expectTypeOf<InstrumentOptions['tracer']>().toEqualTypeOf<Tracer | undefined>();
    expectTypeOf<InstrumentOptions['propagator']>().toEqualTypeOf<TextMapPropagator<unknown> | undefined>();
  });

  test('types are the bus’s event types', () => {
    const bus = new EventBus(EventType);
    instrument(bus, { types: ['ORDER_PLACED', 'HANDLER_ERROR'] });
    // @ts-expect-error not a type of the registry
    instrument(bus, { types: ['ORDER_CANCELLED'] });
  });

  test('anything but a bus does not compile', () => {
    // @ts-expect-error not a bus
    instrument({ addInstrumentation() {} });
    // @ts-expect-error tracer must be a Tracer
    instrument(new EventBus(EventType), { tracer: { startSpan: 1 } });
  });
});
