import { BusClosedError, type Event } from '@mesh/bus';
import { describe, expect, test } from 'vitest';
import { ScopedEventBus } from '../src/index.js';
import { Events } from './fixtures.js';

describe('ScopedEventBus.waitFor (scoped rule 7, bus rule 13 on a tree)', () => {
  test('by default a level waits for its own and its descendants’ events', async () => {
    const root = ScopedEventBus.root(Events, { name: 'shop' });
    const order = root.child('order-1');
    const step = order.child('payment');
    const onRoot = root.waitFor('NOTE');
    const onOrder = order.waitFor('NOTE');
    step.publish('NOTE', 'captured');
    const [a, b] = await Promise.all([onRoot, onOrder]);
    expect(a).toBe(b); // one event, seen at both levels
    expect(a).toMatchObject({ data: 'captured', scope: 'shop/order-1/payment' });
    expect(root.subscriberCount + order.subscriberCount + step.subscriberCount).toBe(0);
  });

  test("scope 'local' takes only the level's own events; a glob takes the origins it matches", async () => {
    const root = ScopedEventBus.root(Events, { name: 'shop' });
    const one = root.child('order-1');
    const two = root.child('order-2');
    const local = root.waitFor('NOTE', { scope: 'local' });
    const fromTwo = root.waitFor('NOTE', { scope: 'shop/order-2/**' });
    one.publish('NOTE', 'from one');
    two.publish('NOTE', 'from two');
    root.publish('NOTE', 'from root');
    expect((await local).data).toBe('from root');
    expect((await fromTwo).data).toBe('from two');
  });

  test('sinceSeq looks in the level’s history first, scope applied', async () => {
    const root = ScopedEventBus.root(Events, { name: 'shop' });
    const one = root.child('order-1');
    const two = root.child('order-2');
    two.publish('NOTE', 'two');
    one.publish('NOTE', 'one');
    const found = await root.waitFor('NOTE', { sinceSeq: 0, scope: 'shop/order-1' });
    expect(found.data).toBe('one');
    expect(root.subscriberCount).toBe(0);
  });

  test('a workflow awaits the reply of a step published from a handler on another level', async () => {
    const root = ScopedEventBus.root(Events, { name: 'shop' });
    const workflow = root.child('order-9');
    root.subscribe('WORKFLOW_STARTED', (event) => {
      if (event.scope === workflow.path) workflow.publish('WORKFLOW_NODE_ENTERED', { node: 'pay' });
    });
    let reply: Promise<Event<{ node: string }>> | undefined;
    workflow.subscribe('WORKFLOW_STARTED', (event) => {
      reply = workflow.waitFor('WORKFLOW_NODE_ENTERED', { sinceSeq: event.seq, scope: 'local', timeout: 1000 });
    });
    workflow.publish('WORKFLOW_STARTED', { id: '9' });
    expect((await reply!).data).toEqual({ node: 'pay' });
  });

  test('disposing a child rejects its pending waits with BusClosedError, and the root’s wait goes on', async () => {
    const root = ScopedEventBus.root(Events, { name: 'shop' });
    const child = root.child('run');
    const onChild = child.waitFor('NOTE');
    const onRoot = root.waitFor('NOTE');
    child.dispose();
    await expect(onChild).rejects.toBeInstanceOf(BusClosedError);
    root.publish('NOTE', 'still here');
    expect((await onRoot).data).toBe('still here');
    await expect(child.waitFor('NOTE')).rejects.toBeInstanceOf(BusClosedError);
  });

  test('a bad scope is refused at the call', () => {
    const root = ScopedEventBus.root(Events);
    expect(() => root.waitFor('NOTE', { scope: 42 as never })).toThrow(TypeError);
    expect(root.subscriberCount).toBe(0);
  });
});
