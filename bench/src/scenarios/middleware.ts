/**
 * `EventBus.publish` through 1 and 3 immer middleware that read their
 * draft, against the publish + immer floor: the publish floor with one
 * immer `produce` per middleware.
 */
import { FROZEN_PAYLOAD, TICK, benchBus } from '../bus-events.js';
import { publishFloorCandidate } from '../bus-floors.js';
import { measureCandidates } from '../harness/timed.js';
import type { Baseline, Body, Candidate, Scenario } from '../harness/types.js';
import { primeBus } from '../prime-bus.js';

/** `publish` on a bus with one subscriber and `count` middleware, each reading `draft.metadata.x`. */
function meshMiddleware(count: number): Candidate {
  return {
    name: `@mesh/bus publish, ${count} middleware`,
    role: 'subject',
    setup(): Body {
      const bus = benchBus(1);
      for (let i = 0; i < count; i++) bus.addMiddleware((draft) => void draft.metadata['x']);
      return (n) => {
        for (let k = 0; k < n; k++) bus.publish(TICK, FROZEN_PAYLOAD);
      };
    },
  };
}

/** The name of the publish + immer floor with `count` produces. */
function immerFloorName(count: number): string {
  return `floor: publish + ${count} immer produce`;
}

/** Middleware counts compared. */
const COUNTS = [1, 3] as const;

/** Each bus row is compared with the immer floor making as many produces as it has middleware; the floors with the one-produce floor. */
const vsImmerFloor: Baseline = {
  label: 'floor: publish + immer (one produce per middleware)',
  rowFor: (row) => {
    const count = /^@mesh\/bus publish, (\d+) middleware$/.exec(row.name)?.[1];
    return immerFloorName(count === undefined ? 1 : Number(count));
  },
};

export const middlewareScenario: Scenario = {
  id: 'bus-middleware',
  title: 'EventBus.publish, 1 and 3 immer middleware',
  kind: 'throughput',
  baseline: vsImmerFloor,
  prime: primeBus,
  about:
    'One publish on a bus with the default history and one subscriber passes 1 or 3 middleware, each reading `draft.metadata.x` from its immer draft. ' +
    'Each is compared with the publish + immer floor: the publish floor with one `produce(event, (d) => { void d.data })` per middleware. ' +
    'The floors are compared with the one-produce floor; the plain publish floor shows what immer itself costs.',
  run: (context) =>
    measureCandidates(
      [
        ...COUNTS.flatMap((count) => [meshMiddleware(count), publishFloorCandidate(immerFloorName(count), 1000, count)]),
        publishFloorCandidate('floor: publish', 1000),
      ],
      context,
    ),
};
