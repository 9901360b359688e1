import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

/** The real SDK, registered globally for one test file: spans end up in memory. */
export interface TestSdk {
  readonly tracer: Tracer;
  readonly propagator: W3CTraceContextPropagator;
  /** The ended spans, in the order they ended. */
  spans(): ReadableSpan[];
  /** The one ended span called `name` (throws when there is none or several). */
  span(name: string): ReadableSpan;
  /** Forgets the ended spans. */
  reset(): void;
  /** Unregisters everything. */
  stop(): Promise<void>;
}

/** Registers a tracer provider (SimpleSpanProcessor + InMemorySpanExporter), AsyncLocalStorage context and the W3C propagator. */
export function startSdk(): TestSdk {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const propagator = new W3CTraceContextPropagator();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(propagator);
  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  return {
    tracer: provider.getTracer('test'),
    propagator,
    spans,
    span(name) {
      const found = spans().filter((s) => s.name === name);
      if (found.length !== 1) throw new Error(`expected one span named ${name}, found ${found.length}: ${spans().map((s) => s.name).join(', ')}`);
      return found[0]!;
    },
    reset: () => exporter.reset(),
    async stop() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The span id of a span's parent, or `undefined` for a root span. */
export const parentId = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

/** A span's own ids. */
export const idsOf = (span: ReadableSpan): { traceId: string; spanId: string } => ({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
