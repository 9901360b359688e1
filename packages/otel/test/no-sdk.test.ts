import { ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { instrument } from '@mesh/otel';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeBus, parseTraceparent } from './fixtures.js';

// No tracer provider registered: the default tracer is a no-op. A context manager and the W3C
// propagator are, so trace context that comes in (an incoming request's) can pass through.
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});
afterAll(() => {
  context.disable();
  propagation.disable();
});

const incoming = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1, isRemote: true };

describe('rule 5 without an SDK: a no-op tracer records nothing, and trace context still passes through', () => {
  test('with nothing active, an event gets no trace metadata and its handlers run as without instrumentation', () => {
    const { bus, errors } = makeBus();
    const remove = instrument(bus);
    const seen: unknown[] = [];
    bus.subscribe('ORDER_SHIPPED', (e) => void seen.push(e.metadata, trace.getSpanContext(context.active())));
    bus.publish('ORDER_SHIPPED', { id: 'A-1' });
    expect(seen).toEqual([{}, undefined]);
    expect(errors).toEqual([]);
    remove();
  });

  test('an incoming context active at publish is carried in metadata, and is the active context inside the handlers of an event that carries it', () => {
    const { bus } = makeBus();
    const remove = instrument(bus);
    const inside: unknown[] = [];
    bus.subscribe('ORDER_SHIPPED', () => void inside.push(trace.getSpanContext(context.active())?.traceId));
    context.with(trace.setSpanContext(ROOT_CONTEXT, incoming), () => bus.publish('ORDER_SHIPPED', { id: 'A-1' }));
    const { traceId, spanId } = parseTraceparent(bus.history()[0]!.metadata['traceparent']);
    expect({ traceId, spanId }).toEqual({ traceId: incoming.traceId, spanId: incoming.spanId });
    const other = makeBus().bus;
    const removeOther = instrument(other);
    other.subscribe('ORDER_SHIPPED', () => void inside.push(trace.getSpanContext(context.active())?.traceId));
    other.ingest(bus.history()[0]!);
    expect(inside).toEqual([incoming.traceId, incoming.traceId]);
    remove();
    removeOther();
  });
});
