import { defineEvents, event } from '@mesh/bus';

/** The registry of a workflow engine's root. */
export const Events = defineEvents({
  WORKFLOW_STARTED: event<{ id: string }>(),
  WORKFLOW_NODE_ENTERED: event<{ node: string }>(),
  NOTE: event<string>(),
});

/** A child registry that extends the root's with a type of its own. */
export const NodeEvents = defineEvents({
  WORKFLOW_STARTED: event<{ id: string }>(),
  WORKFLOW_NODE_ENTERED: event<{ node: string }>(),
  NOTE: event<string>(),
  TOOL_OUTPUT: event<{ text: string }>(),
});
