import { describe, expect, test } from 'vitest';
import { EventBus, defineEvents, event, eventMetadata } from '../src/index.js';

describe('declared metadata (defineEvents option)', () => {
  const Traced = defineEvents({ ORDER_PLACED: event<{ id: string }>() }, { metadata: eventMetadata<{ correlationId: string }>() });

  test('a registry with a declared shape is an ordinary registry at run time', () => {
    expect(Object.keys(Traced)).toEqual(['ORDER_PLACED', 'HANDLER_ERROR']);
    expect(Object.getOwnPropertySymbols(Traced)).toEqual([]);
  });

  test('what the middleware writes is what handlers read', async () => {
    const bus = new EventBus(Traced);
    bus.addMiddleware((draft) => {
      if (draft.type === 'ORDER_PLACED') draft.metadata.correlationId = `c-${draft.data.id}`;
    });
    const placed = bus.waitFor('ORDER_PLACED');
    bus.publish('ORDER_PLACED', { id: '7' });
    expect((await placed).metadata).toEqual({ correlationId: 'c-7' });
  });

  test('options other than { metadata: eventMetadata() } are refused', () => {
    expect(() => defineEvents({ A: event() }, { metadata: { correlationId: 'string' } as never })).toThrow(
      new TypeError('defineEvents: options must be { metadata?: eventMetadata<Shape>() }, got an object'),
    );
    expect(() => defineEvents({ A: event() }, null as never)).toThrow(TypeError);
  });
});
