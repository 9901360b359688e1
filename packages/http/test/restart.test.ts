import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { waitFor } from '../../../test-support/wait.js';
import { sseHandler, toNodeListener } from '../src/index.js';
import { Agent, makeBus } from './fixtures.js';
import { ResumingClient, shut } from './http-client.js';
import { seqOfId } from './sse-reader.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Serves `bus` over node:http with a short retry, on `port` (0: a free one). */
async function serve(bus: ReturnType<typeof makeBus>['bus'], port = 0): Promise<Server> {
  const server = createServer(toNodeListener(sseHandler(bus, { retryMs: 20 })));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

const stops: Array<() => unknown> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe('@mesh/http resume across a restart (http rules 1, 6)', () => {
  test.each([
    ['behind the old id', 30],
    ['already past the old id', 150],
  ])('a bus replaced by a new one on the same port (%s): the client gets mesh-reset, then every event of the new epoch once', async (_case, published) => {
    const old = makeBus().bus;
    const first = await serve(old);
    const port = (first.address() as AddressInfo).port;
    const client = new ResumingClient(`http://127.0.0.1:${port}/events?lastEventId=0`);
    stops.push(() => client.stop());
    for (let n = 1; n <= 100; n++) old.publish(Agent.STEP, { n });
    await waitFor(() => client.lastEventId === `${old.epoch}-100`, 'the 100 events of the first bus');
    expect(client.messages.filter((m) => m.event === 'STEP').map((m) => seqOfId(m.id))).toEqual(range(1, 100));

    // The restart: the server and its bus go; a new bus publishes on, and is served on the same port.
    await shut(first);
    old.close();
    const bus = makeBus().bus;
    for (let n = 1; n <= published; n++) bus.publish(Agent.STEP, { n });
    const second = await serve(bus, port);
    stops.push(() => shut(second));
    await waitFor(() => client.messages.some((m) => m.event === 'mesh-reset'), 'the mesh-reset');
    for (let n = 1; n <= 50; n++) bus.publish(Agent.STEP, { n: published + n });
    const total = published + 50;
    await waitFor(() => client.lastEventId === `${bus.epoch}-${total}`, 'every event of the new bus');

    expect(client.connections).toBe(2);
    expect(client.messages.filter((m) => m.event === 'mesh-reset').map((m) => JSON.parse(m.data!))).toEqual([{ epoch: bus.epoch, from: 1 }]);
    const after = client.sinceReset.filter((m) => m.event !== undefined);
    expect(after.map((m) => m.event)).toEqual(Array(total).fill('STEP'));
    expect(after.map((m) => m.id)).toEqual(range(1, total).map((seq) => `${bus.epoch}-${seq}`));
    expect(after.map((m) => JSON.parse(m.data!).data.n)).toEqual(range(1, total));
    expect(client.messages.some((m) => m.event === 'mesh-gap' || m.event === 'mesh-dropped')).toBe(false);
  });

  test('a cut connection to the same bus resumes in its epoch: no reset, no gap, no duplicate', async () => {
    const { bus } = makeBus();
    const server = await serve(bus);
    stops.push(() => shut(server));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
    const client = new ResumingClient(`${url}?lastEventId=0`);
    stops.push(() => client.stop());
    for (let n = 1; n <= 20; n++) bus.publish(Agent.STEP, { n });
    await waitFor(() => client.lastEventId === `${bus.epoch}-20`, 'the first 20 events');
    server.closeAllConnections(); // the connection is cut; the server stays
    for (let n = 21; n <= 40; n++) bus.publish(Agent.STEP, { n });
    await waitFor(() => client.connections === 2 && client.lastEventId === `${bus.epoch}-40`, 'the events published while cut');
    expect(client.messages.filter((m) => m.event === 'STEP').map((m) => seqOfId(m.id))).toEqual(range(1, 40));
    expect(client.messages.some((m) => m.event?.startsWith('mesh-') === true)).toBe(false);
  });
});
