import { type Context, type Span, SpanKind, type TextMapPropagator, type Tracer, isSpanContextValid, trace } from '@opentelemetry/api';
import type { Event, PublishWatch } from '@mesh/bus';
import { messageAttributes } from './attributes.js';
import { type MetadataCarrier, isEmpty, metadataSetter } from './carrier.js';
import { failSpan } from './failure.js';

/**
 * The `PRODUCER` span of one publish, `publish <type>`: started in the
 * publisher's context, its context written into the event's metadata, ended
 * when the event is stored (with `mesh.seq`), rejected (ERROR) or dropped.
 */
class ProducerWatch implements PublishWatch {
  constructor(
    private readonly span: Span,
    readonly metadata: MetadataCarrier | undefined,
  ) {}

  stored(event: Event): void {
    this.span.setAttribute('mesh.seq', event.seq);
    this.span.end();
  }

  rejected(error: unknown): void {
    failSpan(this.span, error);
    this.span.end();
  }

  dropped(): void {
    this.span.setAttribute('mesh.dropped', true);
    this.span.end();
  }
}

/**
 * Starts the producer span of `event` under `parent` (the publisher's
 * active context) and injects its context with `propagator`. Returns the
 * watch that ends it, or nothing when there is nothing to end or carry (a
 * no-op tracer's span, and nothing for the propagator to write).
 */
export function startProducer(tracer: Tracer, propagator: TextMapPropagator<unknown>, event: Event, parent: Context): PublishWatch | undefined {
  const span = tracer.startSpan(`publish ${event.type}`, { kind: SpanKind.PRODUCER, attributes: messageAttributes(event, 'send', 'publish') }, parent);
  const carrier: MetadataCarrier = {};
  // A span without a valid context (a no-op tracer's) has nothing of its own to carry: what the parent carries is what goes out.
  propagator.inject(isSpanContextValid(span.spanContext()) ? trace.setSpan(parent, span) : parent, carrier, metadataSetter);
  const metadata = isEmpty(carrier) ? undefined : carrier;
  if (metadata === undefined && !span.isRecording()) return undefined; // ending or annotating it would do nothing
  return new ProducerWatch(span, metadata);
}
