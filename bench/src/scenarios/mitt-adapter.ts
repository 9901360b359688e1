/**
 * The mitt adapter of @mesh/signals (`@mesh/signals/mitt`) against mitt
 * itself: 1 and 10 handlers of one event type, alone and with one `'*'`
 * handler added. Both libraries get the same listener bodies and payload.
 */
import meshMitt, { type Emitter } from '@mesh/signals/mitt';
import mittModule from 'mitt';
import { measureCandidates } from '../harness/timed.js';
import type { Baseline, Body, Candidate, Role, Scenario } from '../harness/types.js';
import { primeMitt } from '../prime.js';
import { PAYLOAD, listeners, type Payload } from '../receivers.js';

// mitt ships CommonJS-style typings for an ES module default export.
const mitt = mittModule as unknown as typeof mittModule.default;

/** The event map every candidate emits. */
type Events = { e: Payload };

/**
 * A mitt-compatible library: its row label, role, factory, and its own
 * timed loop, so the loop's call site sees one library (as in an app, and
 * as each peer's loop in `emit-N`) rather than taking the other library's
 * emit in the same child.
 */
interface MittLibrary {
  readonly name: string;
  readonly role: Role;
  make(): Emitter<Events>;
  loop(emitter: Emitter<Events>): Body;
}

const ADAPTER: MittLibrary = {
  name: '@mesh/signals/mitt',
  role: 'subject',
  make: () => meshMitt<Events>(),
  loop: (emitter) => (n) => {
    for (let k = 0; k < n; k++) emitter.emit('e', PAYLOAD);
  },
};
const MITT: MittLibrary = {
  name: 'mitt',
  role: 'peer',
  make: () => mitt<Events>(),
  loop: (emitter) => (n) => {
    for (let k = 0; k < n; k++) emitter.emit('e', PAYLOAD);
  },
};

/** `1 handler`, `10 handlers`. */
const plural = (n: number): string => `${n} handler${n === 1 ? '' : 's'}`;

/** `emit('e')` with `count` distinct handlers of `'e'`, plus one `'*'` handler when `wildcard`. */
function mittEmit(library: MittLibrary, count: number, wildcard: boolean): Candidate {
  return {
    name: `${library.name}, ${plural(count)}${wildcard ? " + 1 '*'" : ''}`,
    role: library.role,
    setup(): Body {
      const emitter = library.make();
      for (const fn of listeners(count)) emitter.on('e', fn);
      if (wildcard) {
        const fn = listeners(1)[0]!;
        emitter.on('*', (_type, payload) => fn(payload));
      }
      return library.loop(emitter);
    },
  };
}

/** Each row is compared with mitt holding the same handlers. */
const vsMitt: Baseline = {
  label: 'mitt (same handlers)',
  rowFor: (row) => row.name.replace(/^@mesh\/signals\/mitt,/, 'mitt,'),
};

export const mittAdapterScenario: Scenario = {
  id: 'mitt-adapter',
  title: 'mitt adapter emit, 1 and 10 handlers',
  kind: 'throughput',
  baseline: vsMitt,
  prime: primeMitt,
  about:
    "One `emit` calls 1 or 10 distinct handlers of one event type with a `{ n }` payload; the `+ 1 '*'` rows add one wildcard handler, called after them with `(type, event)`. " +
    "The adapter is `import mitt from '@mesh/signals/mitt'`, with `all` (a Map of handler arrays) as its only state; each row is compared with mitt holding the same handlers.",
  run: (context) =>
    measureCandidates(
      [1, 10].flatMap((count) =>
        [ADAPTER, MITT].flatMap((library) => [mittEmit(library, count, false), mittEmit(library, count, true)]),
      ),
      context,
    ),
};
