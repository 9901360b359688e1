import { context } from '@opentelemetry/api';
import type { Instrumentation } from '@mesh/bus';
import { callInConsumer } from './consumer.js';
import { type InstrumentOptions, type TracingSettings, settingsOf } from './options.js';
import { startProducer } from './producer.js';
import { type Instrumentable, busOf, claim } from './target.js';

/**
 * The bus instrumentation that traces: a producer span per publish, a
 * consumer span per handler call. While the default tracer is a no-op (no
 * SDK registered) nothing can be recorded, and both hooks step aside after
 * one check: no span, no trace context written, the handler called as it
 * is (rule 5's cost). The check is made at every call, so an SDK
 * registered later is traced from its next publish on.
 */
function tracing({ tracer, propagator, traced, idle }: TracingSettings): Instrumentation {
  return {
    publish(event) {
      if (idle() || !traced(event.type)) return undefined;
      return startProducer(tracer, propagator, event, context.active());
    },
    handle(event, handler) {
      if (idle() || !traced(event.type)) return handler(event);
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
