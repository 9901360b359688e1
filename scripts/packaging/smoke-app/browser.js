// Browser smoke test, bundled by esbuild for --platform=browser and run in headless Chromium:
// sets window.__meshSmoke to the outcome.
import { signal } from '@mesh/signals';
import mitt from '@mesh/signals/mitt';
import { EventEmitter } from '@mesh/signals/emitter';
import { EventBus, defineEvents, event } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { instrument } from '@mesh/otel';
import { AgUiEvents, aguiHandler } from '@mesh/agui';

async function run() {
  const EventType = defineEvents({ ORDER_PLACED: event({}) });
  const seen = [];
  const root = ScopedEventBus.root(EventType);
  root.subscribe('ORDER_PLACED', (e) => seen.push(e.scope));
  const untrace = instrument(root); // @opentelemetry/api without an SDK: a no-op tracer, handlers run as before
  const child = root.child('tab-1');
  child.publish('ORDER_PLACED', { order: 'A-1' });
  untrace();
  seen.push(child.bus.history()[0].metadata.traceparent === undefined ? 'otel' : 'otel wrote a context with no span');
  const bus = new EventBus(EventType);
  bus.addMiddleware((draft) => { draft.metadata.browser = true; }); // immer drafts in the browser
  bus.subscribe('ORDER_PLACED', (e) => seen.push(e.metadata.browser));
  bus.publish('ORDER_PLACED', { order: 'A-2' });
  const results = signal('ping').send('page');
  const emitter = mitt();
  emitter.on('x', () => seen.push('mitt'));
  emitter.emit('x');
  // Node's EventEmitter without Node: the leak warning goes to console.warn, rejections to 'error'.
  const node = new EventEmitter({ captureRejections: true }).setMaxListeners(1);
  const warned = [];
  const warn = console.warn;
  console.warn = (warning) => warned.push(warning.name);
  try {
    node.on('tick', (n) => seen.push(`tick ${n}`)).on('tick', async () => { throw new Error('async'); });
  } finally {
    console.warn = warn;
  }
  node.on('error', (error) => seen.push(error.message));
  node.emit('tick', 1);
  await new Promise((resolve) => setTimeout(resolve, 0));
  seen.push(...warned);
  // @mesh/agui needs only Fetch: a run answered in a page (a service worker could serve it).
  const agui = aguiHandler(ScopedEventBus.root(AgUiEvents), { run: (_input, bus) => void bus.publish('STEP_STARTED', { stepName: 'page' }) });
  const input = { threadId: 't', runId: 'r', state: {}, messages: [], tools: [], context: [], forwardedProps: {} };
  const body = await (await agui(new Request('http://smoke.local/agent', { method: 'POST', body: JSON.stringify(input) }))).text();
  seen.push([...body.matchAll(/^data: \{"type":"(\w+)"/gm)].map((m) => m[1]).join(' '));
  const expected = ['root/tab-1', 'otel', true, 'mitt', 'tick 1', 'async', 'MaxListenersExceededWarning', 'RUN_STARTED STEP_STARTED RUN_FINISHED'];
  const ok = JSON.stringify(seen) === JSON.stringify(expected) && Array.isArray(results);
  return { ok, seen, userAgent: navigator.userAgent };
}

run().then(
  (outcome) => { window.__meshSmoke = outcome; },
  (error) => { window.__meshSmoke = { ok: false, error: String(error && error.stack || error) }; },
);
