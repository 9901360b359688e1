/**
 * Publish rate while a bus is streamed over Server-Sent Events: with no
 * client, with 10 clients that keep up, and with 10 stalled clients that
 * never read. A stalled client must not slow publishing down: its queue is
 * bounded and full, so each publish only drops its oldest queued event.
 * Clients are in-process Fetch clients of `sseHandler` (no sockets), so the
 * rows measure the bus and the handler, not the network.
 */
import { EventBus, defineEvents, event } from '@mesh/bus';
import { sseHandler } from '@mesh/http';
import { FROZEN_PAYLOAD, TICK, benchBus } from '../bus-events.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { AsyncBody, Candidate, Scenario } from '../harness/types.js';
import { primeBus } from '../prime-bus.js';
import { BATCH, pumped } from '../pump.js';
import type { Payload } from '../receivers.js';

/** A registry whose one event type is terminal: what ends a run, and what a stream must never let pile up. */
const TerminalEvents = defineEvents({ DONE: event<Payload>({ terminal: true }) });

/** Clients per row. */
const CLIENTS = 10;

/** Opens `count` SSE clients on `handler` and returns their bodies' readers. */
async function openClients(handler: (request: Request) => Promise<Response>, count: number): Promise<ReadableStreamDefaultReader<Uint8Array>[]> {
  const responses = await Promise.all(Array.from({ length: count }, () => handler(new Request('http://bench.local/events'))));
  return responses.map((response) => response.body!.getReader());
}

/** Reads a body to its end in the background, counting bytes. */
function drain(reader: ReadableStreamDefaultReader<Uint8Array>, counter: { bytes: number }): void {
  void (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) counter.bytes += chunk.value.byteLength;
  })();
}

/**
 * A row: a bus streamed to `clients` SSE clients, read (or not) as `mode`
 * says, publishing ordinary events or (`terminal`) terminal ones.
 */
export function sseRow(name: string, role: Candidate['role'], clients: number, mode: 'reading' | 'stalled', terminal = false): Candidate {
  return {
    name,
    role,
    async: true,
    setup(): AsyncBody {
      const handlerOptions = { heartbeatMs: 3_600_000 };
      let handler: (request: Request) => Promise<Response>;
      let publish: () => void;
      if (terminal) {
        const bus = new EventBus(TerminalEvents);
        handler = sseHandler(bus, handlerOptions);
        publish = () => void bus.publish(TerminalEvents.DONE, FROZEN_PAYLOAD);
      } else {
        const bus = benchBus(0);
        handler = sseHandler(bus, handlerOptions);
        publish = () => void bus.publish(TICK, FROZEN_PAYLOAD);
      }
      const counter = { bytes: 0 };
      let opened: ReadableStreamDefaultReader<Uint8Array>[] = [];
      const ready = openClients(handler, clients).then((readers) => {
        opened = readers;
        if (mode === 'reading') for (const reader of readers) drain(reader, counter);
      });
      const body = pumped(
        publish,
        () => {
          if (opened.length !== clients) throw new Error('the SSE clients were not connected');
          if (mode === 'reading' && clients > 0 && counter.bytes === 0) throw new Error('the reading clients received nothing');
        },
      );
      return async (n) => {
        await ready;
        await body(n);
      };
    },
  };
}

export const sseScenario: Scenario = {
  id: 'http-sse-publish',
  title: 'Publish rate with SSE clients: none, 10 reading, 10 stalled',
  kind: 'throughput',
  baseline: fixedBaseline(`publish, ${CLIENTS} SSE clients reading`),
  prime: primeBus,
  about:
    `One op is one \`bus.publish\` on a bus streamed by \`sseHandler\` (default per-client buffer of 1000). The publisher publishes batches of ${BATCH} and yields one macrotask after each. ` +
    `Rows: no client (the floor: what publishing costs before any client), ${CLIENTS} in-process clients reading their response bodies, and ${CLIENTS} clients that never read (their queues full, each publish drops their oldest event). ` +
    'The stalled row should be no slower than the reading row: a slow client never slows the bus.',
  run: (context) =>
    measureCandidates(
      [
        sseRow('publish, no SSE client', 'floor', 0, 'reading'),
        sseRow(`publish, ${CLIENTS} SSE clients reading`, 'subject', CLIENTS, 'reading'),
        sseRow(`publish, ${CLIENTS} SSE clients stalled`, 'subject', CLIENTS, 'stalled'),
      ],
      context,
    ),
};
