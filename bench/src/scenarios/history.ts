/**
 * History append from 1k to 1M kept events: `EventBus.publish` with
 * `historyLimit` 1000 and 1,000,000, the ring filled before timing, so each
 * publish evicts the oldest event. The publish floor with a ring of the same
 * size shows what the size itself costs (caches, garbage collection).
 */
import { FROZEN_PAYLOAD, TICK, benchBus } from '../bus-events.js';
import { publishFloorCandidate } from '../bus-floors.js';
import { sizeLabel } from '../harness/format.js';
import { measureCandidates } from '../harness/timed.js';
import type { Baseline, Body, Candidate, Scenario } from '../harness/types.js';
import { primeBus } from '../prime-bus.js';

/** History limits compared. */
export const HISTORY_SIZES = [1_000, 1_000_000] as const;

const MESH = '@mesh/bus publish';
const FLOOR = 'floor: publish';

/** `publish` with one subscriber on a bus keeping `size` events, its history full before timing. */
function meshHistory(size: number): Candidate {
  return {
    name: `${MESH}, ${sizeLabel(size)}`,
    role: 'subject',
    series: MESH,
    size,
    setup(): Body {
      const bus = benchBus(1, size);
      for (let k = 0; k < size; k++) bus.publish(TICK, FROZEN_PAYLOAD);
      return (n) => {
        for (let k = 0; k < n; k++) bus.publish(TICK, FROZEN_PAYLOAD);
      };
    },
  };
}

/** The publish floor with a full ring of `size` events. */
function floorHistory(size: number): Candidate {
  return { ...publishFloorCandidate(`${FLOOR}, ${sizeLabel(size)}`, size, 0, size), series: FLOOR, size };
}

/** Each row is compared with the floor keeping as many events. */
const vsFloor: Baseline = {
  label: 'floor: publish (same history size)',
  rowFor: (row) => `${FLOOR}, ${sizeLabel(row.size ?? 0)}`,
};

export const historyScenario: Scenario = {
  id: 'bus-history',
  title: 'History append, 1k to 1M kept events',
  kind: 'scaling',
  baseline: vsFloor,
  prime: primeBus,
  about:
    'One publish (one subscriber, no middleware) on a bus whose history keeps N events, filled with N events before timing, so every publish evicts the oldest. ' +
    'The floor appends the same frozen event objects to a full ring of N slots. At 1M the kept events outlive the young generation, so the figure includes the garbage collector copying and promoting them.',
  run: (context) => measureCandidates(HISTORY_SIZES.flatMap((size) => [meshHistory(size), floorHistory(size)]), context),
};
