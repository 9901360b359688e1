import { describe, expectTypeOf, test } from 'vitest';
import type { Event, EventMapOf, EventOf } from '@mesh/bus';
import { ScopedEventBus } from '../src/index.js';
import { Events, NodeEvents } from './fixtures.js';

describe('types of @mesh/scoped', () => {
  test("a child's extended map is typed", () => {
    const root = ScopedEventBus.root(Events);
    const node = root.child('node', NodeEvents);
    node.subscribe('TOOL_OUTPUT', (event) => expectTypeOf(event).toEqualTypeOf<Event<{ text: string }> & { readonly type: 'TOOL_OUTPUT' }>());
    node.publish('TOOL_OUTPUT', { text: 'ok' });
    node.publish('NOTE', 'inherited types still work');
    // @ts-expect-error wrong payload for the child's own type
    node.publish('TOOL_OUTPUT', { text: 1 });
  });

  test('publishing a child-only type on the parent does not compile', () => {
    const root = ScopedEventBus.root(Events);
    root.child('node', NodeEvents);
    // @ts-expect-error the root's registry has no TOOL_OUTPUT
    root.publish('TOOL_OUTPUT', { text: 'ok' });
    // @ts-expect-error nor can it subscribe to it
    root.subscribe('TOOL_OUTPUT', () => {});
  });

  test('a child registry must extend the parent map', async () => {
    const { defineEvents, event } = await import('@mesh/bus');
    const Unrelated = defineEvents({ OTHER: event<number>() });
    const root = ScopedEventBus.root(Events);
    // @ts-expect-error Unrelated does not hold the root's types
    root.child('x', Unrelated);
  });

  test('scope options are typed', () => {
    const root = ScopedEventBus.root(Events);
    root.subscribe('NOTE', () => {}, { scope: 'local' });
    root.subscribe('NOTE', () => {}, { scope: 'root/workflow-*/**' });
    // @ts-expect-error a scope is a string
    root.subscribe('NOTE', () => {}, { scope: 3 });
  });

  test('`using` a child compiles, and the child has the parent\'s map', () => {
    const root = ScopedEventBus.root(Events);
    {
      using wf = root.child('x');
      expectTypeOf(wf).toEqualTypeOf<typeof root>();
      wf.publish('NOTE', 'inside the block');
    }
    {
      using node = root.child('node', NodeEvents);
      node.publish('TOOL_OUTPUT', { text: 'ok' });
    }
  });

  test("addMiddleware's draft is typed with the bus's map, and narrows by type", () => {
    const root = ScopedEventBus.root(Events);
    const remove = root.addMiddleware((draft) => {
      if (draft.type === 'NOTE') expectTypeOf(draft.data).toEqualTypeOf<string>();
      if (draft.type === 'WORKFLOW_STARTED') draft.data.id = draft.data.id.toUpperCase();
      // @ts-expect-error the root's map has no TOOL_OUTPUT
      if (draft.type === 'TOOL_OUTPUT') return;
      draft.metadata.tenant = 'acme';
    });
    expectTypeOf(remove).toEqualTypeOf<() => void>();
    const node = root.child('node', NodeEvents);
    node.addMiddleware((draft) => {
      if (draft.type === 'TOOL_OUTPUT') expectTypeOf(draft.data).toEqualTypeOf<{ text: string }>();
    });
  });

  test("addMiddleware and addGuard take scope 'local' or 'subtree', not a glob", () => {
    const root = ScopedEventBus.root(Events);
    root.addMiddleware(() => {}, { scope: 'local' });
    root.addMiddleware(() => {}, { scope: 'subtree' });
    root.addGuard(() => undefined, { scope: 'local' });
    root.addGuard((event) => (event.type === 'NOTE' ? 'no notes' : undefined), { scope: 'subtree' });
    root.bus.addMiddleware(() => {}, { scope: 'local' });
    root.bus.addGuard(() => undefined, { scope: 'subtree' });
    // @ts-expect-error a plugin's scope is 'local' or 'subtree': globs are for subscriptions
    root.addMiddleware(() => {}, { scope: 'glob/*' });
    // @ts-expect-error nor for guards
    root.addGuard(() => undefined, { scope: 'root/**' });
    // @ts-expect-error a guard returns a reason or undefined
    root.addGuard(() => 42);
  });

  test('subscribeAll handlers get EventOf<M>; subscribeAll and stream take a scope', () => {
    type M = EventMapOf<typeof Events>;
    const root = ScopedEventBus.root(Events);
    root.subscribeAll((event) => {
      expectTypeOf(event).toEqualTypeOf<EventOf<M>>();
      if (event.type === 'NOTE') expectTypeOf(event.data).toEqualTypeOf<string>();
    });
    root.subscribeAll(() => {}, { scope: 'local' });
    root.subscribeAll(() => {}, { scope: 'root/workflow-*/**' });
    // @ts-expect-error a scope is a string
    root.subscribeAll(() => {}, { scope: 3 });
    const stream = root.stream({ scope: 'root/workflow-*', types: ['NOTE'] }, { bufferSize: 10 });
    stream.close();
    root.stream({ scope: 'local', sinceSeq: 0 });
  });

  test('the rest of the bus surface is on the scoped bus', async () => {
    const root = ScopedEventBus.root(Events);
    expectTypeOf(await root.publishAsync('NOTE', 'x')).toEqualTypeOf<string>();
    // @ts-expect-error publishAsync checks payloads too
    void root.publishAsync('NOTE', 1);
    expectTypeOf(root.history()[0]!).toEqualTypeOf<EventOf<EventMapOf<typeof Events>>>();
    expectTypeOf(root.replay({ sinceSeq: 1 })).toEqualTypeOf<readonly EventOf<EventMapOf<typeof Events>>[]>();
    expectTypeOf(root.nextSeq('run-1', 'lane')).toEqualTypeOf<number>();
    expectTypeOf(root.historySize).toEqualTypeOf<number>();
    expectTypeOf(root.epoch).toEqualTypeOf<string>();
    expectTypeOf(root.subscriberCount).toEqualTypeOf<number>();
    expectTypeOf(root.disposed).toEqualTypeOf<boolean>();
  });
});

describe('types of waitFor and typed metadata on a tree', () => {
  test('waitFor with scope resolves with the type’s event; a child of a traced root keeps its metadata', async () => {
    const { defineEvents, event, eventMetadata } = await import('@mesh/bus');
    const root = ScopedEventBus.root(Events);
    const reply = await root.child('run').waitFor('WORKFLOW_NODE_ENTERED', { scope: 'local', timeout: 10 });
    expectTypeOf(reply.type).toEqualTypeOf<'WORKFLOW_NODE_ENTERED'>();
    expectTypeOf(reply.data).toEqualTypeOf<{ node: string }>();
    expectTypeOf(root.stream({ types: ['NOTE'], scope: 'local' })).toEqualTypeOf<import('@mesh/bus').EventStream<Event<string> & { readonly type: 'NOTE' }>>();

    const Traced = defineEvents({ STEP: event<number>() }, { metadata: eventMetadata<{ traceId: string }>() });
    const traced = ScopedEventBus.root(Traced);
    traced.addMiddleware((draft) => void (draft.metadata.traceId = 't'));
    traced.child('a').subscribe('STEP', (event) => expectTypeOf(event.metadata.traceId).toEqualTypeOf<string>());
  });
});
