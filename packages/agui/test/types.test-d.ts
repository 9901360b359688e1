import { describe, expectTypeOf, test } from 'vitest';
import type { RunAgentInput, TextMessageContentEvent } from '@ag-ui/core';
import type { Event, EventMapOf } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { AgUiEvents, aguiHandler, type AgUiEventMap, type AgUiEventType, type AgUiPayload } from '../src/index.js';

describe('types of @mesh/agui', () => {
  test('the registry names every AG-UI event type, each payload the event without type', () => {
    expectTypeOf(AgUiEvents.TEXT_MESSAGE_CONTENT).toEqualTypeOf<'TEXT_MESSAGE_CONTENT'>();
    expectTypeOf<EventMapOf<typeof AgUiEvents>>().toEqualTypeOf<AgUiEventMap>();
    expectTypeOf<AgUiEventMap['TEXT_MESSAGE_CONTENT']>().toEqualTypeOf<AgUiPayload<'TEXT_MESSAGE_CONTENT'>>();
    expectTypeOf<AgUiPayload<'TEXT_MESSAGE_CONTENT'>>().toEqualTypeOf<Omit<TextMessageContentEvent, 'type'>>();
    expectTypeOf<'RUN_STARTED'>().toExtend<AgUiEventType>();
    expectTypeOf<AgUiPayload<'RUN_ERROR'>>().toHaveProperty('message').toEqualTypeOf<string>();
  });

  test('publishing checks payloads at compile time', () => {
    const root = ScopedEventBus.root(AgUiEvents);
    root.publish('TEXT_MESSAGE_CONTENT', { messageId: 'm', delta: 'hi' });
    root.publish('STATE_DELTA', { delta: [{ op: 'add', path: '/a', value: 1 }] });
    // @ts-expect-error messageId is required
    root.publish('TEXT_MESSAGE_CONTENT', { delta: 'hi' });
    // @ts-expect-error delta is a string
    root.publish('TEXT_MESSAGE_CONTENT', { messageId: 'm', delta: 1 });
    // @ts-expect-error not an AG-UI event type
    root.publish('TEXT_MESSAGE', { messageId: 'm' });
    root.subscribe('TOOL_CALL_START', (event) => {
      expectTypeOf(event).toExtend<Event<AgUiPayload<'TOOL_CALL_START'>>>();
      expectTypeOf(event.data.toolCallName).toEqualTypeOf<string>();
    });
  });

  test("aguiHandler's run gets the input, the run's bus and a signal; the handler is a Fetch API handler", () => {
    const root = ScopedEventBus.root(AgUiEvents);
    const handler = aguiHandler(root, {
      run: async (input, run, signal) => {
        expectTypeOf(input).toEqualTypeOf<RunAgentInput>();
        expectTypeOf(run).toEqualTypeOf<ScopedEventBus<AgUiEventMap>>();
        expectTypeOf(signal).toEqualTypeOf<AbortSignal>();
        return 'any result';
      },
      visibility: 'internal',
    });
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
    // @ts-expect-error run is required
    aguiHandler(root, {});
    // @ts-expect-error not a visibility
    aguiHandler(root, { run: () => undefined, visibility: 'secret' });
  });
});
