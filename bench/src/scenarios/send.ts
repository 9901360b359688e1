/**
 * `Signal.send` (which returns `[receiver, result]` pairs) with 1, 10 and 100
 * receivers, against the pairs floor: the bare loop that builds the same array.
 */
import { Signal } from '@mesh/signals';
import { eachFloor, pairsFloor } from '../floors.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { Body, Candidate, Scenario } from '../harness/types.js';
import { PAYLOAD, SENDER, keep, signalReceivers, type Payload } from '../receivers.js';

/** `Signal.send` with `count` strong receivers; each result array is kept, as the floor's is. */
function meshSend(count: number): Candidate {
  return {
    name: '@mesh Signal.send',
    role: 'subject',
    setup(): Body {
      const signal = new Signal<Payload, unknown, number>();
      for (const fn of signalReceivers(count)) signal.connect(fn);
      return (n) => {
        for (let k = 0; k < n; k++) keep(signal.send(SENDER, PAYLOAD));
      };
    },
  };
}

function sendScenario(count: number): Scenario {
  return {
    id: `send-${count}`,
    title: `Signal.send, ${count} receiver${count === 1 ? '' : 's'}`,
    kind: 'throughput',
    baseline: fixedBaseline('floor: pairs loop'),
    about:
      `One send calls ${count} distinct receiver${count === 1 ? '' : 's'} and returns a new array of \`[receiver, result]\` pairs; ` +
      'both it and the pairs floor store the array in a module variable so the allocation cannot be elided.',
    run: (context) =>
      measureCandidates(
        [
          meshSend(count),
          pairsFloor(count, SENDER, PAYLOAD),
          eachFloor('floor: bare loop (no pairs)', () => signalReceivers(count), SENDER, PAYLOAD),
        ],
        context,
      ),
  };
}

/** `send-1`, `send-10`, `send-100`. */
export const sendScenarios: readonly Scenario[] = [1, 10, 100].map(sendScenario);
