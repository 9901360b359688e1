import { defineEvents, event } from '@mesh/bus';

/** What an agent run reports; only `public` types reach the page. */
export const AgentEvent = defineEvents({
  RUN_STARTED: event<{ goal: string }>({ doc: 'A run began.' }),
  STEP: event<{ text: string }>({ doc: 'A lane made progress (shown to users).' }),
  TOOL_CALL: event<{ tool: string; query: string }>({ visibility: 'internal', doc: 'A lane called a tool: kept in the process.' }),
  THOUGHT: event<{ text: string }>({ visibility: 'debug', doc: 'Model reasoning: never leaves the process.' }),
  RUN_FINISHED: event<{ summary: string }>({ terminal: true, doc: 'The run is over.' }),
});
