import { describe, expect, test } from 'vitest';
import { BusClosedError } from '@mesh/bus';
import { ScopedEventBus } from '../src/index.js';
import { Events } from './fixtures.js';

describe('ScopedEventBus.addInstrumentation: tree-wide like middleware (rule 6)', () => {
  test('on the root it covers every bus of the tree, children created later too; the remover takes it off the subtree', () => {
    const root = ScopedEventBus.root(Events);
    const workflow = root.child('workflow-1');
    const log: string[] = [];
    const remove = root.addInstrumentation({
      publish: () => ({ stored: (stored) => void log.push(`stored ${stored.scope} #${stored.seq}`) }),
      handle: (e, handler) => (log.push(`handle at ${e.scope}`), handler(e)),
    });
    const node = workflow.child('node-3');
    node.subscribe('NOTE', () => {}, { scope: 'local' });
    node.publish('NOTE', 'n');
    expect(log).toEqual(['stored root/workflow-1/node-3 #1', 'handle at root/workflow-1/node-3']);
    remove();
    node.publish('NOTE', 'n');
    expect(log).toHaveLength(2);
  });

  test('scope local covers this bus only; a disposed bus refuses', () => {
    const root = ScopedEventBus.root(Events);
    const child = root.child('c');
    const seen: (string | undefined)[] = [];
    root.addInstrumentation({ publish: (e) => void seen.push(e.scope) }, { scope: 'local' });
    child.publish('NOTE', 'n');
    root.publish('NOTE', 'n');
    expect(seen).toEqual(['root']);
    child.dispose();
    expect(() => child.addInstrumentation({ publish: () => {} })).toThrow(BusClosedError);
  });
});
