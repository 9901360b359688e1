import { defineEvents, event, type Event, type EventStream } from '@mesh/bus';
import type { Subscription } from '@mesh/signals';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ScopedEventBus } from '../src/index.js';

/**
 * Model-based test of a bus tree: random publishes (root and a child), subscribes and
 * unsubscribes (with type, visibility, once and filter), tree-wide middleware added on the root and removed,
 * streams opened, read and closed, and a child created and disposed, checked step by
 * step against a plain model of the rules: history, delivery order, drops, counts.
 */

const Types = defineEvents({
  PUBLIC: event<number>(),
  INTERNAL: event<number>({ visibility: 'internal' }),
  DEBUG: event<number>({ visibility: 'debug' }),
  DONE: event<number>({ terminal: true }),
});
type TypeName = 'PUBLIC' | 'INTERNAL' | 'DEBUG' | 'DONE';
const TYPE_NAMES: readonly TypeName[] = ['PUBLIC', 'INTERNAL', 'DEBUG', 'DONE'];
const RANK: Record<string, number> = { public: 0, internal: 1, debug: 2 };
const LEVELS = [undefined, 'public', 'internal', 'debug'] as const;
const TYPE_RANK: Record<TypeName, number> = { PUBLIC: 0, INTERNAL: 1, DEBUG: 2, DONE: 0 };
const HISTORY_LIMIT = 20;
const runs = Number(process.env.FC_RUNS ?? 1000);

interface ModelEvent {
  seq: number;
  type: TypeName;
  data: number;
  rank: number;
  tags: string[];
  scope: string;
}
interface ModelSubscriber {
  id: number;
  type: TypeName | '*';
  maxRank: number | undefined;
  once: boolean;
  evenOnly: boolean;
}
interface ModelStream {
  id: number;
  maxRank: number | undefined;
  bufferSize: number;
  queue: ModelEvent[];
  dropped: number;
  open: boolean;
}
interface Model {
  seq: number;
  history: ModelEvent[];
  subscribers: ModelSubscriber[];
  middleware: Array<{ id: number; kind: 'tag' | 'drop-odd' }>;
  streams: ModelStream[];
  deliveries: Array<[number, number]>;
  child: boolean;
  nextId: number;
}
interface Real {
  root: ScopedEventBus<typeof Types extends import('@mesh/bus').EventTypes<infer M> ? M : never>;
  child: ScopedEventBus<typeof Types extends import('@mesh/bus').EventTypes<infer M> ? M : never> | undefined;
  tokens: Map<number, Subscription>;
  removers: Map<number, () => void>;
  streams: Map<number, EventStream<Event>>;
  deliveries: Array<[number, number]>;
}

function deliver(model: Model, event: ModelEvent): void {
  // Type subscribers first, in subscription order, then every-type subscribers (a snapshot: once removes after).
  const ordered = [...model.subscribers.filter((s) => s.type === event.type), ...model.subscribers.filter((s) => s.type === '*')];
  for (const subscriber of ordered) {
    if (subscriber.maxRank !== undefined && event.rank > subscriber.maxRank) continue;
    if (subscriber.evenOnly && event.data % 2 !== 0) continue;
    if (subscriber.once) model.subscribers.splice(model.subscribers.indexOf(subscriber), 1);
    model.deliveries.push([subscriber.id, event.seq]);
  }
  for (const stream of model.streams) {
    if (!stream.open || (stream.maxRank !== undefined && event.rank > stream.maxRank)) continue;
    if (stream.queue.length >= stream.bufferSize) {
      const victim = stream.queue.findIndex((queued) => queued.type !== 'DONE');
      if (victim !== -1) {
        stream.queue.splice(victim, 1);
        stream.dropped++;
      }
    }
    stream.queue.push(event);
  }
}

function commit(model: Model, type: TypeName, data: number, tags: string[], scope: string): void {
  const event: ModelEvent = { seq: ++model.seq, type, data, rank: TYPE_RANK[type], tags, scope };
  model.history.push(event);
  if (model.history.length > HISTORY_LIMIT) model.history.shift();
  deliver(model, event);
}

