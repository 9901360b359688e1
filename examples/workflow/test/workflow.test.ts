import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

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
  const rootSeqs = /root history: 15 events, seqs ([\d,]+)/.exec(out)![1]!.split(',').map(Number);
  expect(rootSeqs).toEqual([...rootSeqs].sort((a, b) => a - b));
  expect(out).toContain('children left: 0');
});
