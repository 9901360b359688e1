import { defineEvents, event } from '@mesh/bus';

/** What an agent run reports. */
export const RunEvent = defineEvents({
  STEP_STARTED: event<{ step: number; title: string }>({ doc: 'A lane started a step (shown to users).' }),
  TOOL_CALLED: event<{ step: number; tool: string }>({ visibility: 'internal', doc: 'A lane called a tool.' }),
  TOKENS: event<{ step: number; count: number }>({ visibility: 'debug', doc: 'Model tokens spent on a step.' }),
  STEP_FINISHED: event<{ step: number }>({ doc: 'A lane finished a step (shown to users).' }),
  RUN_FINISHED: event<{ steps: number }>({ terminal: true, doc: 'The run is over: streams of the run end here.' }),
});
