import { describe, expect, test } from 'vitest';
import { EventBus } from '../src/index.js';
import { createChildBus, createRootBus } from '../src/internal.js';
import { EventType } from './fixtures.js';

describe('a bus as one level of a tree (the seam @mesh/scoped builds on)', () => {
  test('the levels of a tree draw seq from one counter', () => {
    const root = createRootBus(EventType, { path: 'p' });
    const a = createChildBus(root, EventType, 'p/a');
    const b = createChildBus(root, EventType, 'p/b');
    a.publish(EventType.TRACE, 1);
    b.publish(EventType.TRACE, 2);
    a.publish(EventType.TRACE, 3);
    expect(a.history().map((e) => e.seq)).toEqual([1, 3]);
    expect(b.history().map((e) => e.seq)).toEqual([2]);
    expect(root.history().map((e) => [e.seq, e.scope])).toEqual([[1, 'p/a'], [2, 'p/b'], [3, 'p/a']]);
  });

  test('an ancestor records the same event before any handler runs, and delivers it after the origin', () => {
    const parent = createRootBus(EventType, { path: 'p' });
    const child = createChildBus(parent, EventType, 'p/c');
    const trace: string[] = [];
    child.subscribe(EventType.TRACE, (e) => void trace.push(`child:${e.scope}:${parent.historySize}`));
    parent.subscribe(EventType.TRACE, (e) => void trace.push(`parent:${e.scope}`));
    child.publish(EventType.TRACE, 1);
    child.publish(EventType.TRACE, 2, { propagate: false });
    expect(trace).toEqual(['child:p/c:1', 'parent:p/c', 'child:p/c:1']);
    expect(parent.history()[0]).toBe(child.history()[0]);
  });

  test('a standalone bus stamps no scope, and closing a level closes the levels below it', () => {
    const plain = new EventBus(EventType);
    plain.publish(EventType.TRACE, 1);
    expect(plain.history()[0]!.scope).toBeUndefined();
    const root = createRootBus(EventType, { path: 'p' });
    const child = createChildBus(root, EventType, 'p/c');
    const grandchild = createChildBus(child, EventType, 'p/c/g');
    child.close();
    expect([root.closed, child.closed, grandchild.closed]).toEqual([false, true, true]);
    expect(() => createChildBus(child, EventType, 'p/c/x')).toThrow(/the parent is closed/);
  });
});
