/**
 * OpenTelemetry tracing for `@mesh` buses: a producer span per publish, a
 * consumer span around every handler call, and the trace context in each
 * event's metadata, through trees of buses and across processes.
 *
 * @packageDocumentation
 */
export { instrument } from './instrument.js';
export type { InstrumentOptions } from './options.js';
export type { Instrumentable } from './target.js';
