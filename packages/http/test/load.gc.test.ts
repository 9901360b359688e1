import { createServer, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { heapAfterCollection } from '../../../test-support/gc.js';
import { sseHandler, toNodeListener } from '../src/index.js';
import { Agent, makeBus } from './fixtures.js';
import { waitFor } from '../../../test-support/wait.js';
import { listen, shut } from './http-client.js';

/**
 * A light SSE client for load: checks, as bytes arrive, that event ids come
 * one after the other from 1, and counts drop notices; keeps no messages.
 */
class CountingClient {
  nextSeq = 1;
  outOfOrder = 0;
  dropNotices = 0;
  #rest = '';
  #destroy: () => void = () => undefined;
  #pause: () => void = () => undefined;

  constructor(url: string) {
    const req = request(url, { agent: false }, (response) => {
      this.#pause = () => response.pause();
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => this.#scan(chunk));
    });
    this.#destroy = () => req.destroy();
    req.on('error', () => undefined); // destroyed on purpose at the end
    req.end();
  }

  get received(): number {
    return this.nextSeq - 1;
  }

  stall(): void {
    this.#pause();
  }

  destroy(): void {
    this.#destroy();
  }

  #scan(chunk: string): void {
    const text = this.#rest + chunk;
    const complete = text.lastIndexOf('\n') + 1;
    this.#rest = text.slice(complete);
    for (let line = 0; line < complete; line = text.indexOf('\n', line) + 1) {
      if (text.startsWith('id: ', line)) {
        // id: <epoch>-<seq>
        if (Number(text.slice(text.indexOf('-', line) + 1, text.indexOf('\n', line))) === this.nextSeq) this.nextSeq++;
        else this.outOfOrder++;
      } else if (text.startsWith('event: mesh-dropped', line)) {
        this.dropNotices++;
      }
    }
  }
}

const { bus } = makeBus({ historyLimit: 1000 });
const server = createServer(toNodeListener(sseHandler(bus, { bufferSize: 10_000 })));
const stallServer = createServer(toNodeListener(sseHandler(bus, { bufferSize: 1000 })));
let url = '';
let stallUrl = '';

beforeAll(async () => {
  url = await listen(server);
  stallUrl = await listen(stallServer);
});
afterAll(async () => {
  await shut(server);
  await shut(stallServer);
});

/** Lets the event loop run (socket writes, client reads). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('@mesh/http under load (loopback)', () => {
  test('100 concurrent clients x 10,000 events: every client gets every event, in order; all subscriptions freed after', async () => {
    const baseline = bus.subscriberCount;
    const heapBefore = await heapAfterCollection();
    const clients = Array.from({ length: 100 }, () => new CountingClient(`${url}/events`));
    await waitFor(() => bus.subscriberCount === baseline + 100, 'the 100 clients connected', 10_000);
    for (let n = 1; n <= 10_000; n++) {
      bus.publish(Agent.STEP, { n, text: 'a step of the run' });
      if (n % 500 === 0) await turn();
    }
    await waitFor(() => clients.every((client) => client.received === 10_000), 'every event at every client', 60_000);
    expect(clients.map((c) => c.received)).toEqual(Array(100).fill(10_000));
    expect(clients.reduce((sum, c) => sum + c.outOfOrder + c.dropNotices, 0)).toBe(0);
    for (const client of clients) client.destroy();
    await waitFor(() => bus.subscriberCount === baseline, 'the subscriptions freed', 10_000);
    const grown = (await heapAfterCollection()) - heapBefore;
    // History holds 1000 events; nothing per client or per event may stay behind.
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);

  test('10 stalled clients: memory stays bounded by their queues while 50,000 events go by', async () => {
    const baseline = bus.subscriberCount;
    const stalled = Array.from({ length: 10 }, () => new CountingClient(`${stallUrl}/events`));
    await waitFor(() => bus.subscriberCount === baseline + 10, 'the 10 stalled clients connected', 10_000);
    for (const client of stalled) client.stall();
    const payload = { n: 0, text: 'x'.repeat(200) };
    for (let n = 1; n <= 5_000; n++) {
      bus.publish(Agent.STEP, { ...payload, n });
      if (n % 500 === 0) await turn();
    }
    const heapWarm = await heapAfterCollection();
    for (let n = 5_001; n <= 50_000; n++) {
      bus.publish(Agent.STEP, { ...payload, n });
      if (n % 500 === 0) await turn();
    }
    const grown = (await heapAfterCollection()) - heapWarm;
    // 45,000 more events of ~300 bytes each would be ~13 MB if anything kept them all.
    expect(grown).toBeLessThan(3 * 1024 * 1024);
    for (const client of stalled) client.destroy();
    await waitFor(() => bus.subscriberCount === baseline, 'the subscriptions freed', 10_000);
  }, 120_000);

  test('20 stalled clients and 20,000 terminal events: every queue holds at most bufferSize, memory stays bounded', async () => {
    const baseline = bus.subscriberCount;
    const stalled = Array.from({ length: 20 }, () => new CountingClient(`${stallUrl}/events`));
    await waitFor(() => bus.subscriberCount === baseline + 20, 'the 20 stalled clients connected', 10_000);
    for (const client of stalled) client.stall();
    const payload = { ok: true, note: 'x'.repeat(200) };
    for (let n = 1; n <= 2_000; n++) {
      bus.publish(Agent.RUN_FINISHED, payload);
      if (n % 500 === 0) await turn();
    }
    const heapWarm = await heapAfterCollection();
    for (let n = 2_001; n <= 20_000; n++) {
      bus.publish(Agent.RUN_FINISHED, payload);
      if (n % 500 === 0) await turn();
    }
    const grown = (await heapAfterCollection()) - heapWarm;
    // Kept without a bound, 18,000 more terminal events would sit in 20 queues: 360,000 entries.
    expect(grown).toBeLessThan(3 * 1024 * 1024);
    for (const client of stalled) client.destroy();
    await waitFor(() => bus.subscriberCount === baseline, 'the subscriptions freed', 10_000);
  }, 120_000);
});
