// Node ESM smoke test: every package and subpath imports, an event published on a scoped
// child bus reaches a subscriber on the root, and @mesh/redis (with its node-redis dependency)
// runs: an unreachable URL rejects with RedisUnreachableError; @mesh/otel traces a publish with a
// tracer and propagator of its own (the API alone, no SDK); @mesh/agui answers a run.
// Prints one JSON line.
import assert from 'node:assert/strict';
import { Namespace, Signal, signal } from '@mesh/signals';
import mitt from '@mesh/signals/mitt';
import { EventEmitter } from '@mesh/signals/emitter';
import { toEventTarget } from '@mesh/signals/event-target';
import { EventBus, defineEvents, event } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { serveDevtools, sseHandler } from '@mesh/http';
import { RedisUnreachableError, connectRedis } from '@mesh/redis';
import { instrument } from '@mesh/otel';
import { trace } from '@opentelemetry/api';
import { AgUiEvents, aguiHandler } from '@mesh/agui';

const EventType = defineEvents({ ORDER_PLACED: event({}) });
const root = ScopedEventBus.root(EventType);
const seen = [];
root.subscribe('ORDER_PLACED', (e) => seen.push({ scope: e.scope, data: e.data }));
const child = root.child('workflow-1');
child.publish('ORDER_PLACED', { order: 'A-1', total: 120 });
await new Promise((resolve) => setTimeout(resolve, 0));
assert.deepEqual(seen, [{ scope: 'root/workflow-1', data: { order: 'A-1', total: 120 } }]);
child.dispose();

// @mesh/http: the SSE handler replays history as Server-Sent Events; the devtools page is in the tarball.
const response = await sseHandler(root)(new Request('http://smoke.local/events?lastEventId=0'));
const reader = response.body.getReader();
let sse = '';
while (!sse.includes('event: ORDER_PLACED')) sse += new TextDecoder().decode((await reader.read()).value);
await reader.cancel();
assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
assert.match(sse, /^id: [0-9a-z]+-1$/m); // <epoch>-<seq>
const devtools = await serveDevtools(root);
const page = await fetch(devtools.url);
assert.equal(page.status, 200);
assert.match(await page.text(), /<title>/);
await devtools.close();

// @mesh/agui (with @ag-ui/core and zod from the registry): a run answered in AG-UI's wire format.
const agents = ScopedEventBus.root(AgUiEvents);
const agui = aguiHandler(agents, { run: (_input, run) => void run.publish('STEP_STARTED', { stepName: 'smoke' }) });
const input = { threadId: 't', runId: 'r', state: {}, messages: [], tools: [], context: [], forwardedProps: {} };
const run = await (await agui(new Request('http://smoke.local/agent', { method: 'POST', body: JSON.stringify(input) }))).text();
assert.deepEqual([...run.matchAll(/^data: \{"type":"(\w+)"/gm)].map((m) => m[1]), ['RUN_STARTED', 'STEP_STARTED', 'RUN_FINISHED']);
assert.throws(() => agents.publish('TEXT_MESSAGE_CONTENT', { delta: 'no id' }), /messageId/);

assert.equal(typeof signal, 'function');
assert.equal(typeof Namespace, 'function');
assert.equal(typeof mitt().emit, 'function');
assert.equal(typeof new EventEmitter().on, 'function');
assert.ok(toEventTarget(new Signal()) instanceof EventTarget);
assert.equal(typeof EventBus, 'function');
await assert.rejects(connectRedis(root.bus, { url: 'redis://127.0.0.1:1', stream: 'smoke', connectTimeoutMs: 300 }), RedisUnreachableError);
assert.equal(root.bus.subscriberCount, 1);

// @mesh/otel: a producer and a consumer span, the context carried in the event's metadata.
const ended = [];
let spans = 0;
const tracer = {
  startSpan(name, options, ctx) {
    const parent = trace.getSpanContext(ctx);
    const spanContext = { traceId: parent?.traceId ?? '4bf92f3577b34da6a3ce929d0e0e4736', spanId: String(++spans).padStart(16, '0'), traceFlags: 1 };
    const span = { spanContext: () => spanContext, isRecording: () => true, setAttribute: () => span, setAttributes: () => span, setStatus: () => span, recordException() {}, end: () => ended.push([name, options.kind, parent?.spanId]) };
    return span;
  },
  startActiveSpan() {
    throw new Error('not used');
  },
};
const propagator = {
  inject: (ctx, carrier, setter) => setter.set(carrier, 'traceparent', trace.getSpanContext(ctx).spanId),
  extract: (ctx, carrier, getter) => trace.setSpanContext(ctx, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: getter.get(carrier, 'traceparent'), traceFlags: 1 }),
  fields: () => ['traceparent'],
};
const traced = new EventBus(EventType);
const untrace = instrument(traced, { tracer, propagator });
traced.subscribe('ORDER_PLACED', () => {});
traced.publish('ORDER_PLACED', { order: 'A-2' });
untrace();
assert.deepEqual(ended, [['publish ORDER_PLACED', 3, undefined], ['process ORDER_PLACED', 4, '0000000000000001']]);
assert.equal(traced.history()[0].metadata.traceparent, '0000000000000001');
console.log(JSON.stringify({ ok: true, delivered: seen }));
