import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Subscription } from '@mesh/signals';
import { BusClosedError, EventBus, defineEvents, event } from '../src/index.js';

const Events = defineEvents({ A: event<{ n: number }>(), B: event<{ n: number }>() });
const runs = Number(process.env.FC_RUNS ?? 300);

/**
 * How a subscription is made: `plain` (no options, called directly while its
 * type has only such subscribers), or one of the ways that go through the
 * type's signal (a filter, `once`, an owner, an AbortSignal, `subscribeAll`).
 */
type Kind = 'plain' | 'filter' | 'once' | 'owner' | 'abort' | 'all';

type Step =
  | { kind: 'subscribe'; how: Kind; type: 'A' | 'B' }
  | { kind: 'unsubscribe'; pick: number }
  | { kind: 'abort'; pick: number }
  | { kind: 'wait'; type: 'A' | 'B' }
  | { kind: 'publish'; type: 'A' | 'B' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('subscribe' as const), how: fc.constantFrom<Kind>('plain', 'plain', 'filter', 'once', 'owner', 'abort', 'all'), type: fc.constantFrom('A' as const, 'B' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unsubscribe' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('abort' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), type: fc.constantFrom('A' as const, 'B' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('publish' as const), type: fc.constantFrom('A' as const, 'B' as const) }) },
);

/** One subscription as the model sees it. */
interface Modelled {
  readonly id: number;
  readonly how: Kind;
  readonly type: 'A' | 'B';
  live: boolean;
  token: Subscription;
  controller: AbortController | undefined;
}

describe('subscriber lists: direct handlers and signal receivers together', () => {
  test('every publish calls the live subscriptions of its type in subscription order, then subscribeAll ones; tokens, counts and once agree with a model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { maxLength: 40 }), async (steps) => {
        const bus = new EventBus(Events);
        const owner = {};
        const model: Modelled[] = [];
        const waits: { type: 'A' | 'B'; settled: boolean; outcome: unknown; promise: Promise<unknown> }[] = [];
        let calls: number[] = [];
        for (const step of steps) {
          if (step.kind === 'subscribe') {
            const id = model.length;
            const handler = (): void => void calls.push(id);
            const controller = step.how === 'abort' ? new AbortController() : undefined;
            const token =
              step.how === 'all'
                ? bus.subscribeAll((seen) => void (seen.type === step.type && calls.push(id)))
                : step.how === 'plain'
                  ? bus.subscribe(step.type, handler)
                  : bus.subscribe(step.type, handler, step.how === 'filter' ? { filter: () => true } : step.how === 'once' ? { once: true } : step.how === 'owner' ? { owner } : { signal: controller!.signal });
            model.push({ id, how: step.how, type: step.type, live: true, token, controller });
          } else if (step.kind === 'unsubscribe' || step.kind === 'abort') {
            if (model.length === 0) continue;
            const target = model[step.pick % model.length]!;
            if (step.kind === 'abort') {
              if (target.controller === undefined) continue;
              target.controller.abort();
            } else {
              expect(target.token()).toBe(target.live);
            }
            target.live = false;
          } else if (step.kind === 'wait') {
            const wait = { type: step.type, settled: false, outcome: undefined as unknown, promise: Promise.resolve() };
            wait.promise = bus.waitFor(step.type).then(
              (event) => void ((wait.settled = true), (wait.outcome = event.type)),
              (error: unknown) => void ((wait.settled = true), (wait.outcome = error)),
            );
            waits.push(wait);
          } else {
            calls = [];
            const pending = waits.filter((wait) => wait.type === step.type && !wait.settled);
            bus.publish(step.type, { n: 0 });
            const own = model.filter((entry) => entry.live && entry.type === step.type && entry.how !== 'all');
            const everything = model.filter((entry) => entry.live && entry.type === step.type && entry.how === 'all');
            expect(calls).toEqual([...own, ...everything].map((entry) => entry.id));
            for (const entry of own) if (entry.how === 'once') entry.live = false;
            await Promise.all(pending.map((wait) => wait.promise));
          }
          for (const entry of model) expect(entry.token.active).toBe(entry.live);
          const waiting = waits.filter((wait) => !wait.settled).length;
          expect(bus.subscriberCount).toBe(model.filter((entry) => entry.live).length + waiting);
        }
        const open = waits.filter((wait) => !wait.settled);
        bus.close();
        for (const entry of model) expect(entry.token.active).toBe(false);
        expect(bus.subscriberCount).toBe(0);
        await Promise.all(waits.map((wait) => wait.promise));
        for (const wait of waits) {
          if (open.includes(wait)) expect(wait.outcome).toBeInstanceOf(BusClosedError);
          else expect(wait.outcome).toBe(wait.type);
        }
      }),
      { numRuns: runs },
    );
  });

  test('changes made while an event is being delivered take effect from the next event (the snapshot rule of @mesh/signals)', () => {
    for (const late of [undefined, { filter: () => true }]) {
      const bus = new EventBus(Events);
      const calls: string[] = [];
      let second: Subscription | undefined;
      let added = false;
      bus.subscribe('A', () => {
        calls.push('first');
        second?.();
        if (!added) bus.subscribe('A', () => void calls.push('late'), late);
        added = true;
      });
      second = bus.subscribe('A', () => void calls.push('second'));
      bus.publish('A', { n: 1 });
      expect(calls).toEqual(['first', 'second']);
      calls.length = 0;
      bus.publish('A', { n: 2 });
      expect(calls).toEqual(['first', 'late']);
    }
  });

  test('a plain subscription keeps its place and its token after the type gains a filtered one', () => {
    const bus = new EventBus(Events);
    const calls: string[] = [];
    const first = bus.subscribe('A', () => void calls.push('first'));
    const filtered = bus.subscribe('A', () => void calls.push('filtered'), { filter: (event) => event.data.n > 0 });
    const last = bus.subscribe('A', () => void calls.push('last'));
    bus.publish('A', { n: 1 });
    expect(calls).toEqual(['first', 'filtered', 'last']);
    expect(first()).toBe(true);
    expect(first.active).toBe(false);
    expect(first()).toBe(false);
    filtered();
    last();
    expect(bus.subscriberCount).toBe(0);
    calls.length = 0;
    bus.subscribe('A', () => void calls.push('again'));
    bus.publish('A', { n: 1 });
    expect(calls).toEqual(['again']);
  });
});