function check(model: Model, real: Real): void {
  const history = real.root.bus.history();
  expect(history.map((e) => [e.seq, e.type, e.data, e.scope, Object.keys(e.metadata)])).toEqual(
    model.history.map((e) => [e.seq, e.type, e.data, e.scope, e.tags]),
  );
  expect(real.deliveries).toEqual(model.deliveries);
  const openStreams = model.streams.filter((s) => s.open).length;
  expect(real.root.bus.subscriberCount).toBe(model.subscribers.length + openStreams);
  for (const stream of model.streams) {
    const actual = real.streams.get(stream.id)!;
    expect(actual.dropped).toBe(stream.dropped);
    if (stream.open) expect(actual.buffered).toBe(stream.queue.length);
  }
  expect(real.root.children.length).toBe(model.child ? 1 : 0);
}

type Command = fc.AsyncCommand<Model, Real>;

const command = <A extends unknown[]>(
  name: string,
  run: (model: Model, real: Real, ...args: A) => void | Promise<void>,
  ok: (model: Readonly<Model>) => boolean = () => true,
) =>
  (...args: A): Command => ({
    check: ok,
    run: async (model, real) => {
      await run(model, real, ...args);
      check(model, real);
    },
    toString: () => `${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`,
  });

/** The root's middleware, in the order added (tree-wide: it runs on a child's events too); `undefined` when one drops the event. */
function runMiddleware(model: Model, data: number): string[] | undefined {
  const tags: string[] = [];
  for (const mw of model.middleware) {
    if (mw.kind === 'drop-odd' && data % 2 !== 0) return undefined;
    if (mw.kind === 'tag') tags.push(`m${mw.id}`);
  }
  return tags;
}

const publish = command('publish', (model, real, type: TypeName, data: number) => {
  real.root.publish(type, data);
  const tags = runMiddleware(model, data);
  if (tags !== undefined) commit(model, type, data, tags, 'root');
});

const publishOnChild = command('publishOnChild', (model, real, type: TypeName, data: number) => {
  if (!model.child) {
    real.child = real.root.child('child');
    model.child = true;
  }
  real.child!.publish(type, data);
  const tags = runMiddleware(model, data);
  if (tags !== undefined) commit(model, type, data, tags, 'root/child');
});

const disposeChild = command(
  'disposeChild',
  (model, real) => {
    real.child!.dispose();
    real.child = undefined;
    model.child = false;
  },
  (model) => model.child,
);

const subscribe = command('subscribe', (model, real, type: TypeName | '*', level: number, once: boolean, evenOnly: boolean) => {
  const id = model.nextId++;
  const visibility = LEVELS[level];
  const options = { visibility, once, filter: evenOnly ? (e: Event<number>) => e.data % 2 === 0 : undefined };
  const handler = (e: Event) => void real.deliveries.push([id, e.seq]);
  real.tokens.set(id, type === '*' ? real.root.bus.subscribeAll(handler, options as never) : real.root.subscribe(type, handler, options));
  model.subscribers.push({ id, type, maxRank: visibility === undefined ? undefined : RANK[visibility], once, evenOnly });
});

const unsubscribe = command(
  'unsubscribe',
  (model, real, pick: number) => {
    const subscriber = model.subscribers[pick % model.subscribers.length]!;
    expect(real.tokens.get(subscriber.id)!()).toBe(true);
    model.subscribers.splice(model.subscribers.indexOf(subscriber), 1);
  },
  (model) => model.subscribers.length > 0,
);

const addMiddleware = command('addMiddleware', (model, real, kind: 'tag' | 'drop-odd') => {
  const id = model.nextId++;
  real.removers.set(
    id,
    real.root.bus.addMiddleware((draft) => {
      if (kind === 'drop-odd') return (draft.data as number) % 2 !== 0 ? null : undefined;
      draft.metadata[`m${id}`] = true;
      return undefined;
    }),
  );
  model.middleware.push({ id, kind });
});

const removeMiddleware = command(
  'removeMiddleware',
  (model, real, pick: number) => {
    const mw = model.middleware[pick % model.middleware.length]!;
    real.removers.get(mw.id)!();
    model.middleware.splice(model.middleware.indexOf(mw), 1);
  },
  (model) => model.middleware.length > 0,
);

