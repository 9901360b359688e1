import { ScopedEventBus } from '@mesh/scoped';
import { UnknownEventTypeError } from '@mesh/bus';
import { describe, expect, test } from 'vitest';
import { sseHandler } from '../src/index.js';
import { Agent, makeBus } from './fixtures.js';
import { SseClient, seqOfId } from './sse-reader.js';

const seqsOf = (client: SseClient) => client.seqs;

describe('@mesh/http SSE protocol (packages/http/README.md, Rules)', () => {
  test('rule 1: each event is one message: id = <epoch>-<seq>, event = type, data = the event as JSON', async () => {
    const { bus } = makeBus();
    const client = await SseClient.open(sseHandler(bus));
    expect(client.response.status).toBe(200);
    expect(client.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(client.response.headers.get('cache-control')).toContain('no-cache');
    bus.publish(Agent.STEP, { n: 1, text: 'line one\nline two' }, { runId: 'r1', lane: 'planner', source: 'agent', metadata: { model: 'm' } });
    bus.publish(Agent.RUN_FINISHED, { ok: true }, { runId: 'r1' });
    await client.until((c) => c.events.length === 2);
    const stored = bus.history();
    expect(client.events.map((m) => [m.id, m.event])).toEqual(stored.map((e) => [`${bus.epoch}-${e.seq}`, e.type]));
    expect(client.events.map((m) => JSON.parse(m.data!))).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(JSON.parse(client.events[0]!.data!)).toMatchObject({ data: { text: 'line one\nline two' }, lane: 'planner', laneSeq: 1, metadata: { model: 'm' } });
    client.disconnect();
  });

  test('rule 1: a payload JSON cannot carry becomes a mesh-error message with the seq; BigInts travel as strings', async () => {
    const { bus } = makeBus({ historyLimit: 10 });
    const client = await SseClient.open(sseHandler(bus));
    const cyclic: { n: number; self?: unknown } = { n: 1 };
    cyclic.self = cyclic;
    bus.publish(Agent.STEP, cyclic);
    bus.publish(Agent.STEP, { n: 2, text: 10n as unknown as string });
    await client.until((c) => c.messages.filter((m) => m.id !== undefined).length === 2);
    expect(client.control<{ seq: number; type: string; error: string }>('mesh-error')).toEqual([{ seq: 1, type: 'STEP', error: expect.stringMatching(/circular/i) }]);
    expect(client.events.map((m) => JSON.parse(m.data!).data)).toEqual([{ n: 2, text: '10' }]);
    client.disconnect();
  });

  test('rule 2: without an id a client gets only the events published after it connected', async () => {
    const { bus } = makeBus();
    bus.publish(Agent.STEP, { n: 1 });
    const client = await SseClient.open(sseHandler(bus));
    bus.publish(Agent.STEP, { n: 2 });
    await client.until((c) => c.events.length === 1);
    expect(seqsOf(client)).toEqual([2]);
    client.disconnect();
  });

  test('rule 2: Last-Event-ID resume across 3 forced reconnects, publishing while disconnected: every event exactly once, in order', async () => {
    const { bus } = makeBus();
    const handler = sseHandler(bus);
    let n = 0;
    const publish = (count: number) => {
      for (let i = 0; i < count; i++) bus.publish(Agent.STEP, { n: ++n });
    };
    const seen: number[] = [];
    let lastId: string | undefined;
    for (let connection = 0; connection < 4; connection++) {
      const client = await SseClient.open(handler, lastId === undefined ? {} : { lastEventId: lastId });
      publish(25);
      await client.until((c) => c.events.length > 0 && seqOfId(c.events.at(-1)!.id) === n);
      seen.push(...seqsOf(client));
      lastId = client.events.at(-1)!.id;
      client.disconnect();
      publish(10); // while no client is connected
    }
    const final = await SseClient.open(handler, { lastEventId: lastId! });
    await final.until((c) => c.events.length === 10);
    seen.push(...seqsOf(final));
    expect(seen).toEqual(bus.history().map((e) => e.seq));
    expect(new Set(seen).size).toBe(n);
    expect(final.control('mesh-gap')).toEqual([]);
    final.disconnect();
  });

  test('rule 2: ?lastEventId=0 gets everything history holds, then live events; the header wins over the query', async () => {
    const { bus } = makeBus();
    for (let n = 1; n <= 3; n++) bus.publish(Agent.STEP, { n });
    const handler = sseHandler(bus);
    const everything = await SseClient.open(handler, { url: 'http://mesh.test/events?lastEventId=0' });
    bus.publish(Agent.STEP, { n: 4 });
    await everything.until((c) => c.events.length === 4);
    expect(seqsOf(everything)).toEqual([1, 2, 3, 4]);
    const both = await SseClient.open(handler, { url: 'http://mesh.test/events?lastEventId=0', lastEventId: '3' });
    bus.publish(Agent.STEP, { n: 5 });
    await both.until((c) => c.events.length === 2);
    expect(seqsOf(both)).toEqual([4, 5]);
    everything.disconnect();
    both.disconnect();
  });

  test('rule 2: mesh-gap when history has evicted events after the client\'s id, then what history holds', async () => {
    const { bus } = makeBus({ historyLimit: 5 });
    for (let n = 1; n <= 20; n++) bus.publish(Agent.STEP, { n });
    const client = await SseClient.open(sseHandler(bus), { lastEventId: '3' });
    await client.until((c) => c.events.length === 5);
    expect(client.messages.filter((m) => m.event !== undefined)[0]).toMatchObject({ event: 'mesh-gap' });
    expect(client.control('mesh-gap')).toEqual([{ from: 4, to: 15 }]);
    expect(seqsOf(client)).toEqual([16, 17, 18, 19, 20]);
    const current = await SseClient.open(sseHandler(bus), { lastEventId: '15' });
    bus.publish(Agent.STEP, { n: 21 });
    await current.until((c) => c.events.length === 6);
    expect(current.control('mesh-gap')).toEqual([]);
    client.disconnect();
    current.disconnect();
  });

  test('rule 2: seqs a bus never recorded (a child\'s local events, on the root) are no gap', async () => {
    const root = ScopedEventBus.root(Agent, { historyLimit: 100 });
    const child = root.child('run-1');
    root.publish(Agent.STEP, { n: 1 });
    child.publish(Agent.STEP, { n: 2 }, { propagate: false });
    child.publish(Agent.STEP, { n: 3 });
    child.publish(Agent.STEP, { n: 4 }, { propagate: false });
    const client = await SseClient.open(sseHandler(root), { lastEventId: '1' });
    root.publish(Agent.STEP, { n: 5 });
    await client.until((c) => c.events.length === 2);
    expect(client.control('mesh-gap')).toEqual([]);
    expect(client.events.map((m) => JSON.parse(m.data!))).toEqual([
      expect.objectContaining({ seq: 3, scope: 'root/run-1', data: { n: 3 } }),
      expect.objectContaining({ seq: 5, scope: 'root', data: { n: 5 } }),
    ]);
    client.disconnect();
  });

  test('rule 2: a malformed id is treated as no id, with a comment saying so', async () => {
    const { bus } = makeBus();
    bus.publish(Agent.STEP, { n: 1 });
    for (const bad of ['abc', '-1', '1.5', '1e3', '99999999999999999999', '7 8']) {
      const client = await SseClient.open(sseHandler(bus), { lastEventId: bad });
      const seq = bus.publish(Agent.STEP, { n: 2 });
      await client.until((c) => c.events.length === 1);
      expect(seqsOf(client)).toEqual([bus.history().at(-1)!.seq]);
      expect(typeof seq).toBe('string');
      expect(client.messages.flatMap((m) => m.comments).join('\n')).toContain(`malformed Last-Event-ID ${JSON.stringify(bad)} ignored`);
      client.disconnect();
    }
    const viaQuery = await SseClient.open(sseHandler(bus), { url: 'http://mesh.test/?lastEventId=x%0Aevent:%20fake' });
    bus.publish(Agent.STEP, { n: 3 });
    await viaQuery.until((c) => c.events.length === 1);
    expect(viaQuery.messages.some((m) => m.event === 'fake')).toBe(false);
    expect(viaQuery.messages.flatMap((m) => m.comments).join('\n')).toContain('malformed Last-Event-ID');
    viaQuery.disconnect();
  });

  test('rule 3: a stalled client never slows the bus: bounded queue, mesh-dropped counts, the terminal event arrives', async () => {
    const { bus } = makeBus();
    const client = await SseClient.open(sseHandler(bus, { bufferSize: 10 }));
    for (let n = 1; n <= 100; n++) bus.publish(Agent.STEP, { n });
    bus.publish(Agent.RUN_FINISHED, { ok: true });
    for (let n = 101; n <= 150; n++) bus.publish(Agent.STEP, { n });
    await client.until((c) => c.events.length > 0 && seqOfId(c.events.at(-1)!.id) === 151);
    const received = seqsOf(client);
    const dropped = client.control<{ dropped: number }>('mesh-dropped').reduce((sum, m) => sum + m.dropped, 0);
    expect(dropped).toBeGreaterThan(0);
    expect(received.length + dropped).toBe(151);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(client.events.some((m) => m.event === 'RUN_FINISHED')).toBe(true);
    // Drops are told before the events that follow them: the first notice comes before the first event after the first gap.
    const firstGap = received.findIndex((seq, i) => i > 0 && seq !== received[i - 1]! + 1);
    const firstNotice = client.messages.findIndex((m) => m.event === 'mesh-dropped');
    expect(firstNotice).toBeLessThan(client.messages.indexOf(client.events[firstGap]!));
    client.disconnect();
  });

  test('rule 3: a client that goes away frees its subscription at once', async () => {
    const { bus } = makeBus();
    const before = bus.subscriberCount;
    const handler = sseHandler(bus);
    const aborted = await SseClient.open(handler);
    expect(bus.subscriberCount).toBe(before + 1);
    aborted.disconnect();
    expect(bus.subscriberCount).toBe(before);
    const cancelled = await SseClient.open(handler);
    await cancelled.cancel();
    expect(bus.subscriberCount).toBe(before);
  });

  test('rule 3: heartbeats are comment lines sent while nothing else is', async () => {
    const { bus } = makeBus();
    const client = await SseClient.open(sseHandler(bus, { heartbeatMs: 10 }));
    await client.until((c) => c.messages.filter((m) => m.comments.includes('heartbeat')).length >= 2);
    expect(client.events).toEqual([]);
    client.disconnect();
  });

  test('rule 4: only public events leave by default, and with a filter that has no visibility', async () => {
    const { bus } = makeBus();
    const plain = await SseClient.open(sseHandler(bus));
    const filtered = await SseClient.open(sseHandler(bus, { filter: { types: ['STEP', 'TOOL_CALL', 'TRACE'] } }));
    const internal = await SseClient.open(sseHandler(bus, { filter: { visibility: 'internal' } }));
    const debug = await SseClient.open(sseHandler(bus, { filter: { visibility: 'debug' } }));
    bus.publish(Agent.TOOL_CALL, { tool: 'search' });
    bus.publish(Agent.TRACE, 42);
    bus.publish(Agent.STEP, { n: 1 }, { visibility: 'debug' });
    bus.publish(Agent.STEP, { n: 2 });
    await debug.until((c) => c.events.length === 4);
    await plain.until((c) => c.events.length === 1);
    await filtered.until((c) => c.events.length === 1);
    await internal.until((c) => c.events.length === 2);
    expect(plain.seqs).toEqual([4]);
    expect(filtered.seqs).toEqual([4]);
    expect(internal.events.map((m) => m.event)).toEqual(['TOOL_CALL', 'STEP']);
    expect(debug.seqs).toEqual([1, 2, 3, 4]);
    // History replay obeys the same filter.
    const replayed = await SseClient.open(sseHandler(bus), { lastEventId: '0' });
    await replayed.until((c) => c.events.length === 1);
    expect(replayed.seqs).toEqual([4]);
    for (const client of [plain, filtered, internal, debug, replayed]) client.disconnect();
  });

  test('authorize: false (or a promise of false) answers 403 and streams nothing', async () => {
    const { bus } = makeBus();
    const before = bus.subscriberCount;
    const seen: string[] = [];
    const handler = sseHandler(bus, {
      authorize: (request) => {
        seen.push(request.headers.get('authorization') ?? '');
        return request.headers.get('authorization') === 'Bearer ok';
      },
    });
    const denied = await handler(new Request('http://mesh.test/events'));
    expect(denied.status).toBe(403);
    expect(await denied.text()).not.toContain('data:');
    expect(bus.subscriberCount).toBe(before);
    const asyncDenied = await sseHandler(bus, { authorize: async () => false })(new Request('http://mesh.test/events'));
    expect(asyncDenied.status).toBe(403);
    const allowed = await SseClient.open(handler, { headers: { authorization: 'Bearer ok' } });
    expect(allowed.response.status).toBe(200);
    expect(seen).toEqual(['', 'Bearer ok']);
    allowed.disconnect();
  });

  test('the stream ends after its queued events when the bus closes; later requests get 503', async () => {
    const { bus } = makeBus();
    const handler = sseHandler(bus);
    const client = await SseClient.open(handler);
    bus.publish(Agent.STEP, { n: 1 });
    bus.close();
    await client.toEnd();
    expect(client.ended).toBe(true);
    expect(seqsOf(client)).toEqual([1]);
    expect((await handler(new Request('http://mesh.test/events'))).status).toBe(503);
  });

  test('a scoped bus streams its subtree', async () => {
    const root = ScopedEventBus.root(Agent);
    const client = await SseClient.open(sseHandler(root.child('wf')));
    root.child('other').publish(Agent.STEP, { n: 0 });
    root.children[0]!.child('node-1').publish(Agent.STEP, { n: 1 });
    await client.until((c) => c.events.length === 1);
    expect(JSON.parse(client.events[0]!.data!)).toMatchObject({ scope: 'root/wf/node-1', data: { n: 1 } });
    client.disconnect();
  });
});

describe('@mesh/http bad input (rule 5)', () => {
  test('a request that is not GET gets 405 with Allow: GET, and nothing is subscribed', async () => {
    const { bus } = makeBus();
    const handler = sseHandler(bus);
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
      const response = await handler(new Request('http://mesh.test/events', { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    }
    expect(bus.subscriberCount).toBe(0);
  });

  test('sseHandler given something that is not a bus throws a TypeError', () => {
    for (const bad of [undefined, null, {}, 'bus', { stream() {} }, Agent]) {
      expect(() => sseHandler(bad as never)).toThrow(TypeError);
      expect(() => sseHandler(bad as never)).toThrow(/^sseHandler: expected an EventBus or a ScopedEventBus, got /);
    }
  });

  test('bad options name the problem', () => {
    const { bus } = makeBus();
    expect(() => sseHandler(bus, null as never)).toThrow(TypeError);
    expect(() => sseHandler(bus, { bufferSize: 0 })).toThrow(/^sseHandler: bufferSize must be a positive integer, got number 0$/);
    expect(() => sseHandler(bus, { bufferSize: 1.5 })).toThrow(RangeError);
    expect(() => sseHandler(bus, { heartbeatMs: -1 })).toThrow(/heartbeatMs must be a positive number/);
    expect(() => sseHandler(bus, { heartbeatMs: Infinity })).toThrow(RangeError);
    expect(() => sseHandler(bus, { authorize: 'yes' as never })).toThrow(/authorize/);
    expect(() => sseHandler(bus, { filter: { sinceSeq: 3 } as never })).toThrow(/sinceSeq is set per client/);
    expect(() => sseHandler(bus, { filter: { types: ['NOPE'] } })).toThrow(UnknownEventTypeError);
    expect(() => sseHandler(bus, { filter: { visibility: 'secret' as never } })).toThrow(TypeError);
    expect(bus.subscriberCount).toBe(0);
  });
});
