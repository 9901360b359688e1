/**
 * A workflow engine on a tree of scoped buses: one child bus per workflow
 * run and one per node. A root monitor watches every workflow through the
 * glob `root/workflow-*\/**`; a worker on the root does each node's work,
 * and the node awaits its reply (with a timeout); each run disposes its
 * buses when it ends.
 */
import { ScopedEventBus } from '@mesh/scoped';
import { NodeEvent, WorkflowEvent } from './events.js';

const root = ScopedEventBus.root(WorkflowEvent, { historyLimit: 500 });

// One enrichment for the whole engine, added once on the root: every event published anywhere in
// the tree is stamped with the tenant and a correlation id, the workflow run it belongs to ('engine'
// for the engine's own events). A node-only type such as NODE_PROGRESS skips the root's chain: the
// root's registry does not know it, and it never leaves its node.
root.addMiddleware((draft) => {
  draft.metadata.tenant = 'acme';
  draft.metadata.correlationId = draft.scope?.split('/')[1] ?? 'engine';
});

// The worker: it does the work of every node entered, a little later, and replies on the root.
root.subscribe('WORKFLOW_NODE_ENTERED', async (event) => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  root.publish('NODE_WORK_DONE', { path: event.scope!, output: `${event.data.node} ok (${event.metadata.correlationId})` });
});

// The monitor: every node entered, in any workflow, with where it came from.
const entered: string[] = [];
root.subscribe('WORKFLOW_NODE_ENTERED', (event) => void entered.push(`#${event.seq} ${event.scope}`), {
  scope: 'root/workflow-*/**',
});
const finished: string[] = [];
root.subscribe('WORKFLOW_FINISHED', (event) => void finished.push(event.data.workflow));

/** Runs one workflow: a child bus for the run, a grandchild per node, all disposed at the end. */
async function runWorkflow(id: number, nodes: readonly string[]): Promise<void> {
  const run = root.child(`workflow-${id}`);
  let progressTicks = 0;
  run.publish('WORKFLOW_STARTED', { workflow: run.name, nodes: nodes.length });
  for (const name of nodes) {
    const node = run.child(name, NodeEvent);
    node.subscribe('NODE_PROGRESS', () => void progressTicks++, { scope: 'local' });
    // Wait for the worker's reply to this node: `sinceSeq` makes sure a reply that comes before
    // the wait begins is found in history, and the timeout that a lost worker never hangs the run.
    const since = root.bus.history({ limit: 1 })[0]?.seq ?? 0;
    node.publish('WORKFLOW_NODE_ENTERED', { node: name });
    const reply = root.waitFor('NODE_WORK_DONE', { sinceSeq: since, filter: (event) => event.data.path === node.path, timeout: 2000 });
    for (const percent of [25, 50, 75, 100]) {
      node.publish('NODE_PROGRESS', { percent }); // a node-only type: it never reaches the run or the root
      await Promise.resolve();
    }
    const done = await reply;
    node.publish('WORKFLOW_NODE_EXITED', { node: name, output: done.data.output });
  }
  run.publish('WORKFLOW_FINISHED', { workflow: run.name });
  console.log(`${run.path}: ${run.bus.historySize} events in its history, ${progressTicks} progress ticks stayed in its nodes`);
  run.dispose();
}

await Promise.all([runWorkflow(1, ['fetch', 'transform']), runWorkflow(2, ['fetch', 'train', 'report'])]);
root.publish('WORKFLOW_STARTED', { workflow: 'outside', nodes: 0 }); // not under root/workflow-*: the monitor ignores it

console.log('monitor saw nodes entered:');
for (const line of entered) console.log(`  ${line}`);
console.log(`finished: ${finished.join(', ')}`);
console.log(`root history: ${root.bus.historySize} events, seqs ${root.bus.history().map((e) => e.seq).join(',')}`);
console.log(`children left: ${root.children.length}`);

/** The root of the engine's tree, for its test to inspect after a run. */
export { root };
