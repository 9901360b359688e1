import { defineEvents, event, eventMetadata } from '@mesh/bus';

/** What the engine's one root middleware stamps on every event. */
export type WorkflowMetadata = { tenant: string; correlationId: string };

/** What the engine and its workflows report. */
export const WorkflowEvent = defineEvents({
  WORKFLOW_STARTED: event<{ workflow: string; nodes: number }>(),
  WORKFLOW_NODE_ENTERED: event<{ node: string }>(),
  WORKFLOW_NODE_EXITED: event<{ node: string; output: string }>(),
  WORKFLOW_FINISHED: event<{ workflow: string }>({ terminal: true }),
  NODE_WORK_DONE: event<{ path: string; output: string }>({ doc: "A worker's reply to a node it was asked to run." }),
}, { metadata: eventMetadata<WorkflowMetadata>() });

/** A node's own registry: the engine's types plus its private progress ticks. */
export const NodeEvent = defineEvents({
  WORKFLOW_STARTED: event<{ workflow: string; nodes: number }>(),
  WORKFLOW_NODE_ENTERED: event<{ node: string }>(),
  WORKFLOW_NODE_EXITED: event<{ node: string; output: string }>(),
  WORKFLOW_FINISHED: event<{ workflow: string }>({ terminal: true }),
  NODE_WORK_DONE: event<{ path: string; output: string }>({ doc: "A worker's reply to a node it was asked to run." }),
  NODE_PROGRESS: event<{ percent: number }>({ visibility: 'debug' }),
}, { metadata: eventMetadata<WorkflowMetadata>() });
