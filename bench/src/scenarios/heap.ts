/**
 * Heap per strong subscription: 100k distinct receivers connected to one
 * signal (or one event of a peer), measured as the growth of `heapUsed`
 * across full collections. The receivers are made before the first
 * reading, so they are not counted; one emit runs before the second reading,
 * so lazily built dispatch arrays are counted.
 */
import { EventEmitter as NodeEmitter } from 'node:events';
import { Signal, type Subscription } from '@mesh/signals';
import { EventEmitter as EventEmitter3 } from 'eventemitter3';
import mittModule from 'mitt';
import { createNanoEvents } from 'nanoevents';
import { fixedBaseline } from '../harness/baseline.js';
import { endOfJob, rotate } from '../harness/timed.js';
import type { Role, RowResult, Scenario } from '../harness/types.js';
import { PAYLOAD, SENDER, keep, listeners, signalReceivers, type Payload } from '../receivers.js';

const mitt = mittModule as unknown as typeof mittModule.default;

const SUBSCRIPTIONS = 100_000;

/** One row: `prepare` makes everything that must not be counted and returns the subscribing step. */
interface HeapCandidate {
  readonly name: string;
  readonly role: Role;
  prepare(): () => unknown;
}

const CANDIDATES: readonly HeapCandidate[] = [
  {
    name: '@mesh Signal.connect, token dropped',
    role: 'subject',
    prepare() {
      const fns = signalReceivers(SUBSCRIPTIONS);
      return () => {
        const signal = new Signal<Payload>();
        for (const fn of fns) signal.connect(fn);
        signal.emit(SENDER, PAYLOAD);
        return [signal, fns];
      };
    },
  },
  {
    name: '@mesh Signal.connect, token kept',
    role: 'subject',
    prepare() {
      const fns = signalReceivers(SUBSCRIPTIONS);
      const tokens = new Array<Subscription | null>(SUBSCRIPTIONS).fill(null);
      return () => {
        const signal = new Signal<Payload>();
        for (let i = 0; i < SUBSCRIPTIONS; i++) tokens[i] = signal.connect(fns[i]!);
        signal.emit(SENDER, PAYLOAD);
        return [signal, fns, tokens];
      };
    },
  },
  {
    name: 'eventemitter3',
    role: 'peer',
    prepare() {
      const fns = listeners(SUBSCRIPTIONS);
      return () => {
        const ee = new EventEmitter3();
        for (const fn of fns) ee.on('e', fn);
        ee.emit('e', PAYLOAD);
        return [ee, fns];
      };
    },
  },
  {
    name: 'mitt',
    role: 'peer',
    prepare() {
      const fns = listeners(SUBSCRIPTIONS);
      return () => {
        const emitter = mitt<{ e: Payload }>();
        for (const fn of fns) emitter.on('e', fn);
        emitter.emit('e', PAYLOAD);
        return [emitter, fns];
      };
    },
  },
  {
    name: 'nanoevents',
    role: 'peer',
    prepare() {
      const fns = listeners(SUBSCRIPTIONS);
      return () => {
        const emitter = createNanoEvents<{ e: (payload: Payload) => void }>();
        for (const fn of fns) emitter.on('e', fn);
        emitter.emit('e', PAYLOAD);
        return [emitter, fns];
      };
    },
  },
  {
    name: 'node:events',
    role: 'peer',
    prepare() {
      const fns = listeners(SUBSCRIPTIONS);
      return () => {
        const ee = new NodeEmitter();
        ee.setMaxListeners(0);
        for (const fn of fns) ee.on('e', fn);
        ee.emit('e', PAYLOAD);
        return [ee, fns];
      };
    },
  },
];

/** Two full collections, so weak references and finalizers settle, then `heapUsed`. */
function settledHeap(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Bytes per subscription for one candidate. */
function bytesPerSubscription(candidate: HeapCandidate, gc: () => void): number {
  const subscribe = candidate.prepare();
  const before = settledHeap(gc);
  const held = subscribe();
  const after = settledHeap(gc);
  keep(held);
  keep(undefined);
  return (after - before) / SUBSCRIPTIONS;
}

export const heapScenario: Scenario = {
  id: 'heap',
  title: 'Heap per strong subscription',
  kind: 'heap',
  baseline: fixedBaseline('eventemitter3'),
  about:
    `${SUBSCRIPTIONS.toLocaleString('en-US')} distinct receivers connected to one signal (one event for the peers), in a child run with \`--expose-gc\`: ` +
    'growth of `process.memoryUsage().heapUsed` across two full collections, divided by the count. ' +
    'Receivers (and the array for kept tokens) exist before the first reading, so they are not counted; one emit runs before the second, so lazily built dispatch arrays are. ' +
    '"token dropped" is what the signal itself retains; "token kept" adds the callable token `connect` returns.',
  async run(context): Promise<RowResult[]> {
    const gc = globalThis.gc;
    if (gc === undefined) throw new Error('the heap scenario needs node --expose-gc');
    const only = context.only;
    const chosen = only === undefined ? CANDIDATES : CANDIDATES.filter((c) => c.name.includes(only));
    const values = new Map<HeapCandidate, number>();
    for (const candidate of rotate(chosen, context.round)) {
      await endOfJob();
      values.set(candidate, bytesPerSubscription(candidate, gc));
    }
    return chosen.map((c) => ({ name: c.name, role: c.role, value: values.get(c) ?? Number.NaN }));
  },
};
