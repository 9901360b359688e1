/**
 * `EventBus.publish` with history on (1000 events) and one subscriber,
 * against the publish floor and the plain emitters; and the same publish
 * with one guard that lets every event through, against none.
 */
import Emittery from 'emittery';
import { FROZEN_PAYLOAD, TICK, benchBus } from '../bus-events.js';
import { publishFloorCandidate } from '../bus-floors.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { AsyncBody, Body, Candidate, Scenario } from '../harness/types.js';
import { PEERS } from '../peers.js';
import { primeBus } from '../prime-bus.js';
import { eventHandlers, type Payload } from '../receivers.js';

/** `publish` on a bus with one subscriber and default history, with `guards` guards that pass every event. */
function meshPublish(name: string, guards: number): Candidate {
  return {
    name,
    role: 'subject',
    setup(): Body {
      const bus = benchBus(1);
      for (let i = 0; i < guards; i++) bus.addGuard((event) => (event.type === TICK ? undefined : `unexpected ${event.type}`));
      return (n) => {
        for (let k = 0; k < n; k++) bus.publish(TICK, FROZEN_PAYLOAD);
      };
    },
  };
}

/** emittery, whose `emit` returns a promise: each op awaits it (timed through the async path). */
const emittery: Candidate = {
  name: 'emittery (await emit)',
  role: 'peer',
  async: true,
  setup(): AsyncBody {
    const emitter = new Emittery<{ e: Payload }>();
    emitter.on('e', eventHandlers(1)[0]!);
    return async (n) => {
      for (let k = 0; k < n; k++) await emitter.emit('e', FROZEN_PAYLOAD);
    };
  },
};

const busPublish: Scenario = {
  id: 'bus-publish',
  title: 'EventBus.publish, history on, 1 subscriber',
  kind: 'throughput',
  baseline: fixedBaseline('floor: publish'),
  prime: primeBus,
  about:
    'One publish on a bus with the default history (1000 events), one subscriber and no middleware: the bus builds, freezes, stores and delivers the event. ' +
    'The publish floor builds a fresh frozen object with the same twelve fields (id from a prefix and a counter, `Date.now()`), appends it to a 1000-slot ring and calls one handler inside try/catch. ' +
    'mitt and eventemitter3 emit the payload to one listener; emittery awaits each `emit` (timed through the async path).',
  run: (context) =>
    measureCandidates(
      [
        meshPublish('@mesh/bus publish', 0),
        publishFloorCandidate('floor: publish', 1000),
        ...PEERS.filter((peer) => peer.name === 'eventemitter3' || peer.name === 'mitt').map((peer) => peer.emitCandidate(1)),
        emittery,
      ],
      context,
    ),
};

const busGuard: Scenario = {
  id: 'bus-guard',
  title: 'EventBus.publish with one guard',
  kind: 'throughput',
  baseline: fixedBaseline('@mesh/bus publish, no guard'),
  prime: primeBus,
  about:
    'The publish of `bus-publish`, with one guard added that lets every event through (returns `undefined`), against the same bus without it.',
  run: (context) =>
    measureCandidates([meshPublish('@mesh/bus publish, 1 guard', 1), meshPublish('@mesh/bus publish, no guard', 0)], context),
};

/** `bus-publish` and `bus-guard`. */
export const publishScenarios: readonly Scenario[] = [busPublish, busGuard];
