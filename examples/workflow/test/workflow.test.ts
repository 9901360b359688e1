import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test, vi } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('the workflow engine: per-run child buses, a glob monitor on the root, disposal at the end', () => {
  const out = execFileSync(process.execPath, [main], { encoding: 'utf8' });
  expect(out).toContain('root/workflow-1: 6 events in its history, 8 progress ticks stayed in its nodes');
  expect(out).toContain('root/workflow-2: 8 events in its history, 12 progress ticks stayed in its nodes');
  const monitor = out.slice(out.indexOf('monitor saw'), out.indexOf('finished:')).trim().split('\n').slice(1).map((l) => l.trim());
  expect(monitor.map((line) => line.split(' ')[1]).sort()).toEqual([
    'root/workflow-1/fetch',
    'root/workflow-1/transform',
    'root/workflow-2/fetch',
    'root/workflow-2/report',
    'root/workflow-2/train',
  ]);
  const seqs = monitor.map((line) => Number(line.split(' ')[0]!.slice(1)));
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(out).toMatch(/finished: workflow-1, workflow-2\n/);
  const rootSeqs = /root history: 20 events, seqs ([\d,]+)/.exec(out)![1]!.split(',').map(Number);
  expect(rootSeqs).toEqual([...rootSeqs].sort((a, b) => a - b));
  expect(out).toContain('children left: 0');
});

test('one middleware on the root stamps every workflow event: each event in the root history, from every run and node bus, carries the tenant and its run', async () => {
  const quiet = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const { root } = await import('../dist/main.js');
    const history = root.history();
    expect(history).toHaveLength(20);
    const scopes = new Set(history.map((e) => e.scope));
    for (const scope of ['root', 'root/workflow-1', 'root/workflow-2', 'root/workflow-1/fetch', 'root/workflow-2/report']) expect(scopes).toContain(scope);
    for (const event of history) {
      const run = event.scope === 'root' ? 'engine' : event.scope!.split('/')[1];
      expect(event.metadata, `${event.type} #${event.seq} from ${event.scope}`).toEqual({ tenant: 'acme', correlationId: run });
    }
  } finally {
    quiet.mockRestore();
  }
});

test("each node awaits the worker's reply (waitFor with sinceSeq and a timeout) and exits with its output", async () => {
  const quiet = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const { root } = await import('../dist/main.js');
    const replies = root.history({ types: ['NODE_WORK_DONE'] });
    expect(replies.map((e) => e.data.path).sort()).toEqual(['root/workflow-1/fetch', 'root/workflow-1/transform', 'root/workflow-2/fetch', 'root/workflow-2/report', 'root/workflow-2/train']);
    const exits = root.history({ types: ['WORKFLOW_NODE_EXITED'] });
    expect(exits).toHaveLength(5);
    for (const exit of exits) {
      const reply = replies.find((e) => e.data.path === exit.scope)!;
      expect(exit.data.output).toBe(`${exit.data.node} ok (${exit.metadata.correlationId})`);
      expect(exit.data.output).toBe(reply.data.output);
      expect(reply.seq).toBeLessThan(exit.seq);
    }
    expect(root.subscriberCount).toBe(3); // the worker, the monitor and the finished log: nothing left by the waits
  } finally {
    quiet.mockRestore();
  }
});
