/**
 * The EventEmitter drop-in of @mesh/signals (`@mesh/signals/emitter`)
 * against Node's own `node:events` EventEmitter: `emit` with 1 and 10
 * listeners of one event. Both get the same listener bodies and payload.
 */
import { EventEmitter as MeshEmitter } from '@mesh/signals/emitter';
import { EventEmitter as NodeEmitter } from 'node:events';
import { measureCandidates } from '../harness/timed.js';
import type { Baseline, Body, Candidate, Role, Scenario } from '../harness/types.js';
import { primeEmitters } from '../prime.js';
import { PAYLOAD, listeners, type Listener } from '../receivers.js';

/** What the timed loop needs of an emitter. */
interface Emits {
  on(name: string, listener: Listener): unknown;
  emit(name: string, payload: unknown): boolean;
}

/** An EventEmitter implementation: its row label, role and constructor. */
interface EmitterLibrary {
  readonly name: string;
  readonly role: Role;
  make(): Emits;
}

const FACADE: EmitterLibrary = { name: '@mesh/signals/emitter', role: 'subject', make: () => new MeshEmitter() as unknown as Emits };
const NODE: EmitterLibrary = { name: 'node:events', role: 'peer', make: () => new NodeEmitter() };

/** `1 listener`, `10 listeners`. */
const plural = (n: number): string => `${n} listener${n === 1 ? '' : 's'}`;

/** `emit('e', payload)` with `count` distinct listeners of `'e'`. */
function emitterEmit(library: EmitterLibrary, count: number): Candidate {
  return {
    name: `${library.name}, ${plural(count)}`,
    role: library.role,
    setup(): Body {
      const emitter = library.make();
      for (const fn of listeners(count)) emitter.on('e', fn);
      return (n) => {
        for (let k = 0; k < n; k++) emitter.emit('e', PAYLOAD);
      };
    },
  };
}

/** Each row is compared with node:events holding the same listeners. */
const vsNode: Baseline = {
  label: 'node:events (same listeners)',
  rowFor: (row) => row.name.replace(/^@mesh\/signals\/emitter,/, 'node:events,'),
};

export const emitterFacadeScenario: Scenario = {
  id: 'emitter-facade',
  title: 'EventEmitter drop-in emit, 1 and 10 listeners',
  kind: 'throughput',
  baseline: vsNode,
  prime: primeEmitters,
  about:
    "One `emit` calls 1 or 10 distinct listeners of one event with a `{ n }` payload. The drop-in is `import { EventEmitter } from '@mesh/signals/emitter'`, " +
    'with the state layout of Node (one listener stored unwrapped, two or more in an array); each row is compared with node:events holding the same listeners.',
  run: (context) => measureCandidates([1, 10].flatMap((count) => [FACADE, NODE].map((library) => emitterEmit(library, count))), context),
};
