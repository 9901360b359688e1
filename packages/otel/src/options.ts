import { ProxyTracerProvider, type TextMapPropagator, type Tracer, propagation, trace } from '@opentelemetry/api';
import { HANDLER_ERROR, UnknownEventTypeError } from '@mesh/bus';
import { describeValue } from '@mesh/signals/internal';
import { VERSION } from './version.js';

/**
 * Options of {@link instrument}.
 *
 * @typeParam K - the event types of the instrumented bus.
 */
export interface InstrumentOptions<K extends string = string> {
  /** Starts the spans. Default: `trace.getTracer('@mesh/otel', <version>)` of the global tracer provider (no-op until an SDK is registered). */
  tracer?: Tracer;
  /** Writes trace context into `event.metadata` and reads it back. Default: the global propagator (`propagation` API; W3C `traceparent`/`tracestate` with the usual SDK setup). */
  propagator?: TextMapPropagator<unknown>;
  /** Which event types are traced. Default: every type but `HANDLER_ERROR`. */
  types?: readonly K[];
}

/** The checked options, defaults applied: what the tracing instrumentation is made of. */
export interface TracingSettings {
  readonly tracer: Tracer;
  readonly propagator: TextMapPropagator<unknown>;
  /** Whether events of a type get spans. */
  readonly traced: (type: string) => boolean;
  /** Whether the tracer's spans are no-ops right now (the default tracer while no SDK is registered): the cheap path then. */
  readonly idle: () => boolean;
}

/** What a proxy provider delegates to while no SDK is registered. */
const NO_SDK = new ProxyTracerProvider().getDelegate();

/**
 * The default tracer, from the global tracer provider, and the test of
 * whether it is a no-op: the API's provider is a proxy whose delegate is the
 * SDK once one is registered (and the tracer follows it).
 */
function defaultTracer(): Pick<TracingSettings, 'tracer' | 'idle'> {
  const provider = trace.getTracerProvider();
  const tracer = provider.getTracer('@mesh/otel', VERSION);
  if (!(provider instanceof ProxyTracerProvider)) return { tracer, idle: () => false };
  return { tracer, idle: () => provider.getDelegate() === NO_SDK };
}

/** Every type but `HANDLER_ERROR`. */
const allButHandlerError = (type: string): boolean => type !== HANDLER_ERROR;

/**
 * Checks the options of `instrument` (a `TypeError` naming the option for a
 * wrong one; `UnknownEventTypeError` for a type `knows` refuses) and applies
 * their defaults.
 */
export function settingsOf(options: unknown, knows: (type: string) => boolean, where: string): TracingSettings {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`${where}: options must be an object, got ${describeValue(options)}`);
  const { tracer, propagator, types } = options as InstrumentOptions;
  if (tracer !== undefined && !hasMethods(tracer, ['startSpan'])) throw new TypeError(`${where}: options.tracer must be an OpenTelemetry Tracer (with startSpan), got ${describeValue(tracer)}`);
  if (propagator !== undefined && !hasMethods(propagator, ['inject', 'extract'])) {
    throw new TypeError(`${where}: options.propagator must be an OpenTelemetry TextMapPropagator (with inject and extract), got ${describeValue(propagator)}`);
  }
  return {
    ...(tracer === undefined ? defaultTracer() : { tracer, idle: () => false }),
    propagator: propagator ?? propagation,
    traced: types === undefined ? allButHandlerError : typeTest(types, knows, where),
  };
}

/** Whether `value` is an object with a function under each of `names`. */
function hasMethods(value: unknown, names: readonly string[]): boolean {
  return typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/** The test for an explicit `types` list. */
function typeTest(types: unknown, knows: (type: string) => boolean, where: string): (type: string) => boolean {
  if (!Array.isArray(types)) throw new TypeError(`${where}: options.types must be an array of event type names, got ${describeValue(types)}`);
  for (const type of types as unknown[]) {
    if (typeof type !== 'string') throw new TypeError(`${where}: options.types must hold event type names, got ${describeValue(type)}`);
    if (!knows(type)) throw new UnknownEventTypeError(`${where}: options.types names ${describeValue(type)}, which the bus's registry does not hold`);
  }
  const set = new Set<string>(types as string[]);
  return (type) => set.has(type);
}
