/**
 * `ScopedEventBus.publish` on a bus 1, 3 and 10 levels below the root, with
 * one subscriber at the root, against `publish` on a plain bus with one
 * subscriber. Every bus of the tree keeps the default history.
 */
import { ScopedEventBus } from '@mesh/scoped';
import { BenchEvents, FROZEN_PAYLOAD, TICK, benchBus, type BenchMap } from '../bus-events.js';
import { fixedBaseline } from '../harness/baseline.js';
import { measureCandidates } from '../harness/timed.js';
import type { Body, Candidate, Scenario } from '../harness/types.js';
import { primeBus } from '../prime-bus.js';
import { eventHandlers } from '../receivers.js';

/** Depths below the root. */
export const SCOPED_DEPTHS = [1, 3, 10] as const;

/** `publish` on the bus `depth` levels below a root that has one subscriber. */
function scopedPublish(depth: number): Candidate {
  return {
    name: `@mesh/scoped publish, depth ${depth}`,
    role: 'subject',
    setup(): Body {
      const root = ScopedEventBus.root(BenchEvents);
      root.subscribe(TICK, eventHandlers(1)[0]!);
      let leaf: ScopedEventBus<BenchMap> = root;
      for (let level = 1; level <= depth; level++) leaf = leaf.child(`level-${level}`);
      return (n) => {
        for (let k = 0; k < n; k++) leaf.publish(TICK, FROZEN_PAYLOAD);
      };
    },
  };
}

/** `publish` on a plain bus with `subscribers` subscribers: a baseline. */
function plainPublish(subscribers: number): Candidate {
  return {
    name: subscribers === 1 ? '@mesh/bus publish' : `@mesh/bus publish, ${subscribers} subscribers`,
    role: 'subject',
    setup(): Body {
      const bus = benchBus(subscribers);
      return (n) => {
        for (let k = 0; k < n; k++) bus.publish(TICK, FROZEN_PAYLOAD);
      };
    },
  };
}

export const scopedScenario: Scenario = {
  id: 'bus-scoped',
  title: 'Scoped publish, 1 to 10 levels deep',
  kind: 'throughput',
  baseline: fixedBaseline('@mesh/bus publish'),
  prime: primeBus,
  about:
    'One publish on the bus N levels below the root of a `ScopedEventBus` tree (one child per level), with one subscriber at the root: ' +
    'the event is stored in the history of every bus on the way (default 1000 each) and delivered at each level. The baseline is `publish` on a plain `EventBus` with one subscriber.',
  run: (context) => measureCandidates([...SCOPED_DEPTHS.map(scopedPublish), plainPublish(1)], context),
};

/** `publish` on a grandchild with one subscriber at each of its three levels (root, child, grandchild). */
const grandchildPublish: Candidate = {
  name: '@mesh/scoped grandchild publish, 1 subscriber per level',
  role: 'subject',
  setup(): Body {
    const [rootHandler, childHandler, grandchildHandler] = eventHandlers(3);
    const root = ScopedEventBus.root(BenchEvents);
    const child = root.child('a');
    const grandchild = child.child('b');
    root.subscribe(TICK, rootHandler!);
    child.subscribe(TICK, childHandler!);
    grandchild.subscribe(TICK, grandchildHandler!);
    return (n) => {
      for (let k = 0; k < n; k++) grandchild.publish(TICK, FROZEN_PAYLOAD);
    };
  },
};

export const scopedLevelsScenario: Scenario = {
  id: 'bus-scoped-levels',
  title: 'Scoped publish on a grandchild, one subscriber per level',
  kind: 'throughput',
  baseline: fixedBaseline('@mesh/bus publish, 3 subscribers'),
  prime: primeBus,
  about:
    'One publish on a grandchild of a `ScopedEventBus` root with one subscriber at each of the three levels (each level keeps the default history of 1000): ' +
    'three history appends and three deliveries. The baseline is `publish` on a standalone `EventBus` with three subscribers (one history).',
  run: (context) => measureCandidates([grandchildPublish, plainPublish(3)], context),
};
