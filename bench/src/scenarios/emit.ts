/**
 * `Signal.emit` with 1, 10 and 100 strong receivers, against the peers and the
 * bare-loop floor. Every candidate calls the same receiver bodies.
 */
import { Signal } from '@mesh/signals';
import { eachFloor } from '../floors.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { Body, Candidate, Scenario } from '../harness/types.js';
import { PEERS } from '../peers.js';
import { PAYLOAD, SENDER, signalReceivers, type Payload } from '../receivers.js';

/** `Signal.emit` with `count` strong receivers connected for ANY. */
function meshEmit(count: number): Candidate {
  return {
    name: '@mesh Signal.emit',
    role: 'subject',
    setup(): Body {
      const signal = new Signal<Payload>();
      for (const fn of signalReceivers(count)) signal.connect(fn);
      return (n) => {
        for (let k = 0; k < n; k++) signal.emit(SENDER, PAYLOAD);
      };
    },
  };
}

function emitScenario(count: number): Scenario {
  return {
    id: `emit-${count}`,
    title: `Signal.emit, ${count} strong receiver${count === 1 ? '' : 's'}`,
    kind: 'throughput',
    baseline: fixedBaseline('eventemitter3'),
    about:
      `One emit calls ${count} distinct receiver${count === 1 ? '' : 's'} with a \`{ n }\` payload; ops/s counts emits. ` +
      'EventTarget dispatches one reused `CustomEvent` (payload in `detail`), since allocating an event per dispatch is a cost of the caller.',
    run: (context) =>
      measureCandidates(
        [
          meshEmit(count),
          eachFloor('floor: bare loop', () => signalReceivers(count), SENDER, PAYLOAD),
          ...PEERS.map((peer) => peer.emitCandidate(count)),
        ],
        context,
      ),
  };
}

/** `emit-1`, `emit-10`, `emit-100`. */
export const emitScenarios: readonly Scenario[] = [1, 10, 100].map(emitScenario);
