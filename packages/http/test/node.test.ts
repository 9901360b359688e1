import { createServer } from 'node:http';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { sseHandler, toNodeListener } from '../src/index.js';
import { Agent, makeBus } from './fixtures.js';
import { waitFor } from '../../../test-support/wait.js';
import { HttpSseClient, listen, shut } from './http-client.js';

const servers: ReturnType<typeof createServer>[] = [];
async function serve(handler: (request: Request) => Promise<Response>): Promise<string> {
  const server = createServer(toNodeListener(handler));
  servers.push(server);
  return listen(server);
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map(shut));
  vi.restoreAllMocks();
});

describe('toNodeListener', () => {
  test('streams an SSE handler over node:http: headers, events as they are published', async () => {
    const { bus } = makeBus();
    const url = await serve(sseHandler(bus));
    const client = new HttpSseClient(`${url}/events`);
    const response = await client.ready;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    for (let n = 1; n <= 3; n++) bus.publish(Agent.STEP, { n });
    await waitFor(() => client.seqs.length === 3, 'three events');
    expect(client.seqs).toEqual([1, 2, 3]);
    client.destroy();
  });

  test('Last-Event-ID over HTTP resumes without gap or duplicate', async () => {
    const { bus } = makeBus();
    const url = await serve(sseHandler(bus));
    const first = new HttpSseClient(`${url}/events`);
    await first.ready;
    for (let n = 1; n <= 5; n++) bus.publish(Agent.STEP, { n });
    await waitFor(() => first.seqs.length === 5, 'five events');
    first.destroy();
    for (let n = 6; n <= 8; n++) bus.publish(Agent.STEP, { n });
    const second = new HttpSseClient(`${url}/events`, { 'last-event-id': '5' });
    await second.ready;
    bus.publish(Agent.STEP, { n: 9 });
    await waitFor(() => second.seqs.length === 4, 'the resumed events');
    expect([...first.seqs, ...second.seqs]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    second.destroy();
  });

  test('a client whose socket goes away frees its bus subscription', async () => {
    const { bus } = makeBus();
    const url = await serve(sseHandler(bus));
    const clients = Array.from({ length: 5 }, () => new HttpSseClient(`${url}/events`));
    await Promise.all(clients.map((c) => c.ready));
    expect(bus.subscriberCount).toBe(5);
    for (const client of clients) client.destroy();
    await waitFor(() => bus.subscriberCount === 0, 'the subscriptions freed');
    expect(bus.subscriberCount).toBe(0);
  });

  test('a stalled socket does not hold up the bus; on resuming the client learns what it lost', async () => {
    const { bus } = makeBus();
    const url = await serve(sseHandler(bus, { bufferSize: 50 }));
    const roomyUrl = await serve(sseHandler(bus, { bufferSize: 5000 }));
    const stalled = new HttpSseClient(`${url}/events`);
    const live = new HttpSseClient(`${roomyUrl}/events`);
    await Promise.all([stalled.ready, live.ready]);
    stalled.stall();
    const big = 'x'.repeat(2000); // fills socket buffers quickly
    for (let n = 1; n <= 3000; n++) {
      bus.publish(Agent.STEP, { n, text: big });
      if (n % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    bus.publish(Agent.RUN_FINISHED, { ok: true });
    await waitFor(() => live.seqs.length === 3001, 'every event at the live client');
    stalled.resume();
    await waitFor(() => stalled.seqs.at(-1) === 3001, 'the terminal event at the resumed client');
    const dropped = stalled.messages.filter((m) => m.event === 'mesh-dropped').reduce((sum, m) => sum + JSON.parse(m.data!).dropped, 0);
    expect(dropped).toBeGreaterThan(0);
    expect(stalled.seqs.length + dropped).toBe(3001);
    expect(live.messages.some((m) => m.event === 'mesh-dropped')).toBe(false);
    stalled.destroy();
    live.destroy();
  });

  test('405 for other methods, over HTTP', async () => {
    const { bus } = makeBus();
    const url = await serve(sseHandler(bus));
    const response = await fetch(`${url}/events`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  test('passes method, headers and body to any Fetch handler, and keeps several set-cookie headers apart', async () => {
    const url = await serve(async (request) => {
      const headers = new Headers({ 'content-type': 'application/json' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      const body = JSON.stringify({ method: request.method, path: new URL(request.url).pathname, header: request.headers.get('x-test'), body: await request.text() });
      return new Response(body, { status: 201, headers });
    });
    const response = await fetch(`${url}/echo?q=1`, { method: 'PUT', headers: { 'x-test': 'yes' }, body: 'hello' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ method: 'PUT', path: '/echo', header: 'yes', body: 'hello' });
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  test('a handler that throws gets a 500 and the error is logged', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const url = await serve(async () => {
      throw new Error('boom');
    });
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(500);
    expect(logged).toHaveBeenCalledWith('@mesh/http: the handler failed:', new Error('boom'));
  });

  test('toNodeListener given a non-function throws a TypeError', () => {
    expect(() => toNodeListener('handler' as never)).toThrow(TypeError);
    expect(() => toNodeListener(undefined as never)).toThrow(/toNodeListener: handler must be a function/);
  });
});
