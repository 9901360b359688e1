/**
 * The OpenTelemetry SDK, set up as a service would (a tracer provider,
 * AsyncLocalStorage for the active span, the W3C propagator), with an
 * exporter that keeps the ended spans and prints them as trees.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type ExportResult, ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

/** A console exporter that prints whole traces: it keeps each ended span until `print`. */
export class TreeConsoleExporter implements SpanExporter {
  readonly #spans: ReadableSpan[] = [];
  readonly #waiters: Array<{ done: () => boolean; resolve: () => void }> = [];

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.#spans.push(...spans);
    for (const waiter of this.#waiters.filter((w) => w.done())) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /** Resolves once `count` spans called `name` have ended. */
  ended(name: string, count: number): Promise<void> {
    const done = (): boolean => this.#spans.filter((span) => span.name === name).length >= count;
    return done() ? Promise.resolve() : new Promise((resolve) => this.#waiters.push({ done, resolve }));
  }

  /** The kept spans as text: one tree per trace, children in the order they started. */
  print(): string {
    const byParent = new Map<string | undefined, ReadableSpan[]>();
    const ids = new Set(this.#spans.map((span) => span.spanContext().spanId));
    for (const span of this.#spans) {
      const parent = span.parentSpanContext?.spanId;
      const key = parent !== undefined && ids.has(parent) ? parent : undefined;
      byParent.set(key, [...(byParent.get(key) ?? []), span]);
    }
    const lines: string[] = [];
    const walk = (span: ReadableSpan, prefix: string, branch: string): void => {
      lines.push(`${prefix}${branch}${describe(span)}`);
      const children = started(byParent.get(span.spanContext().spanId) ?? []);
      const inner = prefix + (branch === '' ? '' : branch === '└─ ' ? '   ' : '│  ');
      children.forEach((child, i) => walk(child, inner, i === children.length - 1 ? '└─ ' : '├─ '));
    };
    for (const root of started(byParent.get(undefined) ?? [])) {
      lines.push(`trace ${root.spanContext().traceId}`);
      walk(root, '', '');
    }
    return lines.join('\n');
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Spans in the order they started. */
const started = (spans: ReadableSpan[]): ReadableSpan[] =>
  [...spans].sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);

/** One line of the tree: name, kind, the scope of a bus event, an error. */
function describe(span: ReadableSpan): string {
  const scope = span.attributes['mesh.scope'];
  const error = span.status.code === SpanStatusCode.ERROR ? `  ERROR ${span.status.message ?? ''}`.trimEnd() : '';
  return `${span.name}  ${SpanKind[span.kind]}${scope === undefined ? '' : `  ${String(scope)}`}${error}`;
}

/** Registers the SDK globally; returns the exporter and a function that unregisters it all. */
export function startTelemetry(): { exporter: TreeConsoleExporter; stop: () => Promise<void> } {
  const exporter = new TreeConsoleExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return {
    exporter,
    async stop() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
