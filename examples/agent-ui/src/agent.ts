import type { EventBus, EventMapOf } from '@mesh/bus';
import type { AgentEvent } from './events.js';

type AgentBus = EventBus<EventMapOf<typeof AgentEvent>>;

/** The lanes of a run and the steps each takes. */
const LANES: Record<string, readonly string[]> = {
  planner: ['read the goal', 'split it into three questions', 'check the draft against the goal'],
  researcher: ['search the docs', 'read two sources', 'collect quotes'],
  writer: ['outline the answer', 'write the draft', 'polish the wording'],
};

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Plays one agent run on `bus`: three lanes taking turns, tool calls and thoughts kept inside, then the terminal event. */
export async function runAgent(bus: AgentBus, runId: string, stepMs: number): Promise<void> {
  bus.publish('RUN_STARTED', { goal: 'answer a question about Server-Sent Events' }, { runId, source: 'agent' });
  const lanes = Object.entries(LANES);
  for (let step = 0; step < 3; step++) {
    for (const [lane, steps] of lanes) {
      bus.publish('THOUGHT', { text: `${lane} considers: ${steps[step]}` }, { runId, lane, source: lane });
      if (lane === 'researcher') bus.publish('TOOL_CALL', { tool: 'search', query: steps[step]! }, { runId, lane, source: lane });
      bus.publish('STEP', { text: steps[step]! }, { runId, lane, source: lane });
      await pause(stepMs);
    }
  }
  bus.publish('RUN_FINISHED', { summary: `${runId}: 9 steps in 3 lanes` }, { runId, source: 'agent' });
}
