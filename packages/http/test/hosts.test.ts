import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { EventBus, defineEvents, event } from '@mesh/bus';
import { afterEach, describe, expect, test, vi } from 'vitest';
// The page exists only in the build output (scripts/build-devtools-page.mjs), so the server is taken from dist.
import { serveDevtools, sseHandler, toNodeListener, type DevtoolsOptions, type DevtoolsServer } from '../dist/index.js';
import { shut } from './http-client.js';
import { rawRequest, statusLine } from './raw-socket.js';

const Ops = defineEvents({ STEP: event<{ n: number }>() });
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** Requests no URL parser takes, or Fetch refuses: each must get a 400. */
const BAD_REQUESTS = [
  'GET http://999.1.1.1/ HTTP/1.1\r\nHost: 127.0.0.1',
  'GET http://[::1/ HTTP/1.1\r\nHost: 127.0.0.1',
  'GET / HTTP/1.1\r\nHost: 127.0.0.1:99999',
  'GET / HTTP/1.1\r\nHost: exa mple',
  'GET / HTTP/1.1\r\nHost: [zz]',
  'GET / HTTP/1.1\r\nHost: evil.example/x',
  'GET * HTTP/1.1\r\nHost: 127.0.0.1',
];

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

async function devtools<M>(bus: EventBus<M>, options?: DevtoolsOptions): Promise<{ server: DevtoolsServer; port: number }> {
  const server = await serveDevtools(bus, options);
  cleanups.push(() => server.close());
  return { server, port: Number(new URL(server.url).port) };
}

/** A `serveDevtools` in a process of its own: its port, and the process. */
async function devtoolsProcess(): Promise<{ child: ChildProcess; port: number }> {
  const script = `import { EventBus, defineEvents, event } from '@mesh/bus';
import { serveDevtools } from ${JSON.stringify(dist)};
const bus = new EventBus(defineEvents({ STEP: event() }));
const devtools = await serveDevtools(bus);
console.log(new URL(devtools.url).port);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill();
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { child, port: Number(line.toString().trim()) };
}

describe('serveDevtools and toNodeListener on a network (http rule 9)', () => {
  test('a serveDevtools process answers 400 to a URL or Host that cannot be parsed, and lives on', async () => {
    const { child, port } = await devtoolsProcess();
    for (const head of BAD_REQUESTS) expect(statusLine(await rawRequest(port, head)), head).toBe('HTTP/1.1 400 Bad Request');
    expect(child.exitCode).toBe(null);
    expect(statusLine(await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}`))).toBe('HTTP/1.1 200 OK');
    expect(child.exitCode).toBe(null);
  });

  test('toNodeListener answers 400 to what it cannot parse or Fetch refuses, without calling the handler or logging', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const seen: string[] = [];
    const server: Server = createServer(toNodeListener(async (request) => (seen.push(request.url), new Response('ok'))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => shut(server));
    const port = (server.address() as AddressInfo).port;
    for (const head of [...BAD_REQUESTS, 'TRACE / HTTP/1.1\r\nHost: 127.0.0.1']) {
      const answer = await rawRequest(port, head);
      expect(statusLine(answer), head).toBe('HTTP/1.1 400 Bad Request');
      expect(answer).toContain('Bad Request: ');
    }
    expect(seen).toEqual([]);
    expect(logged).not.toHaveBeenCalled();
    expect(statusLine(await rawRequest(port, 'GET //twice?x=1 HTTP/1.1\r\nHost: 127.0.0.1'))).toBe('HTTP/1.1 200 OK');
    expect(seen).toEqual(['http://127.0.0.1//twice?x=1']);
  });

  test('a foreign Host gets 403 on every route and nothing is streamed; its own names are answered', async () => {
    const bus = new EventBus(Ops);
    const { port } = await devtools(bus);
    for (const path of ['/', '/events', '/types', '/devtools.js', '/nowhere']) {
      for (const host of [`evil.example:${port}`, 'evil.example', `localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
        const answer = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: ${host}`);
        expect(statusLine(answer), `${path} ${host}`).toBe('HTTP/1.1 403 Forbidden');
        expect(answer).not.toContain('event-stream');
      }
    }
    // An absolute URL naming another host is refused too, whatever the Host header says.
    expect(statusLine(await rawRequest(port, `GET http://evil.example:${port}/types HTTP/1.1\r\nHost: 127.0.0.1:${port}`))).toBe('HTTP/1.1 403 Forbidden');
    expect(bus.subscriberCount).toBe(0);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect(statusLine(await rawRequest(port, `GET /types HTTP/1.1\r\nHost: ${host}`)), host).toBe('HTTP/1.1 200 OK');
    }
  });

  test('allowedHosts adds names; bad ones are refused by name', async () => {
    const bus = new EventBus(Ops);
    const { port } = await devtools(bus, { allowedHosts: ['devbox.local', 'Mesh.Example'] });
    for (const host of ['devbox.local', `devbox.local:${port}`, 'mesh.example', 'MESH.example']) {
      expect(statusLine(await rawRequest(port, `GET /types HTTP/1.1\r\nHost: ${host}`)), host).toBe('HTTP/1.1 200 OK');
    }
    expect(statusLine(await rawRequest(port, 'GET /types HTTP/1.1\r\nHost: other.local'))).toBe('HTTP/1.1 403 Forbidden');
    await expect(serveDevtools(bus, { allowedHosts: 'devbox.local' as never })).rejects.toThrow(/^serveDevtools: allowedHosts must be an array of host names, got /);
    for (const bad of ['', 'devbox.local:8080', 'a b', 'x/y', 7]) {
      await expect(serveDevtools(bus, { allowedHosts: [bad as string] })).rejects.toThrow(/^serveDevtools: allowedHosts must hold host names without a port \(like 'devbox.local'\), got /);
    }
  });

  test('status lines carry reason phrases', async () => {
    const bus = new EventBus(Ops);
    const { port } = await devtools(bus);
    const host = `Host: 127.0.0.1:${port}`;
    expect(statusLine(await rawRequest(port, `GET /nowhere HTTP/1.1\r\n${host}`))).toBe('HTTP/1.1 404 Not Found');
    expect(statusLine(await rawRequest(port, `POST / HTTP/1.1\r\n${host}\r\nContent-Length: 0`))).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(statusLine(await rawRequest(port, `POST /events HTTP/1.1\r\n${host}\r\nContent-Length: 0`))).toBe('HTTP/1.1 405 Method Not Allowed');
    const sse: Server = createServer(toNodeListener(sseHandler(bus, { authorize: () => false })));
    await new Promise<void>((resolve) => sse.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => shut(sse));
    const ssePort = (sse.address() as AddressInfo).port;
    expect(statusLine(await rawRequest(ssePort, 'GET /events HTTP/1.1\r\nHost: 127.0.0.1'))).toBe('HTTP/1.1 403 Forbidden');
    // A handler's own status text wins; one without gets the standard phrase.
    const custom: Server = createServer(toNodeListener(async (request) => new Response('', new URL(request.url).pathname === '/a' ? { status: 418, statusText: 'Short And Stout' } : { status: 429 })));
    await new Promise<void>((resolve) => custom.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => shut(custom));
    const customPort = (custom.address() as AddressInfo).port;
    expect(statusLine(await rawRequest(customPort, 'GET /a HTTP/1.1\r\nHost: 127.0.0.1'))).toBe('HTTP/1.1 418 Short And Stout');
    expect(statusLine(await rawRequest(customPort, 'GET /b HTTP/1.1\r\nHost: 127.0.0.1'))).toBe('HTTP/1.1 429 Too Many Requests');
  });
});
