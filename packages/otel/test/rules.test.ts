import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, createTraceState, trace } from '@opentelemetry/api';
import { EventRejectedError, HANDLER_ERROR, type Event } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { type InstrumentOptions, type Instrumentable, instrument } from '@mesh/otel';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { waitFor } from '../../../test-support/wait.js';
import { EventType, deferred, makeBus, parseTraceparent } from './fixtures.js';
import { type TestSdk, idsOf, parentId, startSdk } from './sdk.js';

let sdk: TestSdk;
const removers: (() => void)[] = [];
/** instrument(), removed after the test. */
const traced = <M>(bus: Instrumentable<M>, options?: InstrumentOptions<keyof M & string>): (() => void) => {
  const remove = instrument(bus, options);
  removers.push(remove);
  return remove;
};

beforeAll(() => {
  sdk = startSdk();
});
afterEach(() => {
  for (const remove of removers.splice(0)) remove();
  sdk.reset();
});
afterAll(() => sdk.stop());

describe('API rules of @mesh/otel (packages/otel/README.md, Rules), with the real SDK', () => {
  test('rule 1: a publish starts a PRODUCER span "publish <type>" with the messaging attributes, ended when the event is stored (before any handler runs)', () => {
    const { bus } = makeBus();
    traced(bus);
    const endedBeforeHandler: string[] = [];
    bus.subscribe('ORDER_PLACED', () => void endedBeforeHandler.push(...sdk.spans().map((s) => s.name)));
    const id = bus.publish('ORDER_PLACED', { id: 'A-1', total: 120 });
    const producer = sdk.span('publish ORDER_PLACED');
    expect(producer.kind).toBe(SpanKind.PRODUCER);
    expect(producer.attributes).toEqual({
      'messaging.system': 'mesh',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'publish',
      'messaging.destination.name': 'ORDER_PLACED',
      'messaging.message.id': id,
      'mesh.seq': 1,
    });
    expect(producer.status.code).toBe(SpanStatusCode.UNSET);
    expect(endedBeforeHandler).toEqual(['publish ORDER_PLACED']);
    expect(producer.instrumentationScope.name).toBe('@mesh/otel');
  });

  test('rule 1: mesh.scope and mesh.run_id when the event has them', () => {
    const root = ScopedEventBus.root(EventType);
    traced(root);
    root.child('workflow-1').publish('ORDER_SHIPPED', { id: 'A-1' }, { runId: 'run-7' });
    expect(sdk.span('publish ORDER_SHIPPED').attributes).toMatchObject({ 'mesh.scope': 'root/workflow-1', 'mesh.run_id': 'run-7', 'mesh.seq': 1 });
  });

  test('rule 1: the producer span’s parent is the publisher’s active context', () => {
    const { bus } = makeBus();
    traced(bus);
    sdk.tracer.startActiveSpan('POST /orders', (request) => {
      bus.publish('ORDER_SHIPPED', { id: 'A-1' });
      request.end();
    });
    const producer = sdk.span('publish ORDER_SHIPPED');
    const request = sdk.span('POST /orders');
    expect(parentId(producer)).toBe(request.spanContext().spanId);
    expect(producer.spanContext().traceId).toBe(request.spanContext().traceId);
  });

  test('rule 1: the trace context (traceparent, tracestate) is in event.metadata before the event is stored: guards, history and streams see it', async () => {
    const { bus } = makeBus();
    traced(bus);
    const guarded: unknown[] = [];
    bus.addGuard((e) => void guarded.push(e.metadata['traceparent']));
    const stream = bus.stream({ types: ['ORDER_SHIPPED'] });
    const remote = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1, isRemote: true, traceState: createTraceState('vendor=blue') });
    context.with(remote, () => bus.publish('ORDER_SHIPPED', { id: 'A-1' }, { metadata: { region: 'eu' } }));
    const producer = sdk.span('publish ORDER_SHIPPED');
    const [stored] = bus.history();
    expect(stored!.metadata).toEqual({ region: 'eu', traceparent: `00-0af7651916cd43dd8448eb211c80319c-${producer.spanContext().spanId}-01`, tracestate: 'vendor=blue' });
    expect(guarded).toEqual([stored!.metadata['traceparent']]);
    const { value } = await stream.next();
    expect((value as Event).metadata).toBe(stored!.metadata);
    await stream.return();
  });

  test('rule 1: a rejected publish ends its span with status ERROR and the guard’s reason', () => {
    const { bus } = makeBus();
    traced(bus);
    bus.addGuard((e) => (e.type === 'AUDIT' ? 'audits are not published here' : undefined));
    expect(() => bus.publish('AUDIT', 'x')).toThrow(EventRejectedError);
    const producer = sdk.span('publish AUDIT');
    expect(producer.status).toEqual({ code: SpanStatusCode.ERROR, message: 'audits are not published here' });
    expect(producer.events.map((e) => [e.name, e.attributes?.['exception.type']])).toEqual([['exception', 'EventRejectedError']]);
    expect(producer.attributes['mesh.seq']).toBeUndefined();
  });

  test('rule 1: with async middleware the span ends when the event is stored; a dropped event ends it too', async () => {
    const { bus } = makeBus();
    traced(bus);
    const gate = deferred();
    bus.addMiddleware(async (draft) => {
      await gate.promise;
      return draft.type === 'AUDIT' ? null : undefined;
    });
    const shipped = bus.publishAsync('ORDER_SHIPPED', { id: 'A-1' });
    expect(sdk.spans()).toEqual([]);
    gate.resolve();
    await shipped;
    expect(sdk.span('publish ORDER_SHIPPED').attributes['mesh.seq']).toBe(1);
    await bus.publishAsync('AUDIT', 'x');
    expect(sdk.span('publish AUDIT').attributes['mesh.dropped']).toBe(true);
  });

  test('rule 2: each handler call runs in a CONSUMER span "process <type>" whose parent is the producer span, with the message attributes', () => {
    const { bus } = makeBus();
    traced(bus);
    bus.subscribe('ORDER_PLACED', () => {});
    bus.subscribeAll(() => {});
    const id = bus.publish('ORDER_PLACED', { id: 'A-1', total: 1 }, { runId: 'run-1' });
    const producer = sdk.span('publish ORDER_PLACED');
    const consumers = sdk.spans().filter((s) => s.name === 'process ORDER_PLACED');
    expect(consumers).toHaveLength(2);
    for (const consumer of consumers) {
      expect(consumer.kind).toBe(SpanKind.CONSUMER);
      expect(parentId(consumer)).toBe(producer.spanContext().spanId);
      expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
      expect(consumer.attributes).toEqual({
        'messaging.system': 'mesh',
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': 'ORDER_PLACED',
        'messaging.message.id': id,
        'mesh.seq': 1,
        'mesh.run_id': 'run-1',
      });
    }
  });

  test('rule 2: a span a handler starts is the handler span’s child, also after an await', async () => {
    const { bus } = makeBus();
    traced(bus);
    bus.subscribe('ORDER_PLACED', async () => {
      sdk.tracer.startSpan('charge card').end();
      await new Promise((resolve) => setImmediate(resolve));
      sdk.tracer.startSpan('send receipt').end();
    });
    await bus.publishAsync('ORDER_PLACED', { id: 'A-1', total: 1 });
    const consumer = sdk.span('process ORDER_PLACED');
    expect(parentId(sdk.span('charge card'))).toBe(consumer.spanContext().spanId);
    expect(parentId(sdk.span('send receipt'))).toBe(consumer.spanContext().spanId);
  });

  test('rule 2: a publish from inside a handler chains: its producer is the handler span’s child, its consumer the new producer’s', () => {
    const { bus } = makeBus();
    traced(bus);
    bus.subscribe('ORDER_PLACED', (e) => void bus.publish('ORDER_SHIPPED', { id: e.data.id }));
    bus.subscribe('ORDER_SHIPPED', () => {});
    bus.publish('ORDER_PLACED', { id: 'A-1', total: 1 });
    const chain = ['publish ORDER_PLACED', 'process ORDER_PLACED', 'publish ORDER_SHIPPED', 'process ORDER_SHIPPED'].map((name) => sdk.span(name));
    for (let i = 1; i < chain.length; i++) expect(parentId(chain[i]!)).toBe(chain[i - 1]!.spanContext().spanId);
    expect(new Set(chain.map((s) => s.spanContext().traceId)).size).toBe(1);
  });

  test('rule 2: a throwing handler records the exception and sets ERROR; the other handlers still run in their own spans', () => {
    const { bus } = makeBus();
    traced(bus);
    const ran: string[] = [];
    bus.subscribe('ORDER_PLACED', () => {
      throw new RangeError('total out of range');
    });
    bus.subscribe('ORDER_PLACED', () => void ran.push('second'));
    bus.subscribe(HANDLER_ERROR, (e) => void ran.push(`HANDLER_ERROR ${e.data.error.message}`));
    bus.publish('ORDER_PLACED', { id: 'A-1', total: -1 });
    const [failed, ok] = sdk.spans().filter((s) => s.name === 'process ORDER_PLACED');
    expect(failed!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'total out of range' });
    expect(failed!.events[0]!.attributes).toMatchObject({ 'exception.type': 'RangeError', 'exception.message': 'total out of range' });
    expect(failed!.attributes['error.type']).toBe('RangeError');
    expect(ok!.status.code).toBe(SpanStatusCode.UNSET);
    expect(ran).toEqual(['second', 'HANDLER_ERROR total out of range']);
    expect(sdk.spans().some((s) => s.name.endsWith(HANDLER_ERROR))).toBe(false); // not traced by default
  });

  test('rule 2: an async handler’s span ends when its promise settles; a rejection records the exception and sets ERROR', async () => {
    const { bus } = makeBus();
    traced(bus);
    const gate = deferred();
    bus.subscribe('ORDER_PLACED', () => gate.promise);
    bus.publish('ORDER_PLACED', { id: 'A-1', total: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sdk.spans().map((s) => s.name)).toEqual(['publish ORDER_PLACED']);
    gate.reject(new Error('payment service down'));
    await waitFor(() => sdk.spans().length === 2, 'the handler span to end');
    const consumer = sdk.span('process ORDER_PLACED');
    expect(consumer.status).toEqual({ code: SpanStatusCode.ERROR, message: 'payment service down' });
    expect(consumer.events.map((e) => e.name)).toEqual(['exception']);
  });

  test('rule 3: an event that carries no trace context (published where nothing traced it) gets consumer spans that start a new trace', () => {
    const plain = makeBus().bus;
    plain.publish('ORDER_SHIPPED', { id: 'A-1' });
    const [untraced] = plain.history();
    expect(untraced!.metadata).toEqual({});
    const { bus } = makeBus();
    traced(bus);
    bus.subscribe('ORDER_SHIPPED', () => {});
    sdk.tracer.startActiveSpan('unrelated', (span) => {
      bus.ingest(untraced!);
      span.end();
    });
    const consumer = sdk.span('process ORDER_SHIPPED');
    expect(parentId(consumer)).toBeUndefined();
    expect(consumer.spanContext().traceId).not.toBe(sdk.span('unrelated').spanContext().traceId);
  });

  test('rule 3: the active context at publish is what counts: handlers subscribed before instrument are traced, under the span active at publish', () => {
    const { bus } = makeBus();
    bus.subscribe('ORDER_SHIPPED', () => {});
    traced(bus);
    sdk.tracer.startActiveSpan('job', (job) => {
      bus.publish('ORDER_SHIPPED', { id: 'A-1' });
      job.end();
    });
    expect(parentId(sdk.span('publish ORDER_SHIPPED'))).toBe(sdk.span('job').spanContext().spanId);
    expect(parentId(sdk.span('process ORDER_SHIPPED'))).toBe(sdk.span('publish ORDER_SHIPPED').spanContext().spanId);
  });

  test('rule 4: removing the instrumentation stops new spans and leaves handlers, middleware and events as without it', () => {
    const { bus } = makeBus();
    const handled: Event[] = [];
    bus.subscribe('ORDER_SHIPPED', (e) => void handled.push(e));
    bus.addMiddleware((draft) => {
      draft.metadata['stamped'] = true;
    });
    const subscribers = bus.subscriberCount;
    const remove = traced(bus);
    remove();
    remove();
    bus.publish('ORDER_SHIPPED', { id: 'A-1' });
    expect(sdk.spans()).toEqual([]);
    expect(handled).toHaveLength(1);
    expect(handled[0]!.metadata).toEqual({ stamped: true });
    expect(bus.subscriberCount).toBe(subscribers);
  });

  test('rule 4: instrumenting the same bus twice is a TypeError, also through its tree; after removal it can be instrumented again', () => {
    const { bus } = makeBus();
    const remove = traced(bus);
    expect(() => instrument(bus)).toThrow(new TypeError('instrument: this bus is already instrumented; remove that instrumentation first (call the function instrument returned)'));
    remove();
    expect(() => traced(bus)).not.toThrow();
    const root = ScopedEventBus.root(EventType);
    const child = root.child('a');
    traced(root);
    expect(() => instrument(root.bus)).toThrow(TypeError);
    expect(() => instrument(child)).toThrow(new TypeError('instrument: a bus of this tree above or below root/a is already instrumented, so its events would be traced twice'));
    const other = ScopedEventBus.root(EventType);
    traced(other.child('b'));
    expect(() => instrument(other)).toThrow(/a bus of this tree above or below root is already instrumented/);
  });

  test('a tree instrumented at the root traces the events of every child, children created later included, with a consumer span per handler at every level', () => {
    const root = ScopedEventBus.root(EventType);
    traced(root);
    const workflow = root.child('workflow-1');
    const step = workflow.child('step-2');
    for (const bus of [root, workflow, step]) bus.subscribe('ORDER_SHIPPED', () => {});
    step.publish('ORDER_SHIPPED', { id: 'A-1' });
    workflow.publish('ORDER_SHIPPED', { id: 'A-2' });
    const producers = sdk.spans().filter((s) => s.name === 'publish ORDER_SHIPPED');
    expect(producers.map((s) => s.attributes['mesh.scope'])).toEqual(['root/workflow-1/step-2', 'root/workflow-1']);
    const consumers = sdk.spans().filter((s) => s.name === 'process ORDER_SHIPPED');
    expect(consumers.map((s) => [s.attributes['mesh.scope'], parentId(s)])).toEqual([
      ['root/workflow-1/step-2', producers[0]!.spanContext().spanId],
      ['root/workflow-1/step-2', producers[0]!.spanContext().spanId],
      ['root/workflow-1/step-2', producers[0]!.spanContext().spanId],
      ['root/workflow-1', producers[1]!.spanContext().spanId],
      ['root/workflow-1', producers[1]!.spanContext().spanId],
    ]);
  });

  test('options: tracer and propagator are used as given; types picks what is traced (HANDLER_ERROR too, when listed)', () => {
    const { bus } = makeBus();
    const injected: string[] = [];
    const propagator = {
      inject: (ctx: Parameters<typeof sdk.propagator.inject>[0], carrier: unknown, setter: Parameters<typeof sdk.propagator.inject>[2]) => {
        injected.push('inject');
        sdk.propagator.inject(ctx, carrier, setter);
      },
      extract: sdk.propagator.extract.bind(sdk.propagator),
      fields: () => sdk.propagator.fields(),
    };
    traced(bus, { tracer: sdk.tracer, propagator, types: ['ORDER_PLACED', HANDLER_ERROR] });
    bus.subscribe('ORDER_PLACED', () => {
      throw new Error('x');
    });
    bus.subscribe(HANDLER_ERROR, () => {});
    bus.publish('ORDER_SHIPPED', { id: 'A-1' });
    bus.publish('ORDER_PLACED', { id: 'A-2', total: 1 });
    expect(sdk.spans().map((s) => s.name).sort()).toEqual(['process HANDLER_ERROR', 'process ORDER_PLACED', 'publish HANDLER_ERROR', 'publish ORDER_PLACED']);
    expect(new Set(sdk.spans().map((s) => s.instrumentationScope.name))).toEqual(new Set(['test']));
    expect(injected).toEqual(['inject', 'inject']);
  });

  test('the default tracer is named and versioned after the package', async () => {
    const { bus } = makeBus();
    traced(bus);
    bus.publish('ORDER_SHIPPED', { id: 'A-1' });
    const { default: manifest } = await import('../package.json', { with: { type: 'json' } });
    expect(sdk.span('publish ORDER_SHIPPED').instrumentationScope).toEqual({ name: '@mesh/otel', version: manifest.version, schemaUrl: undefined });
  });

  test('the ids in a traceparent are the producer span’s', () => {
    const { bus } = makeBus();
    traced(bus);
    bus.publish('ORDER_SHIPPED', { id: 'A-1' });
    const { traceId, spanId, flags } = parseTraceparent(bus.history()[0]!.metadata['traceparent']);
    expect({ traceId, spanId }).toEqual(idsOf(sdk.span('publish ORDER_SHIPPED')));
    expect(flags).toBe('01');
  });
});
