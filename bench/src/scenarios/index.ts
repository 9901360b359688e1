/**
 * Every scenario, in report order. A new group (the bus scenarios, later)
 * adds its file next to these and its list here.
 */
import type { Scenario } from '../harness/types.js';
import { churnScenario } from './churn.js';
import { emitScenarios } from './emit.js';
import { heapScenario } from './heap.js';
import { sendScenarios } from './send.js';
import { senderScenarios } from './sender.js';
import { weakScenarios } from './weak.js';

/** A titled group of scenarios: one section of the report. */
export interface ScenarioGroup {
  readonly title: string;
  readonly scenarios: readonly Scenario[];
}

export const GROUPS: readonly ScenarioGroup[] = [
  {
    title: '@mesh/signals',
    scenarios: [...emitScenarios, ...sendScenarios, ...weakScenarios, ...senderScenarios, churnScenario, heapScenario],
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
