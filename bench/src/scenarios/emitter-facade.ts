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

/**
 * An EventEmitter implementation: its row label, role, constructor, and
 * its own timed loop, so the loop's call site sees one library (as in an
 * app, and as each peer's loop in `emit-N`) rather than taking the other
 * library's emit in the same child.
 */
interface EmitterLibrary {
  readonly name: string;
  readonly role: Role;
  make(): Emits;
  loop(emitter: Emits): Body;
}

const FACADE: EmitterLibrary = {
  name: '@mesh/signals/emitter',
  role: 'subject',
  make: () => new MeshEmitter() as unknown as Emits,
  loop: (emitter) => (n) => {
    for (let k = 0; k < n; k++) emitter.emit('e', PAYLOAD);
  },
};
const NODE: EmitterLibrary = {
  name: 'node:events',
  role: 'peer',
  make: () => new NodeEmitter(),
  loop: (emitter) => (n) => {
    for (let k = 0; k < n; k++) emitter.emit('e', PAYLOAD);
  },
};

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
      return library.loop(emitter);
    },
  };
}

/** Each row is compared with node:events holding the same listeners. */
const vsNode: Baseline = {
  label: 'node:events (same listeners)',
  rowFor: (row) => row.name.replace(/^@mesh\/signals\/emitter,/, 'node:events,'),
};

/**
 * `emitter-facade-<count>`: one scenario per listener count, so each runs
 * in children of its own (as `emit-N` does) and a row never runs on a loop
 * another row's listener count has already shaped.
 */
function emitterFacadeScenario(count: number): Scenario {
  return {
    id: `emitter-facade-${count}`,
    title: `EventEmitter drop-in emit, ${plural(count)}`,
    kind: 'throughput',
    baseline: vsNode,
    prime: primeEmitters,
    about:
      `One \`emit\` calls ${count === 1 ? 'one listener' : `${count} distinct listeners`} of one event with a \`{ n }\` payload. The drop-in is \`import { EventEmitter } from '@mesh/signals/emitter'\`, ` +
      'with the state layout of Node (one listener stored unwrapped, two or more in an array); it is compared with node:events holding the same listeners.',
    run: (context) => measureCandidates([FACADE, NODE].map((library) => emitterEmit(library, count)), context),
  };
}

/** `emitter-facade-1`, `emitter-facade-10`. */
export const emitterFacadeScenarios: readonly Scenario[] = [1, 10].map(emitterFacadeScenario);
