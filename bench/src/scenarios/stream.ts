/**
 * Stream throughput: events per second from a publisher to one `for await`
 * reader that keeps up. The publisher publishes in batches and yields one
 * macrotask after each, so the reader (all microtasks) drains the batch
 * before the next; the body checks the reader got every event and none was
 * dropped. Timed through the async path.
 */
import { FROZEN_PAYLOAD, TICK, benchBus } from '../bus-events.js';
import { AsyncQueue, publishFloor, type FloorEvent } from '../bus-floors.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { AsyncBody, Candidate, Scenario } from '../harness/types.js';
import { primeBus } from '../prime-bus.js';
import { BATCH, pumped } from '../pump.js';
import { eventHandlers } from '../receivers.js';

/** What a background reader has taken so far. */
interface Reader {
  received: number;
}

/** Reads `source` in the background with `for await`, calling `handler` with each item and counting them. */
function readInBackground<T>(source: AsyncIterable<T>, handler: (item: T) => void): Reader {
  const reader: Reader = { received: 0 };
  void (async () => {
    for await (const item of source) {
      handler(item);
      reader.received++;
    }
  })();
  return reader;
}

/** A check that throws if the reader fell behind or `dropped` says events were lost. */
function keptUp(reader: Reader, dropped: () => number): (sent: number) => void {
  return (sent) => {
    if (reader.received !== sent || dropped() !== 0) {
      throw new Error(`the stream reader fell behind: ${reader.received} of ${sent} events read, ${dropped()} dropped`);
    }
  };
}

/** `bus.stream()` (default buffer of 1000) read with `for await`; the bus has no other subscriber. */
const meshStream: Candidate = {
  name: '@mesh/bus stream (for await)',
  role: 'subject',
  async: true,
  setup(): AsyncBody {
    const bus = benchBus(0);
    const stream = bus.stream();
    const handler = eventHandlers(1)[0]!;
    const reader = readInBackground(stream, (event) => {
      if (event.type === TICK) handler(event);
    });
    return pumped(() => bus.publish(TICK, FROZEN_PAYLOAD), keptUp(reader, () => stream.dropped));
  },
};

/** The publish floor handing each event to an {@link AsyncQueue} read with `for await`. */
const queueFloor: Candidate = {
  name: 'floor: publish + async queue',
  role: 'floor',
  async: true,
  setup(): AsyncBody {
    const queue = new AsyncQueue<Readonly<FloorEvent>>();
    const publish = publishFloor(1000, (event) => queue.push(event));
    const reader = readInBackground(queue, eventHandlers(1)[0]!);
    return pumped(() => publish(TICK, FROZEN_PAYLOAD), keptUp(reader, () => 0));
  },
};

export const streamScenario: Scenario = {
  id: 'bus-stream',
  title: 'Stream throughput, one reader that keeps up',
  kind: 'throughput',
  baseline: fixedBaseline('floor: publish + async queue'),
  prime: primeBus,
  about:
    `One op is one event from \`publish\` to a \`for await\` reader of \`bus.stream()\` (default buffer of 1000), so ops/s is events/s. The publisher publishes batches of ${BATCH} and yields one macrotask (\`setImmediate\`) after each, ` +
    'in which the reader drains the batch; the body fails if any event is dropped or unread. ' +
    'The floor is the publish floor pushing into a minimal unbounded async queue. ' +
    "emittery's `events()` iterator is not compared: emittery 2 builds it on `Promise.withResolvers`, which Node 20 lacks.",
  run: (context) => measureCandidates([meshStream, queueFloor], context),
};
