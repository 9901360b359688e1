/**
 * Child process: runs one scenario once, in a fresh V8, and reports it.
 * Run by the parent through IPC, or by hand (prints the result as JSON):
 * `node --expose-gc dist/harness/child.js emit-10 0 quick`. To profile one candidate:
 * `node --expose-gc --cpu-prof dist/harness/child.js weak-10 0 full 'emit, owner'`.
 */
import { primeAll } from '../prime.js';
import { sinkValue } from '../receivers.js';
import { scenarioById } from '../scenarios/index.js';
import { parseChildArgs, type ChildMessage } from './protocol.js';

/** Sends `message` to the parent (then lets the process exit), or prints it. */
function report(message: ChildMessage): void {
  if (process.send === undefined) {
    console.log(JSON.stringify(message, null, 2));
    return;
  }
  process.send(message, () => process.disconnect());
}

try {
  const { scenario: id, round, mode, only } = parseChildArgs(process.argv.slice(2));
  const scenario = scenarioById(id);
  const started = performance.now();
  if (scenario.kind !== 'heap') {
    primeAll(mode === 'quick');
    scenario.prime?.(mode === 'quick');
  }
  const rows = await scenario.run({ round, quick: mode === 'quick', ...(only === undefined ? {} : { only }) });
  report({
    type: 'result',
    result: { scenario: id, round, rows, sink: sinkValue(), elapsedMs: performance.now() - started },
  });
} catch (error) {
  process.exitCode = 1;
  report({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
