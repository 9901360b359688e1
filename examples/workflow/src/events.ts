import { defineEvents, event } from '@mesh/bus';

/** What the engine and its workflows report. */
export const WorkflowEvent = defineEvents({
  WORKFLOW_STARTED: event<{ workflow: string; nodes: number }>(),
  WORKFLOW_NODE_ENTERED: event<{ node: string }>(),
  WORKFLOW_NODE_EXITED: event<{ node: string; output: string }>(),
  WORKFLOW_FINISHED: event<{ workflow: string }>({ terminal: true }),
});

/** A node's own registry: the engine's types plus its private progress ticks. */
export const NodeEvent = defineEvents({
  WORKFLOW_STARTED: event<{ workflow: string; nodes: number }>(),
  WORKFLOW_NODE_ENTERED: event<{ node: string }>(),
  WORKFLOW_NODE_EXITED: event<{ node: string; output: string }>(),
  WORKFLOW_FINISHED: event<{ workflow: string }>({ terminal: true }),
  NODE_PROGRESS: event<{ percent: number }>({ visibility: 'debug' }),
});