const openStream = command('openStream', (model, real, level: number, bufferSize: number) => {
  const id = model.nextId++;
  const visibility = LEVELS[level];
  real.streams.set(id, real.root.bus.stream({ visibility }, { bufferSize, endOnTerminal: false }) as EventStream<Event>);
  model.streams.push({ id, maxRank: visibility === undefined ? undefined : RANK[visibility], bufferSize, queue: [], dropped: 0, open: true });
});

const readStream = command(
  'readStream',
  async (model, real, pick: number) => {
    const open = model.streams.filter((s) => s.open && s.queue.length > 0);
    const stream = open[pick % open.length]!;
    const expected = stream.queue.shift()!;
    const result = await real.streams.get(stream.id)!.next();
    expect(result.done).toBe(false);
    expect([result.value!.seq, result.value!.type]).toEqual([expected.seq, expected.type]);
  },
  (model) => model.streams.some((s) => s.open && s.queue.length > 0),
);

const closeStream = command(
  'closeStream',
  (model, real, pick: number) => {
    const open = model.streams.filter((s) => s.open);
    const stream = open[pick % open.length]!;
    real.streams.get(stream.id)!.close();
    stream.open = false;
    stream.queue = [];
  },
  (model) => model.streams.some((s) => s.open),
);

const typeArb = fc.constantFrom(...TYPE_NAMES);
const commands = [
  fc.tuple(typeArb, fc.nat(9)).map(([type, data]) => publish(type, data)),
  fc.tuple(typeArb, fc.nat(9)).map(([type, data]) => publishOnChild(type, data)),
  fc.constant(disposeChild()),
  fc.tuple(fc.constantFrom<TypeName | '*'>(...TYPE_NAMES, '*'), fc.nat(3), fc.boolean(), fc.boolean()).map(([t, l, o, e]) => subscribe(t, l, o, e)),
  fc.nat(20).map((pick) => unsubscribe(pick)),
  fc.constantFrom<'tag' | 'drop-odd'>('tag', 'drop-odd').map((kind) => addMiddleware(kind)),
  fc.nat(20).map((pick) => removeMiddleware(pick)),
  fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 4 })).map(([level, size]) => openStream(level, size)),
  fc.nat(20).map((pick) => readStream(pick)),
  fc.nat(20).map((pick) => closeStream(pick)),
];

describe('a bus tree against a reference model (fast-check)', () => {
  test(`random command sequences: ${runs} runs, no divergence`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 50 }), async (cmds) => {
        const real: Real = {
          root: ScopedEventBus.root(Types, { historyLimit: HISTORY_LIMIT }),
          child: undefined,
          tokens: new Map(),
          removers: new Map(),
          streams: new Map(),
          deliveries: [],
        };
        const model: Model = { seq: 0, history: [], subscribers: [], middleware: [], streams: [], deliveries: [], child: false, nextId: 0 };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      }),
      { numRuns: runs },
    );
  }, 120_000);

  test('property: no subscriber or stream ever receives an event above its visibility level', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(3), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(typeArb, fc.constantFrom(undefined, 'public', 'internal', 'debug' as const)), { maxLength: 30 }),
        async (levels, publishes) => {
          const root = ScopedEventBus.root(Types);
          const child = root.child('c');
          const seen: Array<[number, string]> = [];
          const streams = levels.map((level) => root.bus.stream({ visibility: LEVELS[level] }, { bufferSize: 100 }));
          levels.forEach((level, i) => root.bus.subscribeAll((e) => void seen.push([i, e.visibility]), { visibility: LEVELS[level] }));
          for (const [n, [type, visibility]] of publishes.entries()) (n % 2 ? child : root).publish(type, n, visibility === undefined ? undefined : { visibility });
          for (const [i, level] of levels.entries()) {
            const limit = LEVELS[level] === undefined ? 2 : RANK[LEVELS[level]!]!;
            expect(seen.filter(([who, v]) => who === i && RANK[v]! > limit)).toEqual([]);
            streams[i]!.close();
          }
          root.dispose();
        },
      ),
      { numRuns: runs },
    );
  });
});
