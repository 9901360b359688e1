import type { AGUIEvent, EventType } from '@ag-ui/core';
import * as schemas from '@ag-ui/core/schemas';
import { defineEvents, event, type EventSpec, type EventTypes, type PayloadMap } from '@mesh/bus';
import { payloadSchema } from './payload-schema.js';

/** The name of an AG-UI event type, as a string: `'RUN_STARTED'`, `'TEXT_MESSAGE_CONTENT'`… (the values of `@ag-ui/core`'s `EventType`). */
export type AgUiEventType = `${EventType}`;

/** The payload of an AG-UI event on a bus: the AG-UI event of that type without its `type` (the bus event's type says it). */
export type AgUiPayload<K extends AgUiEventType> = Omit<Extract<AGUIEvent, { type: K }>, 'type'>;

/** The payload map of {@link AgUiEvents}: every AG-UI event type to its payload, and the bus's own `HANDLER_ERROR`. */
export type AgUiEventMap = PayloadMap<{ readonly [K in AgUiEventType]: EventSpec<AgUiPayload<K>> }>;

/** `@ag-ui/core`'s schema of each event type (the whole event, `type` included). */
const EVENT_SCHEMAS: { readonly [K in AgUiEventType]: Parameters<typeof payloadSchema>[1] } = {
  TEXT_MESSAGE_START: schemas.TextMessageStartEventSchema,
  TEXT_MESSAGE_CONTENT: schemas.TextMessageContentEventSchema,
  TEXT_MESSAGE_END: schemas.TextMessageEndEventSchema,
  TEXT_MESSAGE_CHUNK: schemas.TextMessageChunkEventSchema,
  TOOL_CALL_START: schemas.ToolCallStartEventSchema,
  TOOL_CALL_ARGS: schemas.ToolCallArgsEventSchema,
  TOOL_CALL_END: schemas.ToolCallEndEventSchema,
  TOOL_CALL_CHUNK: schemas.ToolCallChunkEventSchema,
  TOOL_CALL_RESULT: schemas.ToolCallResultEventSchema,
  STATE_SNAPSHOT: schemas.StateSnapshotEventSchema,
  STATE_DELTA: schemas.StateDeltaEventSchema,
  MESSAGES_SNAPSHOT: schemas.MessagesSnapshotEventSchema,
  ACTIVITY_SNAPSHOT: schemas.ActivitySnapshotEventSchema,
  ACTIVITY_DELTA: schemas.ActivityDeltaEventSchema,
  RAW: schemas.RawEventSchema,
  CUSTOM: schemas.CustomEventSchema,
  RUN_STARTED: schemas.RunStartedEventSchema,
  RUN_FINISHED: schemas.RunFinishedEventSchema,
  RUN_ERROR: schemas.RunErrorEventSchema,
  STEP_STARTED: schemas.StepStartedEventSchema,
  STEP_FINISHED: schemas.StepFinishedEventSchema,
  REASONING_START: schemas.ReasoningStartEventSchema,
  REASONING_MESSAGE_START: schemas.ReasoningMessageStartEventSchema,
  REASONING_MESSAGE_CONTENT: schemas.ReasoningMessageContentEventSchema,
  REASONING_MESSAGE_END: schemas.ReasoningMessageEndEventSchema,
  REASONING_MESSAGE_CHUNK: schemas.ReasoningMessageChunkEventSchema,
  REASONING_END: schemas.ReasoningEndEventSchema,
  REASONING_ENCRYPTED_VALUE: schemas.ReasoningEncryptedValueEventSchema,
  SUBAGENT_STARTED: schemas.SubagentStartedEventSchema,
  SUBAGENT_FINISHED: schemas.SubagentFinishedEventSchema,
  SUBAGENT_ERROR: schemas.SubagentErrorEventSchema,
};

/** The event types that end a run: nothing of the run follows them. */
export const TERMINAL_TYPES: ReadonlySet<string> = new Set<AgUiEventType>(['RUN_FINISHED', 'RUN_ERROR']);

/** A spec per AG-UI event type, its payload checked by the type's schema. */
function specsOf(): { readonly [K in AgUiEventType]: EventSpec<AgUiPayload<K>> } {
  const specs: Record<string, EventSpec<unknown>> = {};
  for (const [type, schema] of Object.entries(EVENT_SCHEMAS)) {
    specs[type] = event<unknown>({ schema: payloadSchema(type, schema), terminal: TERMINAL_TYPES.has(type), doc: `The AG-UI ${type} event (its payload is the event without \`type\`).` });
  }
  return specs as unknown as { readonly [K in AgUiEventType]: EventSpec<AgUiPayload<K>> };
}

/**
 * Every AG-UI event type as an `@mesh` registry: `AgUiEvents.TEXT_MESSAGE_CONTENT
 * === 'TEXT_MESSAGE_CONTENT'`, each typed with its payload, the AG-UI event
 * without `type`. Every payload is checked with `@ag-ui/core`'s schema for its
 * type when it is published, so a malformed event is refused at `publish`
 * (an `EventValidationError` carrying the schema's issues) and never
 * streamed. `RUN_FINISHED` and `RUN_ERROR` are terminal. Every type is
 * `public` by default; publish with `{ visibility: 'internal' }` (or
 * `'debug'`) what must stay on the server.
 *
 * ```ts
 * const root = ScopedEventBus.root(AgUiEvents);
 * root.publish(AgUiEvents.STEP_STARTED, { stepName: 'plan' });
 * ```
 */
export const AgUiEvents: EventTypes<AgUiEventMap> = defineEvents(specsOf());

/** The AG-UI event type names, in the order of `@ag-ui/core`'s `EventType`. */
export const AG_UI_TYPES: readonly AgUiEventType[] = Object.keys(EVENT_SCHEMAS) as AgUiEventType[];
