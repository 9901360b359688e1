import { expect, test } from 'vitest';
import { heapAfterCollection } from '../../../test-support/gc.js';
import { ScopedEventBus } from '../src/index.js';
import { Events } from './fixtures.js';

test('10,000 workflows each creating, using and disposing a child bus leave nothing behind', async () => {
  const root = ScopedEventBus.root(Events, { historyLimit: 50 });
  let seen = 0;
  root.subscribe('WORKFLOW_NODE_ENTERED', () => seen++, { scope: 'root/*/**' });
  const startSubscribers = root.bus.subscriberCount;

  const runWorkflows = (from: number, count: number) => {
    for (let i = from; i < from + count; i++) {
      const workflow = root.child(`workflow-${i}`);
      const node = workflow.child('node-1');
      workflow.subscribe('WORKFLOW_NODE_ENTERED', () => {});
      const stream = node.bus.stream();
      node.publish('WORKFLOW_NODE_ENTERED', { node: 'node-1' });
      workflow.publish('NOTE', 'done', { propagate: false });
      void stream.next();
      workflow.dispose();
    }
  };
  runWorkflows(0, 1000); // warm-up: compiled code and the root's full history ring in the baseline
  const before = await heapAfterCollection();
  runWorkflows(1000, 10_000);
  const after = await heapAfterCollection();

  expect(seen).toBe(11_000);
  expect(root.children).toEqual([]);
  expect(root.bus.subscriberCount).toBe(startSubscribers);
  expect(after - before).toBeLessThan(3 * 1024 * 1024);
}, 60_000);
