/**
 * Emit to weak (`{ weak: true }`) and owner-bound (`{ owner }`) receivers,
 * against the deref floor: a bare loop doing one `WeakRef.deref()` per receiver.
 */
import { Signal, type ConnectOptions } from '@mesh/signals';
import { derefFloor } from '../floors.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { Body, Candidate, Scenario } from '../harness/types.js';
import { PAYLOAD, SENDER, retain, signalReceivers, type Payload } from '../receivers.js';

type Hold = 'strong' | 'weak' | 'owner';

/** `Signal.emit` with `count` receivers held as `hold` says; each owner-bound receiver has its own owner. */
function meshEmit(count: number, hold: Hold): Candidate {
  return {
    name: `@mesh Signal.emit, ${hold}`,
    role: 'subject',
    setup(): Body {
      const signal = new Signal<Payload>();
      const fns = signalReceivers(count);
      const owners = fns.map(() => ({}));
      fns.forEach((fn, i) => {
        const options: ConnectOptions<unknown> | undefined =
          hold === 'weak' ? { weak: true } : hold === 'owner' ? { owner: owners[i]! } : undefined;
        signal.connect(fn, options);
      });
      // The bench holds receivers and owners, so nothing is collected while timed.
      retain([fns, owners]);
      return (n) => {
        for (let k = 0; k < n; k++) signal.emit(SENDER, PAYLOAD);
      };
    },
  };
}

function weakScenario(count: number): Scenario {
  return {
    id: `weak-${count}`,
    title: `Weak and owner-bound receivers, ${count} receiver${count === 1 ? '' : 's'}`,
    kind: 'throughput',
    baseline: fixedBaseline('floor: deref loop'),
    about:
      `One emit calls ${count} distinct receiver${count === 1 ? '' : 's'} held through a \`WeakRef\` (weak) or kept alive by an owner object (owner, one owner per receiver); ` +
      'the strong row is for reference. Receivers and owners stay reachable, so nothing is collected while timed.',
    run: (context) =>
      measureCandidates(
        [meshEmit(count, 'weak'), meshEmit(count, 'owner'), derefFloor(count, SENDER, PAYLOAD), meshEmit(count, 'strong')],
        context,
      ),
  };
}

/** `weak-1`, `weak-10`, `weak-100`. */
export const weakScenarios: readonly Scenario[] = [1, 10, 100].map(weakScenario);
