import { ROOT_CONTEXT, type Span, SpanKind, type TextMapPropagator, type Tracer, context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { Event } from '@mesh/bus';
import { messageAttributes } from './attributes.js';
import { metadataGetter } from './carrier.js';
import { failSpan } from './failure.js';

/** Ends a handler's span when its promise settles: ERROR with the exception when it rejects. */
function endWhenSettled(span: Span, result: PromiseLike<unknown>): void {
  Promise.resolve(result).then(
    () => span.end(),
    (error: unknown) => {
      failSpan(span, error);
      span.end();
    },
  );
}

/**
 * Calls `handler(event)` inside a `CONSUMER` span `process <type>` whose
 * parent is the context in the event's metadata (none: a new trace), active
 * for the handler's whole run. A throw or a rejection records the exception
 * and sets ERROR; an async handler's span ends when its promise settles.
 * Returns what the handler returned, and rethrows what it threw.
 */
export function callInConsumer(tracer: Tracer, propagator: TextMapPropagator<unknown>, event: Event, handler: (event: Event) => unknown): unknown {
  const parent = propagator.extract(ROOT_CONTEXT, event.metadata, metadataGetter);
  const span = tracer.startSpan(`process ${event.type}`, { kind: SpanKind.CONSUMER, attributes: messageAttributes(event, 'process', 'process') }, parent);
  // A no-op tracer's span (not recording, no valid context) has nothing to end or to pass on: the handler runs in the extracted context.
  if (!span.isRecording() && !isSpanContextValid(span.spanContext())) return context.with(parent, handler, undefined, event);
  let result: unknown;
  try {
    result = context.with(trace.setSpan(parent, span), handler, undefined, event);
  } catch (error) {
    failSpan(span, error);
    span.end();
    throw error;
  }
  if (typeof result === 'object' && result !== null && typeof (result as PromiseLike<unknown>).then === 'function') {
    endWhenSettled(span, result as PromiseLike<unknown>);
  } else {
    span.end();
  }
  return result;
}
