/**
 * Heap per history event: buses keeping 10k events, after 10k publishes of a
 * small payload each, against the floor: the same frozen event objects in
 * rings of 10k. Payloads are made before the first reading, so the figure is
 * what the bus adds per event (event object, id, slot), not the payload.
 */
import { EventBus } from '@mesh/bus';
import { BenchEvents, TICK, type BenchMap } from '../bus-events.js';
import { publishFloor, type FloorPublish } from '../bus-floors.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureHeapCandidates, type HeapCandidate } from '../harness/heap.js';
import type { Scenario } from '../harness/types.js';
import type { Payload } from '../receivers.js';

/** Events each bus keeps and is published. */
const EVENTS = 10_000;
/** Buses (and floor rings) per reading: ten, so the figure stands well above the heap's own noise. */
const COPIES = 10;

/** One small payload per event, for each copy. */
function payloads(): Payload[][] {
  return Array.from({ length: COPIES }, () => Array.from({ length: EVENTS }, (_, i) => ({ n: i })));
}

/** A bus keeping {@link EVENTS} events, with every payload of `data` published on it. */
function filledBus(data: readonly Payload[]): EventBus<BenchMap> {
  const bus = new EventBus(BenchEvents, { historyLimit: EVENTS });
  for (const payload of data) bus.publish(TICK, payload);
  return bus;
}

/** The publish floor with a ring of {@link EVENTS}, with every payload of `data` published through it. */
function filledFloor(data: readonly Payload[]): FloorPublish {
  const publish = publishFloor(EVENTS, () => undefined);
  for (const payload of data) publish(TICK, payload);
  return publish;
}

/** Fills a small bus and ring once, so the code they run is compiled before the first reading. */
function warmUp(): void {
  const data = Array.from({ length: 100 }, (_, i) => ({ n: i }));
  filledBus(data);
  filledFloor(data);
}

const CANDIDATES: readonly HeapCandidate[] = [
  {
    name: '@mesh/bus, historyLimit 10k',
    role: 'subject',
    prepare() {
      warmUp();
      const data = payloads();
      return () => [data.map(filledBus), data];
    },
  },
  {
    name: 'floor: frozen events in a ring of 10k',
    role: 'floor',
    prepare() {
      warmUp();
      const data = payloads();
      return () => [data.map(filledFloor), data];
    },
  },
];

export const historyHeapScenario: Scenario = {
  id: 'bus-heap',
  title: 'Heap per history event',
  kind: 'heap',
  per: 'event',
  baseline: fixedBaseline('floor: frozen events in a ring of 10k'),
  about:
    `Buses with \`historyLimit\` ${EVENTS.toLocaleString('en-US')} and no subscriber, each after ${EVENTS.toLocaleString('en-US')} publishes of its own \`{ n }\` payloads, in a child run with \`--expose-gc\`: ` +
    `growth of \`process.memoryUsage().heapUsed\` across two full collections while ${COPIES} such buses are made, divided by their ${(COPIES * EVENTS).toLocaleString('en-US')} events ` +
    `(ten copies keep the figure well above the heap's noise; it is the same per-event figure as one bus's). ` +
    'Payloads exist before the first reading, and the code runs once on a small bus first, so neither is counted; the figure is the event object, its id string and its history slot, plus the bus itself spread over its events. ' +
    "The floor keeps the publish floor's frozen twelve-field events in rings of 10k.",
  run: (context) => measureHeapCandidates(CANDIDATES, COPIES * EVENTS, context),
};
