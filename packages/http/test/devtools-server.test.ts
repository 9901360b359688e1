import { EventBus, defineEvents, event } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { afterEach, describe, expect, test } from 'vitest';
// The page exists only in the build output (scripts/build-devtools-page.mjs), so the server is taken from dist.
import { serveDevtools, type DevtoolsOptions, type DevtoolsServer } from '../dist/index.js';

const Ops = defineEvents({
  STEP: event<{ n: number }>({ doc: 'A step.' }),
  TOOL_CALL: event<{ tool: string }>({ visibility: 'internal' }),
  TRACE: event<number>({ visibility: 'debug' }),
  DONE: event<{ ok: boolean }>({ terminal: true, doc: 'The run ended.' }),
});

const open: DevtoolsServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function serve<M>(bus: EventBus<M> | ScopedEventBus<M>, options?: DevtoolsOptions): Promise<DevtoolsServer> {
  const server = await serveDevtools(bus, options);
  open.push(server);
  return server;
}

/** Resolves once `condition()` holds; fails after a second. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 1000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 1000 ms');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** An open event stream: its text so far, read as it arrives. */
async function stream(url: string): Promise<{ text: () => string; ended: Promise<void> }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const ended = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // The server cut the connection: the stream ended.
    }
  })();
  return { text: () => text, ended };
}

/** The `event:` names of the event messages in SSE text, in order. */
function eventNames(text: string): string[] {
  return [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]!);
}

describe('serveDevtools', () => {
  test('serves the page, its script and styles on 127.0.0.1 and a free port', async () => {
    const bus = new EventBus(Ops);
    const devtools = await serve(bus);
    expect(devtools.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(devtools.eventsUrl).toBe(`${devtools.url}events`);

    const page = await fetch(devtools.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="devtools.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);

    const script = await fetch(`${devtools.url}devtools.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await script.text();
    expect(code).toContain('EventSource');
    expect(code).not.toMatch(/\bimport\s*[{("'*]|\bfrom\s*["']|https?:\/\/(?!www\.w3\.org)/);
    expect(code).not.toContain('innerHTML');

    const css = await fetch(`${devtools.url}devtools.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.timeline');
  });

  test('answers HEAD, 405 for other methods on the page, 404 for anything else', async () => {
    const devtools = await serve(new EventBus(Ops));
    const head = await fetch(devtools.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(devtools.url, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(devtools.eventsUrl, { method: 'POST', body: 'x' })).status).toBe(405);
    for (const path of ['nope', 'index.html/', 'devtools.js.map', 'events/x', '../package.json']) {
      expect((await fetch(`${devtools.url}${path}`)).status, path).toBe(404);
    }
  });

  test('GET /types lists the bus event types: name, terminal, visibility, doc', async () => {
    const devtools = await serve(new EventBus(Ops));
    const response = await fetch(`${devtools.url}types`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const types = (await response.json()) as Array<{ name: string }>;
    expect(types.find((type) => type.name === 'DONE')).toEqual({ name: 'DONE', terminal: true, visibility: 'public', doc: 'The run ended.' });
    expect(types.find((type) => type.name === 'TRACE')).toEqual({ name: 'TRACE', terminal: false, visibility: 'debug', doc: null });
    expect(types.map((type) => type.name).sort()).toEqual(['DONE', 'HANDLER_ERROR', 'STEP', 'TOOL_CALL', 'TRACE']);
  });

  test('the event stream carries every visibility by default, history first, and `visibility` limits it', async () => {
    const bus = new EventBus(Ops);
    bus.publish('STEP', { n: 1 });
    bus.publish('TOOL_CALL', { tool: 'search' });
    bus.publish('TRACE', 7);
    const all = await serve(bus);
    const publicOnly = await serve(bus, { visibility: 'public' });
    const everything = await stream(`${all.eventsUrl}?lastEventId=0`);
    const onlyPublic = await stream(`${publicOnly.eventsUrl}?lastEventId=0`);
    bus.publish('DONE', { ok: true });
    await until(() => eventNames(everything.text()).length === 4 && eventNames(onlyPublic.text()).length === 2);
    expect(eventNames(everything.text())).toEqual(['STEP', 'TOOL_CALL', 'TRACE', 'DONE']);
    expect(eventNames(onlyPublic.text())).toEqual(['STEP', 'DONE']);
  });

  test('serves a scoped bus: its subtree, with scopes', async () => {
    const root = ScopedEventBus.root(Ops, { name: 'app' });
    const child = root.child('run-1');
    const devtools = await serve(child);
    const events = await stream(devtools.eventsUrl);
    await until(() => child.bus.subscriberCount === 1);
    root.publish('STEP', { n: 1 });
    child.child('tool').publish('STEP', { n: 2 });
    await until(() => eventNames(events.text()).length === 1);
    expect(events.text()).toContain('"scope":"app/run-1/tool"');
    expect(events.text()).not.toContain('"n":1');
    root.dispose();
  });

  test('close() ends the open event streams, frees their subscriptions and stops the server', async () => {
    const bus = new EventBus(Ops);
    const start = bus.subscriberCount;
    const devtools = await serve(bus);
    const clients = [await stream(devtools.eventsUrl), await stream(`${devtools.eventsUrl}?lastEventId=0`)];
    await until(() => bus.subscriberCount === start + 2);
    await devtools.close();
    await Promise.all(clients.map((client) => client.ended));
    await until(() => bus.subscriberCount === start);
    await expect(fetch(devtools.url)).rejects.toThrow();
    await devtools.close();
  });

  test('bad input: not a bus, a bad port, host or visibility, a port in use', async () => {
    const bus = new EventBus(Ops);
    await expect(serveDevtools({} as EventBus<never>)).rejects.toThrow(new TypeError('serveDevtools: expected an EventBus or a ScopedEventBus, got an object'));
    await expect(serveDevtools(bus, null as never)).rejects.toThrow(TypeError);
    await expect(serveDevtools(bus, { port: '8080' as never })).rejects.toThrow(/^serveDevtools: port must be a number/);
    await expect(serveDevtools(bus, { port: -1 })).rejects.toThrow(RangeError);
    await expect(serveDevtools(bus, { port: 70_000 })).rejects.toThrow(/port must be an integer from 0 to 65535/);
    await expect(serveDevtools(bus, { port: 1.5 })).rejects.toThrow(RangeError);
    await expect(serveDevtools(bus, { host: '' })).rejects.toThrow(/^serveDevtools: host must be a non-empty string/);
    await expect(serveDevtools(bus, { visibility: 'secret' as never })).rejects.toThrow(/^serveDevtools: visibility must be 'public', 'internal' or 'debug'/);
    const taken = await serve(bus);
    await expect(serveDevtools(bus, { port: Number(new URL(taken.url).port) })).rejects.toThrow(/EADDRINUSE/);
    expect(bus.subscriberCount).toBe(0);
  });
});
