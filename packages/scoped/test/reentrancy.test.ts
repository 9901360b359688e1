import { BusClosedError } from '@mesh/bus';
import { describe, expect, test } from 'vitest';
import { ScopedEventBus } from '../src/index.js';
import { Events } from './fixtures.js';

describe('re-entrancy across a bus tree', () => {
  test('a root handler that disposes the child whose event it handles: the other handlers still get that event, the child is gone after', () => {
    const root = ScopedEventBus.root(Events);
    const child = root.child('wf');
    const trace: string[] = [];
    root.subscribe('NOTE', (e) => {
      trace.push(`root-1:${e.data}`);
      child.dispose();
    });
    root.subscribe('NOTE', (e) => void trace.push(`root-2:${e.data}`));
    child.publish('NOTE', 'last words');
    expect(trace).toEqual(['root-1:last words', 'root-2:last words']);
    expect(root.children).toEqual([]);
    expect(() => child.publish('NOTE', 'again')).toThrow(BusClosedError);
    expect(child.bus.subscriberCount).toBe(0);
  });

  test('handlers publishing back and forth between levels stop at the tree-wide depth limit, reported as HANDLER_ERROR', () => {
    const root = ScopedEventBus.root(Events);
    const child = root.child('wf');
    let hops = 0;
    const failures: string[] = [];
    root.subscribe('NOTE', (e) => {
      if (e.scope !== 'root') return;
      hops++;
      child.publish('NOTE', `hop ${hops}`);
    });
    child.subscribe('NOTE', () => {
      hops++;
      root.publish('NOTE', `hop ${hops}`);
    }, { scope: 'local' });
    root.subscribe('HANDLER_ERROR', (e) => void failures.push(e.data.error.name));
    root.publish('NOTE', 'start');
    expect(failures).toEqual(['RangeError']);
    expect(hops).toBe(65);
    const seqs = root.bus.history().map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  test("each level takes its snapshot of subscribers when the event reaches it: a child handler may change an ancestor's before its turn", () => {
    const root = ScopedEventBus.root(Events);
    const child = root.child('wf');
    const trace: string[] = [];
    const late = () => void trace.push('late');
    const victim = root.subscribe('NOTE', () => void trace.push('victim'));
    child.subscribe('NOTE', (e) => {
      trace.push(`child:${e.data}`);
      if (e.data === 'first') {
        root.subscribe('NOTE', late);
        victim();
      }
    });
    child.publish('NOTE', 'first');
    child.publish('NOTE', 'second');
    // The root's turn comes after the child's handlers ran: it already has `late` and no longer `victim`.
    expect(trace).toEqual(['child:first', 'late', 'child:second', 'late']);
  });
});
