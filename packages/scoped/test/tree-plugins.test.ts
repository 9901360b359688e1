import { describe, expect, test } from 'vitest';
import { EventRejectedError, type Event } from '@mesh/bus';
import { ScopedEventBus } from '../src/index.js';
import { Events, NodeEvents } from './fixtures.js';

/** A root, a workflow child and a node grandchild. */
function tree() {
  const root = ScopedEventBus.root(Events);
  const workflow = root.child('workflow-1');
  const node = workflow.child('node-3');
  return { root, workflow, node };
}

/** A promise with its resolver, to hold an async step until the test opens it. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The error a call throws (the test fails if it throws nothing). */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Counts handler calls on every level of a tree, for every type. */
function countDeliveries(...levels: ReadonlyArray<ScopedEventBus<any>>) {
  const counts = { calls: 0 };
  for (const level of levels) {
    level.bus.subscribeAll(() => void counts.calls++);
    level.subscribe('NOTE', () => void counts.calls++, { scope: 'local' });
  }
  return counts;
}

describe('@mesh/scoped rule 6: tree-wide middleware and guards', () => {
  test('rule 6: an event runs the middleware of its origin and its ancestors, root first, each chain in the order added', () => {
    const { root, workflow, node } = tree();
    const calls: string[] = [];
    // Added bottom-up on purpose: the order is root first by level, not by when a plugin was added.
    node.addMiddleware((draft) => {
      calls.push('node');
      draft.metadata.trail = [...((draft.metadata.trail as string[] | undefined) ?? []), 'node'];
    });
    workflow.addMiddleware((draft) => {
      calls.push('workflow');
      draft.metadata.trail = [...((draft.metadata.trail as string[] | undefined) ?? []), 'workflow'];
    });
    root.addMiddleware((draft) => {
      calls.push('root-1');
      draft.metadata.trail = [...((draft.metadata.trail as string[] | undefined) ?? []), 'root-1'];
    });
    root.addMiddleware((draft) => {
      calls.push('root-2');
      draft.metadata.trail = [...((draft.metadata.trail as string[] | undefined) ?? []), 'root-2'];
    });

    node.publish('NOTE', 'from node');
    expect(calls).toEqual(['root-1', 'root-2', 'workflow', 'node']);
    expect(root.bus.history()[0]!.metadata.trail).toEqual(['root-1', 'root-2', 'workflow', 'node']);

    calls.length = 0;
    workflow.publish('NOTE', 'from workflow');
    expect(calls).toEqual(['root-1', 'root-2', 'workflow']);

    calls.length = 0;
    root.publish('NOTE', 'from root');
    expect(calls).toEqual(['root-1', 'root-2']);
  });

  test('rule 6: the guards of the origin and its ancestors run root first, all of them before any middleware', () => {
    const { root, workflow, node } = tree();
    const trace: string[] = [];
    for (const [name, level] of [['node', node], ['root', root], ['workflow', workflow]] as const) {
      level.addMiddleware(() => void trace.push(`middleware:${name}`));
      level.addGuard(() => {
        trace.push(`guard:${name}`);
        return undefined;
      });
    }
    node.publish('NOTE', 'x');
    expect(trace).toEqual(['guard:root', 'guard:workflow', 'guard:node', 'middleware:root', 'middleware:workflow', 'middleware:node']);
  });

  test("rule 6: an ancestor's guard rejects a grandchild's publish with EventRejectedError: nothing stored at any level, no handler, no middleware", () => {
    const { root, workflow, node } = tree();
    const deliveries = countDeliveries(root, workflow, node);
    let middlewareCalls = 0;
    node.addMiddleware(() => void middlewareCalls++);
    root.addGuard((event) => (event.data === 'secret' ? 'no secrets leave a workflow' : undefined));

    const error = thrownBy(() => node.publish('NOTE', 'secret'));
    expect(error).toBeInstanceOf(EventRejectedError);
    expect((error as EventRejectedError).reason).toBe('no secrets leave a workflow');
    expect([root.historySize, workflow.historySize, node.historySize]).toEqual([0, 0, 0]);
    expect([root.bus.historySize, workflow.bus.historySize, node.bus.historySize]).toEqual([0, 0, 0]);
    expect(deliveries.calls).toBe(0);
    expect(middlewareCalls).toBe(0);

    // The rejected publish took no seq: the next event is the tree's first.
    node.publish('NOTE', 'fine');
    expect(root.history().map((e) => [e.seq, e.data])).toEqual([[1, 'fine']]);
    expect(middlewareCalls).toBe(1);
  });

  test("rule 6: a guard on a middle bus rejects its descendants' publishes, not its ancestors'", () => {
    const { root, workflow, node } = tree();
    workflow.addGuard((event) => (event.data === 'blocked' ? 'blocked in workflow-1' : undefined));
    expect(() => node.publish('NOTE', 'blocked')).toThrow(EventRejectedError);
    expect(() => workflow.publish('NOTE', 'blocked')).toThrow(EventRejectedError);
    expect(() => root.publish('NOTE', 'blocked')).not.toThrow();
    expect(root.history().map((e) => e.scope)).toEqual(['root']);
    expect(workflow.historySize + node.historySize).toBe(0);
  });

  test("rule 6: an ancestor's middleware returning null drops the event everywhere: stored and delivered nowhere", () => {
    const { root, workflow, node } = tree();
    const deliveries = countDeliveries(root, workflow, node);
    let nodeMiddlewareCalls = 0;
    root.addMiddleware((draft) => (draft.type === 'NOTE' && draft.data === 'drop me' ? null : undefined));
    node.addMiddleware(() => void nodeMiddlewareCalls++);

    const id = node.publish('NOTE', 'drop me');
    expect(typeof id).toBe('string');
    expect([root.historySize, workflow.historySize, node.historySize]).toEqual([0, 0, 0]);
    expect(deliveries.calls).toBe(0);
    expect(nodeMiddlewareCalls).toBe(0); // the chain stops where the event was dropped

    node.publish('NOTE', 'keep me');
    expect([root.historySize, workflow.historySize, node.historySize]).toEqual([1, 1, 1]);
    expect(node.history()[0]!.seq).toBe(1);
  });

  test("rule 6: a throwing ancestor middleware rejects a descendant's publish with its error, and nothing is stored", () => {
    const { root, workflow, node } = tree();
    const boom = new Error('enrichment failed');
    root.addMiddleware(() => {
      throw boom;
    });
    expect(() => node.publish('NOTE', 'x')).toThrow(boom);
    expect([root.historySize, workflow.historySize, node.historySize]).toEqual([0, 0, 0]);
  });

  test("rule 6: scope 'local' middleware runs only for events published on its own bus", () => {
    const { root, workflow, node } = tree();
    const local: string[] = [];
    const subtree: string[] = [];
    workflow.addMiddleware((draft) => void local.push(draft.scope!), { scope: 'local' });
    workflow.addMiddleware((draft) => void subtree.push(draft.scope!), { scope: 'subtree' });
    root.publish('NOTE', 'r');
    workflow.publish('NOTE', 'w');
    node.publish('NOTE', 'n');
    expect(local).toEqual(['root/workflow-1']);
    expect(subtree).toEqual(['root/workflow-1', 'root/workflow-1/node-3']);
  });

  test("rule 6: scope 'local' guards reject only events published on their own bus", () => {
    const { root, workflow, node } = tree();
    workflow.addGuard(() => 'workflow-1 publishes nothing itself', { scope: 'local' });
    expect(() => workflow.publish('NOTE', 'w')).toThrow(EventRejectedError);
    expect(() => node.publish('NOTE', 'n')).not.toThrow();
    expect(() => root.publish('NOTE', 'r')).not.toThrow();
    expect(root.history().map((e) => e.data)).toEqual(['n', 'r']);
    expect(workflow.history().map((e) => e.data)).toEqual(['n']);
  });

  test("rule 6: the local bus's addMiddleware / addGuard are tree-wide by default too, and take scope 'local'", () => {
    const { root, node } = tree();
    const seen: string[] = [];
    root.bus.addMiddleware((draft) => void seen.push(`tree:${draft.scope}`));
    root.bus.addMiddleware((draft) => void seen.push(`local:${draft.scope}`), { scope: 'local' });
    root.bus.addGuard((event) => (event.data === 'root only' ? 'refused on the root' : undefined), { scope: 'local' });
    node.publish('NOTE', 'n');
    root.publish('NOTE', 'r');
    expect(seen).toEqual(['tree:root/workflow-1/node-3', 'tree:root', 'local:root']);
    expect(() => root.publish('NOTE', 'root only')).toThrow(EventRejectedError);
    expect(() => node.publish('NOTE', 'root only')).not.toThrow();
  });

  test("rule 6: a child created after a plugin was added gets its ancestors' plugins at once", () => {
    const root = ScopedEventBus.root(Events);
    root.addMiddleware((draft) => {
      draft.metadata.tenant = 'acme';
    });
    root.addGuard((event) => (event.data === 'forbidden' ? 'forbidden everywhere' : undefined));
    const late = root.child('late');
    const later = late.child('later');
    later.publish('NOTE', 'hello');
    expect(later.history()[0]!.metadata).toEqual({ tenant: 'acme' });
    expect(root.history()[0]!.metadata).toEqual({ tenant: 'acme' });
    expect(() => later.publish('NOTE', 'forbidden')).toThrow(EventRejectedError);
    expect(() => late.publish('NOTE', 'forbidden')).toThrow(EventRejectedError);
    expect(root.historySize).toBe(1);
  });

  test('rule 6: a remover takes the plugin off the whole subtree: children created before it, after it, and after the removal', () => {
    const root = ScopedEventBus.root(Events);
    const before = root.child('before');
    let middlewareCalls = 0;
    const removeMiddleware = root.addMiddleware(() => void middlewareCalls++);
    const removeGuard = root.addGuard((event) => (event.data === 'forbidden' ? 'no' : undefined));
    const after = root.child('after');
    const afterChild = after.child('deep');

    for (const bus of [root, before, after, afterChild]) bus.publish('NOTE', 'counted');
    expect(middlewareCalls).toBe(4);
    for (const bus of [root, before, after, afterChild]) expect(() => bus.publish('NOTE', 'forbidden')).toThrow(EventRejectedError);

    removeMiddleware();
    removeGuard();
    removeMiddleware(); // a second call changes nothing
    const afterRemoval = root.child('after-removal');
    for (const bus of [root, before, after, afterChild, afterRemoval]) {
      bus.publish('NOTE', 'not counted');
      expect(() => bus.publish('NOTE', 'forbidden')).not.toThrow();
    }
    expect(middlewareCalls).toBe(4);
  });

  test("rule 6: removing a child's plugin leaves its ancestors' plugins in place", () => {
    const { root, workflow, node } = tree();
    const calls: string[] = [];
    root.addMiddleware(() => void calls.push('root'));
    const removeWorkflow = workflow.addMiddleware(() => void calls.push('workflow'));
    removeWorkflow();
    node.publish('NOTE', 'x');
    expect(calls).toEqual(['root']);
  });

  test("rule 6: a type only a child's registry knows skips the chains of the ancestors that do not know it", () => {
    const root = ScopedEventBus.root(Events);
    const workflow = root.child('wf', NodeEvents);
    const node = workflow.child('node', NodeEvents);
    const calls: string[] = [];
    root.addGuard((event) => {
      calls.push(`guard:root:${event.type}`);
      return event.type === 'TOOL_OUTPUT' ? 'the root does not know TOOL_OUTPUT' : undefined;
    });
    root.addMiddleware((draft) => void calls.push(`middleware:root:${draft.type}`));
    workflow.addGuard((event) => void calls.push(`guard:wf:${event.type}`));
    workflow.addMiddleware((draft) => void calls.push(`middleware:wf:${draft.type}`));
    node.addMiddleware((draft) => void calls.push(`middleware:node:${draft.type}`));

    expect(() => node.publish('TOOL_OUTPUT', { text: 'ok' })).not.toThrow();
    expect(calls).toEqual(['guard:wf:TOOL_OUTPUT', 'middleware:wf:TOOL_OUTPUT', 'middleware:node:TOOL_OUTPUT']);
    expect(workflow.history().map((e) => e.type)).toEqual(['TOOL_OUTPUT']);
    expect(root.historySize).toBe(0);

    calls.length = 0;
    node.publish('NOTE', 'shared');
    expect(calls).toEqual(['guard:root:NOTE', 'guard:wf:NOTE', 'middleware:root:NOTE', 'middleware:wf:NOTE', 'middleware:node:NOTE']);
    expect(root.history().map((e) => e.type)).toEqual(['NOTE']);
  });

  test("rule 6: root.bus.addMiddleware(correlation) enriches the events of root.child('order-1'), in its handlers and in history at both levels", () => {
    const root = ScopedEventBus.root(Events);
    root.bus.addMiddleware((draft) => {
      draft.metadata.correlationId = draft.scope?.split('/')[1] ?? 'root';
    });
    const order = root.child('order-1');
    const seenByHandlers: Array<[string, unknown]> = [];
    order.subscribe('NOTE', (e) => void seenByHandlers.push(['order', e.metadata.correlationId]));
    root.subscribe('NOTE', (e) => void seenByHandlers.push(['root', e.metadata.correlationId]));

    order.publish('NOTE', 'paid');
    expect(seenByHandlers).toEqual([
      ['order', 'order-1'],
      ['root', 'order-1'],
    ]);
    expect(order.history().map((e) => e.metadata)).toEqual([{ correlationId: 'order-1' }]);
    expect(order.bus.history().map((e) => e.metadata)).toEqual([{ correlationId: 'order-1' }]);
    expect(root.history().map((e) => e.metadata)).toEqual([{ correlationId: 'order-1' }]);
    expect(root.bus.history().map((e) => e.metadata)).toEqual([{ correlationId: 'order-1' }]);
  });

  test('rule 6: an enriched event is one object at every level: middleware runs once, one id, one seq', () => {
    const { root, workflow, node } = tree();
    let runs = 0;
    root.addMiddleware((draft) => {
      draft.metadata.stamp = ++runs;
    });
    const seen: Array<Event<string>> = [];
    for (const level of [node, workflow, root]) level.subscribe('NOTE', (e) => void seen.push(e));
    root.publish('NOTE', 'before'); // takes seq 1, so the node's event is not trivially the first
    seen.length = 0;

    const id = node.publish('NOTE', 'enriched');
    expect(runs).toBe(2);
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
    expect(seen[0]!.id).toBe(id);
    expect(seen[0]!.seq).toBe(2);
    expect(seen[0]!.metadata).toEqual({ stamp: 2 });
    for (const level of [node, workflow, root]) expect(level.history().at(-1)).toBe(seen[0]);
  });

  test('rule 6 with rule 5: a root-installed async middleware waiting on one child never holds up publishes on its siblings', async () => {
    const root = ScopedEventBus.root(Events);
    const a = root.child('a');
    const b = root.child('b');
    const gate = deferred();
    // Waits only for child a's first event; synchronous for everything else.
    root.addMiddleware((draft) => (draft.scope === 'root/a' && draft.data === 'a-1' ? gate.promise : undefined));
    const delivered: string[] = [];
    b.subscribe('NOTE', (e) => void delivered.push(`b:${e.data}`));
    root.subscribe('NOTE', (e) => void delivered.push(`root:${e.data}`));

    const a1 = a.publishAsync('NOTE', 'a-1');
    const a2 = a.publishAsync('NOTE', 'a-2'); // behind a-1 on its own bus
    b.publish('NOTE', 'b-1');
    root.publish('NOTE', 'r-1');

    // b's and the root's events are stored and delivered while a's wait.
    expect(b.history().map((e) => [e.seq, e.data])).toEqual([[1, 'b-1']]);
    expect(root.history().map((e) => [e.seq, e.data])).toEqual([
      [1, 'b-1'],
      [2, 'r-1'],
    ]);
    expect(delivered).toEqual(['b:b-1', 'root:b-1', 'root:r-1']);
    expect(a.historySize).toBe(0);

    gate.resolve();
    await Promise.all([a1, a2]);
    expect(a.history().map((e) => [e.seq, e.data])).toEqual([
      [3, 'a-1'],
      [4, 'a-2'],
    ]);
    expect(root.history().map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  test('rule 6 with rule 5: an async middleware (always a promise) on one child never holds up a sibling: its publishAsync settles while the other waits', async () => {
    const root = ScopedEventBus.root(Events);
    const a = root.child('a');
    const b = root.child('b');
    const gate = deferred();
    root.addMiddleware(async (draft) => {
      if (draft.scope === 'root/a') await gate.promise;
      draft.metadata.enriched = true;
    });
    const fromB: Array<Event<string>> = [];
    b.subscribe('NOTE', (e) => void fromB.push(e));

    const slow = a.publishAsync('NOTE', 'a-1');
    const id = await b.publishAsync('NOTE', 'b-1'); // would never settle if b waited behind a
    expect(fromB.map((e) => [e.id, e.seq, e.metadata.enriched])).toEqual([[id, 1, true]]);
    expect(root.history().map((e) => e.data)).toEqual(['b-1']);
    expect(a.historySize).toBe(0);

    gate.resolve();
    await slow;
    expect(root.history().map((e) => [e.seq, e.data, e.metadata.enriched])).toEqual([
      [1, 'b-1', true],
      [2, 'a-1', true],
    ]);
  });
});
