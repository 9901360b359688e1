import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parallelMerge, type Event } from '../src/index.js';

/** A minimal event of a lane. */
function laneEvent(lane: string, laneSeq: number, timestamp: number): Event {
  return { id: `${lane}-${laneSeq}`, type: 'STEP', data: undefined, timestamp, seq: 0, metadata: {}, visibility: 'public', lane, laneSeq };
}

/** Random lanes: each a list of events with increasing laneSeq and arbitrary (often equal, sometimes decreasing) timestamps. */
const lanesArbitrary = fc
  .dictionary(fc.stringMatching(/^[a-e]{1,2}$/), fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 }), { maxKeys: 5 })
  .map((spec) =>
    Object.fromEntries(Object.entries(spec).map(([lane, stamps]) => [lane, stamps.map((t, i) => laneEvent(lane, i + 1, t))])),
  );

const runs = Number(process.env.FC_RUNS ?? 1000);

describe('parallelMerge (bus rule 10)', () => {
  test('rule 10: orders by (timestamp, lane, laneSeq) and never reorders a lane, even when its timestamps disagree', () => {
    const merged = parallelMerge({
      b: [laneEvent('b', 1, 10), laneEvent('b', 2, 5)], // clock went backwards inside lane b
      a: [laneEvent('a', 1, 10), laneEvent('a', 2, 7)],
      c: [laneEvent('c', 1, 6)],
    });
    expect(merged.map((e) => e.id)).toEqual(['c-1', 'a-1', 'a-2', 'b-1', 'b-2']);
  });

  test('property: the output is a permutation of the input', () => {
    fc.assert(
      fc.property(lanesArbitrary, (lanes) => {
        const merged = parallelMerge(lanes);
        const input = Object.values(lanes).flat();
        expect(merged).toHaveLength(input.length);
        expect(new Set(merged)).toEqual(new Set(input));
      }),
      { numRuns: runs },
    );
  });

  test("property: each lane's order is kept", () => {
    fc.assert(
      fc.property(lanesArbitrary, (lanes) => {
        const merged = parallelMerge(lanes);
        for (const [lane, events] of Object.entries(lanes)) expect(merged.filter((e) => e.lane === lane)).toEqual(events);
      }),
      { numRuns: runs },
    );
  });

  test("property: the result does not depend on the order of the record's keys", () => {
    fc.assert(
      fc.property(lanesArbitrary, fc.infiniteStream(fc.nat()), (lanes, randomness) => {
        const entries = Object.entries(lanes);
        const shuffled = entries
          .map((entry) => ({ entry, key: randomness.next().value as number }))
          .sort((x, y) => x.key - y.key)
          .map(({ entry }) => entry);
        expect(parallelMerge(Object.fromEntries(shuffled))).toEqual(parallelMerge(lanes));
      }),
      { numRuns: runs },
    );
  });

  test('property: when every lane keeps time, the output is sorted by (timestamp, lane, laneSeq)', () => {
    fc.assert(
      fc.property(lanesArbitrary, (raw) => {
        const lanes = Object.fromEntries(
          Object.entries(raw).map(([lane, events]) => [lane, [...events].sort((x, y) => x.timestamp - y.timestamp).map((e, i) => ({ ...e, laneSeq: i + 1 }))]),
        );
        const merged = parallelMerge(lanes);
        const sorted = [...merged].sort(
          (x, y) => x.timestamp - y.timestamp || (x.lane! < y.lane! ? -1 : x.lane! > y.lane! ? 1 : 0) || x.laneSeq! - y.laneSeq!,
        );
        expect(merged).toEqual(sorted);
      }),
      { numRuns: runs },
    );
  });

  test('bad input', () => {
    expect(() => parallelMerge(null as never)).toThrow(new TypeError('parallelMerge: expected a record of lane name to events, got null'));
    expect(() => parallelMerge({ a: 'x' } as never)).toThrow(/lane "a" must be an array of events/);
    expect(parallelMerge({})).toEqual([]);
  });
});
