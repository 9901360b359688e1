/**
 * Subscribe/unsubscribe churn next to 1k, 10k and 100k existing
 * subscriptions, in two patterns: `newest` connects a receiver and disconnects
 * it at once; `oldest` (FIFO) disconnects the oldest subscription and connects
 * a new one. One op is one connect plus one disconnect.
 */
import { Signal, type Subscription } from '@mesh/signals';
import { EventEmitter as EventEmitter3 } from 'eventemitter3';
import { sizeLabel } from '../harness/format.js';
import { measureCandidates } from '../harness/timed.js';
import type { Baseline, Body, Candidate, Scenario } from '../harness/types.js';
import { listeners, signalReceivers, type Payload } from '../receivers.js';

/** Existing subscriptions. */
export const CHURN_SIZES = [1_000, 10_000, 100_000] as const;
type Pattern = 'newest' | 'oldest';
const SPARES = 64;

/** The series (row of the scaling table) of a library and pattern. */
export function churnSeries(library: '@mesh Signal' | 'eventemitter3', pattern: Pattern): string {
  return `${library}, ${pattern}`;
}

function candidate(library: '@mesh Signal' | 'eventemitter3', pattern: Pattern, size: number, setup: () => Body): Candidate {
  const series = churnSeries(library, pattern);
  return { name: `${series}, ${sizeLabel(size)}`, role: library === 'eventemitter3' ? 'peer' : 'subject', series, size, setup };
}

/** `Signal`: connect, then call the returned token. */
function meshNewest(size: number): Body {
  const signal = new Signal<Payload>();
  for (const fn of signalReceivers(size)) signal.connect(fn);
  const spares = signalReceivers(SPARES);
  return (n) => {
    for (let k = 0; k < n; k++) signal.connect(spares[k % SPARES]!)();
  };
}

/** `Signal`: call the oldest token, connect the receiver that was dropped longest ago. */
function meshOldest(size: number): Body {
  const signal = new Signal<Payload>();
  const pool = signalReceivers(size + 1);
  const tokens: Subscription[] = pool.slice(0, size).map((fn) => signal.connect(fn));
  let head = 0; // tokens[head] is the oldest; pool[(head + size) % (size + 1)] is free
  return (n) => {
    for (let k = 0; k < n; k++) {
      tokens[head]!();
      const free = head === 0 ? size : head - 1;
      tokens[free] = signal.connect(pool[free]!);
      head = head === size ? 0 : head + 1;
    }
  };
}

/** eventemitter3: `on`, then `off` of the same listener. */
function eeNewest(size: number): Body {
  const ee = new EventEmitter3();
  for (const fn of listeners(size)) ee.on('e', fn);
  const spares = listeners(SPARES);
  return (n) => {
    for (let k = 0; k < n; k++) {
      const fn = spares[k % SPARES]!;
      ee.on('e', fn);
      ee.off('e', fn);
    }
  };
}

/** eventemitter3: `off` the oldest listener, `on` the one dropped longest ago. */
function eeOldest(size: number): Body {
  const ee = new EventEmitter3();
  const pool = listeners(size + 1);
  for (let i = 0; i < size; i++) ee.on('e', pool[i]!);
  let head = 0;
  return (n) => {
    for (let k = 0; k < n; k++) {
      ee.off('e', pool[head]!);
      ee.on('e', pool[head === 0 ? size : head - 1]!);
      head = head === size ? 0 : head + 1;
    }
  };
}

/** Each row is compared with eventemitter3 in the same pattern and size. */
const vsEventemitter3: Baseline = {
  label: 'eventemitter3 (same pattern and size)',
  rowFor: (row) => row.name.replace(/^@mesh Signal,/, 'eventemitter3,'),
};

export const churnScenario: Scenario = {
  id: 'churn',
  title: 'Subscribe + unsubscribe churn',
  kind: 'scaling',
  baseline: vsEventemitter3,
  about:
    'One op is one connect plus one disconnect next to N existing subscriptions on the same signal (emitter event). ' +
    '`newest`: connect a receiver, then disconnect it (`@mesh`: call the returned token; eventemitter3: `on` then `off`). ' +
    '`oldest` (FIFO): disconnect the oldest subscription, then connect a new one, so N stays constant. No emit happens in between.',
  run: (context) =>
    measureCandidates(
      CHURN_SIZES.flatMap((size) => [
        candidate('@mesh Signal', 'newest', size, () => meshNewest(size)),
        candidate('@mesh Signal', 'oldest', size, () => meshOldest(size)),
        candidate('eventemitter3', 'newest', size, () => eeNewest(size)),
        candidate('eventemitter3', 'oldest', size, () => eeOldest(size)),
      ]),
      context,
    ),
};
