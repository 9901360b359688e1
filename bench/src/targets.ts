/**
 * The @mesh/signals targets. The bus targets will join as another list in
 * {@link TARGETS}.
 */
import { costAtMost, speedAtLeast, valueAtMost, type Target } from './harness/targets.js';

const GROUP = '@mesh/signals';
const plural = (n: number): string => `${n} receiver${n === 1 ? '' : 's'}`;

const emitTargets = [1, 10].flatMap((n) => [
  speedAtLeast({
    id: `emit-${n}-vs-eventemitter3`,
    group: GROUP,
    text: `Signal.emit, ${plural(n)}: ≥ 1.0× eventemitter3 ops/s`,
    scenario: `emit-${n}`,
    row: '@mesh Signal.emit',
    than: 'eventemitter3',
    thanLabel: 'eventemitter3',
    min: 1.0,
    ceiling: 'floor: bare loop',
  }),
  speedAtLeast({
    id: `emit-${n}-vs-mitt`,
    group: GROUP,
    text: `Signal.emit, ${plural(n)}: ≥ 2× mitt ops/s`,
    scenario: `emit-${n}`,
    row: '@mesh Signal.emit',
    than: 'mitt',
    thanLabel: 'mitt',
    min: 2.0,
    ceiling: 'floor: bare loop',
  }),
]);

const sendTargets = [1, 10, 100].map((n) =>
  costAtMost({
    id: `send-${n}-vs-pairs-floor`,
    group: GROUP,
    text: `Signal.send, ${plural(n)}: ≤ 1.3× the pairs floor's cost`,
    scenario: `send-${n}`,
    row: '@mesh Signal.send',
    than: 'floor: pairs loop',
    thanLabel: 'the pairs floor',
    max: 1.3,
  }),
);

const weakTargets = [1, 10, 100].flatMap((n) =>
  (['weak', 'owner'] as const).map((hold) =>
    costAtMost({
      id: `${hold}-${n}-vs-deref-floor`,
      group: GROUP,
      text: `Signal.emit, ${plural(n)} ${hold === 'weak' ? 'weak' : 'owner-bound'}: ≤ 1.3× the deref floor's cost`,
      scenario: `weak-${n}`,
      row: `@mesh Signal.emit, ${hold}`,
      than: 'floor: deref loop',
      thanLabel: 'the deref floor',
      max: 1.3,
    }),
  ),
);

const churnTargets = (['newest', 'oldest'] as const).map((pattern) =>
  costAtMost({
    id: `churn-${pattern}-growth`,
    group: GROUP,
    text: `Churn (${pattern}): per-op cost at 100k subscriptions ≤ 2× the cost at 1k`,
    scenario: 'churn',
    row: `@mesh Signal, ${pattern}, 100k`,
    than: `@mesh Signal, ${pattern}, 1k`,
    thanLabel: '1k',
    max: 2.0,
  }),
);

const heapTarget = valueAtMost({
  id: 'heap-per-subscription',
  group: GROUP,
  text: 'Heap per strong subscription (token dropped) ≤ 200 bytes',
  scenario: 'heap',
  row: '@mesh Signal.connect, token dropped',
  max: 200,
  unit: 'bytes',
});

/** Every target, in report order. */
export const TARGETS: readonly Target[] = [...emitTargets, ...sendTargets, ...weakTargets, ...churnTargets, heapTarget];
