/**
 * Publish rate of terminal events while a bus is streamed over Server-Sent
 * Events to 20 clients that keep up, and to 20 stalled clients that never
 * read. Terminal events count towards a client's bound like any other
 * (@mesh/http rule 3): a stalled client's full queue drops its oldest terminal
 * event in O(1), so publishing costs the same however long the clients have
 * stalled. In-process Fetch clients of `sseHandler` (no sockets).
 */
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { Scenario } from '../harness/types.js';
import { primeBus } from '../prime-bus.js';
import { BATCH } from '../pump.js';
import { sseRow } from './sse.js';

/** Clients per row. */
const CLIENTS = 20;

export const sseTerminalScenario: Scenario = {
  id: 'http-sse-terminal',
  title: `Publish rate of terminal events with SSE clients: none, ${CLIENTS} reading, ${CLIENTS} stalled`,
  kind: 'throughput',
  baseline: fixedBaseline(`publish terminal, ${CLIENTS} SSE clients reading`),
  prime: primeBus,
  about:
    `One op is one \`bus.publish\` of a terminal event on a bus streamed by \`sseHandler\` (default per-client buffer of 1000). The publisher publishes batches of ${BATCH} and yields one macrotask after each. ` +
    `Rows: no client (the floor), ${CLIENTS} in-process clients reading their response bodies, and ${CLIENTS} clients that never read: their queues fill with terminal events, and from then on each publish drops each client's oldest terminal event. ` +
    'The stalled row should be no slower than the reading row: a queue of terminal events is bounded, and dropping from it costs O(1).',
  run: (context) =>
    measureCandidates(
      [
        sseRow('publish terminal, no SSE client', 'floor', 0, 'reading', true),
        sseRow(`publish terminal, ${CLIENTS} SSE clients reading`, 'subject', CLIENTS, 'reading', true),
        sseRow(`publish terminal, ${CLIENTS} SSE clients stalled`, 'subject', CLIENTS, 'stalled', true),
      ],
      context,
    ),
};
