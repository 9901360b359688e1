import { ROOT_CONTEXT, context } from '@opentelemetry/api';
import type { Instrumentation } from '@mesh/bus';
import { callInConsumer } from './consumer.js';
import { type InstrumentOptions, type TracingSettings, settingsOf } from './options.js';
import { startProducer } from './producer.js';
import { type Instrumentable, busOf, claim } from './target.js';

/** Whether an event's metadata has no entry at all, so it carries no trace context. */
function carriesNothing(metadata: Readonly<Record<string, unknown>>): boolean {
  for (const _key in metadata) return false;
  return true;
}

/**
 * The bus instrumentation that traces: a producer span per publish, a
 * consumer span per handler call. While the tracer is a no-op (no SDK),
 * there is nothing to record: a publish with no active context has nothing
 * to carry and skips the producer span, and a handler of an event whose
 * metadata is empty is called as it is (in the context it is delivered in).
 * An active context (a parent passed through) and an event's metadata still
 * take the whole path, so trace context passes through a process that does
 * not record.
 */
function tracing({ tracer, propagator, traced, idle }: TracingSettings): Instrumentation {
  return {
    publish(event) {
      if (!traced(event.type)) return undefined;
      const active = context.active();
      if (active === ROOT_CONTEXT && idle()) return undefined;
      return startProducer(tracer, propagator, event, active);
    },
    handle(event, handler) {
      if (!traced(event.type) || (idle() && carriesNothing(event.metadata))) return handler(event);
      return callInConsumer(tracer, propagator, event, handler);
    },
  };
}

/**
 * Traces a bus with OpenTelemetry, or a whole subtree of a tree of buses
 * (a `ScopedEventBus`: the bus and every descendant, children created later
 * included). Each publish gets a `PRODUCER` span `publish <type>` in the
 * publisher's active context, whose trace context is written into
 * `event.metadata` before the event is stored (so history, streams, SSE and
 * `@mesh/redis` carry it); each handler call runs in a `CONSUMER` span
 * `process <type>` whose parent is that context, active while it runs.
 *
 * Throws a `TypeError` for something that is not a bus, for bad options,
 * and when the bus (or, for a tree, a bus above or below it) is already
 * instrumented.
 *
 * @returns the function that removes the instrumentation: no new spans, and
 * the bus runs exactly as without it.
 */
export function instrument<M>(bus: Instrumentable<M>, options?: InstrumentOptions<keyof M & string>): () => void {
  const where = 'instrument';
  const target = busOf(bus, where);
  const settings = settingsOf(options, (type) => target.eventTypes.has(type), where);
  const release = claim(target, bus, where);
  let remove: () => void;
  try {
    remove = bus.addInstrumentation(tracing(settings));
  } catch (error) {
    release();
    throw error;
  }
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    remove();
    release();
  };
}
