import { describe, expect, test } from 'vitest';
import { EventBus, createEventLog } from '../src/index.js';
import { EventType } from './fixtures.js';

describe('buses sharing one ordered log (the base of @mesh/scoped)', () => {
  test('buses that share a log draw seq from one counter', () => {
    const log = createEventLog();
    const a = new EventBus(EventType, { log });
    const b = new EventBus(EventType, { log });
    a.publish(EventType.TRACE, 1);
    b.publish(EventType.TRACE, 2);
    a.publish(EventType.TRACE, 3);
    expect(a.history().map((e) => e.seq)).toEqual([1, 3]);
    expect(b.history().map((e) => e.seq)).toEqual([2]);
    expect(log.lastSeq).toBe(3);
  });

  test('a relay bus records the same event before any handler runs, and delivers it after the origin', () => {
    const log = createEventLog();
    const parent = new EventBus(EventType, { log, scope: 'p' });
    const child = new EventBus(EventType, { log, scope: 'p/c', relay: () => [parent as unknown as EventBus<never>] });
    const trace: string[] = [];
    child.subscribe(EventType.TRACE, (e) => void trace.push(`child:${e.scope}:${parent.historySize}`));
    parent.subscribe(EventType.TRACE, (e) => void trace.push(`parent:${e.scope}`));
    child.publish(EventType.TRACE, 1);
    child.publish(EventType.TRACE, 2, { propagate: false });
    expect(trace).toEqual(['child:p/c:1', 'parent:p/c', 'child:p/c:1']);
    expect(parent.history()[0]).toBe(child.history()[0]);
  });

  test('bad options', () => {
    expect(() => new EventBus(EventType, { log: { lastSeq: 0 } })).toThrow(new TypeError('EventBus: options.log must come from createEventLog(), got an object'));
    expect(() => new EventBus(EventType, { relay: [] as never })).toThrow(/options\.relay must be a function/);
    expect(() => new EventBus(EventType, { scope: 1 as never })).toThrow(/options\.scope must be a string/);
  });
});
