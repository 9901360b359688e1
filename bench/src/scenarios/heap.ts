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
import { measureHeapCandidates, type HeapCandidate } from '../harness/heap.js';
import type { Scenario } from '../harness/types.js';
import { PAYLOAD, SENDER, listeners, signalReceivers, type Payload } from '../receivers.js';

const mitt = mittModule as unknown as typeof mittModule.default;

const SUBSCRIPTIONS = 100_000;

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
  run: (context) => measureHeapCandidates(CANDIDATES, SUBSCRIPTIONS, context),
};
