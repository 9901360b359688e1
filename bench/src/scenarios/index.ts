/**
 * Every scenario, in report order, in groups: one section of the report
 * each. A new scenario adds its file next to these and its list here.
 */
import type { Scenario } from '../harness/types.js';
import { churnScenario } from './churn.js';
import { emitScenarios } from './emit.js';
import { emitterFacadeScenarios } from './emitter-facade.js';
import { heapScenario } from './heap.js';
import { historyHeapScenario } from './history-heap.js';
import { historyScenario } from './history.js';
import { middlewareScenario } from './middleware.js';
import { mittAdapterScenario } from './mitt-adapter.js';
import { otelScenario, otelSdkScenario } from './otel.js';
import { publishScenarios } from './publish.js';
import { redisScenario } from './redis.js';
import { scopedLevelsScenario, scopedScenario } from './scoped.js';
import { sendScenarios } from './send.js';
import { senderScenarios } from './sender.js';
import { sseScenario } from './sse.js';
import { sseTerminalScenario } from './sse-terminal.js';
import { streamScenario } from './stream.js';
import { weakScenarios } from './weak.js';

/** A titled group of scenarios: one section of the report. */
export interface ScenarioGroup {
  readonly title: string;
  readonly scenarios: readonly Scenario[];
}

export const GROUPS: readonly ScenarioGroup[] = [
  {
    title: '@mesh/signals',
    scenarios: [
      ...emitScenarios,
      ...sendScenarios,
      ...weakScenarios,
      ...senderScenarios,
      churnScenario,
      heapScenario,
      mittAdapterScenario,
      ...emitterFacadeScenarios,
    ],
  },
  {
    title: '@mesh/bus and @mesh/scoped',
    scenarios: [
      ...publishScenarios,
      middlewareScenario,
      historyScenario,
      streamScenario,
      scopedScenario,
      scopedLevelsScenario,
      historyHeapScenario,
    ],
  },
  {
    title: '@mesh/http',
    scenarios: [sseScenario, sseTerminalScenario],
  },
  {
    title: '@mesh/redis',
    scenarios: [redisScenario],
  },
  {
    title: '@mesh/otel',
    scenarios: [otelScenario, otelSdkScenario],
  },
];

/** Every scenario, flattened. */
export const SCENARIOS: readonly Scenario[] = GROUPS.flatMap((group) => group.scenarios);

/** The scenario called `id`; throws with the valid ids otherwise. */
export function scenarioById(id: string): Scenario {
  const found = SCENARIOS.find((s) => s.id === id);
  if (found === undefined) throw new Error(`unknown scenario ${JSON.stringify(id)}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  return found;
}
