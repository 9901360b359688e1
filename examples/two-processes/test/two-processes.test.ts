import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('the two-processes example runs: a worker and an API share one bus through Redis', () => {
  const { REDIS_URL: _ignored, ...env } = process.env; // the example starts its own redis-server
  const out = execFileSync(process.execPath, [main], { encoding: 'utf8', env, timeout: 20_000 });
  const lines = (name: string) => out.split('\n').filter((line) => line.startsWith(`[${name}] `)).map((line) => line.slice(name.length + 3));
  const api = lines('api');
  const worker = lines('worker');
  expect(api[0]).toMatch(/^worker-\d+ is ready$/);
  const words = { 'job-1': 4, 'job-2': 2, 'job-3': 3, 'job-4': 5, 'job-5': 2 };
  for (const [job, count] of Object.entries(words)) {
    expect(worker).toContainEqual(expect.stringMatching(new RegExp(`^${job}: ${count} words \\(from api, id \\S+\\)$`)));
    expect(api).toContainEqual(expect.stringMatching(new RegExp(`^${job} done by worker-\\d+: ${count} words \\(local seq \\d+\\)$`)));
  }
  expect(api.at(-1)).toBe('all 5 jobs done, 16 words');
  expect(worker.at(-1)).toBe('stopped: 6 events in, 6 out');
  expect(out.trim().split('\n').at(-1)).toBe('both processes exited: api 0, worker 0');
});
