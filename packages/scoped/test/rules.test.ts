import { describe, expect, test } from 'vitest';
import type { Event } from '@mesh/bus';
import { ScopedEventBus } from '../src/index.js';
import { Events, NodeEvents } from './fixtures.js';

/** A root, a workflow child and a node grandchild. */
function tree() {
  const root = ScopedEventBus.root(Events);
  const workflow = root.child('workflow-1');
  const node = workflow.child('node-3');
  return { root, workflow, node };
}

describe('API rules of @mesh/scoped (packages/scoped/README.md, Rules)', () => {
  test('rule 1: publish delivers locally, then to each ancestor: one event, one id, scope = origin path', () => {
    const { root, workflow, node } = tree();
    const seen: Array<[string, Event<string>]> = [];
    root.subscribe('NOTE', (e) => void seen.push(['root', e]));
    workflow.subscribe('NOTE', (e) => void seen.push(['workflow', e]));
    node.subscribe('NOTE', (e) => void seen.push(['node', e]));
    const id = node.publish('NOTE', 'hello');
    expect(seen.map(([level]) => level)).toEqual(['node', 'workflow', 'root']);
    expect(new Set(seen.map(([, e]) => e))).toEqual(new Set([seen[0]![1]]));
    expect(seen[0]![1].id).toBe(id);
    expect(seen[0]![1].scope).toBe('root/workflow-1/node-3');
  });

  test('rule 1: a handler on the root sees a grandchild event once, with the id the grandchild saw', () => {
    const { root, node } = tree();
    const rootIds: string[] = [];
    const nodeIds: string[] = [];
    root.subscribe('NOTE', (e) => void rootIds.push(e.id));
    node.subscribe('NOTE', (e) => void nodeIds.push(e.id));
    node.publish('NOTE', 'x');
    expect(rootIds).toEqual(nodeIds);
    expect(rootIds).toHaveLength(1);
  });

  test('epoch: one per tree, the root\'s, on every level and its local bus; another tree has another', () => {
    const { root, workflow, node } = tree();
    expect(root.epoch).toMatch(/^[0-9a-f]{8}$/);
    expect([workflow.epoch, node.epoch, root.bus.epoch, node.bus.epoch]).toEqual([root.epoch, root.epoch, root.epoch, root.epoch]);
    expect(root.child('later').epoch).toBe(root.epoch);
    expect(tree().root.epoch).not.toBe(root.epoch);
  });

  test('rule 1: propagate: false keeps an event on its bus', () => {
    const { root, node } = tree();
    let rootCalls = 0;
    root.subscribe('NOTE', () => rootCalls++);
    node.publish('NOTE', 'private', { propagate: false });
    expect(rootCalls).toBe(0);
    expect(root.bus.historySize).toBe(0);
    expect(node.bus.history().map((e) => e.data)).toEqual(['private']);
  });

  test('rule 2: a type only the child knows is not propagated past ancestors that do not know it', () => {
    const root = ScopedEventBus.root(Events);
    const workflow = root.child('wf', NodeEvents);
    const node = workflow.child('node', NodeEvents);
    const seen: string[] = [];
    workflow.subscribe('TOOL_OUTPUT', (e) => void seen.push(`workflow:${e.data.text}`));
    root.bus.subscribeAll((e) => void seen.push(`root:${e.type}`));
    node.publish('TOOL_OUTPUT', { text: 'ok' });
    node.publish('NOTE', 'shared');
    expect(seen).toEqual(['workflow:ok', 'root:NOTE']);
    expect(root.bus.history().map((e) => e.type)).toEqual(['NOTE']);
    expect(workflow.bus.history().map((e) => e.type)).toEqual(['TOOL_OUTPUT', 'NOTE']);
  });

  test("rule 3: scope 'local' sees only events published on that bus; the default 'subtree' sees descendants' too", () => {
    const { root, workflow, node } = tree();
    const local: string[] = [];
    const subtree: string[] = [];
    root.subscribe('NOTE', (e) => void local.push(e.data), { scope: 'local' });
    root.subscribe('NOTE', (e) => void subtree.push(e.data));
    root.publish('NOTE', 'from root');
    workflow.publish('NOTE', 'from workflow');
    node.publish('NOTE', 'from node');
    expect(local).toEqual(['from root']);
    expect(subtree).toEqual(['from root', 'from workflow', 'from node']);
  });

  test('rule 3: a glob filters by origin path, matching exactly the intended subtrees', () => {
    const root = ScopedEventBus.root(Events);
    const wf1 = root.child('workflow-1');
    const wf2 = root.child('workflow-2');
    const other = root.child('cron');
    const wf1node = wf1.child('node-1');
    const otherNode = other.child('workflow-3');
    const seen: Record<string, string[]> = { all: [], direct: [], nodes: [] };
    root.subscribe('NOTE', (e) => void seen.all!.push(e.scope!), { scope: 'root/workflow-*/**' });
    root.subscribe('NOTE', (e) => void seen.direct!.push(e.scope!), { scope: 'root/workflow-*' });
    root.subscribe('NOTE', (e) => void seen.nodes!.push(e.scope!), { scope: 'root/*/node-*' });
    for (const bus of [root, wf1, wf2, other, wf1node, otherNode]) bus.publish('NOTE', bus.path);
    expect(seen).toEqual({
      all: ['root/workflow-1', 'root/workflow-2', 'root/workflow-1/node-1'],
      direct: ['root/workflow-1', 'root/workflow-2'],
      nodes: ['root/workflow-1/node-1'],
    });
  });

  test('rule 3: a scope filter combines with a filter of the caller', () => {
    const { root, node } = tree();
    const seen: string[] = [];
    root.subscribe('NOTE', (e) => void seen.push(e.data), { scope: 'root/**', filter: (e) => e.data.startsWith('keep') });
    node.publish('NOTE', 'keep me');
    node.publish('NOTE', 'drop me');
    expect(seen).toEqual(['keep me']);
  });

  test('rule 4: dispose() removes subscriptions, disposes descendants and detaches from the parent', async () => {
    const { root, workflow, node } = tree();
    const rootStart = root.bus.subscriberCount;
    workflow.subscribe('NOTE', () => {});
    node.subscribe('NOTE', () => {});
    const stream = node.bus.stream();
    expect(root.children).toEqual([workflow]);
    workflow.dispose();
    expect(root.children).toEqual([]);
    expect(workflow.disposed && node.disposed).toBe(true);
    expect(workflow.bus.subscriberCount + node.bus.subscriberCount).toBe(0);
    expect(root.bus.subscriberCount).toBe(rootStart);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    root.publish('NOTE', 'still works');
    expect(root.bus.historySize).toBe(1);
  });

  test('rule 5: interleaved publishes on root, child and grandchild get strictly increasing seqs in publish order, the same at every level', () => {
    const { root, workflow, node } = tree();
    const order = [root, node, workflow, node, root, workflow, node, node, root];
    order.forEach((bus, i) => bus.publish('NOTE', `${i}`));
    const rootHistory = root.bus.history();
    expect(rootHistory.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rootHistory.map((e) => e.data)).toEqual(order.map((_, i) => `${i}`));
    for (const level of [workflow, node]) {
      for (const event of level.bus.history()) expect(rootHistory.find((e) => e.id === event.id)).toBe(event);
    }
    expect(node.bus.history().map((e) => e.seq)).toEqual([2, 4, 7, 8]);
    expect(workflow.bus.history().map((e) => e.seq)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(root.bus.replay({ sinceSeq: 6 }).map((e) => e.seq)).toEqual([7, 8, 9]);
    expect(workflow.bus.history({ sinceSeq: 4 }).map((e) => e.seq)).toEqual([6, 7, 8]);
  });

  test('rule 5: an event is recorded at every level before any handler runs', () => {
    const { root, node } = tree();
    const rootHistoryAtHandler: number[] = [];
    node.subscribe('NOTE', (e) => void rootHistoryAtHandler.push(root.bus.history().filter((h) => h.id === e.id).length));
    node.publish('NOTE', 'x');
    expect(rootHistoryAtHandler).toEqual([1]);
  });

  test('rule 5: a publish from a handler, on any bus of the tree, is delivered after the current event reached every level', () => {
    const { root, workflow, node } = tree();
    const trace: string[] = [];
    node.subscribe('NOTE', (e) => {
      trace.push(`node:${e.data}`);
      if (e.data === 'first') root.publish('NOTE', 'from handler');
    });
    workflow.subscribe('NOTE', (e) => void trace.push(`workflow:${e.data}`));
    root.subscribe('NOTE', (e) => void trace.push(`root:${e.data}`));
    node.publish('NOTE', 'first');
    expect(trace).toEqual(['node:first', 'workflow:first', 'root:first', 'root:from handler']);
  });

  test('rule 5: async middleware in flight on one bus never holds up publishes on the others; each bus keeps its own order', async () => {
    const { root, node } = tree();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    node.bus.addMiddleware(async (draft) => {
      if (draft.data === 'slow') await gate;
    });
    const slow = node.bus.publishAsync('NOTE', 'slow');
    node.publish('NOTE', 'after slow, same bus');
    root.publish('NOTE', 'root, meanwhile');
    expect(root.bus.history().map((e) => [e.seq, e.data])).toEqual([[1, 'root, meanwhile']]);
    release();
    await slow;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(root.bus.history().map((e) => [e.seq, e.data])).toEqual([
      [1, 'root, meanwhile'],
      [2, 'slow'],
      [3, 'after slow, same bus'],
    ]);
    expect(node.bus.history().map((e) => e.seq)).toEqual([2, 3]);
  });

  test('a failing handler anywhere reaches a root monitor as HANDLER_ERROR', () => {
    const { root, node } = tree();
    const failures: string[] = [];
    root.subscribe('HANDLER_ERROR', (e) => void failures.push(`${e.scope}: ${e.data.error.message}`));
    node.subscribe('NOTE', () => {
      throw new Error('node handler broke');
    });
    node.publish('NOTE', 'x');
    expect(failures).toEqual(['root/workflow-1/node-3: node handler broke']);
  });

  test('names, paths, parents and default names', () => {
    const root = ScopedEventBus.root(Events, { name: 'engine' });
    const a = root.child();
    const b = a.child('b');
    expect(root.path).toBe('engine');
    expect(a.name).toMatch(/^[a-z0-9]{8}$/);
    expect(b.path).toBe(`engine/${a.name}/b`);
    expect(b.parent).toBe(a);
    expect(root.parent).toBeUndefined();
    expect(a.children).toEqual([b]);
  });
});
