/**
 * Sender-specific dispatch: 100 distinct object senders, each with one
 * receiver connected for it (and, in the `-any` variant, one receiver for
 * ANY), emitting from one of them. The peers have no senders; the nearest
 * equivalent is eventemitter3 with one event name per sender.
 */
import { Signal } from '@mesh/signals';
import { EventEmitter as EventEmitter3 } from 'eventemitter3';
import { eachFloor } from '../floors.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { Body, Candidate, Scenario } from '../harness/types.js';
import { PAYLOAD, listeners, retain, signalReceivers, type Payload } from '../receivers.js';

const SENDERS = 100;
/** The sender every timed emit comes from. */
const CHOSEN = 42;

/** `Signal.emit(sender)`: one receiver per sender, plus one ANY receiver when `withAny`. */
function meshBySender(withAny: boolean): Candidate {
  return {
    name: '@mesh Signal.emit(sender)',
    role: 'subject',
    setup(): Body {
      const signal = new Signal<Payload>();
      const senders = Array.from({ length: SENDERS }, (_, i) => ({ id: i }));
      const fns = signalReceivers(SENDERS + 1);
      if (withAny) signal.connect(fns[SENDERS]!);
      senders.forEach((sender, i) => signal.connect(fns[i]!, { sender }));
      const sender = senders[CHOSEN]!;
      retain(senders); // no sender-specific list may be collected while timed
      return (n) => {
        for (let k = 0; k < n; k++) signal.emit(sender, PAYLOAD);
      };
    },
  };
}

/** eventemitter3 with one event name per sender; with `withAny`, one shared listener on every name too. */
function eventemitter3ByName(withAny: boolean): Candidate {
  return {
    name: 'eventemitter3, 100 event names',
    role: 'peer',
    setup(): Body {
      const ee = new EventEmitter3();
      const fns = listeners(SENDERS + 1);
      for (let i = 0; i < SENDERS; i++) {
        if (withAny) ee.on(`sender-${i}`, fns[SENDERS]!);
        ee.on(`sender-${i}`, fns[i]!);
      }
      const name = `sender-${CHOSEN}`;
      return (n) => {
        for (let k = 0; k < n; k++) ee.emit(name, PAYLOAD);
      };
    },
  };
}

function senderScenario(withAny: boolean): Scenario {
  const calls = withAny ? 2 : 1;
  return {
    id: withAny ? 'sender-100-any' : 'sender-100',
    title: `Sender-specific emit, 100 senders${withAny ? ' + 1 ANY receiver' : ''}`,
    kind: 'throughput',
    baseline: fixedBaseline('eventemitter3, 100 event names'),
    about:
      `100 distinct object senders each have one receiver connected for them${withAny ? ', and one receiver is connected for ANY' : ''}; ` +
      `each emit comes from the same one of them and calls ${calls} receiver${calls === 1 ? '' : 's'}. ` +
      `The floor is the bare loop making the same ${calls} call${calls === 1 ? '' : 's'}; eventemitter3 uses one event name per sender` +
      `${withAny ? ', with the shared listener added to every name' : ''}.`,
    run: (context) =>
      measureCandidates(
        [
          meshBySender(withAny),
          eachFloor(`floor: bare loop, ${calls} call${calls === 1 ? '' : 's'}`, () => signalReceivers(calls), {}, PAYLOAD),
          eventemitter3ByName(withAny),
        ],
        context,
      ),
  };
}

/** `sender-100` and `sender-100-any`. */
export const senderScenarios: readonly Scenario[] = [senderScenario(false), senderScenario(true)];
