import { ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { instrument } from '@mesh/otel';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeBus, parseTraceparent } from './fixtures.js';

// No tracer provider registered: the default tracer is a no-op. A context manager and the W3C
// propagator are, so the only thing missing for tracing is the SDK.
beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});
afterAll(() => {
  context.disable();
  propagation.disable();
});

const incoming = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1, isRemote: true };

describe('rule 5 without an SDK: a no-op tracer records nothing, and costs one check per publish', () => {
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

  test('a publish records and writes nothing, even under an active context; handlers are called as they are, also for an event that carries trace context', () => {
    const { bus } = makeBus();
    const remove = instrument(bus);
    context.with(trace.setSpanContext(ROOT_CONTEXT, incoming), () => bus.publish('ORDER_SHIPPED', { id: 'A-1' }));
    expect(bus.history()[0]!.metadata).toEqual({});
    const inside: unknown[] = [];
    bus.subscribe('ORDER_SHIPPED', () => void inside.push(trace.getSpanContext(context.active())?.traceId));
    const traceparent = `00-${incoming.traceId}-${incoming.spanId}-01`;
    bus.ingest({ id: 'remote-1', type: 'ORDER_SHIPPED', data: { id: 'A-2' }, timestamp: Date.now(), seq: 0, metadata: { traceparent }, visibility: 'public' });
    expect(inside).toEqual([undefined]);
    expect(parseTraceparent(bus.history()[1]!.metadata['traceparent']).spanId).toBe(incoming.spanId); // kept as it came
    remove();
  });

  test('an SDK registered later is picked up by the same instrumentation, at the next publish', () => {
    const { bus } = makeBus();
    const remove = instrument(bus);
    bus.subscribe('ORDER_SHIPPED', () => {});
    bus.publish('ORDER_SHIPPED', { id: 'before' });
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    try {
      bus.publish('ORDER_SHIPPED', { id: 'after' });
      expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['publish ORDER_SHIPPED', 'process ORDER_SHIPPED']);
      expect(bus.history().map((e) => typeof e.metadata['traceparent'])).toEqual(['undefined', 'string']);
    } finally {
      trace.disable();
      remove();
    }
  });
});
