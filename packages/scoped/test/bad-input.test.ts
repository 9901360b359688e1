import { BusClosedError, defineEvents, event } from '@mesh/bus';
import { describe, expect, test } from 'vitest';
import { ScopedEventBus, compileScopeGlob } from '../src/index.js';
import { Events } from './fixtures.js';

describe('bad input', () => {
  test('publishing to, subscribing on, or creating a child of a disposed bus throws BusClosedError', () => {
    const root = ScopedEventBus.root(Events);
    const child = root.child('wf');
    child.dispose();
    expect(() => child.publish('NOTE', 'x')).toThrow(new BusClosedError('ScopedEventBus.publish: root/wf is disposed'));
    expect(() => child.subscribe('NOTE', () => {})).toThrow(BusClosedError);
    expect(() => child.child('x')).toThrow(BusClosedError);
    expect(() => child.bus.publish('NOTE', 'x')).toThrow(BusClosedError);
    child.dispose();
    root.dispose();
    expect(() => root.publish('NOTE', 'x')).toThrow(BusClosedError);
  });

  test.each([
    ['an empty name', ''],
    ['a name with a slash', 'a/b'],
    ['a number', 5],
  ])('a child with %s is a TypeError, and nothing is added', (_label, name) => {
    const root = ScopedEventBus.root(Events);
    expect(() => root.child(name as string)).toThrow(TypeError);
    expect(() => root.child(name as string)).toThrow(/a bus name must be a non-empty string without '\/'/);
    expect(root.children).toEqual([]);
    expect(() => ScopedEventBus.root(Events, { name: name as string })).toThrow(TypeError);
  });

  test('a duplicate child name under one parent is a clear error; the same name under another parent is fine', () => {
    const root = ScopedEventBus.root(Events);
    const first = root.child('wf');
    expect(() => root.child('wf')).toThrow('ScopedEventBus.child: root already has a child named "wf"; names are unique per parent so paths are unambiguous');
    expect(root.children).toEqual([first]);
    expect(first.child('wf').path).toBe('root/wf/wf');
    first.dispose();
    expect(root.child('wf').path).toBe('root/wf');
  });

  test("a child registry that lacks a parent's type is a TypeError", () => {
    const root = ScopedEventBus.root(Events);
    const Smaller = defineEvents({ NOTE: event<string>() });
    expect(() => root.child('x', Smaller as never)).toThrow(`ScopedEventBus.child: a child's registry must hold every type of its parent, and "WORKFLOW_STARTED" is missing`);
    expect(root.children).toEqual([]);
  });

  test('bad scopes and globs', () => {
    const root = ScopedEventBus.root(Events);
    expect(() => root.subscribe('NOTE', () => {}, { scope: 5 as never })).toThrow(TypeError);
    expect(() => root.subscribe('NOTE', () => {}, { scope: 'root/a**' })).toThrow(/'\*\*' must be a whole path segment/);
    expect(() => compileScopeGlob('', 'test')).toThrow(TypeError);
    expect(root.bus.subscriberCount).toBe(0);
  });

  test('unknown types and bad options are the bus errors', () => {
    const root = ScopedEventBus.root(Events);
    expect(() => root.publish('NOPE' as never, undefined as never)).toThrow(/unknown event type/);
    expect(() => root.publish('NOTE', 'x', { propagate: 'no' as never })).toThrow(/options\.propagate must be a boolean/);
    expect(() => ScopedEventBus.root(Events, 'x' as never)).toThrow(TypeError);
  });
});

describe('scope globs', () => {
  test.each([
    ['root/**', 'root', true],
    ['root/**', 'root/a/b/c', true],
    ['root/*', 'root', false],
    ['root/*', 'root/a', true],
    ['root/*', 'root/a/b', false],
    ['root/w-*/**', 'root/w-1/n/m', true],
    ['root/w-*/**', 'root/x-1/n', false],
    ['**/node-*', 'root/a/node-2', true],
    ['root/a.b', 'root/aXb', false],
    ['root/(a)', 'root/(a)', true],
  ])('%s against %s: %s', (glob, path, expected) => {
    expect(compileScopeGlob(glob, 'test')(path)).toBe(expected);
  });
});
