import { describe, expectTypeOf, test } from 'vitest';
import type { Event } from '@mesh/bus';
import { ScopedEventBus } from '../src/index.js';
import { Events, NodeEvents } from './fixtures.js';

describe('types of @mesh/scoped', () => {
  test("a child's extended map is typed", () => {
    const root = ScopedEventBus.root(Events);
    const node = root.child('node', NodeEvents);
    node.subscribe('TOOL_OUTPUT', (event) => expectTypeOf(event).toEqualTypeOf<Event<{ text: string }>>());
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
});
