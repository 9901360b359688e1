/**
 * End-to-end throughput through Redis: events per second from `publish` on
 * bus A to delivery on bus B, each bus bridged to one stream by
 * `connectRedis`, against the floor of the same job done by hand with the
 * same client library: pipelined XADDs on one connection, each of a new
 * event serialized as it is sent (every event has its own id and time), and
 * a blocking XREAD loop on another connection that parses each entry.
 * The scenario starts its own redis-server.
 */
import { EventBus } from '@mesh/bus';
import { connectRedis, type RedisBridge } from '@mesh/redis';
import { startRedisServer } from '@mesh/redis-server';
import { createClient } from 'redis';
import { BenchEvents, FROZEN_PAYLOAD, TICK } from '../bus-events.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { AsyncBody, Candidate, RoundContext, RowResult, Scenario } from '../harness/types.js';

type Client = ReturnType<typeof createClient>;

/** Counts what arrives and wakes the body waiting for a count. */
class Arrivals {
  count = 0;
  #target = Infinity;
  #wake: (() => void) | undefined;

  /** One more arrived. */
  arrived(): void {
    if (++this.count >= this.#target) this.#wake?.();
  }

  /** Resolves once `target` have arrived in all. */
  until(target: number): Promise<void> {
    if (this.count >= target) return Promise.resolve();
    this.#target = target;
    return new Promise((resolve) => (this.#wake = resolve));
  }
}

/**
 * Events per op: a sample of about 1 ms would otherwise hold a few dozen events and mostly
 * measure one round trip's latency; bursts of this many (several ms each) measure throughput.
 */
export const BURST = 1000;

/** The body shared by both rows: send `n` bursts of events, then wait until the other side has them all. */
function endToEnd(send: (count: number) => void, arrivals: Arrivals): AsyncBody {
  let sent = 0;
  return async (n) => {
    send(n * BURST);
    sent += n * BURST;
    await arrivals.until(sent);
  };
}

/** Bus A -> Redis -> bus B, through two bridges on one stream; B counts deliveries. */
async function meshRow(url: string, stream: string): Promise<{ candidate: Candidate; close(): Promise<void> }> {
  const [a, b] = [new EventBus(BenchEvents), new EventBus(BenchEvents)];
  const bridges: RedisBridge[] = [await connectRedis(a, { url, stream }), await connectRedis(b, { url, stream })];
  const arrivals = new Arrivals();
  b.subscribe(TICK, () => arrivals.arrived());
  const publish = (n: number): void => {
    for (let i = 0; i < n; i++) a.publish(TICK, FROZEN_PAYLOAD);
  };
  return {
    candidate: { name: '@mesh/redis: publish on A, delivered on B', role: 'subject', async: true, setup: () => endToEnd(publish, arrivals) },
    close: async () => void (await Promise.all(bridges.map((bridge) => bridge.close()))),
  };
}

/** The name of the fixed-JSON row: the pipe alone, for reference (no producer of distinct events gets this far). */
const FIXED_JSON = 'for reference: raw XADD of one fixed JSON + blocking XREAD';

/**
 * The floor: raw XADD of each new event's JSON, and a blocking XREAD loop
 * that parses each entry; with `fixedJson`, every XADD sends one JSON string
 * made once (the reference row).
 */
async function floorRow(url: string, stream: string, fixedJson: boolean): Promise<{ candidate: Candidate; close(): Promise<void> }> {
  const writer: Client = createClient({ url });
  const reader: Client = writer.duplicate();
  await Promise.all([writer.connect(), reader.connect()]);
  const arrivals = new Arrivals();
  let open = true;
  const loop = (async () => {
    let after = '0-0'; // a fresh stream of a fresh server: from its start
    while (open) {
      const reply = (await reader.xRead({ key: stream, id: after }, { COUNT: 500, BLOCK: 1000 }).catch(() => null)) as { messages: { id: string; message: Record<string, string> }[] }[] | null;
      for (const entry of reply?.[0]?.messages ?? []) {
        JSON.parse(entry.message['event']!);
        after = entry.id;
        arrivals.arrived();
      }
    }
  })();
  // Replies come in order, so the newest XADD settling means every earlier one has.
  let newest: Promise<unknown> = Promise.resolve();
  let ids = 0;
  // The least an event needs on the wire: its own id and time, serialized once as it goes out.
  const eventJson = (): string =>
    JSON.stringify({ id: `floor-${++ids}`, type: TICK, data: FROZEN_PAYLOAD, timestamp: Date.now(), metadata: {}, visibility: 'public' });
  const fixed = eventJson();
  const send = (n: number): void => {
    for (let i = 0; i < n; i++) newest = writer.xAdd(stream, '*', { event: fixedJson ? fixed : eventJson() });
  };
  const name = fixedJson ? FIXED_JSON : 'floor: raw XADD + blocking XREAD';
  return {
    candidate: { name, role: 'floor', async: true, setup: () => endToEnd(send, arrivals) },
    close: async () => {
      open = false;
      reader.destroy();
      await loop;
      await newest; // no XADD may still be in flight when the writer goes
      writer.destroy();
    },
  };
}

async function run(context: RoundContext): Promise<RowResult[]> {
  const redis = await startRedisServer();
  const rows: { close(): Promise<void> }[] = [];
  try {
    const mesh = await meshRow(redis.url, 'bench-mesh');
    rows.push(mesh);
    const floor = await floorRow(redis.url, 'bench-floor', false);
    rows.push(floor);
    const fixed = await floorRow(redis.url, 'bench-fixed', true);
    rows.push(fixed);
    return await measureCandidates([mesh.candidate, floor.candidate, fixed.candidate], context);
  } finally {
    await Promise.all(rows.map((row) => row.close()));
    await redis.stop();
  }
}

export const redisScenario: Scenario = {
  id: 'redis-end-to-end',
  title: 'Through Redis: publish on bus A, delivered on bus B',
  kind: 'throughput',
  baseline: fixedBaseline('floor: raw XADD + blocking XREAD'),
  about:
    `One op is a burst of ${BURST} events, each from \`publish\` on bus A to its delivery on bus B, the buses bridged by \`connectRedis\` to one stream of a private redis-server on 127.0.0.1: events/s end to end = ${BURST} × ops/s. ` +
    'Each sample publishes its bursts at once and waits until B has delivered every event. The floor does the same job by hand with the same node-redis client: pipelined `XADD`s on one connection, each of a new event (its own id and time) serialized with `JSON.stringify` as it is sent, and a blocking `XREAD` loop that parses each entry on another. ' +
    `The row "${FIXED_JSON}" sends one JSON string made once for every event: the pipe alone, which no producer of distinct events reaches, shown for reference.`,
  run,
};
