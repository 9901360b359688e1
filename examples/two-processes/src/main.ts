/**
 * Two Node processes, a worker and an API, sharing one typed bus through a
 * Redis stream. Uses the Redis at REDIS_URL, or starts a private redis-server.
 * Each process's output is printed with its name in front.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '@mesh/redis-server';

const own = process.env.REDIS_URL === undefined ? await startRedisServer() : undefined;
const env = { ...process.env, REDIS_URL: process.env.REDIS_URL ?? own!.url, STREAM: `two-processes-${Date.now()}-${process.pid}` };

/** Runs `dist/<name>.js` as a child process; resolves with its exit code. */
function run(name: 'api' | 'worker'): Promise<number | null> {
  const child = spawn(process.execPath, [fileURLToPath(new URL(`./${name}.js`, import.meta.url))], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop()!;
    for (const line of lines) console.log(`[${name}] ${line}`);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

try {
  const codes = await Promise.all([run('api'), run('worker')]);
  console.log(`both processes exited: api ${codes[0]}, worker ${codes[1]}`);
  process.exitCode = codes.every((code) => code === 0) ? 0 : 1;
} finally {
  await own?.stop();
}
