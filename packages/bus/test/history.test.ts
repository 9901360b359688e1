import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EventBus, defineEvents, event } from '../src/index.js';

const Events = defineEvents({ A: event<{ n: number }>(), B: event<{ n: number }>() });
const runs = Number(process.env.FC_RUNS ?? 300);

/** One step of a model run: a publish of A or B, plain or with a runId (the two ways a publish takes to its commit), or a query. */
type Step =
  | { kind: 'publish'; type: 'A' | 'B'; runId: string | undefined }
  | { kind: 'query'; sinceSeq: number | undefined; limit: number | undefined; type: 'A' | 'B' | undefined; runId: string | undefined };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('publish' as const), type: fc.constantFrom('A' as const, 'B' as const), runId: fc.constantFrom(undefined, 'r1', 'r2') }),
  fc.record({
    kind: fc.constant('query' as const),
    sinceSeq: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    limit: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
    type: fc.constantFrom(undefined, 'A' as const, 'B' as const),
    runId: fc.constantFrom(undefined, 'r1', 'r2'),
  }),
);

interface Stored {
  seq: number;
  type: string;
  runId: string | undefined;
}

describe('history and the publish path', () => {
  test('rule 7: holds the newest historyLimit events; size, evictedSeq and every query agree with a plain list of all events', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.array(stepArbitrary, { maxLength: 40 }), (historyLimit, steps) => {
        const bus = new EventBus(Events, { historyLimit });
        const all: Stored[] = [];
        for (const step of steps) {
          if (step.kind === 'publish') {
            if (step.runId === undefined) bus.publish(step.type, { n: all.length });
            else bus.publish(step.type, { n: all.length }, { runId: step.runId });
            all.push({ seq: all.length + 1, type: step.type, runId: step.runId });
          } else {
            const held = all.slice(Math.max(0, all.length - historyLimit));
            let expected = held.filter(
              (e) => (step.sinceSeq === undefined || e.seq > step.sinceSeq) && (step.type === undefined || e.type === step.type) && (step.runId === undefined || e.runId === step.runId),
            );
            if (step.limit !== undefined) expected = expected.slice(Math.max(0, expected.length - step.limit));
            const filter = { sinceSeq: step.sinceSeq, limit: step.limit, types: step.type === undefined ? undefined : [step.type], runId: step.runId };
            expect(bus.history(filter).map((e) => ({ seq: e.seq, type: e.type, runId: e.runId }))).toEqual(expected);
          }
          const held = Math.min(all.length, historyLimit);
          expect(bus.historySize).toBe(held);
          expect(bus.evictedSeq).toBe(all.length > historyLimit ? all.length - historyLimit : 0);
        }
      }),
      { numRuns: runs },
    );
  });

  test('rule 5: a publish without options and one with empty options store events of the same shape and fields', () => {
    const bus = new EventBus(Events);
    bus.publish('A', { n: 1 });
    bus.publish('A', { n: 1 }, {});
    const [plain, withOptions] = bus.history();
    expect(Object.keys(plain!)).toEqual(Object.keys(withOptions!));
    const { id: _a, seq: seqA, timestamp: _t1, ...restA } = plain!;
    const { id: _b, seq: seqB, timestamp: _t2, ...restB } = withOptions!;
    expect(restA).toEqual(restB);
    expect([seqA, seqB]).toEqual([1, 2]);
    expect(Object.isFrozen(plain)).toBe(true);
    expect(Object.isFrozen(plain!.data)).toBe(true);
  });

  test('rule 2: an event a handler publishes is stored at once and delivered after the current event reaches every handler', () => {
    const bus = new EventBus(Events);
    const seen: string[] = [];
    bus.subscribe('A', (e) => {
      seen.push(`first A${e.data.n}`);
      if (e.data.n === 1) {
        bus.publish('B', { n: 2 });
        seen.push(`history holds ${bus.historySize}`);
      }
    });
    bus.subscribe('A', (e) => seen.push(`second A${e.data.n}`));
    bus.subscribe('B', (e) => seen.push(`B${e.data.n}`));
    bus.publish('A', { n: 1 });
    bus.publish('A', { n: 3 });
    expect(seen).toEqual(['first A1', 'history holds 2', 'second A1', 'B2', 'first A3', 'second A3']);
    expect(bus.history().map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
