import { describe, expectTypeOf, test } from 'vitest';
import { EventBus, defineEvents, event, type Event, type Instrumentation, type PublishWatch } from '../src/index.js';

const EventType = defineEvents({ ORDER_PLACED: event<{ id: string }>() });

describe('types of EventBus.addInstrumentation', () => {
  test('hooks see plain events; publish returns a watch or nothing; the remover is a function', () => {
    const bus = new EventBus(EventType);
    const remove = bus.addInstrumentation({
      publish(event) {
        expectTypeOf(event).toEqualTypeOf<Event>();
        return { metadata: { traceparent: 'x' }, stored: (stored) => expectTypeOf(stored.seq).toEqualTypeOf<number>() };
      },
      handle(event, handler) {
        expectTypeOf(handler).toEqualTypeOf<(event: Event) => unknown>();
        return handler(event);
      },
    });
    expectTypeOf(remove).toEqualTypeOf<() => void>();
    bus.addInstrumentation({ publish: () => {} }, { scope: 'local' });
    expectTypeOf<PublishWatch['rejected']>().toEqualTypeOf<((error: unknown) => void) | undefined>();
  });

  test('wrong shapes do not compile', () => {
    const bus = new EventBus(EventType);
    // @ts-expect-error a hook must be a function
    bus.addInstrumentation({ handle: true });
    // @ts-expect-error watch metadata is a record, not a string
    const watch: PublishWatch = { metadata: 'traceparent' };
    void watch;
    // @ts-expect-error scope is 'local' or 'subtree'
    bus.addInstrumentation({ publish: () => {} } satisfies Instrumentation, { scope: 'tree' });
  });
});
