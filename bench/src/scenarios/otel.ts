/**
 * `EventBus.publish` with one subscriber, traced by @mesh/otel, against the
 * same publish untraced: with no SDK registered (the API's no-op tracer,
 * rule 5's target), and with the tracing SDK, the AsyncLocalStorage
 * context manager, the W3C propagator and an exporter that drops every span.
 * Each is its own scenario: registering the SDK is global to the process.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { EventBus, defineEvents, event } from '@mesh/bus';
import { instrument } from '@mesh/otel';
import { FROZEN_PAYLOAD, TICK, benchBus } from '../bus-events.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { Body, Candidate, Scenario } from '../harness/types.js';
import { primeBus } from '../prime-bus.js';
import { primeReps } from '../prime.js';
import { keep } from '../receivers.js';

const PLAIN = '@mesh/bus publish';

/** `publish` on a bus with one subscriber and the default history; traced by `instrument(bus)` when `traced`. */
function publishCandidate(name: string, traced: boolean): Candidate {
  return {
    name,
    role: 'subject',
    setup(): Body {
      const bus = benchBus(1);
      if (traced) instrument(bus);
      return (n) => {
        for (let k = 0; k < n; k++) bus.publish(TICK, FROZEN_PAYLOAD);
      };
    },
  };
}

/** An exporter that drops every span at once: the SDK's own cost, no I/O. */
const dropSpans: SpanExporter = {
  export: (_spans: ReadableSpan[], done) => done({ code: ExportResultCode.SUCCESS }),
  shutdown: () => Promise.resolve(),
};

/** Registers the tracing SDK for the whole process (the sdk scenario's child only). */
function registerSdk(): void {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(dropSpans)] }));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

const PRIME_EVENTS = defineEvents({ PRIME_A: event<unknown>(), PRIME_B: event<unknown>() });

/** The bus primer, plus instrumented buses publishing with and without metadata, with 0 to 2 subscribers and a types filter, so the traced paths are not specialised to one shape. */
function primeOtel(quick: boolean): void {
  primeBus(quick);
  const reps = Math.round(primeReps(quick) / 10);
  for (const subscribers of [0, 1, 2]) {
    const bus = benchBus(subscribers);
    const untrace = instrument(bus);
    for (let i = 0; i < reps; i++) bus.publish(TICK, FROZEN_PAYLOAD, i % 2 === 0 ? undefined : { metadata: { k: i } });
    untrace();
  }
  const bus = new EventBus(PRIME_EVENTS);
  bus.subscribeAll((e) => keep(e.seq));
  const untrace = instrument(bus, { types: ['PRIME_A'] });
  for (let i = 0; i < reps; i++) bus.publish(i % 2 === 0 ? 'PRIME_A' : 'PRIME_B', i);
  untrace();
}

const ABOUT_PUBLISH =
  'One publish on a bus with the default history (1000 events) and one subscriber, as in bus-publish, against the same publish on a bus without instrumentation. ';

export const otelScenario: Scenario = {
  id: 'otel-publish',
  title: '@mesh/otel: an instrumented publish, no SDK registered, 1 subscriber',
  kind: 'throughput',
  baseline: fixedBaseline(PLAIN),
  prime: primeOtel,
  about:
    ABOUT_PUBLISH +
    'The bus is instrumented with `instrument(bus)` and no tracer provider is registered: the default tracer is the API\'s no-op one, so the publish has no active context to carry and skips its spans (rule 5).',
  run: (context) => measureCandidates([publishCandidate('@mesh/otel publish, no SDK', true), publishCandidate(PLAIN, false)], context),
};

export const otelSdkScenario: Scenario = {
  id: 'otel-publish-sdk',
  title: '@mesh/otel: an instrumented publish with the SDK and a no-op exporter, 1 subscriber',
  kind: 'throughput',
  baseline: fixedBaseline(PLAIN),
  prime: (quick) => {
    registerSdk();
    primeOtel(quick);
  },
  about:
    ABOUT_PUBLISH +
    'The tracing SDK is registered (BasicTracerProvider with a SimpleSpanProcessor, the AsyncLocalStorage context manager, the W3C propagator), with an exporter that drops every span: each publish makes a producer span, writes `traceparent` into the metadata, and runs the handler in a consumer span made active with AsyncLocalStorage. Reported, no target.',
  run: (context) => measureCandidates([publishCandidate('@mesh/otel publish, SDK, no-op exporter', true), publishCandidate(PLAIN, false)], context),
};
